"""Session 9's strategy-design exercise in real JupyterLab: a stakeholder row without scores gets its reason
next to the row and saves nothing; good answers save (vision, a condition, a level on a stage's tab, a
stakeholder); the worked example opens on request without touching the answers; after a kernel restart and a
re-run the widgets show the answers again and the strategy canvas lists them, participant text as text.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.lab

P = "strategy_design"
HOSTILE = "<script>alert(1)</script> Fishers' union"
VISION = "Every coastal resident can shape our policies by 2030."


def _saved(workbook, page, timeout_ms: int = 15000) -> dict:
    """The saved section's answers, once they hold the last answers given (saves follow the fields)."""
    path, answers = workbook / f"{P}.json", {}
    for _ in range(timeout_ms // 250):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.is_file() else {}
        if answers.get("stakeholders") and answers.get("stages", {}).get("decision", {}).get("level"):
            break
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
    return answers


def test_strategy_design_saves_checks_rows_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s09-strategy-design.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=120000)  # the heaviest exercise: ~110 widgets to draw
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with a vision", timeout=15000)
    expect(form.locator(".ep-readiness-gaps")).to_contain_text("Complete the Session 2", timeout=15000)

    vision = form.locator(".ep-field-vision textarea")
    vision.fill(VISION)
    vision.press("Tab")
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    form.locator(".ep-field-cond_time input[type=checkbox]").check()

    # A stakeholder with a name but no scores is refused next to its row.
    name = form.locator(".ep-field-sh1_name input")
    name.fill(HOSTILE)
    name.press("Tab")
    expect(form.locator(".ep-field-message").filter(has_text="Choose both an influence and an interest")).to_have_count(
        1, timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)
    form.locator(".ep-field-sh1_influence select").select_option(label="2")
    form.locator(".ep-field-sh1_interest select").select_option(label="4")
    expect(form.locator(".ep-chart-summary")).to_contain_text("Keep informed", timeout=15000)
    expect(form.locator(".ep-field-message").filter(has_text="Choose both")).to_have_count(0, timeout=15000)

    form.locator(".ep-stage-tabs .lm-TabBar-tab").filter(has_text=re.compile(r"^Decision-making$")).click()
    form.locator(".ep-field-decision__level").get_by_role("button", name="e-Decision-making", exact=True).click()
    expect(feedback).to_contain_text("complete Session 8", timeout=15000)
    expect(feedback).to_contain_text("a level is planned but no channel carries it", timeout=15000)

    answers = _saved(workbook, page)
    assert answers["vision"] == VISION and answers["preconditions"] == ["time"]
    assert answers["stakeholders"] == [{"name": HOSTILE, "influence": 2, "interest": 4}]
    assert answers["stages"]["decision"]["level"] == "e_decision"

    form.locator(".ep-example-toggle").click()
    expect(form.locator(".ep-example")).to_contain_text("Ministry of Digital Services (fictitious)", timeout=15000)
    assert json.loads((workbook / f"{P}.json").read_text(encoding="utf-8"))["answers"]["vision"] == VISION

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=120000)  # the heaviest exercise: ~110 widgets to draw
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-vision textarea").input_value() == VISION
    assert form.locator(".ep-field-cond_time input[type=checkbox]").is_checked()
    assert not form.locator(".ep-field-cond_problem input[type=checkbox]").is_checked()
    assert form.locator(".ep-field-sh1_name input").input_value() == HOSTILE
    assert form.locator(".ep-field-sh1_interest select option:checked").text_content().strip() == "4"
    active = form.locator(".ep-field-decision__level button.mod-active")
    assert active.count() == 1 and active.text_content().strip() == "e-Decision-making"
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    expect(canvas).to_contain_text("Stakeholder map", timeout=15000)
    expect(canvas).to_contain_text(HOSTILE, timeout=15000)  # shown as text, not run as a script
    assert canvas.locator("script").count() == 0 and form.locator("script").count() == 0
    form.scroll_into_view_if_needed()
    form.screenshot(path=str(artifacts / "lab-session9-strategy-design.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
