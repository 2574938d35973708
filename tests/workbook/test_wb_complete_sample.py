"""The complete sample workbook: every registered section's worked example for one fictitious ministry.

Issue 13's "done when": the sample runs through every exercise and exports a DOCX whose headings and
tables python-docx reads back, section by section. Every check walks `sections.all_sections()`, so a
section registered later (with its own `example=`) is covered without editing this file.
"""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from eparticipation import i18n
from eparticipation.cli import main
from eparticipation.paths import data_path
from eparticipation.workbook import bundle, export, sections
from eparticipation.workbook.document import Table
from eparticipation.worksheets import example_ministry, samples

LANGS = i18n.LANGUAGES
FICTITIOUS = ("(fictitious", "(uydurma")


@pytest.fixture(scope="module", params=LANGS)
def sample(request):
    """(lang, bundle, workbook, docx bytes) of the complete sample, built once per language."""
    lang = request.param
    found = samples.complete_sample_bundle(lang)
    workbook = bundle.parse_bundle(samples.dump(found), file=f"complete.{lang}.json")
    return lang, found, workbook, export.to_docx_bytes(workbook)


def expected_tables(spec: sections.SectionSpec, answers, lang: str) -> list[tuple[tuple[str, ...], int]]:
    """(header row, number of body rows) of each table the section's render() draws, in order."""
    return [(tuple(export.xml_safe(h) for h in block.header), len(block.rows))
            for block in spec.render(answers, lang) if isinstance(block, Table)]


def docx_sections(data: bytes) -> list[tuple[str, list[tuple[tuple[str, ...], int]]]]:
    """The document read back in body order: (level-1 heading, [(table header row, body rows)]) per section."""
    document = docx.Document(io.BytesIO(data))
    found: list[tuple[str, list]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            if paragraph.style.name == "Heading 1":
                found.append((paragraph.text, []))
        elif tag == "tbl":
            table = DocxTable(child, document)
            assert found, "a table before the first section heading"
            found[-1][1].append((tuple(cell.text for cell in table.rows[0].cells), len(table.rows) - 1))
    return found


# --- every section's example -----------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_every_registered_section_has_a_valid_complete_example(lang):
    for spec in sections.all_sections():
        assert spec.example is not None, f"{spec.key}: register example=worked_example in its SECTION"
        answers = spec.example(lang)
        assert isinstance(answers, spec.model), spec.key
        assert not spec.empty(answers), f"{spec.key}: the worked example is empty"
        assert spec.model.model_validate(answers.model_dump(mode="json")) == answers, spec.key
        assert spec.example(lang) == answers, f"{spec.key}: the worked example must be the same every time"


def test_the_example_is_one_labelled_fictitious_ministry():
    for lang in LANGS:
        found = samples.complete_sample_bundle(lang)
        profile = found["sections"]["profile"]["answers"]
        assert profile["institution"] == example_ministry.name("ministry", lang)
        assert profile["language"] == lang
        assert all(label in name for name, label in
                   zip(example_ministry.NAMES["ministry"], FICTITIOUS))
    for english, azerbaijani in example_ministry.NAMES.values():
        assert "(fictitious" in english and "(uydurma" in azerbaijani


def test_free_text_is_in_the_chosen_language():
    english = samples.dump(samples.complete_sample_bundle("en"))
    azerbaijani = samples.dump(samples.complete_sample_bundle("az"))
    assert "ə" in azerbaijani and "(uydurma)" in azerbaijani
    assert not set("əğıöüçşƏĞİÖÜÇŞ") & set(english), "Azerbaijani letters in the English example"
    assert "(fictitious)" in english and "(uydurma)" not in english


@pytest.mark.parametrize("lang", LANGS)
def test_organisations_named_by_the_examples_are_labelled(lang):
    named = []
    for spec in sections.all_sections():
        if spec.organisations is not None:
            named += spec.organisations(spec.example(lang))
    assert example_ministry.name("ministry", lang) in named
    assert all(any(label in name for label in FICTITIOUS) for name in named), named
    profile = sections.get("profile")
    assert profile.organisations(profile.model()) == []


def test_a_section_without_an_example_is_named(notes_section):
    with pytest.raises(ValueError, match="zz_notes"):
        samples.complete_sample_bundle("en")


# --- round trip, export ------------------------------------------------------------------------------
def test_the_sample_restores_into_a_workbook_and_every_section_loads(sample, store):
    lang, found, _workbook, _docx = sample
    result = bundle.restore(store, samples.dump(found))
    assert result.restored == sorted(spec.key for spec in sections.all_sections()) and not result.notes
    for spec in sections.all_sections():
        loaded = store.load(spec.key)
        assert loaded.ok and loaded.status == "loaded", (spec.key, loaded.status, loaded.problem)
        assert loaded.answers == spec.example(lang), spec.key
    assert json.loads(bundle.bundle_text(store)) == found


def test_docx_holds_every_section_in_order_with_its_tables(sample):
    lang, _found, workbook, data = sample
    read = docx_sections(data)
    expected = [(i18n.t(spec.title_key, lang), expected_tables(spec, workbook.sections[spec.key], lang))
                for spec in sections.all_sections()]
    assert [title for title, _tables in read] == [title for title, _tables in expected]
    for (title, tables), (_title, want) in zip(read, expected):
        assert want, f"{title}: the worked example must render at least one table"
        assert tables == want, title


def test_markdown_holds_every_section_title(sample):
    lang, _found, workbook, _docx = sample
    text = export.to_markdown(workbook)
    for spec in sections.all_sections():
        assert f"\n## {export.md_escape(i18n.t(spec.title_key, lang))}\n" in text, spec.key
    assert text.count("\n## ") == len(sections.all_sections())


# --- the committed files and the command line ----------------------------------------------------------
def test_committed_complete_samples_equal_a_regeneration():
    folder = data_path("sample-workbooks")
    for name, found in samples.complete_sample_bundles().items():
        assert (folder / name).is_file(), name
        assert (folder / name).read_text(encoding="utf-8") == samples.dump(found), (
            f"{name} is out of date: run python -m eparticipation.worksheets.samples data/sample-workbooks")


def test_sample_workbook_command_writes_word_and_markdown(tmp_path, capsys):
    assert main(["sample-workbook", "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["complete-fictitious-ministry.en.docx", "complete-fictitious-ministry.en.md"]
    titles = [title for title, _tables in docx_sections((tmp_path / "out" / written[0]).read_bytes())]
    assert titles == [i18n.t(spec.title_key, "en") for spec in sections.all_sections()]
    assert capsys.readouterr().out.count("Wrote") == 2
