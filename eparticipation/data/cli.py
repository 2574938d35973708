"""Facilitator commands: `generate`, `check` and `polis-report`.

Every problem reaches the user as a `CourseDataError` (the dispatcher prints "Error: …" and exits 1);
anything unexpected is wrapped into one too, naming the file, so nobody sees a traceback.
"""

from __future__ import annotations

import functools
from pathlib import Path

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
    from eparticipation.analysis.polis_report import write_polis_report
    from eparticipation.data.polis import load_polis_export

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
    print(f"Report: {html_path}")
    print(f"Groups: {groups_path} ({len(report.groups):,} rows)")
    return 0


def summarise(path: Path) -> list[str]:
    """Validate what is at `path` and return a short summary (raises CourseDataError if it is broken)."""
    if path.is_dir():
        from eparticipation.data.polis import polis_files

        names = {p.name for p in path.iterdir()}
        polis = polis_files(path)
        if polis["comments"] or polis["votes"]:
            return _summarise_polis(path)
        if {"submissions.csv", "participants.csv"} & names:
            return _summarise_consultation(path)
        raise CourseDataError(
            "this folder is neither a Pol.is export (comments.csv, votes.csv) nor a consultation (participants.csv, submissions.csv).",
            file=path,
            fix="Give the folder that holds those files, or one CSV file.",
        )
    return _summarise_file(path)


def _summarise_polis(folder: Path) -> list[str]:
    from eparticipation.data.polis import load_polis_export

    export = load_polis_export(folder)
    moderated_out = int((export.comments["moderated"] == -1).sum())
    lines = [
        f"OK: Pol.is export '{export.name}' — {export.topic}",
        f"  statements: {len(export.comments):,} ({moderated_out:,} moderated out)",
        f"  voters: {export.votes['participant'].nunique():,}; vote events: {export.n_vote_events:,}; "
        f"latest votes: {len(export.votes):,}",
    ]
    if export.participants_votes is None:
        lines.append("  participants-votes.csv: not present (optional)")
    lines.append(f"  summary.csv: {'present' if export.summary else 'not present (optional)'}")
    return lines


def _summarise_consultation(folder: Path) -> list[str]:
    from eparticipation.data.consultation import load_consultation

    consultation = load_consultation(folder)
    s, p = consultation.submissions, consultation.participants
    return [
        f"OK: {consultation.title}",
        f"  participants: {len(p):,}; submissions: {len(s):,}",
        f"  window: {s['submitted_at'].min():%Y-%m-%d} to {s['submitted_at'].max():%Y-%m-%d}",
        f"  assumptions: {int((consultation.assumptions['status'] == 'ASSUMED').sum())} ASSUMED parameters (assumptions.csv)",
    ]


def _summarise_file(path: Path) -> list[str]:
    """One CSV file: recognise it by its header, then load it with the matching loader."""
    from eparticipation.data._tables import read_text

    if path.suffix.lower() == ".geojson":
        from eparticipation.data.context import load_economic_regions_geojson

        geo = load_economic_regions_geojson(path)
        return [f"OK: economic regions GeoJSON — {len(geo['features'])} regions"]
    header = read_text(path, what="CSV").split("\n", 1)[0].lstrip("\ufeff").lower()
    if "voter-id" in header:
        return _summarise_polis_file(path, "votes")
    if "comment-body" in header:
        return _summarise_polis_file(path, "comments")
    if "submission_id" in header:
        from eparticipation.data.consultation import load_submissions

        frame = load_submissions(path)
        return [f"OK: SYNTHETIC consultation submissions — {len(frame):,} rows"]
    if "participant_id" in header and "region" in header:
        from eparticipation.data.consultation import load_participants

        frame = load_participants(path)
        return [f"OK: SYNTHETIC consultation participants — {len(frame):,} rows"]
    if "egdi" in header:
        from eparticipation.data.egov import EGOV_ATTRIBUTION, load_egov_panel

        frame = load_egov_panel(path)
        return [f"OK: UN E-Government Survey panel — {len(frame):,} rows, {frame['year'].nunique()} editions", f"  {EGOV_ATTRIBUTION}"]
    if "indicator" in header and "geography" in header:
        from eparticipation.data.context import load_context_facts

        return [f"OK: Azerbaijan context facts — {len(load_context_facts(path)):,} rows"]
    if header.startswith("timestamp") and "count" in header:
        from eparticipation.data.petitions import load_petition_timeseries

        frame = load_petition_timeseries(path)
        return [f"OK: petition time series — {len(frame):,} rows, {int(frame['count'].iloc[-1]):,} signatures at the end"]
    raise CourseDataError(
        "this file is not one the course knows (a Pol.is comments.csv or votes.csv, consultation participants.csv or "
        "submissions.csv, the E-Government panel, the context facts or the petition time series).",
        file=path,
        row=1,
        fix="Check you chose the right file; the first row must hold the column names.",
    )


def _summarise_polis_file(path: Path, kind: str) -> list[str]:
    from eparticipation.data.polis import read_comments_file, read_votes_file

    if kind == "votes":
        frame = read_votes_file(path)
        return [f"OK: Pol.is votes — {len(frame):,} vote events from {frame['voter-id'].nunique():,} voters",
                "  (check the whole folder to also test that every vote's statement exists)"]
    return [f"OK: Pol.is comments — {len(read_comments_file(path)):,} statements"]
