import io
import json
from pathlib import Path

import docx
import ipywidgets as w
import pytest
from pydantic import ValidationError

from eparticipation import i18n
from eparticipation.exercises.strategy_design import StrategyDesignExercise, earlier_sections, strategy_design_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Heading, Table
from eparticipation.worksheets.channel_mix import ChannelMix
from eparticipation.worksheets.readiness import Readiness
from eparticipation.worksheets.response_commitments import ResponseCommitments
from eparticipation.worksheets.strategy_design import (
    INPUTS, LEVELS, PRECONDITIONS, QUADRANTS, RECRUITMENT, STAGES, USES, WHO, EarlierSections, Stakeholder, StagePlan,
    StrategyDesign, aggregate_strategy_design, coherence_feedback, design_feedback, level_counts, map_chart,
    organisations, plan_chart, quadrant_of, render_strategy_design, stakeholder_problem, top_gap_areas,
    worked_example)

P = "strategy_design"


def keys(items):
    return [item.key.removeprefix(f"{P}.") for item in items]


def plan(**stages) -> StrategyDesign:
    return StrategyDesign(vision="v", objectives="o", preconditions=list(PRECONDITIONS),
                          stages={s: StagePlan(**p) for s, p in stages.items()})


GOOD_STAGE = dict(level="e_consultation", inputs=["ideas"], use="inform", who=["broader_public"],
                  recruitment="open_call", channels=["egov_mygov"])
# Session 2 answers whose highest-priority gaps are in e-information and the legal framework (tied), then skills.
READINESS = Readiness.model_validate({"items": {
    "legal_duty_consult": {"legislation": "no", "policy": "no"},
    "info_drafts": {"legislation": "no", "policy": "no"},
    "skills_training": {"legislation": "dk", "policy": "yes"}}})


# -- model ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    {"stages": {"lobbying": {}}},
    {"stages": {"agenda": {"level": "e_voting"}}},
    {"stakeholders": [{"name": "", "influence": 2, "interest": 2}]},
    {"stakeholders": [{"name": "   ", "influence": 2, "interest": 2}]},
    {"stakeholders": [{"name": "A", "influence": 0, "interest": 2}]},
    {"stakeholders": [{"name": "A", "influence": 2, "interest": 5}]},
    {"stakeholders": [{"name": "A", "influence": None, "interest": 2}]},
    {"stakeholders": [{"name": "x" * 201, "influence": 2, "interest": 2}]},
    {"stakeholders": [{"name": "NGO", "influence": 2, "interest": 2}, {"name": "ngo", "influence": 1, "interest": 1}]},
    {"stakeholders": [{"name": f"S{i}", "influence": 1, "interest": 1} for i in range(9)]},
    {"gap_areas": ["budget"]},
    {"preconditions": ["money"]},
    {"approaches": {"ignore": "x"}},
])
def test_model_refuses_bad_answers(data):
    with pytest.raises(ValidationError):
        StrategyDesign.model_validate(data)


def test_model_keeps_choices_in_order_and_drops_empty_stages():
    a = StrategyDesign.model_validate({
        "gap_areas": ["skills", "legal"], "preconditions": ["time", "problem"],
        "stages": {"evaluation": {"inputs": ["evidence", "ideas"], "channels": ["call_centre", "egov_mygov"]},
                   "agenda": {}},
        "approaches": {"monitor": "  yearly review ", "keep_informed": "  "}})
    assert a.gap_areas == ["legal", "skills"] and a.preconditions == ["problem", "time"]
    assert list(a.stages) == ["evaluation"] and a.stages["evaluation"].inputs == ["ideas", "evidence"]
    assert a.stages["evaluation"].channels == ["egov_mygov", "call_centre"]
    assert a.approaches == {"monitor": "yearly review"}


@pytest.mark.parametrize("influence, interest, quadrant", [
    (4, 4, "manage_closely"), (3, 3, "manage_closely"), (3, 2, "keep_satisfied"), (2, 3, "keep_informed"),
    (1, 1, "monitor"), (2, 2, "monitor")])
def test_quadrants_split_the_scale_in_the_middle(influence, interest, quadrant):
    assert quadrant_of(influence, interest) == quadrant


def test_stakeholder_problem_says_why():
    assert stakeholder_problem("", None, None) is None
    assert stakeholder_problem("", 2, None) == f"{P}.error.no_name"
    assert stakeholder_problem("NGO", 2, None) == f"{P}.error.no_position"
    assert stakeholder_problem("x" * 201, 2, 2) == f"{P}.error.name_too_long"
    assert stakeholder_problem("NGO", 2, 3) is None


def test_section_is_registered_with_example_and_organisations():
    spec = sections.get(P)
    assert spec is not None and spec.order == 90 and spec.session == "s09-strategy-design"
    assert spec.example is worked_example and spec.organisations is organisations
    assert [s.key for s in sections.all_sections()].index(P) > [s.key for s in sections.all_sections()].index(
        "response_commitments")


# -- rules ---------------------------------------------------------------------------------------------
def test_blank_design_asks_to_start():
    assert keys(design_feedback(StrategyDesign())) == ["fb.start"]


def test_good_stage_without_earlier_sessions_gets_neutral_hints_only():
    a = plan(drafting=GOOD_STAGE)
    a.stakeholders = [Stakeholder(name=n, influence=i, interest=j) for n, i, j in
                      (("A", 4, 4), ("B", 1, 4), ("C", 1, 1))]
    a.approaches = {"manage_closely": "x", "keep_informed": "y", "monitor": "z"}
    assert keys(design_feedback(a)) == ["fb.preconditions_met"]
    items = design_feedback(a, EarlierSections())
    assert keys(items) == ["fb.preconditions_met", "fb.need_readiness", "fb.need_channel_mix"]
    assert all(item.level != "warning" for item in items)


def test_stage_rules_fire():
    a = plan(decision=dict(level="e_decision", use="inspiration", who=["representative_sample"],
                           recruitment="open_call", channels=["egov_mygov"]),
             agenda=dict(level="e_consultation", inputs=["decision"], channels=["egov_mygov"]))
    found = keys(design_feedback(a))
    assert {"fb.decision_weak_use", "fb.sample_needs_lottery", "fb.no_inputs", "fb.decision_input_low", "fb.no_use",
            "fb.no_who"} <= set(found)
    no_recruit = plan(drafting={**GOOD_STAGE, "recruitment": None})
    assert "fb.no_recruitment" in keys(design_feedback(no_recruit))
    info = plan(implementation=dict(level="e_information", who=["broader_public"], channels=["egov_mygov"]))
    assert "fb.information_only" in keys(design_feedback(info))
    assert "fb.no_stage" in keys(design_feedback(StrategyDesign(vision="v")))


def test_missing_preconditions_are_named_when_citizens_are_involved():
    a = plan(drafting=GOOD_STAGE)
    a.preconditions = ["problem", "influence"]
    item = next(i for i in design_feedback(a) if i.key.endswith("preconditions_missing"))
    assert item.level == "warning"
    text = item.text("en")
    assert i18n.t(f"{P}.precondition.resources", "en").rstrip(".") in text and "OECD" in text
    info_only = plan(implementation=dict(level="e_information", channels=["egov_mygov"]))
    info_only.preconditions = []
    assert "fb.preconditions_missing" not in keys(design_feedback(info_only))


def test_stakeholder_rules():
    a = plan()
    assert "fb.no_stakeholders" in keys(design_feedback(a))
    a.stakeholders = [Stakeholder(name="A", influence=4, interest=4)]
    assert {"fb.few_stakeholders", "fb.no_approach"} <= set(keys(design_feedback(a)))
    a.stakeholders = [Stakeholder(name=n, influence=4, interest=4) for n in "ABC"]
    a.approaches = {"manage_closely": "monthly meetings"}
    assert keys(design_feedback(a)).count("fb.one_quadrant") == 1 and "fb.no_approach" not in keys(design_feedback(a))


def test_readiness_coherence():
    assert top_gap_areas(READINESS) == ["e_information", "legal", "skills"]  # ties keep the statement order
    a = plan(drafting=GOOD_STAGE)
    ignored = next(i for i in coherence_feedback(a, EarlierSections(readiness=READINESS)) if i.key.endswith("gaps_ignored"))
    assert ignored.level == "warning" and "Legal framework" in ignored.text("en") and "Bacarıqlar" in ignored.text("az")
    a.gap_areas = ["legal"]
    partly = next(i for i in coherence_feedback(a, EarlierSections(readiness=READINESS)) if i.key.endswith("gaps_ignored"))
    assert partly.level == "tip" and "Legal framework" not in partly.text("en")
    a.gap_areas = ["legal", "e_information", "skills"]
    assert "fb.gaps_addressed" in keys(coherence_feedback(a, EarlierSections(readiness=READINESS)))


def test_channel_coherence():
    mix = ChannelMix(budget_azn=1000, allocations={"egov_mygov": 500})
    a = plan(drafting=GOOD_STAGE, decision={**GOOD_STAGE, "channels": []},
             evaluation={**GOOD_STAGE, "channels": ["egov_mygov", "public_hearing"]})
    items = coherence_feedback(a, EarlierSections(channel_mix=mix))
    no_channel = next(i for i in items if i.key.endswith("stage_no_channel"))
    assert no_channel.level == "warning" and "Decision-making" in no_channel.text("en")
    unfunded = next(i for i in items if i.key.endswith("channel_unfunded"))
    assert "public hearings" in unfunded.text("en").lower() and "Monitoring" in unfunded.text("en")
    assert "fb.need_channel_mix" not in keys(items)


def test_decision_making_needs_a_feedback_commitment():
    a = plan(decision={**GOOD_STAGE, "level": "e_decision", "use": "implement_some"})
    assert "fb.need_commitments" in keys(coherence_feedback(a, EarlierSections()))
    weak = ResponseCommitments(answer_share=100)
    warn = next(i for i in coherence_feedback(a, EarlierSections(response_commitments=weak))
                if i.key.endswith("decision_without_feedback"))
    assert warn.level == "warning" and "Decision-making" in warn.text("en")
    strong = ResponseCommitments(response_days=15, publish_where=["own_website"])
    assert not {"fb.need_commitments", "fb.decision_without_feedback"} & set(
        keys(coherence_feedback(a, EarlierSections(response_commitments=strong))))
    consult_only = plan(drafting=GOOD_STAGE)
    assert "fb.need_commitments" not in keys(coherence_feedback(consult_only, EarlierSections()))


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    samples = [StrategyDesign(), worked_example("en"), plan(decision=dict(level="e_decision", use="inspiration",
               inputs=["decision"], who=["representative_sample"], recruitment="open_call"))]
    samples[2].stakeholders = [Stakeholder(name="A", influence=4, interest=4)]
    contexts = [EarlierSections(), EarlierSections(READINESS, ChannelMix(budget_azn=10, allocations={"call_centre": 5}),
                                                   ResponseCommitments(answer_share=5))]
    seen = set()
    for sample in samples:
        for context in contexts:
            for item in design_feedback(sample, context):
                seen.add(item.key)
                for lang in i18n.LANGUAGES:
                    assert i18n.has(item.key, lang) and "{" not in item.text(lang), (item.key, lang)
    assert len(seen) >= 14


def test_dynamic_keys_exist_in_both_languages_and_azerbaijani_is_flagged():
    dynamic = ({f"{P}.stage.{v}" for v in STAGES} | {f"{P}.level.{v}" for v in LEVELS}
               | {f"{P}.input.{v}" for v in INPUTS} | {f"{P}.use.{v}" for v in USES} | {f"{P}.who.{v}" for v in WHO}
               | {f"{P}.recruitment.{v}" for v in RECRUITMENT} | {f"{P}.precondition.{v}" for v in PRECONDITIONS}
               | {f"{P}.quadrant.{v}" for v in QUADRANTS})
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in dynamic if not i18n.has(k, lang)) == []
    folder = Path(i18n.__file__).resolve().parent
    az = json.loads((folder / f"{P}.az.json").read_text(encoding="utf-8"))
    en = json.loads((folder / f"{P}.en.json").read_text(encoding="utf-8"))
    assert az["_meta"]["needs_native_review"] is True and en["_meta"]["needs_native_review"] is False
    assert set(az["messages"]) == set(en["messages"])


# -- worked example, render, charts, dashboard, export ----------------------------------------------
@pytest.mark.parametrize("lang, label", [("en", "(fictitious"), ("az", "(uydurma")])
def test_worked_example_is_complete_and_labelled_fictitious(lang, label):
    example = worked_example(lang)
    assert list(example.stages) == list(STAGES) and len(example.stakeholders) == 6
    assert all(label in name for name in organisations(example))
    assert label in example.vision and set(example.approaches) == set(QUADRANTS)
    assert {s.quadrant() for s in example.stakeholders} == set(QUADRANTS)


def test_render_shows_plan_map_and_checks():
    blocks = render_strategy_design(worked_example("az"), "az")
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 4
    plan_rows = tables[1].rows
    assert plan_rows[2][0] == "Qərarların qəbulu" and plan_rows[2][1] == "E-qərarların qəbulu"
    assert plan_rows[2][5] == "Vətəndaş lotereyası (püşkatma)"
    assert isinstance(blocks[-2], Heading) and isinstance(blocks[-1], Bullets)  # resources are not ticked
    empty = render_strategy_design(StrategyDesign(), "en")
    assert empty[0].text == "not answered"


def test_charts_have_summaries_and_escape_names():
    a = worked_example("en")
    a.stakeholders.append(Stakeholder(name="<b>Press</b>", influence=4, interest=4))
    chart = map_chart(a, "en")
    texts = [t for trace in chart.figure.data for t in trace.text]
    assert "&lt;b&gt;Press&lt;/b&gt;" in texts and "<b>Press</b>" in chart.summary
    assert "Keep satisfied" in chart.summary and len(chart.figure.data) == 4
    bars = plan_chart(a, "en")
    assert list(bars.figure.data[0].y) == [2, 2, 3, 1, 2] and "Implementation: e-Information" in bars.summary


def test_aggregate_counts_levels_by_stage():
    entries = [("P01", worked_example("en")), ("P02", plan(drafting=GOOD_STAGE)), ("P03", StrategyDesign())]
    counts = level_counts(entries)
    assert counts["drafting"]["e_consultation"] == 2 and counts["decision"]["none"] == 2
    blocks = aggregate_strategy_design(entries, "en")
    assert blocks[0].text.startswith("3 plans. 1 plan e-decision-making") and "1 tick all five" in blocks[0].text
    assert blocks[1].rows[2] == ("Decision-making", "2", "0", "0", "1")
    assert aggregate_strategy_design([], "en") == []


def test_section_appears_in_canvas_markdown_and_word(store):
    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    example = worked_example("en")
    example.vision = "<script>alert(1)</script>"
    store.save(P, example)
    canvas = canvas_html(store, "en")
    assert "Stakeholder map" in canvas and "<script>alert" not in canvas and "&lt;script&gt;" in canvas
    workbook = parse_bundle(bundle_text(store))
    assert "Maraqlı tərəflərin xəritəsi" in to_markdown(workbook, "az")
    document = docx.Document(io.BytesIO(to_docx_bytes(workbook, "en")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert i18n.t(f"{P}.title", "en") in headings
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["State Budget Office (fictitious)", "3", "2", i18n.t(f"{P}.quadrant.keep_satisfied", "en")] in cells
    assert any(row[0] == "Decision-making" and row[1] == "e-Decision-making" for row in cells)
    assert "<script>alert(1)</script>" in " ".join(p.text for p in document.paragraphs)  # plain text in Word


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = strategy_design_exercise(store)
    assert isinstance(widget, w.VBox) and "ep-exercise-strategy_design" in widget._dom_classes


def test_answers_save_and_come_back(store):
    exercise = StrategyDesignExercise(store, "en")
    assert "fb.start" in exercise.feedback.value or "Start with a vision" in exercise.feedback.value
    exercise.fields["vision"].value = "Open policy by 2030"
    exercise.fields["area_skills"].value = True
    exercise.fields["cond_time"].value = True
    exercise.fields["decision__level"].value = "e_decision"
    exercise.fields["decision__use"].value = "implement_some"
    exercise.fields["decision__recruitment"].value = "civic_lottery"
    exercise.fields["decision__who_representative_sample"].value = True
    exercise.fields["decision__channel_public_hearing"].value = True
    exercise.fields["sh1_name"].value = "Fishers (fictitious)"
    exercise.fields["sh1_influence"].value = 4
    exercise.fields["sh1_interest"].value = 3
    exercise.fields["approach_manage_closely"].value = "Monthly meetings"
    saved = store.load(P).answers
    assert saved.vision == "Open policy by 2030" and saved.gap_areas == ["skills"] and saved.preconditions == ["time"]
    assert saved.stages["decision"] == StagePlan(level="e_decision", use="implement_some", recruitment="civic_lottery",
                                                 who=["representative_sample"], channels=["public_hearing"])
    assert saved.stakeholders == [Stakeholder(name="Fishers (fictitious)", influence=4, interest=3)]
    assert saved.approaches == {"manage_closely": "Monthly meetings"}
    again = StrategyDesignExercise(store, "en")
    assert again.fields["decision__level"].value == "e_decision" and again.fields["sh1_influence"].value == 4
    assert again.fields["decision__channel_public_hearing"].value is True and again.fields["sh2_name"].value == ""
    assert "Fishers (fictitious)" in again.chart_summary.value and "Session 8" in again.feedback.value


@pytest.mark.parametrize("name, influence, interest, reason", [
    ("NGO", 3, None, "Choose both an influence and an interest"),
    ("", 3, 2, "Give the stakeholder a name"),
    ("x" * 250, 3, 2, "too long"),
])
def test_bad_stakeholder_row_gets_a_reason_and_loses_nothing(store, name, influence, interest, reason):
    exercise = StrategyDesignExercise(store, "en")
    exercise.fields["vision"].value = "kept"
    exercise.fields["sh2_influence"].value = influence
    exercise.fields["sh2_interest"].value = interest
    exercise.fields["sh2_name"].value = name
    assert reason in exercise.messages["sh2_name"].value and "Not saved" in exercise.saved.value
    assert store.load(P).answers.vision == "kept" and store.load(P).answers.stakeholders == []


def test_duplicate_stakeholders_are_refused_next_to_the_second(store):
    exercise = StrategyDesignExercise(store, "en")
    for n in (1, 2):
        exercise.fields[f"sh{n}_influence"].value = 2
        exercise.fields[f"sh{n}_interest"].value = 2
        exercise.fields[f"sh{n}_name"].value = "Same NGO" if n == 1 else "same ngo"
    assert "appears twice" in exercise.messages["sh2_name"].value and exercise.messages["sh1_name"].value == ""
    assert [s.name for s in store.load(P).answers.stakeholders] == ["Same NGO"]


def test_hostile_text_is_kept_as_text_and_escaped(store):
    exercise = StrategyDesignExercise(store, "en")
    exercise.fields["sh1_influence"].value = 1
    exercise.fields["sh1_interest"].value = 1
    exercise.fields["sh1_name"].value = "<script>alert(1)</script>"
    assert store.load(P).answers.stakeholders[0].name == "<script>alert(1)</script>"
    assert "<script>" not in exercise.chart_summary.value and "&lt;script&gt;" in exercise.chart_summary.value


def test_earlier_sections_are_read_and_a_damaged_one_gives_a_neutral_hint(store):
    store.save("readiness", READINESS)
    store.save("response_commitments", ResponseCommitments(answer_share=100))
    (store.folder / "channel_mix.json").write_text("{not json", encoding="utf-8")
    earlier = earlier_sections(store)
    assert earlier.readiness == READINESS and earlier.channel_mix is None
    exercise = StrategyDesignExercise(store, "en")
    assert "Legal framework" in exercise.readiness_box.value
    exercise.fields["decision__level"].value = "e_decision"
    text = exercise.feedback.value
    assert "Complete Session 6" in text and "no response time" in text and "Legal framework" in text


def test_worked_example_opens_and_is_copied_only_after_confirmation(store):
    exercise = StrategyDesignExercise(store, "en")
    exercise.fields["vision"].value = "My own vision"
    exercise.example_button.value = True
    assert "Ministry of Digital Services (fictitious)" in exercise.example_view.value
    assert exercise.example_copy.layout.display is None and store.load(P).answers.vision == "My own vision"
    exercise.example_copy.click()
    assert exercise.example_confirm.layout.display == "flex"
    exercise.example_no.click()
    assert store.load(P).answers.vision == "My own vision"
    exercise.example_copy.click()
    exercise.example_yes.click()
    assert store.load(P).answers == worked_example("en") and exercise.fields["sh1_name"].value.startswith("Analysis and Strategy")
    backups = store.backups(P)
    assert any("My own vision" in backup.read_text(encoding="utf-8") for backup in backups)
    exercise.example_button.value = False
    assert exercise.example_view.layout.display == "none"


def test_language_switch_relabels_tabs_and_rows(store):
    exercise = StrategyDesignExercise(store, "en")
    exercise.set_language("az")
    assert exercise.tabs.titles[2] == "Qərarların qəbulu"
    assert exercise.fields["sh1_name"].layout is not None
    labels = [child.value for row in exercise.widget.children if isinstance(row, w.HBox)
              for child in row.children if isinstance(child, w.Label)]
    assert "Maraqlı tərəf 3" in labels


def test_reset_clears_every_field(store):
    exercise = StrategyDesignExercise(store, "en")
    exercise.example_copy.click()  # an empty form takes the example without asking
    exercise.confirm_reset()
    assert store.load(P).answers == StrategyDesign()
    assert exercise.fields["sh1_name"].value == "" and exercise.fields["agenda__level"].value is None


# -- numbers and the example in the pages come from the data and the worksheet ---------------------
ROOT = Path(__file__).resolve().parents[2]


def test_sample_numbers_in_quiz_and_page_come_from_the_data():
    from eparticipation.analysis.consultation import group_representation
    from eparticipation.data import load_sample_consultation
    from eparticipation.data.consultation import group_benchmarks

    table = group_representation(load_sample_consultation().participants, group_benchmarks()).set_index("group")
    rural = table.loc["rural"]
    assert round(100 * rural["sample_share"]) == 19 and round(100 * rural["population_share"], 1) == 45.5
    quiz = (ROOT / "eparticipation/quizzes/s09-strategy-design.yml").read_text(encoding="utf-8")
    page = (ROOT / "book/sessions/s09-strategy-design.md").read_text(encoding="utf-8")
    assert "19% of the participants against 45.5%" in quiz and "19 % of the participants against 45.5 %" in page


def test_exercise_notebook_example_matches_the_worked_example():
    notebook = json.loads((ROOT / "exercises/s09-strategy-design.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if "Worked example" in "".join(c["source"]))
    example = worked_example("en")
    first_column = ("Issue identification", "Policy formulation", "Decision-making", "Implementation",
                    "Monitoring and evaluation")
    for stage, label in zip(STAGES, first_column):
        level = i18n.t(f"{P}.level.{example.plan(stage).level}", "en")
        assert f"| {label} | {level} |" in text, stage
    flat = " ".join(text.split())
    for stakeholder in example.stakeholders:
        label = i18n.t(f"{P}.quadrant.{stakeholder.quadrant()}", "en").split(" (")[0]
        line = next(line for line in flat.split("- *") if line.startswith(f"{label}:*"))
        assert stakeholder.name in line, stakeholder.name


def test_rule_parameters_are_the_ones_in_the_assumptions_table():
    from eparticipation.data.assumptions import assumption_value, load_assumptions
    from eparticipation.worksheets.strategy_design import HIGH, TOP_GAP_AREAS

    table = load_assumptions()
    assert assumption_value("strategy_top_gap_areas", table) == TOP_GAP_AREAS
    assert assumption_value("stakeholder_scale_high", table) == HIGH
    assert set(table.loc[["strategy_top_gap_areas", "stakeholder_scale_high"], "status"]) == {"ASSUMED"}
