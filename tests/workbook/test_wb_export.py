import io

import docx
import pytest

from eparticipation import i18n
from eparticipation.workbook import bundle, export

LONG = ("Vətəndaş <script>alert(1)</script> & **bold** | # heading\n1. list [x](javascript:y)\n" * 200)[:10_000]


@pytest.fixture
def workbook(store):
    store.save("profile", {"alias": "Masa <3>", "institution": "Rəqəmsal İnkişaf Nazirliyi (uydurma)",
                           "role": "# not a heading", "language": "az"})
    store.save("readiness", {"items": {"legal_access": {"legislation": "no", "policy": "no"},
                                       "info_drafts": {"legislation": "yes", "policy": "dk"}}, "evidence": LONG})
    return bundle.read_workbook(store.folder)


def docx_text(data: bytes):
    document = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, headings, paragraphs, tables


def test_docx_has_real_headings_in_the_workbook_language_and_answers(workbook):
    document, headings, paragraphs, tables = docx_text(export.to_docx_bytes(workbook))
    assert ("Title", i18n.t("export.title", "az")) in headings
    assert ("Heading 1", i18n.t("readiness.title", "az")) in headings
    assert ("Heading 1", i18n.t("profile.title", "az")) in headings
    profile_table = tables[0]
    assert ["Ləqəb", "Masa <3>"] in profile_table
    assert ["Vəzifə", "# not a heading"] in profile_table
    readiness_rows = tables[1]
    assert [i18n.t("readiness.area.legal", "az"), i18n.t("readiness.item.legal_access", "az"), "Xeyr", "Xeyr"] in readiness_rows
    label = i18n.t("readiness.evidence", "az")
    evidence = [p for p in paragraphs if p.startswith(label)][0]
    assert evidence.startswith(f"{label}: {LONG.splitlines()[0]}")
    assert LONG in "\n".join(paragraphs).replace(i18n.t("readiness.evidence", "az") + ": ", "")
    assert document.core_properties.language == "az-Latn-AZ"


def test_docx_in_english_on_request(workbook):
    _doc, headings, _p, _t = docx_text(export.to_docx_bytes(workbook, "en"))
    assert ("Heading 1", "Readiness self-assessment") in headings


def test_docx_drops_characters_xml_cannot_hold(workbook):
    workbook.profile.alias = "bad\x00\x0bchars"
    _d, _h, _p, tables = docx_text(export.to_docx_bytes(workbook))
    assert ["Ləqəb", "badchars"] in tables[0]


def test_markdown_neutralises_html_and_markdown(workbook):
    text = export.to_markdown(workbook)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "Masa &lt;3&gt;" in text
    assert "| Vəzifə | \\# not a heading |" in text
    assert "\\*\\*bold\\*\\*" in text and "\\[x\\](javascript:y)" in text
    assert "\n1\\. list" in text
    assert text.startswith("# " + i18n.t("export.title", "az"))
    assert "## " + i18n.t("readiness.title", "az") in text
    assert text.count("\n## ") == 2


def test_empty_sections_are_left_out(store):
    store.save("profile", {"alias": "A"})
    store.save("readiness", {})
    text = export.to_markdown(bundle.read_workbook(store.folder))
    assert "Readiness" not in text and "A" in text
