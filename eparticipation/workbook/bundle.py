"""A whole workbook as one JSON file: download, restore, share, and reading any saved workbook.

Bundle format::

    {"format": "eparticipation-workbook", "version": 1,
     "sections": {"profile": <section envelope>, "readiness": <section envelope>, ...}}

`read_workbook()` accepts a workbook folder or a bundle file and never crashes on bad input: it
raises `CourseDataError` with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from eparticipation.errors import CourseDataError
from eparticipation.workbook import models, sections
from eparticipation.workbook.safety import atomic_write_bytes, atomic_write_text, inside, safe_filename
from eparticipation.workbook.store import BACKUP_DIR, WorkbookStore

SHARE_ENV = "EPARTICIPATION_SHARE_DIR"
MAX_BUNDLE_BYTES = 5_000_000


@dataclass
class Workbook:
    """A loaded workbook: the profile, every valid section, and notes on what was skipped."""

    profile: models.Profile
    sections: dict[str, BaseModel]
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.profile.language


def to_bundle(store: WorkbookStore) -> dict:
    out = {}
    for key, result in store.load_all().items():
        out[key] = models.encode(sections.get(key), result.answers)
    return {"format": models.BUNDLE_FORMAT, "version": models.BUNDLE_VERSION, "sections": out}


def bundle_text(store: WorkbookStore) -> str:
    return json.dumps(to_bundle(store), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_bundle(data: bytes | str, *, file: str | None = None) -> Workbook:
    """Validate every section of a bundle (all or nothing)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        if len(data) > MAX_BUNDLE_BYTES:
            raise CourseDataError("the file is too large to be a workbook", file=file,
                                  fix="Choose the .json file that 'Download my workbook' made.")
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise CourseDataError("the file is not UTF-8 text", file=file,
                                  fix="Choose the .json file that 'Download my workbook' made.") from None
    try:
        raw = json.loads(data)
    except ValueError as error:
        raise CourseDataError(f"the file is not valid JSON ({error})", file=file,
                              fix="Choose the .json file that 'Download my workbook' made.") from None
    if not isinstance(raw, dict) or raw.get("format") != models.BUNDLE_FORMAT:
        raise CourseDataError("this is not a downloaded workbook", file=file,
                              fix="Choose the .json file that 'Download my workbook' made.")
    version = raw.get("version")
    if not isinstance(version, int) or version > models.BUNDLE_VERSION or version < 1:
        raise CourseDataError(f"unsupported workbook file version {version!r}", file=file,
                              fix="Update the course package and try again.")
    found = raw.get("sections")
    if not isinstance(found, dict):
        raise CourseDataError("the workbook file has no sections", file=file)
    answers: dict[str, BaseModel] = {}
    notes = []
    for key, envelope in found.items():
        spec = sections.get(str(key))
        if spec is None:
            notes.append(f"unknown section {key!r} skipped")
            continue
        answers[spec.key] = models.decode(spec, envelope, file=f"{file or 'workbook'} › {spec.key}")
    profile = answers.get("profile") or models.Profile()
    return Workbook(profile=profile, sections=answers, source=file or "", notes=notes)


def read_workbook(path: str | Path) -> Workbook:
    """Read a workbook folder or a bundle file; `CourseDataError` names the first problem."""
    path = Path(path)
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CourseDataError(f"cannot read the file ({error.strerror})", file=path.name) from None
        return parse_bundle(data, file=path.name)
    if path.is_dir():
        found: dict[str, BaseModel] = {}
        for spec in sections.all_sections():
            section_file = path / f"{spec.key}.json"
            if section_file.is_file():
                found[spec.key] = models.loads(spec, section_file.read_bytes(),
                                               file=f"{path.name}/{section_file.name}")
        if not found:
            raise CourseDataError("the folder holds no workbook sections", file=path.name,
                                  fix="Point to a workbook folder or a downloaded workbook .json file.")
        return Workbook(profile=found.get("profile") or models.Profile(), sections=found, source=path.name)
    raise CourseDataError("no such workbook file or folder", file=str(path))


@dataclass
class RestoreResult:
    restored: list[str]
    backup_folder: Path | None
    notes: list[str]


def restore(store: WorkbookStore, data: bytes | str, *, file: str | None = None) -> RestoreResult:
    """Replace the sections found in a bundle, after copying the current files to a backup folder.

    All or nothing: nothing is written unless the whole bundle is valid, and if writing fails (a
    full disk) every section is left as it was and the `OSError` is raised. Sections missing from the
    bundle stay.
    """
    workbook = parse_bundle(data, file=file)
    backup_folder = None
    if store.present():
        backup_folder = store.folder / BACKUP_DIR / f"before-restore-{time.time_ns():020d}-{os.getpid()}"
        try:
            store.copy_to(backup_folder)
        except OSError:
            shutil.rmtree(backup_folder, ignore_errors=True)  # a partial copy is no backup
            raise
    try:
        store.save_all(workbook.sections)
    except OSError:
        if backup_folder is not None:
            shutil.rmtree(backup_folder, ignore_errors=True)  # nothing changed: no backup needed
        raise
    return RestoreResult(sorted(workbook.sections), backup_folder, workbook.notes)


def download_name(store: WorkbookStore) -> str:
    return safe_filename(store.profile().alias, default="my") + "-workbook"


def write_download(store: WorkbookStore, folder: str | Path) -> tuple[Path, Path]:
    """Write `<alias>-workbook.json` and `<alias>-workbook.docx` into `folder`; return both paths."""
    from eparticipation.workbook import export

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = download_name(store)
    json_path = inside(folder, stem + ".json")
    docx_path = inside(folder, stem + ".docx")
    atomic_write_text(json_path, bundle_text(store))
    workbook = parse_bundle(json_path.read_bytes(), file=json_path.name)
    atomic_write_bytes(docx_path, export.to_docx_bytes(workbook))
    return json_path, docx_path


def share_dir() -> Path | None:
    configured = os.environ.get(SHARE_ENV, "").strip()
    return Path(configured).expanduser() if configured else None


def share(store: WorkbookStore, folder: str | Path | None = None) -> Path:
    """Copy the workbook (as one bundle file) to the facilitator's folder ($EPARTICIPATION_SHARE_DIR).

    The file is `<alias>-<workbook id>.json`; sharing again replaces the participant's own file.
    """
    target_folder = Path(folder) if folder is not None else share_dir()
    if target_folder is None:
        raise CourseDataError(
            f"no facilitator folder is configured ({SHARE_ENV} is not set)",
            fix="Ask the facilitator; or download your workbook and send the .json file.",
        )
    if not target_folder.is_dir():
        raise CourseDataError("the facilitator's folder does not exist", file=str(target_folder),
                              fix="Ask the facilitator to create it or to correct " + SHARE_ENV + ".")
    workbook_id = store.workbook_id()
    name = f"{safe_filename(store.profile().alias, default='participant')}-{workbook_id}.json"
    target = inside(target_folder, name)
    try:
        atomic_write_text(target, bundle_text(store))
    except OSError as error:
        raise CourseDataError(f"could not write to the facilitator's folder ({error.strerror})",
                              file=str(target_folder)) from None
    for older in target_folder.glob(f"*-{workbook_id}.json"):  # shared before under another alias
        if older != target:
            try:
                older.unlink()
            except OSError:
                pass
    return target


def copy_workbook_folder(source: Path, target: Path) -> None:
    """Copy section files only (used by tests and the facilitator's tools)."""
    target.mkdir(parents=True, exist_ok=True)
    for item in source.glob("*.json"):
        shutil.copy2(item, target / item.name)
