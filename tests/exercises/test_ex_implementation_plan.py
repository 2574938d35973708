"""Session 10's implementation plan: the model refuses bad answers, each rule fires when it should (and
explains why), the widget's callbacks save, refuse and reload, the worked example loads only when asked,
and the section renders, exports to Word and aggregates for the dashboard."""

import io
import json

import docx
import pytest

from eparticipation import i18n
from eparticipation.exercises.base import feedback_html
from eparticipation.exercises.implementation_plan import ImplementationPlanExercise, implementation_plan_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Figure, Heading, Table
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.channel_mix import ChannelMix
from eparticipation.worksheets.framework_map import FormEntry, FrameworkMap
from eparticipation.worksheets.implementation_plan import (
    RISKS, Action, ImplementationPlan, Risk, action_problem, aggregate_implementation_plan, has_mandate,
    implementation_feedback, input_problems, is_blank, organisations, parse_whole, render_implementation_plan,
    worked_example)

P = "implementation_plan"
HOSTILE = "<script>alert(1)</script> Agency"


def keys(items):
    return [item.key.removeprefix(P + ".") for item in items]


def action(**changes):
    values = dict(name="Portal page", owner="Agency B", channel="egov_mygov", start_month=2, duration_months=3,
                  cost_azn=9000)
    values.update(changes)
    return Action(**values)


def plan(**changes):
    values = dict(coordinator="Ministry A", budget_azn=20000, actions=[action()],
                  risks={k: Risk(likelihood=2, impact=2, mitigation="Do something", owner="Ministry A") for k in RISKS})
    values.update(changes)
    return ImplementationPlan(**values)


# -- model ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value", [("name", ""), ("name", "   "), ("start_month", 0), ("start_month", 37),
                                          ("duration_months", 0), ("duration_months", -2), ("duration_months", 400),
                                          ("cost_azn", 0), ("cost_azn", -5), ("cost_azn", 1e12), ("cost_azn", float("nan")),
                                          ("channel", "carrier_pigeon"), ("start_month", "abc"), ("owner", "x" * 201)])
def test_action_refuses_bad_values(field, value):
    with pytest.raises(ValueError):
        action(**{field: value})


@pytest.mark.parametrize("changes", [{"budget_azn": 0}, {"budget_azn": -1}, {"risks": {"weather": {}}},
                                     {"risks": {"capture": {"likelihood": 4}}}, {"actions": [action()] * 11}])
def test_plan_refuses_bad_values(changes):
    with pytest.raises(ValueError):
        plan(**changes)


def test_unrated_empty_risks_are_dropped_and_kept_in_order():
    a = ImplementationPlan(risks={"digital_exclusion": Risk(likelihood=1), "capture": Risk()})
    assert list(a.risks) == ["digital_exclusion"] and a.risk("capture") == Risk()


def test_section_is_registered_with_example_and_organisations():
    spec = sections.get(P)
    assert spec.session == "s10-implementation" and spec.order == 100
    assert spec.example is worked_example and spec.organisations is organisations
    assert spec.render is render_implementation_plan and spec.aggregate is aggregate_implementation_plan


# -- input checks ----------------------------------------------------------------------------------
@pytest.mark.parametrize("row, expected", [
    ({"name": "", "start_month": 1, "duration_months": 1}, "Give the action a name first"),
    ({"name": "A", "start_month": None, "duration_months": 1}, "Start month: give a whole number"),
    ({"name": "A", "start_month": "3.5", "duration_months": 1}, "must be a whole number"),
    ({"name": "A", "start_month": 0, "duration_months": 1}, "at least 1"),
    ({"name": "A", "start_month": 1, "duration_months": 99}, "cannot be more than 36 months"),
    ({"name": "A", "start_month": 1, "duration_months": 1, "cost_azn": 0}, "cannot be zero"),
    ({"name": "A", "start_month": 1, "duration_months": 1, "cost_azn": -3}, "cannot be negative"),
    ({"name": "A", "start_month": 1, "duration_months": 1, "cost_azn": 5e9}, "check the number of zeros"),
    ({"name": "A", "start_month": 1, "duration_months": 1, "cost_azn": "<b>lots</b>"}, "is not an amount"),
])
def test_action_problem_says_what_is_wrong(row, expected):
    assert expected in action_problem(row, "en")
    assert action_problem(row, "az")  # the same in Azerbaijani


def test_input_problems_name_the_row_and_the_budget():
    values = {"budget_azn": 0, "actions": [{"name": "A", "start_month": 1, "duration_months": 1},
                                           {"name": "", "start_month": 1, "duration_months": 1}]}
    problems = input_problems(values, "en")
    assert set(problems) == {"budget_azn", "action_1"}


@pytest.mark.parametrize("text, value", [("3", 3), (" 12 ", 12), ("", None), ("3.5", "3.5"), ("abc", "abc")])
def test_parse_whole(text, value):
    assert parse_whole(text) == value


# -- rules -----------------------------------------------------------------------------------------
def test_blank_plan_gets_one_starting_tip():
    assert keys(implementation_feedback(ImplementationPlan())) == ["fb.start"] and is_blank(ImplementationPlan())


def test_a_complete_plan_is_praised():
    found = keys(implementation_feedback(plan(), mandated=["Ministry A", "Agency B"], channels=["egov_mygov"]))
    assert found == ["fb.owners_mandated", "fb.complete"]


def test_action_without_owner_warns_and_names_it():
    items = implementation_feedback(plan(actions=[action(owner="")]))
    item = next(i for i in items if i.key.endswith("fb.no_owner"))
    assert item.level == "warning" and "Portal page" in item.text("en") and "not budgeted" in item.text("en")
    assert "fb.complete" not in keys(items)


def test_over_budget_warns_with_the_amounts():
    item = next(i for i in implementation_feedback(plan(budget_azn=5000)) if i.key.endswith("fb.over_budget"))
    assert item.level == "warning" and "9 000 AZN" in item.text("en") and "4 000 AZN" in item.text("en")


def test_uncosted_and_no_budget_are_tips():
    found = keys(implementation_feedback(plan(budget_azn=None, actions=[action(cost_azn=None)])))
    assert "fb.no_cost" in found and "fb.no_budget" in found


def test_high_times_high_risk_without_mitigation_is_its_own_warning():
    risks = {k: Risk(likelihood=2, impact=2, mitigation="x", owner="y") for k in RISKS}
    risks["capture"] = Risk(likelihood=3, impact=3)
    risks["disinformation"] = Risk(likelihood=1, impact=2)
    items = implementation_feedback(plan(risks=risks))
    critical = next(i for i in items if i.key.endswith("fb.risk_critical"))
    plain = next(i for i in items if i.key.endswith("fb.risk_no_mitigation"))
    assert "Capture by organised groups" in critical.text("en") and "Capture" not in plain.text("en")
    assert "Disinformation and abuse" in plain.text("en")


def test_unrated_risks_and_mitigations_without_owner_are_tips():
    risks = {"capture": Risk(likelihood=1, impact=1, mitigation="Count duplicates once")}
    found = keys(implementation_feedback(plan(risks=risks)))
    assert "fb.risk_unrated" in found and "fb.risk_no_owner" in found


def test_owners_are_checked_against_the_framework_map():
    items = implementation_feedback(plan(actions=[action(owner="Agency B"), action(name="Other", owner="Agency Z")]),
                                    mandated=["Ministry A", "agency b (fictitious)"], channels=["egov_mygov"])
    item = next(i for i in items if i.key.endswith("fb.owner_without_mandate"))
    assert "Agency Z" in item.text("en") and "Agency B" not in item.text("en")
    assert keys(implementation_feedback(plan(), mandated=None)).count("fb.mandate_unknown") == 1


@pytest.mark.parametrize("owner, mandated, expected", [
    ("Ministry of Coastal Affairs, PR unit", ["Ministry of Coastal Affairs (fictitious)"], True),
    ("ministry  of coastal affairs", ["Ministry of Coastal Affairs"], True),
    ("Agency Z", ["Ministry A"], False), ("", ["Ministry A"], False), ("A", ["A B"], False)])
def test_has_mandate(owner, mandated, expected):
    assert has_mandate(owner, mandated) is expected


def test_channels_funded_in_session_6_need_an_owner():
    items = implementation_feedback(plan(), mandated=["Ministry A", "Agency B"], channels=["egov_mygov", "call_centre"])
    item = next(i for i in items if i.key.endswith("fb.channel_without_owner"))
    assert item.level == "warning" and i18n.t("channel_mix.channel.call_centre", "en") in item.text("en")
    assert "fb.channels_unknown" in keys(implementation_feedback(plan(), channels=None))


def test_feedback_html_escapes_participant_text():
    html = feedback_html(implementation_feedback(plan(actions=[action(name=HOSTILE, owner="")])), "en")
    assert "<script>" not in html and "&lt;script&gt;" in html


# -- render, organisations, example, dashboard ------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "az"])
def test_render_has_actions_chart_in_words_budget_and_risks(lang):
    blocks = render_implementation_plan(worked_example(lang), lang)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 5  # actions, by owner, by channel, by month, risk register
    assert any(isinstance(b, Figure) and b.figure is None and b.summary for b in blocks)
    assert i18n.t(f"{P}.risk_register", lang) in [b.text for b in blocks if isinstance(b, Heading)]


def test_worked_example_is_fictitious_in_both_languages():
    for lang, label in (("en", "(fictitious)"), ("az", "(uydurma)")):
        example = worked_example(lang)
        assert all(label in name for name in organisations(example))
        assert example.total_cost() <= example.budget_azn
        assert [f.level for f in implementation_feedback(example)].count("warning") == 0


def test_aggregate_pools_plans():
    entries = [("Table 1", worked_example("en")), ("Table 2", plan(budget_azn=1000)), ("Table 3", ImplementationPlan())]
    blocks = aggregate_implementation_plan(entries, "en")
    assert "Plans: 2; over their budget: 1." in blocks[0].text
    assert len(blocks[1].rows) == 2
    assert aggregate_implementation_plan([], "en") == []


def test_section_appears_in_canvas_markdown_and_word(tmp_path):
    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store = WorkbookStore(tmp_path)
    store.save(P, plan(coordinator=HOSTILE))
    canvas = canvas_html(store, "en")
    assert "Implementation plan" in canvas and "<script>alert" not in canvas and "&lt;script&gt;" in canvas
    store.save(P, worked_example("en"))
    workbook = parse_bundle(bundle_text(store))
    assert "İcra planı" in to_markdown(workbook, "az")
    document = docx.Document(io.BytesIO(to_docx_bytes(workbook, "en")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Implementation plan" in headings and "Risk register" in headings and "Budget summary" in headings
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Consultation page on the national portal" in cells and "Digital exclusion" in cells
    assert "56,000 AZN" in cells  # the running total of the last month


# -- the widget ------------------------------------------------------------------------------------
def test_widget_saves_refuses_bad_rows_and_reloads(tmp_path):
    store = WorkbookStore(tmp_path)
    exercise = ImplementationPlanExercise(store, "en")
    f = exercise.fields
    f["coordinator"].value = "Ministry A"
    f["action_3_owner"].value = HOSTILE  # a row without a name: refused, nothing saved from it
    assert "Give the action a name first" in exercise.messages["row_3"].value
    assert store.load(P).answers.actions == []
    f["action_3_name"].value = "Portal page"
    f["action_3_start_month"].value = "2"
    f["action_3_duration_months"].value = "0"
    assert "at least 1" in exercise.messages["row_3"].value
    f["action_3_duration_months"].value = "3"
    f["action_3_cost_azn"].value = "12 000"
    f["action_3_channel"].value = "egov_mygov"
    f["risk_capture_likelihood"].value = 3
    f["risk_capture_impact"].value = 3
    saved = store.load(P).answers
    assert saved.coordinator == "Ministry A" and saved.actions[0].owner == HOSTILE
    assert saved.actions[0].cost_azn == 12000 and saved.actions[0].channel == "egov_mygov"
    assert saved.risk("capture").score() == 9
    assert "High likelihood and high impact" in exercise.feedback.value and "<script>" not in exercise.feedback.value
    assert exercise.chart.layout.display is None and "Portal page" in exercise.chart_summary.value
    f["budget_azn"].value = "0"  # refused: the saved plan stays
    assert "cannot be zero" in exercise.messages["budget_azn"].value
    assert store.load(P).answers == saved
    again = ImplementationPlanExercise(store, "en")
    assert again.fields["action_0_name"].value == "Portal page"  # rows close up on reload
    assert again.fields["action_0_owner"].value == HOSTILE and again.fields["risk_capture_impact"].value == 3


def test_widget_reads_earlier_sections_and_copes_with_damaged_ones(tmp_path):
    store = WorkbookStore(tmp_path)
    store.save("framework_map", FrameworkMap(forms={"draft_acts": FormEntry(institution="Ministry A")}))
    store.save("channel_mix", ChannelMix(budget_azn=1000, allocations={"call_centre": 500}))
    store.save(P, plan())
    exercise = ImplementationPlanExercise(store, "en")
    assert exercise.mandated == ["Ministry A"] and exercise.channels == ["call_centre"]
    assert "Agency B" in exercise.feedback.value and "Call centre" in exercise.feedback.value
    other = WorkbookStore(tmp_path / "other")  # a damaged map with no backup, and no channel mix
    other.save(P, plan())
    (tmp_path / "other" / "framework_map.json").write_text("{broken", encoding="utf-8")
    calm = ImplementationPlanExercise(other, "en")
    assert calm.mandated is None and calm.channels is None
    assert "Complete the framework map of Session 3" in calm.feedback.value


def test_worked_example_asks_before_replacing_saved_answers(tmp_path):
    store = WorkbookStore(tmp_path)
    store.save(P, plan())
    exercise = ImplementationPlanExercise(store, "az")
    exercise.example_button.value = True
    assert "(uydurma)" in exercise.example_view.value and exercise.example_copy.layout.display is None
    exercise.ask_copy_example()
    assert exercise.example_confirm.layout.display == "flex"
    assert store.load(P).answers == plan()  # nothing replaced yet
    exercise.example_no.click()
    assert exercise.example_confirm.layout.display == "none" and store.load(P).answers == plan()
    exercise.ask_copy_example()
    exercise.example_yes.click()
    assert store.load(P).answers == worked_example("az") and store.backups(P)
    assert exercise.fields["coordinator"].value == worked_example("az").coordinator
    exercise.example_button.value = False
    assert exercise.example_view.layout.display == "none"


def test_empty_plan_takes_the_example_without_asking(tmp_path):
    store = WorkbookStore(tmp_path)
    exercise = ImplementationPlanExercise(store, "en")
    exercise.ask_copy_example()
    assert exercise.example_confirm.layout.display == "none" and store.load(P).answers == worked_example("en")


def test_one_line_function_returns_the_widget(tmp_path):
    widget = implementation_plan_exercise(WorkbookStore(tmp_path), "en")
    assert f"ep-exercise-{P}" in widget._dom_classes
    json.dumps(worked_example("en").model_dump())  # the example serialises
