"""Session 12 figure: the group's network of institutions and stakeholders (`analysis.network`).

A two-column layout, fixed so the chart is the same on every run: participants on the left in the
order given, organisations on the right, most named first. Links to an organisation that two or more
participants name are solid and coloured; the others are grey and dotted, so they differ in
black-and-white print too. Organisations named by several participants are filled squares, the rest
open squares. The builder takes its texts as arguments (Azerbaijani or English).
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from eparticipation.analysis.network import Network
from eparticipation.charts import PALETTE, CourseChart

MAX_SHOWN = 30  # organisations drawn; the summary counts those left out


@dataclass(frozen=True)
class NetworkTexts:
    title: str
    participants: str  # column heading
    organisations: str  # column heading
    summary: str  # the counts, already worded
    more: str = "+{n}"  # label for organisations not drawn


def _positions(names: tuple[str, ...] | list[str]) -> dict[str, float]:
    """Evenly spaced from top (1) to bottom (0); one name sits in the middle."""
    if len(names) == 1:
        return {names[0]: 0.5}
    return {name: 1 - i / (len(names) - 1) for i, name in enumerate(names)}


def _short(text: str, width: int = 42) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def network_chart(network: Network, texts: NetworkTexts, *, max_shown: int = MAX_SHOWN) -> CourseChart:
    shown = list(network.organisations[:max_shown])
    left, right = _positions(network.participants), _positions(shown)
    fig = go.Figure()
    for shared, colour, dash, width in ((False, "#999999", "dot", 1), (True, PALETTE[0], "solid", 2)):
        xs, ys = [], []
        for organisation in shown:
            if (len(network.named_by[organisation]) >= 2) != shared:
                continue
            for participant in network.named_by[organisation]:
                xs += [0, 1, None]
                ys += [left[participant], right[organisation], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                     line=dict(color=colour, dash=dash, width=width)))
    fig.add_trace(go.Scatter(
        x=[0] * len(left), y=list(left.values()), mode="markers+text", text=[_short(p, 24) for p in left],
        textposition="middle left", name=texts.participants, hovertext=list(left), hoverinfo="text",
        marker=dict(symbol="circle", size=14, color=PALETTE[1], line=dict(color="#333333", width=1))))
    counts = [len(network.named_by[o]) for o in shown]
    fig.add_trace(go.Scatter(
        x=[1] * len(shown), y=[right[o] for o in shown], mode="markers+text",
        text=[f"{_short(o)} ({n})" for o, n in zip(shown, counts)], textposition="middle right",
        name=texts.organisations, hovertext=shown, hoverinfo="text",
        marker=dict(symbol="square", size=[10 + 4 * min(n, 6) for n in counts],
                    color=[PALETTE[0] if n >= 2 else "white" for n in counts],
                    line=dict(color=PALETTE[0], width=2))))
    hidden = len(network.organisations) - len(shown)
    annotations = [dict(x=x, y=1.0, yanchor="bottom", xref="x", yref="paper", text=f"<b>{label}</b>", showarrow=False)
                   for x, label in ((0, texts.participants), (1, texts.organisations))]
    if hidden:
        annotations.append(dict(x=1, y=-0.06, xref="x", yref="paper", showarrow=False,
                                text=texts.more.format(n=hidden)))
    rows = max(len(left), len(shown), 2)
    fig.update_layout(title=texts.title, showlegend=False, height=180 + 28 * rows, annotations=annotations,
                      xaxis=dict(range=[-0.6, 2.2], visible=False), yaxis=dict(range=[-0.08, 1.1], visible=False),
                      margin=dict(l=20, r=20, t=90, b=40))
    return CourseChart(fig, f"{texts.title}. {texts.summary}")
