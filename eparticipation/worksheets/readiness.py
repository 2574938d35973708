"""Session 2 exercise: the readiness self-assessment (adapted from UN DESA's METEP).

Adapted from UN DESA's METEP; NOT the official METEP questionnaire. The official items, scale and
scoring are not public. The statements below are course-authored and grouped under METEP's three
pillars (e-information, e-consultation, e-decision-making) and four enabling conditions (legal
framework, institutions, infrastructure, skills). As in DPADM's citizen-engagement self-assessment
questionnaire (CESAQ), each statement is answered separately for **legislation** (a law or
regulation requires or enables it) and for **policy** (a strategy, programme or internal rule sets
it out), with Yes / No / Don't know.

Scale stated for the results: an area's score is the share of its statements answered "Yes",
0-100 %, separately for legislation and policy; unanswered statements count as not "Yes".

On screen: `eparticipation.exercises.readiness` (the widget); a notebook calls `readiness_exercise()`.

Order of this module: 1. questions and model, 2. pure rules (scores, gaps, feedback), 3. the group (dashboard), 4. the section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.charts.readiness import group_heatmap, radar_chart
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import PROVISION_PATTERN_WEIGHT, Feedback, provision_pattern

# 1. Model --------------------------------------------------------------------------------------
# (area key, "pillar" | "enabler", statement ids). Statement texts: i18n "readiness.item.<id>";
# why each matters: "readiness.why.<id>".
AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("e_information", "pillar", ("info_drafts", "info_open_data", "info_requests")),
    ("e_consultation", "pillar", ("cons_online", "cons_period", "cons_response")),
    ("e_decision", "pillar", ("dec_codesign", "dec_petitions", "dec_online_vote")),
    ("legal", "enabler", ("legal_access", "legal_duty_consult", "legal_data_protection")),
    ("institutions", "enabler", ("inst_unit", "inst_coordination", "inst_budget")),
    ("infrastructure", "enabler", ("infra_channel", "infra_accessible", "infra_secure")),
    ("skills", "enabler", ("skills_training", "skills_analysis", "skills_outreach")),
)
STATEMENTS: dict[str, str] = {item: area for area, _kind, items in AREAS for item in items}
COLUMNS = ("legislation", "policy")
CHOICES = ("yes", "no", "dk")
Choice = Literal["yes", "no", "dk"]


class ItemAnswer(Answers):
    legislation: Choice | None = None
    policy: Choice | None = None


class Readiness(Answers):
    items: dict[str, ItemAnswer] = Field(default_factory=dict)
    evidence: str = Field("", max_length=LONG_TEXT)

    @field_validator("items")
    @classmethod
    def _known_statements(cls, value: dict[str, ItemAnswer]) -> dict[str, ItemAnswer]:
        return refuse_unknown_keys(value, STATEMENTS, "statement ids")

    def answer(self, item: str, column: str) -> str | None:
        found = self.items.get(item)
        return getattr(found, column) if found is not None else None


# 2. Rules (pure) ---------------------------------------------------------------------------------
# Why areas are weighted: rights and duties in law, and published information, come first because
# the other steps rest on them (citizens cannot comment on what they cannot see); e-decision-making
# is the most demanding level and is best built on working information and consultation.
AREA_WEIGHT = {"legal": 3.0, "e_information": 3.0, "institutions": 2.0, "e_consultation": 2.0,
               "infrastructure": 1.5, "skills": 1.5, "e_decision": 1.0}


def area_scores(answers: Readiness) -> dict[str, dict[str, float]]:
    """{area: {"legislation": 0-100, "policy": 0-100}}: share of the area's statements answered Yes."""
    scores = {}
    for area, _kind, items in AREAS:
        scores[area] = {column: round(100 * sum(answers.answer(i, column) == "yes" for i in items) / len(items), 1)
                        for column in COLUMNS}
    return scores


def counts(answers: Readiness) -> dict[str, int]:
    cells = [answers.answer(i, c) for i in STATEMENTS for c in COLUMNS]
    return {"yes": cells.count("yes"), "no": cells.count("no"), "dk": cells.count("dk"),
            "unanswered": cells.count(None), "total": len(cells)}


@dataclass(frozen=True)
class Gap:
    item: str
    area: str
    priority: float
    reason: str  # i18n key: why this answer pattern is a gap
    legislation: str | None
    policy: str | None


def _pattern(legislation: str | None, policy: str | None) -> tuple[str, float] | None:
    """(i18n key of the reason, weight) of a gap, or None; unanswered statements are not gaps."""
    pattern = provision_pattern(legislation, policy)
    if pattern in (None, "unchecked"):
        return None
    # One text explains both Don't-know patterns; the weight still tells them apart.
    reason = "unknown" if pattern == "unknown_one" else pattern
    return f"readiness.gap.{reason}", PROVISION_PATTERN_WEIGHT[pattern]


def gaps(answers: Readiness) -> list[Gap]:
    """Every statement with a No or Don't know, highest priority first.

    priority = area weight (see AREA_WEIGHT) + pattern weight: neither law nor policy 3, No plus
    Don't know 2.5, one of the two missing 2, Don't know 1.5 (1 if the other is Yes).
    Ties keep the order of the statements.
    """
    found = []
    for order, item in enumerate(STATEMENTS):
        legislation, policy = answers.answer(item, "legislation"), answers.answer(item, "policy")
        pattern = _pattern(legislation, policy)
        if pattern is None:
            continue
        reason, weight = pattern
        area = STATEMENTS[item]
        found.append((-(AREA_WEIGHT[area] + weight), order,
                      Gap(item, area, AREA_WEIGHT[area] + weight, reason, legislation, policy)))
    return [gap for *_key, gap in sorted(found, key=lambda entry: entry[:2])]


def readiness_feedback(answers: Readiness) -> list[Feedback]:
    """Feedback on the whole assessment; each message says why it matters."""
    items: list[Feedback] = []
    tally = counts(answers)
    answered = tally["total"] - tally["unanswered"]
    if answered == 0:
        return [Feedback("tip", "readiness.fb.start")]
    if tally["unanswered"]:
        items.append(Feedback("tip", "readiness.fb.progress", {"answered": answered, "total": tally["total"]}))
    else:
        items.append(Feedback("good", "readiness.fb.complete"))
    if tally["dk"] and tally["dk"] * 4 >= answered:
        items.append(Feedback("warning", "readiness.fb.many_dk", {"dk": tally["dk"]}))
    if answered >= 8 and tally["yes"] == answered:
        items.append(Feedback("warning", "readiness.fb.all_yes"))
    scores = area_scores(answers)
    for column in COLUMNS:
        if scores["e_decision"][column] > scores["e_information"][column]:
            items.append(Feedback("tip", "readiness.fb.ladder", {"column": f"t:readiness.column.{column}"}))
            break
    law_yes = sum(answers.answer(i, "legislation") == "yes" for i in STATEMENTS)
    policy_yes = sum(answers.answer(i, "policy") == "yes" for i in STATEMENTS)
    if policy_yes - law_yes >= 4:
        items.append(Feedback("tip", "readiness.fb.policy_ahead"))
    elif law_yes - policy_yes >= 4:
        items.append(Feedback("tip", "readiness.fb.law_ahead"))
    if tally["yes"] and not answers.evidence.strip():
        items.append(Feedback("tip", "readiness.fb.evidence"))
    top = gaps(answers)[:3]
    if top:
        items.append(Feedback("tip", "readiness.fb.top_gaps",
                              {"gaps": [f"t:readiness.item.{g.item}" for g in top]}))
    return items


def _choice_text(value: str | None, lang: str) -> str:
    return i18n.t(f"readiness.choice.{value}", lang) if value else i18n.t("common.not_answered", lang)


def gap_texts(answers: Readiness, lang: str, limit: int | None = None) -> list[str]:
    """The prioritised gap list as sentences: statement, answers, why it is a gap, why it matters."""
    out = []
    for gap in gaps(answers)[:limit]:
        out.append(i18n.t("readiness.gap.line", lang,
                          item=i18n.t(f"readiness.item.{gap.item}", lang),
                          area=i18n.t(f"readiness.area.{gap.area}", lang),
                          legislation=_choice_text(gap.legislation, lang),
                          policy=_choice_text(gap.policy, lang),
                          reason=i18n.t(gap.reason, lang),
                          why=i18n.t(f"readiness.why.{gap.item}", lang),
                          weight=i18n.t(f"readiness.weight.{gap.area}", lang)))
    return out


def radar_figure(answers: Readiness, lang: str) -> go.Figure:
    """Radar of the area scores, legislation and policy (drawn by `charts.readiness.radar_chart`)."""
    return radar_chart(area_scores(answers),
                       {area: i18n.t(f"readiness.area.{area}", lang) for area, _k, _i in AREAS},
                       {column: i18n.t(f"readiness.column.{column}", lang) for column in COLUMNS},
                       title=i18n.t("readiness.chart.title", lang))


def radar_summary(answers: Readiness, lang: str) -> str:
    """The chart in words (for screen readers, print and anyone who cannot read the picture)."""
    scores = area_scores(answers)
    parts = []
    for column in COLUMNS:
        values = ", ".join(f"{i18n.t(f'readiness.area.{area}', lang)} {scores[area][column]:.0f}%"
                           for area, _k, _i in AREAS)
        parts.append(f"{i18n.t(f'readiness.column.{column}', lang)}: {values}.")
    combined = {area: (s["legislation"] + s["policy"]) / 2 for area, s in scores.items()}
    tally = counts(answers)
    answered = tally["total"] - tally["unanswered"]
    if max(combined.values()) == min(combined.values()):
        parts.append(i18n.t("readiness.chart.summary_flat", lang, answered=answered, total=tally["total"]))
    else:
        strongest = max(combined, key=lambda a: combined[a])
        weakest = min(combined, key=lambda a: combined[a])
        parts.append(i18n.t("readiness.chart.summary", lang, answered=answered, total=tally["total"],
                            strongest=i18n.t(f"readiness.area.{strongest}", lang),
                            weakest=i18n.t(f"readiness.area.{weakest}", lang)))
    return " ".join(parts)


def render_readiness(answers: Readiness, lang: str) -> list[Block]:
    """The section in the strategy draft: label, answers, scores, gaps, evidence, chart summary."""
    rows = []
    for area, _kind, items in AREAS:
        for item in items:
            rows.append((i18n.t(f"readiness.area.{area}", lang), i18n.t(f"readiness.item.{item}", lang),
                         _choice_text(answers.answer(item, "legislation"), lang),
                         _choice_text(answers.answer(item, "policy"), lang)))
    scores = area_scores(answers)
    score_rows = tuple((i18n.t(f"readiness.area.{area}", lang), f"{scores[area]['legislation']:.0f}%",
                        f"{scores[area]['policy']:.0f}%") for area, _k, _i in AREAS)
    blocks: list[Block] = [
        Para(i18n.t("readiness.adapted", lang)),
        Table(header=(i18n.t("readiness.area", lang), i18n.t("readiness.statement", lang),
                      i18n.t("readiness.column.legislation", lang), i18n.t("readiness.column.policy", lang)),
              rows=tuple(rows)),
        Heading(i18n.t("readiness.scores", lang), 3),
        Table(header=(i18n.t("readiness.area", lang), i18n.t("readiness.column.legislation", lang),
                      i18n.t("readiness.column.policy", lang)), rows=score_rows),
        Figure(None, radar_summary(answers, lang)),  # the strategy draft shows the chart in words
    ]
    gap_lines = gap_texts(answers, lang)
    blocks.append(Heading(i18n.t("readiness.gaps", lang), 3))
    blocks.append(Bullets(tuple(gap_lines)) if gap_lines else Para(i18n.t("readiness.no_gaps", lang)))
    if answers.evidence.strip():
        blocks.append(Para(answers.evidence, label=i18n.t("readiness.evidence", lang)))
    return blocks


# 3. The group (the facilitator's dashboard and the Session 2 notebook) ------------------------
Entries = list[tuple[str, Readiness]]


def combined_shares(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """One row per assessment, one column per area: the share of Yes among the area's answers for
    legislation and policy together (the mean of the two scores), 0-100 %, unrounded."""
    rows = [[100 * sum(answers.answer(i, c) == "yes" for i in items for c in COLUMNS) / (len(items) * len(COLUMNS))
             for _a, _k, items in AREAS] for _label, answers in entries]
    return pd.DataFrame(rows, index=pd.Index([label for label, _a in entries], name="Assessment"),
                        columns=pd.Index([i18n.t(f"readiness.area.{a}", lang) for a, _k, _i in AREAS], name="Area"))


def combined_scores(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """`combined_shares` rounded to one decimal: what the heatmaps show."""
    return combined_shares(entries, lang).round(1)


def common_gaps(entries: Entries, lang: str = "en", top: int | None = 10) -> pd.DataFrame:
    """The statements that are a gap (No or Don't know) in the most assessments.

    Uses the exercise's own gap rule (`gaps`). Columns: statement, area, the number of assessments
    where it is a gap, of those where neither legislation nor policy covers it, their share of the
    group and the mean priority the exercise gives it there. Most common first; ties by number of
    "neither", then by the order of the statements.
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


def aggregate_readiness(entries: Entries, lang: str) -> list[Block]:
    """Facilitator dashboard: every participant's area scores side by side, then the common gaps.

    The same scores, heatmap and gap ranking as the Session 2 notebook, so the dashboard and the
    notebook never disagree on the same assessments.
    """
    if not entries:
        return []
    combined = combined_scores(entries, lang)
    chart = group_heatmap(combined, title=i18n.t("readiness.dash.heatmap", lang))
    summary = i18n.t("readiness.dash.summary", lang, n=len(entries),
                     means="; ".join(f"{area} {mean:.0f}%" for area, mean in combined.mean().items()))
    score_rows = tuple((label, *(f"{value:.0f}%" for value in row)) for label, row in combined.iterrows())
    gaps_table = common_gaps(entries, lang)
    gap_rows = tuple((row["Statement"], row["Area"], str(row["Assessments with this gap"]),
                      str(row["Neither law nor policy"]), f"{row['Share of group %']:.0f}%")
                     for _item, row in gaps_table.iterrows())
    return [
        Para(i18n.t("readiness.adapted", lang)),
        Figure(chart.figure, summary),
        Table(header=(i18n.t("readiness.dash.participant", lang), *combined.columns), rows=score_rows),
        Heading(i18n.t("readiness.dash.common_gaps", lang), 3),
        Table(header=(i18n.t("readiness.statement", lang), i18n.t("readiness.area", lang),
                      i18n.t("readiness.dash.with_gap", lang), i18n.t("readiness.dash.neither", lang),
                      i18n.t("readiness.dash.share", lang)), rows=gap_rows)
        if gap_rows else Para(i18n.t("readiness.no_gaps", lang)),
    ]


# Worked example (fictitious ministry) -----------------------------------------------------------
# (legislation, policy) per statement, as the fictitious ministry's team might answer for its own area.
EXAMPLE_ANSWERS: dict[str, tuple[str, str]] = {
    "info_drafts": ("yes", "yes"), "info_open_data": ("yes", "no"), "info_requests": ("yes", "yes"),
    "cons_online": ("yes", "yes"), "cons_period": ("dk", "yes"), "cons_response": ("no", "dk"),
    "dec_codesign": ("no", "no"), "dec_petitions": ("dk", "no"), "dec_online_vote": ("no", "no"),
    "legal_access": ("yes", "yes"), "legal_duty_consult": ("yes", "dk"), "legal_data_protection": ("yes", "yes"),
    "inst_unit": ("no", "yes"), "inst_coordination": ("dk", "no"), "inst_budget": ("no", "no"),
    "infra_channel": ("yes", "yes"), "infra_accessible": ("no", "dk"), "infra_secure": ("yes", "yes"),
    "skills_training": ("no", "yes"), "skills_analysis": ("no", "no"), "skills_outreach": ("dk", "no"),
}


def worked_example(lang: str) -> Readiness:
    """The self-assessment of the fictitious ministry's team (see `example_ministry`): strong on
    information, weak on e-decision-making and on the budget and skills behind participation."""
    evidence = pick(lang,
                    "Fictitious example: the team of the Ministry of Digital Services (fictitious) answered for its "
                    "own area of work. The answers illustrate the exercise; they are not an assessment of "
                    "Azerbaijan's laws or of any real institution. Checked: the ministry's internal consultation "
                    "procedure (fictitious) and its website. Not yet checked: whether a budget line for "
                    "consultations exists — hence several Don't know answers.",
                    "Uydurma nümunə: Rəqəmsal Xidmətlər Nazirliyinin (uydurma) komandası öz fəaliyyət sahəsi üzrə "
                    "cavab verib. Cavablar tapşırığı izah edir; Azərbaycanın qanunlarının və ya hər hansı real "
                    "qurumun qiymətləndirməsi deyil. Yoxlanılıb: nazirliyin daxili məsləhətləşmə qaydası (uydurma) "
                    "və saytı. Hələ yoxlanılmayıb: məsləhətləşmələr üçün büdcə xəttinin olub-olmadığı — buna görə "
                    "bir neçə «Bilmirəm» cavabı var.")
    items = {item: {"legislation": legislation, "policy": policy}
             for item, (legislation, policy) in EXAMPLE_ANSWERS.items()}
    return Readiness.model_validate({"items": items, "evidence": evidence})


# 4. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s02-readiness",
    key="readiness", model=Readiness, version=1, order=20, title_key="readiness.title",
    render=render_readiness, aggregate=aggregate_readiness, example=worked_example,
    is_empty=lambda a: counts(a)["unanswered"] == counts(a)["total"] and not a.evidence.strip(),
)
