"""Session 10 charts: the action plan as a Gantt chart, and the owners' weekly workload.

Each builder returns a `CourseChart` (figure + text summary). Bars differ by pattern as well as colour
and carry their owner as text, so the charts survive black-and-white print. The Gantt chart takes its
words from the caller (`labels`), so the exercise draws it in Azerbaijani or English.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from eparticipation.charts import PALETTE, CourseChart, source_note

PATTERNS = ("", "/", ".", "x", "\\", "-", "+", "|")
GANTT_LABELS = {
    "title": "Action plan: when each action runs",
    "axis": "Month of the plan",
    "no_channel": "No channel (cross-cutting)",
    "action": "{name} — {owner}",
    "summary_line": "{name} ({owner}; {channel}): {months}, {cost}",
    "months": "months {start}–{end}",
    "month": "month {start}",
    "summary": "Actions planned: {n}, over {last} months. {lines}.",
    "empty": "No action has been planned yet.",
}


def _wrap(text: str, width: int = 38) -> str:
    return "<br>".join(textwrap.wrap(text, width=width)) or " "


def gantt_chart(table: pd.DataFrame, *, channel_names: dict[str, str], money, labels: dict[str, str] | None = None,
                source: str | None = None) -> CourseChart:
    """One horizontal bar per action of `analysis.implementation.plan_table`, from its start month to
    its end month, coloured and patterned by channel; the first action at the top.

    `channel_names` maps channel keys to display names; `money(value) -> str` formats a cost.
    """
    words = {**GANTT_LABELS, **(labels or {})}
    fig = go.Figure()
    if table.empty:
        fig.update_layout(title=words["title"])
        return CourseChart(fig, words["empty"])
    rows = table.iloc[::-1]  # plotly draws the first category at the bottom
    names = [_wrap(words["action"].format(name=r["name"], owner=r["owner"] or "?")) for _i, r in rows.iterrows()]
    rows = rows.assign(label=names, channel_key=rows["channel"].fillna(""))
    keys = list(dict.fromkeys(table["channel"].fillna("")))
    for i, key in enumerate(keys):
        part = rows[rows["channel_key"] == key]
        name = channel_names.get(key, key) if key else words["no_channel"]
        fig.add_trace(go.Bar(
            y=part["label"], x=part["duration_months"], base=part["start_month"] - 0.5, orientation="h", name=name,
            marker=dict(color=PALETTE[i % 6], pattern_shape=PATTERNS[i % len(PATTERNS)],
                        line=dict(color="#333333", width=1)),
            customdata=part[["start_month", "end_month"]].to_numpy(),
            hovertemplate="%{y}: %{customdata[0]}–%{customdata[1]}<extra>" + name + "</extra>",
        ))
    last = int(table["end_month"].max())
    fig.update_layout(
        title=_wrap(words["title"], 60), barmode="overlay", xaxis_title=words["axis"],
        xaxis=dict(range=[0.5, last + 0.5], dtick=1 if last <= 12 else 3, tick0=1),
        yaxis=dict(categoryorder="array", categoryarray=names, automargin=True),
        legend=dict(orientation="h", y=-0.18, yanchor="top", x=0), height=180 + 42 * len(table),
        title_yref="container", title_y=0.97, margin=dict(t=80, b=120),
    )
    if source:
        source_note(fig, source)
    lines = []
    for _i, r in table.iterrows():
        months = words["month" if r["start_month"] == r["end_month"] else "months"].format(start=r["start_month"],
                                                                                        end=r["end_month"])
        channel = channel_names.get(r["channel"], r["channel"]) if r["channel"] else words["no_channel"]
        lines.append(words["summary_line"].format(name=r["name"], owner=r["owner"] or "?", channel=channel,
                                                  months=months, cost=money(r["cost_azn"])))
    return CourseChart(fig, words["summary"].format(n=len(table), last=last, lines="; ".join(lines)))


def workload_chart(weekly: pd.DataFrame, *, source: str) -> CourseChart:
    """Staff-days per consultation week, stacked by channel (from `analysis.implementation.weekly_workload`)."""
    pivot = weekly.pivot_table(index="week", columns="channel", values="staff_days", aggfunc="sum", fill_value=0.0,
                               observed=True)
    order = pivot.sum().sort_values(ascending=False).index
    fig = go.Figure()
    for i, channel in enumerate(order):
        fig.add_trace(go.Bar(
            x=pivot.index, y=pivot[channel], name=str(channel),
            marker=dict(color=PALETTE[i % 7] if i != 6 else "#999999", pattern_shape=PATTERNS[i % len(PATTERNS)],
                        line=dict(color="#333333", width=1)),
            hovertemplate="week %{x}: %{y:.1f} staff-days<extra>" + str(channel) + "</extra>",
        ))
    fig.update_layout(
        title="Staff-days needed per week to handle the submissions, by channel (SYNTHETIC sample, ASSUMED times)",
        barmode="stack", xaxis_title="Week of the consultation", yaxis_title="Staff-days",
        xaxis=dict(dtick=1), legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        title_yref="container", title_y=0.97, margin_t=130,
    )
    source_note(fig, source)
    totals = pivot.sum(axis=1)
    peak = int(totals.idxmax())
    top = order[0]
    summary = (f"Over {len(totals)} weeks the submissions need {totals.sum():.0f} staff-days in all, "
               f"{totals.mean():.0f} a week on average; the busiest week, week {peak}, needs {totals.max():.0f} "
               f"staff-days. The largest share is for {top} ({pivot[top].sum():.0f} staff-days). {source}")
    return CourseChart(fig, summary)
