import datetime
import json

import pytest

from eparticipation.errors import CourseDataError
from eparticipation.exercises.profile import ProfileExercise
from eparticipation.exercises.readiness import ReadinessExercise
from eparticipation.workbook import bundle

LONG = ("Şəffaflıq <script>alert(1)</script> & | # *x*\n" * 300)[:10_000]


def filled(store):
    store.save("profile", {"alias": "../../Masa 3", "institution": "Nazirlik <b>", "language": "az"})
    store.save("readiness", {"items": {"legal_access": {"legislation": "no", "policy": "dk"}}, "evidence": LONG})
    return store


def test_bundle_round_trip_keeps_every_answer(store):
    filled(store)
    workbook = bundle.parse_bundle(bundle.bundle_text(store).encode("utf-8"))
    assert workbook.profile.institution == "Nazirlik <b>"
    assert workbook.sections["readiness"].evidence == LONG
    assert workbook.language == "az"


def test_download_writes_json_and_docx_with_safe_names(store, tmp_path):
    filled(store)
    json_path, docx_path = bundle.write_download(store, tmp_path / "downloads")
    assert json_path.name == "Masa-3-workbook.json" and docx_path.name == "Masa-3-workbook.docx"
    assert json_path.parent == tmp_path / "downloads"
    assert docx_path.read_bytes()[:2] == b"PK"
    assert bundle.parse_bundle(json_path.read_bytes()).sections["readiness"].evidence == LONG


def test_download_button_shows_relative_links(store, tmp_path):
    filled(store)
    exercise = ProfileExercise(store)
    exercise.tools.download_button.click()
    html = exercise.tools.message.outputs[0]["data"]["text/html"]
    assert 'href="downloads/Masa-3-workbook.json"' in html and 'download="Masa-3-workbook.docx"' in html
    assert (tmp_path / "downloads" / "Masa-3-workbook.docx").is_file()


def test_restore_validates_then_backs_up_then_writes(store, tmp_path):
    filled(store)
    saved = bundle.bundle_text(store)
    store.save("profile", {"alias": "changed later"})
    exercise = ProfileExercise(store)
    exercise.tools.restore_bytes(saved.encode("utf-8"), "../evil/Masa-3-workbook.json")
    assert store.answers("profile").alias == "../../Masa 3"
    assert exercise.fields["alias"].value == "../../Masa 3"  # reloaded into the widget
    backups = list((store.folder / ".backups").glob("before-restore-*"))
    assert len(backups) == 1
    assert json.loads((backups[0] / "profile.json").read_text(encoding="utf-8"))["answers"]["alias"] == "changed later"
    assert "before-restore-" in exercise.tools.message.outputs[0]["data"]["text/plain"]


@pytest.mark.parametrize("data, message", [
    (b"not json", "not valid JSON"),
    (b'{"format": "other"}', "not a downloaded workbook"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (json.dumps({"format": "eparticipation-workbook", "version": 99, "sections": {}}).encode(), "unsupported"),
    (json.dumps({"format": "eparticipation-workbook", "version": 1, "sections": {"profile": {
        "format": "eparticipation-section", "section": "profile", "version": 1, "answers": {"language": "xx"}}}}).encode(),
     "not valid"),
])
def test_invalid_restore_changes_nothing_and_says_why(store, data, message):
    filled(store)
    before = {p.name: p.read_bytes() for p in store.folder.glob("*.json")}
    tools = ProfileExercise(store).tools
    assert tools.restore_bytes(data, "x.json") is None
    assert message in tools.message.outputs[0]["data"]["text/plain"]
    assert {p.name: p.read_bytes() for p in store.folder.glob("*.json")} == before


def test_restore_through_the_upload_widget(store):
    filled(store)
    data = bundle.bundle_text(store).encode("utf-8")
    store.reset("readiness")
    exercise = ReadinessExercise(store)
    exercise.tools.upload.value = ({"name": "w.json", "type": "application/json", "size": len(data),
                                    "content": memoryview(data),
                                    "last_modified": datetime.datetime(2026, 11, 28, tzinfo=datetime.timezone.utc)},)
    assert exercise.fields["legal_access:legislation"].value == "no"
    assert exercise.tools.upload.value == ()


def test_share_needs_the_button_and_the_environment_variable(store, tmp_path, monkeypatch):
    filled(store)
    share = tmp_path / "share"
    share.mkdir()
    exercise = ProfileExercise(store)
    assert exercise.tools.share() is None  # not configured
    assert "EPARTICIPATION_SHARE_DIR" in exercise.tools.message.outputs[0]["data"]["text/plain"]
    monkeypatch.setenv("EPARTICIPATION_SHARE_DIR", str(share))
    assert list(share.iterdir()) == []  # nothing leaves before the click
    exercise.tools.share_button.click()
    files = list(share.iterdir())
    assert len(files) == 1 and files[0].name.startswith("Masa-3-") and files[0].parent == share
    assert oct(files[0].stat().st_mode & 0o044) == oct(0o044)  # the facilitator can read it
    exercise.tools.share_button.click()
    assert len(list(share.iterdir())) == 1  # sharing again replaces the participant's own file
    assert bundle.read_workbook(files[0]).profile.institution == "Nazirlik <b>"
    store.save("profile", {"alias": "New alias"})
    exercise.tools.share_button.click()
    assert [p.name.startswith("New-alias-") for p in share.iterdir()] == [True]  # no duplicate


def test_share_folder_missing_is_a_clear_error(store, tmp_path):
    with pytest.raises(CourseDataError, match="does not exist"):
        bundle.share(store, tmp_path / "nowhere")


def test_read_workbook_folder_and_errors(store, tmp_path):
    filled(store)
    assert bundle.read_workbook(store.folder).profile.alias == "../../Masa 3"
    with pytest.raises(CourseDataError, match="no workbook sections"):
        (tmp_path / "empty").mkdir()
        bundle.read_workbook(tmp_path / "empty")
    with pytest.raises(CourseDataError, match="no such"):
        bundle.read_workbook(tmp_path / "missing.json")
