import pandas as pd
import pytest

from eparticipation.analysis.consultation import answered_within_curve, response_standard
from eparticipation.analysis.monitoring import FAST_SHARE, STRETCH_POINTS, target_benchmarks
from eparticipation.charts import CourseChart
from eparticipation.charts.monitoring import level_baselines_chart, target_range_chart
from eparticipation.data import load_sample_consultation
from eparticipation.data.assumptions import assumption_value
from eparticipation.data.context import region_population_shares
from eparticipation.worksheets.me_plan import level_baselines, sample_readiness_entries


@pytest.fixture(scope="module")
def sample():
    return load_sample_consultation()


@pytest.fixture(scope="module")
def table(sample):
    return target_benchmarks(sample.submissions, sample.participants, region_population_shares()).set_index("measure")


def test_defaults_are_the_assumptions_table():
    assert STRETCH_POINTS == assumption_value("monitoring_target_stretch_points")
    assert FAST_SHARE == assumption_value("monitoring_fast_answer_share")


def test_benchmarks_reuse_sessions_5_and_8(sample, table):
    overall = response_standard(sample.submissions, 15).iloc[0]
    by_channel = response_standard(sample.submissions, 15, by="channel").set_index("channel")
    row = table.loc["response_rate"]
    assert row["overall"] == pytest.approx(100 * overall["response_rate"])
    assert row["best"] == pytest.approx(100 * by_channel["response_rate"].max())
    assert row["best_group"] == by_channel["response_rate"].idxmax()
    assert row["realistic_limit"] == pytest.approx(row["best"] + STRETCH_POINTS)
    curve = answered_within_curve(sample.submissions, 250)
    days = table.loc["median_response_days", "realistic_limit"]
    assert curve.loc[int(days), "share_of_answered"] >= FAST_SHARE > curve.loc[int(days) - 1, "share_of_answered"]
    # The figures the session page and the exercise quote (SYNTHETIC sample).
    assert round(row["overall"]) == 40 and round(row["best"]) == 52 and round(row["realistic_limit"]) == 67
    assert round(table.loc["answered_within_standard", "overall"]) == 33 and days == 5
    assert table.loc["representativeness", "overall"] == pytest.approx(0.685)
    assert bool(table.loc["median_response_days", "higher_is_better"]) is False


def test_limits_never_pass_the_ceiling_and_arguments_are_checked(sample):
    wide = target_benchmarks(sample.submissions, sample.participants, region_population_shares(), stretch=90)
    assert wide.set_index("measure").loc["response_rate", "realistic_limit"] == 100
    assert wide.set_index("measure").loc["representativeness", "realistic_limit"] == 1
    with pytest.raises(ValueError):
        target_benchmarks(sample.submissions, sample.participants, region_population_shares(), stretch=-1)
    with pytest.raises(ValueError):
        target_benchmarks(sample.submissions, sample.participants, region_population_shares(), fast_share=0)


def test_other_groupings_work(sample):
    by_type = target_benchmarks(sample.submissions, sample.participants, region_population_shares(),
                                by="submission_type").set_index("measure")
    assert by_type.loc["response_rate", "best_group"] == "question"


def test_charts_return_figure_and_summary(table):
    chart = target_range_chart(table.reset_index())
    assert isinstance(chart, CourseChart) and len(chart.figure.data) == 3
    assert "40% in the whole consultation, 52% on its best channel (ASAN kiosk (assisted)), realistic limit 67%" in chart.summary
    assert "ASSUMED" in chart.summary and {t.marker.pattern.shape for t in chart.figure.data} == {"", "/", "x"}
    baselines = level_baselines(sample_readiness_entries())
    levels = level_baselines_chart(baselines)
    assert "SYNTHETIC" in levels.summary and "4 assessments" in levels.summary
    assert list(baselines.index) == ["Sample A", "Nümunə B", "Sample C", "Nümunə D"]
    assert isinstance(baselines, pd.DataFrame) and baselines.round(1).loc["Sample C", "decision"] == 16.7


def test_the_session_page_quotes_the_computed_figures(table):
    from eparticipation.paths import REPO_ROOT

    page = (REPO_ROOT / "book" / "sessions" / "s11-monitoring-evaluation.md").read_text(encoding="utf-8")
    rate = table.loc["response_rate"]
    quoted = [f"{rate['overall']:.0f} % of the published submissions were answered",
              f"{table.loc['answered_within_standard', 'overall']:.0f} % within 15 working days",
              f"the median answer took {table.loc['median_response_days', 'overall']:.0f} working days",
              f"index was {table.loc['representativeness', 'overall']:.3f}",
              f"answered most often ({rate['best']:.0f} %)", f"about {rate['realistic_limit']:.0f} % for the response rate",
              f"a quarter of the answers already came: {table.loc['median_response_days', 'realistic_limit']:.0f} working days"]
    assert [text for text in quoted if text not in page] == []
