"""Figure builders for the readiness self-assessment: a group compared (Session 2's exploration notebook,
the facilitator's dashboard) and one participant's radar (the exercise).

Each builder takes a table from `eparticipation.analysis.readiness_comparison` and returns a
`CourseChart`: the figure plus its text summary. Colours come from the course palette; bars also
differ by pattern, so the charts survive black-and-white print. `label` goes into every title, so a
chart of the synthetic sample always says SYNTHETIC, even when copied out of the notebook.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from eparticipation.charts import PALETTE, SEQUENTIAL, CourseChart, light_figure

SYNTHETIC = "SYNTHETIC sample of fictitious institutions"


def _wrap(text: str, width: int = 48) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _fmt(value: float) -> str:
    return f"{value:.0f}%"


def group_heatmap(combined: pd.DataFrame, *, label: str = SYNTHETIC, pillars: int = 3,
                  title: str | None = None) -> CourseChart:
    """Assessments (rows) by area (columns), coloured and printed in % Yes (`combined_scores` output).

    A vertical line separates the first `pillars` columns (METEP's pillars) from the enabling conditions.
    `title` replaces the English title built from `label` (the facilitator's dashboard is translated).
    """
    z = combined.values.tolist()
    fig = go.Figure(go.Heatmap(
        z=z, x=list(combined.columns), y=list(combined.index), zmin=0, zmax=100,
        colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
        text=[[_fmt(v) for v in row] for row in z], texttemplate="%{text}",
        colorbar=dict(title=dict(text="% Yes"), ticksuffix="%"), xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}: %{z:.0f}% Yes<extra></extra>"))
    if 0 < pillars < len(combined.columns):
        fig.add_vline(x=pillars - 0.5, line=dict(color=PALETTE[7], width=3))
    fig.update_layout(
        title=title or f"{label}:<br>readiness by assessment and area (% Yes, legislation and policy together)",
        height=max(400, 170 + 34 * len(combined.index)), yaxis=dict(autorange="reversed", showgrid=False),
        xaxis=dict(showgrid=False, title=None, tickangle=-25), margin=dict(l=120, r=30, t=90, b=110))
    means = combined.mean()
    overall = combined.mean(axis=1)
    listing = "; ".join(f"{area} {_fmt(value)}" for area, value in means.items())
    summary = (f"{label}. {len(combined.index)} self-assessments by {len(combined.columns)} areas, each cell the share of "
               f"Yes answers for legislation and policy together. Group mean by area: {listing}. "
               f"Highest overall: {overall.idxmax()} ({_fmt(overall.max())}); lowest overall: {overall.idxmin()} "
               f"({_fmt(overall.min())}). The first {pillars} columns are METEP's pillars, the others enabling conditions.")
    return CourseChart(fig, summary)


def common_gaps_chart(table: pd.DataFrame, group_size: int, *, label: str = SYNTHETIC) -> CourseChart:
    """Horizontal bars: in how many assessments each statement is a gap (`common_gaps` output),
    split into "neither law nor policy covers it" and the other gap patterns."""
    rows = table.iloc[::-1]  # plotly draws the first bar at the bottom; show the most common on top
    names = [_wrap(s) for s in rows["Statement"]]
    neither = rows["Neither law nor policy"].tolist()
    other = (rows["Assessments with this gap"] - rows["Neither law nor policy"]).tolist()
    fig = go.Figure([
        go.Bar(y=names, x=neither, orientation="h", name="Neither law nor policy covers it",
               marker=dict(color=PALETTE[5], line=dict(color="#333333", width=1)),
               hovertemplate="%{x} assessments<extra>Neither law nor policy</extra>"),
        go.Bar(y=names, x=other, orientation="h", name="Other gap (one No, or Don't know)",
               marker=dict(color=PALETTE[4], pattern=dict(shape="/"), line=dict(color="#333333", width=1)),
               hovertemplate="%{x} assessments<extra>Other gap</extra>"),
    ])
    fig.update_layout(
        barmode="stack", title=f"{label}: the most common gaps ({group_size} assessments)",
        xaxis=dict(title="Assessments in which the statement is a gap", range=[0, group_size], dtick=2),
        yaxis=dict(showgrid=False, tickfont=dict(size=12)), legend=dict(orientation="h", y=-0.15, x=0, traceorder="normal"),
        height=max(380, 150 + 48 * len(rows)), margin=dict(l=360, r=30, t=70, b=90))
    parts = [f"{row['Statement'].rstrip('.')} ({row['Assessments with this gap']} of {group_size}, neither law nor policy in "
             f"{row['Neither law nor policy']})" for _item, row in table.iterrows()]
    summary = (f"{label}. Statements answered No or Don't know, most common first: " + "; ".join(parts) + ".")
    return CourseChart(fig, summary)


def legislation_policy_chart(spread: pd.DataFrame, *, label: str = SYNTHETIC) -> CourseChart:
    """Grouped bars per area: the group's mean legislation and policy scores (`legislation_policy_spread`)."""
    areas = list(spread.index)
    styles = (("Legislation mean %", "Legislation", PALETTE[0], ""), ("Policy mean %", "Policy", PALETTE[1], "/"))
    fig = go.Figure([
        go.Bar(x=areas, y=spread[column], name=name, text=[_fmt(v) for v in spread[column]], textposition="outside",
               marker=dict(color=colour, pattern=dict(shape=shape), line=dict(color="#333333", width=1)),
               hovertemplate="%{x}: %{y:.1f}%<extra>" + name + "</extra>")
        for column, name, colour, shape in styles
    ])
    fig.update_layout(
        barmode="group", title=f"{label}: legislation and policy, group mean by area (% Yes)",
        yaxis=dict(title="Mean share of Yes answers", range=[0, 100], ticksuffix="%"),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), height=460)
    diff = spread["Policy minus legislation (points)"]
    listing = "; ".join(f"{area} legislation {_fmt(row['Legislation mean %'])}, policy {_fmt(row['Policy mean %'])}"
                        for area, row in spread.iterrows())
    widest = diff.abs().idxmax()  # the first area in table order when two are equally wide
    summary = (f"{label}. {listing}. Policy is ahead of legislation in {int((diff > 0).sum())} of {len(areas)} areas; "
               f"the widest difference is in {widest} ({diff[widest]:+.1f} points, policy minus legislation).")
    return CourseChart(fig, summary)


RADAR_STYLES = {"legislation": (PALETTE[0], "solid", "circle"), "policy": (PALETTE[1], "dash", "square")}


def radar_chart(scores: dict[str, dict[str, float]], area_labels: dict[str, str], column_labels: dict[str, str], *,
                title: str) -> go.Figure:
    """Radar of one self-assessment's area scores ({area: {column: 0-100}}), one line per column
    (legislation, policy), distinguishable without colour (dash, marker). Fast enough for a callback."""
    labels = list(area_labels.values())
    data = []
    for column, name in column_labels.items():
        colour, dash, symbol = RADAR_STYLES[column]
        values = [scores[area][column] for area in area_labels]
        data.append(dict(
            type="scatterpolar", r=values + values[:1], theta=labels + labels[:1],
            name=name, mode="lines+markers", fill="toself", opacity=0.75,
            line=dict(color=colour, dash=dash, width=3), marker=dict(symbol=symbol, size=9),
            hovertemplate="%{theta}: %{r:.0f}%<extra>%{fullData.name}</extra>"))
    layout = dict(
        title=dict(text=title),
        polar=dict(radialaxis=dict(range=[0, 100], ticksuffix="%", tickvals=[0, 25, 50, 75, 100])),
        legend=dict(orientation="h", y=-0.12, x=0), margin=dict(l=70, r=70, t=80, b=70), height=480,
    )
    return light_figure(data, layout)
