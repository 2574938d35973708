"""Session 1: the EPI analysis, its charts and the offline world boundaries (TopoJSON decoder)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from eparticipation.analysis import epi
from eparticipation.charts import PALETTE
from eparticipation.charts import epi as epi_charts
from eparticipation.charts import maps
from eparticipation.data import EGOV_ATTRIBUTION, load_egov_panel
from eparticipation.data import world
from eparticipation.errors import CourseDataError


@pytest.fixture(scope="module")
def panel():
    return load_egov_panel()


def tiny_panel() -> pd.DataFrame:
    """Four countries in two sub-regions, two editions; values chosen for easy arithmetic."""
    rows = []
    data = {
        ("AAA", "Alpha", "North"): {2020: (0.4, 0.6), 2022: (0.5, 0.2)},
        ("BBB", "Beta", "North"): {2020: (0.6, 1.0), 2022: (0.7, 0.4)},
        ("CCC", "Gamma", "North"): {2020: (0.8, 0.8), 2022: (0.9, 1.0)},
        ("DDD", "Delta", "South"): {2020: (0.2, 0.0), 2022: (0.1, 0.0)},
    }
    for (code, name, sub), years in data.items():
        for year, (egdi, epi_value) in years.items():
            rows.append(dict(country_code=code, country=name, region="R", sub_region=sub, year=year,
                             egdi=egdi, epi=epi_value, osi=0.5, hci=0.5, tii=0.5, egdi_rank=1, epi_rank_computed=1))
    frame = pd.DataFrame(rows)
    for year in (2020, 2022):
        mask = frame["year"] == year
        frame.loc[mask, "epi_rank_computed"] = frame.loc[mask, "epi"].rank(ascending=False, method="min").astype(int)
    return frame


# -- analysis on a tiny panel -------------------------------------------------------------------
def test_sub_region_median_and_mean():
    p = tiny_panel()
    median = epi.sub_region_series(p, "North", "epi")
    assert median["epi"].tolist() == [0.8, 0.4] and median["countries"].tolist() == [3, 3]
    mean = epi.sub_region_series(p, "North", "epi", stat="mean")
    assert mean["epi"].round(4).tolist() == [0.8, 0.5333]


def test_unknown_sub_region_and_statistic_are_refused_clearly():
    p = tiny_panel()
    with pytest.raises(CourseDataError, match="North, South"):
        epi.sub_region_series(p, "Nowhere", "epi")
    with pytest.raises(CourseDataError, match="median, mean"):
        epi.sub_region_series(p, "North", "epi", stat="mode")


def test_country_vs_sub_region_and_gap():
    p = tiny_panel()
    table = epi.country_vs_sub_region(p, "AAA")
    assert list(table.columns) == ["year", "egdi", "egdi_sub_region", "epi", "epi_sub_region", "countries"]
    assert table["epi_sub_region"].tolist() == [0.8, 0.4]
    assert table.attrs["sub_region"] == "North" and table.attrs["country"] == "Alpha"
    assert epi.gap_to_sub_region(table, "epi")["gap"].tolist() == [-0.2, -0.2]
    assert epi.sub_region_of(p, "DDD") == "South"


def test_relation_is_exact_on_a_straight_line():
    p = tiny_panel()
    p.loc[p["year"] == 2020, "epi"] = 2 * p.loc[p["year"] == 2020, "egdi"] - 0.3
    result = epi.epi_egdi_relation(p, 2020, "AAA")
    assert result["pearson_r"] == 1.0 and result["spearman_rho"] == 1.0
    assert (result["slope"], result["intercept"]) == (2.0, -0.3)
    assert result["difference"] == 0.0 and result["expected_epi"] == 0.5


def test_relation_refuses_unknown_edition_and_country():
    p = tiny_panel()
    with pytest.raises(CourseDataError, match="2020, 2022"):
        epi.epi_egdi_relation(p, 2019)
    with pytest.raises(CourseDataError, match="ZZZ"):
        epi.epi_egdi_relation(p, 2020, "ZZZ")


def test_edition_distribution_counts_zeros_ones_and_values():
    table = epi.edition_distribution(tiny_panel())
    assert table.loc[2020, "Exactly 0"] == 1 and table.loc[2020, "Exactly 1"] == 1
    assert table.loc[2022, "Distinct values"] == 4 and table.loc[2020, "Median"] == 0.7


def test_change_in_context_and_direction_counts():
    p = tiny_panel()
    table = epi.change_in_context(p, "AAA", "epi", 2020, 2022)
    assert table.loc["Alpha", "Change"] == -0.4
    assert table.loc["North (median)", "2020"] == 0.8 and table.loc["North (median)", "2022"] == 0.4
    assert table.loc["All countries (median)", "2020"] == 0.7
    assert table.attrs == {"fell": 2, "compared": 4}
    counts = epi.direction_counts(p, "epi", 2020, 2022)
    assert (counts["fell"], counts["rose"], counts["unchanged"], counts["compared"]) == (2, 1, 1, 4)


def test_rank_ties_counts_shared_scores():
    p = tiny_panel()
    p.loc[(p["year"] == 2022) & (p["country_code"] == "AAA"), "epi"] = 0.4
    p.loc[p["year"] == 2022, "epi_rank_computed"] = p.loc[p["year"] == 2022, "epi"].rank(
        ascending=False, method="min").astype(int)
    ties = epi.rank_ties(p, "AAA", 2022)
    assert ties["same_score"] == 2 and ties["epi_rank_computed"] == 2
    assert ties["countries_sharing_a_rank"] == 2 and ties["distinct_values"] == 3


def test_map_values_filters_sub_regions():
    p = tiny_panel()
    assert epi.map_values(p, 2022, sub_regions=["South"]) == {"DDD": 0.0}
    assert len(epi.map_values(p, 2022)) == 4
    with pytest.raises(CourseDataError, match="Atlantis"):
        epi.map_values(p, 2022, sub_regions=["Atlantis"])


# -- the real panel: the numbers the notebook states --------------------------------------------
def test_azerbaijan_against_western_asia(panel):
    table = epi.country_vs_sub_region(panel, "AZE").set_index("year")
    assert table.attrs["sub_region"] == "Western Asia"
    assert table.loc[2024, "epi"] == 0.4932 and table.loc[2024, "epi_sub_region"] == 0.6164
    assert table.loc[2024, "egdi_sub_region"] == 0.8244 and table.loc[2024, "countries"] == 17
    assert int((table["epi"] > table["epi_sub_region"]).sum()) == 3


def test_real_relation_and_caveats(panel):
    relation = epi.epi_egdi_relation(panel, 2024, "AZE")
    assert relation["pearson_r"] == 0.856 and relation["countries"] == 193
    assert relation["expected_epi"] == 0.618 and relation["difference"] == -0.124
    assert epi.direction_counts(panel, "epi", 2020, 2022)["fell"] == 165
    assert epi.direction_counts(panel, "egdi", 2020, 2022)["fell"] == 75
    ties = epi.rank_ties(panel, "AZE", 2024)
    assert (ties["epi_rank_computed"], ties["same_score"], ties["distinct_values"]) == (88, 4, 69)
    distribution = epi.edition_distribution(panel)
    assert (distribution["Exactly 1"] >= 1).all()
    assert distribution.loc[2022, "Median"] == 0.3977


# -- charts ---------------------------------------------------------------------------------------
def test_sub_region_chart_has_four_lines_and_summary(panel):
    chart = epi_charts.sub_region_chart(epi.country_vs_sub_region(panel, "AZE"), source=EGOV_ATTRIBUTION)
    assert len(chart.figure.data) == 4
    assert {t.line.dash for t in chart.figure.data} == {"solid", "dash"}
    assert "0.493 in 2024" in chart.summary and "0.616" in chart.summary and EGOV_ATTRIBUTION in chart.summary
    go.Figure(chart.figure)  # the figure validates


def test_relation_chart_highlights_the_country(panel):
    chart = epi_charts.relation_chart(panel, 2024, highlight="AZE", source=EGOV_ATTRIBUTION)
    names = [t.name for t in chart.figure.data]
    assert names == ["Other countries", "Western Asia", "Azerbaijan", "Straight-line fit"]
    assert chart.figure.data[2].marker.color == PALETTE[5] and chart.figure.data[2].marker.symbol == "star"
    assert sum(len(t.x) for t in chart.figure.data[:3]) == 193
    assert "Pearson r = 0.856" in chart.summary and "−0.124" in chart.summary


def test_edition_box_chart_uses_precomputed_quartiles(panel):
    chart = epi_charts.edition_box_chart(panel, highlight="AZE", source=EGOV_ATTRIBUTION)
    box = chart.figure.data[0]
    assert box.y is None and len(box.median) == 12 and box.upperfence[0] == 1.0
    assert "2022 0.398" in chart.summary and "2022 0.386" in chart.summary


def test_regional_map_is_drawn_offline_from_shapes(panel):
    chart = epi_charts.epi_map(panel, world.load_world_countries(), 2024,
                               sub_regions=("Western Asia", "Central Asia"), highlight="AZE", source=EGOV_ATTRIBUTION)
    fig = chart.figure
    assert all(t.type == "scatter" for t in fig.data)  # no geo traces: nothing fetched from a CDN
    assert "http" not in fig.to_json() and not fig.layout.geo.to_plotly_json()
    outlined = [t for t in fig.data if t.name == "Azerbaijan"]
    assert len(outlined) == 2 and outlined[0].line.width == 3  # mainland and Nakhchivan
    grey = [t for t in fig.data if t.fillcolor == "#f2f2f2"]
    assert grey, "neighbours outside the group are drawn in grey"
    assert "Too small to draw at this scale: Bahrain" in chart.summary
    assert chart.summary.index("Saudi Arabia 0.959") < chart.summary.index("Azerbaijan 0.493")
    assert len(fig.to_json()) < 80_000  # keeps the page light


def test_regional_map_refuses_values_without_shapes():
    with pytest.raises(ValueError, match="has a shape"):
        maps.regional_map({"features": []}, {"AAA": 0.5}, {}, title="t", value_label="EPI",
                                highlight=None, source="s")


# -- the TopoJSON decoder -------------------------------------------------------------------------
def square_topology(transform: bool = True) -> dict:
    """Two unit squares sharing one edge (arc 1), as TopoJSON would store them."""
    if transform:  # quantised and delta-encoded, scale 0.5, translate (10, 20)
        arcs = [[[2, 0], [-2, 0], [0, 2], [2, 0]],  # (2,0)->(0,0)->(0,2)->(2,2), i.e. left square minus shared edge
                [[2, 2], [0, -2]],  # shared edge (2,2)->(2,0)
                [[2, 2], [2, 0], [0, -2], [-2, 0]]]  # (2,2)->(4,2)->(4,0)->(2,0)
        t = {"scale": [0.5, 0.5], "translate": [10, 20]}
    else:
        arcs = [[[1, 0], [0, 0], [0, 1], [1, 1]], [[1, 1], [1, 0]], [[1, 1], [2, 1], [2, 0], [1, 0]]]
        t = None
    topology = {"type": "Topology", "arcs": arcs, "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "LFT", "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "id": "RGT", "arcs": [[], [[2, -2]]]},
        {"type": "LineString", "id": "RIV", "arcs": [0]},
    ]}}}
    if t:
        topology["transform"] = t
    return topology


def test_decode_arcs_undoes_delta_encoding_and_quantisation():
    arcs = world.decode_arcs(square_topology())
    assert arcs[0] == [(11.0, 20.0), (10.0, 20.0), (10.0, 21.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (11.0, 20.0)]
    assert world.decode_arcs(square_topology())[2] == [(11.0, 21.0), (12.0, 21.0), (12.0, 20.0), (11.0, 20.0)]
    assert world.decode_arcs(square_topology(transform=False))[2] == [(1.0, 1.0), (2.0, 1.0), (2.0, 0.0), (1.0, 0.0)]


def test_rings_are_stitched_closed_and_reversed_arcs_walk_backwards():
    arcs = world.decode_arcs(square_topology(transform=False))
    assert world.ring_from_arcs([0, 1], arcs) == [[1, 0], [0, 0], [0, 1], [1, 1], [1, 0]]
    assert world.ring_from_arcs([2, -2], arcs) == [[1, 1], [2, 1], [2, 0], [1, 0], [1, 1]]
    assert world.ring_from_arcs([2], arcs)[-1] == [1.0, 1.0]  # an open chain is closed


def test_topology_to_geojson_keys_features_and_skips_lines_and_empty_polygons():
    geo = world.topology_to_geojson(square_topology(transform=False), "countries")
    assert [f["id"] for f in geo["features"]] == ["LFT", "RGT"]
    assert geo["features"][1]["geometry"]["type"] == "Polygon"  # the empty part of the MultiPolygon is dropped
    assert geo["features"][0]["properties"]["iso3"] == "LFT"
    assert world.geometry_to_geojson({"type": "MultiPolygon", "arcs": [[], []]}, []) is None
    with pytest.raises(CourseDataError, match="countries"):
        world.topology_to_geojson(square_topology(), "states")


def test_load_world_countries_keyed_by_iso3():
    geo = world.load_world_countries()
    by_code = {f["id"]: f for f in geo["features"]}
    assert len(geo["features"]) == len(by_code) == 174 and by_code["AZE"]["properties"]["iso3"] == "AZE"
    aze = by_code["AZE"]["geometry"]
    assert aze["type"] == "MultiPolygon" and len(aze["coordinates"]) == 2  # with Nakhchivan
    lon = [p[0] for polygon in aze["coordinates"] for p in polygon[0]]
    lat = [p[1] for polygon in aze["coordinates"] for p in polygon[0]]
    assert 44 < min(lon) < 46 and 50 < max(lon) < 51 and 38 < min(lat) and max(lat) < 42


def test_load_world_countries_reports_a_broken_file(tmp_path):
    broken = tmp_path / "w.json"
    broken.write_text('{"type": "Topology",\n "arcs": [\n}', encoding="utf-8")
    with pytest.raises(CourseDataError) as error:
        world.load_world_countries(broken)
    assert error.value.row == 3
    other = tmp_path / "g.json"
    other.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with pytest.raises(CourseDataError, match="not a TopoJSON"):
        world.load_world_countries(other)
