"""Session 8 charts: how fast, and how often, a consultation's submissions were answered.

Each builder takes a table from `eparticipation.analysis.consultation` and returns a `CourseChart`
(figure + text summary). Bars differ by pattern as well as colour and lines by dash, so the charts
survive black-and-white print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.charts import DASHES, PALETTE, CourseChart, source_note
from eparticipation.data.generator import TOPIC_LABELS, assumption_note

SAMPLE_NOTE = assumption_note("response_probability", "response_probability_channel_factor", "response_delay_days",
                              "export_date", "working_week")
# (column, legend, colour, bar pattern): the three parts of every published submission's fate.
_PARTS = (
    ("within_standard", "answered within {n} working days", PALETTE[2], ""),
    ("answered_late", "answered later", PALETTE[1], "/"),
    ("still_open", "not answered by the export date", "#BBBBBB", "."),
)


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def group_label(by: str, value) -> str:
    """Readable name of a group: the topic's title for topics, the value itself otherwise."""
    return TOPIC_LABELS.get(str(value), str(value)) if by == "topic" else str(value)


def response_curve_chart(curve: pd.DataFrame, *, standard_days: int, open_days: int | None = None) -> CourseChart:
    """Share of submissions answered within N working days (from `answered_within_curve`), with the
    response standard and, optionally, the length of the consultation as reference lines."""
    fig = go.Figure()
    for i, (column, name) in enumerate((("share_of_published", "of all published submissions"),
                                        ("share_of_answered", "of the submissions that were answered"))):
        fig.add_trace(go.Scatter(
            x=curve["working_days"], y=100 * curve[column], name=name, mode="lines",
            line=dict(color=PALETTE[i], dash=DASHES[i], width=3),
            hovertemplate="within %{x} working days: %{y:.0f}%<extra></extra>",
        ))
    fig.add_vline(x=standard_days, line=dict(color=PALETTE[7], dash="dash", width=2),
                  annotation_text=f"standard: {standard_days} working days", annotation_position="top right")
    if open_days is not None:
        fig.add_vline(x=open_days, line=dict(color=PALETTE[5], dash="dot", width=2),
                      annotation_text=f"consultation open: {open_days} working days", annotation_position="bottom right")
    fig.update_layout(
        title="Share answered within N working days of submission (SYNTHETIC sample)",
        xaxis_title="Working days after submission (Monday to Friday)", yaxis_title="% answered",
        yaxis_range=[0, 100], legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        title_yref="container", title_y=0.97, margin_t=110,
    )
    source_note(fig, SAMPLE_NOTE)
    row = curve.set_index("working_days").loc[min(standard_days, int(curve["working_days"].max()))]
    last = curve.iloc[-1]
    summary = (f"Within {standard_days} working days, {_pct(row['share_of_published'])} of the published submissions "
               f"had an answer ({_pct(row['share_of_answered'])} of those that were answered at all). After "
               f"{int(last['working_days'])} working days the curve reaches {_pct(last['share_of_published'])} of the "
               f"published submissions: the rest were never answered by the export date.")
    if open_days is not None:
        summary += f" The consultation itself was open for {open_days} working days."
    return CourseChart(fig, f"{summary} {SAMPLE_NOTE}")


def response_rates_chart(table: pd.DataFrame, *, by: str, standard_days: int) -> CourseChart:
    """For each group (a `response_standard` table by `by`): the share of its published submissions
    answered within the standard, answered later, and not answered. Groups as the table orders them."""
    labels = [group_label(by, value) for value in table[by]][::-1]  # plotly draws the first bar at the bottom
    fig = go.Figure()
    for column, name, colour, pattern in _PARTS:
        share = (100 * table[column] / table["published"]).tolist()[::-1]
        fig.add_trace(go.Bar(
            y=labels, x=share, orientation="h", name=name.format(n=standard_days), marker_color=colour,
            marker_pattern_shape=pattern, marker_line=dict(color="#333333", width=1),
            hovertemplate="%{y}: %{x:.0f}%<extra>" + name.format(n=standard_days) + "</extra>",
        ))
    plot_px = 34 * len(labels) + 20  # the bars' area; the margins hold the legend, the axis title and the note
    fig.update_layout(
        barmode="stack", title=f"What happened to the published submissions, by {by} (SYNTHETIC sample)",
        xaxis_title="% of the group's published submissions", xaxis_range=[0, 100],
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, traceorder="normal"),
        title_yref="container", title_y=0.97, height=plot_px + 110 + 150,
    )
    fig.update_yaxes(automargin=True)
    source_note(fig, SAMPLE_NOTE)
    # Below the axis title whatever the number of bars (source_note's place suits a 450-pixel chart).
    fig.update_annotations(y=-80 / plot_px, selector=dict(text=fig.layout.annotations[-1].text))
    fig.update_layout(margin=dict(t=110, l=20, b=150))
    parts = [f"{group_label(by, row[by])}: {_pct(row['within_standard_rate'])} within {standard_days} working days, "
             f"{_pct(row['response_rate'])} answered at all" for _, row in table.iterrows()]
    best, worst = table.iloc[0], table.iloc[-1]
    summary = (f"By {by}, highest share answered within the standard first. {'; '.join(parts)}. The gap between "
               f"{group_label(by, best[by])} and {group_label(by, worst[by])} is "
               f"{100 * (best['within_standard_rate'] - worst['within_standard_rate']):.0f} percentage points.")
    return CourseChart(fig, f"{summary} {SAMPLE_NOTE}")
