"""Session 4 exercise: "Which lessons transfer here?" — a structured reflection on 2–3 cases.

For each chosen case the participant records the lesson in their own words, whether it transfers
to their institution in Azerbaijan (Yes / Partly / No), which conditions it needs (legal basis,
institutional owner, channel, resources) and what they look like here, who takes the final
decision and how the process would be linked to it, and a first step. The feedback rules explain
why an answer is incomplete, e.g. a transfer claimed without any condition, or a case whose result
was never adopted (Iceland's draft constitution) cited without naming the link to the decision.
Case names and the course authors' lessons come from the case table in the participant's language
(its Azerbaijani columns for an Azerbaijani workbook).

On screen: `eparticipation.exercises.lessons` (the widget); a notebook calls `lessons_exercise()`.

Order of this module: 1. questions and model, 2. pure rules (+ render and dashboard), 3. the section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
SLOTS = 3
TRANSFERS = ("yes", "partly", "no")
CONDITIONS = ("legal_basis", "institutional_owner", "channel", "resources")
TEXTS = ("lesson", "conditions_here", "decision_link", "first_step")
Condition = Literal["legal_basis", "institutional_owner", "channel", "resources"]


class CaseLesson(Answers):
    """One case and what the participant takes from it."""

    case_id: str | None = Field(None, pattern=r"^[a-z0-9_]{1,60}$")
    lesson: str = Field("", max_length=LONG_TEXT)
    transfer: Literal["yes", "partly", "no"] | None = None
    conditions: list[Condition] = Field(default_factory=list)
    conditions_here: str = Field("", max_length=LONG_TEXT)
    decision_link: str = Field("", max_length=LONG_TEXT)
    first_step: str = Field("", max_length=LONG_TEXT)

    @field_validator("conditions")
    @classmethod
    def _unique_in_order(cls, value: list[str]) -> list[str]:
        return [c for c in CONDITIONS if c in value]

    def is_blank(self) -> bool:
        return (self.case_id is None and self.transfer is None and not self.conditions
                and not any(getattr(self, name).strip() for name in TEXTS))


class Lessons(Answers):
    entries: list[CaseLesson] = Field(default_factory=lambda: [CaseLesson() for _ in range(SLOTS)],
                                      max_length=SLOTS)

    def chosen(self) -> list[CaseLesson]:
        """The entries with a case, in slot order."""
        return [entry for entry in self.entries if entry.case_id]


@dataclass(frozen=True)
class CaseInfo:
    name: str
    outcome: str
    lesson: str
    name_az: str = ""  # the case table's Azerbaijani columns; English is the fallback
    lesson_az: str = ""

    @property
    def label(self) -> i18n.Localized:
        """The case's name in every language the case table gives (feedback shows it in the participant's)."""
        return i18n.Localized(self.name, az=self.name_az)

    def reading(self, lang: str) -> str:
        """The course authors' lesson in `lang`."""
        return i18n.Localized(self.lesson, az=self.lesson_az).text(lang)


def case_catalogue(cases: pd.DataFrame) -> dict[str, CaseInfo]:
    """{case_id: CaseInfo} from the case table (`eparticipation.data.cases.load_international_cases`)."""
    return {row.case_id: CaseInfo(row.name, row.outcome, row.lesson, getattr(row, "name_az", ""),
                                  getattr(row, "lesson_az", "")) for row in cases.itertuples()}


@lru_cache(maxsize=1)
def default_catalogue() -> dict[str, CaseInfo]:
    from eparticipation.data.cases import load_international_cases

    return case_catalogue(load_international_cases())


def _catalogue_or_empty() -> dict[str, CaseInfo]:
    try:
        return default_catalogue()
    except CourseDataError:  # a damaged data file must not stop an export; ids are shown instead
        return {}


# 2. Rules (pure; each message explains why) ---------------------------------------------------
def _name(entry: CaseLesson, catalogue: dict[str, CaseInfo]) -> str:
    info = catalogue.get(entry.case_id or "")
    return info.label if info else str(entry.case_id)


def entry_feedback(entry: CaseLesson, catalogue: dict[str, CaseInfo]) -> list[Feedback]:
    """Feedback on one chosen case."""
    items: list[Feedback] = []
    info = catalogue.get(entry.case_id or "")
    case = _name(entry, catalogue)
    if info is None:
        return [Feedback("warning", "lessons.fb.unknown_case", {"case": case})]
    if not entry.lesson.strip():
        items.append(Feedback("tip", "lessons.fb.lesson_missing", {"case": case}))
    if entry.transfer is None:
        items.append(Feedback("tip", "lessons.fb.transfer_missing", {"case": case}))
    elif entry.transfer in ("yes", "partly"):
        if not entry.conditions:
            items.append(Feedback("warning", "lessons.fb.no_condition", {"case": case}))
        if not entry.first_step.strip():
            items.append(Feedback("tip", "lessons.fb.first_step_missing", {"case": case}))
    elif not entry.conditions:  # "no" without naming what is missing
        items.append(Feedback("tip", "lessons.fb.no_blocker", {"case": case}))
    if entry.conditions and not entry.conditions_here.strip():
        items.append(Feedback("tip", "lessons.fb.conditions_unexplained", {"case": case}))
    if not entry.decision_link.strip():
        if info.outcome == "not implemented":
            items.append(Feedback("warning", "lessons.fb.missing_link", {"case": case}))
        elif entry.transfer in ("yes", "partly"):
            items.append(Feedback("tip", "lessons.fb.decision_link", {"case": case}))
    return items


def entry_complete(entry: CaseLesson, catalogue: dict[str, CaseInfo]) -> bool:
    """A chosen, known case with a lesson, a transfer judgement, conditions (named and described
    for Yes/Partly), a decision link and, for Yes/Partly, a first step."""
    if entry.case_id not in catalogue or not entry.lesson.strip() or entry.transfer is None:
        return False
    if not entry.decision_link.strip():
        return False
    if entry.transfer in ("yes", "partly"):
        return bool(entry.conditions) and bool(entry.conditions_here.strip()) and bool(entry.first_step.strip())
    return True


def lessons_feedback(answers: Lessons, catalogue: dict[str, CaseInfo]) -> list[Feedback]:
    """Feedback on the whole reflection; each message says why it matters."""
    items: list[Feedback] = []
    chosen = answers.chosen()
    if not chosen:
        if any(not entry.is_blank() for entry in answers.entries):
            return [Feedback("warning", "lessons.fb.no_case_chosen")]
        return [Feedback("tip", "lessons.fb.start")]
    ids = [entry.case_id for entry in chosen]
    for case_id, n in Counter(ids).items():
        if n > 1:
            items.append(Feedback("warning", "lessons.fb.duplicate",
                                  {"case": _name(CaseLesson(case_id=case_id), catalogue)}))
    if len(set(ids)) == 1:
        items.append(Feedback("tip", "lessons.fb.one_case"))
    for entry in answers.entries:
        if not entry.case_id and not entry.is_blank():
            items.append(Feedback("warning", "lessons.fb.no_case_chosen"))
    for entry in chosen:
        items.extend(entry_feedback(entry, catalogue))
    judged = [entry.transfer for entry in chosen if entry.transfer]
    if len(judged) >= 2 and all(t == "yes" for t in judged):
        items.append(Feedback("tip", "lessons.fb.all_yes"))
    complete = [entry for entry in chosen if entry_complete(entry, catalogue)]
    if len({entry.case_id for entry in complete}) >= 2:
        items.append(Feedback("good", "lessons.fb.complete", {"n": len({e.case_id for e in complete})}))
    return items


def outcome_text(outcome: str, lang: str) -> str:
    return i18n.t("lessons.outcome." + outcome.replace(" ", "_"), lang)


def render_lessons(answers: Lessons, lang: str) -> list[Block]:
    """The section in the strategy draft: one small table per chosen case."""
    catalogue = _catalogue_or_empty()
    chosen = answers.chosen()
    if not chosen:
        return [Para(i18n.t("lessons.none", lang))]
    blocks: list[Block] = []
    for entry in chosen:
        info = catalogue.get(entry.case_id or "")
        blocks.append(Heading(info.label.text(lang) if info else str(entry.case_id), 3))
        rows = []
        if info is not None:
            rows.append((i18n.t("lessons.outcome", lang), outcome_text(info.outcome, lang)))
        rows += [
            (i18n.t("lessons.lesson", lang), entry.lesson),
            (i18n.t("lessons.transfer", lang),
             i18n.t(f"lessons.transfer.{entry.transfer}", lang) if entry.transfer else i18n.t("common.not_answered", lang)),
            (i18n.t("lessons.conditions", lang),
             "; ".join(i18n.t(f"lessons.condition.{c}", lang) for c in entry.conditions) or i18n.t("common.not_answered", lang)),
            (i18n.t("lessons.conditions_here", lang), entry.conditions_here),
            (i18n.t("lessons.decision_link", lang), entry.decision_link),
            (i18n.t("lessons.first_step", lang), entry.first_step),
        ]
        blocks.append(Table(header=(i18n.t("common.field", lang), i18n.t("common.answer", lang)), rows=tuple(rows)))
    return blocks


def aggregate_lessons(entries: list[tuple[str, Lessons]], lang: str) -> list[Block]:
    """Facilitator dashboard: which cases were chosen, how often each judgement, the conditions named."""
    if not entries:
        return []
    catalogue = _catalogue_or_empty()
    chosen: dict[str, Counter] = {}
    conditions: dict[str, Counter] = {}
    for _label, answers in entries:
        for entry in answers.chosen():
            chosen.setdefault(entry.case_id, Counter())[entry.transfer or "none"] += 1
            conditions.setdefault(entry.case_id, Counter()).update(entry.conditions)
    if not chosen:
        return [Para(i18n.t("lessons.none", lang))]
    order = sorted(chosen, key=lambda c: (-sum(chosen[c].values()), c))
    rows = []
    for case_id in order:
        tally = chosen[case_id]
        named = conditions[case_id]
        top = ", ".join(f"{i18n.t(f'lessons.condition.{c}', lang)} ({n})" for c, n in
                        sorted(named.items(), key=lambda kv: (-kv[1], CONDITIONS.index(kv[0]))))
        name = catalogue[case_id].label.text(lang) if case_id in catalogue else case_id
        rows.append((name, str(sum(tally.values())), str(tally["yes"]), str(tally["partly"]), str(tally["no"]),
                     top or "—"))
    return [Table(header=(i18n.t("lessons.dash.case", lang), i18n.t("lessons.dash.chosen", lang),
                          i18n.t("lessons.transfer.yes", lang), i18n.t("lessons.transfer.partly", lang),
                          i18n.t("lessons.transfer.no", lang), i18n.t("lessons.dash.conditions", lang)),
                  rows=tuple(rows))]


# Worked example (fictitious ministry) -----------------------------------------------------------
# (case, transfer, conditions, {text field: (English, Azerbaijani)}): the facts are the case table's,
# the judgements are the fictitious ministry's team's.
EXAMPLE_LESSONS: tuple[tuple[str, str, tuple[str, ...], dict[str, tuple[str, str]]], ...] = (
    ("uk_parliament_petitions", "partly", ("legal_basis", "institutional_owner"), {
        "lesson": ("Thresholds published in advance (10,000 signatures for a government response, 100,000 to be "
                   "considered for debate) tell petitioners exactly what to expect.",
                   "Əvvəlcədən dərc edilmiş hədlər (hökumətin cavabı üçün 10 000 imza, müzakirə üçün nəzərdən "
                   "keçirilmək üçün 100 000) imza toplayanlara nə gözləməli olduqlarını dəqiq deyir."),
        "conditions_here": ("Our ministry (fictitious) would need an internal order that fixes the thresholds and "
                            "names the Public Relations Department (fictitious) as owner.",
                            "Nazirliyimizə (uydurma) hədləri müəyyən edən və İctimaiyyətlə əlaqələr şöbəsini "
                            "(uydurma) məsul qurum kimi göstərən daxili əmr lazımdır."),
        "decision_link": ("A published response from the deputy minister for every petition above the threshold, "
                          "within 15 working days.",
                          "Həddi keçən hər müraciətə nazir müavininin 15 iş günü ərzində dərc edilən cavabı."),
        "first_step": ("Draft the internal order with the Legal Department (fictitious) by March.",
                       "Mart ayına qədər Hüquq şöbəsi (uydurma) ilə daxili əmrin layihəsini hazırlamaq."),
    }),
    ("kr_epeople", "yes", ("institutional_owner", "resources"), {
        "lesson": ("Complaints are evidence for policy: from 2008 to November 2011, analysing them led to 255 "
                   "improvements of laws and systems.",
                   "Şikayətlər siyasət üçün sübutdur: 2008-ci ildən 2011-ci ilin noyabrına qədər onların təhlili "
                   "qanunlarda və sistemlərdə 255 təkmilləşdirməyə səbəb olub."),
        "conditions_here": ("The call centre's complaints about e-services are already logged; two analysts of the "
                            "Analysis and Strategy Department (fictitious) would need time for them.",
                            "Elektron xidmətlərlə bağlı zəng mərkəzinə daxil olan şikayətlər artıq qeydə alınır; "
                            "Təhlil və strategiya şöbəsinin (uydurma) iki analitikinə bunun üçün vaxt lazımdır."),
        "decision_link": ("A quarterly note to the ministry's board listing the three most frequent complaints and "
                          "the rule change proposed for each.",
                          "Nazirliyin kollegiyasına ən çox təkrarlanan üç şikayəti və hər biri üçün təklif olunan "
                          "qayda dəyişikliyini göstərən rüblük arayış."),
        "first_step": ("Export last year's complaints and code them by service and problem.",
                       "Ötən ilin şikayətlərini ixrac edib xidmət və problem üzrə kodlaşdırmaq."),
    }),
    ("is_constitution", "no", ("legal_basis",), {
        "lesson": ("Wide participation is not enough: 67% voted for the Council's proposals in the advisory "
                   "referendum of 2012, but parliament never voted on the draft.",
                   "Geniş iştirak kifayət deyil: 2012-ci ilin məşvərətçi referendumunda səs verənlərin 67%-i "
                   "Şuranın təkliflərini dəstəkləyib, amma parlament layihəyə heç vaxt səs verməyib."),
        "conditions_here": ("A ministry cannot promise what only another body decides; our rules must say in "
                            "advance who decides on the result and when.",
                            "Nazirlik yalnız başqa orqanın qərar verdiyi məsələdə vəd verə bilməz; qaydalarımız "
                            "nəticə barədə kimin və nə vaxt qərar verəcəyini əvvəlcədən göstərməlidir."),
        "decision_link": ("Before any consultation starts, the ministry (fictitious) names the official who will "
                          "decide on its results and the date of that decision.",
                          "Hər məsləhətləşmə başlamazdan əvvəl nazirlik (uydurma) onun nəticələri barədə qərar "
                          "verəcək vəzifəli şəxsi və həmin qərarın tarixini açıqlayır."),
    }),
)


def worked_example(lang: str) -> Lessons:
    """What the fictitious ministry's team takes from three cases of the case table (see `example_ministry`)."""
    return Lessons(entries=[CaseLesson(case_id=case_id, transfer=transfer, conditions=list(conditions),
                                       **{name: pick(lang, *text) for name, text in texts.items()})
                            for case_id, transfer, conditions, texts in EXAMPLE_LESSONS])


# 3. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s04-international-practice",
    key="lessons", model=Lessons, version=1, order=40, title_key="lessons.title",
    render=render_lessons, aggregate=aggregate_lessons, example=worked_example,
    is_empty=lambda a: all(entry.is_blank() for entry in a.entries),
)
