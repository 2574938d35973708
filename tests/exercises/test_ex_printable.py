import io

import docx
import pytest

from eparticipation.cli import main
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.printable import FORMS, read_filled, readable_sections, worksheets_docx


def fill(data: bytes, answers: dict[str, str]) -> bytes:
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text in answers:
                row.cells[2].text = answers[row.cells[0].text]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["az", "en"])
def test_every_registered_section_is_printed(lang):
    document = docx.Document(io.BytesIO(worksheets_docx(lang)))
    text = "\n".join(p.text for p in document.paragraphs)
    from eparticipation import i18n

    for spec in sections.all_sections():
        if spec.key != "peer_reviews":
            assert i18n.t(spec.title_key, lang) in text, spec.key
    codes = {row.cells[0].text for table in document.tables for row in table.rows}
    assert {q.code for form in FORMS.values() for q in form.questions} <= codes


def test_a_filled_copy_is_read_back():
    data = fill(worksheets_docx("az"), {"profile.alias": "Ana", "profile.language": "English",
                                        "profile.kind": "Komanda", "next_steps.what_1": "Publish",
                                        "next_steps.owner_1": "Ədliyyə Nazirliyi", "next_steps.day_1": " 12 ",
                                        "next_steps.partners": "A\nB", "next_steps.res_iap2": "✓"})
    found = read_filled(data)
    assert found.problems == [] and readable_sections() == ["profile", "next_steps"]
    assert found.answers["profile"].language == "en" and found.answers["profile"].alias == "Ana"
    steps = found.answers["next_steps"]
    assert steps.actions[0].day == 12 and steps.actions[0].owner == "Ədliyyə Nazirliyi"
    assert steps.partners == ["A", "B"] and steps.resources == ["iap2"]


def test_malformed_copies_get_clear_messages():
    with pytest.raises(CourseDataError, match="not a Word document"):
        read_filled(b"plain text")
    empty = io.BytesIO()
    docx.Document().save(empty)
    with pytest.raises(CourseDataError, match="no worksheet codes"):
        read_filled(empty.getvalue())
    found = read_filled(fill(worksheets_docx("en"), {"next_steps.what_1": "Do", "next_steps.day_1": "tomorrow",
                                                      "profile.alias": "Ana"}))
    assert "next_steps" not in found.answers and "profile" in found.answers
    assert any("next_steps › actions.0.day" in problem for problem in found.problems)


def test_the_command_prints_and_reads_back_without_overwriting(tmp_path, capsys):
    assert main(["worksheets", "--lang", "en", "--out", str(tmp_path)]) == 0
    printed = (tmp_path / "worksheets-en.docx").read_bytes()
    filled = tmp_path / "filled.docx"
    filled.write_bytes(fill(printed, {"profile.alias": "Paper", "next_steps.what_1": "Do", "next_steps.day_1": "5"}))
    store = WorkbookStore(tmp_path / "wb")
    store.save("profile", {"alias": "Saved"})
    assert main(["worksheets", "--read", str(filled), "--workbook", str(store.folder)]) == 1
    assert store.load("profile").answers.alias == "Saved"  # kept without --replace
    assert store.load("next_steps").answers.actions[0].day == 5  # nothing saved there: read
    assert "--replace" in capsys.readouterr().err
    assert main(["worksheets", "--read", str(filled), "--workbook", str(store.folder), "--replace"]) == 0
    assert store.load("profile").answers.alias == "Paper"
    assert any("Saved" in b.read_text(encoding="utf-8") for b in store.backups("profile"))
    assert main(["worksheets", "--read", str(tmp_path / "missing.docx"), "--workbook", str(store.folder)]) == 1
