import json

import ipywidgets as w
import pytest
from pydantic import ValidationError

from eparticipation import i18n
from eparticipation.analysis.legal_frameworks import CHANNELS, FORM_KEYS
from eparticipation.exercises.base import feedback_html
from eparticipation.worksheets.framework_map import (
    CHANNEL_KEYS, CHOICES, FIELDS, FORM_WEIGHT, ISSUE_WEIGHT, ISSUES, SECTION as SPEC, FormEntry, FrameworkMap,
    aggregate_framework_map, counts, form_issues, framework_map_feedback, gap_texts, gaps, is_empty, provision_issue,
    render_framework_map, unmapped, unmapped_text)
from eparticipation.exercises.framework_map import FrameworkMapExercise, framework_map_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Heading, Para, Table

FULL = dict(legal_basis="Law No. 816-IVQ, Decision No. 172", channel="egov_portal", institution="PR department",
            legislation="yes", policy="yes")


def make(forms: dict[str, dict], notes: str = "") -> FrameworkMap:
    return FrameworkMap.model_validate({"forms": forms, "notes": notes})


def complete_map(**changes) -> FrameworkMap:
    return make({form: {**FULL, **changes} for form in FORM_KEYS})


def keys(items):
    return [item.key for item in items]


def by_key(items, key):
    return next(item for item in items if item.key == key)


# -- model ---------------------------------------------------------------------------------------
def test_model_refuses_unknown_forms_channels_and_answers():
    with pytest.raises(ValidationError):
        make({"made_up_form": {}})
    with pytest.raises(ValidationError):
        make({"draft_acts": {"channel": "carrier_pigeon"}})
    with pytest.raises(ValidationError):
        make({"draft_acts": {"legislation": "maybe"}})
    with pytest.raises(ValidationError):
        make({"draft_acts": {"legal_basis": "x" * 501}})
    assert make({}).entry("draft_acts") == FormEntry()


def test_channel_list_is_the_notebooks_list():
    assert CHANNEL_KEYS == tuple(CHANNELS)
    assert "asan_kiosk" in CHANNEL_KEYS and "call_centre" in CHANNEL_KEYS and "ministry_website" in CHANNEL_KEYS
    assert len(FORM_KEYS) == 6


def test_section_is_registered_with_render_and_aggregate():
    spec = sections.get("framework_map")
    assert spec is SPEC and spec.render is render_framework_map and spec.aggregate is aggregate_framework_map
    assert spec.empty(FrameworkMap()) and is_empty(FrameworkMap())
    assert not is_empty(make({}, notes="checked the law"))
    assert not is_empty(make({"public_hearing": {"institution": "X"}}))


def test_started_and_complete():
    assert not FormEntry().started()
    assert FormEntry(institution="X").started() and not FormEntry(institution="X").complete()
    assert not FormEntry(institution="   ").started()
    assert FormEntry(**FULL).complete()


# -- provisions and gaps -------------------------------------------------------------------------
@pytest.mark.parametrize("pair, issue", [
    ((None, None), "unchecked"),
    (("yes", "yes"), None),
    (("yes", None), None),
    (("no", "no"), "neither"),
    (("no", "yes"), "policy_only"),
    (("yes", "no"), "law_only"),
    (("yes", "dk"), "unknown_one"),
    (("dk", "no"), "no_and_unknown"),
    (("no", None), "no_and_unknown"),
    (("dk", "dk"), "unknown"),
    ((None, "dk"), "unknown"),
])
def test_provision_patterns(pair, issue):
    assert provision_issue(*pair) == issue


def test_form_issues_name_every_missing_part_in_order():
    assert form_issues(FormEntry()) == []
    assert form_issues(FormEntry(**FULL)) == []
    entry = FormEntry(legislation="no", policy="no")  # a check alone starts the form
    assert form_issues(entry) == ["no_owner", "neither", "no_basis", "no_channel"]
    entry = FormEntry(channel="email")
    assert form_issues(entry) == ["no_owner", "no_basis", "unchecked"]
    entry = FormEntry(**{**FULL, "legislation": "no", "policy": "yes", "channel": None})
    assert form_issues(entry) == ["policy_only", "no_channel"]


def test_gaps_are_prioritised_by_issue_then_form_weight():
    answers = make({
        "public_opinion": {"channel": "call_centre"},  # no owner 3+0, no basis 2.5+0, unchecked 1+0
        "draft_acts": {**FULL, "institution": ""},  # no owner 3+1
        "written_consultation": {**FULL, "legislation": "no", "policy": "no"},  # neither 3+1
        "public_hearing": {**FULL, "legislation": "dk"},  # unknown_one 1+0.5
    })
    found = gaps(answers)
    assert [(g.form, g.issue) for g in found] == [
        ("draft_acts", "no_owner"), ("written_consultation", "neither"), ("public_opinion", "no_owner"),
        ("public_opinion", "no_basis"), ("public_hearing", "unknown_one"), ("public_opinion", "unchecked")]
    assert found[0].priority == ISSUE_WEIGHT["no_owner"] + FORM_WEIGHT["draft_acts"] == 4.0
    assert [g.priority for g in found] == sorted((g.priority for g in found), reverse=True)
    assert gaps(complete_map()) == [] and gaps(FrameworkMap()) == []


def test_every_issue_and_form_has_a_weight():
    assert set(ISSUES) == set(ISSUE_WEIGHT) and set(FORM_WEIGHT) == set(FORM_KEYS)


def test_unmapped_and_counts():
    answers = make({"public_council": FULL, "public_hearing": {"legislation": "dk"}})
    assert unmapped(answers) == ["public_discussion", "public_opinion", "draft_acts", "written_consultation"]
    assert counts(answers) == {"yes": 2, "no": 0, "dk": 1, "unanswered": 9, "checks": 12, "started": 2,
                               "complete": 1, "forms": 6}
    assert "Public discussion; Studying public opinion" in unmapped_text(answers, "en")
    assert unmapped_text(complete_map(), "en") == ""


def test_gap_texts_say_what_is_missing_and_why():
    answers = make({"draft_acts": {"channel": "email", "legal_basis": "Law 816-IVQ"}})
    lines = gap_texts(answers, "en")
    assert lines[0].startswith("Public discussion of draft legal acts: no responsible institution.")
    assert "nobody announces the form" in lines[0]
    assert len(gap_texts(answers, "en", limit=1)) == 1
    assert gap_texts(answers, "az")[0].startswith("Hüquqi aktların layihələrinin ictimai müzakirəsi: məsul qurum yoxdur.")


# -- feedback rules --------------------------------------------------------------------------------
def test_empty_map_asks_to_start():
    assert keys(framework_map_feedback(FrameworkMap())) == ["framework_map.fb.start"]


def test_progress_then_complete():
    partial = framework_map_feedback(make({"public_council": FULL}))
    assert keys(partial)[0] == "framework_map.fb.progress"
    assert partial[0].params == {"started": 1, "complete": 1, "total": 6}
    all_started = framework_map_feedback(make({f: {"institution": "Unit"} for f in FORM_KEYS}))
    assert keys(all_started)[0] == "framework_map.fb.fill_in" and all_started[0].params == {"complete": 0, "total": 6}
    done = framework_map_feedback(complete_map(legislation="yes", policy="dk"))
    assert keys(done)[0] == "framework_map.fb.complete" and done[0].level == "good"


def test_yes_without_basis_and_basis_but_no():
    items = framework_map_feedback(make({"public_hearing": {**FULL, "legal_basis": ""},
                                         "draft_acts": {**FULL, "legislation": "no"}}))
    assert by_key(items, "framework_map.fb.yes_without_basis").params["forms"] == ["t:framework_map.form.public_hearing"]
    assert by_key(items, "framework_map.fb.basis_but_no").params["forms"] == ["t:framework_map.form.draft_acts"]
    assert "framework_map.fb.yes_without_basis" not in keys(framework_map_feedback(complete_map()))


def test_channel_without_owner_is_a_warning():
    items = framework_map_feedback(make({"written_consultation": {"channel": "email"}}))
    item = by_key(items, "framework_map.fb.channel_without_owner")
    assert item.level == "warning" and item.params["forms"] == ["t:framework_map.form.written_consultation"]
    assert "a channel without an owner" in item.text("en").lower()
    assert "framework_map.fb.channel_without_owner" not in keys(framework_map_feedback(complete_map()))


def test_many_dont_know_and_all_yes():
    many = framework_map_feedback(make({"public_council": {"legislation": "dk", "policy": "yes"},
                                        "public_hearing": {"legislation": "yes", "policy": "yes"}}))
    assert by_key(many, "framework_map.fb.many_dk").params == {"dk": 1}
    few = framework_map_feedback(make({"public_council": {"legislation": "dk", "policy": "yes"},
                                       "public_hearing": FULL, "draft_acts": FULL}))
    assert "framework_map.fb.many_dk" not in keys(few)  # 1 of 6 checks
    assert "framework_map.fb.all_yes" in keys(framework_map_feedback(complete_map()))
    three_forms = make({f: FULL for f in FORM_KEYS[:3]})  # 6 checks: too few to warn
    assert "framework_map.fb.all_yes" not in keys(framework_map_feedback(three_forms))


def test_online_only_channels_prompt_an_assisted_channel():
    online = make({"draft_acts": {**FULL, "channel": "egov_portal"}, "public_hearing": {**FULL, "channel": "social_media"}})
    item = by_key(framework_map_feedback(online), "framework_map.fb.online_only")
    assert "one person in nine" in item.text("en") and "World Bank" in item.text("en")
    mixed = make({"draft_acts": {**FULL, "channel": "egov_portal"}, "public_hearing": {**FULL, "channel": "asan_kiosk"}})
    assert "framework_map.fb.online_only" not in keys(framework_map_feedback(mixed))
    single = make({"draft_acts": {**FULL, "channel": "egov_portal"}})
    assert "framework_map.fb.online_only" not in keys(framework_map_feedback(single))


def test_policy_ahead_and_law_ahead_need_two_forms():
    policy = make({f: {**FULL, "legislation": "no", "policy": "yes"} for f in FORM_KEYS[:2]})
    assert by_key(framework_map_feedback(policy), "framework_map.fb.policy_ahead").params["forms"] == [
        "t:framework_map.form.public_council", "t:framework_map.form.public_discussion"]
    law = make({f: {**FULL, "legislation": "yes", "policy": "no"} for f in FORM_KEYS[:2]})
    assert "framework_map.fb.law_ahead" in keys(framework_map_feedback(law))
    one = make({"public_council": {**FULL, "legislation": "no", "policy": "yes"}})
    assert "framework_map.fb.policy_ahead" not in keys(framework_map_feedback(one))


def test_one_owner_for_every_form():
    same = complete_map(institution="PR department")
    assert "framework_map.fb.one_owner" in keys(framework_map_feedback(same))
    varied = make({f: {**FULL, "institution": f"Unit {i}"} for i, f in enumerate(FORM_KEYS)})
    assert "framework_map.fb.one_owner" not in keys(framework_map_feedback(varied))


def test_top_gaps_lists_forms_once_in_priority_order():
    answers = make({"public_opinion": {"channel": "call_centre"}, "draft_acts": {**FULL, "institution": ""}})
    item = by_key(framework_map_feedback(answers), "framework_map.fb.top_gaps")
    assert item.params["forms"] == ["t:framework_map.form.draft_acts", "t:framework_map.form.public_opinion"]
    assert "framework_map.fb.top_gaps" not in keys(framework_map_feedback(complete_map()))


def test_every_feedback_text_exists_in_both_languages_and_renders():
    answers = make({"public_opinion": {"channel": "call_centre", "legislation": "dk"},
                    "draft_acts": {**FULL, "legislation": "no", "policy": "yes"},
                    "written_consultation": {**FULL, "legislation": "no", "policy": "yes", "legal_basis": ""}})
    for lang in ("en", "az"):
        for item in framework_map_feedback(answers):
            assert i18n.has(item.key, lang)
        html_text = feedback_html(framework_map_feedback(answers), lang)
        assert "{" not in html_text and "t:framework_map" not in html_text


def test_dynamic_keys_exist_in_both_languages():
    needed = {"framework_map.title", "framework_map.intro", "framework_map.channel.none"}
    needed |= {f"framework_map.form.{f}" for f in FORM_KEYS} | {f"framework_map.form_desc.{f}" for f in FORM_KEYS}
    needed |= {f"framework_map.channel.{c}" for c in CHANNEL_KEYS} | {f"framework_map.choice.{c}" for c in CHOICES}
    needed |= {f"framework_map.column.{c}" for c in ("form", *FIELDS)} | {f"framework_map.gap.{i}" for i in ISSUES}
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in needed if not i18n.has(k, lang)) == [], lang
    assert i18n.t("framework_map.choice.dk", "az") == "Bilmirəm"


# -- render and aggregate --------------------------------------------------------------------------
def test_render_shows_the_map_gaps_unmapped_and_notes():
    answers = make({"draft_acts": {**FULL, "institution": "", "channel": "asan_kiosk"}}, notes="Asked legal dept.")
    blocks = render_framework_map(answers, "en")
    table = next(b for b in blocks if isinstance(b, Table))
    assert len(table.rows) == 6 and table.header[0] == "Form of participation"
    draft = table.rows[4]
    assert draft == ("Public discussion of draft legal acts", FULL["legal_basis"],
                     "ASAN xidmət centre kiosk (assisted)", i18n.t("common.not_answered", "en"), "Yes", "Yes")
    bullets = next(b for b in blocks if isinstance(b, Bullets))
    assert bullets.items[0].startswith("Public discussion of draft legal acts: no responsible institution")
    assert any(isinstance(b, Para) and b.text.startswith("Not mapped yet") for b in blocks)
    assert any(isinstance(b, Para) and b.label == "Notes and evidence" for b in blocks)


def test_render_without_gaps_says_so():
    blocks = render_framework_map(complete_map(), "az")
    assert any(isinstance(b, Para) and b.text == i18n.t("framework_map.no_gaps", "az") for b in blocks)
    assert not any(isinstance(b, Bullets) for b in blocks)


def test_aggregate_counts_per_form():
    entries = [("A", complete_map()),
               ("B", make({"draft_acts": {"channel": "email", "legislation": "no", "policy": "dk"}})),
               ("C", make({"draft_acts": {**FULL, "channel": "email"}}))]
    blocks = aggregate_framework_map(entries, "en")
    table = next(b for b in blocks if isinstance(b, Table))
    draft = table.rows[FORM_KEYS.index("draft_acts")]
    assert draft == ("Public discussion of draft legal acts", "2", "3", "2", "4 / 1 / 1", "Email (2)")
    council = table.rows[0]
    assert council[1:4] == ("1", "1", "1") and council[5] == "e-gov.az portal (1)"
    assert isinstance(blocks[2], Heading)
    assert blocks[3].items[0] == "Public discussion of draft legal acts: 3"  # B: no owner, no basis, no_and_unknown
    assert aggregate_framework_map([], "en") == []


# -- widget ----------------------------------------------------------------------------------------
@pytest.fixture
def exercise(store):
    return FrameworkMapExercise(store, "en")


def saved(store):
    return json.loads((store.folder / "framework_map.json").read_text(encoding="utf-8"))["answers"]


def test_widget_is_compact_one_panel_per_form(exercise):
    assert isinstance(exercise.accordion, w.Accordion)
    assert len(exercise.accordion.children) == 6 and exercise.accordion.selected_index == 0
    assert exercise.accordion.titles[0] == "1. Public council — not started"
    assert "ep-exercise-framework_map" in exercise.widget._dom_classes
    assert set(exercise.fields) == {f"{f}:{n}" for f in FORM_KEYS for n in FIELDS} | {"notes"}
    assert "ep-field-draft_acts-channel" in exercise.fields["draft_acts:channel"]._dom_classes
    assert exercise.saved.value == i18n.t("saved.not_yet", "en")


def test_widget_saves_each_change_and_updates_feedback_and_gaps(exercise, store):
    exercise.fields["draft_acts:channel"].value = "email"
    assert saved(store)["forms"]["draft_acts"]["channel"] == "email"
    assert exercise.saved.value.startswith("Saved at")
    assert "A channel is chosen but no institution" in exercise.feedback.value
    assert "Public discussion of draft legal acts: no responsible institution" in exercise.gap_list.value
    assert exercise.accordion.titles[4] == "5. Public discussion of draft legal acts — gaps: 3"
    exercise.fields["draft_acts:institution"].value = "Legal department"
    exercise.fields["draft_acts:legal_basis"].value = "Decision No. 172"
    exercise.fields["draft_acts:legislation"].value = "yes"
    exercise.fields["draft_acts:policy"].value = "yes"
    assert saved(store)["forms"]["draft_acts"] == {"legal_basis": "Decision No. 172", "channel": "email",
                                                   "institution": "Legal department", "legislation": "yes",
                                                   "policy": "yes"}
    assert exercise.accordion.titles[4].endswith("— no gaps")
    exercise.fields["draft_acts:channel"].value = ""  # back to "not chosen"
    assert saved(store)["forms"]["draft_acts"]["channel"] is None


def test_widget_refuses_too_long_text_without_saving(exercise, store):
    exercise.fields["public_hearing:legal_basis"].value = "x" * 600
    assert not (store.folder / "framework_map.json").exists()
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    assert "✖" in exercise.messages["forms"].value


def test_widget_loads_saved_answers_and_switches_language(store):
    store.save("framework_map", make({"public_council": FULL}, notes="n"))
    again = FrameworkMapExercise(store, "en")
    assert again.fields["public_council:channel"].value == "egov_portal"
    assert again.fields["public_council:policy"].value == "yes"
    assert again.fields["public_discussion:channel"].value == ""
    assert again.fields["notes"].value == "n"
    assert again.saved.value == i18n.t("saved.loaded", "en")
    again.set_language("az")
    assert again.accordion.titles[0] == "1. İctimai şura — boşluq yoxdur"
    assert again.fields["public_council:channel"].options[1] == ("e-gov.az portalı", "egov_portal")
    assert again.fields["public_council:channel"].value == "egov_portal"  # the choice survives relabelling
    assert "Altı formanın hamısı" not in again.feedback.value and "Başlanmış formalar: 1/6" in again.feedback.value
    assert saved(store)["forms"]["public_council"]["channel"] == "egov_portal"


def test_widget_reset_clears_the_map(exercise, store):
    exercise.fields["public_opinion:institution"].value = "Statistics unit"
    exercise.ask_reset()
    exercise.confirm_reset()
    assert exercise.fields["public_opinion:institution"].value == ""
    assert exercise.answers == FrameworkMap()
    assert exercise.accordion.titles[3].endswith("not started")


def test_one_line_function_returns_the_widget(store):
    widget = framework_map_exercise(store=store, lang="az")
    assert isinstance(widget, w.VBox)
    assert "ep-exercise-framework_map" in widget._dom_classes


# -- the section in the canvas, the Markdown/Word export and the literal keys ---------------------
def test_section_appears_in_canvas_and_exports(store):
    import io
    import zipfile

    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store.save("framework_map", make({"draft_acts": {**FULL, "institution": ""}}))
    canvas = canvas_html(store, "en")
    assert "Framework map: forms of participation" in canvas and "no responsible institution" in canvas
    workbook = parse_bundle(bundle_text(store))
    markdown = to_markdown(workbook, "az")
    assert "Çərçivə xəritəsi" in markdown and "məsul qurum yoxdur" in markdown
    with zipfile.ZipFile(io.BytesIO(to_docx_bytes(workbook, "en"))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "Public discussion of draft legal acts" in body and "e-gov.az portal" in body
