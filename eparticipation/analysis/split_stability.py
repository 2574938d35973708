"""How far to trust an opinion-group split: does it come back when the grouping is run again?

Pol.is shows one split and nothing about how firm it is. Here the whole method is run again
`RESAMPLES` times, each time on a random 80 % of the voters taken in a shuffled order: the opinion map
(the PCA) is computed again from those voters' votes, then the groups (`rerun_whole_method`). The
participant is the resampling unit, and everything estimated from the participants is estimated again:
re-running only the k-means on a fixed map (`rerun`, used to simulate Pol.is's history) leaves out how
much the map itself depends on who voted: it called scoop-hivemind.freshwater's split stable (agreement
0.81 on the fixed map, 0.66 with the map redrawn; benchmarks/results/opinion_groups_stability_rules.txt).
Two numbers come out:

- **agreement**: the average adjusted Rand index between the split and each re-run's own split
  (its own number of groups included), over the grouped participants the re-run saw. 1 = always the same.
- **separation**: the split's silhouette minus the highest silhouette the same method reaches on
  `NULL_CLOUDS` Gaussian clouds with the points' mean and covariance, i.e. the same spread but no
  groups at all. k-means splits any cloud; at or below 0 the dividing line could as well have been
  drawn elsewhere (re-runs may still agree: an elongated cloud is cut the same way every time).

The split is "stable" when agreement ≥ `STABLE_AGREEMENT` and separation > 0; otherwise it is
"fragile" and only the consensus statements should be read. Everything is seeded, so the same votes
and seed always give the same verdict. Pure computation: no files, no HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, silhouette_score

RESAMPLES = 40
RESAMPLE_FRACTION = 0.8
NULL_CLOUDS = 19  # the split must beat all 19: a Monte Carlo test at the 5 % level
STABLE_AGREEMENT = 0.8
SILHOUETTE_SAMPLE = 2000  # silhouette is quadratic in the number of points; a seeded sample keeps it bounded

# A grouping: points -> (chosen k, labels for each k tried). Labels are 0..k-1 per point.
Grouping = Callable[[np.ndarray], tuple[int, dict[int, np.ndarray]]]


@dataclass(frozen=True)
class Rerun:
    rows: np.ndarray  # indices into the full set of points, in the shuffled order used
    k: int  # the number of groups this re-run chose
    labels: dict[int, np.ndarray]  # labels of `rows` for each k tried


@dataclass(frozen=True)
class SplitStability:
    agreement: float
    separation: float
    n_reruns: int

    @property
    def stable(self) -> bool:
        return self.agreement >= STABLE_AGREEMENT and self.separation > 0

    @property
    def verdict(self) -> str:
        return "stable" if self.stable else "fragile: read only the consensus statements"

    @property
    def explanation(self) -> str:
        """One or two plain sentences for a facilitator."""
        reruns = (f"When the whole grouping, opinion map included, was run again {self.n_reruns} times, each time "
                  f"on a random {RESAMPLE_FRACTION:.0%} of the participants")
        if self.stable:
            return (f"Stable. {reruns}, the same groups came back (agreement {self.agreement:.2f}, where 1 means "
                    "identical), and the groups are more clearly apart than in votes without any groups.")
        reasons = []
        if self.agreement < STABLE_AGREEMENT:
            reasons.append(f"{reruns}, the groups changed (agreement {self.agreement:.2f}, where 1 means identical)")
        if self.separation <= 0:
            reasons.append("the groups are no more clearly apart than the groups this method draws in votes without any groups")
        because = "; and ".join(reasons)
        return (f"Fragile: read only the consensus statements. {because[0].upper()}{because[1:]}. Who is in which group, "
                "and what divides the groups, could come out differently with a few more or fewer participants.")


def rerun(points: np.ndarray, group: Grouping, *, seed: int, n: int = RESAMPLES, fraction: float = RESAMPLE_FRACTION) -> list[Rerun]:
    """The grouping run `n` times on random `fraction`s of the points, each in a shuffled order (seeded)."""
    rng = np.random.default_rng(seed)
    size = max(2, int(round(fraction * len(points))))
    runs = []
    for _ in range(n):
        rows = rng.permutation(rng.choice(len(points), size, replace=False))
        try:
            k, labels = group(points[rows])
        except ValueError:  # this sample is too small or too uniform to group; the others still count
            continue
        runs.append(Rerun(rows=rows, k=k, labels=labels))
    return runs


def rerun_whole_method(grouped: np.ndarray, project: Callable[[np.ndarray], np.ndarray], group: Grouping, *,
                       seed: int, n: int = RESAMPLES, fraction: float = RESAMPLE_FRACTION) -> list[Rerun]:
    """The whole method run `n` times on random `fraction`s of all voters (seeded), each in a shuffled order.

    `grouped` marks, for every voter, whether they are grouped; `project(voters)` draws the opinion map
    again from those voters' votes alone and returns the points of the grouped ones, in the given order.
    Each re-run's `rows` index the grouped participants, as `rerun`'s do, so `agreement` reads both.
    """
    rng = np.random.default_rng(seed)
    position = np.cumsum(grouped) - 1  # voter index -> index among the grouped participants
    size = max(2, int(round(fraction * len(grouped))))
    runs = []
    for _ in range(n):
        voters = rng.permutation(rng.choice(len(grouped), size, replace=False))
        try:
            k, labels = group(project(voters))
        except (ValueError, np.linalg.LinAlgError):  # too few, too alike or numerically degenerate: skip it
            continue
        runs.append(Rerun(rows=position[voters[grouped[voters]]], k=k, labels=labels))
    return runs


def consensus_split(points: np.ndarray, reference: np.ndarray, runs: list[Rerun], k: int) -> np.ndarray:
    """Each participant's group by majority over the reference split and every re-run's split into k groups.

    A re-run's groups are extended to all points by the nearest group centre and matched to the
    reference's names (Hungarian matching on the overlap); ties go to the reference.
    """
    votes = np.zeros((len(points), k))
    votes[np.arange(len(points)), reference] += 1.5  # the reference wins ties
    for run in runs:
        if k in run.labels:
            votes[np.arange(len(points)), _match(reference, extend(points, run, k), k)] += 1
    return votes.argmax(axis=1)


def extend(points: np.ndarray, run: Rerun, k: int) -> np.ndarray:
    """A re-run's split into k groups, given to every point by the nearest group centre."""
    sample, labels = points[run.rows], run.labels[k]
    centres = np.array([sample[labels == g].mean(axis=0) for g in range(k)])
    return ((points[:, None, :] - centres[None]) ** 2).sum(axis=-1).argmin(axis=1)


def _match(reference: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """`labels` renamed so that they overlap the reference's groups as much as possible."""
    overlap = np.zeros((k, k))
    np.add.at(overlap, (labels, reference), 1)
    rows, cols = linear_sum_assignment(-overlap)
    names = np.empty(k, dtype=int)
    names[rows] = cols
    return names[labels]


def agreement(labels: np.ndarray, runs: list[Rerun]) -> float:
    """Mean adjusted Rand index between `labels` and each re-run's own split, on the points it saw."""
    if not runs:
        return 0.0
    return float(np.mean([adjusted_rand_score(labels[run.rows], run.labels[run.k]) for run in runs]))


def separation(points: np.ndarray, labels: np.ndarray, k: int, group: Grouping, *, seed: int, clouds: int = NULL_CLOUDS) -> float:
    """Silhouette of the split minus the highest silhouette of the same grouping into k groups on
    `clouds` Gaussian clouds with the points' mean and covariance (structure without groups)."""
    rng = np.random.default_rng(seed)
    observed = _silhouette(points, labels, rng)
    mean, covariance = points.mean(axis=0), np.cov(points, rowvar=False)
    null = []
    for _ in range(clouds):
        cloud = rng.multivariate_normal(mean, covariance, size=len(points))
        try:
            _, split = group(cloud)
        except ValueError:
            continue
        if k in split:
            null.append(_silhouette(cloud, split[k], rng))
    return observed - max(null) if null else observed


def _silhouette(points: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> float:
    if len(np.unique(labels)) < 2:
        return 0.0
    sample = min(len(points), SILHOUETTE_SAMPLE)
    return float(silhouette_score(points, labels, sample_size=sample, random_state=int(rng.integers(2**31))))
