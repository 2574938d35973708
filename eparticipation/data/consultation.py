"""Reading and writing the SYNTHETIC sample consultation (participants, submissions, text bank).

A consultation folder holds `participants.csv`, `submissions.csv`, `text_bank.csv`,
`assumptions.csv` and `datapackage.json`. Every row says `data_label = SYNTHETIC`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, validate
from eparticipation.data.context import REGION_NAMES
from eparticipation.data.export import write_csv
from eparticipation.data.generator import (
    AGE_BANDS,
    CHANNELS,
    GENDERS,
    LANGUAGES,
    MODERATION,
    RESPONSE,
    SETTLEMENTS,
    SUBMISSION_TYPES,
    SYNTHETIC_LABEL,
    TITLE,
    TOPICS,
    assumptions_table,
    load_text_bank,
)
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

SAMPLE_FOLDER = ("sample-consultation",)
SAMPLE_SEED = 2030
SAMPLE_SUBMISSIONS = 15_000
_FIX = "Generate the files again with: python -m eparticipation generate --n 15000 --seed 2030 --out DIR"


def _one_of(values, what: str) -> pa.Check:
    return pa.Check.isin(list(values), error=f"{what} must be one of: {', '.join(values)}")


_label = pa.Column(str, pa.Check.eq(SYNTHETIC_LABEL, error="every row must be labelled SYNTHETIC"))
PARTICIPANTS_SCHEMA = pa.DataFrameSchema(
    {
        "participant_id": pa.Column(int, pa.Check.ge(1), unique=True, coerce=True),
        "region": pa.Column(str, _one_of(REGION_NAMES, "region")),
        "age_band": pa.Column(str, _one_of(AGE_BANDS, "age_band")),
        "gender": pa.Column(str, _one_of(GENDERS, "gender")),
        "settlement": pa.Column(str, _one_of(SETTLEMENTS, "settlement")),
        "preferred_language": pa.Column(str, _one_of(LANGUAGES, "preferred_language")),
        "channel": pa.Column(str, _one_of(CHANNELS, "channel")),
        "data_label": _label,
    },
    strict=False,
    name="consultation participants",
)
SUBMISSIONS_SCHEMA = pa.DataFrameSchema(
    {
        "submission_id": pa.Column(int, pa.Check.ge(1), unique=True, coerce=True),
        "participant_id": pa.Column(int, pa.Check.ge(1), coerce=True),
        "submitted_at": pa.Column("datetime64[ns]", coerce=True),
        "channel": pa.Column(str, _one_of(CHANNELS, "channel")),
        "topic": pa.Column(str, _one_of(TOPICS, "topic")),
        "submission_type": pa.Column(str, _one_of(SUBMISSION_TYPES, "submission_type")),
        "stance": pa.Column(str, _one_of(("support", "concern", "mixed", "neutral"), "stance")),
        "language": pa.Column(str, _one_of(("az", "en"), "language")),
        "text_id": pa.Column(str, pa.Check.str_matches(r"^T\d{3}$", error="a text id like T001")),
        "support_votes": pa.Column(int, pa.Check.ge(0, error="support votes are never negative"), coerce=True),
        "moderation_status": pa.Column(str, _one_of(MODERATION, "moderation_status")),
        "response_status": pa.Column(str, _one_of(RESPONSE, "response_status")),
        "response_date": pa.Column("datetime64[ns]", nullable=True, coerce=True),
        "data_label": _label,
    },
    strict=False,
    name="consultation submissions",
)
CATEGORIES = {
    "region": REGION_NAMES, "age_band": AGE_BANDS, "gender": GENDERS, "settlement": SETTLEMENTS,
    "preferred_language": LANGUAGES, "channel": CHANNELS, "topic": TOPICS, "submission_type": SUBMISSION_TYPES,
    "stance": ("support", "concern", "mixed", "neutral"), "language": ("az", "en"), "moderation_status": MODERATION,
    "response_status": RESPONSE,
}


@dataclass(frozen=True)
class Consultation:
    """The SYNTHETIC consultation: `submissions` has the text joined in from the text bank."""

    participants: pd.DataFrame
    submissions: pd.DataFrame
    text_bank: pd.DataFrame
    assumptions: pd.DataFrame
    title: str = TITLE

    def submissions_with_participants(self) -> pd.DataFrame:
        """Submissions with the submitter's region, age band, gender, settlement and language joined in."""
        return self.submissions.merge(
            self.participants.drop(columns=["channel", "data_label"]), on="participant_id", how="left", validate="many_to_one"
        )


def _categorise(frame: pd.DataFrame) -> pd.DataFrame:
    for column, categories in CATEGORIES.items():
        if column in frame:
            frame[column] = pd.Categorical(frame[column], categories=list(categories), ordered=column == "age_band")
    return frame


def load_participants(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    frame = read_csv_table(path, what="consultation participants", required=list(PARTICIPANTS_SCHEMA.columns))
    frame = validate(frame, PARTICIPANTS_SCHEMA, path=path, what="consultation participants", fix=_FIX)
    return _categorise(frame)


def load_submissions(path: str | Path, participant_ids: pd.Series | None = None) -> pd.DataFrame:
    path = Path(path)
    frame = read_csv_table(path, what="consultation submissions", required=list(SUBMISSIONS_SCHEMA.columns))
    frame = validate(frame, SUBMISSIONS_SCHEMA, path=path, what="consultation submissions", fix=_FIX)
    if participant_ids is not None:
        unknown = ~frame["participant_id"].isin(participant_ids)
        if unknown.any():
            position = int(unknown.to_numpy().argmax())
            raise CourseDataError(
                f"participant {int(frame['participant_id'].iloc[position])} is not in participants.csv.",
                file=path, row=position + 2, column="participant_id", fix=_FIX,
            )
    return _categorise(frame)


def load_consultation(folder: str | Path) -> Consultation:
    """A validated consultation folder (participants, submissions with text, text bank, assumptions)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseDataError("this is not a consultation folder.", file=folder, fix="Give the folder that holds participants.csv and submissions.csv.")
    participants = load_participants(folder / "participants.csv")
    submissions = load_submissions(folder / "submissions.csv", participants["participant_id"])
    bank_path = folder / "text_bank.csv"
    bank = read_csv_table(bank_path, what="text bank", required=["text_id", "language", "topic", "stance", "text"])
    unknown = ~submissions["text_id"].isin(bank["text_id"])
    if unknown.any():
        position = int(unknown.to_numpy().argmax())
        raise CourseDataError(
            f"text {submissions['text_id'].iloc[position]} is not in text_bank.csv.",
            file=folder / "submissions.csv", row=position + 2, column="text_id", fix=_FIX,
        )
    submissions["text"] = submissions["text_id"].map(bank.set_index("text_id")["text"])
    assumptions_path = folder / "assumptions.csv"
    assumptions = (
        read_csv_table(assumptions_path, what="assumptions", required=["parameter", "status", "value", "reasoning"])
        if assumptions_path.exists() else assumptions_table()
    )
    for frame in (participants, submissions):
        frame.attrs.update(title=TITLE, synthetic=True)
    return Consultation(participants=participants, submissions=submissions, text_bank=bank, assumptions=assumptions)


def load_sample_consultation() -> Consultation:
    """The committed SYNTHETIC workshop sample (≈5,000 participants, 15,000 submissions, seed 2030)."""
    return load_consultation(data_path(*SAMPLE_FOLDER))


def write_consultation(participants: pd.DataFrame, submissions: pd.DataFrame, out: str | Path) -> Path:
    """Write a consultation folder: the two tables, the text bank, the assumptions and a datapackage.json."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(participants, out / "participants.csv")
    stamped = submissions.assign(
        submitted_at=submissions["submitted_at"].dt.strftime("%Y-%m-%dT%H:%M:%S"),
        response_date=submissions["response_date"].dt.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    write_csv(stamped, out / "submissions.csv")
    write_csv(load_text_bank(), out / "text_bank.csv")
    write_csv(assumptions_table(), out / "assumptions.csv")
    from eparticipation.data.descriptors import consultation_package

    package = consultation_package(
        seed=participants.attrs.get("seed"), n_submissions=len(submissions), n_participants=len(participants)
    )
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


# Groups an outreach plan can target, each with its population benchmark. Rural residents come from
# the fact table (SOURCED); women and people aged 55+ from the generator's ASSUMED adult structure,
# because the stored sources hold no SSC table by sex or age (data/assumptions.csv).
OUTREACH_GROUPS = {
    "rural": ("settlement", ("rural",)),
    "women": ("gender", ("female",)),
    "older": ("age_band", ("55-64", "65+")),
}


def group_benchmarks(reference_date: str = "2024-01-01") -> pd.DataFrame:
    """One row per outreach group: the column and categories that define it, its population share
    (fraction), whether that share is SOURCED or ASSUMED, and where it comes from."""
    from eparticipation.data.context import national_figure
    from eparticipation.data.generator import ASSUMPTIONS

    value = {a.parameter: a.value for a in ASSUMPTIONS}
    older = sum(value["age_band_share_adult_population"][band] for band in OUTREACH_GROUPS["older"][1])
    shares = {
        "rural": (national_figure("rural_population_share", reference_date) / 100, "SOURCED",
                  f"State Statistical Committee, rural share of the population on {reference_date} (fact table)"),
        "women": (1 - value["male_share_adult_population"], "ASSUMED", "data/assumptions.csv: male_share_adult_population"),
        "older": (older, "ASSUMED", "data/assumptions.csv: age_band_share_adult_population (55-64 and 65+)"),
    }
    rows = [{"group": group, "column": column, "members": members, "population_share": round(shares[group][0], 4),
             "status": shares[group][1], "source": shares[group][2]}
            for group, (column, members) in OUTREACH_GROUPS.items()]
    return pd.DataFrame(rows)


def adult_age_shares() -> pd.Series:
    """The ASSUMED age structure of the adult population (data/assumptions.csv), indexed by age band."""
    from eparticipation.data.generator import ASSUMPTIONS

    shares = {a.parameter: a.value for a in ASSUMPTIONS}["age_band_share_adult_population"]
    return pd.Series(shares, name="population_share").rename_axis("age_band")


def settlement_population_shares(reference_date: str = "2024-01-01") -> pd.Series:
    """Urban and rural shares of the population (fractions; SOURCED: the fact table, SSC figures)."""
    from eparticipation.data.context import national_figure

    rural = national_figure("rural_population_share", reference_date) / 100
    return pd.Series({"urban": 1 - rural, "rural": rural}, name="population_share").rename_axis("settlement")
