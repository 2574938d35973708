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
