import json

import ipywidgets as w
import pytest

from eparticipation import i18n
from eparticipation.data.cases import load_international_cases
from eparticipation.exercises.base import feedback_html
from eparticipation.worksheets.lessons import (
    CONDITIONS, SLOTS, TRANSFERS, CaseInfo, CaseLesson, Lessons, aggregate_lessons, case_catalogue,
    default_catalogue, entry_complete, entry_feedback, lessons_feedback, render_lessons)
from eparticipation.exercises.lessons import LessonsExercise, lessons_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Heading, Para, Table

CAT = {
    "good_case": CaseInfo("Good case", "implemented", "It worked."),
    "is_constitution": CaseInfo("Iceland's crowdsourced constitution", "not implemented", "Link it."),
    "other": CaseInfo("Other case", "ongoing", "Keep going."),
}


def keys(items):
    return [item.key for item in items]


def full(case_id="good_case", **changes):
    values = dict(case_id=case_id, lesson="Publish thresholds.", transfer="partly",
                  conditions=["legal_basis", "channel"], conditions_here="Law on Public Participation; e-gov.az",
                  decision_link="The minister decides; the report goes with the draft.", first_step="Draft a rule.")
    values.update(changes)
    return CaseLesson(**values)


def answers(*entries):
    padded = list(entries) + [CaseLesson()] * (SLOTS - len(entries))
    return Lessons(entries=padded)


# -- model ---------------------------------------------------------------------------------------
def test_default_has_three_empty_slots_and_is_empty():
    model = Lessons()
    assert len(model.entries) == SLOTS and all(entry.is_blank() for entry in model.entries)
    assert sections.get("lessons").empty(model)
    assert not sections.get("lessons").empty(answers(CaseLesson(lesson="x")))


def test_conditions_are_kept_unique_in_a_fixed_order():
    entry = CaseLesson(conditions=["resources", "legal_basis", "resources"])
    assert entry.conditions == ["legal_basis", "resources"]


def test_model_refuses_unknown_values():
    with pytest.raises(ValueError):
        CaseLesson(transfer="maybe")
    with pytest.raises(ValueError):
        CaseLesson(conditions=["money"])
    with pytest.raises(ValueError):
        CaseLesson(case_id="Not An Id!")
    with pytest.raises(ValueError):
        Lessons(entries=[CaseLesson()] * (SLOTS + 1))


def test_section_is_registered_with_render_and_aggregate():
    spec = sections.get("lessons")
    assert spec.model is Lessons and spec.render is render_lessons and spec.aggregate is aggregate_lessons
    assert spec.order > sections.get("readiness").order


# -- rules ---------------------------------------------------------------------------------------
def test_empty_reflection_asks_to_start():
    assert keys(lessons_feedback(Lessons(), CAT)) == ["lessons.fb.start"]


def test_answers_without_a_case_are_flagged():
    found = keys(lessons_feedback(answers(CaseLesson(lesson="something")), CAT))
    assert found == ["lessons.fb.no_case_chosen"]
    found = keys(lessons_feedback(answers(full(), CaseLesson(first_step="x")), CAT))
    assert "lessons.fb.no_case_chosen" in found


def test_one_case_gets_the_compare_tip():
    assert "lessons.fb.one_case" in keys(lessons_feedback(answers(full()), CAT))
    assert "lessons.fb.one_case" not in keys(lessons_feedback(answers(full(), full("other")), CAT))


def test_same_case_twice_is_a_warning():
    items = lessons_feedback(answers(full(), full()), CAT)
    dup = [item for item in items if item.key == "lessons.fb.duplicate"]
    assert len(dup) == 1 and dup[0].level == "warning" and dup[0].params["case"] == "Good case"
    assert "lessons.fb.complete" not in keys(items)  # two entries, but only one distinct case


def test_transfer_claimed_without_a_condition_explains_why():
    items = entry_feedback(full(conditions=[]), CAT)
    warning = [item for item in items if item.key == "lessons.fb.no_condition"]
    assert warning and warning[0].level == "warning"
    assert "legal basis" in warning[0].text("en") and "Good case" in warning[0].text("en")
    assert "lessons.fb.no_condition" in keys(entry_feedback(full(transfer="yes", conditions=[]), CAT))


def test_no_transfer_asks_for_the_missing_condition_not_a_first_step():
    found = keys(entry_feedback(full(transfer="no", conditions=[], conditions_here="", first_step=""), CAT))
    assert "lessons.fb.no_blocker" in found
    assert "lessons.fb.first_step_missing" not in found and "lessons.fb.no_condition" not in found


def test_missing_lesson_transfer_and_first_step():
    found = keys(entry_feedback(full(lesson=" ", transfer=None), CAT))
    assert {"lessons.fb.lesson_missing", "lessons.fb.transfer_missing"} <= set(found)
    assert "lessons.fb.first_step_missing" in keys(entry_feedback(full(first_step=""), CAT))


def test_ticked_conditions_need_a_description():
    assert "lessons.fb.conditions_unexplained" in keys(entry_feedback(full(conditions_here=""), CAT))
    assert "lessons.fb.conditions_unexplained" not in keys(entry_feedback(full(), CAT))


def test_not_implemented_case_without_a_decision_link_is_a_warning():
    items = entry_feedback(full("is_constitution", decision_link=""), CAT)
    link = [item for item in items if item.key == "lessons.fb.missing_link"]
    assert link and link[0].level == "warning"
    assert "67%" in link[0].text("en") and "parliament never voted" in link[0].text("en")
    assert "lessons.fb.missing_link" not in keys(entry_feedback(full("is_constitution"), CAT))


def test_other_cases_without_a_decision_link_get_a_tip_only_when_transferring():
    assert "lessons.fb.decision_link" in keys(entry_feedback(full(decision_link=""), CAT))
    found = keys(entry_feedback(full(decision_link="", transfer="no"), CAT))
    assert "lessons.fb.decision_link" not in found and "lessons.fb.missing_link" not in found


def test_unknown_case_is_flagged_and_not_judged_further():
    items = entry_feedback(full("vanished_case"), CAT)
    assert keys(items) == ["lessons.fb.unknown_case"] and items[0].params["case"] == "vanished_case"


def test_all_yes_asks_to_check_again():
    both_yes = answers(full(transfer="yes"), full("other", transfer="yes"))
    assert "lessons.fb.all_yes" in keys(lessons_feedback(both_yes, CAT))
    assert "lessons.fb.all_yes" not in keys(lessons_feedback(answers(full(transfer="yes"), full("other")), CAT))


def test_two_complete_cases_are_praised():
    items = lessons_feedback(answers(full(), full("is_constitution", transfer="no")), CAT)
    good = [item for item in items if item.level == "good"]
    assert keys(good) == ["lessons.fb.complete"] and good[0].params["n"] == 2
    assert [item for item in items if item.level == "warning"] == []


def test_entry_complete_rules():
    assert entry_complete(full(), CAT)
    assert not entry_complete(full(first_step=""), CAT)
    assert not entry_complete(full(conditions_here=""), CAT)
    assert not entry_complete(full(decision_link=""), CAT)
    assert entry_complete(full(transfer="no", conditions=[], conditions_here="", first_step=""), CAT)
    assert not entry_complete(full("vanished_case"), CAT)


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    samples = [Lessons(), answers(CaseLesson(lesson="x")), answers(full(), full()),
               answers(full(conditions=[], lesson="", transfer="yes", first_step="", decision_link="")),
               answers(full("is_constitution", decision_link="", transfer="no", conditions=[])),
               answers(full(transfer="yes"), full("other", transfer="yes")), answers(full("vanished"))]
    seen = set()
    for sample in samples:
        for item in lessons_feedback(sample, CAT):
            seen.add(item.key)
            for lang in i18n.LANGUAGES:
                assert i18n.has(item.key, lang)
                assert "{" not in item.text(lang), (item.key, lang)
    assert len(seen) >= 12


# -- catalogue, render, aggregate ------------------------------------------------------------------
def test_catalogue_comes_from_the_case_table():
    catalogue = case_catalogue(load_international_cases())
    assert len(catalogue) == 8
    assert catalogue["is_constitution"].outcome == "not implemented"
    assert default_catalogue()["uk_parliament_petitions"].name == "UK Parliament petitions"


def test_render_shows_each_chosen_case_with_translated_labels():
    model = answers(full("uk_parliament_petitions"), CaseLesson(), full("is_constitution", transfer="no"))
    blocks = render_lessons(model, "az")
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Böyük Britaniya Parlamentinin petisiyaları", "İslandiyanın kraudsorsinqlə hazırlanmış konstitusiyası"]
    assert [b.text for b in render_lessons(model, "en") if isinstance(b, Heading)] == [
        "UK Parliament petitions", "Iceland's crowdsourced constitution"]
    table = [b for b in blocks if isinstance(b, Table)][1]
    cells = dict(table.rows)
    assert cells[i18n.t("lessons.transfer", "az")] == "Xeyr"
    assert cells[i18n.t("lessons.outcome", "az")] == i18n.t("lessons.outcome.not_implemented", "az")
    first = dict([b for b in blocks if isinstance(b, Table)][0].rows)
    assert first[i18n.t("lessons.conditions", "az")] == "Hüquqi əsas; Kanal"
    assert dict(render_lessons(model, "en")[1].rows)["Conditions it needs"] == "Legal basis; Channel"


def test_render_of_an_empty_section_says_so():
    assert render_lessons(Lessons(), "en") == [Para(i18n.t("lessons.none", "en"))]


def test_aggregate_counts_choices_and_conditions():
    entries = [("P01", answers(full("uk_parliament_petitions", transfer="yes"), full("is_constitution", transfer="no",
                                                                                    conditions=["institutional_owner"]))),
               ("P02", answers(full("uk_parliament_petitions", transfer="partly", conditions=["channel"]))),
               ("P03", Lessons())]
    blocks = aggregate_lessons(entries, "en")
    assert len(blocks) == 1
    rows = blocks[0].rows
    assert rows[0][:5] == ("UK Parliament petitions", "2", "1", "1", "0")
    assert rows[0][5].startswith("Channel (2)")
    assert rows[1][:5] == ("Iceland's crowdsourced constitution", "1", "0", "0", "1")
    assert aggregate_lessons([], "en") == []
    assert aggregate_lessons([("P03", Lessons())], "en") == [Para(i18n.t("lessons.none", "en"))]


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = lessons_exercise(store)
    assert isinstance(widget, w.VBox) and "ep-exercise-lessons" in widget._dom_classes


def test_initial_state_is_deterministic_and_asks_to_start(store):
    one, two = LessonsExercise(store), LessonsExercise(store)
    assert one.feedback.value == two.feedback.value
    assert i18n.t("lessons.fb.start", "en").split(":")[0] in one.feedback.value
    assert [d.value for d in one.case_fields] == [""] * SLOTS  # shown as "— choose a case —", saved as None
    assert one.case_fields[0].options[0] == (i18n.t("lessons.choose_case", "en"), "")
    assert store.load("lessons").answers == Lessons()
    assert len(one.case_fields[0].options) == 9


def test_choosing_no_case_again_saves_none(store):
    exercise = LessonsExercise(store)
    exercise.fields["s0_case_id"].value = "kr_epeople"
    exercise.fields["s0_case_id"].value = ""
    assert store.load("lessons").answers.entries[0].case_id is None


def test_callbacks_save_the_section_and_refresh_feedback(store, tmp_path):
    exercise = LessonsExercise(store)
    exercise.fields["s0_case_id"].value = "is_constitution"
    exercise.fields["s0_transfer"].value = "partly"
    saved = json.loads((tmp_path / "wb" / "lessons.json").read_text(encoding="utf-8"))
    assert saved["answers"]["entries"][0]["case_id"] == "is_constitution"
    assert saved["answers"]["entries"][0]["transfer"] == "partly"
    assert "67%" in exercise.feedback.value  # the missing link to the decision is explained
    assert "not implemented" in exercise.case_notes[0].value
    exercise.fields["s0_cond_legal_basis"].value = True
    exercise.fields["s0_decision_link"].value = "The Milli Majlis votes on the draft."
    entry = store.load("lessons").answers.entries[0]
    assert entry.conditions == ["legal_basis"] and entry.decision_link.startswith("The Milli")
    assert "67%" not in exercise.feedback.value
    assert exercise.saved.value.startswith("Saved at")


def test_saved_answers_come_back_in_a_new_widget(store):
    first = LessonsExercise(store)
    first.fields["s1_case_id"].value = "uk_parliament_petitions"
    first.fields["s1_lesson"].value = "Publish <thresholds> & keep them."
    first.fields["s1_cond_channel"].value = True
    again = LessonsExercise(store)
    assert again.fields["s1_case_id"].value == "uk_parliament_petitions"
    assert again.fields["s1_lesson"].value == "Publish <thresholds> & keep them."
    assert again.fields["s1_cond_channel"].value is True and again.fields["s1_cond_resources"].value is False
    assert again.saved.value == i18n.t("saved.loaded", "en")


def test_participant_text_is_escaped_in_feedback_and_notes(store):
    exercise = LessonsExercise(store)
    exercise.fields["s0_case_id"].value = "vtaiwan_uber"
    assert "<script" not in exercise.feedback.value
    html_out = feedback_html(entry_feedback(full("x", lesson=""), {"x": CaseInfo("<b>x</b>", "ongoing", "l")}), "en")
    assert "<b>x</b>" not in html_out and "&lt;b&gt;" in html_out


def test_unknown_saved_case_is_not_selected(store):
    store.save("lessons", answers(full("vanished_case")))
    exercise = LessonsExercise(store)
    assert exercise.fields["s0_case_id"].value == ""
    assert "vanished_case" in exercise.feedback.value


def test_language_switch_relabels_choices_and_case_list(store):
    exercise = LessonsExercise(store, "en")
    exercise.fields["s0_case_id"].value = "kr_epeople"
    exercise.set_language("az")
    assert exercise.case_fields[0].options[0][0] == i18n.t("lessons.choose_case", "az")
    assert exercise.case_fields[0].value == "kr_epeople"
    assert exercise.fields["s0_transfer"].options[0][0] == "Bəli"
    assert "Nəticə" in exercise.case_notes[0].value


def test_reset_clears_every_slot(store):
    exercise = LessonsExercise(store)
    exercise.fields["s2_case_id"].value = "ee_rahvakogu"
    exercise.confirm_reset()
    assert exercise.fields["s2_case_id"].value == ""
    assert store.load("lessons").answers == Lessons()


def test_constructor_accepts_a_case_table(store):
    cases = load_international_cases().head(2)
    exercise = LessonsExercise(store, cases=cases)
    assert len(exercise.case_fields[0].options) == 3


def test_dynamic_keys_exist_in_both_languages():
    dynamic = {f"lessons.transfer.{t}" for t in TRANSFERS} | {f"lessons.condition.{c}" for c in CONDITIONS}
    dynamic |= {"lessons.outcome." + o.replace(" ", "_") for o in load_international_cases()["outcome"]}
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in dynamic if not i18n.has(k, lang)) == []
    en, az = i18n.catalogue("en"), i18n.catalogue("az")
    mine = [k for k in en if k.startswith("lessons.")]
    assert len(mine) > 40 and all(k in az for k in mine)


def test_an_azerbaijani_workbook_shows_the_cases_in_azerbaijani(store):
    """Session 4 in Azerbaijani: case names, the course authors' lesson and the feedback come from the
    case table's Azerbaijani columns, not in English, and the review notice is shown."""
    cases = load_international_cases()
    exercise = LessonsExercise(store, "az", cases=cases)
    names = [label for label, _value in exercise.case_fields[0].options[1:]]
    assert names == list(cases["name_az"])
    exercise.case_fields[0].value = "is_constitution"
    note = exercise.case_notes[0].value
    assert cases.set_index("case_id").loc["is_constitution", "lesson_az"] in note.replace("&#x27;", "'")
    assert "ingiliscə" not in note and "Link the process" not in note
    feedback = exercise.feedback.value
    assert "İslandiyanın" in feedback and "Iceland's crowdsourced" not in feedback
    assert "ana dili daşıyıcısı" in exercise.review_note.value
    exercise.set_language("en")
    assert exercise.review_note.value == "" and "Link the process" in exercise.case_notes[0].value


def test_azerbaijani_texts_are_flagged_for_native_review():
    from pathlib import Path

    folder = Path(i18n.__file__).resolve().parent
    meta = json.loads((folder / "lessons.az.json").read_text(encoding="utf-8"))["_meta"]
    assert meta["needs_native_review"] is True
    az = json.loads((folder / "lessons.az.json").read_text(encoding="utf-8"))["messages"]
    assert sum(bool(set(text) & set("əğıöüçşƏĞİÖÜÇŞ")) for text in az.values()) / len(az) > 0.8
