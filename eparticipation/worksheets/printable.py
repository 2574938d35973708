"""Printable worksheets (Word) for tables without laptops, and reading a filled-in copy back.

`worksheets_docx(lang)` prints every registered section from the same catalogues the exercises use:
its title, its introduction and its questions. Sections with a *form* below (the profile and the
first 100 days) print as a three-column table — code | question | your answer — and a filled-in copy
of them can be read back with `read_filled(docx bytes)`: the grey code in the first column says which
answer a cell holds. Every other section prints its questions (the section as the draft shows it
before any answer) to be copied into the exercise by hand.

Reading back never writes: it returns the answers it found per section and the problems it met
(a file that is not a Word document, deleted codes, a day that is not a number, ...). The command
(`python -m eparticipation worksheets --read`) asks before it replaces answers already saved.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Callable

from pydantic import BaseModel, ValidationError

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Table
from eparticipation.workbook.export import xml_safe
from eparticipation.worksheets import next_steps


@dataclass(frozen=True)
class Question:
    code: str  # "<section>.<name>", printed in the first column
    label: str  # i18n key of the question
    kind: str = "text"  # text | lines | tick | choice
    params: dict = field(default_factory=dict)  # i18n parameters of the label
    choices: tuple[tuple[str, str], ...] = ()  # (value, i18n key) for a choice


@dataclass(frozen=True)
class Form:
    questions: tuple[Question, ...]
    to_answers: Callable[[dict[str, str]], dict]  # {code: cell text} -> model data


def _profile_answers(cells: dict[str, str]) -> dict:
    data = {name: cells.get(f"profile.{name}", "").strip() for name in ("alias", "real_name", "institution", "role")}
    for name, choices in (("language", PROFILE_CHOICES["language"]), ("kind", PROFILE_CHOICES["kind"])):
        text = cells.get(f"profile.{name}", "").strip()
        if text:
            data[name] = _choice(text, choices)
    return data


def _choice(text: str, choices: tuple[tuple[str, str], ...]) -> str:
    """The value whose code or label (in either language) the cell holds; else the text (refused later)."""
    wanted = " ".join(text.split()).casefold()
    for value, key in choices:
        if wanted in {value.casefold(), *(i18n.t(key, lang).casefold() for lang in i18n.LANGUAGES)}:
            return value
    return text


def _next_steps_answers(cells: dict[str, str]) -> dict:
    p = next_steps.P
    actions = []
    for n in range(1, next_steps.MAX_ACTIONS + 1):
        day = cells.get(f"{p}.day_{n}", "").strip()
        actions.append({"what": cells.get(f"{p}.what_{n}", "").strip(), "owner": cells.get(f"{p}.owner_{n}", "").strip(),
                        "day": (int(day) if day.isdigit() else day) if day else None})
    return {"actions": actions, "partners": next_steps.partners_from_text(cells.get(f"{p}.partners", "")),
            "resources": [r for r in next_steps.RESOURCES if cells.get(f"{p}.res_{r}", "").strip()],
            "own_resource": cells.get(f"{p}.own_resource", "").strip(), "notes": cells.get(f"{p}.notes", "").strip()}


PROFILE_CHOICES = {"language": (("az", "language.az"), ("en", "language.en")),
                   "kind": (("person", "profile.kind.person"), ("team", "profile.kind.team"))}


def _next_steps_questions() -> tuple[Question, ...]:
    p = next_steps.P
    out = []
    for n in range(1, next_steps.MAX_ACTIONS + 1):
        out += [Question(f"{p}.what_{n}", f"{p}.action_label", params={"n": n}),
                Question(f"{p}.owner_{n}", f"{p}.owner"), Question(f"{p}.day_{n}", f"{p}.day")]
    out.append(Question(f"{p}.partners", f"{p}.partners", "lines"))
    out += [Question(f"{p}.res_{r}", f"{p}.resource.{r}", "tick") for r in next_steps.RESOURCES]
    out += [Question(f"{p}.own_resource", f"{p}.own_resource"), Question(f"{p}.notes", f"{p}.notes")]
    return tuple(out)


FORMS: dict[str, Form] = {
    "profile": Form(tuple(
        [Question(f"profile.{n}", f"profile.{n}") for n in ("alias", "real_name", "institution", "role")]
        + [Question(f"profile.{n}", f"profile.{n}", "choice", choices=c) for n, c in PROFILE_CHOICES.items()]),
        _profile_answers),
    next_steps.SECTION.key: Form(_next_steps_questions(), _next_steps_answers),
}
CODE = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z0-9_]+)$")


def readable_sections() -> list[str]:
    """Keys of the sections a filled-in printed copy can be read back into."""
    return [spec.key for spec in sections.all_sections() if spec.key in FORMS]


# Printing --------------------------------------------------------------------------------------
def _hint(question: Question, lang: str) -> str:
    if question.kind == "choice":
        return i18n.t("printable.choices", lang, choices=" / ".join(i18n.t(k, lang) for _v, k in question.choices))
    if question.kind == "lines":
        return i18n.t("printable.lines", lang)
    if question.kind == "tick":
        return i18n.t("printable.tick", lang) + ": ✓"
    return ""


def _grey(run) -> None:
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(7)
    run.font.color.rgb = RGBColor(0x77, 0x77, 0x77)


def _print_blank_render(doc, spec: sections.SectionSpec, lang: str) -> None:
    """A section without a form: the tables of its questions as the draft shows them before any answer
    (its paragraphs are results, e.g. "no gap recorded", which mean nothing on a blank sheet)."""
    blank = i18n.t("common.not_answered", lang)
    try:
        blocks = spec.render(spec.model(), lang)
    except Exception:  # a section that cannot render an empty form still gets its title
        blocks = []
    for block in blocks:
        if isinstance(block, Table):
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.paragraphs[0].add_run(xml_safe(text)).bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row):
                    cell.text = "" if text in (blank, "–") else xml_safe(text)
            doc.add_paragraph()


def worksheets_docx(lang: str) -> bytes:
    """Every registered section as a printable worksheet, one section per page."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    lang = i18n.normalise(lang)
    doc = Document()
    doc.core_properties.title = xml_safe(i18n.t("printable.title", lang))
    doc.core_properties.language = "az-Latn-AZ" if lang == "az" else "en-GB"
    doc.styles["Normal"].font.name = "Arial"
    doc.add_heading(xml_safe(i18n.t("printable.title", lang)), level=0)
    doc.add_paragraph(xml_safe(i18n.t("printable.intro", lang)))
    if i18n.review_note(lang):
        doc.add_paragraph(xml_safe(i18n.review_note(lang)))
    for spec in sections.all_sections():
        if spec.key == "peer_reviews":  # written by a colleague in the exercise, not on paper
            continue
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        mark = " ✎" if spec.key in FORMS else ""
        doc.add_heading(xml_safe(i18n.t(spec.title_key, lang)) + mark, level=1)
        if i18n.has(f"{spec.key}.intro", lang):
            doc.add_paragraph(xml_safe(i18n.t(f"{spec.key}.intro", lang)))
        form = FORMS.get(spec.key)
        if form is None:
            doc.add_paragraph(xml_safe(i18n.t("printable.not_readable", lang)))
            _print_blank_render(doc, spec, lang)
            continue
        doc.add_paragraph(xml_safe(i18n.t("printable.readable", lang)))
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, key in zip(table.rows[0].cells, ("printable.code", "printable.question", "printable.answer")):
            cell.paragraphs[0].add_run(xml_safe(i18n.t(key, lang))).bold = True
        for question in form.questions:
            code_cell, label_cell, _answer = table.add_row().cells
            _grey(code_cell.paragraphs[0].add_run(question.code))
            label_cell.text = xml_safe(i18n.t(question.label, lang, **question.params))
            hint = _hint(question, lang)
            if hint:
                _grey(label_cell.add_paragraph().add_run(xml_safe(hint)))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# Reading back ------------------------------------------------------------------------------------
@dataclass
class ReadBack:
    answers: dict[str, BaseModel]  # section key -> validated answers (only sections with an answer)
    problems: list[str]  # what could not be read, each naming the code and the reason


def read_filled(data: bytes, *, file: str | None = None) -> ReadBack:
    """The answers a filled-in printed copy holds. Raises `CourseDataError` for a file that is not
    a Word document or holds no worksheet codes; a bad answer is a problem, the others still count."""
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CourseDataError(f"the file is not a Word document ({type(error).__name__})", file=file,
                              fix="Save the filled-in worksheet as .docx (Word) and try again.") from None
    cells: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for table in doc.tables:
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            match = CODE.match(texts[0].strip()) if texts else None
            if match is None:
                continue
            key = match.group(1)
            if key not in FORMS or texts[0].strip() not in {q.code for q in FORMS[key].questions}:
                problems.append(f"{texts[0].strip()}: unknown code, skipped")
                continue
            if len(texts) < 3:
                problems.append(f"{texts[0].strip()}: the answer column is missing")
                continue
            cells.setdefault(key, {})[texts[0].strip()] = texts[-1]
    if not cells:
        raise CourseDataError("no worksheet codes found in the document", file=file,
                              fix="Use a worksheet printed by `python -m eparticipation worksheets` and keep its "
                                  "first column (the grey codes).")
    answers: dict[str, BaseModel] = {}
    for key, found in cells.items():
        if not any(text.strip() for text in found.values()):
            continue  # a page left blank is no answer
        spec = sections.get(key)
        try:
            model = spec.model.model_validate(FORMS[key].to_answers(found))
        except ValidationError as error:
            for item in error.errors():
                where = ".".join(str(part) for part in item.get("loc", ()))
                problems.append(f"{key} › {where}: {item.get('msg')} (this section was not read)")
            continue
        if not spec.empty(model):
            answers[key] = model
    return ReadBack(answers, problems)
