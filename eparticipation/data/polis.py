"""Read a conversation in the Pol.is open-data format (`comments.csv`, `votes.csv`, optional
`participants-votes.csv` and `summary.csv`) into tidy, validated tables.

Current Pol.is exports name the same files with a date and conversation prefix
(`2025-08-29-0002-7btrabcujr-comments.csv`, `…-participant-votes.csv`); both namings are read.

`votes.csv` is the source of truth: when a participant changed a vote, the latest one wins. Some
older exports ship no `votes.csv`; then the final votes are read from `participants-votes.csv` (one
column per statement), whose vote times are not known.
Columns are renamed to snake_case (`comment-id` -> `comment_id`, `voter-id` -> `participant`,
`comment-body` -> `text`); values are never changed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, read_text, validate
from eparticipation.errors import CourseDataError

POLIS_ATTRIBUTION = (
    "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under "
    "CC BY 4.0 with Attribution to The Computational Democracy Project. The data and more information "
    "about how the data was collected can be found at the following link(s): {case_study_url}"
)
# Case-study pages of the shipped conversations (from data/PROVENANCE.md §2.1).
CASE_STUDY_URLS = {
    "vtaiwan.uberx": "https://compdemocracy.org/case-studies/2015-vtaiwan-uberx",
    "scoop-hivemind.affordable-housing": "https://compdemocracy.org/case-studies/2017-scoop-hivemind-affordable-housing",
    "london.youth.policing": "https://compdemocracy.org/case-studies/2022-london-youth-policing",
}
SHIPPED_CONVERSATIONS = tuple(CASE_STUDY_URLS)
MODERATED_OUT = -1  # 1 = accepted, 0 = not yet moderated, -1 = moderated out (still in the file)

_EXPORT_FIX = "Export the conversation again from Pol.is (Report → Export data) without editing it in a spreadsheet."

COMMENTS_SCHEMA = pa.DataFrameSchema(
    {
        "comment-id": pa.Column(int, pa.Check.ge(0, error="comment ids are whole numbers from 0"), unique=True, coerce=True),
        "moderated": pa.Column(int, pa.Check.isin([-1, 0, 1], error="moderated must be -1, 0 or 1"), coerce=True),
        "comment-body": pa.Column(str, nullable=True),
    },
    strict=False,
    name="Pol.is comments",
)
VOTES_SCHEMA = pa.DataFrameSchema(
    {
        # Older exports count milliseconds since 1970, current ones seconds; only the order is used.
        "timestamp": pa.Column(int, pa.Check.ge(0, error="timestamps count time since 1970 and cannot be negative"), coerce=True),
        "comment-id": pa.Column(int, pa.Check.ge(0, error="comment ids are whole numbers from 0"), coerce=True),
        "voter-id": pa.Column(int, pa.Check.ge(0, error="voter ids are whole numbers from 0"), coerce=True),
        "vote": pa.Column(int, pa.Check.isin([-1, 0, 1], error="vote must be 1 (agree), -1 (disagree) or 0 (pass)"), coerce=True),
    },
    strict=False,
    name="Pol.is votes",
)


@dataclass(frozen=True)
class PolisExport:
    """One Pol.is conversation. `votes` holds the latest vote per (participant, comment)."""

    name: str
    folder: Path
    comments: pd.DataFrame  # comment_id, author_id, agrees, disagrees, moderated, text, timestamp
    votes: pd.DataFrame  # participant, comment_id, vote, timestamp (latest per pair)
    n_vote_events: int  # rows in votes.csv, counting changed votes (final votes if read from participants-votes.csv)
    participants_votes: pd.DataFrame | None = None  # as shipped; only for comparison, never for grouping
    summary: dict[str, str] = field(default_factory=dict)
    votes_file: str = "votes.csv"  # or "participants-votes.csv" when the export has no votes.csv (vote times then 0)

    @property
    def attribution(self) -> str:
        url = CASE_STUDY_URLS.get(self.name) or self.summary.get("url", "(case study URL)")
        return POLIS_ATTRIBUTION.format(case_study_url=url)

    @property
    def topic(self) -> str:
        return self.summary.get("topic", self.name)

    @property
    def active_comment_ids(self) -> list[int]:
        """Comments that count in the math: everything not moderated out."""
        return self.comments.loc[self.comments["moderated"] != MODERATED_OUT, "comment_id"].tolist()


def load_polis_export(folder: str | Path) -> PolisExport:
    """A validated Pol.is conversation from its export folder, or a `CourseDataError` saying what to fix."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseDataError(
            "this is a zip archive, not a folder: unzip it first." if folder.suffix.lower() == ".zip" else "this is not a folder with a Pol.is export.",
            file=folder,
            fix="Give the folder that holds comments.csv and votes.csv (unzip the export first).",
        )
    files = polis_files(folder)
    comments = _load_comments(files["comments"] or folder / "comments.csv")
    participants_votes = _load_participants_votes(files["participants-votes"])
    if files["votes"] is None and participants_votes is not None:
        votes = _final_votes_from_participants_votes(participants_votes, files["participants-votes"], set(comments["comment_id"]))
        n_events, votes_file = len(votes), "participants-votes.csv"
    else:
        votes, n_events = _load_votes(files["votes"] or folder / "votes.csv", set(comments["comment_id"]))
        votes_file = "votes.csv"
    summary = _load_summary(files["summary"])
    return PolisExport(
        name=folder.name,
        folder=folder,
        comments=comments,
        votes=votes,
        n_vote_events=n_events,
        participants_votes=participants_votes,
        summary=summary,
        votes_file=votes_file,
    )


# The export's files by role, under each name Pol.is has used for them.
_FILE_NAMES = {
    "comments": ("comments.csv",),
    "votes": ("votes.csv",),
    "participants-votes": ("participants-votes.csv", "participant-votes.csv"),
    "summary": ("summary.csv",),
}


def polis_files(folder: Path) -> dict[str, Path | None]:
    """The export's files by role (None if absent): `comments.csv` or `<prefix>-comments.csv`, and so on.

    Raises `CourseDataError` if the folder holds two files for one role (two exports in one folder).
    """
    by_role: dict[str, list[str]] = {role: [] for role in _FILE_NAMES}
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        # The longest matching ending decides, so "…-participant-votes.csv" is not taken for votes.
        endings = [(len(e), role) for role, es in _FILE_NAMES.items() for e in es if name == e or name.endswith("-" + e)]
        if endings:
            by_role[max(endings)[1]].append(name)
    found: dict[str, Path | None] = {}
    for role, matches in by_role.items():
        if len(matches) > 1:
            raise CourseDataError(
                f"this folder holds more than one {_FILE_NAMES[role][0]}: {', '.join(matches)}.",
                file=folder,
                fix="Keep one Pol.is export per folder.",
            )
        found[role] = folder / matches[0] if matches else None
    return found


def read_comments_file(path: Path) -> pd.DataFrame:
    """comments.csv as published (Pol.is column names), validated."""
    frame = read_csv_table(path, what="Pol.is comments", required=["comment-id", "moderated", "comment-body"])
    return validate(frame, COMMENTS_SCHEMA, path=path, what="Pol.is comments", fix=_EXPORT_FIX)


def read_votes_file(path: Path) -> pd.DataFrame:
    """votes.csv as published (every vote event, Pol.is column names), validated."""
    frame = read_csv_table(path, what="Pol.is votes", required=["timestamp", "comment-id", "voter-id", "vote"])
    return validate(frame, VOTES_SCHEMA, path=path, what="Pol.is votes", fix=_EXPORT_FIX)


def _optional_int(frame: pd.DataFrame, column: str):
    """An optional numeric column as nullable integers (absent in some exports)."""
    return pd.to_numeric(frame[column], errors="coerce").astype("Int64") if column in frame else pd.NA


def _load_comments(path: Path) -> pd.DataFrame:
    frame = read_comments_file(path)
    tidy = pd.DataFrame(
        {
            "comment_id": frame["comment-id"].astype("int64"),
            "author_id": _optional_int(frame, "author-id"),
            "agrees": _optional_int(frame, "agrees"),
            "disagrees": _optional_int(frame, "disagrees"),
            "moderated": frame["moderated"].astype("int64"),
            "text": frame["comment-body"].fillna("").astype(str),
            "timestamp": _optional_int(frame, "timestamp"),
        }
    )
    return tidy.sort_values("comment_id").reset_index(drop=True)


def _load_votes(path: Path, comment_ids: set[int]) -> tuple[pd.DataFrame, int]:
    frame = read_votes_file(path)
    unknown = ~frame["comment-id"].isin(comment_ids)
    if unknown.any():
        position = int(unknown.to_numpy().argmax())
        raise CourseDataError(
            f"a vote refers to comment {int(frame['comment-id'].iloc[position])}, which is not in comments.csv.",
            file=path,
            row=position + 2,
            column="comment-id",
            fix="comments.csv and votes.csv must come from the same export; export both again.",
        )
    votes = frame.rename(columns={"comment-id": "comment_id", "voter-id": "participant"})[["participant", "comment_id", "vote", "timestamp"]]
    # Latest vote wins when a participant changed their mind; stable sort keeps file order on ties.
    latest = votes.sort_values("timestamp", kind="stable").drop_duplicates(["participant", "comment_id"], keep="last")
    latest = latest.sort_values(["participant", "comment_id"]).reset_index(drop=True)
    return latest.astype({"participant": "int64", "comment_id": "int64", "vote": "int8", "timestamp": "int64"}), len(frame)


def _load_participants_votes(path: Path | None) -> pd.DataFrame | None:
    if path is None:
        return None
    frame = read_csv_table(path, what="Pol.is participants-votes", required=["participant", "group-id"])
    numeric = frame.apply(pd.to_numeric, errors="coerce")
    bad = frame.notna() & numeric.isna()
    bad = bad.drop(columns=[c for c in ["xid"] if c in bad.columns])
    if bad.to_numpy().any():
        row, col = (int(i) for i in divmod(int(bad.to_numpy().argmax()), bad.shape[1]))
        raise CourseDataError(
            f"the value {frame[bad.columns[col]].iloc[row]!r} is not a number.",
            file=path,
            row=row + 2,
            column=str(bad.columns[col]),
            fix=_EXPORT_FIX,
        )
    if "xid" in frame:
        numeric["xid"] = frame["xid"]
    return numeric.rename(columns={"group-id": "group_id"})


def _final_votes_from_participants_votes(table: pd.DataFrame, path: Path, comment_ids: set[int]) -> pd.DataFrame:
    """The votes table from participants-votes.csv's statement columns (one row per filled cell).

    Only the statement columns are read (never `group-id`); the file holds no vote times, so they are 0.
    """
    statements = [c for c in table.columns if str(c).isdigit()]
    unknown = [c for c in statements if int(c) not in comment_ids]
    if unknown:
        raise CourseDataError(
            f"participants-votes.csv has a column for statement {unknown[0]}, which is not in comments.csv.",
            file=path,
            column=str(unknown[0]),
            fix="comments.csv and participants-votes.csv must come from the same export; export both again.",
        )
    cells = table.set_index("participant")[statements].rename_axis(columns="comment_id").stack().dropna().rename("vote").reset_index()
    bad = ~cells["vote"].isin([-1, 0, 1])
    if bad.any():
        first = cells[bad].iloc[0]
        raise CourseDataError(
            f"participant {int(first['participant'])} has the vote {first['vote']:g} on statement {first['comment_id']}; "
            "a vote must be 1 (agree), -1 (disagree) or 0 (pass).",
            file=path,
            column=str(first["comment_id"]),
            fix=_EXPORT_FIX,
        )
    cells["comment_id"] = cells["comment_id"].astype(int)
    cells["timestamp"] = 0
    votes = cells.sort_values(["participant", "comment_id"]).reset_index(drop=True)
    return votes[["participant", "comment_id", "vote", "timestamp"]].astype(
        {"participant": "int64", "comment_id": "int64", "vote": "int8", "timestamp": "int64"}
    )


def _load_summary(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    text = read_text(path, what="Pol.is summary")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise CourseDataError(f"the summary file cannot be read ({error}).", file=path, fix=_EXPORT_FIX) from None
    return {row[0].strip(): row[1] for row in rows if len(row) >= 2}
