"""Session 5's charts of the SYNTHETIC consultation: each says SYNTHETIC, names its ASSUMED parameters,
differs by pattern as well as colour, and carries a text summary with the numbers it shows."""

import plotly.graph_objects as go
import pytest

from eparticipation.analysis import consultation as an
from eparticipation.charts import consultation as charts
from eparticipation.data import load_economic_regions_geojson, load_sample_consultation, region_population_shares


@pytest.fixture(scope="module")
def sample():
    return load_sample_consultation()


@pytest.fixture(scope="module")
def ratios(sample):
    return an.representation_ratios(sample.participants, region_population_shares())


def _note(fig):
    return " ".join(a.text for a in fig.layout.annotations)


def test_channel_chart(sample):
    chart = charts.channel_chart(an.participation_by(sample.submissions, "channel"))
    assert "SYNTHETIC" in chart.figure.layout.title.text and "ASSUMED" in _note(chart.figure)
    assert "channel_by_age" in chart.summary and chart.summary.index("e-gov portal") < chart.summary.index("email")
    go.Figure(chart.figure)  # valid plotly


def test_weekly_chart(sample):
    chart = charts.weekly_chart(an.weekly_activity(sample.submissions))
    assert [trace.name for trace in chart.figure.data] == ["Submissions received", "Responses sent"]
    assert chart.figure.data[1].line.dash == "dash" and "Busiest week: 1" in chart.summary


def test_representation_chart_and_map(ratios):
    chart = charts.representation_chart(ratios)
    assert chart.figure.data[1].marker.pattern.shape == "/"  # told apart in black-and-white print
    assert chart.summary.index("East Zangezur") < chart.summary.index("Baku")  # most under-represented first
    assert "estimates" in _note(chart.figure) and "displaced" in _note(chart.figure)
    region_map = charts.ratio_map(load_economic_regions_geojson(), ratios)
    assert "Baku 2.24" in region_map.summary and "SYNTHETIC" in region_map.summary
    assert not region_map.figure.layout.geo.projection.type  # no geo base map: drawn on plain axes


def test_topic_chart(sample, ratios):
    weights = an.post_stratification_weights(sample.participants, region_population_shares())
    ranking = an.weighted_ranking(sample.submissions, "topic",
                                  an.submission_weights(sample.submissions, sample.participants, weights))
    chart = charts.topic_chart(ranking)
    assert chart.figure.data[1].name == "Weighted by region" and chart.figure.data[1].marker.pattern.shape == "x"
    assert "Dynamic, inclusive society based on social justice: 20.2% unweighted (rank 1)" in chart.summary
    assert "topic_share" in chart.summary


def test_outreach_chart_is_valid_and_skips_missing_targets():
    import pandas as pd

    table = pd.DataFrame({"region": ["A", "B"], "population": [60.0, 40.0], "current": [80.0, 20.0],
                          "target": [70.0, float("nan")]})
    labels = {"population": "Population", "current": "Now", "target": "Target", "axis": "Share"}
    fig = charts.outreach_chart(table, labels, title="Plan")
    go.Figure(fig.to_dict())  # re-validated: the light figure skips validation when built
    assert fig.data[2].x == (None, 70.0)  # drawn bottom-up: B first
