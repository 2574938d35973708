"""Session 1: where a country stands on the UN E-Participation Index, and how far the index can be read.

Pure functions on the survey panel (`eparticipation.data.load_egov_panel`). One country over time
and its peers come from `survey_trends`; this module adds the country's sub-region, the relation
between EPI and EGDI across countries, and the survey's caveats (how each edition's EPI is
distributed, how the change between two editions compares with everyone else's, and how coarse
the course's computed EPI rank is).
"""

from __future__ import annotations

import pandas as pd

from eparticipation.analysis.survey_trends import country_rows
from eparticipation.errors import CourseDataError

STATISTICS = ("median", "mean")


def _edition(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = panel[panel["year"] == year]
    if rows.empty:
        editions = ", ".join(str(y) for y in sorted(panel["year"].unique()))
        raise CourseDataError(f"there is no survey edition {year} in the panel", column="year",
                              fix=f"choose one of the editions: {editions}")
    return rows


def sub_region_of(panel: pd.DataFrame, country_code: str) -> str:
    """The UN-style sub-region of a country, as in the panel (Azerbaijan: Western Asia)."""
    return str(country_rows(panel, country_code)["sub_region"].iloc[-1])


def sub_region_series(panel: pd.DataFrame, sub_region: str, index: str, stat: str = "median") -> pd.DataFrame:
    """year, the sub-region's median (or mean) of `index` in each edition, and how many countries."""
    if stat not in STATISTICS:
        raise CourseDataError(f"unknown statistic {stat!r}", fix=f"use one of: {', '.join(STATISTICS)}")
    rows = panel[panel["sub_region"] == sub_region]
    if rows.empty:
        known = ", ".join(sorted(panel["sub_region"].unique()))
        raise CourseDataError(f"no sub-region {sub_region!r} in the panel", column="sub_region",
                              fix=f"use a sub-region as written in the data: {known}")
    grouped = rows.groupby("year")[index]
    out = pd.DataFrame({"year": sorted(rows["year"].unique())})
    out[index] = out["year"].map(grouped.median() if stat == "median" else grouped.mean()).round(4)
    out["countries"] = out["year"].map(grouped.count()).astype(int)
    return out


def country_vs_sub_region(panel: pd.DataFrame, country_code: str, indices=("egdi", "epi"),
                          stat: str = "median") -> pd.DataFrame:
    """One row per edition: the country's indices and its sub-region's median (or mean) of each.

    Columns: year, then `<index>` (the country) and `<index>_sub_region` for each index, then
    `countries` (how many countries the sub-region has in that edition, the country included).
    """
    rows = country_rows(panel, country_code)
    region = sub_region_of(panel, country_code)
    out = rows[["year"]].reset_index(drop=True)
    for index in indices:
        series = sub_region_series(panel, region, index, stat).set_index("year")
        out[index] = rows[index].round(4).to_numpy()
        out[f"{index}_sub_region"] = out["year"].map(series[index])
    out["countries"] = out["year"].map(series["countries"]).astype(int)
    out.attrs.update(country=str(rows["country"].iloc[0]), sub_region=region, stat=stat)
    return out


def gap_to_sub_region(comparison: pd.DataFrame, index: str) -> pd.DataFrame:
    """year and the country's distance from its sub-region (country minus sub-region), rounded."""
    return pd.DataFrame({"year": comparison["year"],
                         "gap": (comparison[index] - comparison[f"{index}_sub_region"]).round(4)})


def edition_frame(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every country of one edition: code, name, sub-region, EGDI and EPI (highest EGDI first)."""
    rows = _edition(panel, year)
    return rows[["country_code", "country", "sub_region", "egdi", "epi"]].sort_values(
        ["egdi", "country_code"], ascending=[False, True]).reset_index(drop=True)


def epi_egdi_relation(panel: pd.DataFrame, year: int, country_code: str | None = None) -> dict:
    """How closely EPI follows EGDI across countries in one edition.

    Returns countries, Pearson r and Spearman rho (3 decimals), the least-squares line
    EPI = slope × EGDI + intercept, and for `country_code` its EPI, the EPI the line expects for its
    EGDI, and the difference (actual minus expected).
    """
    rows = _edition(panel, year)
    x, y = rows["egdi"].astype(float), rows["epi"].astype(float)
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())
    intercept = float(y.mean() - slope * x.mean())
    result = {
        "year": int(year), "countries": int(len(rows)),
        "pearson_r": round(float(x.corr(y)), 3),
        "spearman_rho": round(float(x.rank().corr(y.rank())), 3),
        "slope": round(slope, 3), "intercept": round(intercept, 3),
    }
    if country_code is not None:
        row = rows[rows["country_code"] == country_code]
        if row.empty:
            country_rows(panel, country_code)  # a clear error for an unknown code
            raise CourseDataError(f"{country_code} is not in the {year} edition", column="country_code")
        egdi, epi = float(row["egdi"].iloc[0]), float(row["epi"].iloc[0])
        expected = slope * egdi + intercept
        result.update(country=country_code, egdi=round(egdi, 4), epi=round(epi, 4),
                      expected_epi=round(expected, 3), difference=round(epi - expected, 3))
    return result


def edition_distribution(panel: pd.DataFrame, index: str = "epi") -> pd.DataFrame:
    """Per edition: countries, median, mean, how many score exactly 0 and exactly 1, distinct values.

    Few distinct values mean many ties: the index is built from counts of features, so countries
    with the same count get the same score.
    """
    grouped = panel.groupby("year")[index]
    table = pd.DataFrame({
        "Countries": grouped.count(),
        "Median": grouped.median().round(4),
        "Mean": grouped.mean().round(4),
        "Exactly 0": grouped.apply(lambda s: int((s == 0).sum())),
        "Exactly 1": grouped.apply(lambda s: int((s == 1).sum())),
        "Distinct values": grouped.nunique(),
    })
    table.index.name = "Survey edition"
    return table


def change_in_context(panel: pd.DataFrame, country_code: str, index: str, before: int, after: int) -> pd.DataFrame:
    """A country's change between two editions beside its sub-region's median and the world median.

    Rows: the country, its sub-region (median), all countries (median); columns: the two editions and
    the change. `attrs["fell"]` / `attrs["compared"]`: how many countries' index fell between the two.
    """
    rows = country_rows(panel, country_code)
    region = sub_region_of(panel, country_code)
    first, second = _edition(panel, before), _edition(panel, after)
    name = str(rows["country"].iloc[0])

    def value(frame: pd.DataFrame, which: str) -> float:
        if which == "country":
            return float(frame.loc[frame["country_code"] == country_code, index].iloc[0])
        if which == "region":
            return float(frame.loc[frame["sub_region"] == region, index].median())
        return float(frame[index].median())

    labels = {"country": name, "region": f"{region} (median)", "world": "All countries (median)"}
    table = pd.DataFrame(
        [(labels[k], round(value(first, k), 4), round(value(second, k), 4)) for k in ("country", "region", "world")],
        columns=["", str(before), str(after)],
    ).set_index("")
    table["Change"] = (table[str(after)] - table[str(before)]).round(4)
    both = first.set_index("country_code")[index].to_frame("a").join(
        second.set_index("country_code")[index].to_frame("b"), how="inner")
    table.attrs.update(fell=int((both["b"] < both["a"]).sum()), compared=int(len(both)))
    return table


def rank_ties(panel: pd.DataFrame, country_code: str, year: int) -> dict:
    """How coarse the computed EPI rank is in one edition.

    Returns the country's EPI and computed rank, how many countries share exactly its score,
    how many distinct EPI values the edition has, and how many countries share a rank with another.
    """
    rows = _edition(panel, year)
    row = rows[rows["country_code"] == country_code]
    if row.empty:
        country_rows(panel, country_code)
        raise CourseDataError(f"{country_code} is not in the {year} edition", column="country_code")
    epi = float(row["epi"].iloc[0])
    shared = rows["epi_rank_computed"].duplicated(keep=False)
    return {
        "year": int(year), "country": country_code, "epi": round(epi, 4),
        "epi_rank_computed": int(row["epi_rank_computed"].iloc[0]),
        "same_score": int((rows["epi"] == epi).sum()),
        "distinct_values": int(rows["epi"].nunique()),
        "countries": int(len(rows)),
        "countries_sharing_a_rank": int(shared.sum()),
    }


def map_values(panel: pd.DataFrame, year: int, index: str = "epi", sub_regions=None) -> dict[str, float]:
    """{ISO-3 code: value} of one edition, optionally only for some sub-regions (for a map)."""
    rows = _edition(panel, year)
    if sub_regions is not None:
        unknown = sorted(set(sub_regions) - set(panel["sub_region"]))
        if unknown:
            raise CourseDataError(f"no sub-region {', '.join(map(repr, unknown))} in the panel", column="sub_region")
        rows = rows[rows["sub_region"].isin(list(sub_regions))]
    return {code: round(float(v), 4) for code, v in zip(rows["country_code"], rows[index])}


def direction_counts(panel: pd.DataFrame, index: str, before: int, after: int) -> dict:
    """How many countries' `index` fell, rose or stayed the same between two editions."""
    first = _edition(panel, before).set_index("country_code")[index]
    second = _edition(panel, after).set_index("country_code")[index]
    both = pd.concat([first.rename("a"), second.rename("b")], axis=1, join="inner")
    return {"index": index, "before": int(before), "after": int(after), "compared": int(len(both)),
            "fell": int((both["b"] < both["a"]).sum()), "rose": int((both["b"] > both["a"]).sum()),
            "unchanged": int((both["b"] == both["a"]).sum())}
