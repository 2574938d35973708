import pandas as pd
import pytest

from eparticipation.analysis.consultation import (
    keyword_summary, participation_by, post_stratification_weights, representation_ratios, representativeness_index,
    response_tracking, topic_summary, weekly_activity, weighted_shares,
)
from eparticipation.analysis.consultation import (
    LOOP_STATUSES, answered_within_curve, loop_status, loop_status_by, open_working_days, response_standard,
    working_days_to_response,
)

POPULATION = pd.Series({"north": 0.5, "south": 0.3, "east": 0.2})


@pytest.fixture
def people():
    return pd.DataFrame({"participant_id": range(10), "region": ["north"] * 2 + ["south"] * 6 + ["east"] * 2})


def test_ratios_and_index(people):
    ratios = representation_ratios(people, POPULATION).set_index("region")
    assert ratios.loc["north", "ratio"] == pytest.approx(0.2 / 0.5)
    assert ratios.loc["south", "ratio"] == pytest.approx(0.6 / 0.3)
    assert representativeness_index(ratios) == pytest.approx(1 - 0.5 * (0.3 + 0.3 + 0.0))
    mirror = pd.DataFrame({"region": ["north"] * 5 + ["south"] * 3 + ["east"] * 2})
    assert representativeness_index(representation_ratios(mirror, POPULATION)) == pytest.approx(1.0)


def test_group_absent_from_sample_has_ratio_zero_and_no_weight():
    sample = pd.DataFrame({"region": ["north"] * 4 + ["south"] * 4})
    ratios = representation_ratios(sample, POPULATION).set_index("region")
    assert ratios.loc["east", "participants"] == 0 and ratios.loc["east", "ratio"] == 0


def test_weights_reproduce_population_shares(people):
    weights = post_stratification_weights(people, POPULATION)
    assert weights.mean() == pytest.approx(1.0)
    weighted = weights.groupby(people["region"]).sum() / weights.sum()
    pd.testing.assert_series_equal(weighted.sort_index(), POPULATION.sort_index(), check_names=False)
    shares = weighted_shares(people.assign(view=["yes"] * 2 + ["no"] * 8), "view", weights).set_index("view")
    assert shares.loc["yes", "raw_share"] == pytest.approx(0.2) and shares.loc["yes", "weighted_share"] == pytest.approx(0.5)


def test_participation_by_counts_and_shares(people):
    table = participation_by(people, "region")
    assert table.iloc[0].tolist() == ["south", 6, 0.6]
    assert table["share"].sum() == pytest.approx(1.0)


def _submissions():
    t0 = pd.Timestamp("2026-02-02")
    return pd.DataFrame({
        "participant_id": [1, 1, 2, 3, 3, 4],
        "topic": ["a", "a", "b", "a", "b", "b"],
        "stance": ["support", "concern", "support", "support", "neutral", "support"],
        "support_votes": [1, 2, 3, 4, 5, 6],
        "channel": ["web", "web", "app", "app", "web", "web"],
        "moderation_status": ["published"] * 5 + ["rejected"],
        "submitted_at": [t0, t0, t0 + pd.Timedelta(days=8), t0, t0, t0],
        "response_status": ["responded", "no_response", "responded", "responded", "in_progress", "not_applicable"],
        "response_date": [t0 + pd.Timedelta(days=2), pd.NaT, t0 + pd.Timedelta(days=12), t0 + pd.Timedelta(days=10), pd.NaT, pd.NaT],
    })


def test_response_tracking_counts_only_published():
    overall = response_tracking(_submissions()).iloc[0]
    assert (overall["published"], overall["responded"]) == (5, 3)
    assert overall["response_rate"] == pytest.approx(0.6)
    assert overall["median_days"] == pytest.approx(4.0)  # delays 2, 4, 10 days
    by_channel = response_tracking(_submissions(), "channel").set_index("channel")
    assert by_channel.loc["app", "response_rate"] == 1.0 and by_channel.loc["web", "still_open"] == 2



# -- Session 8: response standard in working days (2026-02-02 is a Monday) --------------------------
def test_working_days_skip_weekends_and_count_from_the_day_after():
    t0 = pd.Timestamp("2026-02-06 17:00")  # a Friday evening
    frame = pd.DataFrame({"submitted_at": [t0] * 4,
                          "response_date": [t0 + pd.Timedelta(hours=1), pd.Timestamp("2026-02-09 09:00"),
                                            pd.Timestamp("2026-02-20 10:00"), pd.NaT]})
    days = working_days_to_response(frame)
    assert days.iloc[:3].tolist() == [0, 1, 10] and pd.isna(days.iloc[3])
    assert working_days_to_response(frame, holidays=["2026-02-09"]).iloc[1] == 0  # a holiday is not a working day


def test_response_standard_counts_published_answered_within_the_standard():
    s = _submissions()  # answered after 2, 3 and 8 working days (the 14 Feb answer fell on a Saturday)
    overall = response_standard(s, standard_days=5).iloc[0]
    assert (overall["published"], overall["responded"], overall["within_standard"]) == (5, 3, 2)
    assert overall["within_standard_rate"] == pytest.approx(0.4) and overall["answered_late"] == 1
    assert overall["still_open"] == 2 and overall["median_working_days"] == 3
    by_channel = response_standard(s, 5, by="channel").set_index("channel")
    assert by_channel.loc["app", "within_standard"] == 1 and by_channel.loc["app", "answered_late"] == 1
    assert response_standard(s, 7).iloc[0]["within_standard"] == 2 and response_standard(s, 8).iloc[0]["within_standard"] == 3
    with pytest.raises(ValueError):
        response_standard(s, 0)


def test_answered_within_curve_is_cumulative_and_ends_at_the_response_rate():
    curve = answered_within_curve(_submissions(), max_days=10).set_index("working_days")
    assert curve.loc[1, "share_of_published"] == 0 and curve.loc[2, "share_of_published"] == pytest.approx(0.2)
    assert curve.loc[3, "share_of_answered"] == pytest.approx(2 / 3)
    assert curve.loc[10, "share_of_published"] == pytest.approx(0.6) and curve["share_of_published"].is_monotonic_increasing


def test_loop_status_tells_what_a_participant_would_see():
    s = _submissions()
    assert loop_status(s).tolist() == ["answered", "not_answered", "answered", "answered", "being_considered",
                                       "not_published"]
    table = loop_status_by(s, "channel").set_index("channel")
    assert table.loc["web", "submissions"] == 4 and table.loc["web", "not_published"] == 1
    assert table.loc["app", "share_answered"] == 1.0
    overall = loop_status_by(s).iloc[0]
    assert sum(overall[k] for k in LOOP_STATUSES) == 6 and overall["share_answered"] == pytest.approx(0.5)


def test_open_working_days_counts_both_ends():
    assert open_working_days(_submissions()) == 7  # Monday 2 Feb to Tuesday 10 Feb


def test_sample_consultation_feedback_figures():
    """The numbers the Session 8 page and notebooks quote, from the SYNTHETIC sample."""
    from eparticipation.data import load_sample_consultation

    s = load_sample_consultation().submissions
    overall = response_standard(s, 15).iloc[0]
    assert (overall["published"], overall["responded"]) == (13918, 5625)
    assert round(100 * overall["within_standard_rate"]) == 33 and overall["median_working_days"] == 8
    assert open_working_days(s) == 30
    assert round(100 * answered_within_curve(s).set_index("working_days").loc[15, "share_of_answered"]) == 83
    assert round(100 * loop_status_by(s).iloc[0]["share_not_answered"]) == 53
    channels = response_standard(s, 15, by="channel").set_index("channel")["within_standard_rate"]
    assert (round(100 * channels["ASAN kiosk (assisted)"]), round(100 * channels["public hearing transcript"])) == (42, 18)
    assert response_standard(s, 30).iloc[0]["within_standard"] == 5499  # the exploration notebook's solution

def test_topic_summary_and_weekly_activity():
    table = topic_summary(_submissions()).set_index("topic")
    assert table.loc["a", "submissions"] == 3 and table.loc["a", "participants"] == 2
    assert table.loc["b", "support_votes"] == 14
    assert table.loc["a", "stance_support"] == pytest.approx(2 / 3)
    weeks = weekly_activity(_submissions()).set_index("week")
    assert weeks.loc[1, "submissions"] == 5 and weeks.loc[2, "submissions"] == 1 and weeks.loc[2, "responses"] == 2


def test_keywords_handle_azerbaijani_and_weights():
    texts = pd.Series(["Şəffaflıq və hesabat", "hesabat lazımdır", "The report and the budget"])
    table = keyword_summary(texts, weights=[1, 3, 1]).set_index("word")
    assert table.loc["hesabat", "count"] == 4 and table.loc["hesabat", "texts"] == 4
    assert "şəffaflıq" in table.index and "və" not in table.index and "the" not in table.index


# -- Session 5: representativeness of a planned mix, weights and what they cost ----------------------
from eparticipation.analysis.consultation import (  # noqa: E402
    effective_sample_size, group_representation, groups_before_after, joint_shares, share_ratios, split_index,
    submission_weights, weight_diagnostics, weighted_ranking,
)


def test_share_ratios_give_the_same_index_as_participants(people):
    from_people = representation_ratios(people, POPULATION)
    from_shares = share_ratios(pd.Series({"north": 2, "south": 6, "east": 2}), POPULATION)
    assert representativeness_index(from_shares) == pytest.approx(representativeness_index(from_people))
    planned = share_ratios(pd.Series({"north": 50.0, "south": 50.0}), POPULATION).set_index("region")
    assert planned.loc["east", "sample_share"] == 0 and planned.loc["south", "ratio"] == pytest.approx(0.5 / 0.3)
    assert list(from_people.columns) == ["region", "participants", "sample_share", "population_share", "ratio"]


def test_split_index_is_one_minus_the_gap():
    assert split_index(0.2, 0.455) == pytest.approx(0.745) and split_index(0.5, 0.5) == pytest.approx(1.0)


def test_group_representation_raw_and_weighted():
    people = pd.DataFrame({"settlement": ["urban"] * 8 + ["rural"] * 2, "gender": ["male"] * 6 + ["female"] * 4})
    benchmarks = pd.DataFrame({"group": ["rural", "women"], "column": ["settlement", "gender"],
                               "members": [("rural",), ("female",)], "population_share": [0.5, 0.5]})
    table = group_representation(people, benchmarks).set_index("group")
    assert table.loc["rural", "participants"] == 2 and table.loc["rural", "sample_share"] == pytest.approx(0.2)
    assert table.loc["rural", "ratio"] == pytest.approx(0.4) and table.loc["rural", "index"] == pytest.approx(0.7)
    weights = pd.Series([0.625] * 8 + [2.5] * 2)  # weights by settlement: rural now half
    both = groups_before_after(people, benchmarks, weights).set_index("group")
    assert both.loc["rural", "weighted_share"] == pytest.approx(0.5) and both.loc["rural", "weighted_index"] == pytest.approx(1)
    # the same weights move the women's share too (people 7-8 are rural women): 0.4 -> 0.5
    assert both.loc["women", "raw_share"] == pytest.approx(0.4)
    assert both.loc["women", "weighted_share"] == pytest.approx((2 * 0.625 + 2 * 2.5) / 10)


def test_cell_weights_reproduce_the_joint_population_and_flag_tiny_cells():
    people = pd.DataFrame({"region": ["north"] * 6 + ["south"] * 4, "age": ["young"] * 5 + ["old"] + ["young"] * 3 + ["old"]})
    region = pd.Series({"north": 0.5, "south": 0.5}).rename_axis("region")
    age = pd.Series({"young": 0.6, "old": 0.4}).rename_axis("age")
    joint = joint_shares(region, age)
    assert joint[("north", "old")] == pytest.approx(0.2) and joint.sum() == pytest.approx(1)
    weights = post_stratification_weights(people, joint, ["region", "age"])
    assert weights.iloc[5] == pytest.approx(0.2 / 0.1)  # the one old northerner stands for 2 people
    cells = weights.groupby([people["region"], people["age"]]).sum() / weights.sum()
    assert cells[("south", "old")] == pytest.approx(0.2)
    report = weight_diagnostics(weights)
    assert report["participants"] == 10 and report["largest_weight"] == pytest.approx(2.0)
    assert report["effective_sample_size"] == pytest.approx(round(weights.sum() ** 2 / (weights ** 2).sum(), 1))


def test_effective_sample_size_is_kish():
    assert effective_sample_size([1, 1, 1, 1]) == pytest.approx(4)
    assert effective_sample_size([1, 1, 1, 5]) == pytest.approx(64 / 28)
    assert effective_sample_size([float("nan"), 2, 2]) == pytest.approx(2) and effective_sample_size([]) == 0


def test_submissions_carry_their_authors_weight():
    participants = pd.DataFrame({"participant_id": [10, 20, 30]})
    weights = pd.Series([0.5, 1.0, 2.0])
    submissions = pd.DataFrame({"participant_id": [30, 10, 30, 20]})
    assert submission_weights(submissions, participants, weights).tolist() == [2.0, 0.5, 2.0, 1.0]


def test_weighted_ranking_shows_when_weighting_changes_the_order(people):
    table = people.assign(topic=["economy"] * 2 + ["health"] * 5 + ["economy"] * 3 + ["environment"] * 0)
    weights = post_stratification_weights(people, POPULATION)
    ranking = weighted_ranking(table, "topic", weights, effective_n=10).set_index("topic")
    assert ranking.loc["health", "raw_rank"] == 1 and ranking.loc["economy", "weighted_rank"] == 1
    assert ranking.loc["economy", "change_points"] == pytest.approx(100 * (ranking.loc["economy", "weighted_share"] - 0.5))
    p = ranking.loc["economy", "weighted_share"]
    assert ranking.loc["economy", "margin_points"] == pytest.approx(100 * 1.96 * (p * (1 - p) / 10) ** 0.5)
    assert "margin_points" not in weighted_ranking(table, "topic", weights).columns


def test_cell_table_lists_the_heaviest_cells_first():
    from eparticipation.analysis.consultation import cell_table

    people = pd.DataFrame({"region": ["north"] * 6 + ["south"] * 4, "age": ["young"] * 5 + ["old"] + ["young"] * 3 + ["old"]})
    joint = joint_shares(pd.Series({"north": 0.5, "south": 0.5}), pd.Series({"young": 0.6, "old": 0.4}))
    weights = post_stratification_weights(people, joint, ["region", "age"])
    table = cell_table(people, weights, ["region", "age"])
    assert table.iloc[0][["region", "age", "participants"]].tolist() == ["north", "old", 1]
    assert table.iloc[0]["weight"] == pytest.approx(2.0) and table["weighted_share"].sum() == pytest.approx(1.0)
    assert table.set_index(["region", "age"]).loc[("south", "old"), "weighted_share"] == pytest.approx(0.2)


def test_adult_age_shares_are_the_assumed_structure():
    from eparticipation.data.consultation import adult_age_shares

    shares = adult_age_shares()
    assert shares.index.name == "age_band" and shares.sum() == pytest.approx(1.0) and shares["65+"] == 0.13
