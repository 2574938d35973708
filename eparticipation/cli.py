"""`python -m eparticipation COMMAND`: the facilitator's command line.

The commands sit at the top of the package and only parse, call and print: `commands/book.py`
(schedule, build, execute, lab-settings), `commands/data.py` (generate, check, polis-report) and
`commands/workbook.py` (export, aggregate, sample-workbook). This module only dispatches and turns a `CourseDataError`
into a clear message and exit code 1 (never a traceback).
"""

from __future__ import annotations

import argparse
import sys

from eparticipation.errors import CourseDataError


def build_parser() -> argparse.ArgumentParser:
    # Imported here so `--help` lists every command, while each module stays self-contained.
    from eparticipation.commands import book, data, workbook

    parser = argparse.ArgumentParser(
        prog="python -m eparticipation",
        description="Tools for the e-Participation Workshop Book.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (book, data, workbook):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CourseDataError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
