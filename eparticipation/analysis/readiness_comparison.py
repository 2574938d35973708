"""Comparing a group of readiness self-assessments (Session 2's exploration notebook).

Pure functions on a list of `(label, Readiness)` pairs: the labels are anonymous (P01, Synthetic 01,
...), the answers are the readiness exercise's model. Scores and gaps come from the exercise itself
(`eparticipation.exercises.readiness.area_scores`, `counts`, `gaps`), so the notebook, the
participant's own radar and the facilitator's dashboard always agree on what a score or a gap is.

`synthetic_group()` builds the SYNTHETIC sample the notebook uses: fictitious institutions whose
answers come from the sample-workbook generator (`eparticipation.workbook.samples`) with a fixed
seed, so the notebook shows the same numbers on every run. They describe no real institution.
"""

from __future__ import annotations

import random

import pandas as pd

from eparticipation import i18n
from eparticipation.exercises.readiness import AREAS, COLUMNS, STATEMENTS, Readiness, area_scores, counts, gaps
from eparticipation.workbook.samples import synthetic_readiness

SEED = 20131203  # the first day of the 2013 Baku workshop, as in the sample workbooks
SYNTHETIC_LABEL = "Synthetic {number:02d}"

Entries = list[tuple[str, Readiness]]


def _area_names(lang: str) -> dict[str, str]:
    return {area: i18n.t(f"readiness.area.{area}", lang) for area, _kind, _items in AREAS}


def synthetic_group(n: int = 12, seed: int = SEED) -> Entries:
    """`n` SYNTHETIC self-assessments of fictitious institutions, the same for the same seed.

    Each institution gets its own Yes rate for the METEP pillars and for the enabling conditions
    (10-85 %) and its own Don't-know rate (0-30 %); the answers are then drawn by the sample
    generator, which makes a legislation Yes somewhat rarer than a policy Yes (0.8 times the rate).
    """
    if n < 1:
        raise ValueError("a group needs at least one assessment")
    rng = random.Random(seed)
    group = []
    for number in range(1, n + 1):
        yes_rate = {"pillar": rng.uniform(0.1, 0.85), "enabler": rng.uniform(0.1, 0.85)}
        dk_rate = rng.uniform(0.0, 0.3)
        group.append((SYNTHETIC_LABEL.format(number=number), synthetic_readiness(rng, yes_rate, dk_rate)))
    return group


def group_from_workbooks(labelled) -> Entries:
    """(label, Readiness) pairs from `aggregate.labels_for(...)` output, skipping workbooks without the section."""
    return [(label, workbook.sections["readiness"]) for label, workbook in labelled
            if "readiness" in workbook.sections]


def score_table(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """One row per assessment; columns (area, Legislation / Policy): share of Yes answers, 0-100 %."""
    names = _area_names(lang)
    columns = pd.MultiIndex.from_tuples(
        [(names[area], i18n.t(f"readiness.column.{c}", lang)) for area, _k, _i in AREAS for c in COLUMNS],
        names=["Area", "Answered for"])
    rows = []
    for _label, answers in entries:
        scores = area_scores(answers)
        rows.append([scores[area][c] for area, _k, _i in AREAS for c in COLUMNS])
    return pd.DataFrame(rows, index=pd.Index([label for label, _a in entries], name="Assessment"), columns=columns)


def _combined(entries: Entries, lang: str) -> pd.DataFrame:
    names = _area_names(lang)
    rows = []
    for _label, answers in entries:
        rows.append([100 * sum(answers.answer(i, c) == "yes" for i in items for c in COLUMNS) / (len(items) * len(COLUMNS))
                     for _a, _k, items in AREAS])
    return pd.DataFrame(rows, index=pd.Index([label for label, _a in entries], name="Assessment"),
                        columns=pd.Index([names[a] for a, _k, _i in AREAS], name="Area"))


def combined_scores(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """One row per assessment, one column per area: the share of Yes among the area's answers for
    legislation and policy together (the mean of the two scores), 0-100 %, one decimal."""
    return _combined(entries, lang).round(1)


def area_overview(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """Per area: pillar or enabling condition, and the group's mean, lowest and highest combined
    score and the range between them (computed before rounding)."""
    table = _combined(entries, lang)
    kinds = {i18n.t(f"readiness.area.{a}", lang): i18n.t(f"readiness.kind.{kind}", lang) for a, kind, _i in AREAS}
    return pd.DataFrame({
        "Kind": [kinds[c] for c in table.columns],
        "Mean %": table.mean().round(1).values,
        "Lowest %": table.min().round(1).values,
        "Highest %": table.max().round(1).values,
        "Range (points)": (table.max() - table.min()).round(1).values,
    }, index=table.columns)


def common_gaps(entries: Entries, lang: str = "en", top: int | None = 10) -> pd.DataFrame:
    """The statements that are a gap (No or Don't know) in the most assessments.

    Uses the exercise's own gap rule (`readiness.gaps`). Columns: statement, area, the number of
    assessments where it is a gap, of those where neither legislation nor policy covers it, their
    share of the group and the mean priority the exercise gives it there. Most common first; ties by
    number of "neither", then by the order of the statements.
    """
    if not entries:
        raise ValueError("no assessments to compare")
    found: dict[str, list] = {}
    for _label, answers in entries:
        for gap in gaps(answers):
            found.setdefault(gap.item, []).append(gap)
    order = list(STATEMENTS)
    rows = []
    for item, item_gaps in found.items():
        neither = sum(g.reason == "readiness.gap.neither" for g in item_gaps)
        rows.append({
            "Statement": i18n.t(f"readiness.item.{item}", lang),
            "Area": i18n.t(f"readiness.area.{STATEMENTS[item]}", lang),
            "Assessments with this gap": len(item_gaps),
            "Neither law nor policy": neither,
            "Share of group %": round(100 * len(item_gaps) / len(entries), 1),
            "Mean priority": round(sum(g.priority for g in item_gaps) / len(item_gaps), 2),
            "_order": order.index(item), "item": item,
        })
    table = pd.DataFrame(rows, columns=["Statement", "Area", "Assessments with this gap", "Neither law nor policy",
                                        "Share of group %", "Mean priority", "_order", "item"])
    table = table.sort_values(["Assessments with this gap", "Neither law nor policy", "_order"],
                              ascending=[False, False, True], kind="stable").drop(columns="_order")
    table = table.set_index("item")
    return table.head(top) if top is not None else table


def legislation_policy_spread(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """Per area: the group's mean legislation and policy scores, their difference (policy minus
    legislation, in points) and how many assessments have policy ahead, level, or legislation ahead."""
    names = _area_names(lang)
    rows = []
    for area, _kind, _items in AREAS:
        pairs = [area_scores(answers)[area] for _label, answers in entries]
        law = [p["legislation"] for p in pairs]
        policy = [p["policy"] for p in pairs]
        rows.append({
            "Area": names[area],
            "Legislation mean %": round(sum(law) / len(law), 1),
            "Policy mean %": round(sum(policy) / len(policy), 1),
            "Policy minus legislation (points)": round((sum(policy) - sum(law)) / len(law), 1),
            "Policy ahead": sum(p > lw for p, lw in zip(policy, law)),
            "Level": sum(p == lw for p, lw in zip(policy, law)),
            "Legislation ahead": sum(p < lw for p, lw in zip(policy, law)),
        })
    return pd.DataFrame(rows).set_index("Area")


def assessment_balance(entries: Entries) -> pd.DataFrame:
    """Per assessment: Yes answers for legislation and for policy (of 21 statements each), their
    difference, and the Don't-know and unanswered counts (of 42 answers) from `readiness.counts`."""
    rows = []
    for label, answers in entries:
        law = sum(answers.answer(item, "legislation") == "yes" for item in STATEMENTS)
        policy = sum(answers.answer(item, "policy") == "yes" for item in STATEMENTS)
        tally = counts(answers)
        rows.append({"Assessment": label, "Legislation Yes": law, "Policy Yes": policy,
                     "Policy minus legislation": policy - law, "Don't know": tally["dk"],
                     "Unanswered": tally["unanswered"]})
    return pd.DataFrame(rows).set_index("Assessment")


def answer_mix(entries: Entries) -> dict[str, float]:
    """The whole group's answers: counts of Yes / No / Don't know / unanswered and the share of Don't know."""
    total = {"yes": 0, "no": 0, "dk": 0, "unanswered": 0, "total": 0}
    for _label, answers in entries:
        for key, value in counts(answers).items():
            total[key] += value
    answered = total["total"] - total["unanswered"]
    return {**total, "dk_share": round(100 * total["dk"] / answered, 1) if answered else 0.0}
