"""Session 1 charts: a country against its sub-region, EPI against EGDI, a regional map, the editions.

Each builder returns a `charts.CourseChart` (figure + text summary) and puts the source under the
plot. Colours come from the Okabe–Ito palette; series also differ by dash and marker. The map is
drawn as filled shapes on plain axes from the course's own boundary file: no tiles, no CDN.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from eparticipation import charts
from eparticipation.charts import DASHES, INDEX_NAMES, PALETTE, SEQUENTIAL, CourseChart

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
    charts._source_note(fig, source)
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
    charts._source_note(fig, source)
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


def _rings(geometry: dict):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield polygon[0]


def _xy(ring) -> tuple[list[float], list[float]]:
    """A ring's longitudes and latitudes rounded to 0.01° (about 1 km, far below the 1:110m detail)."""
    return [round(p[0], 2) for p in ring], [round(p[1], 2) for p in ring]


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs = [p[0] for f in features for r in _rings(f["geometry"]) for p in r]
    ys = [p[1] for f in features for r in _rings(f["geometry"]) for p in r]
    return min(xs), max(xs), min(ys), max(ys)


def _overlaps(feature: dict, box: tuple[float, float, float, float]) -> bool:
    x0, x1, y0, y1 = _bounds([feature])
    return not (x1 < box[0] or x0 > box[1] or y1 < box[2] or y0 > box[3])


def regional_map(world: dict, values: dict[str, float], names: dict[str, str], *, title: str, value_label: str,
                 highlight: str | None, source: str, margin: float = 2.0) -> CourseChart:
    """A choropleth of `values` ({ISO-3: value}) for the countries that have one, drawn as shapes.

    Neighbouring countries inside the map's frame are drawn in light grey, without a value, so
    the region keeps its geography. `world` is `data.world.load_world_countries()`; `names` maps
    ISO-3 codes to country names. The highlighted country gets a thick black outline.
    """
    features = {f["id"]: f for f in world["features"]}
    shown = [features[c] for c in values if c in features]
    missing = sorted(names.get(c, c) for c in values if c not in features)
    if not shown:
        raise ValueError("none of the countries has a shape in the boundary file")
    box = _bounds(shown)
    box = (box[0] - margin, box[1] + margin, box[2] - margin, box[3] + margin)
    low, high = min(values.values()), max(values.values())
    span = (high - low) or 1.0
    fig = go.Figure()
    for code, feature in features.items():
        if code in values or not _overlaps(feature, box):
            continue
        for ring in _rings(feature["geometry"]):
            xs, ys = _xy(ring)
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself",
                                     fillcolor="#f2f2f2", mode="lines", line=dict(color="#bbbbbb", width=0.6),
                                     showlegend=False, hoverinfo="skip"))
    ordered = sorted(shown, key=lambda f: f["id"] == highlight)  # highlighted country drawn last, on top
    for feature in ordered:
        code = feature["id"]
        value = values[code]
        colour = charts._interpolate(SEQUENTIAL, (value - low) / span)
        main = code == highlight
        label = f"{names.get(code, code)}: {value_label} {value:.3f}"
        for ring in _rings(feature["geometry"]):
            xs, ys = _xy(ring)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines",
                line=dict(color="#000000" if main else "#333333", width=3 if main else 0.8), name=names.get(code, code),
                showlegend=False, hoveron="fills", text=label, hoverinfo="text"))
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker=dict(colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)], cmin=low, cmax=high,
                    color=[low], showscale=True, colorbar=dict(title=dict(text=value_label), thickness=14))))
    mid_lat = (box[2] + box[3]) / 2
    fig.update_layout(title=title, plot_bgcolor="white", height=600)
    fig.update_xaxes(visible=False, range=[box[0], box[1]])
    fig.update_yaxes(visible=False, range=[box[2], box[3]], scaleanchor="x",
                     scaleratio=1 / math.cos(math.radians(mid_lat)))
    charts._source_note(fig, source)
    fig.update_layout(margin=dict(b=170))
    source = source.replace("<br>", " ")
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    listing = "; ".join(f"{names.get(k, k)} {v:.3f}" for k, v in ranked)
    note = f" Too small to draw at this scale: {', '.join(missing)}." if missing else ""
    return CourseChart(fig, f"{title}. {value_label}, highest first: {listing}.{note} Grey: neighbouring countries "
                            f"outside the group, no value shown. {source}.")


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
    charts._source_note(fig, source)
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
    return regional_map(world, values, names, title=title, value_label=index.upper(), highlight=highlight,
                        source=f"{source}.<br>{WORLD_ATTRIBUTION}.<br>{WORLD_DISCLAIMER}")
