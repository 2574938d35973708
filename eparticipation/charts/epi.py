"""Session 1 charts: a country against its sub-region, EPI against EGDI, a regional map, the editions.

Each builder returns a `charts.CourseChart` (figure + text summary) and puts the source under the
plot. Colours come from the Okabe–Ito palette; series also differ by dash and marker. The map is
drawn as filled shapes on plain axes from the course's own boundary file: no tiles, no CDN.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation import charts
from eparticipation.charts import DASHES, INDEX_NAMES, PALETTE, CourseChart, maps

# Colour per index, the same in every chart of the session: EGDI blue, EPI vermillion.
_INDEX_COLOUR = {"egdi": PALETTE[0], "epi": PALETTE[5]}
_INDEX_MARKER = {"egdi": "circle", "epi": "square"}
# Room above a legend placed over the plot, so the title never overlaps it on a narrow page.
_TITLE_ABOVE_LEGEND = dict(title_yref="container", title_y=0.97, margin_t=120)


def sub_region_chart(comparison: pd.DataFrame, *, source: str) -> CourseChart:
    """The country's EGDI and EPI (solid) against its sub-region's median (dashed), per edition.

    `comparison` comes from `analysis.epi.country_vs_sub_region` (its attrs name country and region).
    """
    country = comparison.attrs.get("country", "Country")
    region = comparison.attrs.get("sub_region", "sub-region")
    stat = comparison.attrs.get("stat", "median")
    indices = [c for c in ("egdi", "epi") if c in comparison.columns]
    fig = go.Figure()
    for index in indices:
        colour = _INDEX_COLOUR[index]
        fig.add_trace(go.Scatter(
            x=comparison["year"], y=comparison[index], name=f"{country}: {index.upper()}", mode="lines+markers",
            line=dict(color=colour, dash="solid", width=3), marker=dict(symbol=_INDEX_MARKER[index], size=9),
            hovertemplate="%{x}: %{y:.3f}<extra>" + f"{country} {index.upper()}" + "</extra>"))
        fig.add_trace(go.Scatter(
            x=comparison["year"], y=comparison[f"{index}_sub_region"], name=f"{region} {stat}: {index.upper()}",
            mode="lines+markers", line=dict(color=colour, dash="dash", width=2),
            marker=dict(symbol=_INDEX_MARKER[index] + "-open", size=8),
            hovertemplate="%{x}: %{y:.3f}<extra>" + f"{region} {stat} {index.upper()}" + "</extra>"))
    fig.update_layout(
        title=f"{country} and the {region} {stat}: {' and '.join(i.upper() for i in indices)}",
        xaxis_title="Survey edition", yaxis_title="Index value (0 to 1)", yaxis_range=[0, 1],
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), **_TITLE_ABOVE_LEGEND, height=500,
    )
    charts.source_note(fig, source)
    first, last = comparison.iloc[0], comparison.iloc[-1]
    parts = []
    for index in indices:
        above = int((comparison[index] > comparison[f"{index}_sub_region"]).sum())
        parts.append(
            f"{index.upper()}: {country} {first[index]:.3f} in {int(first['year'])} and {last[index]:.3f} in "
            f"{int(last['year'])}; {region} {stat} {first[f'{index}_sub_region']:.3f} and "
            f"{last[f'{index}_sub_region']:.3f}; {country} above the {stat} in {above} of {len(comparison)} editions"
        )
    n = int(last["countries"]) if "countries" in comparison.columns else None
    group = f" ({n} countries)" if n else ""
    return CourseChart(fig, f"{country} against the {stat} of {region}{group}. {'. '.join(parts)}. {source}.")


def epi_egdi_scatter(frame: pd.DataFrame, relation: dict, *, highlight: str, source: str) -> CourseChart:
    """EPI against EGDI for every country of one edition; the highlighted country and its sub-region
    stand out by colour and marker shape; the least-squares line is drawn thin and dotted.

    `frame` from `analysis.epi.edition_frame`, `relation` from `analysis.epi.epi_egdi_relation`.
    """
    year = relation["year"]
    main = frame[frame["country_code"] == highlight]
    if main.empty:
        raise ValueError(f"{highlight} is not in the frame")
    region = str(main["sub_region"].iloc[0])
    name = str(main["country"].iloc[0])
    groups = [
        (frame[(frame["sub_region"] != region)], "Other countries", PALETTE[4], "circle", 7, 0.55),
        (frame[(frame["sub_region"] == region) & (frame["country_code"] != highlight)], region, PALETTE[0],
         "diamond", 9, 0.9),
        (main, name, PALETTE[5], "star", 18, 1.0),
    ]
    fig = go.Figure()
    for rows, label, colour, symbol, size, opacity in groups:
        fig.add_trace(go.Scatter(
            x=rows["egdi"], y=rows["epi"], mode="markers", name=label, text=rows["country"],
            marker=dict(color=colour, symbol=symbol, size=size, opacity=opacity, line=dict(color="#333333", width=0.6)),
            hovertemplate="%{text}<br>EGDI %{x:.3f}, EPI %{y:.3f}<extra></extra>"))
    xs = [float(frame["egdi"].min()), float(frame["egdi"].max())]
    fig.add_trace(go.Scatter(
        x=xs, y=[relation["slope"] * x + relation["intercept"] for x in xs], mode="lines", name="Straight-line fit",
        line=dict(color=PALETTE[7], dash="dot", width=1.5), hoverinfo="skip"))
    fig.add_annotation(x=float(main["egdi"].iloc[0]), y=float(main["epi"].iloc[0]), text=name, showarrow=True,
                       arrowhead=2, ax=-60, ay=-40, font=dict(size=13))
    fig.update_layout(
        title=f"EPI against EGDI, {year}: {relation['countries']} countries (Pearson r = {relation['pearson_r']:.2f})",
        xaxis_title=INDEX_NAMES["egdi"], yaxis_title=INDEX_NAMES["epi"], xaxis_range=[0, 1.02],
        yaxis_range=[-0.03, 1.05], height=520, legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), **_TITLE_ABOVE_LEGEND,
    )
    charts.source_note(fig, source)
    summary = (
        f"Each point is one of {relation['countries']} countries in the {year} edition. EPI rises with EGDI: "
        f"Pearson r = {relation['pearson_r']:.3f}, Spearman rho = {relation['spearman_rho']:.3f}. "
        f"Straight-line fit: EPI = {relation['slope']:.3f} × EGDI {'+' if relation['intercept'] >= 0 else '−'} "
        f"{abs(relation['intercept']):.3f}."
    )
    if relation.get("country") == highlight:
        summary += (f" {name}: EGDI {relation['egdi']:.3f}, EPI {relation['epi']:.3f}; the line expects "
                    f"{relation['expected_epi']:.3f} for its EGDI, a difference of {_signed(relation['difference'])}.")
    return CourseChart(fig, f"{summary} {source}.")


def _signed(value: float) -> str:
    """+0.123 / −0.123 (a true minus sign, as in the book's prose)."""
    return f"{'+' if value >= 0 else '−'}{abs(value):.3f}"


def edition_box_chart(panel: pd.DataFrame, *, index: str = "epi", highlight: str, source: str) -> CourseChart:
    """The spread of an index in each edition (a box per edition) with one country marked."""
    fig = go.Figure()
    years = sorted(panel["year"].unique())
    # Precomputed quartiles keep the page light (12 boxes, not 2,308 points); whiskers at min and max.
    grouped = panel.groupby("year")[index]
    stats = {name: [round(float(v), 4) for v in values] for name, values in (
        ("q1", grouped.quantile(0.25)), ("median", grouped.median()), ("q3", grouped.quantile(0.75)),
        ("lowerfence", grouped.min()), ("upperfence", grouped.max()))}
    fig.add_trace(go.Box(
        x=[str(y) for y in years], name="All countries (box: middle half; whiskers: lowest to highest)",
        marker=dict(color=PALETTE[0]), line=dict(color=PALETTE[0]), fillcolor="rgba(0,114,178,0.25)",
        hoverinfo="skip", **stats))
    main = panel[panel["country_code"] == highlight].sort_values("year")
    name = str(main["country"].iloc[0])
    fig.add_trace(go.Scatter(
        x=main["year"].astype(str), y=main[index], name=name, mode="lines+markers",
        line=dict(color=PALETTE[5], dash=DASHES[1], width=2), marker=dict(symbol="star", size=13, color=PALETTE[5]),
        hovertemplate="%{x}: %{y:.3f}<extra>" + name + "</extra>"))
    fig.update_layout(
        title=f"{INDEX_NAMES[index]}: spread across countries in each edition, and {name}",
        xaxis_title="Survey edition", yaxis_title="Index value (0 to 1)", yaxis_range=[-0.03, 1.03], height=500,
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), **_TITLE_ABOVE_LEGEND,
    )
    charts.source_note(fig, source)
    medians = panel.groupby("year")[index].median()
    listing = "; ".join(f"{y} {medians[y]:.3f}" for y in years)
    own = "; ".join(f"{int(r.year)} {getattr(r, index):.3f}" for r in main.itertuples())
    return CourseChart(fig, f"Median {index.upper()} of all countries per edition: {listing}. {name}: {own}. "
                            f"Every edition runs from 0 to 1. {source}.")


def relation_chart(panel: pd.DataFrame, year: int, *, highlight: str, source: str) -> CourseChart:
    """One call for the notebook: the EPI–EGDI scatter of one edition with `highlight` marked."""
    from eparticipation.analysis.epi import edition_frame, epi_egdi_relation

    return epi_egdi_scatter(edition_frame(panel, year), epi_egdi_relation(panel, year, highlight),
                            highlight=highlight, source=source)


def epi_map(panel: pd.DataFrame, world: dict, year: int, *, sub_regions: tuple[str, ...], highlight: str,
            source: str, index: str = "epi") -> CourseChart:
    """One call for the notebook: a regional map of one index in one edition, drawn offline."""
    from eparticipation.analysis.epi import map_values
    from eparticipation.data.world import WORLD_ATTRIBUTION, WORLD_DISCLAIMER

    values = map_values(panel, year, index, sub_regions)
    names = dict(zip(panel["country_code"], panel["country"]))
    title = f"{INDEX_NAMES[index]}, {year}: {' and '.join(sub_regions)}"
    return maps.regional_map(world, values, names, title=title, value_label=index.upper(), highlight=highlight,
                        source=f"{source}.<br>{WORLD_ATTRIBUTION}.<br>{WORLD_DISCLAIMER}")
