"""Session 11 charts: baselines and realistic targets for a monitoring and evaluation plan.

Each builder takes a table from `eparticipation.analysis.monitoring` or
`eparticipation.worksheets.me_plan.level_baselines` and returns a `CourseChart` (figure + text
summary). Bars differ by pattern as well as colour, so the charts survive black-and-white print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.charts import PALETTE, CourseChart

_PERCENT_MEASURES = {"response_rate": "Published submissions answered",
                     "answered_within_standard": "Answered within 15 working days"}
# (column, legend, colour, pattern)
_TARGET_BARS = (("overall", "whole consultation (baseline)", PALETTE[0], ""),
                ("best", "best channel", PALETTE[2], "/"),
                ("realistic_limit", "realistic limit of a target (ASSUMED stretch)", PALETTE[1], "x"))
_LEVELS = (("information", "E-information", PALETTE[0], ""), ("consultation", "E-consultation", PALETTE[1], "/"),
           ("decision", "E-decision-making", PALETTE[2], "x"))


def _bar(fig: go.Figure, y, x, name: str, colour: str, pattern: str) -> None:
    fig.add_trace(go.Bar(y=y, x=x, name=name, orientation="h", marker_color=colour, marker_pattern_shape=pattern,
                         marker_line=dict(color="#333333", width=1), texttemplate="%{x:.0f}%", textposition="outside",
                         hovertemplate="%{y}: %{x:.1f}%<extra>" + name + "</extra>"))


def target_range_chart(benchmarks: pd.DataFrame) -> CourseChart:
    """For the measures in % (`target_benchmarks` rows): the whole consultation, its best channel and
    the realistic limit of a target, side by side."""
    rows = benchmarks[benchmarks["measure"].isin(list(_PERCENT_MEASURES))].iloc[::-1]  # first measure on top
    labels = [_PERCENT_MEASURES[m] for m in rows["measure"]]
    fig = go.Figure()
    for column, name, colour, pattern in _TARGET_BARS[::-1]:  # legend order = bar order from the top
        _bar(fig, labels, rows[column].tolist(), name, colour, pattern)
    fig.update_layout(title="From baseline to a realistic target (SYNTHETIC sample consultation)", barmode="group",
                      xaxis=dict(title="% of published submissions", range=[0, 105]), height=380,
                      legend=dict(orientation="h", y=-0.25, x=0, traceorder="reversed"), margin=dict(l=230, b=120))
    parts = [f"{_PERCENT_MEASURES[r.measure]}: {r.overall:.0f}% in the whole consultation, {r.best:.0f}% on its best "
             f"channel ({r.best_group}), realistic limit {r.realistic_limit:.0f}%" for r in rows.iloc[::-1].itertuples()]
    summary = ("SYNTHETIC sample consultation. " + "; ".join(parts) + ". The limit is the best channel plus an ASSUMED "
               "stretch (data/assumptions.csv): a target above it needs a change in how the work is done.")
    return CourseChart(fig, summary)


def level_baselines_chart(table: pd.DataFrame, *, label: str = "SYNTHETIC sample of fictitious institutions") -> CourseChart:
    """Readiness baselines per EPI level (`level_baselines` output: one row per assessment)."""
    fig = go.Figure()
    names = list(table.index)[::-1]
    for level, name, colour, pattern in _LEVELS[::-1]:
        _bar(fig, names, table[level].round(1).tolist()[::-1], name, colour, pattern)
    fig.update_layout(title=f"{label}:<br>readiness baselines by E-Participation Index level (% of statements met)",
                      barmode="group", xaxis=dict(title="% Yes, legislation and policy together", range=[0, 105]),
                      height=max(380, 150 + 70 * len(names)), legend=dict(orientation="h", y=-0.2, x=0,
                                                                          traceorder="reversed"),
                      margin=dict(l=120, b=110, t=90))
    means = table.mean()
    listing = "; ".join(f"{name} {means[level]:.0f}%" for level, name, _c, _p in _LEVELS)
    lowest = {level: table[level].idxmin() for level, *_rest in _LEVELS}
    summary = (f"{label}. Readiness at each level of {len(table.index)} assessments (Session 2's combined score of the "
               f"level's statements). Group mean: {listing}. Lowest e-decision-making baseline: {lowest['decision']} "
               f"({table.loc[lowest['decision'], 'decision']:.0f}%).")
    return CourseChart(fig, summary)
