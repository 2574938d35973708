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
    python -m eparticipation worksheets --lang az|en --out DIR
        Printable worksheets (Word) of every section, for tables without laptops.
    python -m eparticipation worksheets --read FILE --workbook FOLDER [--replace]
        Read a filled-in printed copy back into a workbook (the sections marked ✎); answers already
        saved are replaced only with --replace, after a backup.
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
    sheets = subparsers.add_parser(
        "worksheets", help="print worksheets for tables without laptops, or read a filled-in copy back",
        description="Write printable worksheets (Word), or read a filled-in copy back into a workbook.")
    sheets.add_argument("--lang", choices=("az", "en"), default="az", help="language of the worksheets (default az)")
    sheets.add_argument("--out", metavar="DIR", help="folder to write worksheets-<lang>.docx into")
    sheets.add_argument("--read", metavar="FILE", help="a filled-in worksheet (.docx) to read back")
    sheets.add_argument("--workbook", metavar="FOLDER", help="the workbook folder to read the answers into")
    sheets.add_argument("--replace", action="store_true",
                        help="replace answers already saved in the workbook (a backup is kept)")
    sheets.set_defaults(run=run_worksheets)


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
def run_worksheets(args) -> int:
    import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
    from eparticipation.errors import CourseDataError
    from eparticipation.workbook.safety import atomic_write_bytes
    from eparticipation.workbook.store import WorkbookStore
    from eparticipation.worksheets import printable

    if args.read is None:
        if args.out is None:
            raise CourseDataError("say where to write the worksheets", fix="Add --out FOLDER (or --read FILE).")
        out = Path(args.out) / f"worksheets-{args.lang}.docx"
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(out, printable.worksheets_docx(args.lang))
        except OSError as error:
            raise CourseDataError(f"cannot write the file ({error.strerror})", file=str(out),
                                  fix="Choose a folder you can write to.") from None
        print(f"Wrote {out}; readable back: {', '.join(printable.readable_sections())}")
        return 0
    if args.workbook is None:
        raise CourseDataError("say which workbook to read the answers into", fix="Add --workbook FOLDER.")
    path = Path(args.read)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CourseDataError(f"cannot read the file ({error.strerror})", file=str(path)) from None
    found = printable.read_filled(data, file=path.name)
    for problem in found.problems:
        print(f"  not read: {problem}", file=sys.stderr)
    store = WorkbookStore(args.workbook)
    kept = []
    for key, answers in found.answers.items():
        saved = store.load(key).answers
        if store.path(key).is_file() and saved != answers and not args.replace:
            kept.append(key)
            continue
        store.backup_now(key)
        store.save(key, answers)
        print(f"Read {key} into {store.folder}")
    if kept:
        print(f"Kept the answers already saved in: {', '.join(kept)}. Run again with --replace to replace "
              "them with the printed copy (a backup is kept).", file=sys.stderr)
    if not found.answers:
        print("The worksheet holds no answers to read.", file=sys.stderr)
    return 1 if kept or found.problems else 0
