import pandas as pd
import pytest

from eparticipation import charts
from eparticipation.analysis.cases import case_sources, cases_table, count_by, filter_cases
from eparticipation.analysis.petitions import (
    BEFORE, BETWEEN, NOT_REACHED, daily_signatures, downsample, petition_summary, polling_gaps,
    threshold_crossings,
)
from eparticipation.explorers import CaseExplorer, case_explorer, cases_html
from eparticipation.charts.cases import (
    _gap_breaks, cases_by_level_chart, daily_signatures_chart, petition_chart,
)
from eparticipation.data.cases import load_international_cases
from eparticipation.data.petitions import PETITION_ATTRIBUTION, load_petition_timeseries


@pytest.fixture(scope="module")
def cases():
    return load_international_cases()


@pytest.fixture(scope="module")
def petition():
    return load_petition_timeseries()


def series(*points):
    """A series from ("YYYY-MM-DD HH:MM", count) pairs."""
    return pd.DataFrame({"timestamp": pd.to_datetime([p[0] for p in points]), "count": [p[1] for p in points]})


# -- cases -------------------------------------------------------------------------------------------
def test_filter_with_no_values_keeps_every_case(cases):
    assert len(filter_cases(cases)) == 8


def test_each_filter_narrows(cases):
    assert list(filter_cases(cases, outcome="not implemented")["case_id"]) == ["is_constitution"]
    assert list(filter_cases(cases, epi_level="e-decision-making")["case_id"]) == ["es_decide_madrid"]
    assert set(filter_cases(cases, scale="city")["case_id"]) == {"es_decidim_barcelona", "es_decide_madrid"}
    assert list(filter_cases(cases, policy_stage="issue identification")["case_id"]) == ["uk_parliament_petitions"]


def test_filters_combine_and_can_match_nothing(cases):
    assert list(filter_cases(cases, scale="national", outcome="implemented")["case_id"]) == ["vtaiwan_uber", "br_marco_civil"]
    assert filter_cases(cases, epi_level="e-information").empty


def test_unknown_filter_value_is_an_error(cases):
    with pytest.raises(ValueError, match="outcome must be one of"):
        filter_cases(cases, outcome="failed")


def test_cases_table_is_readable(cases):
    table = cases_table(cases)
    assert table.index.name == "Case" and len(table) == 8
    assert table.loc["Marco Civil da Internet", "Start"] == "2009"
    unknown = cases.copy()
    unknown.loc[unknown["case_id"] == "br_marco_civil", "year_start"] = pd.NA
    assert cases_table(unknown).loc["Marco Civil da Internet", "Start"] == "not recorded"
    assert table.loc["e-People", "Start"] == "2005"


def test_count_by_shows_every_category_in_order(cases):
    table = count_by(cases)
    assert list(table.index) == ["e-information", "e-consultation", "e-decision-making"]
    assert table.loc["e-information"].sum() == 0
    assert table.loc["e-consultation", "implemented"] == 2
    assert table.to_numpy().sum() == 8


def test_case_sources_split_keys(cases):
    sources = case_sources(cases)
    assert sources["uk_parliament_petitions"] == ["govuk2015petitions", "petitionscommittee2016"]


# -- petitions: synthetic series with known answers -------------------------------------------------
def test_thresholds_crossed_between_two_observations_are_bracketed():
    s = series(("2024-01-01 00:00", 5_000), ("2024-01-01 01:00", 9_999), ("2024-01-01 02:00", 10_000),
               ("2024-01-01 03:00", 50_000))
    found = threshold_crossings(s).set_index("threshold")
    assert found.loc[10_000, "status"] == BETWEEN
    assert found.loc[10_000, "last_below"] == pd.Timestamp("2024-01-01 01:00")
    assert found.loc[10_000, "first_at_or_above"] == pd.Timestamp("2024-01-01 02:00")
    assert found.loc[100_000, "status"] == NOT_REACHED and pd.isna(found.loc[100_000, "first_at_or_above"])


def test_threshold_already_passed_at_the_start_gets_no_time():
    found = threshold_crossings(series(("2024-01-01", 150_000), ("2024-01-02", 160_000))).set_index("threshold")
    assert (found["status"] == BEFORE).all()
    assert found["first_at_or_above"].isna().all()


def test_real_petition_starts_above_both_thresholds(petition):
    found = threshold_crossings(petition)
    assert list(found["threshold"]) == [10_000, 100_000]
    assert list(found["status"]) == [BEFORE, BEFORE]
    assert int(petition["count"].iloc[0]) == 201_079


def test_real_petition_milestones(petition):
    found = threshold_crossings(petition, [(1_000_000, "one million"), (4_000_000, "four million")]).set_index("threshold")
    assert found.loc[1_000_000, "first_at_or_above"].strftime("%Y-%m-%d %H:%M") == "2024-11-24 16:03"
    assert found.loc[4_000_000, "status"] == NOT_REACHED


def test_polling_gaps_report_only_long_pauses():
    s = series(("2024-01-01 00:00", 1), ("2024-01-01 01:00", 5), ("2024-01-01 09:00", 25), ("2024-01-01 10:00", 30))
    gaps = polling_gaps(s)
    assert len(gaps) == 1
    assert gaps.iloc[0]["gap_start"] == pd.Timestamp("2024-01-01 01:00")
    assert gaps.iloc[0]["signatures_added"] == 20 and gaps.iloc[0]["days"] == 0.3


def test_real_petition_gaps(petition):
    gaps = polling_gaps(petition)
    assert len(gaps) == 6
    assert gaps["days"].max() == 9.6


def test_downsample_keeps_the_last_count_and_drops_empty_periods():
    s = series(("2024-01-01 00:10", 1), ("2024-01-01 00:50", 4), ("2024-01-01 03:20", 9))
    hourly = downsample(s, "1h")
    assert list(hourly["count"]) == [4, 9]
    assert list(hourly["observations"]) == [2, 1]
    assert list(hourly["timestamp"].dt.hour) == [0, 3]


def test_real_petition_is_drawn_from_far_fewer_points(petition):
    assert len(petition) == 6588
    assert len(downsample(petition, "1h")) == 273
    assert downsample(petition, "1h")["count"].iloc[-1] == 3_004_622


def test_daily_signatures_statuses():
    s = series(("2024-01-01 00:05", 100), ("2024-01-01 06:00", 400), ("2024-01-01 12:00", 700),
               ("2024-01-01 18:00", 900), ("2024-01-01 23:55", 1_100), ("2024-01-02 05:00", 1_300),
               ("2024-01-02 10:00", 1_600), ("2024-01-04 23:30", 2_000), ("2024-01-05 05:00", 2_020),
               ("2024-01-05 10:00", 2_040), ("2024-01-05 15:00", 2_060), ("2024-01-05 20:00", 2_080),
               ("2024-01-05 23:40", 2_100))
    daily = daily_signatures(s).set_index("date")
    assert daily.loc["2024-01-01", "status"] == "whole day"
    assert daily.loc["2024-01-01", "signatures_added"] == 1_000
    assert daily.loc["2024-01-02", "status"] == "partly observed"
    assert daily.loc["2024-01-04", "status"] == "spans a polling gap"
    assert daily.loc["2024-01-05", "status"] == "whole day" and daily.loc["2024-01-05", "per_hour"] == 4  # 100 in 24.2 h
    assert daily.loc["2024-01-05", "signatures_added"] == 100
    assert pd.Timestamp("2024-01-03") not in daily.index  # an unobserved day gets no row


def test_real_petition_busiest_day(petition):
    daily = daily_signatures(petition)
    whole = daily[daily["status"] == "whole day"].set_index("date")
    assert whole.loc["2024-11-24", "signatures_added"] == 1_548_848
    assert whole.loc["2024-11-25", "signatures_added"] == 748_568
    assert daily["signatures_added"].sum() == 3_004_622 - 201_079
    assert set(daily.loc[daily["status"] == "spans a polling gap", "date"].dt.strftime("%d %b")) == {
        "26 Nov", "27 Nov", "29 Nov", "15 Dec", "23 Dec"}


def test_summary_states_the_key_numbers(petition):
    summary = petition_summary(petition)["Value"]
    assert summary["Signatures at first observation"] == "201,079"
    assert summary["Signatures added during the series"] == "2,803,543"
    assert summary["Polling gaps longer than 6 hours"] == "6 (longest 9.6 days)"
    assert summary["Busiest whole day observed"] == "24 Nov 2024: 1,548,848 signatures"


def test_series_must_be_ordered_and_not_empty():
    with pytest.raises(ValueError, match="time order"):
        threshold_crossings(series(("2024-01-02", 1), ("2024-01-01", 2)))
    with pytest.raises(ValueError, match="no rows"):
        downsample(series())


# -- charts ----------------------------------------------------------------------------------------
def test_cases_chart_counts_and_summary(cases):
    charts.setup()
    chart = cases_by_level_chart(cases)
    assert isinstance(chart, charts.CourseChart)
    assert sum(sum(trace.y) for trace in chart.figure.data) == 8
    assert "e-consultation: 7 cases (2 implemented, 2 partly implemented, 1 not implemented, 2 ongoing)" in chart.summary
    assert "e-decision-making: 1 case (1 ongoing)" in chart.summary
    assert len({trace.marker.pattern.shape for trace in chart.figure.data}) == 4  # patterns, not colour alone


def test_petition_chart_draws_thresholds_gaps_and_source(petition):
    chart = petition_chart(petition)
    lines = sorted(shape.y0 for shape in chart.figure.layout.shapes if shape.type == "line")
    assert lines == [10_000, 100_000]
    assert sum(1 for shape in chart.figure.layout.shapes if shape.type == "rect") == 6
    assert any(PETITION_ATTRIBUTION in (a.text or "").replace("<br>", " ") for a in chart.figure.layout.annotations)
    assert "the series starts above them" in chart.summary
    assert "273 points drawn from 6,588 polls" in chart.summary


def test_gap_breaks_split_the_line_only_at_gaps():
    points = series(("2024-01-01 00:00", 1), ("2024-01-01 01:00", 2), ("2024-01-01 09:00", 3), ("2024-01-01 10:00", 4))
    gaps = polling_gaps(series(("2024-01-01 00:00", 1), ("2024-01-01 01:30", 2), ("2024-01-01 09:10", 3)))
    xs, ys = _gap_breaks(points, gaps)
    assert ys == [1, 2, None, 3, 4]


def test_daily_chart_leaves_gap_days_out(petition):
    chart = daily_signatures_chart(petition)
    drawn = [x for trace in chart.figure.data for x in trace.x]
    assert pd.Timestamp("2024-12-15") not in list(drawn)
    assert {trace.name for trace in chart.figure.data} == {"whole day", "partly observed"}
    assert "24 Nov 1,548,848" in chart.summary and "are left out" in chart.summary


# -- the case explorer -----------------------------------------------------------------------------
def test_cases_html_escapes_every_text(cases):
    nasty = cases.head(1).copy()
    nasty["name"] = "<script>alert(1)</script>"
    nasty["lesson"] = "a & b"
    out = cases_html(nasty, 8)
    assert "<script>" not in out and "&lt;script&gt;" in out and "a &amp; b" in out
    assert "1 of 8 cases match." in out


def test_cases_html_says_when_nothing_matches(cases):
    assert "No case matches" in cases_html(cases.head(0), 8)


def test_explorer_starts_with_every_case_and_is_deterministic(cases):
    one, two = CaseExplorer(cases), CaseExplorer(cases)
    assert one.table.value == two.table.value
    assert "8 of 8 cases match." in one.table.value
    assert all(value is None for value in one.chosen().values())
    assert one.filters["outcome"].options[0] == ("Any", "") and one.filters["outcome"].value == ""


def test_explorer_callback_filters(cases):
    explorer = CaseExplorer(cases)
    explorer.filters["outcome"].value = "not implemented"
    assert "1 of 8 cases match." in explorer.table.value
    assert "Iceland" in explorer.table.value and "vTaiwan" not in explorer.table.value
    explorer.filters["scale"].value = "city"
    assert "No case matches" in explorer.table.value
    explorer.filters["outcome"].value = ""  # "Any"
    assert "2 of 8 cases match." in explorer.table.value


def test_explorer_one_liner_loads_the_data_itself():
    widget = case_explorer()
    assert "ep-case-explorer" in widget._dom_classes
    assert "8 of 8 cases match." in widget.children[-1].value
