"""How our opinion groups compare with the groups Pol.is itself shipped, conversation by conversation.

Used by `benchmarks/bench_opinion_groups.py`, whose committed results
(`benchmarks/results/opinion_groups.csv`) are rendered by `markdown_table` into book/data.md.
Pol.is's `group-id` is read here only as the yardstick, after our groups have been formed.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from eparticipation.analysis.opinion_groups import (
    OpinionGroups,
    agreement_with_shipped_groups,
    consensus_statements,
    find_opinion_groups,
)
from eparticipation.data.polis import PolisExport
from eparticipation.errors import CourseDataError

TARGET_ARI = 0.8
MIN_GROUPED = 100  # the goal counts conversations with at least this many voters grouped by Pol.is
RESULT_COLUMNS = [
    "conversation", "voters", "grouped_polis", "grouped_ours", "k_polis", "k_ours", "ari",
    "consensus_overlap", "agreement", "separation", "verdict", "seconds",
]


def shipped_groups(export: PolisExport) -> OpinionGroups:
    """Pol.is's own groups (`group-id` of participants-votes.csv) in our format, for comparison only."""
    if export.participants_votes is None:
        raise CourseDataError("this export has no participants-votes.csv to compare with.", file=export.folder)
    shipped = export.participants_votes.dropna(subset=["group_id"])
    voters = shipped[shipped["participant"].isin(export.votes["participant"])]
    if voters.empty:
        raise CourseDataError("Pol.is grouped no participant in this export; there is nothing to compare with.",
                              file=export.folder)
    participants = pd.DataFrame({
        "participant": voters["participant"].astype(int).to_numpy(),
        "clustered": True,
        # Pol.is numbers its groups from 0; A, B, … keeps our tables' column names.
        "group": [chr(ord("A") + int(g)) for g in voters["group_id"]],
    })
    return OpinionGroups(
        participants=participants, k=participants["group"].nunique(), silhouettes={}, explained_variance=(np.nan, np.nan),
        n_comments=len(export.active_comment_ids),
    )


def compare_with_polis(export: PolisExport, *, seed: int = 0, top: int = 10) -> dict:
    """One row of the benchmark: sizes, numbers of groups, ARI with Pol.is's groups, how many of the
    top-`top` consensus statements the two groupings share, our stability, and the seconds our step took."""
    polis = shipped_groups(export)
    start = time.perf_counter()
    ours = find_opinion_groups(export, seed=seed)
    seconds = time.perf_counter() - start
    ari, _ = agreement_with_shipped_groups(export, ours)
    shared = set(consensus_statements(export, ours, top=top)["comment_id"]) & set(
        consensus_statements(export, polis, top=top)["comment_id"])
    return {
        "conversation": export.name,
        "voters": int(export.votes["participant"].nunique()),
        "grouped_polis": len(polis.clustered),
        "grouped_ours": len(ours.clustered),
        "k_polis": polis.k,
        "k_ours": ours.k,
        "ari": round(ari, 3),
        "consensus_overlap": len(shared),
        "agreement": round(ours.stability.agreement, 2),
        "separation": round(ours.stability.separation, 3),
        "verdict": "stable" if ours.stability.stable else "fragile",
        "seconds": round(seconds, 1),
    }


def summary(results: pd.DataFrame) -> str:
    """One sentence: how many conversations reach the target, and whether every one that falls short is flagged."""
    counted = results[results["grouped_polis"] >= MIN_GROUPED]
    short = counted[counted["ari"] < TARGET_ARI]
    missed = short[short["verdict"] != "fragile"]["conversation"].tolist()
    flagged = ("every one of them is flagged fragile" if not missed
               else f"{len(short) - len(missed)} of them are flagged fragile (not: {', '.join(f'`{m}`' for m in missed)})")
    return (f"{(counted['ari'] >= TARGET_ARI).sum()} of the {len(counted)} conversations with at least {MIN_GROUPED} "
            f"voters grouped by Pol.is reach ARI {TARGET_ARI}; {len(short)} fall short, and {flagged}. "
            f"On all {len(results)} conversations, the top ten consensus statements from our groups and from "
            f"Pol.is's share {results['consensus_overlap'].min()} to {results['consensus_overlap'].max()} statements.")


def markdown_table(results: pd.DataFrame) -> str:
    """The table of book/data.md ("How close this comes to Pol.is"), rendered from the benchmark's results."""
    lines = [
        "| conversation | voters | grouped by Pol.is / by us | groups, Pol.is / ours | ARI | consensus top 10 shared "
        "| re-run agreement | apart more than without groups | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results.sort_values(["ari", "conversation"], ascending=[False, True]).itertuples():
        lines.append(
            f"| `{row.conversation}` | {row.voters:,} | {row.grouped_polis:,} / {row.grouped_ours:,} | {row.k_polis} / {row.k_ours} "
            f"| {row.ari:.2f} | {row.consensus_overlap} | {row.agreement:.2f} | {'yes' if row.separation > 0 else 'no'} "
            f"| {row.verdict} |"
        )
    return "\n".join(lines)
