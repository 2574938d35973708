import re

import pandas as pd

from eparticipation.reports.polis import write_polis_report
from eparticipation.cli import main
from eparticipation.data.polis import load_polis_export
from eparticipation.paths import data_path
from polis_helpers import make_noise_folder, make_polis_folder

EVIL = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def test_report_escapes_user_text_and_loads_nothing_from_the_network(tmp_path):
    folder = make_polis_folder(tmp_path / "c", n_participants=80, texts={0: EVIL, 1: "=HYPERLINK(\"http://x\")"})
    (folder / "summary.csv").write_text(f'topic,"{EVIL}"\nurl,https://pol.is/x\n', encoding="utf-8")
    report, html_path, _ = write_polis_report(load_polis_export(folder), tmp_path / "out" / "report.html")
    page = html_path.read_text(encoding="utf-8")
    assert EVIL not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)
    assert page.count("<script") >= 2  # plotly.js inline + the figures


def test_groups_csv_has_one_row_per_clustered_participant_and_is_neutralised(tmp_path):
    folder = make_polis_folder(tmp_path / "c", n_participants=80)
    report, _, groups_path = write_polis_report(load_polis_export(folder), tmp_path / "r.html")
    groups = pd.read_csv(groups_path)
    assert list(groups.columns) == ["participant", "group"]
    assert len(groups) == len(report.opinion_groups.clustered) and groups["participant"].is_unique


def test_csv_export_neutralises_formula_cells(tmp_path):
    from eparticipation.data.export import write_csv

    path = write_csv(pd.DataFrame({"text": ["=1+1", "+SUM(A1)", "-2", "@cmd", "fine"], "n": [-1, 0, 1, 2, 3]}), tmp_path / "x.csv")
    back = pd.read_csv(path)
    assert back["text"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "fine"]
    assert back["n"].tolist() == [-1, 0, 1, 2, 3]


def test_polis_report_on_a_conversation_too_small_for_groups(tmp_path, capsys):
    folder = make_polis_folder(tmp_path / "c", n_participants=5)
    assert main(["polis-report", str(folder), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No opinion groups: cannot form opinion groups: only 5 participants have voted")
    assert "No opinion groups" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert pd.read_csv(tmp_path / "groups.csv").empty


def test_polis_report_on_london_forms_groups_and_says_to_be_careful(tmp_path, capsys):
    assert main(["polis-report", str(data_path("consultations", "london.youth.policing")), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "opinion groups among 24 participants" in out and "Caution" in out and "Stability: " in out
    assert "fragile" in out.split("Stability: ")[1].lower()  # London's split is flagged (book/data.md)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page and "2022-london-youth-policing" in page
    # Pol.is's own screen may split the same votes differently (book/data.md): the report says so.
    assert "one reasonable split of the votes" in page


def test_report_says_a_clear_split_is_stable(tmp_path):
    report, html_path, _ = write_polis_report(load_polis_export(make_polis_folder(tmp_path / "c", n_participants=120)), tmp_path / "r.html")
    page = html_path.read_text(encoding="utf-8")
    assert "<p class='stability'><strong>How stable is this split?</strong> Stable." in page
    assert "read only the consensus statements" not in page and "The groups are fragile" not in page


def test_report_says_plainly_when_the_groups_are_fragile(tmp_path):
    report, html_path, groups_path = write_polis_report(load_polis_export(make_noise_folder(tmp_path / "c")), tmp_path / "r.html")
    page = html_path.read_text(encoding="utf-8")
    assert ("<div class='warning stability'><strong>How stable is this split?</strong> "
            "Fragile: read only the consensus statements.") in page
    # The warning comes before the groups' map and tables, and the dividing statements carry it again.
    assert page.index("Fragile: read only") < page.index("Where the groups agree")
    assert "The groups are fragile" in page[page.index("What divides the groups"):]
    # Otherwise the output is as before: one row per grouped participant.
    groups = pd.read_csv(groups_path)
    assert list(groups.columns) == ["participant", "group"] and len(groups) == len(report.opinion_groups.clustered)
