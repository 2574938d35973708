"""Session 8's response-commitments exercise in real JupyterLab: a bad number gets its reason next to the
field and saves nothing; good answers save; the section file holds them; after a kernel restart and a
re-run the widgets show them again and the strategy canvas lists them, participant text as text.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation import i18n

pytestmark = pytest.mark.lab

P = "response_commitments"
HOSTILE = "<script>alert(1)</script> Deputy minister"
GROUPED = i18n.t(f"{P}.explanation.grouped_reasons", "en")


def _saved(workbook, page, timeout_ms: int = 15000) -> dict:
    """The saved section's answers, once they hold the last answers given (saves follow the fields)."""
    path, answers = workbook / f"{P}.json", {}
    for _ in range(timeout_ms // 250):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.is_file() else {}
        if answers.get("sign_off") == HOSTILE and answers.get("rejection_explanation") == "grouped_reasons":
            break
        page.wait_for_timeout(250)  # not time.sleep: Playwright must keep serving the routed requests
    return answers


def test_commitments_refuse_bad_numbers_save_and_restore_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s08-feedback-loop.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    expect(form.locator(".ep-evidence")).to_contain_text("SYNTHETIC", timeout=15000)
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with the time to answer", timeout=15000)

    days = form.locator(".ep-field-response_days input")
    days.fill("0")
    days.press("Tab")
    message = form.locator(".ep-field-message").first
    expect(message).to_contain_text("at least one working day", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text("Not saved", timeout=15000)
    assert not (workbook / f"{P}.json").exists(), "a refused number was saved"

    days.fill("12")
    days.press("Tab")
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)
    expect(message).not_to_contain_text("at least one working day", timeout=15000)
    share = form.locator(".ep-field-answer_share input")
    share.fill("150")
    share.press("Tab")
    expect(form.locator(".ep-field-message").nth(2)).to_contain_text("cannot be more than 100%", timeout=15000)
    share.fill("100")
    share.press("Tab")
    form.locator(".ep-field-what_summary input[type=checkbox]").check()
    form.locator(".ep-field-where_own_website input[type=checkbox]").check()
    form.locator(".ep-field-rejection_explanation").get_by_text(GROUPED, exact=True).click()
    sign_off = form.locator(".ep-field-sign_off input")
    sign_off.fill(HOSTILE)
    sign_off.press("Tab")
    expect(feedback).to_contain_text("times what the SYNTHETIC sample achieved", timeout=15000)
    expect(feedback).to_contain_text("reasons are not among what you publish", timeout=15000)

    answers = _saved(workbook, page)
    assert answers["response_days"] == 12 and answers["answer_share"] == 100
    assert answers["publish_what"] == ["summary"] and answers["publish_where"] == ["own_website"]
    assert answers["rejection_explanation"] == "grouped_reasons" and answers["sign_off"] == HOSTILE

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-{P}").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    assert form.locator(".ep-field-response_days input").input_value() == "12"
    assert form.locator(".ep-field-answer_share input").input_value() == "100"
    assert form.locator(".ep-field-where_own_website input[type=checkbox]").is_checked()
    assert not form.locator(".ep-field-where_social_media input[type=checkbox]").is_checked()
    assert form.locator(".ep-field-rejection_explanation input[type=radio]:checked").count() == 1
    assert form.locator(".ep-field-sign_off input").input_value() == HOSTILE
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    expect(canvas).to_contain_text("Response commitments", timeout=15000)
    expect(canvas).to_contain_text(HOSTILE, timeout=15000)  # shown as text, not run as a script
    assert canvas.locator("script").count() == 0 and form.locator("script").count() == 0
    form.scroll_into_view_if_needed()
    form.screenshot(path=str(artifacts / "lab-session8-response-commitments.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
