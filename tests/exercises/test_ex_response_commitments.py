import io
import json
from pathlib import Path

import docx
import ipywidgets as w
import pytest

from eparticipation import i18n
from eparticipation.exercises.base import feedback_html
from eparticipation.exercises.response_commitments import ResponseCommitmentsExercise, response_commitments_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Heading, Para, Table
from eparticipation.worksheets.response_commitments import (
    EXPLANATIONS, PUBLISH_WHAT, PUBLISH_WHERE, ResponseCommitments, SampleEvidence, aggregate_response_commitments,
    commitments_feedback, evidence_from, is_blank, number_problem, render_response_commitments, sample_evidence)

# A made-up evidence: open 30 working days; 40% answered in the end, 2 points more per working day.
EVIDENCE = SampleEvidence(open_days=30, response_rate=0.4, median_days=8,
                          within=tuple(min(0.4, 0.02 * d) for d in range(60)),
                          within_of_answered=tuple(min(1.0, 0.05 * d) for d in range(60)))
P = "response_commitments"


def keys(items):
    return [item.key.removeprefix(P + ".") for item in items]


def strong(**changes):
    values = dict(response_days=15, consultation_days=30, answer_share=40, publish_what=["summary", "rejection_reasons"],
                  publish_where=["own_website", "egov_portal"], publish_days=40,
                  rejection_explanation="individual_reason", sign_off="Deputy minister")
    values.update(changes)
    return ResponseCommitments(**values)


def feedback(**changes):
    return commitments_feedback(strong(**changes), EVIDENCE)


# -- model ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value", [("response_days", 0), ("response_days", -5), ("response_days", 251),
                                          ("publish_days", 0), ("consultation_days", 1000), ("answer_share", 101),
                                          ("answer_share", -1), ("response_days", "abc"), ("response_days", 15.5),
                                          ("publish_what", ["everything"]), ("publish_where", ["moon"]),
                                          ("rejection_explanation", "maybe"), ("sign_off", "x" * 201)])
def test_model_refuses_bad_values(field, value):
    with pytest.raises(ValueError):
        ResponseCommitments(**{field: value})


def test_choices_are_kept_unique_in_a_fixed_order():
    a = ResponseCommitments(publish_what=["data", "summary", "data"], publish_where=["reply_to_each", "own_website"])
    assert a.publish_what == ["summary", "data"] and a.publish_where == ["own_website", "reply_to_each"]


def test_section_is_registered_after_the_earlier_sessions():
    spec = sections.get("response_commitments")
    assert spec.session == "s08-feedback-loop" and spec.order == 80
    assert spec.render is render_response_commitments and spec.aggregate is aggregate_response_commitments
    assert spec.empty(ResponseCommitments()) and not spec.empty(ResponseCommitments(notes="x"))
    assert is_blank(ResponseCommitments(notes="  "))


@pytest.mark.parametrize("name, raw, key", [
    ("response_days", "", None), ("response_days", " 15 ", None), ("response_days", "abc", "num.not_whole"),
    ("response_days", "15.5", "num.not_whole"), ("response_days", "0", "num.days_too_small"),
    ("response_days", "-3", "num.days_too_small"), ("publish_days", "999", "num.days_too_large"),
    ("answer_share", "0", None), ("answer_share", "100", None), ("answer_share", "101", "num.share_too_large"),
    ("answer_share", "-1", "num.share_negative"), ("answer_share", "<script>", "num.not_whole"),
])
def test_number_problem_explains_each_bad_number(name, raw, key):
    found = number_problem(name, raw)
    assert (found.key.removeprefix(P + ".") if found else None) == key
    if found:
        assert found.level == "warning" and "{" not in found.text("en") and "{" not in found.text("az")


def test_number_messages_say_why():
    assert "at least one working day" in number_problem("response_days", "0").text("en")
    assert "about a year" in number_problem("response_days", "400").text("en")
    assert "e.g. 100" in number_problem("answer_share", "ten").text("en")
    assert "ən azı bir iş günü" in number_problem("response_days", "0").text("az")


# -- rules ---------------------------------------------------------------------------------------
def test_empty_commitments_ask_to_start():
    assert keys(commitments_feedback(ResponseCommitments(), EVIDENCE)) == ["fb.start"]


def test_strong_commitments_are_praised_without_warnings():
    items = feedback()
    assert "fb.complete" in keys(items) and not [i for i in items if i.level == "warning"]
    assert "fb.days_achievable" in keys(items)


def test_response_longer_than_the_consultation():
    assert "fb.after_close_own" in keys(feedback(response_days=12, consultation_days=10))
    found = keys(feedback(response_days=35, consultation_days=None))
    assert "fb.after_close_sample" in found and "fb.after_close_own" not in found
    text = [i for i in feedback(response_days=35, consultation_days=None) if i.key.endswith("after_close_sample")][0]
    assert "35 working days" in text.text("en") and "open for 30 working days" in text.text("en")


def test_response_time_against_the_law():
    assert "fb.over_general" in keys(feedback(response_days=20, consultation_days=40))
    found = keys(feedback(response_days=31, consultation_days=40))
    assert "fb.over_extended" in found and "fb.over_general" not in found
    assert "Art. 10.1" in [i for i in feedback(response_days=31) if i.key.endswith("over_extended")][0].text("en")
    assert not {"fb.over_general", "fb.over_extended"} & set(keys(feedback(response_days=15)))


def test_response_time_against_the_sample():
    ambitious = [i for i in feedback(response_days=3) if i.key.endswith("days_ambitious")]
    assert ambitious and ambitious[0].params["answered"] == 15 and ambitious[0].params["median"] == "8"
    assert "fb.days_achievable" in keys(feedback(response_days=10))


def test_share_rules():
    assert "fb.share_missing" in keys(feedback(answer_share=None))
    below = [i for i in feedback(answer_share=20) if i.key.endswith("share_below_sample")]
    assert below and below[0].level == "warning" and "40%" in below[0].text("en")
    assert "fb.share_partial" in keys(feedback(answer_share=60))
    capacity = [i for i in feedback(answer_share=100, response_days=10) if i.key.endswith("capacity")]
    assert capacity and capacity[0].params["sample"] == 20 and capacity[0].params["times"] == "5.0"
    assert "fb.capacity" not in keys(feedback(answer_share=40, response_days=20))


def test_publication_rules():
    assert "fb.publish_nowhere" in keys(feedback(publish_where=[]))
    assert "fb.private_only" in keys(feedback(publish_where=["reply_to_each"]))
    assert "fb.publish_nothing" in keys(feedback(publish_what=[]))
    assert "fb.when_missing" in keys(feedback(publish_days=None))
    late = [i for i in feedback(publish_days=90) if i.key.endswith("publish_late")]
    assert late and late[0].level == "warning" and "three months" in late[0].text("en")
    assert "fb.publish_late" not in keys(feedback(publish_days=65))


def test_rejection_rules():
    assert "fb.explain_missing" in keys(feedback(rejection_explanation=None))
    no_reason = [i for i in feedback(rejection_explanation="none") if i.key.endswith("no_explanation")]
    assert no_reason and no_reason[0].level == "warning" and "Decidim" in no_reason[0].text("en")
    assert "fb.standard_letter" in keys(feedback(rejection_explanation="standard_letter"))
    assert "fb.reasons_unpublished" in keys(feedback(publish_what=["summary"]))
    assert "fb.reasons_unpublished" not in keys(feedback(rejection_explanation="grouped_reasons"))


def test_sign_off_rule_and_no_evidence():
    assert "fb.sign_off_missing" in keys(feedback(sign_off="  "))
    without = keys(commitments_feedback(strong(response_days=40, consultation_days=None, answer_share=5), None))
    assert "fb.over_extended" in without  # the legal check needs no data
    assert not {"fb.after_close_sample", "fb.share_below_sample", "fb.days_ambitious"} & set(without)


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    samples = [ResponseCommitments(), ResponseCommitments(notes="x"), strong(),
               strong(response_days=3, consultation_days=2, answer_share=100, publish_where=["reply_to_each"],
                      publish_days=100, rejection_explanation="standard_letter", sign_off=""),
               strong(response_days=45, consultation_days=None, answer_share=10, publish_what=[], publish_where=[],
                      rejection_explanation="none"),
               strong(response_days=20, answer_share=70, publish_what=["summary"], publish_days=None,
                      rejection_explanation="grouped_reasons")]
    seen = set()
    for sample in samples:
        for item in commitments_feedback(sample, EVIDENCE):
            seen.add(item.key)
            for lang in i18n.LANGUAGES:
                assert i18n.has(item.key, lang) and "{" not in item.text(lang), (item.key, lang)
    assert len(seen) >= 20


# -- the sample's evidence -------------------------------------------------------------------------
def test_evidence_from_the_sample():
    evidence = sample_evidence()
    assert evidence.open_days == 30 and round(100 * evidence.response_rate) == 40 and evidence.median_days == 8
    assert round(100 * evidence.share_within(15)) == 33 and round(100 * evidence.share_of_answered_within(15)) == 83
    assert evidence.share_within(10_000) == evidence.within[-1]


def test_evidence_from_any_table():
    from eparticipation.data import load_sample_consultation

    small = evidence_from(load_sample_consultation().submissions.head(500))
    assert 0 < small.response_rate < 1 and small.open_days >= 1


# -- render, canvas, export, dashboard ---------------------------------------------------------------
def test_render_shows_answers_and_checks_in_the_language():
    blocks = render_response_commitments(strong(rejection_explanation="none", notes="Needs <two> staff"), "az")
    table = blocks[0]
    assert isinstance(table, Table) and dict(table.rows)[i18n.t(f"{P}.response_days", "az")] == "15 iş günü"
    assert dict(table.rows)[i18n.t(f"{P}.rejection_explanation", "az")] == "İzah edilmir"
    assert Para("Needs <two> staff", label=i18n.t(f"{P}.notes", "az")) in blocks
    assert isinstance(blocks[-2], Heading) and isinstance(blocks[-1], Bullets)
    assert any("Decidim" in line for line in blocks[-1].items)
    empty = render_response_commitments(ResponseCommitments(), "en")
    assert dict(empty[0].rows)["Time to answer (working days)"] == "not answered"


def test_aggregate_summarises_the_group():
    entries = [("P01", strong()), ("P02", strong(response_days=40, publish_where=[], rejection_explanation="none")),
               ("P03", ResponseCommitments(sign_off="<b>Minister</b>"))]
    blocks = aggregate_response_commitments(entries, "en")
    summary = blocks[0].text
    assert summary.startswith("3 sets of commitments; 2 give a time to answer: median 27.5 working days, 1 within")
    assert "2 publish nowhere; 1 give no reason" in summary  # P03 names no place either
    assert "SYNTHETIC" in blocks[1].text
    rows = blocks[-1].rows
    assert rows[0][:3] == ("P01", "15 working days", "40%") and rows[2][-1] == "<b>Minister</b>"
    assert aggregate_response_commitments([], "en") == []


def test_section_appears_in_canvas_markdown_and_word(store):
    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store.save("response_commitments", strong(sign_off="<script>alert(1)</script>", rejection_explanation="none"))
    canvas = canvas_html(store, "en")
    assert "Response commitments" in canvas and "<script>alert" not in canvas and "&lt;script&gt;" in canvas
    workbook = parse_bundle(bundle_text(store))
    assert "Cavab öhdəlikləri" in to_markdown(workbook, "az")
    document = docx.Document(io.BytesIO(to_docx_bytes(workbook, "en")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Response commitments" in headings
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Time to answer (working days)", "15 working days"] in cells
    assert ["Who signs off the answers", "<script>alert(1)</script>"] in cells  # plain text in Word
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert "Rejected proposals without a reason look as if they were never read" in paragraphs


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = response_commitments_exercise(store)
    assert isinstance(widget, w.VBox) and "ep-exercise-response_commitments" in widget._dom_classes


def test_initial_state_asks_to_start_and_shows_the_sample(store):
    exercise = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    assert i18n.t(f"{P}.fb.start", "en") in exercise.feedback.value.replace("&#x27;", "'")
    assert "SYNTHETIC" in exercise.evidence_box.value and "open for 30 working days" in exercise.evidence_box.value
    assert exercise.fields["response_days"].value == "" and store.load("response_commitments").answers == ResponseCommitments()


def test_numbers_and_choices_save_and_come_back(store, tmp_path):
    exercise = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    exercise.fields["response_days"].value = " 12 "
    exercise.fields["what_summary"].value = True
    exercise.fields["where_egov_portal"].value = True
    exercise.fields["rejection_explanation"].value = "grouped_reasons"
    exercise.fields["sign_off"].value = "Deputy minister"
    saved = json.loads((tmp_path / "wb" / "response_commitments.json").read_text(encoding="utf-8"))["answers"]
    assert saved["response_days"] == 12 and saved["publish_what"] == ["summary"]
    assert saved["publish_where"] == ["egov_portal"] and saved["rejection_explanation"] == "grouped_reasons"
    assert exercise.saved.value.startswith("Saved at")
    again = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    assert again.fields["response_days"].value == "12" and again.fields["where_egov_portal"].value is True
    assert again.fields["what_data"].value is False and again.fields["sign_off"].value == "Deputy minister"
    assert again.saved.value == i18n.t("saved.loaded", "en")


@pytest.mark.parametrize("field, bad, reason", [("response_days", "0", "at least one working day"),
                                               ("response_days", "-5", "at least one working day"),
                                               ("publish_days", "100000", "about a year"),
                                               ("answer_share", "150", "cannot be more than 100%"),
                                               ("consultation_days", "thirty", "whole number")])
def test_bad_input_gets_a_reason_and_loses_nothing(store, field, bad, reason):
    exercise = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    exercise.fields[field].value = "20"
    exercise.fields["sign_off"].value = "Head of the public-relations department"
    exercise.fields[field].value = bad
    assert reason in exercise.messages[field].value and "✖" in exercise.messages[field].value
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    kept = store.load("response_commitments").answers
    assert getattr(kept, field) == 20 and kept.sign_off == "Head of the public-relations department"
    exercise.fields[field].value = "25"  # corrected: saved, message gone
    assert store.load("response_commitments").answers.model_dump()[field] == 25
    assert "✖" not in exercise.messages[field].value


def test_hostile_text_is_kept_as_text_and_escaped(store):
    exercise = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    exercise.fields["notes"].value = "<img src=x onerror=alert(1)>" * 100
    exercise.fields["sign_off"].value = "<script>alert(1)</script>"
    assert store.load("response_commitments").answers.sign_off == "<script>alert(1)</script>"
    assert "<script" not in exercise.feedback.value and "<img" not in exercise.feedback.value
    exercise.fields["notes"].value = "x" * 20_001  # too long: refused, the earlier notes are kept
    assert store.load("response_commitments").answers.notes.startswith("<img")
    assert "20000" in exercise.messages["notes"].value


def test_language_switch_relabels_choices(store):
    exercise = ResponseCommitmentsExercise(store, "en", evidence=EVIDENCE)
    exercise.fields["rejection_explanation"].value = "none"
    exercise.set_language("az")
    assert exercise.fields["rejection_explanation"].options[-1] == ("İzah edilmir", "none")
    assert exercise.fields["rejection_explanation"].value == "none"
    assert exercise.fields["where_own_website"].description == "Qurumun internet saytı"
    assert "SİNTETİK" in exercise.evidence_box.value and "Decidim" in exercise.feedback.value


def test_reset_clears_every_field(store):
    exercise = ResponseCommitmentsExercise(store, evidence=EVIDENCE)
    exercise.fields["answer_share"].value = "80"
    exercise.fields["where_social_media"].value = True
    exercise.confirm_reset()
    assert exercise.fields["answer_share"].value == "" and exercise.fields["where_social_media"].value is False
    assert store.load("response_commitments").answers == ResponseCommitments()


def test_feedback_html_escapes_parameters():
    from eparticipation.worksheets.feedback import Feedback

    html_out = feedback_html([Feedback("warning", f"{P}.fb.publish_late", {"days": "<b>9</b>", "guide": 65})], "en")
    assert "<b>9</b>" not in html_out and "&lt;b&gt;9&lt;/b&gt;" in html_out


def test_dynamic_keys_exist_in_both_languages_and_azerbaijani_is_flagged():
    dynamic = ({f"{P}.what.{v}" for v in PUBLISH_WHAT} | {f"{P}.where.{v}" for v in PUBLISH_WHERE}
               | {f"{P}.explanation.{v}" for v in EXPLANATIONS})
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in dynamic if not i18n.has(k, lang)) == []
    folder = Path(i18n.__file__).resolve().parent
    az = json.loads((folder / f"{P}.az.json").read_text(encoding="utf-8"))
    en = json.loads((folder / f"{P}.en.json").read_text(encoding="utf-8"))
    assert az["_meta"]["needs_native_review"] is True and en["_meta"]["needs_native_review"] is False
    assert set(az["messages"]) == set(en["messages"])
    letters = set("əğıöüçşƏĞİÖÜÇŞ")
    assert sum(bool(set(text) & letters) for text in az["messages"].values()) / len(az["messages"]) > 0.8


def test_worked_example_of_the_exercise_notebook_gets_the_feedback_it_describes():
    arcadia = ResponseCommitments(
        response_days=15, consultation_days=30, answer_share=100,
        publish_what=["summary", "changes", "rejection_reasons"],
        publish_where=["own_website", "egov_portal", "public_meeting"], publish_days=40,
        rejection_explanation="grouped_reasons", sign_off="The deputy minister responsible for the strategy")
    items = commitments_feedback(arcadia, sample_evidence())
    assert keys(items) == ["fb.days_achievable", "fb.capacity", "fb.complete"]
    assert items[0].params == {"days": 15, "published": 33, "answered": 83}
    assert items[1].params["times"] == "3.0"
