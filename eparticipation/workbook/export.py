"""The strategy draft as Word (python-docx) and Markdown.

Both render the same blocks (`document.py`) that each section produces, in the workbook's language.
Participant text is neutralised in every format: Markdown escapes HTML (`&lt;script&gt;`) and every
Markdown control character; Word receives plain text runs (never markup), with characters that XML
cannot hold removed.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from eparticipation import i18n
from eparticipation.workbook import sections
from eparticipation.workbook.bundle import Workbook
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#=+\-])", re.MULTILINE)
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def md_escape(text: str, *, cell: bool = False) -> str:
    """Plain text -> Markdown that shows exactly that text (no HTML, links, lists or headings)."""
    text = _XML_BAD.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = html.escape(text, quote=False)  # <script> -> &lt;script&gt;, & -> &amp;
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # no headings or lists
    text = _MD_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    if cell:
        return text.replace("\n", "<br>")
    return text.replace("\n", "  \n")


def xml_safe(text: str) -> str:
    return _XML_BAD.sub("", str(text))


def blocks_for(workbook: Workbook, lang: str | None = None) -> list[Block]:
    """The whole draft as blocks: title, then each non-empty section in order."""
    lang = i18n.normalise(lang or workbook.language)
    profile = workbook.profile
    title = i18n.t("export.title", lang)
    out: list[Block] = [Heading(title, 1)]
    if profile.institution.strip():
        out.append(Para(profile.institution, label=i18n.t("profile.institution", lang)))
    out.append(Para(i18n.t("export.draft_note", lang)))
    if i18n.review_note(lang):  # the Azerbaijani texts await native-speaker review
        out.append(Para(i18n.review_note(lang)))
    for spec in sections.all_sections():
        answers = workbook.sections.get(spec.key)
        if answers is None or spec.empty(answers):
            continue
        out.append(Heading(i18n.t(spec.title_key, lang), 2))
        out.extend(spec.render(answers, lang))
    return out


def to_markdown(workbook: Workbook, lang: str | None = None) -> str:
    return blocks_markdown(blocks_for(workbook, lang))


def blocks_markdown(blocks: list[Block]) -> str:
    """Any blocks as Markdown (the strategy draft, a completion summary), participant text escaped."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Para):
            lead = f"**{md_escape(block.label)}:** " if block.label else ""
            lines += [lead + md_escape(block.text), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {md_escape(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(md_escape(h, cell=True) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(md_escape(c, cell=True) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Figure) and block.summary:
            lines += [md_escape(block.summary), ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx_bytes(workbook: Workbook, lang: str | None = None) -> bytes:
    lang = i18n.normalise(lang or workbook.language)
    return blocks_docx_bytes(blocks_for(workbook, lang), lang, i18n.t("export.title", lang))


def blocks_docx_bytes(blocks: list[Block], lang: str, title: str) -> bytes:
    """Any blocks as a Word document (the strategy draft, a completion summary), as plain text runs."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    doc.core_properties.title = xml_safe(title)
    doc.core_properties.language = "az-Latn-AZ" if lang == "az" else "en-GB"
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    for block in blocks:
        if isinstance(block, Heading):
            doc.add_heading(xml_safe(block.text), level=max(0, min(block.level - 1, 9)))
        elif isinstance(block, Para):
            paragraph = doc.add_paragraph()
            if block.label:
                paragraph.add_run(xml_safe(block.label) + ": ").bold = True
            paragraph.add_run(xml_safe(block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(xml_safe(item), style="List Bullet")
        elif isinstance(block, Table):
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.text = ""
                cell.paragraphs[0].add_run(xml_safe(text)).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = xml_safe(text)
            doc.add_paragraph()
        elif isinstance(block, Figure) and block.summary:
            doc.add_paragraph(xml_safe(block.summary))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write(workbook: Workbook, out: str | Path, fmt: str, lang: str | None = None) -> Path:
    from eparticipation.workbook.safety import atomic_write_bytes, atomic_write_text

    out = Path(out)
    if fmt == "docx":
        atomic_write_bytes(out, to_docx_bytes(workbook, lang))
    else:
        atomic_write_text(out, to_markdown(workbook, lang))
    return out
