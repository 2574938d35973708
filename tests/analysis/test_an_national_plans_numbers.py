"""Every number the Session 5 page, notebooks and quiz state about the SYNTHETIC consultation and the
population figures, recomputed from the data with the package's own functions (the prose is typed,
so this is what keeps it true when the data or the code change)."""

import pandas as pd
import pytest

from eparticipation.analysis import consultation as an
from eparticipation.data import load_sample_consultation, region_population_shares
from eparticipation.data.consultation import adult_age_shares, group_benchmarks, settlement_population_shares
from eparticipation.data.context import national_figure, region_population_counts


@pytest.fixture(scope="module")
def sample():
    return load_sample_consultation()


@pytest.fixture(scope="module")
def regional(sample):
    return an.post_stratification_weights(sample.participants, region_population_shares())


def pct(value):
    return round(100 * value, 1)


def test_at_a_glance(sample):
    glance = an.at_a_glance(sample.participants, sample.submissions)
    assert (glance["participants"], glance["submissions"]) == (5000, 15000)
    assert (glance["first submission"], glance["last submission"]) == ("2026-02-02", "2026-03-15")
    assert glance["answered, of published (%)"] == 40.4


def test_who_took_part(sample):
    groups = an.group_representation(sample.participants, group_benchmarks()).set_index("group")
    assert [pct(groups.loc[g, "sample_share"]) for g in ("rural", "women", "older")] == [19.3, 38.8, 13.3]
    assert [pct(groups.loc[g, "population_share"]) for g in ("rural", "women", "older")] == [45.5, 51.0, 29.0]
    language = an.participation_by(sample.participants, "preferred_language").set_index("preferred_language")["share"]
    assert (pct(language["ru"]), pct(language["en"])) == (18.3, 4.3)


def test_channels_weeks_and_priorities(sample):
    channel = an.participation_by(sample.submissions, "channel").set_index("channel")["share"]
    assert (pct(channel["e-gov portal"]), pct(channel["mobile app"])) == (26.4, 25.3)
    assisted = channel[["ASAN kiosk (assisted)", "call centre", "public hearing transcript"]].sum()
    assert pct(assisted) == 27.1
    weeks = an.weekly_activity(sample.submissions).set_index("week")["submissions"]
    assert (weeks[1], weeks[6]) == (4879, 3998)
    assert round(weeks[1] / 15000, 2) == 0.33 and round(weeks[6] / 15000, 2) == 0.27  # "a third", "a quarter"
    topics = an.topic_summary(sample.submissions).set_index("topic")["share"]
    assert [pct(topics[t]) for t in ("inclusive_society", "competitive_economy", "human_capital")] == [20.2, 18.0, 17.1]


def test_regions_and_index(sample):
    ratios = an.representation_ratios(sample.participants, region_population_shares()).set_index("region")
    assert round(ratios.loc["Baku", "ratio"], 2) == 2.24 and round(ratios.loc["Absheron-Khizi", "ratio"], 2) == 1.36
    assert round(ratios.loc["East Zangezur", "ratio"], 2) == 0.27 and (ratios["ratio"] > 1).sum() == 2
    assert (pct(ratios.loc["Baku", "sample_share"]), pct(ratios.loc["Baku", "population_share"])) == (51.4, 23.0)
    assert (pct(ratios.loc["Lankaran-Astara", "population_share"]), pct(ratios.loc["Lankaran-Astara", "sample_share"])) == (9.2, 5.0)
    assert ratios["population_share"].rank(ascending=False)["Lankaran-Astara"] == 2
    assert ratios.loc["East Zangezur", "participants"] == 41
    assert round(an.representativeness_index(ratios.reset_index()), 3) == 0.685


def test_population_caveats():
    counts = region_population_counts().set_index("region")
    assert national_figure("population") == 10_180_770
    assert (counts.loc["East Zangezur", "implied_people"], counts.loc["Karabakh", "implied_people"]) == (305_000, 743_000)
    assert (counts.loc["East Zangezur", "share_percent"], counts.loc["Karabakh", "share_percent"]) == (3.0, 7.3)


def test_regional_weights_and_what_they_change(sample, regional):
    report = an.weight_diagnostics(regional)
    assert (report["smallest_weight"], report["largest_weight"]) == (0.447, 3.659)
    assert (round(report["effective_sample_size"]), report["efficiency"]) == (3307, 0.661)
    per_submission = an.submission_weights(sample.submissions, sample.participants, regional)
    ranking = an.weighted_ranking(sample.submissions, "topic", per_submission, an.effective_sample_size(regional))
    ranking = ranking.set_index("topic")
    assert ranking.loc[["inclusive_society", "competitive_economy", "human_capital"], "weighted_rank"].tolist() == [1, 2, 3]
    assert ranking.loc["digital_services", ["raw_rank", "weighted_rank"]].tolist() == [5, 4]
    assert ranking.loc["clean_environment", ["raw_rank", "weighted_rank"]].tolist() == [4, 5]
    assert ranking["change_points"].abs().max() < 0.5
    assert round(ranking.loc["digital_services", "margin_points"], 1) == 1.1
    both = an.groups_before_after(sample.participants, group_benchmarks(), regional).set_index("group")
    assert (pct(both.loc["rural", "raw_share"]), pct(both.loc["rural", "weighted_share"])) == (19.3, 30.7)
    assert (pct(both.loc["women", "raw_share"]), pct(both.loc["women", "weighted_share"])) == (38.8, 36.8)


def test_region_by_age_cells(sample):
    cells = an.post_stratification_weights(sample.participants, an.joint_shares(region_population_shares(),
                                                                                  adult_age_shares()),
                                           ["region", "age_band"])
    report = an.weight_diagnostics(cells)
    assert report["largest_weight"] == 19.5 and round(report["effective_sample_size"]) == 2385
    table = an.cell_table(sample.participants, cells, ["region", "age_band"])
    assert table.iloc[0][["region", "age_band", "participants"]].tolist() == ["East Zangezur", "65+", 1]
    assert table.iloc[1][["region", "age_band", "participants"]].tolist() == ["Mil-Mugan", "65+", 3]


def test_exercise_solution_weights_by_settlement(sample):
    by_settlement = an.post_stratification_weights(sample.participants, settlement_population_shares(), "settlement")
    both = an.groups_before_after(sample.participants, group_benchmarks(), by_settlement).set_index("group")
    assert pct(both.loc["rural", "weighted_share"]) == 45.5 and both.loc["rural", "weighted_index"] == pytest.approx(1)
    assert pct(both.loc["women", "weighted_share"]) == 35.3
    assert (round(both.loc["women", "weighted_index"], 3), round(both.loc["women", "raw_index"], 3)) == (0.843, 0.878)
    assert (pct(both.loc["older", "raw_share"]), pct(both.loc["older", "weighted_share"])) == (13.3, 13.4)
    assert round(an.effective_sample_size(by_settlement)) == 3466
    ranking = an.weighted_ranking(sample.submissions, "topic",
                                  an.submission_weights(sample.submissions, sample.participants, by_settlement))
    assert ranking["topic"].head(3).tolist() == ["inclusive_society", "competitive_economy", "human_capital"]
    assert ranking.set_index("topic").loc["digital_services", "weighted_rank"] == 4


def test_quiz_numbers(sample):
    ratios = an.representation_ratios(sample.participants, region_population_shares()).set_index("region")
    weights = an.post_stratification_weights(sample.participants, region_population_shares())
    east = weights[sample.participants["region"] == "East Zangezur"]
    assert len(east) == 41 and round(east.iloc[0], 1) == 3.7
    assert round(100 * (1 - an.representativeness_index(ratios.reset_index())), 1) == 31.5
    assert pd.Series(region_population_shares())["East Zangezur"] == pytest.approx(0.03, abs=0.0005)


def test_exercise_worked_example_matches_the_exercise():
    """The worked example's table and feedback in exercises/s05-national-plans.ipynb come from the worksheet."""
    import json
    import re

    from eparticipation.data.context import REGION_NAMES
    from eparticipation.paths import REPO_ROOT
    from eparticipation.worksheets.outreach import (
        Outreach, default_baseline, group_index, outreach_feedback, projection, rounded_to_total)

    cells = json.loads((REPO_ROOT / "exercises" / "s05-national-plans.ipynb").read_text(encoding="utf-8"))["cells"]
    text = next("".join(c["source"]) for c in cells if "Worked example" in "".join(c["source"]))
    rows = {m[0]: tuple(float(v) for v in m[1:]) for m in
            re.findall(r"^\| ([A-Z][\w-]*(?: [\w-]+)?) \| ([\d.]+) % \| ([\d.]+) % \| ([\d.]+) % \| ([\d.]+) \|$", text, re.M)}
    assert list(rows) == list(REGION_NAMES)
    base = default_baseline()
    targets = rounded_to_total({r: (base.current[r] + base.population[r]) / 2 for r in REGION_NAMES})
    plan = Outreach(regions=targets, groups={"rural": 35, "women": 48, "older": 22}, planned=6000, actions="x")
    result = projection(plan, base)
    for region, (population, now, target, ratio) in rows.items():
        assert (round(base.population[region], 1), round(base.current[region], 1)) == (population, now), region
        assert targets[region] == target and round(result.ratios[region], 2) == ratio, region
    assert f"{result.index:.3f}" == "0.843" and "0.843, against 0.685 now" in text
    assert ", ".join(result.under) in text.replace("\n", " ") and len(result.under) == 9 and result.over == ("Baku",)
    flagged = [i.params["group"] for i in outreach_feedback(plan, base) if i.key == "outreach.fb.group_under"]
    assert flagged == ["t:outreach.group.rural", "t:outreach.group.older"]
    assert group_index(plan, base, "women") > 0.8
