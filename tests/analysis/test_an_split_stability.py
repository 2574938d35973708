import numpy as np
import pytest

from eparticipation.analysis import opinion_groups as og
from eparticipation.analysis.opinion_groups import find_opinion_groups
from eparticipation.analysis.split_stability import (
    STABLE_AGREEMENT, Rerun, SplitStability, agreement, consensus_split, rerun, rerun_whole_method, separation,
)
from eparticipation.data.polis import load_polis_export
from polis_helpers import make_noise_folder, make_polis_folder


def test_a_planted_clear_split_is_stable(tmp_path):
    groups = find_opinion_groups(load_polis_export(make_polis_folder(tmp_path / "c", n_participants=120)))
    assert groups.k == 2
    assert groups.stability.agreement > 0.95 and groups.stability.separation > 0.1
    assert groups.stability.stable and groups.stability.verdict == "stable"
    assert groups.stability.explanation.startswith("Stable.")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pure_noise_is_fragile(tmp_path, seed):
    groups = find_opinion_groups(load_polis_export(make_noise_folder(tmp_path / "c", seed=seed)))
    assert not groups.stability.stable
    assert groups.stability.agreement < STABLE_AGREEMENT
    assert groups.stability.verdict == "fragile: read only the consensus statements"
    assert groups.stability.explanation.startswith("Fragile: read only the consensus statements.")


def test_a_cloud_without_groups_is_fragile_even_when_reruns_agree():
    # k-means cuts an elongated cloud the same way every time, so re-runs agree; only the separation
    # test (against clouds without groups) shows there is no gap between the "groups".
    points = np.random.default_rng(0).normal(size=(300, 2)) * [3.0, 1.0]
    k, by_k = og._group(points)
    runs = rerun(points, og._group, seed=0)
    labels = consensus_split(points, by_k[k], runs, k)
    stability = SplitStability(agreement(labels, runs), separation(points, labels, k, og._group, seed=0), len(runs))
    assert stability.agreement >= STABLE_AGREEMENT
    assert stability.separation <= 0 and not stability.stable
    assert "no more clearly apart" in stability.explanation


def test_two_separate_blobs_are_well_separated():
    rng = np.random.default_rng(1)
    points = np.vstack([rng.normal(size=(100, 2)) * 0.5 - [3, 0], rng.normal(size=(100, 2)) * 0.5 + [3, 0]])
    labels = np.repeat([0, 1], 100)
    assert separation(points, labels, 2, og._group, seed=0) > 0.2


def test_the_same_seed_gives_the_same_groups_and_verdict(tmp_path):
    export = load_polis_export(make_noise_folder(tmp_path / "c"))
    first, second = find_opinion_groups(export, seed=3), find_opinion_groups(export, seed=3)
    assert first.participants.equals(second.participants) and first.stability == second.stability


def test_consensus_matches_renamed_groups_and_follows_the_majority():
    points = np.array([[0.0, 0], [0.1, 0], [0.2, 0], [5, 0], [5.1, 0], [5.2, 0]])
    reference = np.array([0, 0, 1, 1, 1, 1])  # point 2 sits with the left points but is labelled right
    # Two re-runs with the names swapped (1 = left) that put point 2 on the left: the majority moves it.
    runs = [Rerun(rows=np.arange(6), k=2, labels={2: np.array([1, 1, 1, 0, 0, 0])}) for _ in range(2)]
    assert consensus_split(points, reference, runs, 2).tolist() == [0, 0, 0, 1, 1, 1]
    # One re-run against the reference is a tie, and ties go to the reference.
    assert consensus_split(points, reference, runs[:1], 2).tolist() == reference.tolist()


def test_agreement_is_the_mean_adjusted_rand_index_over_reruns():
    labels = np.array([0, 0, 1, 1])
    same = Rerun(rows=np.array([3, 0, 1]), k=2, labels={2: np.array([1, 0, 0])})  # same split, other names
    crossed = Rerun(rows=np.arange(4), k=2, labels={2: np.array([0, 1, 0, 1])})  # ARI -0.5
    assert agreement(labels, [same]) == pytest.approx(1.0)
    assert agreement(labels, [same, crossed]) == pytest.approx(0.25)


def test_whole_method_reruns_redraw_the_map_from_a_sample_of_voters_and_index_the_grouped_ones():
    grouped = np.array([True, False, True, True, False, True, True, True, True, True])  # voters 1 and 4 not grouped
    drawn = []

    def project(voters):  # stands in for OpinionMap.redraw: one point per grouped voter, in the order given
        drawn.append(voters)
        return np.column_stack([voters[grouped[voters]], np.zeros(grouped[voters].sum())]).astype(float)

    def group(points):
        return 2, {2: (points[:, 0] > 4).astype(int)}

    runs = rerun_whole_method(grouped, project, group, seed=0, n=5)
    assert len(runs) == 5 and all(len(voters) == 8 for voters in drawn)  # 80 % of all 10 voters, not of the grouped
    grouped_ids = np.flatnonzero(grouped)
    for voters, run in zip(drawn, runs):
        assert grouped_ids[run.rows].tolist() == [v for v in voters if grouped[v]]
    # The split "voter > 4" read through `rows` is the same split every time: agreement 1.
    assert agreement((grouped_ids > 4).astype(int), runs) == pytest.approx(1.0)


def test_whole_method_reruns_skip_samples_that_cannot_be_grouped():
    def group(points):
        raise ValueError("too alike")

    assert rerun_whole_method(np.ones(20, dtype=bool), lambda voters: np.zeros((len(voters), 2)), group, seed=0) == []
