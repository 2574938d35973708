"""Session 6's channel-mix designer in real JupyterLab: type a budget and two allocations, see the reach,
the inclusion score and who is left out; type a budget of zero and see the message while the saved mix
stays; restart the kernel, re-run, and find the mix restored in the fields and on the canvas.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation.worksheets.channel_mix import ChannelMix, channel_mix_feedback, inclusion_score, estimate

pytestmark = pytest.mark.lab

BUDGET = "100 000"
ALLOCATIONS = {"egov_mygov": "60000", "asan_centre": "20000"}
STORED = {"budget_azn": 100000, "allocations": {"egov_mygov": 60000, "asan_centre": 20000}, "notes": ""}


def test_expected_results_are_the_worksheets():
    answers = ChannelMix.model_validate(STORED)
    assert round(inclusion_score(estimate(answers))) == 82
    assert "channel_mix.fb.offline" in [item.key for item in channel_mix_feedback(answers)]


def _type(form, css: str, text: str) -> None:
    box = form.locator(f"{css} input").first
    box.fill(text)
    box.press("Enter")  # the fields commit on Enter or when they lose focus


def _saved(page, workbook, expected: dict, timeout_ms: int = 15000) -> dict:
    path, waited, section = workbook / "channel_mix.json", 0, {}
    while waited <= timeout_ms:
        if path.is_file():
            section = json.loads(path.read_text(encoding="utf-8"))
            if section.get("answers") == expected:
                return section
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
        waited += 250
    return section


def test_channel_mix_saves_refuses_zero_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s06-channels-inclusion.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-channel_mix").first
    form.wait_for(timeout=30000)
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with the total budget", timeout=15000)
    assert page.locator(f"{ACTIVE} .ep-canvas-body").count() == 1, "the strategy canvas is missing"

    _type(form, ".ep-field-budget_azn", BUDGET)
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    for key, amount in ALLOCATIONS.items():
        _type(form, f".ep-field-alloc-{key}", amount)
    results = form.locator(".ep-mix-results")
    expect(results).to_contain_text("Inclusion score: 82/100", timeout=15000)
    expect(form.locator(".ep-left-out")).to_contain_text("People who do not use the internet (left out)", timeout=15000)
    expect(feedback).to_contain_text("heard at 4% of their weight", timeout=15000)
    expect(form.locator(".ep-mix-total")).to_contain_text("Allocated 80,000 AZN of 100,000 AZN", timeout=15000)
    form.locator(".ep-chart .js-plotly-plot .main-svg").first.wait_for(timeout=15000)
    assert _saved(page, workbook, STORED)["answers"] == STORED

    # A budget of zero: a message next to the field, the saved mix untouched, the typed text kept.
    _type(form, ".ep-field-budget_azn", "0")
    expect(form.locator(".ep-field-message").first).to_contain_text("A budget of zero reaches nobody", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)
    assert json.loads((workbook / "channel_mix.json").read_text(encoding="utf-8"))["answers"] == STORED
    page.screenshot(path=str(artifacts / "lab-session6-channel-mix-zero.png"))

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-channel_mix").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-budget_azn input").first.input_value() == "100000"
    for key, amount in ALLOCATIONS.items():
        assert form.locator(f".ep-field-alloc-{key} input").first.input_value() == amount, key
    assert form.locator(".ep-field-alloc-call_centre input").first.input_value() == ""
    expect(form.locator(".ep-mix-results")).to_contain_text("Inclusion score: 82/100", timeout=15000)
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    assert "Inclusion score: 82/100" in canvas.inner_text(), "the canvas does not show the saved section"
    form.locator(".ep-mix-results").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-session6-channel-mix.png"))
    form.locator(".ep-chart").scroll_into_view_if_needed()
    form.locator(".ep-chart").screenshot(path=str(artifacts / "lab-session6-channel-mix-chart.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
