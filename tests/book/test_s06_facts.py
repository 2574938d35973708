"""Session 6: every number typed in the page, the notebooks' prose and the quiz comes from the data or the
model, and the page's channel table cites what the channel table in the package cites."""

from __future__ import annotations

import json
import re

import pytest

from eparticipation.analysis import channels as ch
from eparticipation.analysis.legal_frameworks import digital_reach, online_only_reach, urban_definitions
from eparticipation.data import load_context_facts, load_sample_consultation
from eparticipation.paths import REPO_ROOT

PAGE = (REPO_ROOT / "book" / "sessions" / "s06-channels-inclusion.md").read_text(encoding="utf-8")
QUIZ = (REPO_ROOT / "eparticipation" / "quizzes" / "s06-channels-inclusion.yml").read_text(encoding="utf-8")
FACTS = load_context_facts()
PARAMETERS = ch.channel_parameters()
BALANCED = {"egov_mygov": 5_000, "mobile_asan": 30_000, "call_centre": 60_000, "public_hearing": 5_000}


def prose(path: str) -> str:
    cells = json.loads((REPO_ROOT / path).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


NOTEBOOK = prose("notebooks/s06-channels-inclusion.ipynb")
EXERCISE = prose("exercises/s06-channels-inclusion.ipynb")


def test_the_internet_figures_and_the_break_come_from_the_data():
    reach = digital_reach(FACTS).set_index("year")["internet_users_pct"]
    rises = reach.diff().dropna().round(1)
    assert (reach[2012], reach[2013], rises[2013]) == (54.2, 73.0, 18.8)
    assert rises.drop(2013).max() == 4.2
    offline = online_only_reach(FACTS, 2023)
    assert (offline["online_pct"], offline["offline_pct"], offline["offline_people"]) == (89.0, 11.0, 1_120_000)
    for text in (PAGE, NOTEBOOK):
        assert "54.2%" in text and "73.0%" in text and "18.8 points" in text and "4.2 points" in text
        assert "1.12 million" in text
    assert "54.2%" in QUIZ and "73.0%" in QUIZ and "18.8 points" in QUIZ
    shares = {year: 100 - reach[year] for year in (2013, 2018, 2023)}
    assert [round(v) for v in shares.values()] == [27, 20, 11]
    assert "27% of the population in 2013, 20% in 2018" in NOTEBOOK


def test_the_urban_figures_come_from_the_data():
    both = urban_definitions(FACTS).set_index("year")
    assert (both.loc[2024, "national_ssc_pct"], both.loc[2024, "world_bank_pct"]) == (54.5, 58.0)
    assert both.loc[2024, "difference_points"] == 3.5
    assert "54.5%" in PAGE and "58.0%" in PAGE and "3.5 percentage points" in PAGE


def test_the_mix_numbers_in_page_quiz_and_worked_example_come_from_the_model():
    table = ch.compare_mixes({"online": {"egov_mygov": 100_000}, "asan": {"asan_centre": 100_000},
                              "balanced": BALANCED}, FACTS, PARAMETERS)
    assert table.loc["online", "people_reached"] == 198_000 and round(table.loc["online", "inclusion_score"]) == 82
    assert table.loc["asan", "people_reached"] == 33_000 and round(table.loc["asan", "inclusion_score"]) == 75
    assert table.loc["balanced", "people_reached"] == 44_000 and round(table.loc["balanced", "inclusion_score"]) == 97
    assert "198,000 people with a score of 82" in PAGE and "44,000 with a score of 97" in PAGE
    assert "about 198,000 with a score of 82" in QUIZ and "about 44,000 people with an inclusion score of 97" in QUIZ
    assert "About 198,000 people reached, inclusion score 82" in EXERCISE
    assert "About 33,000 people, score 75" in EXERCISE and "About 44,000 people, score 97" in EXERCISE
    assert table.loc["online", "rural_ratio"] == pytest.approx(0.69) and table.loc["asan", "rural_ratio"] == pytest.approx(0.49)
    missing = ch.left_out(ch.estimate_reach(BALANCED, FACTS, PARAMETERS))
    assert missing == {"region": [], "settlement": [], "internet": [("offline", pytest.approx(0.79, abs=0.005))]}


def test_the_solution_of_the_notebook_exercise_holds():
    moved = {**BALANCED, "digital_executive_power": 20_000, "call_centre": 40_000}
    table = ch.compare_mixes({"before": BALANCED, "after": moved}, FACTS, PARAMETERS)
    assert table.loc["after", "people_reached"] > table.loc["before", "people_reached"]
    assert table.loc["after", "offline_ratio"] < table.loc["before", "offline_ratio"]
    assert table.loc["after", "inclusion_score"] < table.loc["before", "inclusion_score"]
    assert PARAMETERS.cost_per_contact["digital_executive_power"] * 4 == PARAMETERS.cost_per_contact["call_centre"]


def test_the_synthetic_takeaways_hold():
    participants = load_sample_consultation().participants
    by_age = ch.assisted_share(participants, "age_band")["not_online_share"]
    assert round(by_age["18-24"] * 7) == 1 and round(by_age["65+"] * 5) == 4  # one in seven; four in five
    profile = ch.channel_profile(participants, "settlement")["rural"]
    assert profile[["e-gov portal", "mobile app", "social media"]].max() < 0.15
    assert profile[["ASAN kiosk (assisted)", "public hearing transcript", "call centre"]].between(0.3, 0.4).all()


def test_the_page_table_cites_what_the_channel_table_cites():
    rows = {}
    for line in PAGE.split("### The channels of December 2026", 1)[1].split("\n\n", 3)[2].splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = set(re.search(r"\{cite\}`([^`]+)`", cells[2]).group(1).split(","))
    assert list(rows) == [c.name for c in ch.CHANNELS]
    for item in ch.CHANNELS:
        assert rows[item.name] == {key for fact in item.facts for key in fact.sources}, item.key
    assert "ASAN Login" in PAGE and "1.741 million" in PAGE
    assert any("1.741 million" in fact.text for fact in ch.channel("egov_mygov").facts)
