"""Facilitator commands for data: `generate`, `check` and `polis-report` (parse, call, print).

Every problem reaches the user as a `CourseDataError` (the dispatcher prints "Error: …" and exits 1);
anything unexpected is wrapped into one too, naming the file, so nobody sees a traceback.
"""

from __future__ import annotations

import functools
from pathlib import Path

from eparticipation.data.check import summarise
from eparticipation.errors import CourseDataError


def register(subparsers) -> None:
    """Add this part's sub-commands to the main parser."""
    generate = subparsers.add_parser(
        "generate",
        help="write a SYNTHETIC national consultation (participants, submissions, text bank) to a folder",
        description="Generate the SYNTHETIC sample consultation. N is the number of SUBMISSIONS; "
        "participants are about N/3. The same N and seed always give the same files.",
    )
    generate.add_argument("--n", type=int, default=15_000, help="number of submissions (default 15000)")
    generate.add_argument("--seed", type=int, default=2030, help="random seed (default 2030)")
    generate.add_argument("--out", required=True, help="output folder (created if missing; files inside are replaced)")
    generate.set_defaults(run=run_generate)

    check = subparsers.add_parser(
        "check",
        help="validate a Pol.is export folder or a course CSV file; exit 0 with a summary or 1 with the problem",
    )
    check.add_argument("path", help="a Pol.is folder, a consultation folder, or one CSV file")
    check.set_defaults(run=run_check)

    report = subparsers.add_parser(
        "polis-report", help="write a self-contained HTML report of a Pol.is conversation and groups.csv beside it"
    )
    report.add_argument("path", help="folder with comments.csv and votes.csv")
    report.add_argument("--out", default="report.html", help="HTML file to write (default report.html)")
    report.add_argument("--seed", type=int, default=0, help="seed passed to scikit-learn (default 0)")
    report.set_defaults(run=run_polis_report)


def _friendly(func):
    """Turn any unexpected exception into a CourseDataError naming the path, so no traceback escapes."""

    @functools.wraps(func)
    def wrapper(args) -> int:
        try:
            return func(args)
        except CourseDataError:
            raise
        except MemoryError:
            raise CourseDataError("the computer ran out of memory.", fix="Use a smaller --n or close other programs.") from None
        except Exception as error:  # noqa: BLE001 — the whole point is that nothing escapes as a traceback
            target = getattr(args, "path", None) or getattr(args, "out", None)
            raise CourseDataError(
                f"unexpected problem ({type(error).__name__}: {error}).",
                file=target,
                fix="Check that the path is a course dataset or a Pol.is export; if it is, report this message to the course team.",
            ) from None

    return wrapper


@_friendly
def run_generate(args) -> int:
    from eparticipation.data.consultation import write_consultation
    from eparticipation.data.generator import generate_consultation

    if args.n < 1:
        raise CourseDataError(f"--n must be at least 1 (got {args.n}).", fix="Give the number of submissions, e.g. --n 15000.")
    if args.n > 20_000_000:
        raise CourseDataError(f"--n {args.n:,} is more than this generator supports (20,000,000).", fix="Use a smaller --n.")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CourseDataError("--out must be a folder, but a file has that name.", file=out, fix="Choose another folder name.")
    participants, submissions = generate_consultation(args.n, seed=args.seed)
    write_consultation(participants, submissions, out)
    print(f"SYNTHETIC consultation written to {out}: {len(submissions):,} submissions from {len(participants):,} participants (seed {args.seed}).")
    print("Files: participants.csv, submissions.csv, text_bank.csv, assumptions.csv, datapackage.json")
    return 0


@_friendly
def run_check(args) -> int:
    path = Path(args.path)
    if not path.exists():
        raise CourseDataError("nothing exists at this path.", file=path, fix="Check the spelling of the folder or file name.")
    for line in summarise(path):
        print(line)
    return 0


@_friendly
def run_polis_report(args) -> int:
    from eparticipation.data.polis import load_polis_export
    from eparticipation.reports.polis import write_polis_report

    out = Path(args.out)
    if out.is_dir():
        raise CourseDataError("--out must be a file name such as report.html, not a folder.", file=out, fix="Add a file name.")
    report, html_path, groups_path = write_polis_report(load_polis_export(args.path), out, seed=args.seed)
    if report.opinion_groups is None:
        print(f"No opinion groups: {report.why_no_groups}")
    else:
        groups = report.opinion_groups
        sizes = ", ".join(f"{g}: {n}" for g, n in groups.group_sizes.items())
        print(f"{groups.k} opinion groups among {len(groups.clustered):,} participants ({sizes}).")
        if groups.caution:
            print(f"Caution: {groups.caution}")
        if groups.stability is not None:
            print(f"Stability: {groups.stability.explanation}")
    print(f"Report: {html_path}")
    print(f"Groups: {groups_path} ({len(report.groups):,} rows)")
    return 0
