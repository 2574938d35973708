"""Questions about the UN E-Government Survey panel: one country over time, and against peers."""

from __future__ import annotations

import pandas as pd

from eparticipation.errors import CourseDataError


def country_rows(panel: pd.DataFrame, country_code: str) -> pd.DataFrame:
    """One country's rows in edition order. Refuses an unknown code with the codes that exist."""
    rows = panel[panel["country_code"] == country_code].sort_values("year")
    if rows.empty:
        known = ", ".join(sorted(panel["country_code"].unique())[:8])
        raise CourseDataError(
            f"no country with code {country_code!r} in the survey panel",
            column="country_code",
            fix=f"use an ISO 3166-1 alpha-3 code as in the data, e.g. AZE for Azerbaijan ({known}, …)",
        )
    return rows.reset_index(drop=True)


def country_profile(panel: pd.DataFrame, country_code: str) -> pd.DataFrame:
    """A country's EGDI, EPI, EGDI rank and computed EPI rank per edition, indexed by year."""
    rows = country_rows(panel, country_code)
    table = rows.set_index("year")[["egdi", "egdi_rank", "epi", "epi_rank_computed"]]
    table.columns = ["EGDI", "EGDI rank", "EPI", "EPI rank (computed by the course)"]
    table.index.name = "Survey edition"
    return table


def largest_change(panel: pd.DataFrame, country_code: str, index: str) -> dict:
    """The biggest rise and biggest fall of `index` between consecutive editions."""
    rows = country_rows(panel, country_code)
    change = rows[index].diff()
    rise, fall = change.idxmax(), change.idxmin()
    return {
        "rise": (int(rows.loc[rise - 1, "year"]), int(rows.loc[rise, "year"]), round(float(change[rise]), 3)),
        "fall": (int(rows.loc[fall - 1, "year"]), int(rows.loc[fall, "year"]), round(float(change[fall]), 3)),
    }


def falls(panel: pd.DataFrame, country_code: str, index: str) -> pd.DataFrame:
    """Every pair of consecutive editions in which `index` fell: from, to, the two values and the change.

    A line can rise overall and still dip: this lists the dips instead of calling the rise "steady".
    """
    rows = country_rows(panel, country_code).reset_index(drop=True)
    change = rows[index].diff()
    down = change[change < 0].index
    return pd.DataFrame({
        "from": [int(rows.loc[i - 1, "year"]) for i in down],
        "to": [int(rows.loc[i, "year"]) for i in down],
        "before": [round(float(rows.loc[i - 1, index]), 3) for i in down],
        "after": [round(float(rows.loc[i, index]), 3) for i in down],
        "change": [round(float(change[i]), 3) for i in down],
    })


def peer_series(panel: pd.DataFrame, country_codes: list[str], index: str, since: int = 2008) -> pd.DataFrame:
    """country, year and one index for several countries, from edition `since` on."""
    for code in country_codes:
        country_rows(panel, code)  # refuses unknown codes clearly
    rows = panel[panel["country_code"].isin(country_codes) & (panel["year"] >= since)]
    order = {code: i for i, code in enumerate(country_codes)}
    rows = rows.assign(_order=rows["country_code"].map(order)).sort_values(["_order", "year"])
    return rows[["country_code", "country", "year", index]].reset_index(drop=True)
