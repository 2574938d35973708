"""Comparing a group of readiness self-assessments (Session 2's exploration notebook).

Pure functions on a list of `(label, Readiness)` pairs: the labels are anonymous (P01, Synthetic 01,
...), the answers are the readiness worksheet's model. Scores, gaps and the group's combined scores
and common gaps come from the worksheet itself (`eparticipation.worksheets.readiness`: `area_scores`,
`counts`, `gaps`, `combined_scores`, `common_gaps`, re-exported here for the notebook), so the
notebook, the participant's own radar and the facilitator's dashboard agree on what a score or a gap is.

`synthetic_group()` builds the SYNTHETIC sample the notebook uses: fictitious institutions whose
answers come from the sample-workbook generator (`eparticipation.worksheets.samples`) with a fixed
seed, so the notebook shows the same numbers on every run. They describe no real institution.
"""

from __future__ import annotations

import random

import pandas as pd

from eparticipation import i18n
from eparticipation.worksheets.readiness import (
    AREAS, COLUMNS, STATEMENTS, Entries, area_scores, combined_scores, combined_shares, common_gaps, counts)
from eparticipation.worksheets.samples import synthetic_readiness

__all__ = ["SEED", "SYNTHETIC_LABEL", "answer_mix", "area_overview", "assessment_balance", "combined_scores",
           "common_gaps", "group_from_workbooks", "legislation_policy_spread", "score_table", "synthetic_group"]

SEED = 20131203  # the first day of the 2013 Baku workshop, as in the sample workbooks
SYNTHETIC_LABEL = "Synthetic {number:02d}"

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


def area_overview(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """Per area: pillar or enabling condition, and the group's mean, lowest and highest combined
    score and the range between them (computed before rounding)."""
    table = combined_shares(entries, lang)
    kinds = {i18n.t(f"readiness.area.{a}", lang): i18n.t(f"readiness.kind.{kind}", lang) for a, kind, _i in AREAS}
    return pd.DataFrame({
        "Kind": [kinds[c] for c in table.columns],
        "Mean %": table.mean().round(1).values,
        "Lowest %": table.min().round(1).values,
        "Highest %": table.max().round(1).values,
        "Range (points)": (table.max() - table.min()).round(1).values,
    }, index=table.columns)


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
