"""A participant's saved work survives failures: a full disk during restore, reset or share.

The disk is "filled" by making the creation of one kind of temporary file fail with ENOSPC, the
error a full disk gives; every save goes through such a temporary file (`safety.stage_bytes`).
"""

import errno
import os
import subprocess
import sys
import tempfile

import pytest

from eparticipation.exercises.profile import ProfileExercise
from eparticipation.workbook import bundle, safety

real_mkstemp = tempfile.mkstemp


def fill_disk_for(monkeypatch, *names: str) -> None:
    """From now on, writing any of the named files fails as on a full disk (other files still save)."""

    def mkstemp(*args, prefix=None, **kwargs):
        if prefix and any(prefix.startswith(f".{name}") for name in names):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(safety.tempfile, "mkstemp", mkstemp)


def snapshot(folder):
    """Every file under the workbook folder (backups included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def filled(store):
    store.save("profile", {"alias": "Masa 3", "institution": "Nazirlik", "language": "az"})
    store.save("readiness", {"items": {"legal_access": {"legislation": "no", "policy": "dk"}}, "evidence": "old"})
    return store


def test_restore_on_a_full_disk_is_all_or_nothing_and_says_so(store, monkeypatch):
    filled(store)
    other = bundle.bundle_text(store).replace("Masa 3", "Other table").replace('"old"', '"new"')
    exercise = ProfileExercise(store, "en")
    before = snapshot(store.folder)
    fill_disk_for(monkeypatch, "readiness.json")  # the profile would save; the second section cannot

    assert exercise.tools.restore_bytes(other.encode("utf-8"), "table.json") is None

    assert snapshot(store.folder) == before  # no section half restored, no stray temp file or backup
    message = exercise.tools.message.outputs[0]["data"]["text/plain"]
    assert message.startswith("Could not restore (No space left on device)") and "as it was" in message
    assert exercise.fields["alias"].value == "Masa 3"


def test_restore_works_again_once_there_is_space(store, monkeypatch):
    filled(store)
    other = bundle.bundle_text(store).replace("Masa 3", "Other table")
    exercise = ProfileExercise(store, "en")
    fill_disk_for(monkeypatch, "readiness.json")
    exercise.tools.restore_bytes(other.encode("utf-8"), "table.json")
    monkeypatch.undo()
    assert exercise.tools.restore_bytes(other.encode("utf-8"), "table.json") is not None
    assert store.answers("profile").alias == "Other table"


def test_reset_on_a_full_disk_deletes_nothing_and_says_so(store, monkeypatch):
    filled(store)
    exercise = ProfileExercise(store, "en")
    before = snapshot(store.folder)
    fill_disk_for(monkeypatch, "profile-")  # the backup taken before a reset cannot be written

    exercise.ask_reset()
    exercise.confirm_reset()

    assert snapshot(store.folder) == before
    assert exercise.saved.value == "Could not reset (No space left on device). Your answers are unchanged."
    assert exercise.fields["alias"].value == "Masa 3" and exercise.reset_confirm.layout.display == "none"


def test_share_on_a_full_disk_says_so(store, monkeypatch, tmp_path):
    filled(store)
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv(bundle.SHARE_ENV, str(share))
    exercise = ProfileExercise(store, "en")
    fill_disk_for(monkeypatch, ".workbook-id")  # the workbook's id is written on the first share

    assert exercise.tools.share() is None
    assert exercise.tools.message.outputs[0]["data"]["text/plain"].startswith("Could not share (No space left")
    assert list(share.iterdir()) == []


def test_a_save_on_a_full_disk_keeps_the_old_file_and_the_form(store, monkeypatch):
    filled(store)
    exercise = ProfileExercise(store, "en")
    before = snapshot(store.folder)
    fill_disk_for(monkeypatch, "profile.json")

    exercise.fields["alias"].value = "Masa 4"

    assert snapshot(store.folder) == before
    assert exercise.saved.value.startswith("Could not save (No space left on device)")
    assert exercise.fields["alias"].value == "Masa 4"  # still in the form, to save again


def test_a_full_disk_for_backups_does_not_fail_the_save(store, monkeypatch):
    filled(store)
    fill_disk_for(monkeypatch, "profile-")  # rolling backups cannot be written; the section can
    store.save("profile", {"alias": "Masa 5"})
    assert store.answers("profile").alias == "Masa 5"


DEMO_RUN = r"""
import os
from eparticipation.book.notebooks import demo_environment
env = demo_environment()
print(env["EPARTICIPATION_WORKBOOK"], flush=True)
assert os.path.isdir(env["EPARTICIPATION_WORKBOOK"])
"""


def test_demo_workbook_folders_are_removed_when_the_run_ends():
    done = subprocess.run([sys.executable, "-c", DEMO_RUN], capture_output=True, text=True, check=True)
    folder = done.stdout.strip()
    assert "eparticipation-demo-workbook-" in folder
    assert not os.path.exists(folder)


@pytest.mark.skipif(sys.platform == "win32", reason="the umask is a POSIX setting")
def test_saved_files_follow_the_umask_read_once_at_import(store):
    store.save("profile", {"alias": "A"})
    mode = (store.folder / "profile.json").stat().st_mode & 0o777
    assert mode == 0o666 & ~safety.UMASK
