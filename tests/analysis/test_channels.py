"""Session 6 analysis: the channels of 2026 and their sources, who each channel reached in the SYNTHETIC
sample, and the channel-mix reach model with its inclusion score."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from eparticipation.analysis import channels as ch
from eparticipation.data import load_context_facts, load_sample_consultation
from eparticipation.data.assumptions import assumption_value, load_assumptions
from eparticipation.data.context import REGION_NAMES
from eparticipation.data.generator import CHANNELS as SAMPLE_CHANNELS
from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT

FACTS = load_context_facts()
PARAMETERS = ch.channel_parameters()


def bib_keys() -> set[str]:
    text = (REPO_ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE))


# -- the channels and their facts ------------------------------------------------------------------------
def test_every_channel_fact_is_dated_and_cites_a_reference():
    keys = bib_keys()
    assert len(ch.CHANNELS) == 6 and len(set(ch.CHANNEL_KEYS)) == 6
    for item in ch.CHANNELS:
        assert item.kind in ch.KINDS and item.facts, item.key
        for fact in item.facts:
            assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", fact.date), (item.key, fact.date)
            assert fact.sources and set(fact.sources) <= keys, (item.key, fact.sources)
    assert ch.ONLINE_ONLY == {"egov_mygov", "digital_executive_power"}


def test_unverified_facts_are_marked_wherever_the_table_shows_them():
    table = ch.channel_table()
    unverified = [f for c in ch.CHANNELS for f in c.facts if not f.verified]
    assert unverified, "the 2022 hand-over is reported by a secondary source only"
    marked = table[table["Fact"].str.startswith("NOT VERIFIED")]
    assert len(marked) == len(unverified)
    assert "Decree No. 1885" in " ".join(table["Fact"]) and "2018-03-14" in set(table["Date"])
    assert list(ch.channel_overview()["Channel"]) == [c.name for c in ch.CHANNELS]
    with pytest.raises(KeyError):
        ch.channel("carrier_pigeon")


# -- who each channel reached (SYNTHETIC sample) ---------------------------------------------------------
def small_sample() -> pd.DataFrame:
    channel = pd.Categorical(["e-gov portal", "e-gov portal", "call centre", "ASAN kiosk (assisted)", "e-gov portal"],
                             categories=list(SAMPLE_CHANNELS))
    settlement = pd.Categorical(["urban", "rural", "rural", "rural", "urban"], categories=["urban", "rural"])
    return pd.DataFrame({"channel": channel, "settlement": settlement, "age_band": ["18-24", "65+", "65+", "65+", "25-34"]})


def test_channel_profile_gives_each_channels_shares_and_counts():
    profile = ch.channel_profile(small_sample(), "settlement")
    assert list(profile.index) == [*SAMPLE_CHANNELS, ch.ALL_CHANNELS]
    assert profile.loc["e-gov portal", "urban"] == pytest.approx(2 / 3)
    assert profile.loc["call centre", "rural"] == 1.0
    assert profile.loc[ch.ALL_CHANNELS, "rural"] == pytest.approx(3 / 5)
    assert profile.loc[ch.ALL_CHANNELS, "participants"] == 5
    assert profile.loc["email", "participants"] == 0 and profile.loc["email"][["urban", "rural"]].isna().all()


def test_assisted_share_counts_channels_that_need_no_internet():
    table = ch.assisted_share(small_sample(), "settlement")
    assert table.loc["urban", "not_online_share"] == 0.0
    assert table.loc["rural", "not_online_share"] == pytest.approx(2 / 3)
    assert table["participants"].tolist() == [2, 3]
    assert set(ch.SAMPLE_CHANNEL_KIND) == set(SAMPLE_CHANNELS)


def test_in_the_sample_rural_and_older_participants_rely_more_on_assisted_channels():
    participants = load_sample_consultation().participants
    by_settlement = ch.assisted_share(participants, "settlement")
    assert by_settlement.loc["rural", "not_online_share"] > 2 * by_settlement.loc["urban", "not_online_share"]
    by_age = ch.assisted_share(participants, "age_band")["not_online_share"]
    assert by_age.is_monotonic_increasing
    profile = ch.channel_profile(participants, "settlement")
    assert np.allclose(profile[["urban", "rural"]].sum(axis=1), 1)


# -- population cells ------------------------------------------------------------------------------------
def test_population_cells_keep_the_sourced_totals():
    cells = ch.population_cells(FACTS, PARAMETERS)
    assert cells["population"].sum() == pytest.approx(10_180_770)
    share = cells.groupby("settlement")["population"].sum() / cells["population"].sum()
    assert share["urban"] == pytest.approx(0.545)
    online = cells.groupby("internet")["population"].sum() / cells["population"].sum()
    assert online["online"] == pytest.approx(0.89)
    assert not ((cells["region"] == "Baku") & (cells["settlement"] == "rural")).any()
    assert set(cells["region"]) == set(REGION_NAMES) and len(cells) == 14 * 4 - 2


def test_internet_use_by_settlement_keeps_the_national_share():
    use = ch.internet_use_by_settlement(0.89, 0.545, 1.1)
    assert use["urban"] / use["rural"] == pytest.approx(1.1)
    assert 0.545 * use["urban"] + 0.455 * use["rural"] == pytest.approx(0.89)
    with pytest.raises(CourseDataError, match="above 100"):
        ch.internet_use_by_settlement(0.89, 0.545, 2.0)


# -- the reach model --------------------------------------------------------------------------------------
def reach(**allocations):
    return ch.estimate_reach(allocations, FACTS, PARAMETERS)


def test_nothing_allocated_reaches_nobody_and_has_no_score():
    estimate = reach()
    assert estimate.reached == 0 and ch.inclusion_score(estimate) is None
    assert all(groups == [] for groups in ch.left_out(estimate).values())
    with pytest.raises(KeyError):
        reach(carrier_pigeon=100)


def test_contacts_follow_the_cost_per_contact():
    estimate = reach(call_centre=10_000, public_hearing=10_000)
    assert estimate.contacts["call_centre"] == pytest.approx(10_000 / PARAMETERS.cost_per_contact["call_centre"])
    assert estimate.cells["contacts"].sum() == pytest.approx(sum(estimate.contacts.values()))
    assert estimate.allocations == {"call_centre": 10_000, "public_hearing": 10_000}


def test_online_channels_never_reach_people_offline():
    estimate = reach(egov_mygov=100_000)
    internet = estimate.by("internet")
    assert internet.loc["offline", "reached"] == 0
    assert [g for g, _r in ch.left_out(estimate)["internet"]] == ["offline"]


def test_no_cell_is_reached_beyond_its_population_and_more_money_reaches_more():
    small, large, huge = reach(egov_mygov=10_000), reach(egov_mygov=1_000_000), reach(egov_mygov=1e9)
    assert small.reached < large.reached < huge.reached
    assert (huge.cells["reached"] <= huge.cells["population"] + 1e-6).all()
    online_people = huge.by("internet").loc["online", "population"]
    assert huge.reached == pytest.approx(online_people, rel=1e-3)  # saturation: everyone online, nobody else


def test_inclusion_score_is_100_when_a_channel_reaches_everyone_in_proportion():
    even = ch.ChannelParameters(cost_per_contact={k: 1.0 for k in ch.CHANNEL_KEYS},
                                settlement_reach={k: {"urban": 1.0, "rural": 1.0} for k in ch.CHANNEL_KEYS},
                                region_reach={k: {} for k in ch.CHANNEL_KEYS}, urban_rural_internet_ratio=1.1,
                                baku_urban_share=1.0)
    estimate = ch.estimate_reach({"call_centre": 1_000}, FACTS, even)
    assert ch.inclusion_score(estimate) == pytest.approx(100, abs=0.05)
    assert all(groups == [] for groups in ch.left_out(estimate).values())
    online = ch.estimate_reach({"egov_mygov": 1_000}, FACTS, even)
    assert ch.inclusion_score(online) == pytest.approx(89.0, abs=0.05)  # exactly the 11 % offline are missing


def test_a_balanced_mix_scores_higher_than_an_online_only_one():
    online = reach(egov_mygov=100_000)
    mixed = reach(egov_mygov=5_000, mobile_asan=30_000, call_centre=60_000, public_hearing=5_000)
    assert ch.inclusion_score(mixed) > ch.inclusion_score(online) + 10


def test_left_out_names_the_groups_below_four_fifths_lowest_first():
    estimate = reach(asan_centre=100_000)
    missing = ch.left_out(estimate)
    assert [g for g, _r in missing["region"][:2]] == ["East Zangezur", "Nakhchivan"]
    assert all(ratio < ch.UNDER_REACHED_RATIO for groups in missing.values() for _g, ratio in groups)
    assert missing["settlement"][0][0] == "rural"
    village = ch.left_out(reach(mobile_asan=100_000))
    assert village["region"][0][0] == "Baku" and village["settlement"][0][0] == "urban"


def test_by_gives_shares_that_sum_to_one():
    table = reach(asan_centre=30_000, egov_mygov=30_000).by("region")
    assert list(table.index) == list(REGION_NAMES)
    assert table["population_share"].sum() == pytest.approx(1) and table["reached_share"].sum() == pytest.approx(1)


@pytest.mark.parametrize("value, rounded", [(0, 0), (-3, 0), (7, 10), (954, 950), (1_234, 1_200), (126_499, 126_000)])
def test_round_people(value, rounded):
    assert ch.round_people(value) == rounded


# -- the parameters (data/assumptions.csv) ---------------------------------------------------------------
def test_the_channel_parameters_are_assumed_rows_with_reasons():
    table = load_assumptions()
    for name in ("channel_cost_per_contact_azn", "channel_settlement_reach", "channel_region_reach",
                 "internet_use_urban_rural_ratio", "baku_urban_share"):
        assert table.loc[name, "status"] == "ASSUMED" and len(table.loc[name, "reasoning"]) > 80, name
    assert table.loc["channel_mix_population_base", "status"] == "SOURCED"
    assert assumption_value("internet_use_urban_rural_ratio", table) == 1.1
    assert set(PARAMETERS.cost_per_contact) == set(ch.CHANNEL_KEYS)


def write(tmp_path, rows: list[str]):
    path = tmp_path / "assumptions.csv"
    path.write_text("parameter,status,value,used_for,reasoning\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_loader_refuses_bad_rows_with_the_row_number(tmp_path):
    with pytest.raises(CourseDataError, match="status") as error:
        load_assumptions(write(tmp_path, ["a,ASSUMED,1,x,y", "b,GUESSED,1,x,y"]))
    assert error.value.row == 3
    with pytest.raises(CourseDataError, match="twice"):
        load_assumptions(write(tmp_path, ["a,ASSUMED,1,x,y", "a,ASSUMED,2,x,y"]))
    table = load_assumptions(write(tmp_path, ['a,ASSUMED,"{""b"": 1",x,y', "c,SOURCED,from a file,x,y"]))
    with pytest.raises(CourseDataError, match="not valid JSON"):
        assumption_value("a", table)
    assert assumption_value("c", table) == "from a file"
    with pytest.raises(CourseDataError, match="no parameter"):
        assumption_value("missing", table)


def test_a_missing_channel_or_a_bad_cost_is_refused(tmp_path):
    table = load_assumptions()
    broken = table.copy()
    broken.loc["channel_cost_per_contact_azn", "value"] = '{"egov_mygov": 1}'
    with pytest.raises(CourseDataError, match="no value for"):
        ch.channel_parameters(broken)
    broken.loc["channel_cost_per_contact_azn", "value"] = (
        '{"egov_mygov": 0, "digital_executive_power": 1, "asan_centre": 1, "mobile_asan": 1, "call_centre": 1, '
        '"public_hearing": 1}')
    with pytest.raises(CourseDataError, match="positive"):
        ch.channel_parameters(broken)
