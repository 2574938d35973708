"""`python -m eparticipation COMMAND`: the facilitator's command line.

Each part of the package registers its own sub-commands; this module only dispatches and turns a
`CourseDataError` into a clear message and exit code 1 (never a traceback).
"""

from __future__ import annotations

import argparse
import sys

from eparticipation.errors import CourseDataError


def build_parser() -> argparse.ArgumentParser:
    # Imported here so `--help` lists every command, while each module stays self-contained.
    from eparticipation.book import cli as book_cli
    from eparticipation.data import cli as data_cli
    from eparticipation.workbook import cli as workbook_cli

    parser = argparse.ArgumentParser(
        prog="python -m eparticipation",
        description="Tools for the e-Participation Workshop Book.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (book_cli, data_cli, workbook_cli):
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
