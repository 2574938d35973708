"""Session 11's M&E plan designer in real JupyterLab: an absurd target gets its reason next to the field
and is not saved; good answers save; the section file holds them; after a kernel restart and a re-run the
widgets show them again and the strategy canvas lists them, participant text as text.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation import i18n

pytestmark = pytest.mark.lab

P = "me_plan"
HOSTILE = "<script>alert(1)</script> Answered"
MEASURE = i18n.t(f"{P}.measure.response_rate", "en")


def _saved(workbook, page, timeout_ms: int = 15000) -> dict:
    """The saved section's answers, once they hold the last answers given (saves follow the fields)."""
    path, answers = workbook / f"{P}.json", {}
    for _ in range(timeout_ms // 250):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.is_file() else {}
        first = (answers.get("indicators") or [{}])[0]
        if first.get("name") == HOSTILE and first.get("target") == 100 and first.get("source"):
            break
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
    return answers


def _type(form, field: str, text: str) -> None:
    box = form.locator(f".ep-field-{field} input")
    box.fill(text)
    box.press("Tab")


def test_me_plan_refuses_absurd_targets_saves_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s11-monitoring-evaluation.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    expect(form.locator(".ep-evidence")).to_contain_text("SYNTHETIC", timeout=15000)
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with one indicator", timeout=15000)

    form.locator(".ep-field-i1_measure select").select_option(label=MEASURE)
    _type(form, "i1_target", "250")
    message = form.locator(".ep-field-i1_target + .ep-field-message")
    expect(message).to_contain_text("More than 100 %", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)

    _type(form, "i1_target", "100")
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    expect(message).not_to_contain_text("More than 100 %", timeout=15000)
    _type(form, "i1_baseline", "40")
    _type(form, "i1_source", "Platform export")
    _type(form, "i1_name", HOSTILE)
    expect(feedback).to_contain_text("far above the SYNTHETIC sample", timeout=15000)

    answers = _saved(workbook, page)
    first = answers["indicators"][0]
    assert first["name"] == HOSTILE and first["measure"] == "response_rate"
    assert first["baseline"] == 40 and first["target"] == 100 and first["source"] == "Platform export"

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-i1_name input").input_value() == HOSTILE
    assert form.locator(".ep-field-i1_target input").input_value() == "100"
    assert form.locator(".ep-field-i1_baseline input").input_value() == "40"
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    expect(canvas).to_contain_text("Monitoring and evaluation plan", timeout=15000)
    expect(canvas).to_contain_text(HOSTILE, timeout=15000)  # shown as text, not run as a script
    assert canvas.locator("script").count() == 0 and form.locator("script").count() == 0
    form.scroll_into_view_if_needed()
    form.screenshot(path=str(artifacts / "lab-session11-me-plan.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
