"""Session 10 analysis and charts: the plan's budget by owner, channel and month; risk scores; the workload
of the owners in the SYNTHETIC sample; the Gantt chart and its text summary."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from eparticipation.analysis.implementation import (
    busiest_week, cost_by, monthly_costs, plan_table, risk_band, risk_score, staff_needed, weekly_workload, workload_parameters,
    workload_summary)
from eparticipation.charts import PALETTE
from eparticipation.charts.implementation import gantt_chart, workload_chart
from eparticipation.data import load_sample_consultation


@pytest.fixture(scope="module")
def sample():
    return load_sample_consultation()


ACTIONS = [
    {"name": "Order", "owner": "Ministry A", "channel": None, "start_month": 1, "duration_months": 1, "cost_azn": 1000},
    {"name": "Portal page", "owner": "Agency B", "channel": "egov_mygov", "start_month": 2, "duration_months": 4,
     "cost_azn": 8000},
    {"name": "Training", "owner": "Ministry A", "channel": None, "start_month": 2, "duration_months": 2, "cost_azn": None},
]


def test_plan_table_adds_end_month_and_monthly_cost():
    table = plan_table(ACTIONS)
    assert table["end_month"].tolist() == [1, 5, 3]
    assert table["monthly_cost"].tolist() == [1000, 2000, 0]
    assert table["channel"].tolist() == [None, "egov_mygov", None]


def test_cost_by_owner_and_channel_sums_and_shares():
    table = plan_table(ACTIONS)
    owners = cost_by(table, "owner").set_index("owner")
    assert owners.loc["Agency B", "cost_azn"] == 8000 and owners.loc["Ministry A", "actions"] == 2
    assert owners["share"].sum() == pytest.approx(1.0)
    channels = cost_by(table, "channel").set_index("channel")
    assert channels.loc["", "cost_azn"] == 1000  # the cross-cutting actions


def test_monthly_costs_spread_evenly_and_add_up():
    months = monthly_costs(plan_table(ACTIONS))
    assert months["month"].tolist() == [1, 2, 3, 4, 5]
    assert months["cost_azn"].tolist() == [1000, 2000, 2000, 2000, 2000]
    assert months["actions"].tolist() == [1, 2, 2, 1, 1]
    assert months["cumulative_azn"].iloc[-1] == 9000
    assert monthly_costs(plan_table([])).empty


@pytest.mark.parametrize("likelihood, impact, score, band", [(1, 1, 1, "low"), (1, 3, 3, "medium"), (2, 2, 4, "medium"),
                                                             (3, 2, 6, "high"), (3, 3, 9, "high"), (None, 3, None, None)])
def test_risk_score_is_likelihood_times_impact(likelihood, impact, score, band):
    assert risk_score(likelihood, impact) == score and risk_band(score) == band


def test_risk_score_refuses_levels_outside_1_to_3():
    with pytest.raises(ValueError):
        risk_score(4, 1)


def test_weekly_workload_converts_submissions_into_staff_days():
    submissions = pd.DataFrame({"submitted_at": pd.to_datetime(["2026-02-02", "2026-02-03", "2026-02-10", "2026-02-10"]),
                                "channel": ["email", "email", "email", "call centre"]})
    weekly = weekly_workload(submissions, {"email": 30, "call centre": 60}, hours_per_day=6)
    rows = {(r.week, r.channel): r for r in weekly.itertuples()}
    assert rows[(1, "email")].submissions == 2 and rows[(1, "email")].staff_days == pytest.approx(2 * 30 / 60 / 6)
    assert rows[(2, "call centre")].staff_days == pytest.approx(1 / 6)
    summary = workload_summary(weekly).set_index("channel")
    assert summary.loc["all channels", "submissions"] == 4
    assert staff_needed(10) == 2
    peak = busiest_week(weekly)
    assert peak["week"] == 2 and peak["submissions"] == 2 and peak["staff_days"] == 0.2


def test_weekly_workload_refuses_a_channel_without_a_handling_time():
    submissions = pd.DataFrame({"submitted_at": pd.to_datetime(["2026-02-02"]), "channel": ["fax"]})
    with pytest.raises(ValueError, match="fax"):
        weekly_workload(submissions, {"email": 10}, 6)


def test_sample_workload_uses_the_assumed_parameters(sample):
    minutes, hours = workload_parameters()
    assert set(sample.submissions["channel"].unique()) <= set(minutes) and hours == 6
    weekly = weekly_workload(sample.submissions, minutes, hours)
    assert weekly["submissions"].sum() == len(sample.submissions)
    summary = workload_summary(weekly).set_index("channel")
    assert summary.loc["all channels", "staff_days"] == pytest.approx(weekly["staff_days"].sum(), abs=0.05)


def test_gantt_chart_one_bar_per_action_with_patterns_and_summary():
    chart = gantt_chart(plan_table(ACTIONS), channel_names={"egov_mygov": "Portal"}, money=lambda v: f"{v:.0f} AZN")
    go.Figure(chart.figure)  # valid plotly
    bars = chart.figure.data
    assert sum(len(bar.y) for bar in bars) == 3
    assert {bar.name for bar in bars} == {"Portal", "No channel (cross-cutting)"}
    assert len({bar.marker.pattern.shape for bar in bars}) == 2 and bars[0].marker.color in PALETTE
    assert "Actions planned: 3, over 5 months." in chart.summary and "Portal page (Agency B; Portal): months 2–5, 8000 AZN" in chart.summary
    assert "Order (Ministry A; No channel (cross-cutting)): month 1" in chart.summary


def test_gantt_chart_of_an_empty_plan_says_so():
    assert gantt_chart(plan_table([]), channel_names={}, money=str).summary == "No action has been planned yet."


def test_workload_chart_stacks_channels_and_names_the_peak():
    submissions = pd.DataFrame({"submitted_at": pd.to_datetime(["2026-02-02", "2026-02-10", "2026-02-11"]),
                                "channel": ["email", "email", "call centre"]})
    chart = workload_chart(weekly_workload(submissions, {"email": 60, "call centre": 60}, 1), source="SYNTHETIC test")
    go.Figure(chart.figure)
    assert chart.figure.layout.barmode == "stack"
    assert "the busiest week, week 2, needs 2 staff-days" in chart.summary and "SYNTHETIC test" in chart.summary


def test_page_and_notebooks_state_the_workload_the_data_gives(sample):
    """The Session 10 page and notebook state the sample's workload; the numbers come from the data."""
    from eparticipation.paths import REPO_ROOT

    weekly = weekly_workload(sample.submissions, *workload_parameters())
    total = workload_summary(weekly).set_index("channel").loc["all channels"]
    peak = busiest_week(weekly)
    page = (REPO_ROOT / "book/sessions/s10-implementation.md").read_text(encoding="utf-8")
    notebook = (REPO_ROOT / "notebooks/s10-implementation.ipynb").read_text(encoding="utf-8")
    assert f"{total['staff_days']:.1f} staff-days over six weeks" in page and weekly["week"].nunique() == 6
    assert f"about {peak['full_time_staff']:.0f} full-time people in the busiest week" in page
    assert f"{len(sample.submissions):,} submissions need {total['staff_days']:.1f} staff-days" in notebook
    assert f"{total['average_week_staff_days']:.1f} a week on average" in notebook
    assert f"needs {peak['staff_days']:.0f} staff-days: {peak['full_time_staff']} full-time people" in notebook


def test_exercise_notebook_worked_example_matches_the_worksheet():
    from eparticipation.paths import REPO_ROOT
    from eparticipation.worksheets.implementation_plan import action_rows, headline, risk_rows, worked_example

    text = (REPO_ROOT / "exercises/s10-implementation.ipynb").read_text(encoding="utf-8")
    example = worked_example("en")
    assert headline(example, "en") in text
    for row in (*action_rows(example, "en"), *risk_rows(example, "en")):
        assert " | ".join(row) in text
