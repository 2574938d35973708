"""Signature count over time of UK Parliament e-petition 700143 (Nov–Dec 2024), polled about once a minute."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, validate
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

PETITION_FILE = ("consultations", "uk-parliament-petition-700143-signature-timeseries", "petition_counts.csv")
PETITION_URL = "https://petition.parliament.uk/petitions/700143"
PETITION_ATTRIBUTION = (
    "Contains Parliamentary information licensed under the Open Government Licence v3.0; "
    "time series collected by viewyonder/uk_general_election_petition_tracker"
)
PETITION_SCHEMA = pa.DataFrameSchema(
    {
        "timestamp": pa.Column("datetime64[ns]", coerce=True),
        "count": pa.Column(int, pa.Check.ge(0, error="a signature count is never negative"), coerce=True),
    },
    strict=False,
    name="petition time series",
)


def load_petition_timeseries(path: str | Path | None = None) -> pd.DataFrame:
    """Columns `timestamp` (time zone not stated by the source) and `count` (cumulative signatures).

    Kept as collected, including six polling gaps longer than 6 hours (the longest about 9.6 and 7.2 days); the rows are checked to be in time order.
    """
    path = Path(path) if path is not None else data_path(*PETITION_FILE)
    fix = "Restore the petition_counts.csv file from the course repository."
    frame = read_csv_table(path, what="petition time series", required=["timestamp", "count"])
    frame = validate(frame[["timestamp", "count"]], PETITION_SCHEMA, path=path, what="petition time series", fix=fix)
    out_of_order = frame["timestamp"].diff() < pd.Timedelta(0)
    if out_of_order.any():
        row = int(out_of_order.to_numpy().argmax()) + 2
        raise CourseDataError("the timestamps are not in time order.", file=path, row=row, column="timestamp", fix=fix)
    frame.attrs.update(attribution=PETITION_ATTRIBUTION, source_url=PETITION_URL, synthetic=False)
    return frame.reset_index(drop=True)
