"""Session 12's first-100-days exercise in real JupyterLab: a day outside 1-100 gets its reason next to the
box and saves nothing; good answers save; after a kernel restart and a re-run the widgets show them again,
and the strategy canvas lists them, participant text as text. The worked example opens on request.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.lab

P = "next_steps"
HOSTILE = "<script>alert(1)</script> Publish the commitments"


def _saved(workbook, page, timeout_ms: int = 15000) -> dict:
    path, answers = workbook / f"{P}.json", {}
    for _ in range(timeout_ms // 250):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.is_file() else {}
        if answers.get("actions") and answers["actions"][0].get("owner") and answers.get("resources"):
            break
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
    return answers


def test_first_100_days_refuse_bad_days_save_and_restore_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s12-action-plan.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with one action", timeout=15000)

    what = form.locator(".ep-field-what_1 input")
    what.fill(HOSTILE)
    what.press("Tab")
    day = form.locator(".ep-field-day_1 input")
    day.fill("0")
    day.press("Tab")
    message = form.locator(".ep-row-action_1 .ep-field-message").nth(2)
    expect(message).to_contain_text("the first day after the workshop is day 1", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)
    day.fill("12")
    day.press("Tab")
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    owner = form.locator(".ep-field-owner_1 input")
    owner.fill("Public relations unit")
    owner.press("Tab")
    form.locator(".ep-field-res_oecd_guidelines input[type=checkbox]").check()
    answers = _saved(workbook, page)
    assert answers["actions"][0] == {"what": HOSTILE, "owner": "Public relations unit", "day": 12}
    assert answers["resources"] == ["oecd_guidelines"]

    form.locator(".ep-example-toggle").click()
    expect(form.locator(".ep-example")).to_contain_text("(fictitious)", timeout=15000)
    assert json.loads((workbook / f"{P}.json").read_text(encoding="utf-8"))["answers"]["actions"][0]["what"] == HOSTILE

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-what_1 input").input_value() == HOSTILE
    assert form.locator(".ep-field-day_1 input").input_value() == "12"
    assert form.locator(".ep-field-res_oecd_guidelines input[type=checkbox]").is_checked()
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    expect(canvas).to_contain_text("The first 100 days", timeout=15000)
    expect(canvas).to_contain_text(HOSTILE, timeout=15000)  # shown as text, not run as a script
    assert canvas.locator("script").count() == 0 and form.locator("script").count() == 0
    assert page.locator(f"{ACTIVE} .ep-exercise-peer_reviews").count() == 1
    form.scroll_into_view_if_needed()
    form.screenshot(path=str(artifacts / "lab-session12-next-steps.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
