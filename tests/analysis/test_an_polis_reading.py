import pytest

from eparticipation.analysis.opinion_groups import consensus_statements, divisive_statements, find_opinion_groups
from eparticipation.analysis.polis_reading import groups_overview, statement_view
from eparticipation.charts import PALETTE
from eparticipation.charts.opinion_groups import group_agreement_chart, opinion_map_chart
from eparticipation.data import load_polis_export
from eparticipation.paths import data_path


@pytest.fixture(scope="module")
def london():
    export = load_polis_export(data_path("consultations", "london.youth.policing"))
    return export, find_opinion_groups(export)


def test_overview_states_the_groups_and_the_fragile_verdict(london):
    export, groups = london
    overview = groups_overview(export, groups)
    assert overview["participants grouped"] == len(groups.clustered) == 24  # book/data.md: 24 grouped by us
    assert overview["groups"] == groups.k and overview["verdict"].startswith("fragile")
    assert overview["group sizes"] == ", ".join(f"{g}: {n}" for g, n in groups.group_sizes.items())


def test_statement_view_gives_percent_agreeing_per_group(london):
    export, groups = london
    table = consensus_statements(export, groups, top=3)
    view = statement_view(table, groups)
    assert list(view.index) == list(table["comment_id"])
    assert view.iloc[0]["% agree, group A"] == round(100 * table.iloc[0]["agree_A"])


def test_charts_carry_summary_attribution_palette_and_print_safe_markers(london):
    export, groups = london
    chart = opinion_map_chart(groups, topic=export.topic, attribution=export.attribution)
    assert f"{len(groups.clustered):,} participants" in chart.summary and "fragile" in chart.summary
    symbols = {trace.marker.symbol for trace in chart.figure.data}
    assert len(symbols) == groups.k and {trace.marker.color for trace in chart.figure.data} <= set(PALETTE)
    assert any("CC BY 4.0" in a.text for a in chart.figure.layout.annotations)
    bars = group_agreement_chart(divisive_statements(export, groups, top=4), groups, title="Divisive",
                                 attribution=export.attribution)
    assert len({trace.marker.pattern.shape for trace in bars.figure.data}) == groups.k
    assert bars.summary.startswith("Divisive. Share agreeing") and "group A: #" in bars.summary
