import subprocess
import sys

import docx

from eparticipation.cli import main
from eparticipation.paths import REPO_ROOT, data_path
from eparticipation.worksheets import samples

SAMPLE = data_path("sample-workbooks", "sample-02-fictitious.json")


def test_export_docx_from_a_bundle(tmp_path, capsys):
    out = tmp_path / "draft.docx"
    assert main(["export", str(SAMPLE), "--format", "docx", "--out", str(out)]) == 0
    document = docx.Document(str(out))
    assert any(p.style.name == "Heading 1" and p.text == "Hazırlığın özünüqiymətləndirilməsi" for p in document.paragraphs)
    assert "Wrote" in capsys.readouterr().out


def test_export_markdown_from_a_folder_in_english(store, tmp_path):
    store.save("profile", {"alias": "A", "institution": "Inst <x>", "language": "az"})
    out = tmp_path / "draft.md"
    assert main(["export", str(store.folder), "--format", "md", "--out", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Draft national e-participation strategy") and "Inst &lt;x&gt;" in text


def test_export_problem_is_a_clean_message(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["export", str(bad), "--format", "md", "--out", str(tmp_path / "x.md")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: file bad.json: the file is not valid JSON") and "Traceback" not in err


def test_aggregate_never_aborts(tmp_path, capsys):
    folder = tmp_path / "share"
    samples.write_samples(folder, samples.synthetic_group(5))
    (folder / "zz.json").write_text("[]", encoding="utf-8")
    out = tmp_path / "dashboard.html"
    assert main(["aggregate", str(folder), "--out", str(out)]) == 0
    assert "5 workbooks, 1 invalid" in capsys.readouterr().out
    assert "P05" in out.read_text(encoding="utf-8")


def test_aggregate_missing_folder_is_a_clean_error(tmp_path, capsys):
    assert main(["aggregate", str(tmp_path / "none"), "--out", str(tmp_path / "d.html")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_command_line_entry_point(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eparticipation", "export", str(tmp_path / "nothing"),
                             "--format", "md", "--out", str(tmp_path / "o.md")],
                            capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 1
    assert "no such workbook" in result.stderr and "Traceback" not in result.stderr
