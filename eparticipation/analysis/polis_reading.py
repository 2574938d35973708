"""Notebook-facing views of a Pol.is conversation's groups for policymakers (Session 7).

Thin tables over `opinion_groups`: what was grouped and how stable the split is, and a statement
table with each group's share agreeing, in percent. No new analysis here.
"""

from __future__ import annotations

import pandas as pd

from eparticipation.analysis.opinion_groups import OpinionGroups
from eparticipation.data.polis import PolisExport


def groups_overview(export: PolisExport, groups: OpinionGroups) -> pd.Series:
    """Voters, grouped participants, groups and their sizes, and the stability verdict, as one column."""
    return pd.Series({
        "conversation": export.topic,
        "voters": int(export.votes["participant"].nunique()),
        "statements": groups.n_comments,
        "participants grouped": len(groups.clustered),
        "groups": groups.k,
        "group sizes": ", ".join(f"{name}: {n}" for name, n in groups.group_sizes.items()),
        "re-run agreement (1 = identical)": round(groups.stability.agreement, 2),
        "verdict": groups.stability.verdict,
    }, name=export.name)


def statement_view(table: pd.DataFrame, groups: OpinionGroups) -> pd.DataFrame:
    """A `consensus_statements` / `divisive_statements` table as id, statement and % agreeing per group."""
    view = table[["comment_id", "text"]].rename(columns={"comment_id": "id", "text": "statement"})
    for name in groups.group_sizes.index:
        view[f"% agree, group {name}"] = (100 * table[f"agree_{name}"]).round(0)
    return view.set_index("id")
