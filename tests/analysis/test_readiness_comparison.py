"""Comparing a group of readiness self-assessments: the synthetic sample, the tables and the charts."""

from __future__ import annotations

import pandas as pd
import pytest

from eparticipation.analysis import readiness_comparison as rc
from eparticipation.charts import CourseChart, PALETTE
from eparticipation.charts.readiness import common_gaps_chart, group_heatmap, legislation_policy_chart
from eparticipation.worksheets.readiness import AREAS, STATEMENTS, Readiness, area_scores, gaps
from eparticipation.reports import dashboard as aggregate
from eparticipation.worksheets import samples


def make(answers: dict[str, tuple[str | None, str | None]]) -> Readiness:
    return Readiness.model_validate(
        {"items": {item: {"legislation": law, "policy": policy} for item, (law, policy) in answers.items()}})


ALL_YES = make({item: ("yes", "yes") for item in STATEMENTS})
# Legislation only for e-information; policy for e-information and e-consultation; one "neither".
MIXED = make({"info_drafts": ("yes", "yes"), "info_open_data": ("yes", "yes"), "info_requests": ("yes", "no"),
              "cons_online": ("no", "yes"), "cons_period": ("dk", "yes"), "cons_response": ("no", "no")})
GROUP = [("A", ALL_YES), ("B", MIXED), ("C", Readiness())]


# --- the synthetic sample -------------------------------------------------------------------------
def test_synthetic_group_is_deterministic_and_labelled():
    first, second = rc.synthetic_group(), rc.synthetic_group()
    assert [label for label, _a in first] == [f"Synthetic {n:02d}" for n in range(1, 13)]
    assert [a.model_dump() for _l, a in first] == [a.model_dump() for _l, a in second]
    assert rc.synthetic_group(seed=1)[0][1].model_dump() != first[0][1].model_dump()


def test_synthetic_group_answers_every_statement_with_a_valid_choice():
    for _label, answers in rc.synthetic_group(5):
        assert set(answers.items) == set(STATEMENTS)
        assert {answers.answer(i, c) for i in STATEMENTS for c in ("legislation", "policy")} <= {"yes", "no", "dk"}


def test_synthetic_group_size_and_refusal():
    assert len(rc.synthetic_group(3)) == 3
    with pytest.raises(ValueError):
        rc.synthetic_group(0)


def test_synthetic_group_pins_the_notebook_numbers():
    # The notebook's takeaways quote these; a change to the generator must show up here first.
    mix = rc.answer_mix(rc.synthetic_group())
    assert (mix["yes"], mix["no"], mix["dk"], mix["total"], mix["dk_share"]) == (186, 243, 75, 504, 14.9)


def test_group_from_workbooks_skips_workbooks_without_the_section(tmp_path):
    samples.write_samples(tmp_path)
    labelled = aggregate.labels_for(aggregate.collect(tmp_path).valid, names=False)
    group = rc.group_from_workbooks(labelled)
    assert [label for label, _a in group] == ["P01", "P02", "P03", "P04"]
    assert all(isinstance(a, Readiness) for _l, a in group)
    labelled[0][1].sections.pop("readiness")
    assert [label for label, _a in rc.group_from_workbooks(labelled)] == ["P02", "P03", "P04"]


# --- tables ---------------------------------------------------------------------------------------
def test_score_table_uses_the_exercise_scores():
    table = rc.score_table(GROUP)
    assert list(table.index) == ["A", "B", "C"]
    assert table.shape == (3, 14)
    assert table.loc["B", ("e-Information", "Legislation")] == area_scores(MIXED)["e_information"]["legislation"] == 100.0
    assert table.loc["B", ("e-Information", "Policy")] == 66.7
    assert table.loc["B", ("e-Consultation", "Legislation")] == 0.0
    assert table.loc["A"].eq(100.0).all() and table.loc["C"].eq(0.0).all()


def test_score_table_in_azerbaijani():
    table = rc.score_table(GROUP, lang="az")
    assert ("Hüquqi baza", "Qanunvericilik") in table.columns
    assert table.loc["B", ("Hüquqi baza", "Qanunvericilik")] == 0.0


def test_combined_scores_share_of_yes_across_both_columns():
    table = rc.combined_scores(GROUP)
    assert table.loc["B", "e-Information"] == 83.3  # 5 of 6 answers Yes
    assert table.loc["B", "e-Consultation"] == 33.3  # 2 of 6
    assert table.loc["B", "Skills"] == 0.0
    assert list(table.columns) == ["e-Information", "e-Consultation", "e-Decision-making", "Legal framework",
                                   "Institutions", "Infrastructure", "Skills"]


def test_area_overview_mean_min_max_range():
    overview = rc.area_overview(GROUP)
    row = overview.loc["e-Information"]
    assert row["Kind"] == "METEP pillar"
    assert overview.loc["Skills", "Kind"] == "Enabling condition"
    assert row["Mean %"] == round((100 + 83.3 + 0) / 3, 1)
    assert (row["Lowest %"], row["Highest %"], row["Range (points)"]) == (0.0, 100.0, 100.0)


def test_common_gaps_counts_assessments_with_the_exercise_gap_rule():
    table = rc.common_gaps(GROUP, top=None)
    expected = {g.item for g in gaps(MIXED)}
    assert set(table.index) == expected  # A has no gaps, C has nothing answered, so no gaps
    assert table.loc["cons_response", "Neither law nor policy"] == 1
    assert table.loc["cons_response", "Assessments with this gap"] == 1
    assert table.loc["cons_response", "Share of group %"] == 33.3
    assert table.index[0] == "cons_response"  # ties broken by "neither" first
    assert table.loc["info_requests", "Mean priority"] == next(g.priority for g in gaps(MIXED) if g.item == "info_requests")


def test_common_gaps_orders_by_frequency_then_statement_order_and_limits():
    other = make({"legal_access": ("no", "yes"), "info_drafts": ("no", "yes")})
    table = rc.common_gaps([("X", other), ("Y", other), ("Z", make({"info_drafts": ("dk", "dk")}))])
    assert list(table.index) == ["info_drafts", "legal_access"]
    assert list(table["Assessments with this gap"]) == [3, 2]
    assert len(rc.common_gaps(rc.synthetic_group(), top=5)) == 5
    with pytest.raises(ValueError):
        rc.common_gaps([])


def test_legislation_policy_spread():
    spread = rc.legislation_policy_spread(GROUP)
    cons = spread.loc["e-Consultation"]
    assert cons["Legislation mean %"] == round((100 + 0 + 0) / 3, 1)
    assert cons["Policy mean %"] == round((100 + 66.7 + 0) / 3, 1)
    assert cons["Policy minus legislation (points)"] == round(66.7 / 3, 1)
    assert (cons["Policy ahead"], cons["Level"], cons["Legislation ahead"]) == (1, 2, 0)
    info = spread.loc["e-Information"]
    assert (info["Policy ahead"], info["Level"], info["Legislation ahead"]) == (0, 2, 1)
    assert list(spread.index)[0] == "e-Information" and len(spread) == len(AREAS)


def test_assessment_balance_and_answer_mix():
    balance = rc.assessment_balance(GROUP)
    assert balance.loc["A"].to_dict() == {"Legislation Yes": 21, "Policy Yes": 21, "Policy minus legislation": 0,
                                          "Don't know": 0, "Unanswered": 0}
    assert balance.loc["B", "Legislation Yes"] == 3 and balance.loc["B", "Policy Yes"] == 4
    assert balance.loc["B", "Policy minus legislation"] == 1
    assert balance.loc["B", "Don't know"] == 1 and balance.loc["C", "Unanswered"] == 42
    mix = rc.answer_mix(GROUP)
    assert (mix["yes"], mix["no"], mix["dk"], mix["unanswered"], mix["total"]) == (49, 4, 1, 72, 126)
    assert mix["dk_share"] == round(100 / 54, 1)
    assert rc.answer_mix([("C", Readiness())])["dk_share"] == 0.0


# --- charts ---------------------------------------------------------------------------------------
def test_heatmap_chart_values_title_and_summary():
    chart = group_heatmap(rc.combined_scores(GROUP))
    assert isinstance(chart, CourseChart)
    heat = chart.figure.data[0]
    assert list(heat.y) == ["A", "B", "C"] and heat.z[1][0] == 83.3
    assert "SYNTHETIC" in chart.figure.layout.title.text and "SYNTHETIC" in chart.summary
    assert "Highest overall: A (100%)" in chart.summary and "lowest overall: C (0%)" in chart.summary
    assert "e-Information 61%" in chart.summary  # (100 + 83.3 + 0) / 3


def test_heatmap_label_can_be_changed_for_real_groups():
    chart = group_heatmap(rc.combined_scores(GROUP), label="Workshop group")
    assert "SYNTHETIC" not in chart.summary and chart.figure.layout.title.text.startswith("Workshop group")


def test_common_gaps_chart_stacks_neither_and_other():
    table = rc.common_gaps(GROUP, top=None)
    chart = common_gaps_chart(table, 3)
    neither, other = chart.figure.data
    assert sum(neither.x) == table["Neither law nor policy"].sum()
    assert sum(neither.x) + sum(other.x) == table["Assessments with this gap"].sum()
    assert neither.marker.color in PALETTE and other.marker.pattern.shape == "/"
    assert chart.figure.layout.xaxis.range == (0, 3)
    assert "(1 of 3, neither law nor policy in 1)" in chart.summary
    assert "SYNTHETIC" in chart.summary


def test_legislation_policy_chart_bars_and_summary():
    spread = rc.legislation_policy_spread(GROUP)
    chart = legislation_policy_chart(spread)
    law, policy = chart.figure.data
    assert list(law.y) == list(spread["Legislation mean %"]) and list(policy.y) == list(spread["Policy mean %"])
    assert law.marker.color == PALETTE[0] and policy.marker.color == PALETTE[1]
    assert "Policy is ahead of legislation in 1 of 7 areas" in chart.summary
    assert "widest difference is in e-Consultation (+22.2 points" in chart.summary


def test_charts_of_the_synthetic_group_are_deterministic():
    group = rc.synthetic_group()
    first = group_heatmap(rc.combined_scores(group)).figure.to_json()
    assert first == group_heatmap(rc.combined_scores(rc.synthetic_group())).figure.to_json()
    assert isinstance(rc.score_table(group), pd.DataFrame)
