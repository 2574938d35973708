import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from eparticipation import charts
from eparticipation.analysis.legal_frameworks import (CHANNELS, FORMS, ONLINE_ONLY_CHANNELS, TIMELINE,
                                                      channel_coverage, digital_reach, form, forms_table,
                                                      largest_one_year_rise,
                                                      framework_timeline, online_only_reach, population_near,
                                                      reach_source, urban_definitions)
from eparticipation.charts.legal import (digital_reach_chart, online_only_reach_chart, urban_definitions_chart,
                                         urban_sources)
from eparticipation.data.context import load_context_facts
from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT


@pytest.fixture(scope="module")
def facts():
    return load_context_facts()


def bib_keys() -> set[str]:
    text = (REPO_ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE))


def tiny_facts(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator", "geography_level", "reference_date", "value",
                                       "source_publisher", "original_data_producer"])


# -- the forms and the timeline --------------------------------------------------------------------
def test_six_forms_of_law_816_in_the_order_of_the_source():
    assert [f.name for f in FORMS] == ["Public council", "Public discussion", "Public hearing",
                                       "Studying public opinion", "Public discussion of draft legal acts",
                                       "Written consultation"]
    assert all("816-IVQ" in f.legal_basis for f in FORMS)
    assert all(set(f.channels) <= set(CHANNELS) and f.channels for f in FORMS)
    assert form("draft_acts").name_az == "Hüquqi aktların layihələrinin ictimai müzakirəsi"
    # the article of the law is named wherever the course could read it, and said to be unverified elsewhere
    assert "Art. 19" in form("draft_acts").legal_basis and "Art. 6.1" in form("public_council").legal_basis
    assert "article not verified" in form("written_consultation").legal_basis
    with pytest.raises(KeyError):
        form("referendum")


def test_implementing_acts_are_marked_as_later_developments():
    assert "Decision No. 172 of 30 May 2014 on public hearings and discussions of draft legal acts (later development)" in form("public_hearing").legal_basis
    assert "Decision No. 171 of 30 May 2014 on the election of public councils (later development)" in form("public_council").legal_basis
    assert "Decree No. 89 of 16 January 2014 (later development)" in form("public_council").legal_basis
    assert "in force 1 June 2014" in form("written_consultation").legal_basis


def test_every_cited_key_exists_in_the_bibliography():
    keys = bib_keys()
    cited = {k for f in FORMS for k in f.sources}
    cited |= {k.strip() for *_x, sources in TIMELINE for k in sources.split(",")}
    assert cited and cited <= keys, sorted(cited - keys)


def test_forms_table_has_one_row_per_form_with_sources():
    table = forms_table()
    assert list(table.index) == [1, 2, 3, 4, 5, 6]
    assert list(table.columns) == ["Form", "Azerbaijani term", "What it is (course summary)", "Legal basis",
                                   "Digital channels that could support it", "Sources"]
    assert table.loc[5, "Digital channels that could support it"] == "e-gov.az portal; Ministry website; Email"
    assert table["Sources"].str.contains("aalepazparticipation").all()


def test_channel_coverage_counts_forms_per_channel():
    cover = channel_coverage().set_index("Channel")
    assert len(cover) == len(CHANNELS)
    assert cover.loc["Ministry website", "Forms it could support"] == 4
    assert cover.loc["Call centre", "Needs the citizen's own internet access"] == "no"
    assert cover.loc["Email", "Needs the citizen's own internet access"] == "yes"
    assert list(cover["Forms it could support"]) == sorted(cover["Forms it could support"], reverse=True)
    assert sum(cover["Forms it could support"]) == sum(len(f.channels) for f in FORMS)
    assert ONLINE_ONLY_CHANNELS < set(CHANNELS)


def test_timeline_separates_before_and_after_the_workshop_and_dates_every_row():
    timeline = framework_timeline()
    assert all(re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", d) for d in timeline["Date"]), "every row has a date"
    assert list(timeline["Date"]) == sorted(timeline["Date"]), "in date order"
    timeline = timeline.set_index("Date")
    assert timeline.loc["2013-11-22", "Status at the December 2013 workshop"] == "Before the workshop"
    assert timeline.loc["2014-06-01", "Status at the December 2013 workshop"] == "Later development"
    assert timeline.loc["2005-09-30", "Sources"] == "azlaw1024"
    suspension = timeline.loc["2023-08-17"]
    assert "permanently suspends" in suspension["Event"] and suspension["Sources"] == "ogp2023suspension"
    assert "Third National Action Plan (2020–2022)" in timeline.loc["2020-02-27", "Event"]
    assert "Decree No. 1885" in timeline.loc["2018-03-14", "Event"]
    assert (timeline["Status at the December 2013 workshop"] == "Before the workshop").sum() == 9


# -- digital reach (real data) ----------------------------------------------------------------------
def test_digital_reach_uses_the_world_bank_and_owid_rows(facts):
    reach = digital_reach(facts).set_index("year")
    assert list(reach.index) == list(range(2010, 2024))
    assert reach.loc[2013, "internet_users_pct"] == 73.0
    assert reach.loc[2023, "internet_users_pct"] == 89.0
    assert reach.loc[2023, "not_using_internet_pct"] == 11.0
    assert reach.loc[2013, "mobile_subscriptions_per_100"] == 106.6


def test_online_only_reach_gives_people_only_with_a_nearby_population_figure(facts):
    latest = online_only_reach(facts, 2023)
    assert latest["offline_pct"] == 11.0 and latest["population_date"] == "2024-01-01"
    assert latest["offline_people"] == 1_120_000  # 11 % of 10,180,770, rounded to thousands
    workshop = online_only_reach(facts, 2013)
    assert workshop["online_pct"] == 73.0 and "offline_people" not in workshop
    with pytest.raises(CourseDataError, match="2010–2023"):
        online_only_reach(facts, 2030)


def test_population_near_only_accepts_the_same_or_next_year(facts):
    assert population_near(facts, 2017) == ("2018-01-01", 9898085.0)
    assert population_near(facts, 2016) is None


def test_urban_definitions_compare_only_years_with_both(facts):
    both = urban_definitions(facts)
    assert list(both["year"]) == [2018, 2024]
    assert list(both["national_ssc_pct"]) == [52.9, 54.5]
    assert list(both["world_bank_pct"]) == [55.7, 58.0]
    assert list(both["difference_points"]) == [2.8, 3.5]


def test_missing_indicator_is_a_course_error():
    with pytest.raises(CourseDataError, match="internet_users_share"):
        digital_reach(tiny_facts([("population", "country", "2024-01-01", 1.0, "x", "y")]))


def test_reach_source_names_producer_and_publisher(facts):
    source = reach_source(facts)
    assert source.startswith("Source: internet users: International Telecommunication Union (ITU), via World Bank")
    assert "Our World in Data" in source and "OWID catalog" not in source
    internet_only = reach_source(facts, include_mobile=False)
    assert "mobile" not in internet_only and internet_only.endswith("World Development Indicators")


# -- charts ----------------------------------------------------------------------------------------
def test_digital_reach_chart_summary_and_style(facts):
    chart = digital_reach_chart(digital_reach(facts), source=reach_source(facts))
    assert isinstance(chart, charts.CourseChart)
    assert chart.summary.startswith("Internet users rose from 46% of the population in 2010 to 89% in 2023; "
                                    "73% in 2013, the workshop year.")
    # the real minimum (99.5 in 2010) is shown, not rounded up to 100
    assert "between 99.5 and 109.7 per 100 people" in chart.summary
    # the 2012→2013 step is flagged as a possible change of measurement, with the numbers behind it
    assert "54.2% (2012) to 73.0% (2013), is 18.8 points, against at most 4.2 in any other year" in chart.summary
    lines = [t for t in chart.figure.data if isinstance(t, go.Scatter)]
    assert len({t.line.dash for t in lines}) == 2 and len({t.marker.symbol for t in lines}) == 2
    assert lines[0].line.color == charts.PALETTE[0]
    assert any("Source:" in a.text for a in chart.figure.layout.annotations)

def test_largest_one_year_rise_finds_the_step_and_the_scale(facts):
    jump = largest_one_year_rise(digital_reach(facts))
    assert (jump["from_year"], jump["to_year"], jump["rise"], jump["next_largest_rise"]) == (2012, 2013, 18.8, 4.2)
    flat = pd.DataFrame({"year": [2020, 2021, 2022], "internet_users_pct": [50.0, 52.0, 55.0]})
    assert largest_one_year_rise(flat)["rise"] == 3.0 and largest_one_year_rise(flat)["next_largest_rise"] == 2.0


def test_online_only_chart_stacks_to_one_hundred(facts):
    chart = online_only_reach_chart(digital_reach(facts), (2013, 2023), source="Source: test")
    online, offline = chart.figure.data
    assert [a + b for a, b in zip(online.y, offline.y)] == [100.0, 100.0]
    assert chart.figure.layout.barmode == "stack"
    assert offline.marker.pattern.shape == "/"  # readable without colour
    assert "2013: 73% online, 27% not; 2023: 89% online, 11% not" in chart.summary


def test_urban_chart_names_both_definitions_and_the_gap(facts):
    chart = urban_definitions_chart(facts)
    assert [t.name.split(" (")[0] for t in chart.figure.data] == ["World Bank", "State Statistical Committee"]
    assert "2024: World Bank 58.0% vs national 54.5% (+3.5 points)" in chart.summary
    assert "State Statistical Committee of the Republic of Azerbaijan, as reported by Trend News Agency" in urban_sources(facts)


def test_urban_chart_without_overlapping_years_says_so():
    rows = [("urban_population_share", "country", "2018-01-01", 52.9, "Paper, 2018", "SSC"),
            ("urban_population_share_wb", "country", "2010", 53.4, "World Bank", "WDI")]
    chart = urban_definitions_chart(tiny_facts(rows))
    assert "No year has both figures." in chart.summary
