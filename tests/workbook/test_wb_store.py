import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from eparticipation import paths
from eparticipation.errors import CourseDataError
from eparticipation.workbook import models, sections
from eparticipation.workbook.models import Profile
from eparticipation.workbook.store import WorkbookStore

LONG = ("Vətəndaşların iştirakı <script>alert('x')</script> & \"quotes\" | *md* #h\n" * 200)[:10_000]


def test_default_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.WORKBOOK_ENV, str(tmp_path / "demo"))
    assert WorkbookStore().folder == tmp_path / "demo"
    assert "demo" in repr(WorkbookStore()) and str(tmp_path) not in repr(WorkbookStore())


def test_empty_store_gives_defaults(store):
    result = store.load("profile")
    assert result.status == "empty" and result.ok
    assert result.answers == Profile()
    assert store.present() == []


def test_round_trip_long_script_and_azerbaijani(store, notes_section):
    assert len(LONG) == 10_000
    store.save("zz_notes", {"text": LONG, "count": 3})
    store.save("profile", Profile(alias="Şəhla <b>", institution="Nazirlik & Co", language="az"))
    again = WorkbookStore(store.folder)
    assert again.answers("zz_notes").text == LONG
    assert again.answers("profile").alias == "Şəhla <b>"
    assert again.language() == "az"
    raw = (store.folder / "zz_notes.json").read_text(encoding="utf-8")
    assert "Vətəndaşların" in raw  # stored as real UTF-8 letters, readable by a person


def test_each_section_is_its_own_file(store, notes_section):
    store.save("profile", Profile(alias="A"))
    store.save("zz_notes", {"text": "n"})
    assert sorted(p.name for p in store.folder.glob("*.json")) == ["profile.json", "zz_notes.json"]
    assert store.present() == ["profile", "zz_notes"]


def test_unknown_section_is_a_clear_error(store):
    with pytest.raises(CourseDataError, match="unknown workbook section"):
        store.save("../../evil", {})


def test_invalid_answers_are_refused_before_writing(store):
    with pytest.raises(ValidationError):
        store.save("profile", {"alias": "x" * 81})
    assert not (store.folder / "profile.json").exists()


def _saver(folder: str, key: str, n: int) -> None:
    # Forked: the test's registry (with the zz_notes section) is inherited.
    store = WorkbookStore(folder, backup_every=0.01)
    for i in range(n):
        if key == "profile":
            store.save("profile", {"alias": f"alias-{i}", "institution": "Ministry"})
        else:
            store.save("zz_notes", {"text": f"note-{i}", "count": i})


POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL, which Windows lacks")


@POSIX_ONLY
def test_two_processes_saving_different_sections_both_survive(store, notes_section):
    ctx = mp.get_context("fork")
    workers = [ctx.Process(target=_saver, args=(str(store.folder), key, 60)) for key in ("profile", "zz_notes")]
    for p in workers:
        p.start()
    for p in workers:
        p.join(30)
        assert p.exitcode == 0
    assert store.load("profile").answers.alias == "alias-59"
    notes = store.load("zz_notes")
    assert notes.status == "loaded" and notes.answers.count == 59
    assert not list(store.folder.glob(".*.tmp"))


KILLED_WRITER = r"""
import os, sys, time
import eparticipation.worksheets  # registers the sections
from eparticipation.workbook import safety
from eparticipation.workbook.store import WorkbookStore
real_replace = os.replace
def stuck_replace(src, dst):
    print("WRITTEN-TEMP", flush=True)
    time.sleep(60)          # killed here: temp file written, rename not done
safety.os.replace = stuck_replace
WorkbookStore(sys.argv[1]).save("profile", {"alias": "NEW", "institution": "half-written"})
"""


@POSIX_ONLY
def test_write_killed_midway_loses_nothing(store):
    store.save("profile", {"alias": "OLD", "institution": "Ministry"})
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(store.folder)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert proc.stdout.readline().strip() == "WRITTEN-TEMP"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    leftovers = list(store.folder.glob(".profile.json.*.tmp"))
    assert leftovers, "the killed writer should have left its temporary file"
    result = WorkbookStore(store.folder).load("profile")
    assert result.status == "loaded" and result.answers.alias == "OLD"
    assert WorkbookStore(store.folder).present() == ["profile"]  # the temp file is not a section
    old = time.time() - 7200
    for stray in leftovers:
        os.utime(stray, (old, old))
    store.save("profile", {"alias": "NEXT"})
    assert not list(store.folder.glob(".profile.json.*.tmp"))  # old leftovers are swept


def test_corrupted_file_is_kept_aside_and_backup_used(store):
    store.save("profile", {"alias": "good", "institution": "Ministry"})
    (store.folder / "profile.json").write_text('{"format": "eparticipation-sect', encoding="utf-8")
    result = store.load("profile")
    assert result.status == "recovered"
    assert result.answers.alias == "good"
    assert result.moved_to.name == "profile.corrupt-1.json"
    assert (store.folder / "profile.corrupt-1.json").read_text(encoding="utf-8").startswith('{"format"')
    assert "not valid JSON" in result.problem
    assert store.load("profile").status == "loaded"  # the good copy is back in place


def test_hand_edited_invalid_value_is_reported(store):
    store.save("profile", {"alias": "good"})
    raw = json.loads((store.folder / "profile.json").read_text(encoding="utf-8"))
    raw["answers"]["language"] = "fr"
    (store.folder / "profile.json").write_text(json.dumps(raw), encoding="utf-8")
    result = store.load("profile")
    assert result.status == "recovered" and result.answers.language == "en"
    assert "language" in result.problem


def test_corrupted_without_backup_starts_empty_but_keeps_the_file(tmp_path):
    folder = tmp_path / "wb"
    folder.mkdir()
    (folder / "profile.json").write_bytes(b"\xff\xfe garbage")
    result = WorkbookStore(folder).load("profile")
    assert result.status == "lost" and result.answers == Profile()
    assert (folder / "profile.corrupt-1.json").read_bytes() == b"\xff\xfe garbage"


def test_backups_are_throttled_and_pruned(tmp_path):
    store = WorkbookStore(tmp_path / "wb", backup_every=3600, keep_backups=3)
    for i in range(5):
        store.save("profile", {"alias": f"a{i}"})
    assert len(store.backups("profile")) == 1  # throttled: one per hour
    store.backup_every = 0
    for i in range(6):
        store.save("profile", {"alias": f"b{i}"})
    backups = store.backups("profile")
    assert len(backups) == 3  # pruned to the newest three
    assert models.loads(sections.get("profile"), backups[0].read_bytes()).alias == "b5"


def test_reset_keeps_a_backup(store):
    store.save("profile", {"alias": "keep me"})
    backup = store.reset("profile")
    assert not (store.folder / "profile.json").exists()
    assert json.loads(backup.read_text(encoding="utf-8"))["answers"]["alias"] == "keep me"


def test_workbook_id_is_stable_and_random(tmp_path):
    one, two = WorkbookStore(tmp_path / "a"), WorkbookStore(tmp_path / "b")
    assert one.workbook_id() == one.workbook_id()
    assert one.workbook_id() != two.workbook_id()
