"""`python -m eparticipation check|generate|polis-report`: exit codes and messages, never a traceback."""

import subprocess
import sys

import pandas as pd
import pytest

from eparticipation.cli import main
from eparticipation.data.polis import SHIPPED_CONVERSATIONS
from eparticipation.paths import data_path
from polis_helpers import as_current_export, make_polis_folder

SHIPPED = [data_path("consultations", n) for n in SHIPPED_CONVERSATIONS] + [
    data_path("sample-consultation"),
    data_path("sample-consultation", "submissions.csv"),
    data_path("sample-consultation", "participants.csv"),
    data_path("egov", "un_egov_survey_2003_2024_tidy.csv"),
    data_path("azerbaijan", "azerbaijan_context_facts.csv"),
    data_path("consultations", "uk-parliament-petition-700143-signature-timeseries", "petition_counts.csv"),
    data_path("geo", "azerbaijan_economic_regions_2021.geojson"),
]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_check_passes_on_every_shipped_dataset(path, capsys):
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.startswith("OK:")


def _edit_csv(folder, name, edit):
    frame = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(folder / name, index=False)


def _write(folder, name, data: bytes):
    (folder / name).write_bytes(data)


MALFORMED = {
    # name: (how to break a good folder, expected words in the message, expected column or None)
    "missing votes file": (lambda f: (f / "votes.csv").unlink(), "does not exist", None),
    "missing column": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.pop("vote")), "no column 'vote'", "vote"),
    "empty file": (lambda f: _write(f, "comments.csv", b""), "empty", None),
    "header only": (lambda f: _write(f, "votes.csv", b"timestamp,datetime,comment-id,voter-id,vote\n"), "no data rows", None),
    "duplicate comment ids": (lambda f: _edit_csv(f, "comments.csv", lambda d: d.loc.__setitem__((3, "comment-id"), "2")), "more than once", "comment-id"),
    "non-numeric vote": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.loc.__setitem__((4, "vote"), "agree")), "'agree'", "vote"),
    "out-of-range vote": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.loc.__setitem__((9, "vote"), "5")), "vote must be", "vote"),
    "binary garbage": (lambda f: _write(f, "votes.csv", bytes(range(256)) * 20), "binary", None),
    "wrong encoding": (lambda f: _write(f, "comments.csv", "comment-id,moderated,comment-body\n0,1,Şirvan ağ\n".encode("cp1254")), "not UTF-8", None),
    "utf-16": (lambda f: _write(f, "comments.csv", "comment-id,moderated,comment-body\n0,1,x\n".encode("utf-16")), "UTF-16", None),
    "ragged row": (lambda f: _write(f, "comments.csv", b"comment-id,moderated,comment-body\n0,1,ok\n1,1,a,b,c,d\n"), "cannot be read as a table", None),
    "negative voter id": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.loc.__setitem__((2, "voter-id"), "-3")), "voter ids", "voter-id"),
    "bad moderation code": (lambda f: _edit_csv(f, "comments.csv", lambda d: d.loc.__setitem__((1, "moderated"), "2")), "moderated must be", "moderated"),
    "vote for missing comment": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.loc.__setitem__((6, "comment-id"), "404")), "not in comments.csv", "comment-id"),
    "empty vote cell": (lambda f: _edit_csv(f, "votes.csv", lambda d: d.loc.__setitem__((8, "vote"), "")), "empty", "vote"),
    "not a folder of known files": (lambda f: [p.unlink() for p in f.iterdir()], "neither a Pol.is export", None),
}


@pytest.mark.parametrize("variant", MALFORMED, ids=str)
def test_check_refuses_malformed_exports_clearly(variant, tmp_path, capsys):
    folder = make_polis_folder(tmp_path / "conv")
    breaker, words, column = MALFORMED[variant]
    breaker(folder)
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "Traceback" not in err
    assert words in err
    assert "How to fix:" in err or variant == "not a folder of known files"
    if column:
        assert f"column '{column}'" in err


def test_check_and_report_read_a_current_pol_is_export(tmp_path, capsys):
    folder = as_current_export(data_path("consultations", "london.youth.policing"), tmp_path / "export")
    assert main(["check", str(folder)]) == 0
    assert "voters: 26" in capsys.readouterr().out
    assert main(["polis-report", str(folder), "--out", str(tmp_path / "report.html")]) == 0
    assert (tmp_path / "groups.csv").read_text(encoding="utf-8").startswith("participant,group")


def test_a_zipped_export_is_refused_with_unzip_advice(tmp_path, capsys):
    import zipfile

    folder = make_polis_folder(tmp_path / "conv")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in folder.iterdir():
            zipped.write(path, path.name)
    for command in (["check", str(archive)], ["polis-report", str(archive), "--out", str(tmp_path / "r.html")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "zip archive" in err and "nzip" in err and "Traceback" not in err


def test_row_numbers_point_at_the_spreadsheet_row(tmp_path, capsys):
    folder = make_polis_folder(tmp_path / "conv")
    _edit_csv(folder, "votes.csv", lambda d: d.loc.__setitem__((9, "vote"), "5"))
    main(["check", str(folder)])
    assert "row 11" in capsys.readouterr().err  # header is row 1, data index 9 is row 11


def test_malformed_consultation_csv_names_the_row(tmp_path, capsys):
    frame = pd.read_csv(data_path("sample-consultation", "submissions.csv"), dtype=str, nrows=40)
    frame.loc[30, "topic"] = "weather"
    frame.to_csv(tmp_path / "submissions.csv", index=False)
    assert main(["check", str(tmp_path / "submissions.csv")]) == 1
    err = capsys.readouterr().err
    assert "row 32" in err and "column 'topic'" in err and "topic must be one of" in err


def test_generate_writes_a_deterministic_folder(tmp_path, capsys):
    assert main(["generate", "--n", "500", "--seed", "3", "--out", str(tmp_path / "a")]) == 0
    assert main(["generate", "--n", "500", "--seed", "3", "--out", str(tmp_path / "b")]) == 0
    assert "500 submissions" in capsys.readouterr().out
    a = (tmp_path / "a" / "submissions.csv").read_bytes()
    assert a == (tmp_path / "b" / "submissions.csv").read_bytes()
    assert main(["check", str(tmp_path / "a")]) == 0


def test_generate_refuses_bad_n(tmp_path, capsys):
    assert main(["generate", "--n", "0", "--out", str(tmp_path / "x")]) == 1
    assert "--n must be at least 1" in capsys.readouterr().err


def test_generate_refuses_a_negative_seed(tmp_path, capsys):
    assert main(["generate", "--n", "50", "--seed", "-3", "--out", str(tmp_path / "x")]) == 1
    assert "seed must be 0 or more (got -3)" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("name", ["missing.ipynb", "notes.txt"])
def test_execute_refuses_what_is_not_a_notebook(name, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a notebook", encoding="utf-8")
    assert main(["execute", str(tmp_path / name)]) == 1
    assert "this is not a notebook file" in capsys.readouterr().err


def test_no_traceback_from_a_real_process(tmp_path):
    (tmp_path / "votes.csv").write_bytes(b"\x00\x01garbage")
    done = subprocess.run([sys.executable, "-m", "eparticipation", "check", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.startswith("Error:")
