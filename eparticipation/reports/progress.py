"""A self-learner's progress: which exercises their workbook holds, session by session.

`workbook_progress()` reads every registered section's file in a workbook folder and says whether it is
saved, empty (no file yet, or nothing answered) or damaged (a file that does not load, with the reason).
It only reads: unlike `WorkbookStore.load`, it never moves a damaged file aside or falls back to a
backup, so looking at one's progress changes nothing. Sessions come in the order of `book/schedule.yml`,
with their titles from it.

`summary_blocks()` turns the progress into the document blocks that the page shows as HTML and that the
existing export renders as Markdown or Word (`workbook.export.blocks_markdown`, `blocks_docx_bytes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
from eparticipation import i18n
from eparticipation.book.schedule import Schedule, load_schedule
from eparticipation.errors import CourseDataError
from eparticipation.workbook import models, sections
from eparticipation.workbook.document import Block, Heading, Para, Table

SAVED, EMPTY, DAMAGED = "saved", "empty", "damaged"


@dataclass(frozen=True)
class SectionProgress:
    key: str
    title: str  # the section's title, in the page's language
    status: str  # SAVED, EMPTY or DAMAGED
    problem: str = ""  # why a damaged file does not load


@dataclass(frozen=True)
class SessionProgress:
    session: str  # the session id
    title: str  # the session's title in the schedule
    day: int | None
    sections: tuple[SectionProgress, ...]

    @property
    def done(self) -> bool:
        return all(s.status == SAVED for s in self.sections)


def read_section(folder: Path, spec: sections.SectionSpec):
    """(status, answers or None, problem) of one section's file; reads it and nothing else."""
    path = Path(folder) / f"{spec.key}.json"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return EMPTY, None, ""
    except OSError as error:  # e.g. a folder where the file should be, or no permission
        return DAMAGED, None, f"the file cannot be read ({error.strerror or error})"
    try:
        answers = models.loads(spec, data, file=path.name)
    except CourseDataError as error:
        return DAMAGED, None, error.message
    return (EMPTY if spec.empty(answers) else SAVED), answers, ""


def read_profile(folder: str | Path) -> models.Profile:
    """The workbook's profile, or an empty one when it is missing or damaged (read only)."""
    _status, profile, _problem = read_section(Path(folder), models.PROFILE)
    return profile if profile is not None else models.Profile()


def workbook_progress(folder: str | Path, lang: str = "en", schedule: Schedule | None = None) -> list[SessionProgress]:
    """Every registered section of the workbook in `folder`, grouped by session in schedule order."""
    folder = Path(folder)
    schedule = schedule or load_schedule()
    days = {slot.id: day.number for day in schedule.days for slot in day.sessions}
    titles = {slot.id: slot.title for slot in schedule.sessions}
    order = [slot.id for slot in schedule.sessions]
    by_session: dict[str, list[SectionProgress]] = {}
    for spec in sections.all_sections():
        status, _answers, problem = read_section(folder, spec)
        by_session.setdefault(spec.session, []).append(
            SectionProgress(spec.key, i18n.t(spec.title_key, lang), status, problem))
    ranked = sorted(by_session, key=lambda s: (order.index(s) if s in order else len(order), s))
    return [SessionProgress(s, titles.get(s, s), days.get(s), tuple(by_session[s])) for s in ranked]


def counts(progress: list[SessionProgress]) -> dict[str, int]:
    found = {SAVED: 0, EMPTY: 0, DAMAGED: 0}
    for session in progress:
        for section in session.sections:
            found[section.status] += 1
    return found


def summary_blocks(progress: list[SessionProgress], lang: str, *, name: str = "", level: int = 1) -> list[Block]:
    """The completion summary: who, how many exercises are saved, and a table by session. Its heading is
    the title of an exported document (level 1); on a page it sits under the page's headings (`level`)."""
    found = counts(progress)
    total = sum(found.values())
    blocks: list[Block] = [Heading(i18n.t("progress.summary_title", lang), level)]
    if name.strip():
        blocks.append(Para(name.strip(), label=i18n.t("progress.name", lang)))
    blocks.append(Para(i18n.t("progress.counts", lang, saved=found[SAVED], total=total,
                              empty=found[EMPTY], damaged=found[DAMAGED])))
    rows = []
    for session in progress:
        for section in session.sections:
            status = i18n.t(f"progress.status.{section.status}", lang)
            if section.problem:
                status += f" — {section.problem}"
            rows.append((str(session.day or ""), session.title, section.title, status))
    header = tuple(i18n.t(k, lang) for k in ("progress.day", "progress.session", "progress.exercise",
                                             "progress.status"))
    blocks.append(Table(header=header, rows=tuple(rows)))
    if found[DAMAGED]:
        blocks.append(Para(i18n.t("progress.damaged_help", lang)))
    return blocks
