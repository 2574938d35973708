import json

import ipywidgets as w
import plotly.graph_objects as go
import pytest
from pydantic import ValidationError

from eparticipation import charts, i18n
from eparticipation.exercises import charting
from eparticipation.worksheets.readiness import (
    AREAS, STATEMENTS, Readiness, area_scores, counts, gap_texts, gaps, radar_figure, radar_summary,
    readiness_feedback, render_readiness)
from eparticipation.exercises.readiness import ReadinessExercise, readiness_exercise
from eparticipation.workbook.document import Bullets, Figure, Table
from eparticipation.workbook.store import WorkbookStore


def make(answers: dict[str, tuple], evidence: str = "") -> Readiness:
    return Readiness.model_validate({"items": {k: {"legislation": v[0], "policy": v[1]} for k, v in answers.items()},
                                     "evidence": evidence})


def all_answers(value: str) -> Readiness:
    return make({item: (value, value) for item in STATEMENTS})


def keys(items):
    return [item.key for item in items]


# -- model ---------------------------------------------------------------------------------------
def test_model_refuses_unknown_statements_and_answers():
    with pytest.raises(ValidationError):
        Readiness.model_validate({"items": {"made_up": {"legislation": "yes"}}})
    with pytest.raises(ValidationError):
        Readiness.model_validate({"items": {"info_drafts": {"legislation": "maybe"}}})
    assert make({"info_drafts": ("yes", None)}).answer("info_drafts", "policy") is None


def test_every_pillar_and_enabler_is_present():
    assert [a for a, _k, _i in AREAS] == ["e_information", "e_consultation", "e_decision", "legal",
                                          "institutions", "infrastructure", "skills"]
    assert {k for _a, k, _i in AREAS} == {"pillar", "enabler"}


# -- scores and gaps -------------------------------------------------------------------------------
def test_scores_are_share_of_yes_per_column():
    answers = make({"info_drafts": ("yes", "no"), "info_open_data": ("yes", "yes"), "info_requests": ("dk", None)})
    scores = area_scores(answers)
    assert scores["e_information"] == {"legislation": 66.7, "policy": 33.3}
    assert scores["skills"] == {"legislation": 0.0, "policy": 0.0}
    assert counts(answers) == {"yes": 3, "no": 1, "dk": 1, "unanswered": 37, "total": 42}


@pytest.mark.parametrize("pair, reason", [
    (("no", "no"), "readiness.gap.neither"),
    (("no", "yes"), "readiness.gap.policy_only"),
    (("yes", "no"), "readiness.gap.law_only"),
    (("no", "dk"), "readiness.gap.no_and_unknown"),
    (("dk", None), "readiness.gap.unknown"),
    (("yes", "dk"), "readiness.gap.unknown"),
])
def test_gap_patterns(pair, reason):
    found = gaps(make({"skills_training": pair}))
    assert [g.reason for g in found] == [reason]


def test_no_gap_for_yes_or_unanswered():
    assert gaps(make({"skills_training": ("yes", "yes"), "skills_analysis": ("yes", None)})) == []


def test_gaps_are_prioritised_legal_and_information_before_decision():
    answers = make({"dec_online_vote": ("no", "no"), "legal_access": ("no", "no"), "skills_training": ("no", "no"),
                    "info_drafts": ("dk", "dk")})
    order = [g.item for g in gaps(answers)]
    assert order[0] == "legal_access"  # legal weight 3 + neither 3
    assert order.index("info_drafts") < order.index("dec_online_vote")  # 3 + 1.5 > 1 + 3
    assert order.index("skills_training") < order.index("dec_online_vote")


def test_gap_text_explains_why():
    line = gap_texts(make({"legal_access": ("no", "no")}), "en")[0]
    assert i18n.t("readiness.item.legal_access", "en") in line
    assert i18n.t("readiness.gap.neither", "en") in line
    assert i18n.t("readiness.why.legal_access", "en") in line
    assert i18n.t("readiness.weight.legal", "en") in line
    assert "Xeyr" in gap_texts(make({"legal_access": ("no", "no")}), "az")[0]


# -- feedback rules --------------------------------------------------------------------------------
def test_empty_assessment_gets_a_start_tip_only():
    assert keys(readiness_feedback(Readiness())) == ["readiness.fb.start"]


def test_progress_and_completion():
    assert "readiness.fb.progress" in keys(readiness_feedback(make({"info_drafts": ("yes", "yes")})))
    assert "readiness.fb.complete" in keys(readiness_feedback(all_answers("no")))


def test_many_dont_knows_warns():
    found = readiness_feedback(make({"info_drafts": ("dk", "dk"), "info_open_data": ("yes", "no")}))
    assert "readiness.fb.many_dk" in keys(found)
    assert "readiness.fb.many_dk" not in keys(readiness_feedback(make({"info_drafts": ("yes", "no")})))


def test_all_yes_is_questioned_and_evidence_requested():
    found = keys(readiness_feedback(all_answers("yes")))
    assert "readiness.fb.all_yes" in found and "readiness.fb.evidence" in found
    with_evidence = Readiness.model_validate({**all_answers("yes").model_dump(), "evidence": "Law X art. 5"})
    assert "readiness.fb.evidence" not in keys(readiness_feedback(with_evidence))


def test_ladder_rule_when_decision_outscores_information():
    answers = make({item: ("yes", "yes") for item in ("dec_codesign", "dec_petitions", "dec_online_vote")})
    assert "readiness.fb.ladder" in keys(readiness_feedback(answers))
    text = [f for f in readiness_feedback(answers) if f.key == "readiness.fb.ladder"][0].text("en")
    assert "Legislation" in text
    balanced = make({item: ("yes", "yes") for item in ("dec_codesign", "info_drafts")})
    assert "readiness.fb.ladder" not in keys(readiness_feedback(balanced))


def test_policy_ahead_and_law_ahead():
    items = list(STATEMENTS)[:5]
    assert "readiness.fb.policy_ahead" in keys(readiness_feedback(make({i: ("no", "yes") for i in items})))
    assert "readiness.fb.law_ahead" in keys(readiness_feedback(make({i: ("yes", "no") for i in items})))


def test_top_gaps_named_in_feedback():
    found = [f for f in readiness_feedback(make({"legal_access": ("no", "no")})) if f.key == "readiness.fb.top_gaps"]
    assert i18n.t("readiness.item.legal_access", "en").rstrip(".") in found[0].text("en")


# -- chart -----------------------------------------------------------------------------------------
def test_radar_is_a_valid_themed_colour_blind_safe_figure():
    fig = radar_figure(make({"info_drafts": ("yes", "no")}), "az")
    checked = go.Figure(fig.to_dict())  # full plotly validation of the fast-built figure
    assert len(checked.data) == 2
    assert [t.line.color for t in checked.data] == charts.PALETTE[:2]
    assert {t.line.dash for t in checked.data} == {"solid", "dash"}
    assert checked.data[0].theta[0] == i18n.t("readiness.area.e_information", "az")
    assert checked.layout.title.text == i18n.t("readiness.chart.title", "az")
    assert checked.layout.polar.radialaxis.range == (0, 100)


def test_radar_summary_describes_the_chart():
    text = radar_summary(make({item: ("yes", "yes") for item in ("legal_access", "legal_duty_consult")}), "en")
    assert "Legal framework 67%" in text and "Strongest area: Legal framework" in text
    assert "same score" in radar_summary(Readiness(), "en")


def test_figure_output_is_deterministic_and_has_both_mime_types():
    answers = make({"info_drafts": ("yes", "no")})
    area = charting.chart_area()
    charting.show_figure(area, radar_figure(answers, "en"), radar_summary(answers, "en"))
    other = charting.chart_area()
    charting.show_figure(other, radar_figure(answers, "en"), radar_summary(answers, "en"))
    assert area.outputs == other.outputs
    data = area.outputs[0]["data"]
    assert set(data) == {"application/vnd.plotly.v1+json", "text/html", "text/plain"}
    assert 'id="chart-' in data["text/html"] and "<script" in data["text/html"]
    json.dumps(area.outputs)  # serialisable widget state


def test_html_chart_mode_can_be_switched(monkeypatch):
    monkeypatch.setattr(charting, "MODE", "html")
    area = charting.chart_area()
    assert isinstance(area, w.HTML)
    charting.show_figure(area, radar_figure(Readiness(), "en"), "summary <b>")
    assert "plotly-graph-div" in area.value and "summary &lt;b&gt;" in area.value


# -- rendering for export --------------------------------------------------------------------------
def test_render_has_label_tables_gaps_and_chart_summary():
    blocks = render_readiness(make({"legal_access": ("no", "no")}, evidence="<script>"), "en")
    assert "not the official METEP questionnaire" in blocks[0].text
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables[0].rows) == 21 and len(tables[1].rows) == 7
    assert any(isinstance(b, Bullets) and len(b.items) == 1 for b in blocks)
    assert any(isinstance(b, Figure) and b.summary for b in blocks)
    assert blocks[-1].text == "<script>"  # raw here; each format escapes it


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_shows_the_saved_answers(store):
    store.save("readiness", {"items": {"legal_access": {"legislation": "no"}}, "evidence": "Law 816-IVQ"})
    widget = readiness_exercise(store, "az")
    assert isinstance(widget, w.VBox) and "ep-exercise-readiness" in widget._dom_classes
    assert widget.children[0].value == f"<h3>{i18n.t('readiness.title', 'az')}</h3>"
    texts = [child.value for child in widget.children if isinstance(child, w.HTML)]
    assert any(i18n.t("readiness.item.legal_access", "az") in text for text in texts)  # the gap list


def test_clicks_save_and_update_feedback_chart_and_gaps(store):
    exercise = ReadinessExercise(store)
    assert len([n for n in exercise.fields if ":" in n]) == 42
    exercise.fields["legal_access:legislation"].value = "no"
    exercise.fields["legal_access:policy"].value = "no"
    saved = WorkbookStore(store.folder).answers("readiness")
    assert saved.answer("legal_access", "legislation") == "no"
    assert i18n.t("readiness.item.legal_access", "en") in exercise.gap_list.value
    assert "Legal framework 0%" in exercise.chart_summary.value
    exercise.fields["legal_access:legislation"].value = "yes"
    assert "Legal framework 33%" in exercise.chart_summary.value
    assert "Legislation" in exercise.chart.outputs[0]["data"]["text/plain"]


def test_answers_come_back_after_a_kernel_restart(store):
    first = ReadinessExercise(store)
    first.fields["info_drafts:policy"].value = "dk"
    first.fields["evidence"].value = "Qanun, maddə 5 <script>"
    second = ReadinessExercise(WorkbookStore(store.folder))
    assert second.fields["info_drafts:policy"].value == "dk"
    assert second.fields["info_drafts:legislation"].value is None
    assert second.fields["evidence"].value == "Qanun, maddə 5 <script>"
    assert second.saved.value == i18n.t("saved.loaded", "en")


def test_language_of_profile_is_used(store):
    store.save("profile", {"language": "az"})
    exercise = ReadinessExercise(store)
    assert exercise.fields["info_drafts:policy"].options[0][0] == "Bəli"
    assert "rəsmi METEP" in exercise.adapted.value


def test_ten_thousand_character_evidence_round_trips(store):
    text = ("Əsas sübut: <script>alert(1)</script> | *x* \n" * 300)[:10_000]
    exercise = ReadinessExercise(store)
    exercise.fields["evidence"].value = text
    assert WorkbookStore(store.folder).answers("readiness").evidence == text
    assert "<script>alert" not in exercise.feedback.value


def test_initial_display_is_identical_for_any_workbook_folder(tmp_path):
    one = readiness_exercise(WorkbookStore(tmp_path / "a"))
    two = readiness_exercise(WorkbookStore(tmp_path / "somewhere" / "else"))
    assert repr(one) == repr(two)  # what nbval compares: no paths, times or random ids
    assert str(tmp_path) not in repr(one)
