"""Pure functions on the international case table (`eparticipation.data.cases`)."""

from __future__ import annotations

import pandas as pd

from eparticipation.data.cases import EPI_LEVELS, OUTCOMES, POLICY_STAGES, SCALES, source_key_list

FILTERS = {"epi_level": EPI_LEVELS, "policy_stage": POLICY_STAGES, "scale": SCALES, "outcome": OUTCOMES}
TABLE_COLUMNS = {
    "name": "Case", "country": "Country", "year_start": "Start", "epi_level": "EPI level",
    "policy_stage": "Policy stage", "scale": "Scale", "outcome": "Outcome",
}


def filter_cases(cases: pd.DataFrame, *, epi_level: str | None = None, policy_stage: str | None = None,
                 scale: str | None = None, outcome: str | None = None) -> pd.DataFrame:
    """The cases matching every given value (None = any), in file order.

    An unknown value is an error (a typo would otherwise silently match nothing).
    """
    chosen = {"epi_level": epi_level, "policy_stage": policy_stage, "scale": scale, "outcome": outcome}
    mask = pd.Series(True, index=cases.index)
    for column, value in chosen.items():
        if value is None:
            continue
        if value not in FILTERS[column]:
            raise ValueError(f"{column} must be one of {', '.join(FILTERS[column])} (got {value!r})")
        mask &= cases[column] == value
    return cases[mask]


def cases_table(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases as a readable table: one row per case, plain column names, start year as text."""
    table = cases[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).copy()
    table["Start"] = [("not recorded" if pd.isna(y) else str(int(y))) for y in cases["year_start"]]
    return table.set_index("Case")


def count_by(cases: pd.DataFrame, row: str = "epi_level", column: str = "outcome") -> pd.DataFrame:
    """How many cases fall in each (row value, column value), with every category shown, in order."""
    table = pd.crosstab(cases[row], cases[column])
    return table.reindex(index=list(FILTERS[row]), columns=list(FILTERS[column]), fill_value=0).astype(int)


# Cases whose online conversation is in the course's open data (data/consultations/<folder>).
POLIS_CONVERSATIONS = {"vtaiwan_uber": "vtaiwan.uberx"}


def polis_size(case_id: str) -> dict:
    """How many people voted on how many statements in a case's Pol.is conversation, counted from the
    course's copy of the open data (not typed from a report): voters are the distinct participants in
    `votes.csv`, statements the rows of `comments.csv`."""
    from eparticipation.data.polis import load_polis_export
    from eparticipation.paths import data_path

    if case_id not in POLIS_CONVERSATIONS:
        raise ValueError(f"no Pol.is conversation for {case_id!r}; known: {', '.join(POLIS_CONVERSATIONS)}")
    export = load_polis_export(data_path("consultations", POLIS_CONVERSATIONS[case_id]))
    return {"case_id": case_id, "conversation": export.name, "voters": int(export.votes["participant"].nunique()),
            "statements": int(len(export.comments)), "vote_events": int(export.n_vote_events)}


def case_sources(cases: pd.DataFrame) -> dict[str, list[str]]:
    """{case_id: [citation keys]}."""
    return {row.case_id: source_key_list(row.source_keys) for row in cases.itertuples()}
