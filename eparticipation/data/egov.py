"""The UN E-Government Survey panel, 2003–2024: EGDI, EPI and its components for 193 countries.

Real data, kept exactly as published (see data/egov/PROVENANCE.md). Two caveats travel with it:
`epi_rank_computed` is our rank of `epi` within each edition, not a UN rank; and no open licence
was found, so public redistribution needs UN DESA's permission. The loader shows one country label
as readers know it (`DISPLAY_NAMES`: the Data Center's "Georgia (Country)", which tells the country
from the US state, becomes "Georgia"); the file itself is not changed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, validate
from eparticipation.paths import data_path

EGOV_ATTRIBUTION = "Source: UN DESA, United Nations E-Government Survey (2003–2024), UN E-Government Knowledgebase"
EGOV_RANK_CAVEAT = "epi_rank_computed is computed by the course team (rank of EPI within each edition), not an official UN rank."
EGOV_LICENCE_NOTE = "No open licence: public redistribution of these data needs UN DESA's permission."
EGOV_FILE = ("egov", "un_egov_survey_2003_2024_tidy.csv")
SURVEY_YEARS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
INDEX_COLUMNS = ("egdi", "epi", "osi", "hci", "tii")
DISPLAY_NAMES = {"Georgia (Country)": "Georgia"}  # Data Center label -> the name shown in tables and charts
EGOV_COLUMNS = ["country_code", "country", "region", "sub_region", "year", *INDEX_COLUMNS, "egdi_rank", "epi_rank_computed"]

_index = pa.Check.in_range(0.0, 1.0, error="index must lie between 0 and 1")
EGOV_SCHEMA = pa.DataFrameSchema(
    {
        "country_code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$", error="ISO 3166-1 alpha-3 code, e.g. AZE")),
        "country": pa.Column(str, pa.Check.str_length(min_value=2)),
        "region": pa.Column(str),
        "sub_region": pa.Column(str),
        "year": pa.Column(int, pa.Check.isin(SURVEY_YEARS, error="a survey edition year"), coerce=True),
        "egdi": pa.Column(float, _index, coerce=True),
        "epi": pa.Column(float, _index, coerce=True),
        "osi": pa.Column(float, _index, coerce=True),
        # HCI is published above 1 for two countries in 2003 (FSM 1.422, TUV); kept as published.
        "hci": pa.Column(float, pa.Check.in_range(0.0, 1.5, error="HCI between 0 and 1.5"), coerce=True),
        "tii": pa.Column(float, _index, coerce=True),
        "egdi_rank": pa.Column(int, pa.Check.in_range(1, 193), coerce=True),
        "epi_rank_computed": pa.Column(int, pa.Check.in_range(1, 193), coerce=True),
    },
    unique=["country_code", "year"],
    strict=False,
    ordered=False,
    name="UN E-Government Survey panel",
)


def load_egov_panel(path: str | Path | None = None) -> pd.DataFrame:
    """The validated UN E-Government Survey panel: one row per country and edition (2,308 rows).

    Columns: country_code, country, region, sub_region, year, egdi, epi, osi, hci, tii,
    egdi_rank, epi_rank_computed (ours, not the UN's). `frame.attrs` carries the attribution,
    the rank caveat and the licence note, so a chart built from it can show them.
    Raises `CourseDataError` naming file, row and column if the file is broken.
    """
    path = Path(path) if path is not None else data_path(*EGOV_FILE)
    frame = read_csv_table(path, what="E-Government Survey", required=EGOV_COLUMNS)
    frame = validate(
        frame[EGOV_COLUMNS],
        EGOV_SCHEMA,
        path=path,
        what="E-Government Survey",
        fix="Restore data/egov/un_egov_survey_2003_2024_tidy.csv from the course repository; the values are the UN's as published.",
    )
    frame["country"] = frame["country"].replace(DISPLAY_NAMES)
    frame = frame.sort_values(["year", "egdi_rank", "country_code"], kind="stable").reset_index(drop=True)
    frame.attrs.update(attribution=EGOV_ATTRIBUTION, caveat=EGOV_RANK_CAVEAT, licence=EGOV_LICENCE_NOTE, synthetic=False)
    return frame
