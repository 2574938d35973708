import json

import pytest

from eparticipation.data.context import (
    ECONOMIC_REGIONS, REGION_NAMES, load_context_facts, load_economic_regions_geojson, region_population_shares,
)
from eparticipation.data.petitions import PETITION_ATTRIBUTION, load_petition_timeseries
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path


def test_region_constants_match_the_geojson_including_azerbaijani_spelling():
    geo = load_economic_regions_geojson()
    found = [(f["properties"]["economic_region_2021_code"], f["properties"]["economic_region_2021"],
              f["properties"]["economic_region_2021_az"]) for f in geo["features"]]
    assert found == list(ECONOMIC_REGIONS)
    assert any(ch in "".join(az for *_, az in ECONOMIC_REGIONS) for ch in "əğıöüçş")


def test_population_shares_cover_14_regions_and_sum_to_one():
    facts = load_context_facts()
    shares = region_population_shares(facts=facts)
    assert list(shares.index) == list(REGION_NAMES)
    assert shares.sum() == pytest.approx(1.0)
    published = facts[(facts.indicator == "population_share") & (facts.geography == "Baku") & (facts.reference_date == "2024-01-01")]
    assert shares["Baku"] == pytest.approx(published["value"].item() / 100, rel=0.01)


def test_unknown_reference_date_is_a_clear_error():
    with pytest.raises(CourseDataError, match="2030-01-01"):
        region_population_shares("2030-01-01")


def test_petition_series_is_ordered_and_attributed():
    series = load_petition_timeseries()
    assert series["timestamp"].is_monotonic_increasing
    assert series["count"].iloc[0] == 201_079 and series["count"].iloc[-1] == 3_004_622
    assert series.attrs["attribution"] == PETITION_ATTRIBUTION


def test_petition_rows_out_of_order_are_refused(tmp_path):
    lines = data_path(*("consultations", "uk-parliament-petition-700143-signature-timeseries", "petition_counts.csv")).read_text().splitlines()
    lines[3], lines[4] = lines[4], lines[3]
    path = tmp_path / "p.csv"
    path.write_text("\n".join(lines[:50]) + "\n")
    with pytest.raises(CourseDataError) as error:
        load_petition_timeseries(path)
    assert error.value.row == 5


def test_broken_geojson_names_the_line(tmp_path):
    path = tmp_path / "g.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n}', encoding="utf-8")
    with pytest.raises(CourseDataError) as error:
        load_economic_regions_geojson(path)
    assert error.value.row == 3


def test_datapackage_describes_every_file_and_matches_the_code():
    from eparticipation.data.descriptors import course_datapackage

    committed = json.loads(data_path("datapackage.json").read_text(encoding="utf-8"))
    assert committed == course_datapackage()
    for resource in committed["resources"]:
        path = data_path(*resource["path"].split("/"))
        assert path.exists(), resource["path"]
        if resource.get("schema"):
            header = path.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("\ufeff").split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
        assert resource["synthetic"] is ("sample-consultation" in resource["path"] or resource["path"] == "assumptions.csv")
        if resource["synthetic"]:
            assert "SYNTHETIC" in resource["title"] + resource["description"]


def test_region_counts_and_group_benchmarks_come_from_the_sources():
    from eparticipation.data.consultation import group_benchmarks
    from eparticipation.data.context import national_figure, region_population_counts

    counts = region_population_counts().set_index("region")
    assert counts.loc["East Zangezur", "share_percent"] == 3.0 and counts.loc["East Zangezur", "implied_people"] == 305_000
    assert counts.loc["Karabakh", "implied_people"] == 743_000
    assert national_figure("population") == 10_180_770
    with pytest.raises(CourseDataError, match="no population for Azerbaijan on 1999-01-01"):
        national_figure("population", "1999-01-01")
    groups = group_benchmarks().set_index("group")
    assert groups.loc["rural", "population_share"] == 0.455 and groups.loc["rural", "status"] == "SOURCED"
    assert groups.loc["women", "population_share"] == 0.51 and groups.loc["older", "population_share"] == 0.29
    assert set(groups["status"]) == {"SOURCED", "ASSUMED"}
