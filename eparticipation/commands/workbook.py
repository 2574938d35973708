"""`python -m eparticipation export ...` and `python -m eparticipation aggregate ...`.

    python -m eparticipation export WORKBOOK --format docx|md --out FILE [--lang az|en]
        WORKBOOK is a workbook folder ($EPARTICIPATION_WORKBOOK, ~/eparticipation-workbook) or a
        downloaded/shared workbook .json file. Headings follow the workbook's language unless --lang.

    python -m eparticipation aggregate FOLDER --out dashboard.html [--names] [--lang az|en]
        FOLDER holds shared workbooks ($EPARTICIPATION_SHARE_DIR). Invalid ones are listed with the
        reason; the page is self-contained (works offline) and anonymised unless --names.

    python -m eparticipation sample-workbook --out FOLDER [--lang az|en]
        The complete sample workbook (every section's worked example, fictitious ministry) as a Word
        and a Markdown strategy draft, in both languages unless --lang.
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    """Add this part's sub-commands to the main parser."""
    export = subparsers.add_parser(
        "export", help="write a workbook's strategy draft as Word (.docx) or Markdown",
        description="Write a workbook's strategy draft as Word (.docx) or Markdown.")
    export.add_argument("workbook", metavar="WORKBOOK", help="workbook folder or downloaded workbook .json")
    export.add_argument("--format", choices=("docx", "md"), default=None,
                        help="output format (default: from the --out file's extension)")
    export.add_argument("--out", required=True, metavar="FILE", help="file to write")
    export.add_argument("--lang", choices=("az", "en"), default=None,
                        help="language of headings (default: the workbook's language)")
    export.set_defaults(run=run_export)

    aggregate = subparsers.add_parser(
        "aggregate", help="build the facilitator's dashboard from shared workbooks",
        description="Build a self-contained HTML dashboard from every shared workbook in FOLDER.")
    aggregate.add_argument("folder", metavar="FOLDER", help="folder of shared workbooks")
    aggregate.add_argument("--out", required=True, metavar="FILE", help="dashboard .html to write")
    aggregate.add_argument("--names", action="store_true", help="show names and institutions (default: anonymised)")
    aggregate.add_argument("--lang", choices=("az", "en"), default="en", help="dashboard language (default en)")
    aggregate.set_defaults(run=run_aggregate)

    sample = subparsers.add_parser(
        "sample-workbook", help="write the complete fictitious sample workbook as Word and Markdown",
        description="Write the strategy draft of the complete sample workbook (every exercise's worked example "
                    "for one fictitious ministry) as .docx and .md, one pair per language.")
    sample.add_argument("--out", required=True, metavar="FOLDER", help="folder to write to")
    sample.add_argument("--lang", choices=("az", "en"), default=None, help="one language only (default: both)")
    sample.set_defaults(run=run_sample_workbook)


def run_export(args) -> int:
    import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
    from eparticipation.errors import CourseDataError
    from eparticipation.workbook import export
    from eparticipation.workbook.bundle import read_workbook

    fmt = args.format or ("docx" if str(args.out).lower().endswith(".docx") else "md")
    workbook = read_workbook(args.workbook)
    try:
        path = export.write(workbook, args.out, fmt, args.lang)
    except OSError as error:
        raise CourseDataError(f"cannot write the file ({error.strerror})", file=args.out,
                              fix="Choose a folder you can write to.") from None
    print(f"Wrote {path} ({fmt}, {len(workbook.sections)} sections)")
    return 0


def run_aggregate(args) -> int:
    from eparticipation.errors import CourseDataError
    from eparticipation.reports.dashboard import write_dashboard

    try:
        collected = write_dashboard(args.folder, args.out, names=args.names, lang=args.lang)
    except OSError as error:
        raise CourseDataError(f"cannot write the file ({error.strerror})", file=args.out,
                              fix="Choose a folder you can write to.") from None
    print(f"Wrote {Path(args.out)}: {len(collected.valid)} workbooks, {len(collected.invalid)} invalid")
    for name, reason in collected.invalid:
        print(f"  invalid: {name}: {reason}", file=sys.stderr)
    return 0


def run_sample_workbook(args) -> int:
    import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
    from eparticipation.errors import CourseDataError
    from eparticipation.i18n import LANGUAGES
    from eparticipation.workbook import export
    from eparticipation.workbook.bundle import parse_bundle
    from eparticipation.worksheets import samples

    folder = Path(args.out)
    for lang in (args.lang,) if args.lang else LANGUAGES:
        name = samples.complete_sample_name(lang).removesuffix(".json")
        workbook = parse_bundle(samples.dump(samples.complete_sample_bundle(lang)), file=name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for fmt in ("docx", "md"):
                path = export.write(workbook, folder / f"{name}.{fmt}", fmt)
                print(f"Wrote {path} ({fmt}, {len(workbook.sections)} sections)")
        except OSError as error:
            raise CourseDataError(f"cannot write the file ({error.strerror})", file=str(folder),
                                  fix="Choose a folder you can write to.") from None
    return 0
