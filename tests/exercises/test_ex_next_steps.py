import io

import docx
import pytest

from eparticipation import i18n
from eparticipation.exercises.next_steps import NextStepsExercise, next_steps_exercise, top_gap_key
from eparticipation.workbook import bundle, export, sections
from eparticipation.workbook.document import Bullets, Table
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.next_steps import (
    MAX_ACTIONS, NO_READINESS, RESOURCES, Action, NextSteps, aggregate_next_steps, day_problem, is_blank,
    next_steps_feedback, organisations, partners_from_text, render_next_steps, worked_example)
from eparticipation.worksheets.readiness import STATEMENTS, Readiness

P = "next_steps"


def keys(items):
    return [item.key.removeprefix(P + ".fb.") for item in items]


def plan(**changes):
    values = dict(actions=[Action(what="Publish the commitments", owner="PR unit", day=20),
                           Action(what="Pilot consultation", owner="Legal department", day=70)],
                  partners=["Ministry A (fictitious)"], resources=["oecd_guidelines"])
    values.update(changes)
    return NextSteps(**values)


# -- model ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    {"actions": [{"what": "x", "day": 0}]}, {"actions": [{"what": "x", "day": 101}]},
    {"actions": [{"what": "x", "day": "abc"}]}, {"actions": [{"what": "x", "day": 1.5}]},
    {"actions": [{"what": "x" * 301}]}, {"actions": [{"what": f"a{n}"} for n in range(MAX_ACTIONS + 1)]},
    {"resources": ["a_blog"]}, {"partners": ["x" * 201]}, {"own_resource": "x" * 301}, {"unknown": 1},
])
def test_model_refuses_bad_answers(data):
    with pytest.raises(ValueError):
        NextSteps.model_validate(data)


def test_blank_rows_partners_and_resources_are_tidied():
    a = NextSteps(actions=[Action(), Action(what="Do", day=5)], partners=["  Agency   X ", "", " "],
                  resources=["iap2", "un_survey"])
    assert a.actions == [Action(what="Do", day=5)] and a.partners == ["Agency X"]
    assert a.resources == ["un_survey", "iap2"]  # the list's order, whatever the ticking order
    assert partners_from_text("A\n\n  B  C \n") == ["A", "B C"]


@pytest.mark.parametrize("raw, expected", [("", None), ("30", None), ("100", None), ("0", "too_small"),
                                           ("-3", "too_small"), ("101", "too_large"), ("abc", "not_whole"),
                                           ("1.5", "not_whole")])
def test_day_problem_says_why(raw, expected):
    found = day_problem(raw)
    assert (found.key.rsplit(".", 1)[1] if found else None) == expected
    if found:
        assert "Not saved" in found.text("en") and "Yadda saxlanılmadı" in found.text("az")


# -- rules ---------------------------------------------------------------------------------------
def test_blank_plan_gets_a_start_hint_only():
    assert keys(next_steps_feedback(NextSteps())) == ["start"]


def test_a_complete_plan_is_good_and_names_the_readiness_gap():
    found = next_steps_feedback(plan(), "readiness.item.info_drafts")
    assert keys(found) == ["top_gap", "complete"]
    assert i18n.t("readiness.item.info_drafts", "en") in found[0].text("en")


def test_missing_readiness_gives_a_neutral_hint_not_an_error():
    found = next_steps_feedback(plan(), NO_READINESS)
    assert "readiness_missing" in keys(found) and all(f.level != "warning" for f in found)
    assert "top_gap" not in keys(next_steps_feedback(plan(), None))  # an assessment without gaps


@pytest.mark.parametrize("changes, expected, level", [
    (dict(actions=[]), "no_actions", "warning"),
    (dict(actions=[Action(owner="PR", day=3)]), "what_missing", "warning"),
    (dict(actions=[Action(what="Do", day=3)]), "owner_missing", "tip"),
    (dict(actions=[Action(what="Do", owner="PR")]), "day_missing", "tip"),
    (dict(actions=[Action(what="Do", owner="PR", day=60), Action(what="Do 2", owner="Legal", day=90)]),
     "nothing_early", "tip"),
    (dict(actions=[Action(what=f"Do {n}", owner="PR unit", day=5 * n) for n in range(1, 4)]), "one_owner", "tip"),
    (dict(actions=[Action(what="Do", owner="PR", day=3)]), "one_action", "tip"),
    (dict(partners=[]), "no_partners", "tip"),
    (dict(resources=[]), "no_resources", "tip"),
])
def test_each_rule_fires_and_explains_why(changes, expected, level):
    found = {item.key.rsplit(".", 1)[1]: item for item in next_steps_feedback(plan(**changes), None)}
    assert found[expected].level == level
    assert "complete" not in found or level == "tip"
    for lang in i18n.LANGUAGES:
        assert found[expected].text(lang).strip()


def test_an_own_resource_counts_as_a_resource():
    assert "no_resources" not in keys(next_steps_feedback(plan(resources=[], own_resource="A book"), None))


# -- render, dashboard, network names, worked example ------------------------------------------------
def test_render_lists_actions_by_day_and_resources_with_their_address():
    a = plan(actions=[Action(what="Late", owner="B", day=90), Action(what="Undated", owner="C"),
                      Action(what="Early", owner="A", day=5)])
    blocks = render_next_steps(a, "en")
    table = next(b for b in blocks if isinstance(b, Table))
    assert [row[1] for row in table.rows] == ["Early", "Late", "Undated"]
    bullets = next(b for b in blocks if isinstance(b, Bullets))
    assert RESOURCES["oecd_guidelines"][1] in bullets.items[0]


def test_aggregate_counts_early_starters_and_chosen_resources():
    blocks = aggregate_next_steps([("P01", plan()), ("P02", plan(actions=[Action(what="x", owner="y", day=80)]))], "en")
    assert "1 of them start" in blocks[0].text
    resources = blocks[-1]
    assert resources.rows == ((i18n.t("next_steps.resource.oecd_guidelines", "en"), "2"),)
    assert aggregate_next_steps([], "en") == []


def test_organisations_are_owners_and_partners():
    assert organisations(plan()) == ["PR unit", "Legal department", "Ministry A (fictitious)"]


@pytest.mark.parametrize("lang, label", [("en", "(fictitious"), ("az", "(uydurma")])
def test_worked_example_is_a_labelled_fictitious_ministry(lang, label):
    example = worked_example(lang)
    assert sections.get("next_steps").example is worked_example
    names = organisations(example)
    assert names and all(label in name for name in names)
    assert keys(next_steps_feedback(example, None))[-1] == "complete"
    assert any(isinstance(b, Table) for b in render_next_steps(example, lang))


def test_section_is_registered_in_session_order():
    spec = sections.get("next_steps")
    assert spec.session == "s12-action-plan" and spec.order == 120 and spec.empty(NextSteps())
    assert spec.organisations is organisations and not is_blank(plan())


# -- the widget ------------------------------------------------------------------------------------
def store_in(tmp_path, **profile):
    store = WorkbookStore(tmp_path / "wb")
    store.save("profile", {"alias": "Ana", "language": "en", **profile})
    return store


def test_widget_saves_reloads_and_refuses_a_bad_day(tmp_path):
    store = store_in(tmp_path)
    ex = NextStepsExercise(store, download_dir=tmp_path / "dl")
    ex.fields["what_1"].value = "Publish <script>alert(1)</script>"
    ex.fields["owner_1"].value = "PR unit"
    ex.fields["day_1"].value = "15"
    ex.fields["partners"].value = "Agency X\nNetwork Y"
    ex.fields["res_iap2"].value = True
    saved = store.load("next_steps").answers
    assert saved.actions[0].day == 15 and saved.partners == ["Agency X", "Network Y"] and saved.resources == ["iap2"]
    assert "<script>" not in ex.widget.children[0].value
    ex.fields["day_1"].value = "0"
    assert "day 1" in ex.messages["day_1"].value and "✖" in ex.messages["day_1"].value
    assert store.load("next_steps").answers.actions[0].day == 15  # nothing already saved is lost
    ex.fields["day_1"].value = "500"
    assert "100" in ex.messages["day_1"].value
    again = NextStepsExercise(store)
    assert again.fields["day_1"].value == "15" and again.fields["res_iap2"].value is True
    assert again.fields["partners"].value == "Agency X\nNetwork Y"
    assert next_steps_exercise(store).__class__.__name__ == "VBox"


def test_widget_reads_the_readiness_gap_from_the_workbook(tmp_path):
    store = store_in(tmp_path)
    assert top_gap_key(store) == NO_READINESS
    item = next(iter(STATEMENTS))
    store.save("readiness", Readiness.model_validate({"items": {item: {"legislation": "no", "policy": "no"}}}))
    assert top_gap_key(store) == f"readiness.item.{item}"
    (store.folder / "readiness.json").write_text("{damaged", encoding="utf-8")
    assert top_gap_key(store) == f"readiness.item.{item}"  # recovered from its backup
    for backup in store.backups("readiness"):
        backup.unlink()
    (store.folder / "readiness.json").write_text("{damaged", encoding="utf-8")
    assert top_gap_key(store) == NO_READINESS  # a damaged section: neutral hint, never an error


def test_worked_example_is_shown_and_copied_only_after_confirming(tmp_path):
    store = store_in(tmp_path)
    ex = NextStepsExercise(store)
    ex.fields["what_1"].value = "My own action"
    ex.example_button.value = True
    assert "(fictitious" in ex.example_view.value and ex.example_view.layout.display is None
    ex.ask_copy_example()
    assert ex.example_confirm.layout.display == "flex"
    assert store.load("next_steps").answers.actions[0].what == "My own action"  # not replaced yet
    ex.example_no.click()
    assert ex.example_confirm.layout.display == "none"
    ex.ask_copy_example()
    ex.example_yes.click()
    assert store.load("next_steps").answers == worked_example("en")
    backup = store.backups("next_steps")[0]
    assert "My own action" in backup.read_text(encoding="utf-8")
    assert backup.name in ex.saved.value


def test_the_section_is_on_the_canvas_and_in_the_word_draft(tmp_path):
    store = store_in(tmp_path)
    store.save("next_steps", worked_example("az"))
    from eparticipation.exercises.canvas import canvas_html

    assert i18n.t("next_steps.title", "az") in canvas_html(store, "az")
    document = docx.Document(io.BytesIO(export.to_docx_bytes(bundle.read_workbook(store.folder), "az")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert i18n.t("next_steps.title", "az") in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert worked_example("az").actions[0].what in cells
    assert worked_example("az").actions[0].what in export.to_markdown(bundle.read_workbook(store.folder), "az")


def test_the_early_days_threshold_is_the_assumed_parameter():
    from eparticipation.data.assumptions import assumption_value
    from eparticipation.worksheets.next_steps import EARLY_DAYS

    assert assumption_value("next_steps_early_days") == EARLY_DAYS


def test_a_filled_first_action_gets_no_recommended_note(tmp_path):
    ex = NextStepsExercise(store_in(tmp_path))
    assert "Recommended" in ex.messages["what_1"].value
    ex.fields["what_1"].value = "Publish"
    assert ex.messages["what_1"].value == ""
