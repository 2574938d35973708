"""Session 5's outreach exercise in real JupyterLab: fill the regional targets from the population shares,
set a group target, type a bad value and see it refused next to its box, find the section on disk, restart
the kernel, re-run, and find the targets restored in the boxes and in the canvas.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from eparticipation.worksheets.outreach import default_baseline, rounded_to_total

pytestmark = pytest.mark.lab

POPULATION = rounded_to_total(default_baseline().population)  # what the button puts in the boxes


def _type(form, name: str, text: str) -> None:
    box = form.locator(f".ep-field-{name} input").first
    box.fill(text)
    box.press("Enter")  # the boxes commit on Enter or when they lose focus


def _saved_section(page, workbook, timeout_ms: int = 15000) -> dict:
    """The saved outreach section, once it holds the 14 regions and the rural target."""
    path, waited, section = workbook / "outreach.json", 0, {}
    while waited <= timeout_ms:
        if path.is_file():
            section = json.loads(path.read_text(encoding="utf-8"))
            answers = section.get("answers", {})
            if len(answers.get("regions", {})) == 14 and answers.get("groups", {}).get("rural") == 20:
                return section
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
        waited += 250
    return section


def test_outreach_exercise_saves_refuses_bad_input_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s05-national-plans.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-outreach").first
    form.wait_for(timeout=30000)
    expect(form.locator(".ep-outreach-total")).to_contain_text("no region set yet", timeout=15000)
    assert "Start with the regions" in form.locator(".ep-feedback").first.inner_text()
    assert page.locator(f"{ACTIVE} .ep-canvas-body").count() == 1, "the strategy canvas is missing"

    form.locator(".ep-fill-population button, button.ep-fill-population").first.click()
    expect(form.locator(".ep-outreach-total")).to_contain_text("✔", timeout=15000)
    expect(form.locator(".ep-projection")).to_contain_text("1.000 with your targets", timeout=15000)
    _type(form, "group_rural", "20")
    expect(form.locator(".ep-feedback").first).to_contain_text("Rural residents: your target of 20 %", timeout=15000)
    form.locator(".ep-chart .js-plotly-plot .main-svg").first.wait_for(timeout=15000)

    # A bad value is refused next to its box; the last good value stays saved.
    _type(form, "target_ER13", "<script>alert(1)</script>")
    expect(form.locator(".ep-row-target_ER13 .ep-field-message")).to_contain_text("Not a number", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)

    section = _saved_section(page, workbook)
    assert section["section"] == "outreach"
    assert section["answers"]["regions"] == POPULATION  # East Zangezur keeps its good value
    assert section["answers"]["groups"] == {"rural": 20.0}

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-outreach").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-target_ER01 input").first.input_value() == f"{POPULATION['Baku']:g}"
    assert form.locator(".ep-field-target_ER13 input").first.input_value() == f"{POPULATION['East Zangezur']:g}"
    assert form.locator(".ep-field-group_rural input").first.input_value() == "20"
    expect(form.locator(".ep-projection")).to_contain_text("1.000 with your targets", timeout=15000)
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    assert "Outreach targets by region and group" in canvas.inner_text(), "the canvas does not show the section"
    assert "Rural residents" in canvas.inner_text()
    form.locator(".ep-projection").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-session5-outreach.png"))
    form.locator(".ep-chart").scroll_into_view_if_needed()
    form.locator(".ep-chart").screenshot(path=str(artifacts / "lab-session5-outreach-chart.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
