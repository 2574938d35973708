import json

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import validation_messages
from eparticipation.worksheets.profile import profile_feedback
from eparticipation.exercises.profile import ProfileExercise, profile_exercise
from eparticipation.workbook.models import Profile
from eparticipation.workbook.store import WorkbookStore


def keys(items):
    return {item.key for item in items}


# -- rules (pure) ------------------------------------------------------------------------------
def test_empty_profile_asks_for_alias_and_institution():
    found = keys(profile_feedback(Profile()))
    assert {"profile.fb.alias_missing", "profile.fb.institution_missing", "profile.fb.role_missing"} <= found
    assert "profile.fb.complete" not in found


def test_complete_profile_is_praised_and_real_name_explained():
    items = profile_feedback(Profile(alias="A", real_name="R", institution="M", role="Head"))
    assert keys(items) == {"profile.fb.real_name_given", "profile.fb.complete"}
    assert all(item.level in ("good", "tip") for item in items)


def test_team_gets_the_concurrent_editing_tip():
    assert "profile.fb.team" in keys(profile_feedback(Profile(kind="team")))


def test_every_rule_text_exists_in_both_languages():
    for profile in (Profile(), Profile(alias="a", real_name="r", institution="i", role="r", kind="team")):
        for item in profile_feedback(profile):
            for lang in i18n.LANGUAGES:
                assert i18n.has(item.key, lang)


def test_validation_messages_are_pure_and_translated():
    assert validation_messages(Profile, {"alias": "ok"}, "en") == {}
    assert "80" in validation_messages(Profile, {"alias": "x" * 81}, "en")["alias"]
    assert validation_messages(Profile, {"language": "fr"}, "az")["language"] == i18n.t("validation.choice", "az")


# -- widget ------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = profile_exercise(store)
    assert isinstance(widget, w.VBox)
    assert "ep-exercise-profile" in widget._dom_classes


def test_default_store_is_the_environment_folder(tmp_path):
    exercise = ProfileExercise()
    exercise.fields["alias"].value = "Env"
    assert (tmp_path / "default-workbook" / "profile.json").is_file()


def test_initial_state_is_deterministic(store):
    one, two = ProfileExercise(store), ProfileExercise(store)
    assert one.saved.value == two.saved.value == i18n.t("saved.not_yet", "en")
    assert one.feedback.value == two.feedback.value
    assert str(store.folder) not in one.feedback.value + one.saved.value + one.load_note.value


def test_text_fields_commit_on_enter_not_per_keystroke(store):
    exercise = ProfileExercise(store)
    assert all(field.continuous_update is False for name, field in exercise.fields.items()
               if isinstance(field, w.Text))


def test_answers_save_and_reload_into_a_new_widget(store):
    exercise = ProfileExercise(store)
    exercise.fields["alias"].value = "Masa 3"
    exercise.fields["institution"].value = "Rəqəmsal İnkişaf <script>x</script>"
    exercise.fields["kind"].value = "team"
    assert exercise.saved.value.startswith("Saved at")
    saved = json.loads((store.folder / "profile.json").read_text(encoding="utf-8"))
    assert saved["answers"]["institution"] == "Rəqəmsal İnkişaf <script>x</script>"
    again = ProfileExercise(WorkbookStore(store.folder))
    assert again.fields["alias"].value == "Masa 3"
    assert again.fields["kind"].value == "team"
    assert again.saved.value == i18n.t("saved.loaded", "en")
    assert "&lt;script&gt;" not in again.feedback.value or "<script>" not in again.feedback.value


def test_invalid_value_shows_message_next_to_field_and_is_not_saved(store):
    exercise = ProfileExercise(store)
    exercise.fields["alias"].value = "ok"
    exercise.fields["alias"].value = "x" * 81
    assert "✖" in exercise.messages["alias"].value
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    assert store.answers("profile").alias == "ok"


def test_feedback_updates_after_each_change(store):
    exercise = ProfileExercise(store)
    assert i18n.t("profile.fb.institution_missing", "en") in exercise.feedback.value
    exercise.fields["institution"].value = "Ministry"
    assert i18n.t("profile.fb.institution_missing", "en") not in exercise.feedback.value


def test_language_switch_relabels_the_exercise(store):
    exercise = ProfileExercise(store)
    exercise.fields["language"].value = "az"
    assert i18n.t("profile.title", "az") in exercise.title.value
    assert exercise.fields["kind"].options[0][0] == i18n.t("profile.kind.person", "az")
    assert exercise.fields["kind"].value == "person"
    assert exercise.tools.download_button.description == i18n.t("tools.download", "az")
    assert store.language() == "az"
    assert ProfileExercise(store).lang == "az"


def test_reset_asks_first_then_clears_with_backup(store):
    exercise = ProfileExercise(store)
    exercise.fields["alias"].value = "Keep"
    exercise.reset_button.click()
    assert exercise.reset_confirm.layout.display == "flex"
    assert store.answers("profile").alias == "Keep"  # nothing cleared yet
    exercise.reset_no.click()
    assert exercise.reset_confirm.layout.display == "none"
    exercise.reset_button.click()
    exercise.reset_yes.click()
    assert exercise.fields["alias"].value == ""
    assert not (store.folder / "profile.json").exists()
    assert store.backups("profile")


def test_damaged_file_is_reported_in_the_widget(store):
    store.save("profile", {"alias": "good"})
    (store.folder / "profile.json").write_text("{broken", encoding="utf-8")
    exercise = ProfileExercise(store)
    assert exercise.fields["alias"].value == "good"
    assert "profile.corrupt-1.json" in exercise.load_note.value
