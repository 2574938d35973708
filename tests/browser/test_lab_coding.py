"""Session 7's coding exercise in real JupyterLab: code three comments, compare with the key, see the
agreement, find the section file on disk, restart the kernel, re-run, and find the codes restored.

Lab runs on copies of exercises/ and a temporary workbook (the `lab` fixture), as a participant meets it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation import i18n
from eparticipation.worksheets.coding import sample_for

pytestmark = pytest.mark.lab

SAMPLE = sample_for("en").head(3)  # the Lab workbook has no profile, so the exercise is in English
CODES = {row.text_id: (row.topic, row.stance) for row in SAMPLE.itertuples()}  # the key's own codes


def test_coding_exercise_saves_compares_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch, form = lab_driver.open_exercise(browser, base, token, "exercises/s07-analysing-input.ipynb",
                                                          "coding")
    feedback = form.locator(".ep-feedback").first
    expect(feedback).to_contain_text("Start with the first comment", timeout=15000)
    assert "SYNTHETIC" in form.inner_text()

    for text_id, (topic, stance) in CODES.items():
        form.locator(f".ep-field-{text_id}-topic select").select_option(label=i18n.t(f"coding.topic.{topic}", "en"))
        form.locator(f".ep-field-{text_id}-stance select").select_option(label=i18n.t(f"coding.stance.{stance}", "en"))
    expect(feedback).to_contain_text(f"{len(CODES)} of 12 comments", timeout=15000)
    form.locator(".ep-field-compare input[type=checkbox]").check()
    expect(form.locator(".ep-coding-results")).to_contain_text("Your codes and the key", timeout=15000)
    expect(feedback).to_contain_text("almost perfect", timeout=15000)
    expect(form.locator(".ep-saved")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15000)

    # The kernel saves before it redraws the feedback, so the comparison on screen means the file holds it.
    section = json.loads((workbook / "coding.json").read_text(encoding="utf-8"))
    assert section["section"] == "coding" and section["answers"]["compare"] is True
    assert {t: (c["topic"], c["stance"]) for t, c in section["answers"]["codes"].items()} == CODES

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise-coding").first
    form.wait_for(timeout=30000)
    assert "Loaded from your workbook" in form.locator(".ep-saved").inner_text()
    for text_id, (topic, stance) in CODES.items():
        # ipywidgets' <select> carries the option labels as values
        assert form.locator(f".ep-field-{text_id}-topic select").input_value() == i18n.t(f"coding.topic.{topic}", "en")
        assert form.locator(f".ep-field-{text_id}-stance select").input_value() == i18n.t(f"coding.stance.{stance}", "en")
    expect(form.locator(".ep-coding-results")).to_contain_text(next(iter(CODES)), timeout=15000)
    canvas = page.locator(f"{ACTIVE} .ep-canvas-body")
    assert i18n.t("coding.title", "en") in canvas.inner_text(), "the canvas does not show the saved section"
    form.locator(".ep-coding-results").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-session7-coding.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()
