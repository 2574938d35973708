"""Azerbaijan context facts (one sourced figure per row) and the 14 economic regions (Decree 1386, 2021)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, read_text, validate
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

CONTEXT_FILE = ("azerbaijan", "azerbaijan_context_facts.csv")
REGIONS_FILE = ("geo", "azerbaijan_economic_regions_2021.geojson")
GEO_ATTRIBUTION = "Boundaries: Natural Earth (public domain); economic regions per Presidential Decree No. 1386 of 7 July 2021."
CONTEXT_ATTRIBUTION = "Azerbaijan facts compiled by the course team; each row names its source (State Statistical Committee via news reports, World Bank WDI, Our World in Data)."

# (code, English name as in the data files, Azerbaijani name as in the decree) — the GeoJSON's order.
ECONOMIC_REGIONS = (
    ("ER01", "Baku", "Bakı"),
    ("ER02", "Nakhchivan", "Naxçıvan"),
    ("ER03", "Absheron-Khizi", "Abşeron–Xızı"),
    ("ER04", "Mountainous Shirvan", "Dağlıq Şirvan"),
    ("ER05", "Ganja-Dashkasan", "Gəncə–Daşkəsən"),
    ("ER06", "Karabakh", "Qarabağ"),
    ("ER07", "Gazakh-Tovuz", "Qazax–Tovuz"),
    ("ER08", "Guba-Khachmaz", "Quba–Xaçmaz"),
    ("ER09", "Lankaran-Astara", "Lənkəran–Astara"),
    ("ER10", "Central Aran", "Mərkəzi Aran"),
    ("ER11", "Mil-Mugan", "Mil–Muğan"),
    ("ER12", "Sheki-Zagatala", "Şəki–Zaqatala"),
    ("ER13", "East Zangezur", "Şərqi Zəngəzur"),
    ("ER14", "Shirvan-Salyan", "Şirvan–Salyan"),
)
REGION_NAMES = tuple(name for _, name, _ in ECONOMIC_REGIONS)
REGION_NAMES_AZ = {name: az for _, name, az in ECONOMIC_REGIONS}

CONTEXT_COLUMNS = [
    "indicator", "geography", "geography_level", "reference_date", "value", "unit",
    "source_publisher", "source_title", "source_location", "original_data_producer", "notes",
]
CONTEXT_SCHEMA = pa.DataFrameSchema(
    {
        "indicator": pa.Column(str),
        "geography": pa.Column(str),
        "geography_level": pa.Column(str, pa.Check.isin(["country", "economic_region_2021", "economic_region_pre2021"])),
        "reference_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}-\d{2})?$", error="a date like 2024-01-01 or a year")),
        "value": pa.Column(float, pa.Check.ge(0), coerce=True),
        "unit": pa.Column(str),
        "source_publisher": pa.Column(str),
        "source_location": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    },
    unique=["indicator", "geography", "geography_level", "reference_date", "source_publisher"],  # one fact may have two sources
    strict=False,
    name="Azerbaijan context facts",
)


def load_context_facts(path: str | Path | None = None) -> pd.DataFrame:
    """The Azerbaijan fact table: one figure per row, each with its own source (see `source_*` columns)."""
    path = Path(path) if path is not None else data_path(*CONTEXT_FILE)
    frame = read_csv_table(path, what="Azerbaijan context facts", required=CONTEXT_COLUMNS)
    frame = validate(
        frame[CONTEXT_COLUMNS], CONTEXT_SCHEMA, path=path, what="Azerbaijan context facts",
        fix="Restore data/azerbaijan/azerbaijan_context_facts.csv from the course repository.",
    )
    frame.attrs.update(attribution=CONTEXT_ATTRIBUTION, synthetic=False)
    return frame


def region_population_shares(reference_date: str = "2024-01-01", facts: pd.DataFrame | None = None) -> pd.Series:
    """Population share (fraction, sums to 1) of each of the 14 economic regions, indexed by English name."""
    facts = load_context_facts() if facts is None else facts
    rows = facts[
        (facts["indicator"] == "population_share")
        & (facts["geography_level"] == "economic_region_2021")
        & (facts["reference_date"] == reference_date)
    ]
    shares = rows.set_index("geography")["value"].reindex(list(REGION_NAMES))
    if shares.isna().any():
        missing = ", ".join(shares[shares.isna()].index)
        raise CourseDataError(
            f"no population share for {missing} on {reference_date}.",
            file=data_path(*CONTEXT_FILE),
            column="value",
            fix="Use a reference date the fact table has (2024-01-01 or 2025-07-01).",
        )
    shares = shares / shares.sum()  # published shares are rounded to 0.1 %; normalise so weights sum to 1
    shares.name = "population_share"
    return shares


def load_economic_regions_geojson(path: str | Path | None = None) -> dict:
    """The 14 economic regions as a GeoJSON dict, ready for `plotly` choropleths.

    Use `featureidkey="properties.economic_region_2021"` to join on the English region name.
    Rings are clockwise, as plotly (d3-geo) expects.
    """
    path = Path(path) if path is not None else data_path(*REGIONS_FILE)
    try:
        geo = json.loads(read_text(path, what="economic regions GeoJSON"))
    except json.JSONDecodeError as error:
        raise CourseDataError(
            f"the GeoJSON is not valid JSON ({error.msg}).", file=path, row=error.lineno,
            fix="Restore data/geo/azerbaijan_economic_regions_2021.geojson from the course repository.",
        ) from None
    features = geo.get("features") if isinstance(geo, dict) else None
    if geo.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise CourseDataError("the file is not a GeoJSON FeatureCollection.", file=path, fix="Restore the file.")
    names = [f.get("properties", {}).get("economic_region_2021") for f in features]
    if sorted(n for n in names if n) != sorted(REGION_NAMES):
        raise CourseDataError(
            f"expected the 14 economic regions, found {len(features)} features.",
            file=path, column="economic_region_2021", fix="Restore the file from the course repository.",
        )
    return geo


def national_figure(indicator: str, reference_date: str = "2024-01-01", facts: pd.DataFrame | None = None) -> float:
    """One country-level figure of the fact table (e.g. "population", "rural_population_share")."""
    facts = load_context_facts() if facts is None else facts
    rows = facts[(facts["indicator"] == indicator) & (facts["geography_level"] == "country")
                 & (facts["reference_date"] == reference_date)]
    if rows.empty:
        raise CourseDataError(f"no {indicator} for Azerbaijan on {reference_date}.", file=data_path(*CONTEXT_FILE),
                              column="indicator", fix="Use a reference date the fact table has (2024-01-01 or 2025-07-01).")
    return float(rows["value"].iloc[0])  # two publishers may report the same figure; they agree (PROVENANCE §3)


def region_population_counts(reference_date: str = "2024-01-01", facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each region's published share (%) and the number of people it implies (share × national
    population on the same date, rounded to the thousand): the size of the group a share stands for.

    The shares are the State Statistical Committee's current figures, not a census count; see the
    caveats on Karabakh and East Zangezur in book/sessions/s05-national-plans.md.
    """
    facts = load_context_facts() if facts is None else facts
    shares = region_population_shares(reference_date, facts)
    total = national_figure("population", reference_date, facts)
    table = pd.DataFrame({"share_percent": (shares * 100).round(1), "implied_people": (shares * total).round(-3).astype(int)})
    table.index.name = "region"
    return table.reset_index()
