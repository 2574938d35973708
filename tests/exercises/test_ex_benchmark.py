import importlib.util

from eparticipation.paths import REPO_ROOT


def test_benchmark_runs_and_meets_the_goal(capsys, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_feedback", REPO_ROOT / "benchmarks" / "bench_feedback.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setenv("EPARTICIPATION_WORKBOOK", str(tmp_path))
    assert bench.main(["--repeat", "12"]) == 0
    out = capsys.readouterr().out
    assert "profile" in out and "readiness" in out and "median ms" in out
