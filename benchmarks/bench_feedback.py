"""Median time of one feedback callback per exercise (goal: <= 50 ms). Reports; never fails a build.

A "callback" is what runs when a participant commits a change: validation, the atomic save (with
fsync), the pure feedback rules, and redrawing feedback, gap list and chart. Runs in a temporary
workbook, never a participant's.

    python benchmarks/bench_feedback.py [--repeat 60]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_MS = 50.0


def cases():
    from eparticipation.exercises.profile import ProfileExercise
    from eparticipation.worksheets.readiness import COLUMNS, STATEMENTS
    from eparticipation.exercises.readiness import ReadinessExercise

    profile_changes = [("alias", v) for v in ("Masa 1", "Masa 2")] + [("institution", v) for v in ("Nazirlik", "Agentlik")]
    readiness_changes = [(f"{item}:{column}", value) for item in STATEMENTS for column in COLUMNS
                         for value in ("yes", "no", "dk")]
    return [("profile", ProfileExercise, profile_changes), ("readiness", ReadinessExercise, readiness_changes)]


def measure(exercise_cls, changes, repeat: int, folder: Path) -> list[float]:
    from eparticipation.workbook.store import WorkbookStore

    exercise = exercise_cls(WorkbookStore(folder))
    exercise.fields[changes[0][0]].value = changes[0][1]  # warm-up
    timings = []
    for name, value in itertools.islice(itertools.cycle(changes[1:]), repeat):
        field = exercise.fields[name]
        if field.value == value:
            continue
        start = time.perf_counter()
        field.value = value  # the observer runs the callback synchronously
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eparticipation-bench-") as tmp:
        os.environ["EPARTICIPATION_WORKBOOK"] = tmp
        print(f"{'exercise':<12} {'n':>4} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}  goal <= {GOAL_MS:.0f} ms")
        for name, cls, changes in cases():
            timings = measure(cls, changes, args.repeat, Path(tmp) / name)
            median = statistics.median(timings)
            p90 = statistics.quantiles(timings, n=10)[-1]
            status = "ok" if median <= GOAL_MS else "SLOW"
            print(f"{name:<12} {len(timings):>4} {median:>10.1f} {p90:>8.1f} {max(timings):>8.1f}  {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
