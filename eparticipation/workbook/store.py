"""The safe store: a workbook is a folder with one JSON file per exercise section.

    <workbook>/profile.json, readiness.json, ...      the current answers (one file per section)
    <workbook>/.backups/<section>/<section>-<ns>-<pid>.json   rolling backups, newest kept
    <workbook>/<section>.corrupt-<n>.json              a damaged or hand-edited file, kept aside

Why one file per section: two open notebooks (or two exercises in one) save different files, so
neither overwrites the other's answers. Each write is atomic (temp file + fsync + os.replace), so a
kernel killed midway leaves the previous answers intact. Backups are throttled (at most one per
section every `backup_every` seconds, plus one before every reset or restore) and only the newest
`keep_backups` are kept. A file that fails to load is moved aside, reported, and the section
continues from the newest backup that still loads.

The folder is `$EPARTICIPATION_WORKBOOK`, else `~/eparticipation-workbook` (`paths.workbook_dir`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from eparticipation import paths
from eparticipation.errors import CourseDataError
from eparticipation.workbook import models, sections
from eparticipation.workbook.safety import atomic_write_text, discard, fsync_dir, inside, move_aside, stage_bytes

BACKUP_DIR = ".backups"
ID_FILE = ".workbook-id"


@dataclass
class LoadResult:
    """What loading one section gave, and what (if anything) went wrong on the way.

    status: "empty" (no file yet), "loaded", "recovered" (file was damaged; continued from a
    backup) or "lost" (file was damaged and no backup loads; starting empty; the damaged file is
    kept as `moved_to`).
    """

    key: str
    answers: BaseModel
    status: str
    problem: str | None = None
    moved_to: Path | None = None
    backup: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("empty", "loaded")


class WorkbookStore:
    def __init__(self, folder: str | Path | None = None, *, backup_every: float = 120.0,
                 keep_backups: int = 10) -> None:
        self.folder = Path(folder) if folder is not None else paths.workbook_dir()
        self.backup_every = backup_every
        self.keep_backups = keep_backups

    def __repr__(self) -> str:  # no absolute path in a notebook's displayed state
        return f"WorkbookStore({self.folder.name!r})"

    # -- paths ---------------------------------------------------------------------------------
    def path(self, key: str) -> Path:
        spec = self._spec(key)
        return inside(self.folder, f"{spec.key}.json")

    def _spec(self, key: str) -> sections.SectionSpec:
        spec = sections.get(key)
        if spec is None:
            raise CourseDataError(f"unknown workbook section {key!r}",
                                  fix="Import the exercise module that defines it.")
        return spec

    def backup_folder(self, key: str) -> Path:
        return self.folder / BACKUP_DIR / self._spec(key).key

    def backups(self, key: str) -> list[Path]:
        """Backups of a section, newest first."""
        folder = self.backup_folder(key)
        if not folder.is_dir():
            return []
        return sorted((p for p in folder.glob("*.json") if p.is_file()), key=lambda p: p.name, reverse=True)

    # -- saving --------------------------------------------------------------------------------
    def save(self, key: str, answers: BaseModel | dict) -> Path:
        """Validate and write one section atomically; take a throttled backup."""
        spec = self._spec(key)
        if not isinstance(answers, spec.model):
            answers = spec.model.model_validate(answers if isinstance(answers, dict) else answers.model_dump())
        text = models.dumps(spec, answers)
        target = self.path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
        try:
            self._maybe_backup(spec.key, text)
        except OSError:
            pass  # the answers are saved; a missed rolling backup must not report the save as failed
        self._sweep_temp_files(target)
        return target

    def save_all(self, answers: dict[str, BaseModel]) -> list[Path]:
        """Write several sections all or nothing (a restore): either every file is replaced or none.

        Every section is validated and staged (written and flushed to a temporary file) first; only
        when all are staged does each replace its file, a rename that needs no free space. A full disk
        or any other failure while staging leaves every section as it was.
        """
        staged: list[tuple[Path, Path]] = []
        try:
            prepared = []
            for key, value in answers.items():
                spec = self._spec(key)
                if not isinstance(value, spec.model):
                    value = spec.model.model_validate(value if isinstance(value, dict) else value.model_dump())
                prepared.append((self.path(key), models.dumps(spec, value)))
            self.folder.mkdir(parents=True, exist_ok=True)
            for target, text in prepared:
                staged.append((target, stage_bytes(target, text.encode("utf-8"))))
        except BaseException:
            for _target, tmp in staged:
                discard(tmp)
            raise
        for target, tmp in staged:
            os.replace(tmp, target)
        fsync_dir(self.folder)
        return [target for target, _tmp in staged]

    def _sweep_temp_files(self, target: Path, older_than: float = 3600.0) -> None:
        """Remove temporary files that a killed kernel left behind (never a recent one in use)."""
        cutoff = time.time() - older_than
        for stray in self.folder.glob(f".{target.name}.*.tmp"):
            try:
                if stray.stat().st_mtime < cutoff:
                    stray.unlink()
            except OSError:
                pass

    def _maybe_backup(self, key: str, text: str, *, force: bool = False) -> Path | None:
        existing = self.backups(key)
        now_ns = time.time_ns()
        if existing and not force:
            try:
                newest_ns = int(existing[0].stem.split("-")[-2])
            except (ValueError, IndexError):
                newest_ns = 0
            if (now_ns - newest_ns) / 1e9 < self.backup_every:
                return None
        path = self.backup_folder(key) / f"{key}-{now_ns:020d}-{os.getpid()}.json"
        atomic_write_text(path, text)
        for old in self.backups(key)[self.keep_backups:]:
            try:
                old.unlink()
            except OSError:
                pass
        return path

    def backup_now(self, key: str) -> Path | None:
        """Force a backup of the current file of a section (before a reset or a restore)."""
        current = self.path(key)
        if not current.is_file():
            return None
        return self._maybe_backup(self._spec(key).key, current.read_text(encoding="utf-8", errors="replace"),
                                  force=True)

    def reset(self, key: str) -> Path | None:
        """Clear a section after keeping a backup; returns the backup's path."""
        backup = self.backup_now(key)
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            pass
        return backup

    # -- loading -------------------------------------------------------------------------------
    def load(self, key: str) -> LoadResult:
        spec = self._spec(key)
        target = self.path(key)
        try:
            text = target.read_bytes()
        except FileNotFoundError:
            return LoadResult(spec.key, spec.model(), "empty")
        try:
            return LoadResult(spec.key, models.loads(spec, text, file=target.name), "loaded")
        except CourseDataError as error:
            problem = error.message
        try:
            moved = move_aside(target, "corrupt")
        except FileNotFoundError:  # another notebook moved it a moment ago
            return self.load(key)
        except OSError:  # cannot write here (a full disk): the damaged file stays; the next save replaces it
            moved = None
        for backup in self.backups(key):
            try:
                answers = models.loads(spec, backup.read_bytes(), file=backup.name)
            except (CourseDataError, OSError):
                continue
            try:
                atomic_write_text(target, models.dumps(spec, answers))
            except OSError:
                pass  # the answers are shown from the backup all the same; the next save writes them
            return LoadResult(spec.key, answers, "recovered", problem, moved, backup)
        return LoadResult(spec.key, spec.model(), "lost", problem, moved, None)

    def answers(self, key: str) -> BaseModel:
        return self.load(key).answers

    def present(self) -> list[str]:
        """Keys of the registered sections that have a file in the folder, in canvas order."""
        return [spec.key for spec in sections.all_sections() if (self.folder / f"{spec.key}.json").is_file()]

    def load_all(self) -> dict[str, LoadResult]:
        return {key: self.load(key) for key in self.present()}

    def profile(self) -> models.Profile:
        try:
            return self.load("profile").answers  # type: ignore[return-value]
        except OSError:
            return models.Profile()

    def language(self) -> str:
        return self.profile().language

    def workbook_id(self) -> str:
        """A random id made once per workbook, so two shared workbooks with one alias never clash."""
        path = self.folder / ID_FILE
        try:
            value = path.read_text(encoding="ascii").strip()
            if value.isalnum() and len(value) == 12:
                return value
        except (OSError, UnicodeDecodeError):
            pass
        value = secrets.token_hex(6)
        atomic_write_text(path, value + "\n")
        return value

    def copy_to(self, folder: Path) -> None:
        """Copy the current section files (not backups) into another folder."""
        folder.mkdir(parents=True, exist_ok=True)
        for key in self.present():
            shutil.copy2(self.path(key), folder / f"{key}.json")
