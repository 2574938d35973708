import io
import json
from pathlib import Path

import docx
import ipywidgets as w
import pytest

from eparticipation import i18n
from eparticipation.exercises.me_plan import MePlanExercise, me_plan_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Heading, Para, Table
from eparticipation.worksheets.me_plan import (
    EVALUATORS, FREQUENCIES, KINDS, LEVELS, MEASURES, SLOTS, Benchmark, Indicator, MePlan, aggregate_me_plan,
    benchmarks_from, is_blank, level_baselines, me_plan_feedback, parse_number, readiness_baselines, render_me_plan,
    sample_benchmarks, worked_example)
from eparticipation.worksheets.readiness import Readiness

P = "me_plan"
# Made-up evidence: 40 % answered overall, 52 % on the best channel; realistic limit 67 %.
BENCH = {"response_rate": Benchmark(40.0, 52.0, "ASAN kiosk (assisted)", 67.0),
         "median_response_days": Benchmark(8.0, 8.0, "e-gov portal", 5.0),
         "representativeness": Benchmark(0.685, 0.685, "", 0.835)}
READY = {"information": 50.0, "consultation": 33.3, "decision": 0.0}


def keys(items):
    return [item.key.removeprefix(P + ".") for item in items]


def good(**changes):
    values = dict(name="Answered", level="consultation", kind="outcome", measure="response_rate",
                  source="Platform export", baseline=40, target=60, frequency="per_consultation", owner="PR unit")
    values.update(changes)
    return Indicator(**values)


def plan(*indicators, **changes):
    values = dict(indicators=list(indicators) or [good()], levels_used=["consultation"], evaluator="independent",
                  publish_results=True)
    values.update(changes)
    return MePlan(**values)


def feedback(*indicators, readiness=READY, **changes):
    return keys(me_plan_feedback(plan(*indicators, **changes), BENCH, readiness))


# -- model ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value", [("level", "planet"), ("kind", "impact"), ("measure", "mood"),
                                          ("baseline", -1), ("target", float("inf")), ("target", 2e9),
                                          ("frequency", "hourly"), ("name", "x" * 201), ("owner", "y" * 201)])
def test_model_refuses_bad_values(field, value):
    with pytest.raises(ValueError):
        Indicator(**{field: value})


def test_plan_refuses_too_many_indicators_and_unknown_levels():
    with pytest.raises(ValueError):
        MePlan(indicators=[Indicator()] * (SLOTS + 1))
    with pytest.raises(ValueError):
        MePlan(levels_used=["moon"])
    with pytest.raises(ValueError):
        MePlan(evaluator="friend")


def test_blank_indicators_and_plans():
    assert Indicator().is_blank() and Indicator(name="  ").is_blank() and not Indicator(target=0).is_blank()
    assert is_blank(MePlan(indicators=[Indicator()] * SLOTS)) and not is_blank(MePlan(publish_results=True))
    assert plan(Indicator(), good()).filled()[0][0] == 2  # slot numbers count from 1 and keep their place


def test_section_is_registered_with_its_worked_example():
    spec = sections.get("me_plan")
    assert spec.session == "s11-monitoring-evaluation" and spec.order == 110
    assert spec.example is worked_example and spec.aggregate is aggregate_me_plan


# -- reading typed numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw, measure, expected", [
    ("", "response_rate", (None, None)), (" 40,5 ", "response_rate", (40.5, None)), ("40.5 %", None, (40.5, None)),
    ("abc", "count", (None, f"{P}.num.not_number")), ("<script>", "count", (None, f"{P}.num.not_number")),
    ("-5", "count", (None, f"{P}.num.negative")), ("150", "response_rate", (None, f"{P}.num.too_large.percent")),
    ("1.5", "representativeness", (None, f"{P}.num.too_large.index")), ("0.7", "representativeness", (0.7, None)),
    ("300", "median_response_days", (None, f"{P}.num.too_large.days")), ("1e12", "count", (None, f"{P}.num.not_number")),
    ("5000000000", "other", (None, f"{P}.num.too_large.number"))])
def test_parse_number_explains_each_bad_number(raw, measure, expected):
    assert parse_number(raw, measure) == expected


# -- rules ---------------------------------------------------------------------------------------
def test_empty_plan_asks_to_start():
    assert keys(me_plan_feedback(MePlan(), BENCH, READY)) == ["fb.start"]


def test_a_complete_plan_is_praised_without_warnings():
    items = me_plan_feedback(plan(), BENCH, READY)
    assert keys(items) == ["fb.complete"] and items[0].params == {"n": 1}


def test_an_indicator_without_data_source_cannot_be_measured():
    assert "fb.no_source" in feedback(good(source="  "))


def test_missing_baseline_offers_the_participants_own_readiness_score():
    items = me_plan_feedback(plan(good(measure="readiness", level="consultation", baseline=None, target=60)), BENCH, READY)
    offer = [item for item in items if item.key == f"{P}.fb.readiness_baseline"][0]
    assert offer.params["score"] == "33.3" and "33.3 %" in offer.text("en") and "E-consultation" in offer.text("en")
    without = feedback(good(measure="readiness", baseline=None, target=60), readiness=None)
    assert "fb.readiness_baseline_hint" in without  # Session 2 not done: a neutral hint, never an error


def test_missing_baseline_of_a_sample_measure_shows_the_sample_figure():
    items = me_plan_feedback(plan(good(baseline=None)), BENCH, READY)
    hint = [item for item in items if item.key == f"{P}.fb.sample_baseline"][0]
    assert "40" in hint.text("en") and "SYNTHETIC" in hint.text("en")
    assert "fb.no_baseline" in feedback(good(measure="count", baseline=None, target=5))


def test_unrealistic_targets_are_compared_with_the_sample():
    items = me_plan_feedback(plan(good(target=100)), BENCH, READY)
    found = [item for item in items if item.key == f"{P}.fb.unrealistic.response_rate"][0]
    text = found.text("en")
    assert "100 %" in text and "40 %" in text and "52 %" in text and "ASAN kiosk" in text and "67 %" in text
    assert "fb.unrealistic.response_rate" not in feedback(good(target=67))
    assert "fb.unrealistic.median_response_days" in feedback(good(measure="median_response_days", baseline=8, target=2))
    assert "fb.unrealistic.median_response_days" not in feedback(good(measure="median_response_days", baseline=8, target=6))
    assert "fb.unrealistic.representativeness" in feedback(good(measure="representativeness", baseline=0.685, target=0.99))


def test_target_no_better_than_baseline_and_out_of_range_values():
    assert "fb.no_change" in feedback(good(baseline=60, target=50))
    assert "fb.no_change" in feedback(good(measure="median_response_days", baseline=8, target=10))
    assert "fb.out_of_range" in feedback(good(baseline=500, target=600))  # saved as a count, then the measure changed
    assert "fb.no_target" in feedback(good(target=None))


def test_plan_level_rules():
    assert "fb.no_outcome" in feedback(good(kind="output"))
    uncovered = me_plan_feedback(plan(levels_used=["information", "consultation", "decision"]), BENCH, READY)
    found = [item for item in uncovered if item.key == f"{P}.fb.level_uncovered"][0]
    assert "E-information; E-decision-making" in found.text("en")
    assert "fb.levels_missing" in feedback(levels_used=[])
    assert "fb.no_evaluation" in feedback(evaluator="none") and "fb.self_evaluation" in feedback(evaluator="self")
    assert "fb.evaluator_missing" in feedback(evaluator=None) and "fb.publish" in feedback(publish_results=False)


def test_rules_work_without_the_sample():
    assert keys(me_plan_feedback(plan(good(target=100)), None, None)) == ["fb.complete"]


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    samples = [MePlan(), plan(), plan(Indicator(target=5)), plan(good(measure="readiness", baseline=None)),
               plan(good(target=100), good(measure="median_response_days", baseline=8, target=2, kind="output"),
                    good(measure="representativeness", baseline=None, target=0.99),
                    good(measure="answered_within_standard", baseline=30, target=90),
                    good(measure="other", baseline=None, source="", owner="", frequency=None, level=None, kind=None),
                    good(measure=None, baseline=5, target=3),
                    levels_used=list(LEVELS), evaluator="self", publish_results=False),
               plan(good(baseline=500, target=600), evaluator="none", levels_used=[]), plan(evaluator=None)]
    seen = set()
    for sample in samples:
        for readiness in (READY, None):
            for item in me_plan_feedback(sample, {**BENCH, "answered_within_standard": Benchmark(33, 42, "x", 57)},
                                         readiness):
                seen.add(item.key)
                for lang in i18n.LANGUAGES:
                    assert i18n.has(item.key, lang) and "{" not in item.text(lang), (item.key, lang)
    assert len(seen) >= 25


def test_dynamic_keys_exist_in_both_languages_and_azerbaijani_is_flagged():
    dynamic = ({f"{P}.measure.{m}" for m in MEASURES} | {f"{P}.kind.{k}" for k in KINDS}
               | {f"{P}.frequency.{f}" for f in FREQUENCIES} | {f"{P}.evaluator.{e}" for e in EVALUATORS}
               | {f"{P}.num.too_large.{unit}" for unit, *_rest in MEASURES.values()})
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in dynamic if not i18n.has(k, lang)) == []
    folder = Path(i18n.__file__).resolve().parent
    az = json.loads((folder / f"{P}.az.json").read_text(encoding="utf-8"))
    en = json.loads((folder / f"{P}.en.json").read_text(encoding="utf-8"))
    assert az["_meta"]["needs_native_review"] is True and en["_meta"]["needs_native_review"] is False
    assert set(az["messages"]) == set(en["messages"])


# -- the evidence --------------------------------------------------------------------------------------
def test_sample_benchmarks_come_from_the_sessions_5_and_8_analysis():
    from eparticipation.worksheets.outreach import default_baseline
    from eparticipation.worksheets.response_commitments import sample_evidence

    found = sample_benchmarks()
    assert round(found["response_rate"].overall / 100, 6) == round(sample_evidence().response_rate, 6)
    assert found["median_response_days"].overall == sample_evidence().median_days
    assert found["representativeness"].overall == pytest.approx(default_baseline().current_index)
    assert found["response_rate"].overall < found["response_rate"].best < found["response_rate"].limit <= 100


def test_benchmarks_skip_a_measure_without_a_limit():
    import pandas as pd

    table = pd.DataFrame([["response_rate", 40, 50, "x", 65, True, "%"],
                          ["median_response_days", 8, 8, "y", float("nan"), False, "days"]],
                         columns=["measure", "overall", "best", "best_group", "realistic_limit", "higher_is_better", "unit"])
    assert list(benchmarks_from(table)) == ["response_rate"]


def test_readiness_baselines_from_the_readiness_section():
    assert readiness_baselines(None) is None and readiness_baselines(Readiness()) is None
    answers = Readiness.model_validate({"items": {"info_drafts": {"legislation": "yes", "policy": "yes"},
                                                  "cons_online": {"legislation": "yes", "policy": "no"}}})
    assert readiness_baselines(answers) == {"information": 33.3, "consultation": 16.7, "decision": 0.0}
    table = level_baselines([("A", answers), ("B", Readiness())])
    assert list(table.columns) == list(LEVELS) and table.loc["B"].tolist() == [0, 0, 0]


# -- render, canvas, export, dashboard ---------------------------------------------------------------
def test_render_shows_the_indicator_table_and_the_checks_in_the_language():
    blocks = render_me_plan(plan(good(owner="<b>Unit</b>", target=100), notes="Report in <June>"), "az")
    table = blocks[0]
    assert isinstance(table, Table) and table.header[0] == "Göstərici" and table.rows[0][-1] == "<b>Unit</b>"
    assert table.rows[0][1] == "E-məsləhətləşmə" and table.rows[0][2] == "Təsir (outcome)"
    assert Para("Report in <June>", label="Qeydlər") in blocks
    assert isinstance(blocks[-2], Heading) and isinstance(blocks[-1], Bullets)
    assert any("SİNTETİK" in line for line in blocks[-1].items)
    assert render_me_plan(MePlan(), "en")[0] == Para("No indicators yet.")


def test_aggregate_summarises_the_group():
    entries = [("P01", plan()), ("P02", plan(good(kind="output", source=""), evaluator="none")),
               ("P03", MePlan(notes="<i>later</i>"))]
    blocks = aggregate_me_plan(entries, "en")
    assert blocks[0].text.startswith("3 plans. 2 have no outcome indicator. Measures used most: Share of published")
    rows = blocks[1].rows
    assert rows[0] == ("P01", "1", "0", "1", "0", "1", "0", "An independent evaluator (no stake in the process)")
    assert rows[1][5:7] == ("0", "1") and rows[2][1] == "0"
    assert aggregate_me_plan([], "en") == []


def test_worked_example_is_fictitious_complete_and_realistic():
    for lang, label in (("en", "(fictitious)"), ("az", "(uydurma)")):
        example = worked_example(lang)
        assert label in example.indicators[0].source + example.indicators[0].owner + example.notes
        assert keys(me_plan_feedback(example, sample_benchmarks(), None)) == ["fb.complete"]
        blocks = render_me_plan(example, lang)
        assert isinstance(blocks[0], Table) and len(blocks[0].rows) == 5


def test_section_appears_in_canvas_markdown_and_word(store):
    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store.save("me_plan", plan(good(owner="<script>alert(1)</script>", target=100)))
    canvas = canvas_html(store, "en")
    assert "Monitoring and evaluation plan" in canvas and "<script>alert" not in canvas and "&lt;script&gt;" in canvas
    workbook = parse_bundle(bundle_text(store))
    assert "Monitorinq və qiymətləndirmə planı" in to_markdown(workbook, "az")
    document = docx.Document(io.BytesIO(to_docx_bytes(workbook, "en")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Monitoring and evaluation plan" in headings
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Indicator", "EPI level", "Output or outcome", "What it measures", "Data source", "Baseline", "Target",
            "How often measured", "Owner"] in cells
    assert ["Answered", "E-consultation", "Outcome", "Share of published submissions answered (%)", "Platform export",
            "40", "100", "After each consultation", "<script>alert(1)</script>"] in cells
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert "far above the SYNTHETIC sample" in paragraphs


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = me_plan_exercise(store, benchmarks=BENCH)
    assert isinstance(widget, w.VBox) and "ep-exercise-me_plan" in widget._dom_classes


def test_initial_state_asks_to_start_and_shows_the_evidence(store):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    assert "fb.start" in "".join(keys(exercise.rules(exercise.answers)))
    assert "SYNTHETIC" in exercise.evidence_box.value and "ASAN kiosk" in exercise.evidence_box.value
    assert "Complete the readiness assessment of Session 2 first" in exercise.evidence_box.value


def test_readiness_answers_are_offered_and_a_damaged_section_is_no_error(store):
    store.save("readiness", Readiness.model_validate({"items": {"info_drafts": {"legislation": "yes", "policy": "yes"}}}))
    exercise = MePlanExercise(store, benchmarks=BENCH)
    assert exercise.readiness["information"] == 33.3 and "E-information 33.3 %" in exercise.evidence_box.value
    exercise.fields["i1_name"].value = "Readiness"
    exercise.fields["i1_level"].value = "information"
    exercise.fields["i1_measure"].value = "readiness"
    assert "33.3 %" in exercise.feedback.value
    (store.folder / "readiness.json").write_text("{ damaged", encoding="utf-8")
    again = MePlanExercise(store, benchmarks=BENCH)
    assert again.readiness is None and "Session 2" in again.evidence_box.value


def test_fields_save_and_come_back(store, tmp_path):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    exercise.fields["i2_name"].value = "Answered"
    exercise.fields["i2_kind"].value = "outcome"
    exercise.fields["i2_measure"].value = "response_rate"
    exercise.fields["i2_baseline"].value = "40,4"
    exercise.fields["i2_target"].value = " 60 % "
    exercise.fields["level_decision"].value = True
    exercise.fields["evaluator"].value = "self"
    saved = json.loads((tmp_path / "wb" / "me_plan.json").read_text(encoding="utf-8"))["answers"]
    assert saved["indicators"][1]["baseline"] == 40.4 and saved["indicators"][1]["target"] == 60
    assert saved["levels_used"] == ["decision"] and saved["evaluator"] == "self"
    assert exercise.saved.value.startswith("Saved at")
    again = MePlanExercise(store, benchmarks=BENCH)
    assert again.fields["i2_baseline"].value == "40.4" and again.fields["i2_kind"].value == "outcome"
    assert again.fields["i1_name"].value == "" and again.fields["level_decision"].value is True


@pytest.mark.parametrize("bad, reason", [("-5", "Cannot be negative"), ("250", "More than 100 %"),
                                         ("<script>", "Not a number"), ("", None)])
def test_bad_numbers_get_a_reason_and_lose_nothing(store, bad, reason):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    exercise.fields["i1_measure"].value = "response_rate"
    exercise.fields["i1_target"].value = "60"
    exercise.fields["i1_owner"].value = "PR unit"
    exercise.fields["i1_target"].value = bad
    kept = store.load("me_plan").answers.indicators[0]
    if reason is None:  # emptying a box is a choice, not a mistake
        assert kept.target is None and "✖" not in exercise.messages["i1_target"].value
        return
    assert reason in exercise.messages["i1_target"].value and "✖" in exercise.messages["i1_target"].value
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    assert kept.target == 60 and kept.owner == "PR unit"
    exercise.fields["i1_target"].value = "65"  # corrected: saved, message gone
    assert store.load("me_plan").answers.indicators[0].target == 65 and "✖" not in exercise.messages["i1_target"].value


def test_hostile_and_long_text_is_kept_as_text_escaped_or_refused(store):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    exercise.fields["i1_name"].value = "<script>alert(1)</script>"
    assert store.load("me_plan").answers.indicators[0].name == "<script>alert(1)</script>"
    assert "<script" not in exercise.feedback.value and "&lt;script&gt;" in exercise.feedback.value
    exercise.fields["i1_source"].value = "s" * 201  # too long: refused next to the field, the name is kept
    assert "200" in exercise.messages["i1_source"].value
    kept = store.load("me_plan").answers.indicators[0]
    assert kept.source == "" and kept.name == "<script>alert(1)</script>"


def test_language_switch_relabels_choices_and_evidence(store):
    exercise = MePlanExercise(store, "en", benchmarks=BENCH)
    exercise.fields["i1_level"].value = "decision"
    exercise.set_language("az")
    assert ("E-qərarların qəbulu", "decision") in exercise.fields["i1_level"].options
    assert exercise.fields["i1_level"].value == "decision" and "SİNTETİK" in exercise.evidence_box.value


def test_worked_example_is_shown_and_copied_only_when_chosen(store):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    exercise.fields["i1_name"].value = "My own indicator"
    exercise.example_button.value = True
    assert exercise.example_view.layout.display is None and "Ministry of Digital Services (fictitious)" in exercise.example_view.value
    assert store.load("me_plan").answers.indicators[0].name == "My own indicator"  # showing changes nothing
    exercise.ask_copy_example()
    assert exercise.example_confirm.layout.display == "flex"
    assert store.load("me_plan").answers.indicators[0].name == "My own indicator"  # asked first
    exercise.copy_example()
    assert store.load("me_plan").answers == worked_example("en")
    assert exercise.fields["i1_name"].value == "Draft acts published for comment"
    assert any("My own indicator" in path.read_text(encoding="utf-8") for path in store.backups("me_plan"))
    exercise.example_button.value = False
    assert exercise.example_view.layout.display == "none"


def test_worked_example_copies_at_once_into_an_empty_plan(store):
    exercise = MePlanExercise(store, "az", benchmarks=BENCH)
    exercise.ask_copy_example()
    assert store.load("me_plan").answers == worked_example("az") and exercise.example_confirm.layout.display == "none"


def test_reset_clears_every_field(store):
    exercise = MePlanExercise(store, benchmarks=BENCH)
    exercise.fields["i3_target"].value = "5"
    exercise.fields["publish_results"].value = True
    exercise.confirm_reset()
    assert exercise.fields["i3_target"].value == "" and exercise.fields["publish_results"].value is False
    assert store.load("me_plan").answers == MePlan()
