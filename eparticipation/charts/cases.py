"""Session 4 charts: the international cases, and a real petition's signatures against its thresholds.

Each builder takes data from a loader, computes through `eparticipation.analysis`, and returns a
`CourseChart` (figure + text summary). Colours come from the Okabe–Ito palette; bars also differ by
pattern and lines by dash, so the charts survive black-and-white print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.analysis.cases import count_by
from eparticipation.analysis.petitions import THRESHOLDS, daily_signatures, downsample, polling_gaps
from eparticipation.charts import DASHES, PALETTE, CourseChart, source_note
from eparticipation.data.cases import CASES_ATTRIBUTION, EPI_LEVELS, OUTCOMES
from eparticipation.data.petitions import PETITION_ATTRIBUTION

_OUTCOME_STYLE = {  # colour, bar pattern
    "implemented": (PALETTE[2], ""),
    "partly implemented": (PALETTE[4], "/"),
    "not implemented": (PALETTE[5], "x"),
    "ongoing": (PALETTE[0], "."),
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def cases_by_level_chart(cases: pd.DataFrame) -> CourseChart:
    """Stacked bars: how many cases sit at each EPI level, split by outcome."""
    table = count_by(cases, "epi_level", "outcome")
    fig = go.Figure()
    for outcome in OUTCOMES:
        colour, pattern = _OUTCOME_STYLE[outcome]
        fig.add_trace(go.Bar(
            x=list(EPI_LEVELS), y=table[outcome].tolist(), name=outcome, marker_color=colour,
            marker_pattern_shape=pattern, marker_line=dict(color="#333333", width=1),
            hovertemplate="%{x}, " + outcome + ": %{y}<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", title=f"The {len(cases)} documented cases by EPI level and outcome",
        xaxis_title="UN E-Participation Index level (course authors' classification)",
        yaxis_title="Number of cases", yaxis=dict(dtick=1),
        legend=dict(title="Outcome", orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    source_note(fig, CASES_ATTRIBUTION)
    fig.update_layout(margin=dict(b=130))
    parts = []
    for level in EPI_LEVELS:
        row = table.loc[level]
        detail = ", ".join(f"{int(row[o])} {o}" for o in OUTCOMES if row[o])
        parts.append(f"{level}: {_plural(int(row.sum()), 'case')}" + (f" ({detail})" if detail else ""))
    return CourseChart(fig, f"The {len(cases)} cases by EPI level: {'; '.join(parts)}. {CASES_ATTRIBUTION}.")


def _gap_breaks(frame: pd.DataFrame, gaps: pd.DataFrame) -> tuple[list, list]:
    """x and y lists with a break (None) between two periods that a polling gap separates.

    A gap separates the periods starting at `previous` and `current` when it starts at or after
    `previous` and before `current`, and ends at or after `current`.
    """
    spans = list(zip(gaps["gap_start"], gaps["gap_end"]))
    xs, ys = [], []
    previous = None
    for row in frame.itertuples():
        if previous is not None and any(previous <= s < row.timestamp <= e for s, e in spans):
            xs.append(None)
            ys.append(None)
        xs.append(row.timestamp)
        ys.append(int(row.count))
        previous = row.timestamp
    return xs, ys


def petition_chart(series: pd.DataFrame, *, thresholds=THRESHOLDS, freq: str = "1h", title: str | None = None) -> CourseChart:
    """Cumulative signatures (last count per `freq` period), the thresholds as reference lines, gaps shaded."""
    points = downsample(series, freq)
    gaps = polling_gaps(series)
    fig = go.Figure()
    for gap in gaps.itertuples():
        fig.add_vrect(x0=gap.gap_start, x1=gap.gap_end, fillcolor="#bbbbbb", opacity=0.35, line_width=0)
    xs, ys = _gap_breaks(points, gaps)
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="lines", name=f"Signatures (last count per {freq} period)", connectgaps=False,
        line=dict(color=PALETTE[0], width=3), hovertemplate="%{x|%d %b %H:%M}: %{y:,}<extra></extra>",
    ))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="No polls (gap in the data)",
                             marker=dict(symbol="square", size=14, color="#bbbbbb")))
    for k, (value, meaning) in enumerate(thresholds):
        fig.add_hline(y=value, line=dict(color=PALETTE[7], dash=DASHES[1 + k], width=2),
                      annotation_text=f"{value:,}: {meaning}", annotation_font=dict(size=12),
                      annotation_position="top left" if k % 2 == 0 else "top right")
    fig.update_layout(
        title=title or "UK Parliament petition 700143: signatures over time",
        xaxis_title="Time (time zone not stated by the source)", yaxis_title="Signatures (cumulative)",
        yaxis=dict(rangemode="tozero", tickformat=","), legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    source_note(fig, PETITION_ATTRIBUTION)
    fig.update_layout(margin=dict(b=130))
    first, last = series.iloc[0], series.iloc[-1]
    crossed = [f"{v:,} ({m})" for v, m in thresholds if first["count"] >= v]
    summary = (
        f"Signatures rose from {int(first['count']):,} on {first['timestamp']:%d %b %Y %H:%M} to "
        f"{int(last['count']):,} on {last['timestamp']:%d %b %Y %H:%M}; the chart shows the last count in each "
        f"{freq} period ({len(points)} points drawn from {len(series):,} polls). "
    )
    if crossed:
        summary += (f"The thresholds {' and '.join(crossed)} are drawn for reference: the series starts above them, "
                    "so the moment they were crossed is not in the data. ")
    if len(gaps):
        summary += (f"{len(gaps)} polling gaps longer than 6 hours (shaded; longest {gaps['days'].max():.1f} days) "
                    "are left blank, not filled in. ")
    return CourseChart(fig, summary + PETITION_ATTRIBUTION + ".")


def daily_signatures_chart(series: pd.DataFrame) -> CourseChart:
    """Signatures added per observed day: whole days solid, partly observed days hatched; gap-spanning days left out."""
    daily = daily_signatures(series)
    shown = daily[daily["status"] != "spans a polling gap"]
    fig = go.Figure()
    for status, colour, pattern in (("whole day", PALETTE[0], ""), ("partly observed", PALETTE[1], "/")):
        rows = shown[shown["status"] == status]
        fig.add_trace(go.Bar(
            x=rows["date"], y=rows["signatures_added"], name=status, marker_color=colour,
            marker_pattern_shape=pattern, marker_line=dict(color="#333333", width=1),
            customdata=rows[["hours_observed", "per_hour"]].to_numpy(),
            hovertemplate="%{x|%d %b}: %{y:,} signatures in %{customdata[0]} hours observed "
                          "(%{customdata[1]:,} per hour)<extra>" + status + "</extra>",
        ))
    fig.update_layout(
        title="Signatures added per day (days that span a polling gap are left out)",
        xaxis_title="Day", yaxis_title="Signatures added", yaxis=dict(tickformat=","),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), bargap=0.15,
    )
    source_note(fig, PETITION_ATTRIBUTION)
    fig.update_layout(margin=dict(b=130))
    whole = shown[shown["status"] == "whole day"]
    listing = "; ".join(f"{r.date:%d %b} {r.signatures_added:,}" for r in whole.itertuples())
    left_out = daily[daily["status"] == "spans a polling gap"]
    summary = f"Signatures added on each whole observed day: {listing}. "
    if len(shown) > len(whole):
        summary += f"{len(shown) - len(whole)} partly observed days are hatched. "
    if len(left_out):
        summary += (f"{len(left_out)} days whose counts span a polling gap ("
                    f"{', '.join(f'{d:%d %b}' for d in left_out['date'])}) are left out because their counts "
                    "cover time that was not observed. ")
    return CourseChart(fig, summary + PETITION_ATTRIBUTION + ".")
