"""Opinion groups the way Pol.is forms them, from `comments.csv` + `votes.csv` alone, and how stable they are.

The steps follow Pol.is's math (compdemocracy/polis, math/src/polismath/math/conversation.clj and clusters.clj):

1. Vote matrix: participants × comments, 1 agree, -1 disagree, 0 pass, missing = not seen.
   Moderated-out comments are zeroed for everyone, so they carry no information (Pol.is does this).
2. Missing votes are replaced by the comment's mean; PCA to 2 components over all participants.
3. Sparsity-aware projection: each participant's point is scaled by sqrt(n_comments / n_votes),
   so people who voted on few comments are not all squashed into the centre.
4. Only participants with at least min(7, n_comments) votes are clustered; if fewer than 15
   qualify, the most active other voters are added up to 15 (Pol.is's rule for small conversations).
5. Up to 100 base clusters by k-means, then k-means on the base-cluster centres weighted by their
   size, for k = 2 … min(5, 2 + n_base // 12). Both start, as Pol.is does, from the first distinct
   points (deterministic, no random start).

Where the final votes alone cannot follow Pol.is, general rules stand in for its history:

- Choice of k. Pol.is scores each k by the silhouette of the base-cluster centres and switches k only
  after another k has won four updates in a row; it starts at k = 2, the only k it tries while there
  are fewer than 12 base clusters. Here each centre's silhouette is weighted by its members, and a
  larger k is taken only when its silhouette beats the smaller one's by K_MARGIN.
- History. Pol.is updates its groups as votes arrive, each update starting from the previous one, so
  its split depends on the order in which people came. We run the grouping again on 40 random 80 %
  samples of the grouped participants, each in a shuffled order (seeded), and give each participant
  the group most runs agree on (`split_stability.consensus_split`).
- Stability, which Pol.is does not show: how well re-runs of the whole method, opinion map included,
  on random 80 % samples of the voters agree with the split, and whether the groups are further apart
  than the groups drawn in clouds without groups (`split_stability`).

How close this gets to Pol.is's own groups on thirteen open conversations (7 of the 12 with 100+
voters grouped by Pol.is reach ARI 0.8, and all 5 that fall short are flagged fragile) is in
benchmarks/results/opinion_groups.csv, produced by benchmarks/bench_opinion_groups.py and shown in
book/data.md, "How close this comes to Pol.is".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_samples
from threadpoolctl import threadpool_limits

from eparticipation.analysis.split_stability import (
    SplitStability, agreement, consensus_split, rerun, rerun_whole_method, separation,
)
from eparticipation.data.polis import MODERATED_OUT, PolisExport
from eparticipation.errors import CourseDataError

MIN_VOTES = 7  # Pol.is: clustered once a participant has voted on min(7, n_comments) comments
BASE_K = 100
MAX_K = 5
K_MARGIN = 0.05  # a larger k must beat the smaller one's silhouette by this much (stands in for Pol.is's smoothing)
GREEDY_N = 15  # Pol.is: if fewer qualify, the most active voters are added up to this many
MIN_CLUSTERED = 10  # below this we do not form groups at all (too few points for k-means + silhouette)
CAUTION_BELOW = 100  # the course's threshold for "treat these groups with caution"
GROUP_NAMES = "ABCDE"


@dataclass(frozen=True)
class OpinionGroups:
    """Result of `find_opinion_groups`. `participants` has one row per voter."""

    participants: pd.DataFrame  # participant, n_votes, x, y, clustered, group ('A'.. or '' if not clustered)
    k: int
    silhouettes: dict[int, float]
    explained_variance: tuple[float, float]
    n_comments: int
    stability: SplitStability | None = None  # None only for groups not formed here (Pol.is's own, for comparison)

    @property
    def clustered(self) -> pd.DataFrame:
        return self.participants[self.participants["clustered"]]

    @property
    def group_sizes(self) -> pd.Series:
        return self.clustered["group"].value_counts().sort_index()

    @property
    def caution(self) -> str | None:
        n = len(self.clustered)
        if n < CAUTION_BELOW:
            return (
                f"Only {n} participants voted enough to be grouped; with fewer than {CAUTION_BELOW} the groups "
                "can change a lot with a few more votes. Read them as a sketch, not a finding."
            )
        return None


def vote_matrix(votes: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    """Participants × comments (float, NaN = not seen); moderated-out comments zeroed as in Pol.is."""
    matrix = votes.pivot(index="participant", columns="comment_id", values="vote").astype(float)
    moderated_out = comments.loc[comments["moderated"] == MODERATED_OUT, "comment_id"]
    zeroed = matrix.columns.intersection(moderated_out)
    matrix[zeroed] = 0.0
    return matrix.sort_index().sort_index(axis=1)


def _first_distinct(points: np.ndarray, k: int) -> np.ndarray:
    """The first k distinct rows, in order (Pol.is's `init-clusters`)."""
    _, first = np.unique(points.round(12), axis=0, return_index=True)
    return points[np.sort(first)[:k]]


def _splits(points: np.ndarray, *, weighted: bool = True) -> tuple[dict[int, np.ndarray], dict[int, float]]:
    """Pol.is's two-level k-means: labels of every point for each k tried, and each k's silhouette.

    `weighted=False` scores k exactly as Pol.is does (each base-cluster centre counts once); it is
    kept for the benchmark's comparison of rules.

    Raises ValueError when the points are too few or too alike to split (callers decide what to say).
    """
    n_base = min(BASE_K, len(np.unique(points.round(12), axis=0)))
    if n_base < 3:
        raise ValueError(f"the {len(points)} participants voted in only {n_base} distinct way(s)")
    base = KMeans(n_base, init=_first_distinct(points, n_base), n_init=1, max_iter=100).fit(points)
    centres, base_labels = base.cluster_centers_, base.labels_
    weights = np.bincount(base_labels, minlength=n_base)
    by_k: dict[int, np.ndarray] = {}
    silhouettes: dict[int, float] = {}
    for k in range(2, min(MAX_K, 2 + n_base // 12, n_base - 1) + 1):
        groups = KMeans(k, init=centres[:k], n_init=1, max_iter=100).fit(centres, sample_weight=weights).labels_
        if len(np.unique(groups)) < 2:
            continue
        # Silhouette over the base-cluster centres as Pol.is computes it, but each centre weighted by its
        # members: unweighted, a handful of outlying base clusters can make k = 4 look best.
        silhouettes[k] = float(np.average(silhouette_samples(centres, groups), weights=weights if weighted else None))
        by_k[k] = groups[base_labels]
    if not by_k:
        raise ValueError("every try put all participants in one group")
    return by_k, silhouettes


def _choose_k(silhouettes: dict[int, float]) -> int:
    """The smallest k whose silhouette is within K_MARGIN of the best.

    Pol.is starts with 2 groups (with few participants it may try no other) and switches only after
    another k has won four updates in a row; preferring the smaller k unless a larger one is clearly
    better stands in for that history.
    """
    best = max(silhouettes.values())
    return min(k for k, score in silhouettes.items() if score >= best - K_MARGIN)


def _group(points: np.ndarray) -> tuple[int, dict[int, np.ndarray]]:
    by_k, silhouettes = _splits(points)
    return _choose_k(silhouettes), by_k


@dataclass(frozen=True)
class OpinionMap:
    """Every voter on Pol.is's two-dimensional opinion map, and who is grouped (steps 1-4 above)."""

    participants: np.ndarray  # participant ids, sorted
    n_votes: np.ndarray  # real votes cast (moderated-out statements included, as Pol.is counts)
    points: np.ndarray  # participants × 2
    grouped: np.ndarray  # bool: voted enough to be grouped
    explained_variance: tuple[float, float]
    n_comments: int
    votes: np.ndarray = field(repr=False)  # the vote matrix the map was drawn from (NaN = not seen)

    def redraw(self, voters: np.ndarray) -> np.ndarray:
        """The map drawn again from these voters' votes alone (in this order); the points of the grouped ones.

        Used by the stability re-runs. A randomised PCA (seeded; Pol.is itself uses power iteration) keeps
        40 re-draws fast; it finds the same two components as the full PCA up to rounding.
        """
        pca = PCA(n_components=2, svd_solver="randomized", random_state=0)
        points, _ = _draw_map(self.votes[voters], pca)
        return points[self.grouped[voters]]


def _draw_map(votes: np.ndarray, pca: PCA) -> tuple[np.ndarray, PCA]:
    """Missing votes replaced by the statement's mean (0 if nobody saw it), PCA to 2 components,
    sparsity-aware scaling (steps 2-3)."""
    seen = ~np.isnan(votes)
    n_seen = seen.sum(axis=0)
    means = np.divide(np.where(seen, votes, 0.0).sum(axis=0), n_seen, out=np.zeros(votes.shape[1]), where=n_seen > 0)
    filled = np.where(seen, votes, means)
    return pca.fit_transform(filled) * np.sqrt(votes.shape[1] / np.maximum(seen.sum(axis=1), 1))[:, None], pca


def opinion_map(export: PolisExport, *, min_votes: int = MIN_VOTES) -> OpinionMap:
    """The opinion map of a conversation, or a `CourseDataError` saying why it has too few voters."""
    active = set(export.active_comment_ids)
    if len(active) < 2:
        raise CourseDataError(
            f"cannot form opinion groups: only {len(active)} comment(s) are not moderated out.",
            file=export.folder,
            fix="Groups need votes on at least two comments.",
        )
    matrix = vote_matrix(export.votes, export.comments)
    n_comments = matrix.shape[1]
    # Vote counts before zeroing decide who is clustered (Pol.is counts raw votes); after zeroing,
    # every participant "has" a 0 on each moderated-out comment, which is what the scaling sees.
    raw_counts = export.votes.groupby("participant").size().reindex(matrix.index).to_numpy()
    in_conv = raw_counts >= min(min_votes, n_comments)
    if in_conv.sum() < GREEDY_N:  # Pol.is tops up with the most active voters so small conversations get groups
        most_active = [i for i in np.argsort(-raw_counts, kind="stable") if not in_conv[i]]
        in_conv[most_active[: GREEDY_N - int(in_conv.sum())]] = True
    n_in = int(in_conv.sum())
    if n_in < MIN_CLUSTERED:
        raise CourseDataError(
            f"cannot form opinion groups: only {n_in} participants have voted, and at least {MIN_CLUSTERED} are needed.",
            file=export.folder,
            fix="Wait for more votes, or read the comments' agree/disagree counts directly.",
        )
    votes = matrix.to_numpy()
    points, pca = _draw_map(votes, PCA(n_components=2, svd_solver="full"))
    return OpinionMap(
        participants=matrix.index.to_numpy(),
        n_votes=raw_counts,
        points=points,
        grouped=in_conv,
        explained_variance=tuple(float(v) for v in pca.explained_variance_ratio_),
        n_comments=n_comments,
        votes=votes,
    )


def find_opinion_groups(export: PolisExport, *, seed: int = 0, min_votes: int = MIN_VOTES) -> OpinionGroups:
    """Pol.is-style opinion groups with a stability verdict. Never reads the shipped `group-id`.

    Raises `CourseDataError` when there are too few voters to form groups, saying how many there are.
    `seed` fixes the re-runs (which participants, in which order); the same votes and seed always give
    the same groups and verdict.
    """
    # One thread: on 2-D points sklearn's k-means threads cost far more than they save, and on a
    # shared machine threaded BLAS in the PCA can stall for seconds.
    with threadpool_limits(limits=1):
        opinions = opinion_map(export, min_votes=min_votes)
        points = opinions.points[opinions.grouped]
        try:
            by_k, silhouettes = _splits(points)
        except ValueError as error:
            raise CourseDataError(
                f"cannot form opinion groups: {error}.",
                file=export.folder,
                fix="Groups need participants who voted differently.",
            ) from None
        k = _choose_k(silhouettes)
        runs = rerun(points, _group, seed=seed)
        labels = consensus_split(points, by_k[k], runs, k)
        if len(np.unique(labels)) < 2:  # the majority emptied a group: keep the full run's split
            labels = by_k[k]
        k = len(np.unique(labels))
        # Stability re-runs the whole method, map included (see split_stability): the fixed-map re-runs
        # above simulate Pol.is's history for the split, but hide how much the map depends on who voted.
        whole = rerun_whole_method(opinions.grouped, opinions.redraw, _group, seed=seed)
        stability = SplitStability(
            agreement=agreement(labels, whole),
            separation=separation(points, labels, k, _group, seed=seed),
            n_reruns=len(whole),
        )
    table = pd.DataFrame(
        {
            "participant": opinions.participants,
            "n_votes": opinions.n_votes,
            "x": opinions.points[:, 0],
            "y": opinions.points[:, 1],
            "clustered": opinions.grouped,
            "group": "",
        }
    )
    table.loc[opinions.grouped, "group"] = _name_by_size(labels)
    return OpinionGroups(
        participants=table,
        k=k,
        silhouettes={k: round(v, 4) for k, v in silhouettes.items()},
        explained_variance=opinions.explained_variance,
        n_comments=opinions.n_comments,
        stability=stability,
    )


def _name_by_size(labels: np.ndarray) -> np.ndarray:
    """Group names A, B, … from largest to smallest (ties by first appearance), so names are stable."""
    ids, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-counts[i], first[i]))
    mapping = {ids[i]: GROUP_NAMES[rank] for rank, i in enumerate(order)}
    return np.array([mapping[label] for label in labels])


def group_vote_counts(export: PolisExport, groups: OpinionGroups) -> pd.DataFrame:
    """Per comment and group: agree (A), disagree (D), pass (P), seen (S) among clustered participants,
    and the smoothed shares p_agree = (A+1)/(S+2), p_disagree = (D+1)/(S+2)."""
    members = groups.clustered[["participant", "group"]]
    votes = export.votes.merge(members, on="participant")
    votes = votes[votes["comment_id"].isin(export.active_comment_ids)]
    counts = votes.assign(
        A=(votes["vote"] == 1).astype(int), D=(votes["vote"] == -1).astype(int), P=(votes["vote"] == 0).astype(int), S=1
    ).groupby(["comment_id", "group"])[["A", "D", "P", "S"]].sum()
    full = pd.MultiIndex.from_product([export.active_comment_ids, sorted(groups.group_sizes.index)], names=["comment_id", "group"])
    counts = counts.reindex(full, fill_value=0).reset_index()
    # Pol.is's smoothed probabilities: +1/+2 is a weak prior, so a group of 2 cannot look unanimous.
    counts["p_agree"] = (counts["A"] + 1) / (counts["S"] + 2)
    counts["p_disagree"] = (counts["D"] + 1) / (counts["S"] + 2)
    return counts


def consensus_statements(export: PolisExport, groups: OpinionGroups, *, top: int = 10, min_seen: int = 3) -> pd.DataFrame:
    """Group-aware consensus (Pol.is): product over groups of (A+1)/(S+2), for agreement and disagreement.

    `consensus` is the geometric mean of the per-group probabilities (the product normalised for the
    number of groups, as Pol.is's developers discuss), so it reads as "typical agree rate across all
    groups". Only comments every group has seen at least `min_seen` times are ranked.
    """
    counts = group_vote_counts(export, groups)
    per_comment = counts.groupby("comment_id").agg(
        agree_product=("p_agree", "prod"),
        disagree_product=("p_disagree", "prod"),
        min_seen=("S", "min"),
        n_seen=("S", "sum"),
    )
    k = groups.k
    per_comment["consensus_agree"] = per_comment["agree_product"] ** (1 / k)
    per_comment["consensus_disagree"] = per_comment["disagree_product"] ** (1 / k)
    per_comment["direction"] = np.where(per_comment["consensus_agree"] >= per_comment["consensus_disagree"], "agree", "disagree")
    per_comment["consensus"] = per_comment[["consensus_agree", "consensus_disagree"]].max(axis=1)
    ranked = per_comment[per_comment["min_seen"] >= min_seen].sort_values(["consensus", "n_seen"], ascending=False)
    ranked = ranked.join(_agree_shares(counts)).join(export.comments.set_index("comment_id")["text"])
    return ranked.head(top).reset_index()


def divisive_statements(export: PolisExport, groups: OpinionGroups, *, top: int = 10, min_seen: int = 3) -> pd.DataFrame:
    """Statements that divide the groups: largest spread of the (smoothed) agree rate between groups.

    `representative_of` names the group that agrees most; `spread` is the gap in agree rate between
    the most- and least-agreeing group (0 = same view, 1 = opposite).
    """
    counts = group_vote_counts(export, groups)
    wide = counts.pivot(index="comment_id", columns="group", values="p_agree")
    seen = counts.pivot(index="comment_id", columns="group", values="S")
    table = pd.DataFrame(
        {
            "spread": wide.max(axis=1) - wide.min(axis=1),
            "representative_of": wide.idxmax(axis=1),
            "min_seen": seen.min(axis=1),
            "n_seen": seen.sum(axis=1),
        }
    )
    table = table[table["min_seen"] >= min_seen].sort_values(["spread", "n_seen"], ascending=False)
    table = table.join(_agree_shares(counts)).join(export.comments.set_index("comment_id")["text"])
    return table.head(top).reset_index()


def _agree_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Raw share agreeing per group (unsmoothed, for display), columns `agree_A`, `agree_B`, …"""
    share = counts.assign(share=counts["A"] / counts["S"].where(counts["S"] > 0))
    wide = share.pivot(index="comment_id", columns="group", values="share")
    wide.columns = [f"agree_{g}" for g in wide.columns]
    return wide


def agreement_with_shipped_groups(export: PolisExport, groups: OpinionGroups) -> tuple[float, int]:
    """Adjusted Rand index between our groups and Pol.is's shipped `group-id`, and how many were compared.

    Compares participants that both assign to a group. Used only to check ourselves against Pol.is.
    """
    from sklearn.metrics import adjusted_rand_score

    if export.participants_votes is None:
        raise CourseDataError("this export has no participants-votes.csv to compare with.", file=export.folder)
    shipped = export.participants_votes.set_index("participant")["group_id"].dropna()
    ours = groups.clustered.set_index("participant")["group"]
    common = ours.index.intersection(shipped.index)
    return float(adjusted_rand_score(shipped.loc[common], ours.loc[common])), len(common)
