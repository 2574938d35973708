"""Session 6 figures: who each channel reached, and who a channel mix would reach.

Every builder returns a `CourseChart` (figure + text summary). Bars differ by colour (Okabe–Ito) and
by fill pattern, so they stay apart in black-and-white print. Builders take their labels and titles as
arguments, so the exercise can draw the same chart in Azerbaijani and English.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from eparticipation.charts import PALETTE, CourseChart, source_note

PATTERNS = ("", "/", "\\", "x", ".", "+", "-", "|")


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def channel_profile_chart(profile: pd.DataFrame, *, title: str, source: str) -> CourseChart:
    """100 % bars: for each channel (a row of `analysis.channels.channel_profile`), its participants' shares
    by group (the columns other than `participants`)."""
    groups = [c for c in profile.columns if c != "participants"]
    channels = list(profile.index)[::-1]  # plotly draws the first row at the bottom
    fig = go.Figure()
    for i, group in enumerate(groups):
        values = profile.loc[channels, group]
        fig.add_trace(go.Bar(
            y=channels, x=100 * values, name=str(group), orientation="h",
            marker=dict(color=PALETTE[i % 6], pattern=dict(shape=PATTERNS[i % len(PATTERNS)]),
                        line=dict(color="#333333", width=0.5)),
            text=[_pct(v) if v >= 0.06 else "" for v in values], textposition="inside",
            hovertemplate="%{y}: %{x:.1f}%<extra>" + str(group) + "</extra>"))
    fig.update_layout(barmode="stack", title=title, xaxis_title="% of the channel's participants",
                      xaxis_range=[0, 100], height=140 + 42 * len(channels),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, traceorder="normal"))
    source_note(fig, source)
    parts = [f"{row}: " + ", ".join(f"{g} {_pct(profile.loc[row, g])}" for g in groups) for row in profile.index]
    return CourseChart(fig, f"{title}. " + "; ".join(parts) + f". {source.rstrip('.')}.")


def assisted_share_chart(table: pd.DataFrame, *, group_label: str, title: str, source: str) -> CourseChart:
    """Bars: per group, the share of participants who came through a channel that needs no internet of
    their own (`analysis.channels.assisted_share`)."""
    labels = [str(g) for g in table.index]
    values = table["not_online_share"]
    fig = go.Figure(go.Bar(
        x=labels, y=100 * values, marker=dict(color=PALETTE[1], pattern=dict(shape="/"), line=dict(color="#333333", width=1)),
        text=[_pct(v) for v in values], textposition="outside",
        hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=group_label, yaxis_title="% through assisted, phone or in-person channels",
                      yaxis_range=[0, 100], showlegend=False)
    source_note(fig, source)
    parts = "; ".join(f"{g} {_pct(v)} of {n:,}" for g, v, n in zip(labels, values, table["participants"]))
    return CourseChart(fig, f"{title} — {group_label}: {parts}. {source.rstrip('.')}.")


def reach_chart(regions: pd.DataFrame, groups: pd.DataFrame, *, labels: dict[str, str], title: str,
                source: str) -> CourseChart:
    """Two panels of paired bars, share of the population against share of the people reached: on the left
    per economic region, on the right per group (urban, rural, online, offline).

    `regions` and `groups` are indexed by their display names and have `population_share` and
    `reached_share` (0–1). `labels`: "population", "reached", "regions", "groups", "axis", "summary_regions",
    "summary_groups" (the last two are sentence starts for the text summary).
    """
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.2,
                        subplot_titles=(labels["regions"], labels["groups"]))
    for col, table in ((1, regions), (2, groups)):
        names = list(table.index)[::-1]
        for i, (column, name) in enumerate((("population_share", labels["population"]),
                                            ("reached_share", labels["reached"]))):
            fig.add_trace(go.Bar(
                y=names, x=100 * table.loc[names, column], orientation="h", name=name, legendgroup=column,
                showlegend=col == 1, marker=dict(color=PALETTE[i], pattern=dict(shape=PATTERNS[i * 2]),
                                                 line=dict(color="#333333", width=0.5)),
                hovertemplate="%{y}: %{x:.1f}%<extra>" + name + "</extra>"), row=1, col=col)
        fig.update_xaxes(title_text=labels["axis"], rangemode="tozero", row=1, col=col)
    fig.update_layout(barmode="group", title=title, height=620, legend=dict(orientation="h", y=1.08, yanchor="bottom", x=0),
                      margin=dict(t=110))
    source_note(fig, source)
    fig.update_layout(margin=dict(b=170))  # room for the two-line attribution under the axis titles

    def listing(table: pd.DataFrame) -> str:
        return "; ".join(f"{g} {_pct(p)} / {_pct(r)}" for g, p, r in
                         zip(table.index, table["population_share"], table["reached_share"]))

    summary = (f"{title}. {labels['summary_regions']}: {listing(regions)}. "
               f"{labels['summary_groups']}: {listing(groups)}. {source}.")
    return CourseChart(fig, summary)


def group_mix_chart(shares: pd.DataFrame, *, title: str, axis: str) -> CourseChart:
    """Stacked bars: each participant's (row's) budget shares by channel (columns, 0–1)."""
    rows = list(shares.index)[::-1]
    fig = go.Figure()
    for i, column in enumerate(shares.columns):
        values = shares.loc[rows, column]
        fig.add_trace(go.Bar(
            y=rows, x=100 * values, orientation="h", name=str(column),
            marker=dict(color=PALETTE[i % 6], pattern=dict(shape=PATTERNS[i % len(PATTERNS)]),
                        line=dict(color="#333333", width=0.5)),
            hovertemplate="%{y}: %{x:.0f}%<extra>" + str(column) + "</extra>"))
    fig.update_layout(barmode="stack", title=title, xaxis_title=axis, xaxis_range=[0, 100],
                      height=180 + 34 * len(rows), legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0))
    parts = [f"{row}: " + ", ".join(f"{c} {_pct(shares.loc[row, c])}" for c in shares.columns if shares.loc[row, c] > 0)
             for row in shares.index]
    return CourseChart(fig, f"{title}. " + "; ".join(parts) + ".")


def coverage_map(geojson: dict, coverage: dict[str, float], *, title: str, source: str) -> CourseChart:
    """Each economic region's estimated share of the population reached (`coverage`: {region: 0–1})."""
    from eparticipation.charts.maps import region_map

    return region_map(geojson, {region: round(100 * value, 2) for region, value in coverage.items()},
                      name_property="economic_region_2021", title=title, value_label="% of the population reached",
                      source=source, value_format=".2f")
