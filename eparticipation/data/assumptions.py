"""The course's modelled parameters: `data/assumptions.csv`, one parameter per row, ASSUMED or SOURCED.

The first rows are the SYNTHETIC consultation generator's (written from `generator.ASSUMPTIONS`; the
same rows as `sample-consultation/assumptions.csv`). The rows after them belong to exercises that model
something no source gives, such as Session 6's channel-mix reach model. Each row says what it is used
for and why it has its value; a facilitator may change a value (for example, a real cost per contact)
and every notebook and exercise that reads it follows.

Values are JSON where they are numbers, lists or objects, and plain text otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from eparticipation.data._tables import read_csv_table
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

ASSUMPTION_COLUMNS = ["parameter", "status", "value", "used_for", "reasoning"]
STATUSES = ("ASSUMED", "SOURCED")
RESTORE = "Restore data/assumptions.csv from the course repository."


def load_assumptions(path: str | Path | None = None) -> pd.DataFrame:
    """The whole parameter table, indexed by parameter name (text columns, values not yet parsed)."""
    path = Path(path) if path is not None else data_path("assumptions.csv")
    table = read_csv_table(path, what="assumptions", required=ASSUMPTION_COLUMNS)[ASSUMPTION_COLUMNS]
    bad = table[~table["status"].isin(STATUSES)]
    if not bad.empty:
        raise CourseDataError(f"parameter {bad['parameter'].iloc[0]!r} has status {bad['status'].iloc[0]!r}; "
                              f"expected {' or '.join(STATUSES)}.", file=path, row=int(bad.index[0]) + 2,
                              column="status", fix=RESTORE)
    duplicated = table[table["parameter"].duplicated()]
    if not duplicated.empty:
        raise CourseDataError(f"parameter {duplicated['parameter'].iloc[0]!r} is listed twice.", file=path,
                              row=int(duplicated.index[0]) + 2, column="parameter", fix=RESTORE)
    return table.set_index("parameter")


def assumption_value(parameter: str, table: pd.DataFrame | None = None):
    """One parameter's value, parsed from JSON (numbers, lists, objects); text values come back as text."""
    table = load_assumptions() if table is None else table
    if parameter not in table.index:
        raise CourseDataError(f"data/assumptions.csv has no parameter {parameter!r}.", column="parameter", fix=RESTORE)
    raw = table.loc[parameter, "value"]
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        if str(raw)[:1] in "[{":  # meant to be JSON but broken: say so rather than return text
            raise CourseDataError(f"the value of {parameter!r} is not valid JSON.", column="value", fix=RESTORE) from None
        return raw
