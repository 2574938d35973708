"""Session 10's implementation plan in real JupyterLab: a row without a name or with a zero duration gets its
reason next to the row and saves nothing; a good row, the coordinator and a risk save; the Gantt chart is
drawn; after a kernel restart and a re-run the widgets show the answers again and the strategy canvas lists
them, participant text as text.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation import i18n

pytestmark = pytest.mark.lab

P = "implementation_plan"
HOSTILE = "<script>alert(1)</script> Agency"
PORTAL = i18n.t("channel_mix.channel.egov_mygov", "en")
HIGH = i18n.t(f"{P}.level.3", "en")


def _saved(workbook, page, timeout_ms: int = 15000) -> dict:
    """The saved section's answers, once they hold the last answers given (saves follow the fields)."""
    path, answers = workbook / f"{P}.json", {}
    for _ in range(timeout_ms // 250):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.is_file() else {}
        capture = answers.get("risks", {}).get("capture", {})
        if answers.get("coordinator") == "Ministry A" and capture.get("impact") == 3 and answers.get("actions"):
            break
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
    return answers


def _type(form, field: str, text: str) -> None:
    box = form.locator(f".ep-field-{field} input")
    box.fill(text)
    box.press("Tab")


def test_plan_refuses_bad_rows_saves_draws_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s10-implementation.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with the coordinating body", timeout=15000)

    row = form.locator(".ep-action-row-0 .ep-field-message")
    _type(form, "action_0_owner", HOSTILE)
    expect(row).to_contain_text("Give the action a name first", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)
    assert not (workbook / f"{P}.json").exists(), "a row without a name was saved"

    _type(form, "action_0_name", "Portal page")
    _type(form, "action_0_start_month", "2")
    _type(form, "action_0_duration_months", "0")
    expect(row).to_contain_text("at least 1", timeout=15000)
    _type(form, "action_0_duration_months", "3")
    _type(form, "action_0_cost_azn", "12 000")
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    expect(row).not_to_contain_text("at least 1", timeout=15000)
    form.locator(".ep-field-action_0_channel select").select_option(label=PORTAL)
    _type(form, "coordinator", "Ministry A")
    form.locator(".ep-field-risk_capture_likelihood select").select_option(label=HIGH)
    form.locator(".ep-field-risk_capture_impact select").select_option(label=HIGH)
    expect(feedback).to_contain_text("High likelihood and high impact", timeout=15000)
    form.locator(".ep-chart .js-plotly-plot .main-svg").first.wait_for(timeout=15000)
    expect(form.locator(".ep-chart-summary")).to_contain_text("Portal page", timeout=15000)

    answers = _saved(workbook, page)
    action = answers["actions"][0]
    assert action == {"name": "Portal page", "owner": HOSTILE, "channel": "egov_mygov", "start_month": 2,
                      "duration_months": 3, "cost_azn": 12000.0}
    assert answers["risks"]["capture"]["likelihood"] == 3 and answers["coordinator"] == "Ministry A"

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-action_0_owner input").input_value() == HOSTILE
    assert form.locator(".ep-field-action_0_cost_azn input").input_value() == "12000"
    assert form.locator(".ep-field-coordinator input").input_value() == "Ministry A"
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    expect(canvas).to_contain_text("Implementation plan", timeout=15000)
    expect(canvas).to_contain_text(HOSTILE, timeout=15000)  # shown as text, not run as a script
    assert canvas.locator("script").count() == 0 and form.locator("script").count() == 0
    form.scroll_into_view_if_needed()
    form.screenshot(path=str(artifacts / "lab-session10-implementation-plan.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
