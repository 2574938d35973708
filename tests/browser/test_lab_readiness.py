"""Session 2's readiness exercise in real JupyterLab (issue 4's "Done when"): fill in several answers,
see the feedback and the gap list change, find the section file on disk, restart the kernel, re-run,
and find the answers restored in the widgets.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation import i18n
from eparticipation.worksheets.readiness import ItemAnswer, Readiness, gaps

pytestmark = pytest.mark.lab

# (statement, column) -> button label; "No" sits inside "Don't know", so buttons are matched exactly.
ANSWERS = {
    ("legal_access", "legislation"): "Yes",
    ("legal_access", "policy"): "Yes",
    ("cons_response", "legislation"): "No",
    ("cons_response", "policy"): "No",
    ("info_open_data", "legislation"): "Don't know",
    ("info_open_data", "policy"): "Yes",
}
STORED = {"Yes": "yes", "No": "no", "Don't know": "dk"}
# The order the exercise's own rule gives: No in both columns (e-consultation, 2 + 3) before
# Don't know beside a Yes (e-information, 3 + 1).
EXPECTED_GAPS = ["cons_response", "info_open_data"]


def test_expected_gap_order_is_the_exercises_rule():
    answers = Readiness.model_validate({"items": {}})
    for (item, column), label in ANSWERS.items():
        answers.items.setdefault(item, ItemAnswer())
        setattr(answers.items[item], column, STORED[label])
    assert [gap.item for gap in gaps(answers)] == EXPECTED_GAPS


def _statement(item: str) -> str:
    return i18n.t(f"readiness.item.{item}", "en")


def _saved_section(page, workbook, timeout_ms: int = 15000) -> dict:
    """The saved readiness section, once it holds every answer given (saves follow the clicks)."""
    path, waited, section = workbook / "readiness.json", 0, {}
    while waited <= timeout_ms:
        if path.is_file():
            section = json.loads(path.read_text(encoding="utf-8"))
            if len(section.get("answers", {}).get("items", {})) == len({i for i, _c in ANSWERS}) and all(
                    section["answers"]["items"][i].get(c) for i, c in ANSWERS):
                return section
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
        waited += 250
    return section


def test_readiness_exercise_saves_gives_feedback_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s02-readiness.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-readiness").first
    form.wait_for(timeout=30000)
    gaps, feedback = form.locator(".ep-gaps"), form.locator(".ep-feedback").first
    assert "No gaps yet" in gaps.inner_text()
    feedback_before = feedback.inner_text().strip()
    assert feedback_before, "no feedback on a fresh workbook"
    assert page.locator(f"{ACTIVE} .ep-canvas-body").count() == 1, "the strategy canvas is missing"

    for (item, column), label in ANSWERS.items():
        form.locator(f".ep-field-{item}-{column}").get_by_role("button", name=label, exact=True).click()
    # Clicks reach the kernel one by one and each redraws the form, so wait for the state after the
    # last click (expect() retries) rather than reading the first change that appears.
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    expect(feedback).to_contain_text("6 of 42 answers given", timeout=15000)
    expect(form.locator(".ep-chart-summary")).to_contain_text("6 of 42 answers given", timeout=15000)
    # The gap list follows the answers: neither law nor policy, then the Don't-know pattern; no line for a double Yes.
    for item in EXPECTED_GAPS:
        expect(gaps).to_contain_text(_statement(item), timeout=15000)
    gap_text = gaps.inner_text()
    assert _statement("legal_access") not in gap_text
    shown = sorted(EXPECTED_GAPS, key=lambda item: gap_text.index(_statement(item)))
    assert shown == EXPECTED_GAPS, "the gap list is not in the exercise's order of priority"
    assert feedback.inner_text().strip() != feedback_before
    form.locator(".ep-chart .js-plotly-plot .main-svg").first.wait_for(timeout=15000)

    # The section file on disk holds exactly the answers given.
    section = _saved_section(page, workbook)
    assert section["section"] == "readiness"
    items = section["answers"]["items"]
    for (item, column), label in ANSWERS.items():
        assert items[item][column] == STORED[label], (item, column, items.get(item))
    assert set(items) == {item for item, _column in ANSWERS}

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-readiness").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    for (item, column), label in ANSWERS.items():
        active = form.locator(f".ep-field-{item}-{column} button.mod-active")
        assert active.count() == 1 and active.inner_text().strip() == label, (item, column)
    assert form.locator(".ep-field-skills_training-policy button.mod-active").count() == 0
    assert _statement("cons_response") in form.locator(".ep-gaps").inner_text()
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    assert _statement("cons_response") in canvas.inner_text(), "the canvas does not show the saved section"
    # The form is taller than the window, so the pictures show its parts: restored answers, then chart and gaps.
    form.locator(".ep-statement-legal_access").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-session2-readiness.png"))
    form.locator(".ep-chart .js-plotly-plot .main-svg").first.wait_for(timeout=15000)
    form.locator(".ep-chart").scroll_into_view_if_needed()
    form.locator(".ep-chart").screenshot(path=str(artifacts / "lab-session2-readiness-radar.png"))
    form.locator(".ep-gaps").screenshot(path=str(artifacts / "lab-session2-readiness-gaps.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
