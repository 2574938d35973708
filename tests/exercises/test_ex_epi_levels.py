"""Session 1 exercise: classify real initiatives on the three EPI levels."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from eparticipation import i18n
from eparticipation.exercises.epi_levels import EpiLevelsExercise, epi_levels_exercise
from eparticipation.worksheets import epi_levels as ws
from eparticipation.exercises.base import feedback_html
from eparticipation.paths import REPO_ROOT
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Para, Table
from eparticipation.workbook.bundle import read_workbook
from eparticipation.workbook.export import to_docx_bytes, to_markdown

REFERENCE = {item.id: item.reference for item in ws.INITIATIVES}
REFERENCES_BIB = REPO_ROOT / "book" / "references.bib"


def answers(**choices) -> ws.EpiLevels:
    return ws.EpiLevels(choices=choices)


# -- model ----------------------------------------------------------------------------------------
def test_model_refuses_unknown_initiatives_and_levels():
    with pytest.raises(ValidationError):
        ws.EpiLevels(choices={"atlantis": "decision"})
    with pytest.raises(ValidationError):
        ws.EpiLevels(choices={"asan": "empower"})
    assert ws.EpiLevels().choices == {}


def test_the_cases_cover_all_three_levels_and_cite_existing_references():
    assert len(ws.INITIATIVES) == 8
    assert {item.reference for item in ws.INITIATIVES} == set(ws.LEVELS)
    bib = open(REFERENCES_BIB, encoding="utf-8").read()
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE))
    for item in ws.INITIATIVES:
        assert item.sources and set(item.sources) <= keys, item.id
        assert item.acceptable != item.reference
        for key in (f"epi_levels.name.{item.id}", f"epi_levels.item.{item.id}", f"epi_levels.why.{item.id}"):
            assert i18n.has(key, "en") and i18n.has(key, "az"), key
        if item.acceptable:
            assert i18n.has(f"epi_levels.alt.{item.id}", "az")


def test_reference_levels_agree_with_the_case_table():
    """A case in both the exercise and the case table has one reference level (the table's), so the
    Session 1 exercise and the Session 4 case explorer never contradict each other."""
    from eparticipation.data.cases import load_international_cases

    same_case = {"vtaiwan": "vtaiwan_uber", "rahvakogu": "ee_rahvakogu", "iceland": "is_constitution",
                 "decide_madrid": "es_decide_madrid", "uk_petitions": "uk_parliament_petitions"}
    table = load_international_cases().set_index("case_id")["epi_level"]
    for initiative, case_id in same_case.items():
        assert f"e-{ws.BY_ID[initiative].reference}" in (table[case_id], table[case_id].replace("decision-making", "decision")), initiative


# -- rules ----------------------------------------------------------------------------------------
def test_outcome_of_each_kind_of_answer():
    vtaiwan = ws.BY_ID["vtaiwan"]
    assert ws.outcome(vtaiwan, "consultation") == "match"
    assert ws.outcome(vtaiwan, "decision") == "acceptable"
    assert ws.outcome(vtaiwan, "information") == "different"
    assert ws.outcome(vtaiwan, None) == "unanswered"
    assert ws.outcome(ws.BY_ID["uk_petitions"], "decision") == "different"  # no second level there


def test_direction_compares_levels():
    petitions = ws.BY_ID["uk_petitions"]
    assert ws.direction(petitions, "decision") == 1
    assert ws.direction(petitions, "information") == -1
    assert ws.direction(petitions, "consultation") == 0


def test_score_counts_outcomes():
    tally = ws.score(answers(egov_portal="information", vtaiwan="decision", asan="decision"))
    assert tally == {"match": 1, "acceptable": 1, "different": 1, "unanswered": 5, "answered": 3, "total": 8}


def test_empty_answers_get_a_start_tip():
    items = ws.epi_levels_feedback(ws.EpiLevels())
    assert [(f.level, f.key) for f in items] == [("tip", "epi_levels.fb.start")]
    assert "8" in items[0].text("en")


def test_every_answered_case_is_explained_right_or_wrong():
    items = ws.epi_levels_feedback(answers(uk_petitions="decision", decide_madrid="decision", rahvakogu="decision"))
    by_key = {}
    for item in items:
        by_key.setdefault(item.key, []).append(item)
    assert items[0].key == "epi_levels.fb.score_progress"
    assert len(by_key["epi_levels.fb.different"]) == 1 and by_key["epi_levels.fb.different"][0].level == "warning"
    assert len(by_key["epi_levels.fb.match"]) == 1 and by_key["epi_levels.fb.match"][0].level == "good"
    assert len(by_key["epi_levels.fb.acceptable"]) == 1
    wrong = by_key["epi_levels.fb.different"][0].text("en")
    assert "UK Parliament e-petitions" in wrong and "E-consultation" in wrong and "govuk2015petitions" in wrong
    assert "signatures decide nothing" in wrong  # the why, not just the verdict
    defensible = by_key["epi_levels.fb.acceptable"][0].text("en")
    assert "defensible" in defensible and "parliament" in defensible and "cpiestonia" in defensible


def test_choosing_too_high_twice_gets_the_promise_tip():
    items = ws.epi_levels_feedback(answers(uk_petitions="decision", draft_acts="decision", egov_portal="consultation"))
    tip = [f for f in items if f.key == "epi_levels.fb.too_high"]
    assert tip and tip[0].params["n"] == 3
    assert not [f for f in items if f.key == "epi_levels.fb.too_low"]


def test_choosing_too_low_twice_gets_the_other_tip():
    items = ws.epi_levels_feedback(answers(decide_madrid="information", uk_petitions="information"))
    assert [f.params["n"] for f in items if f.key == "epi_levels.fb.too_low"] == [2]


def test_same_level_everywhere_is_flagged():
    items = ws.epi_levels_feedback(answers(**{item.id: "consultation" for item in ws.INITIATIVES}))
    flagged = [f for f in items if f.key == "epi_levels.fb.all_same"]
    assert flagged and "E-consultation" in flagged[0].text("en")
    few = ws.epi_levels_feedback(answers(draft_acts="consultation", uk_petitions="consultation"))
    assert not [f for f in few if f.key == "epi_levels.fb.all_same"]  # too few answers to judge


def test_complete_and_correct_asks_for_own_example_then_stops():
    perfect = ws.EpiLevels(choices=REFERENCE)
    items = ws.epi_levels_feedback(perfect)
    assert items[0].key == "epi_levels.fb.score_done" and items[0].level == "good"
    assert items[-1].key == "epi_levels.fb.own_example"
    assert all(f.level == "good" for f in items if f.key.startswith("epi_levels.fb.match"))
    done = ws.epi_levels_feedback(ws.EpiLevels(choices=REFERENCE, own_example="Our portal: e-information."))
    assert "epi_levels.fb.own_example" not in [f.key for f in done]


def test_feedback_renders_in_both_languages_without_raw_keys():
    items = ws.epi_levels_feedback(answers(vtaiwan="consultation", asan="decision"))
    for lang in ("en", "az"):
        page = feedback_html(items, lang)
        assert "epi_levels." not in page and "{" not in page
    assert "E-məsləhətləşmə" in feedback_html(items, "az")


# -- section: canvas, export, dashboard --------------------------------------------------------------
def test_section_is_registered_and_empty_by_default():
    spec = sections.get("epi_levels")
    assert spec is ws.SECTION and spec.order == 10
    assert spec.empty(ws.EpiLevels()) and not spec.empty(answers(asan="information"))


def test_render_shows_choices_reference_score_and_own_example():
    blocks = ws.render_epi_levels(ws.EpiLevels(choices={"vtaiwan": "decision"}, own_example="Our map <b>"), "en")
    table = next(b for b in blocks if isinstance(b, Table))
    row = next(r for r in table.rows if r[0].startswith("vTaiwan"))
    assert row[1] == "E-decision-making" and row[2].startswith("E-consultation (also defensible")
    assert row[3] == "Defensible second level"
    assert any(isinstance(b, Para) and "A defensible second level: 1" in b.text for b in blocks)
    bullets = next(b for b in blocks if isinstance(b, Bullets))
    assert len(bullets.items) == 1 and "cpi2019uber" in bullets.items[0]
    assert any(isinstance(b, Para) and b.text == "Our map <b>" for b in blocks)


def test_render_without_answers_says_so():
    blocks = ws.render_epi_levels(ws.EpiLevels(), "az")
    assert any(isinstance(b, Para) and b.text == i18n.t("epi_levels.none_yet", "az") for b in blocks)


def test_export_includes_the_section(store):
    store.save("epi_levels", answers(decide_madrid="decision"))
    workbook = read_workbook(store.folder)
    text = to_markdown(workbook, "en")
    assert i18n.t("epi_levels.title", "en") in text and "Decide Madrid" in text
    assert to_docx_bytes(workbook, "az")[:2] == b"PK"  # the Word draft builds with the section


def test_aggregate_counts_levels_and_agreement():
    entries = [("P01", answers(uk_petitions="consultation")), ("P02", answers(uk_petitions="decision")),
               ("P03", ws.EpiLevels())]
    blocks = ws.aggregate_epi_levels(entries, "en")
    table = next(b for b in blocks if isinstance(b, Table))
    row = next(r for r in table.rows if r[0].startswith("UK Parliament"))
    assert row[1:4] == ("0", "1", "1") and row[-1] == "50%"
    untouched = next(r for r in table.rows if r[0].startswith("Decide Madrid"))
    assert untouched[-1] == "–"
    assert ws.aggregate_epi_levels([], "en") == []


# -- widget ------------------------------------------------------------------------------------------
def test_widget_saves_each_choice_and_explains_it(store):
    exercise = EpiLevelsExercise(store, "en")
    assert "ep-exercise-epi_levels" in exercise.widget._dom_classes
    assert store.load("epi_levels").status != "loaded"
    exercise.fields["choice:uk_petitions"].value = "decision"
    saved = store.load("epi_levels").answers
    assert saved.choices == {"uk_petitions": "decision"}
    assert "signatures decide nothing" in exercise.feedback.value
    assert "Different: 1" in exercise.score_line.value
    exercise.fields["own_example"].value = "Our permit portal is e-information."
    assert store.load("epi_levels").answers.own_example == "Our permit portal is e-information."


def test_widget_reloads_saved_answers_and_resets(store):
    store.save("epi_levels", answers(asan="information"))
    exercise = EpiLevelsExercise(store, "az")
    assert exercise.fields["choice:asan"].value == "information"
    assert exercise.fields["choice:vtaiwan"].value is None
    assert "E-məlumatlandırma" in [label for label, _v in exercise.fields["choice:asan"].options]
    exercise.confirm_reset()
    assert store.load("epi_levels").answers == ws.EpiLevels()
    assert exercise.fields["choice:asan"].value is None


def test_language_switch_relabels_the_choices(store):
    exercise = EpiLevelsExercise(store, "en")
    exercise.fields["choice:vtaiwan"].value = "decision"
    exercise.set_language("az")
    assert exercise.fields["choice:vtaiwan"].value == "decision"
    assert exercise.fields["choice:vtaiwan"].options[2][0] == "E-qərarların qəbulu"
    assert "vTaiwan" in exercise.feedback.value and "Mənbələr" in exercise.feedback.value


def test_one_line_function_returns_the_widget(store):
    widget = epi_levels_exercise(store=store, lang="en")
    assert "ep-exercise" in widget._dom_classes
