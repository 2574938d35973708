"""Charts of a Pol.is conversation's opinion groups for Session 7's notebook (real data, CC BY 4.0).

Each builder returns a `CourseChart` (figure + text summary). Groups differ by colour (Okabe–Ito)
and by marker or bar pattern, so print in black and white keeps them apart. The conversation's
attribution goes under every chart. Charts carry statement ids, never statement text (the text
is shown, escaped, in the tables beside them).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.analysis.opinion_groups import OpinionGroups
from eparticipation.charts import PALETTE, CourseChart, source_note

SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")
PATTERNS = ("", "/", ".", "x", "-")


def _sizes(groups: OpinionGroups) -> str:
    return ", ".join(f"group {name} {n}" for name, n in groups.group_sizes.items())


def opinion_map_chart(groups: OpinionGroups, *, topic: str, attribution: str) -> CourseChart:
    """Each grouped participant as a dot, placed by how they voted; one colour and marker per group."""
    fig = go.Figure()
    for i, (name, members) in enumerate(groups.clustered.groupby("group")):
        fig.add_trace(go.Scatter(x=members["x"], y=members["y"], mode="markers", name=f"Group {name} ({len(members)})",
                                 marker=dict(color=PALETTE[i % len(PALETTE)], symbol=SYMBOLS[i % len(SYMBOLS)],
                                             size=7, opacity=0.75)))
    fig.update_layout(title="Opinion map: each dot is a participant, placed by how they voted",
                      xaxis_title="first component (no fixed meaning)", yaxis_title="second component",
                      margin=dict(b=120))
    source_note(fig, attribution)
    share = 100 * sum(groups.explained_variance)
    summary = (f"Opinion map of the Pol.is conversation \"{topic}\": {len(groups.clustered):,} participants who voted "
               f"on enough statements, in {groups.k} groups ({_sizes(groups)}). The two axes summarise "
               f"{share:.0f}% of the variation in votes; nearby dots voted alike. Stability: {groups.stability.verdict}.")
    return CourseChart(fig, summary)


def group_agreement_chart(statements: pd.DataFrame, groups: OpinionGroups, *, title: str,
                          attribution: str) -> CourseChart:
    """Share of each group agreeing with each statement (a `consensus_statements` or
    `divisive_statements` table), as grouped bars by statement id."""
    labels = [f"#{int(c)}" for c in statements["comment_id"]]
    fig = go.Figure()
    parts = []
    for i, name in enumerate(groups.group_sizes.index):
        shares = 100 * statements[f"agree_{name}"]
        fig.add_trace(go.Bar(x=labels, y=shares, name=f"Group {name}",
                             marker=dict(color=PALETTE[i % len(PALETTE)], pattern_shape=PATTERNS[i % len(PATTERNS)])))
        parts.append(f"group {name}: " + ", ".join(f"{label} {value:.0f}%" for label, value in zip(labels, shares)
                                                   if pd.notna(value)))
    fig.update_layout(title=title, barmode="group", xaxis_title="statement id (text in the table)",
                      yaxis_title="% of the group agreeing", yaxis_range=[0, 100], margin=dict(b=120))
    source_note(fig, attribution)
    summary = f"{title}. Share agreeing by group and statement: " + "; ".join(parts) + "."
    return CourseChart(fig, summary)
