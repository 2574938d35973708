"""Session 1 exercise: place real initiatives on the three levels of the UN E-Participation Index.

Eight documented initiatives, three from Azerbaijan and five from abroad. For each, the participant
chooses e-information, e-consultation or e-decision-making. Every initiative has a reference level
and, where the case honestly supports it, an acceptable second level; the feedback explains each
case, right or not, and names its source (a key of the book's references page). The levels are the
UN's: e-information gives access to information; e-consultation asks for contributions to and
deliberation on policies and services; e-decision-making lets citizens co-design policy options
and co-produce services, so that their input shapes the decision.

On screen: `eparticipation.exercises.epi_levels` (the widget); a notebook calls `epi_levels_exercise()`.

Order of this module: 1. questions and model, 2. pure rules (+ render and dashboard), 3. the section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
LEVELS = ("information", "consultation", "decision")  # low to high; i18n "epi_levels.level.<level>"
Level = Literal["information", "consultation", "decision"]


@dataclass(frozen=True)
class Initiative:
    """A real initiative. Texts: i18n "epi_levels.item.<id>" (what it is), "epi_levels.why.<id>" (why
    the reference level); `sources` are keys of book/references.bib."""

    id: str
    reference: str
    acceptable: str | None
    sources: tuple[str, ...]


INITIATIVES: tuple[Initiative, ...] = (
    Initiative("egov_portal", "information", None, ("ifg2011", "ifg2012", "egovaz829")),
    Initiative("asan", "information", None, ("vxsida2012", "onenews2013asan")),
    Initiative("draft_acts", "consultation", None, ("azlaw816", "aalepazparticipation")),
    Initiative("uk_petitions", "consultation", None, ("govuk2015petitions",)),
    Initiative("rahvakogu", "consultation", "decision", ("crowdlawrahvakogu", "cpiestonia")),
    Initiative("iceland", "consultation", "decision", ("participediaiceland", "statice2012", "wikipediaiceland")),
    Initiative("vtaiwan", "consultation", "decision", ("laantiguafrontera2016vtaiwan", "cpi2019uber")),
    Initiative("decide_madrid", "decision", None, ("crowdlawmadrid", "diariomadrid2016", "manfredi2019")),
)
BY_ID: dict[str, Initiative] = {item.id: item for item in INITIATIVES}


class EpiLevels(Answers):
    choices: dict[str, Level] = Field(default_factory=dict)
    own_example: str = Field("", max_length=LONG_TEXT)

    @field_validator("choices")
    @classmethod
    def _known_initiatives(cls, value: dict[str, str]) -> dict[str, str]:
        return refuse_unknown_keys(value, BY_ID, "initiative ids")


# 2. Rules (pure) ---------------------------------------------------------------------------------
OUTCOMES = ("match", "acceptable", "different", "unanswered")


def outcome(item: Initiative, choice: str | None) -> str:
    """How a choice compares with the reference: match, acceptable (the honest second level),
    different, or unanswered."""
    if choice is None:
        return "unanswered"
    if choice == item.reference:
        return "match"
    if choice == item.acceptable:
        return "acceptable"
    return "different"


def score(answers: EpiLevels) -> dict[str, int]:
    """Counts of each outcome over all initiatives, plus `answered` and `total`."""
    tally = {name: 0 for name in OUTCOMES}
    for item in INITIATIVES:
        tally[outcome(item, answers.choices.get(item.id))] += 1
    tally["answered"] = len(INITIATIVES) - tally["unanswered"]
    tally["total"] = len(INITIATIVES)
    return tally


def direction(item: Initiative, choice: str) -> int:
    """+1 when the choice is a higher level than the reference, −1 when lower, 0 when equal."""
    return (LEVELS.index(choice) > LEVELS.index(item.reference)) - (LEVELS.index(choice) < LEVELS.index(item.reference))


def sources_text(item: Initiative) -> str:
    return ", ".join(item.sources)


def item_feedback(item: Initiative, choice: str | None) -> Feedback | None:
    """The explanation of one case, right or not; None while the case is unanswered."""
    result = outcome(item, choice)
    if result == "unanswered":
        return None
    level = {"match": "good", "acceptable": "good", "different": "warning"}[result]
    params = {"initiative": f"t:epi_levels.name.{item.id}", "chosen": f"t:epi_levels.level.{choice}",
              "reference": f"t:epi_levels.level.{item.reference}", "why": f"t:epi_levels.why.{item.id}",
              "sources": sources_text(item)}
    if result == "acceptable":
        params["acceptable_why"] = f"t:epi_levels.alt.{item.id}"
    return Feedback(level, f"epi_levels.fb.{result}", params)


def epi_levels_feedback(answers: EpiLevels) -> list[Feedback]:
    """A score line, then one explanation per answered case, then patterns across the answers."""
    tally = score(answers)
    if tally["answered"] == 0:
        return [Feedback("tip", "epi_levels.fb.start", {"total": tally["total"]})]
    items: list[Feedback] = []
    key = "epi_levels.fb.score_done" if tally["unanswered"] == 0 else "epi_levels.fb.score_progress"
    items.append(Feedback("good" if tally["different"] == 0 else "tip", key,
                          {"match": tally["match"], "acceptable": tally["acceptable"],
                           "different": tally["different"], "answered": tally["answered"], "total": tally["total"]}))
    for item in INITIATIVES:
        found = item_feedback(item, answers.choices.get(item.id))
        if found is not None:
            items.append(found)
    chosen = [(item, answers.choices[item.id]) for item in INITIATIVES if item.id in answers.choices]
    different = [(item, c) for item, c in chosen if outcome(item, c) == "different"]
    higher = sum(direction(item, c) > 0 for item, c in different)
    lower = sum(direction(item, c) < 0 for item, c in different)
    if higher >= 2 and higher > lower:
        items.append(Feedback("tip", "epi_levels.fb.too_high", {"n": higher}))
    elif lower >= 2 and lower > higher:
        items.append(Feedback("tip", "epi_levels.fb.too_low", {"n": lower}))
    if len(chosen) >= 4 and len({c for _i, c in chosen}) == 1:
        items.append(Feedback("warning", "epi_levels.fb.all_same", {"level": f"t:epi_levels.level.{chosen[0][1]}"}))
    if tally["unanswered"] == 0 and not answers.own_example.strip():
        items.append(Feedback("tip", "epi_levels.fb.own_example"))
    return items


def _choice_text(choice: str | None, lang: str) -> str:
    return i18n.t(f"epi_levels.level.{choice}", lang) if choice else i18n.t("common.not_answered", lang)


def _reference_text(item: Initiative, lang: str) -> str:
    text = i18n.t(f"epi_levels.level.{item.reference}", lang)
    if item.acceptable:
        text += " " + i18n.t("epi_levels.or_also", lang, level=i18n.t(f"epi_levels.level.{item.acceptable}", lang))
    return text


def render_epi_levels(answers: EpiLevels, lang: str) -> list[Block]:
    """The section in the strategy draft: each case with the chosen and reference level, the score,
    why each reference holds, and the participant's own example."""
    rows = tuple((i18n.t(f"epi_levels.name.{item.id}", lang), _choice_text(answers.choices.get(item.id), lang),
                  _reference_text(item, lang),
                  i18n.t(f"epi_levels.outcome.{outcome(item, answers.choices.get(item.id))}", lang))
                 for item in INITIATIVES)
    tally = score(answers)
    blocks: list[Block] = [
        Para(i18n.t("epi_levels.levels_note", lang)),
        Table(header=(i18n.t("epi_levels.col.initiative", lang), i18n.t("epi_levels.col.chosen", lang),
                      i18n.t("epi_levels.col.reference", lang), i18n.t("epi_levels.col.result", lang)), rows=rows),
        Para(i18n.t("epi_levels.score_line", lang, **tally)),
        Heading(i18n.t("epi_levels.why_heading", lang), 3),
        Bullets(tuple(f"{i18n.t(f'epi_levels.name.{item.id}', lang)}: {i18n.t(f'epi_levels.why.{item.id}', lang)} "
                      f"({i18n.t('epi_levels.sources', lang)}: {sources_text(item)})" for item in INITIATIVES
                      if item.id in answers.choices)),
    ]
    if not answers.choices:
        blocks[-1] = Para(i18n.t("epi_levels.none_yet", lang))
    if answers.own_example.strip():
        blocks.append(Para(answers.own_example, label=i18n.t("epi_levels.own_example", lang)))
    return blocks


def aggregate_epi_levels(entries: list[tuple[str, EpiLevels]], lang: str) -> list[Block]:
    """Facilitator dashboard: for each case, how many chose each level, and the share that matched
    the reference (or the acceptable second level). Cases the group split on are worth discussing."""
    if not entries:
        return []
    rows = []
    for item in INITIATIVES:
        picks = [a.choices.get(item.id) for _l, a in entries]
        counts = [sum(p == level for p in picks) for level in LEVELS]
        answered = sum(p is not None for p in picks)
        agreeing = sum(outcome(item, p) in ("match", "acceptable") for p in picks)
        share = f"{round(100 * agreeing / answered)}%" if answered else "–"
        rows.append((i18n.t(f"epi_levels.name.{item.id}", lang), *(str(c) for c in counts),
                     _reference_text(item, lang), share))
    return [
        Para(i18n.t("epi_levels.dash.note", lang, n=len(entries))),
        Table(header=(i18n.t("epi_levels.col.initiative", lang),
                      *(i18n.t(f"epi_levels.level.{level}", lang) for level in LEVELS),
                      i18n.t("epi_levels.col.reference", lang), i18n.t("epi_levels.dash.agree", lang)),
              rows=tuple(rows)),
    ]


# Worked example (fictitious ministry) -----------------------------------------------------------
def worked_example(lang: str) -> EpiLevels:
    """How the fictitious ministry's team placed the cases: the reference levels, the honest second
    level for vTaiwan, and one initiative of its own (see `example_ministry`)."""
    choices = {item.id: item.reference for item in INITIATIVES}
    choices["vtaiwan"] = "decision"
    own = pick(lang,
               "Our ministry (fictitious) publishes its draft rules for e-services on its website and takes "
               "comments for 20 working days. That is e-consultation: citizens comment on a draft, but the "
               "ministry alone decides what changes. It would become e-decision-making only if the ministry "
               "committed in advance to adopt what a stated share of participants chose.",
               "Nazirliyimiz (uydurma) elektron xidmətlər üzrə qaydaların layihələrini saytında dərc edir və 20 iş "
               "günü ərzində şərhləri qəbul edir. Bu, e-məsləhətləşmədir: vətəndaşlar layihəyə rəy bildirir, "
               "amma nəyin dəyişəcəyinə yalnız nazirlik qərar verir. Nazirlik iştirakçıların müəyyən hissəsinin "
               "seçimini qəbul edəcəyini əvvəlcədən öhdəsinə götürsəydi, bu, e-qərarların qəbulu olardı.")
    return EpiLevels(choices=choices, own_example=own)


# 3. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s01-concepts",
    key="epi_levels", model=EpiLevels, version=1, order=10, title_key="epi_levels.title",
    render=render_epi_levels, aggregate=aggregate_epi_levels, example=worked_example,
    is_empty=lambda a: not a.choices and not a.own_example.strip(),
)
