"""`check`: recognise a course dataset or a Pol.is export, load it with its loader, summarise it.

`summarise` returns a few lines saying what the path holds, or raises `CourseDataError` naming the
first problem (file, row, column, fix): the validation is the loaders' own.
"""

from __future__ import annotations

from pathlib import Path

from eparticipation.errors import CourseDataError


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
