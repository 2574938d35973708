"""Session 9 charts: the stakeholder map (influence × interest) and the participation plan by stage.

The builders take plain values and translated labels (the worksheet translates), and return a
`CourseChart`: the figure plus the text summary the caller passes. Quadrants differ by marker shape as
well as colour (Okabe–Ito), and the plan's levels are printed on the bars, so both charts survive
black-and-white print. Participant text is escaped before plotly draws it (plotly reads a few HTML tags).
"""

from __future__ import annotations

import html
from collections import Counter

import plotly.graph_objects as go

from eparticipation.charts import PALETTE, CourseChart

QUADRANT_STYLE = {  # quadrant -> (colour, marker symbol)
    "manage_closely": (PALETTE[5], "diamond"),
    "keep_satisfied": (PALETTE[0], "square"),
    "keep_informed": (PALETTE[2], "circle"),
    "monitor": ("#777777", "triangle-up"),
}
# Where each quadrant's label sits on the 1–4 map: (interest, influence).
_QUADRANT_LABEL_AT = {"manage_closely": (3.5, 4.45), "keep_satisfied": (1.5, 4.45),
                      "keep_informed": (3.5, 0.55), "monitor": (1.5, 0.55)}
# Several stakeholders on one square are spread around it, in this order (deterministic, no randomness).
_SPREAD = ((0, 0), (0.18, 0.12), (-0.18, -0.12), (0.18, -0.12), (-0.18, 0.12), (0, 0.2), (0, -0.2), (0.25, 0))


def stakeholder_map_chart(points: list[tuple[str, int, int, str]], *, quadrant_names: dict[str, str], title: str,
                          x_title: str, y_title: str, summary: str) -> CourseChart:
    """points: (name, influence 1–4, interest 1–4, quadrant). Interest runs right, influence up."""
    fig = go.Figure()
    seen: Counter = Counter()
    placed: dict[str, list[tuple[float, float, str]]] = {q: [] for q in QUADRANT_STYLE}
    for name, influence, interest, quadrant in points:
        dx, dy = _SPREAD[seen[(influence, interest)] % len(_SPREAD)]
        seen[(influence, interest)] += 1
        placed[quadrant].append((interest + dx, influence + dy, html.escape(name)))
    for quadrant, (colour, symbol) in QUADRANT_STYLE.items():
        if not placed[quadrant]:
            continue
        xs, ys, names = zip(*placed[quadrant])
        fig.add_trace(go.Scatter(
            x=list(xs), y=list(ys), text=list(names), mode="markers+text", textposition="top center",
            name=quadrant_names[quadrant], marker=dict(color=colour, symbol=symbol, size=14,
                                                       line=dict(color="#333333", width=1)),
            textfont=dict(size=11), hovertemplate="%{text}<extra>" + html.escape(quadrant_names[quadrant]) + "</extra>",
        ))
    for line in (dict(x0=2.5, x1=2.5, y0=0.3, y1=4.7), dict(x0=0.3, x1=4.7, y0=2.5, y1=2.5)):
        fig.add_shape(type="line", line=dict(color=PALETTE[7], dash="dash", width=1.5), **line)
    for quadrant, (x, y) in _QUADRANT_LABEL_AT.items():
        fig.add_annotation(x=x, y=y, text=f"<i>{html.escape(quadrant_names[quadrant].split(' (')[0])}</i>",
                           showarrow=False, font=dict(size=12, color="#444444"))
    axis = dict(range=[0.3, 4.7], tickvals=[1, 2, 3, 4], zeroline=False, showgrid=False)
    fig.update_layout(title=title, xaxis=dict(title=x_title, **axis), yaxis=dict(title=y_title, **axis),
                      height=560, legend=dict(orientation="h", y=-0.18, x=0), margin=dict(t=70, b=130))
    return CourseChart(fig, summary)


def participation_plan_chart(stages: list[str], levels: list[int], level_names: list[str], *, title: str,
                             summary: str) -> CourseChart:
    """One bar per stage of the policy cycle, as high as its participation level (0 none … 3), named on the bar."""
    fig = go.Figure(go.Bar(
        x=stages, y=levels, text=[level_names[level] for level in levels], textposition="outside",
        marker=dict(color=[PALETTE[min(level, 3)] if level else "#BBBBBB" for level in levels],
                    pattern_shape=[("", "/", ".", "x")[level] for level in levels],
                    line=dict(color="#333333", width=1)),
        hovertemplate="%{x}: %{text}<extra></extra>",
    ))
    fig.update_layout(title=title, yaxis=dict(range=[0, 3.6], tickvals=[0, 1, 2, 3], ticktext=level_names,
                                              showgrid=True), height=420, showlegend=False, margin=dict(l=150))
    return CourseChart(fig, summary)
