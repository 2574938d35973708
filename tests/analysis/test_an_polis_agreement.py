"""The committed benchmark results, the table in book/data.md and the code must agree."""

import importlib.util
import shutil

import pandas as pd
import pytest

from eparticipation.analysis.polis_agreement import RESULT_COLUMNS, compare_with_polis, markdown_table, summary
from eparticipation.data.polis import SHIPPED_CONVERSATIONS, load_polis_export
from eparticipation.paths import REPO_ROOT, data_path


def _bench():
    spec = importlib.util.spec_from_file_location("bench_opinion_groups", REPO_ROOT / "benchmarks" / "bench_opinion_groups.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


@pytest.fixture(scope="module")
def committed():
    return pd.read_csv(_bench().RESULTS)


def test_the_book_table_is_the_rendering_of_the_committed_results(committed, tmp_path):
    bench = _bench()
    page = tmp_path / "data.md"
    shutil.copy(bench.DATA_PAGE, page)
    bench.write_book_table(committed, page)
    assert page.read_text(encoding="utf-8") == bench.DATA_PAGE.read_text(encoding="utf-8"), (
        "book/data.md's opinion-group table differs from benchmarks/results/opinion_groups.csv: "
        "run `python benchmarks/bench_opinion_groups.py --write`.")
    assert markdown_table(committed) in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHIPPED_CONVERSATIONS)
def test_committed_rows_of_the_shipped_conversations_match_the_code(committed, name):
    saved = committed.set_index("conversation").loc[name]
    now = compare_with_polis(load_polis_export(data_path("consultations", name)))
    for column in RESULT_COLUMNS[1:]:
        if column == "seconds":
            continue
        if isinstance(now[column], float):
            assert now[column] == pytest.approx(saved[column], abs=2e-3), column
        else:
            assert now[column] == saved[column], column


def _results(rows):
    frame = pd.DataFrame(rows, columns=["conversation", "grouped_polis", "ari", "verdict", "consensus_overlap"])
    return frame.assign(voters=1, grouped_ours=1, k_polis=2, k_ours=2, agreement=0.5, separation=0.1, seconds=0.0)


def test_summary_counts_conversations_with_100_grouped_voters_and_names_any_short_one_flagged_stable():
    results = _results([("a", 500, 0.9, "stable", 10), ("b", 500, 0.5, "fragile", 7), ("c", 99, 0.1, "stable", 8)])
    assert summary(results).startswith("1 of the 2 conversations with at least 100 voters grouped by Pol.is reach ARI 0.8; "
                                       "1 fall short, and every one of them is flagged fragile.")
    assert "share 7 to 10 statements" in summary(results)
    missed = _results([("a", 500, 0.79, "stable", 10), ("b", 500, 0.5, "fragile", 9)])
    assert "1 of them are flagged fragile (not: `a`)" in summary(missed)


def test_table_rows_are_sorted_by_agreement_with_polis_and_say_whether_the_groups_are_apart():
    table = markdown_table(_results([("low", 500, 0.1, "fragile", 7), ("high", 500, 0.95, "stable", 10)]).assign(
        separation=[-0.01, 0.2]))
    rows = table.splitlines()[2:]
    assert rows[0].startswith("| `high` |") and rows[0].endswith("| 0.95 | 10 | 0.50 | yes | stable |")
    assert rows[1].endswith("| 0.10 | 7 | 0.50 | no | fragile |")


def test_the_benchmark_runs_on_a_folder_and_skips_exports_it_cannot_compare(tmp_path, capsys):
    from polis_helpers import make_polis_folder

    shutil.copytree(data_path("consultations", "london.youth.policing"), tmp_path / "london.youth.policing")
    make_polis_folder(tmp_path / "no-groups-shipped")
    assert _bench().main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "no-groups-shipped: skipped, no participants-votes.csv to compare with" in out
    row = next(line for line in out.splitlines() if line.startswith("london.youth.policing"))
    assert "fragile" in row
    assert "0 of the 0 conversations with at least 100 voters" in out
