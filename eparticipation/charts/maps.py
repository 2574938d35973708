"""The course's one map renderer: regions or countries drawn as filled shapes on plain x/y axes.

Plotly's geo maps fetch a base map from the internet even when given a GeoJSON, which fails in a
training room without internet; so shapes are drawn as filled scatter traces in longitude/latitude,
with the aspect ratio corrected for the map's latitude, and a hidden trace carries the colour bar.

- `region_map`: Azerbaijan's economic regions (Session 0), `population_share_map` its one call.
- `regional_map`: a group of countries with their neighbours in grey (Session 1's EPI map).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from eparticipation.charts import SEQUENTIAL, CourseChart, interpolate, source_note

NO_VALUE_FILL = "#f2f2f2"


def rings(geometry: dict):
    """The exterior ring of each polygon of a (Multi)Polygon; the shapes here have no holes worth drawing."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield polygon[0]


def _xy(ring) -> tuple[list[float], list[float]]:
    """A ring's longitudes and latitudes rounded to 0.01° (about 1 km, far below the maps' detail)."""
    return [round(p[0], 2) for p in ring], [round(p[1], 2) for p in ring]


def bounds(features: list[dict]) -> tuple[float, float, float, float]:
    """(west, east, south, north) of the features."""
    xs = [p[0] for f in features for r in rings(f["geometry"]) for p in r]
    ys = [p[1] for f in features for r in rings(f["geometry"]) for p in r]
    return min(xs), max(xs), min(ys), max(ys)


def _overlaps(feature: dict, box: tuple[float, float, float, float]) -> bool:
    x0, x1, y0, y1 = bounds([feature])
    return not (x1 < box[0] or x0 > box[1] or y1 < box[2] or y0 > box[3])


def choropleth(shapes: list[tuple[str, dict, float | None, str]], *, title: str, value_label: str, source: str,
               background: list[dict] = (), highlight: str | None = None,
               box: tuple[float, float, float, float] | None = None, height: int = 520,
               bottom_margin: int = 130) -> go.Figure:
    """The figure: `shapes` are (name, geometry, value or None, hover text), coloured on the course's
    sequential scale; `background` features are drawn first in light grey, without a value; the
    `highlight` name gets a thick black outline and is drawn last, on top. `box` frames the map
    (default: all shapes); `bottom_margin` leaves room for the attribution under it."""
    values = [value for _name, _geometry, value, _text in shapes if value is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    fig = go.Figure()
    for feature in background:
        for ring in rings(feature["geometry"]):
            xs, ys = _xy(ring)
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=NO_VALUE_FILL, mode="lines",
                                     line=dict(color="#bbbbbb", width=0.6), showlegend=False, hoverinfo="skip"))
    for name, geometry, value, text in sorted(shapes, key=lambda shape: shape[0] == highlight):
        main = name == highlight
        colour = interpolate(SEQUENTIAL, (value - low) / span) if value is not None else NO_VALUE_FILL
        for ring in rings(geometry):
            xs, ys = _xy(ring)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines", name=name, showlegend=False,
                line=dict(color="#000000" if main else "#333333", width=3 if main else 0.8),
                hoveron="fills", text=text, hoverinfo="text"))
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker=dict(colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)], cmin=low, cmax=high,
                    color=[low], showscale=True, colorbar=dict(title=dict(text=value_label), thickness=14))))
    if box is None:
        box = bounds([{"geometry": geometry} for _name, geometry, _value, _text in shapes])
    fig.update_layout(title=title, plot_bgcolor="white", height=height)
    fig.update_xaxes(visible=False, range=[box[0], box[1]])
    fig.update_yaxes(visible=False, range=[box[2], box[3]], scaleanchor="x",
                     scaleratio=1 / math.cos(math.radians((box[2] + box[3]) / 2)))
    source_note(fig, source)
    fig.update_layout(margin=dict(b=bottom_margin))
    return fig


def region_map(geojson: dict, values: dict, *, name_property: str, title: str, value_label: str,
               source: str, value_format: str = ".1f") -> CourseChart:
    """A choropleth of `values` ({feature's `name_property`: number}); regions without one are grey."""
    shapes = []
    for feature in geojson["features"]:
        name = feature["properties"][name_property]
        value = values.get(name)
        text = f"{name}: {value:{value_format}} {value_label}" if value is not None else f"{name}: no data"
        shapes.append((name, feature["geometry"], value, text))
    fig = choropleth(shapes, title=title, value_label=value_label, source=source)
    ranked = sorted(values.items(), key=lambda kv: kv[1], reverse=True)
    listing = "; ".join(f"{k} {v:{value_format}}" for k, v in ranked)
    return CourseChart(fig, f"{title}. {value_label} by region, highest first: {listing}. {source}.")


def population_share_map(geojson: dict, facts, *, reference_date: str) -> CourseChart:
    """Each economic region's share of Azerbaijan's population on `reference_date`, as published."""
    from eparticipation.data import region_population_shares

    shares = region_population_shares(reference_date, facts) * 100
    rows = facts[(facts["indicator"] == "population_share") & (facts["reference_date"] == reference_date)]
    publisher = rows["source_publisher"].iloc[0]
    producer = rows["original_data_producer"].iloc[0]
    return region_map(
        geojson, shares.round(1).to_dict(), name_property="economic_region_2021",
        title=f"Share of Azerbaijan's population by economic region, {reference_date}",
        value_label="% of population",
        source=f"Source: {producer}, via {publisher}; boundaries: Natural Earth, regions per Decree No. 1386 (2021)",
    )


def regional_map(world: dict, values: dict[str, float], names: dict[str, str], *, title: str, value_label: str,
                 highlight: str | None, source: str, margin: float = 2.0) -> CourseChart:
    """A choropleth of `values` ({ISO-3: value}) for the countries that have one.

    Neighbouring countries inside the map's frame are drawn in light grey, without a value, so the
    region keeps its geography. `world` is `data.world.load_world_countries()`; `names` maps ISO-3
    codes to country names. The highlighted country gets a thick black outline.
    """
    features = {f["id"]: f for f in world["features"]}
    shown = [features[c] for c in values if c in features]
    missing = sorted(names.get(c, c) for c in values if c not in features)
    if not shown:
        raise ValueError("none of the countries has a shape in the boundary file")
    west, east, south, north = bounds(shown)
    box = (west - margin, east + margin, south - margin, north + margin)
    background = [f for code, f in features.items() if code not in values and _overlaps(f, box)]
    name = {code: names.get(code, code) for code in values}
    shapes = [(name[f["id"]], f["geometry"], values[f["id"]], f"{name[f['id']]}: {value_label} {values[f['id']]:.3f}")
              for f in shown]
    fig = choropleth(shapes, title=title, value_label=value_label, source=source, background=background,
                     highlight=name.get(highlight), box=box, height=600, bottom_margin=170)
    source = source.replace("<br>", " ")
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    listing = "; ".join(f"{names.get(k, k)} {v:.3f}" for k, v in ranked)
    note = f" Too small to draw at this scale: {', '.join(missing)}." if missing else ""
    return CourseChart(fig, f"{title}. {value_label}, highest first: {listing}.{note} Grey: neighbouring countries "
                            f"outside the group, no value shown. {source}.")
