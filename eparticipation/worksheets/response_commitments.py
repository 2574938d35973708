"""Session 8 exercise: the institution's response commitments — closing the feedback loop.

The participant commits to: a time to respond (working days), the share of published submissions
the institution will answer, what results it publishes, where and how soon after the consultation
closes, how rejected proposals are explained, and who signs the answers off. The feedback rules
compare each commitment with two yardsticks:

- the general time limit for citizens' applications in Azerbaijan: 15 working days, or 30 where
  additional study is needed (Law No. 1308-IVQ of 30 September 2015, Art. 10.1) — a benchmark, since
  whether each consultation comment is an "application" is for the institution's lawyers;
- what the SYNTHETIC sample consultation shows is achievable (`SampleEvidence`): how long it stayed
  open, how many submissions were answered, and how fast.

On screen: `eparticipation.exercises.response_commitments` (the widget); a notebook calls
`response_commitments_exercise()`.

Order of this module: 1. questions and model, 2. the sample's evidence, 3. pure rules (+ render and
dashboard), 4. the section.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
P = "response_commitments"  # prefix of this worksheet's i18n keys
PUBLISH_WHAT = ("summary", "each_answer", "changes", "rejection_reasons", "data")
PUBLISH_WHERE = ("own_website", "egov_portal", "social_media", "public_meeting", "reply_to_each")
EXPLANATIONS = ("individual_reason", "grouped_reasons", "standard_letter", "none")
MAX_WORKING_DAYS = 250  # about one year of working days: longer is not a commitment
# The number fields: (lowest, highest) accepted; the widget reads them as text.
NUMBER_LIMITS = {"response_days": (1, MAX_WORKING_DAYS), "consultation_days": (1, MAX_WORKING_DAYS),
                 "publish_days": (1, MAX_WORKING_DAYS), "answer_share": (0, 100)}
LEGAL_DAYS = 15  # Law No. 1308-IVQ, Art. 10.1: the general limit for citizens' applications
LEGAL_DAYS_EXTENDED = 30  # the same article: where additional study is needed
PUBLISH_GUIDANCE_DAYS = 65  # "within about three months" (e-consultation guide) ≈ 13 weeks of 5 working days


class ResponseCommitments(Answers):
    response_days: int | None = Field(None, ge=1, le=MAX_WORKING_DAYS)
    consultation_days: int | None = Field(None, ge=1, le=MAX_WORKING_DAYS)
    answer_share: int | None = Field(None, ge=0, le=100)
    publish_what: list[Literal["summary", "each_answer", "changes", "rejection_reasons", "data"]] = Field(
        default_factory=list)
    publish_where: list[Literal["own_website", "egov_portal", "social_media", "public_meeting", "reply_to_each"]] = (
        Field(default_factory=list))
    publish_days: int | None = Field(None, ge=1, le=MAX_WORKING_DAYS)
    rejection_explanation: Literal["individual_reason", "grouped_reasons", "standard_letter", "none"] | None = None
    sign_off: str = Field("", max_length=200)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("publish_what", "publish_where")
    @classmethod
    def _unique_in_order(cls, value: list[str], info) -> list[str]:
        order = PUBLISH_WHAT if info.field_name == "publish_what" else PUBLISH_WHERE
        return [item for item in order if item in value]


def number_problem(name: str, raw: str) -> Feedback | None:
    """Why a number field's text cannot be saved (None when it can: empty, or a whole number in range).

    The widget shows this next to the field; the model refuses the same values, so nothing is saved.
    """
    text = raw.strip()
    if not text:
        return None
    low, high = NUMBER_LIMITS[name]
    try:
        value = int(text)
    except ValueError:
        return Feedback("warning", f"{P}.num.not_whole", {"example": 100 if name == "answer_share" else LEGAL_DAYS})
    if name == "answer_share":
        if value < low:
            return Feedback("warning", f"{P}.num.share_negative")
        return Feedback("warning", f"{P}.num.share_too_large") if value > high else None
    if value < low:
        return Feedback("warning", f"{P}.num.days_too_small", {"value": value})
    return Feedback("warning", f"{P}.num.days_too_large", {"max": high}) if value > high else None


# 2. What the SYNTHETIC sample shows is achievable ------------------------------------------------
@dataclass(frozen=True)
class SampleEvidence:
    """Numbers from the SYNTHETIC sample consultation, to judge a commitment against."""

    open_days: int  # working days the consultation was open
    response_rate: float  # share of published submissions answered by the export date
    median_days: float  # median working days to an answer, among those answered
    within: tuple[float, ...]  # share of published submissions answered within d working days, d = 0, 1, ...
    within_of_answered: tuple[float, ...]  # the same, as a share of the answered ones

    def share_within(self, days: int) -> float:
        return self.within[min(days, len(self.within) - 1)]

    def share_of_answered_within(self, days: int) -> float:
        return self.within_of_answered[min(days, len(self.within_of_answered) - 1)]


def evidence_from(submissions) -> SampleEvidence:
    from eparticipation.analysis.consultation import answered_within_curve, open_working_days, response_standard

    overall = response_standard(submissions, LEGAL_DAYS).iloc[0]
    curve = answered_within_curve(submissions, MAX_WORKING_DAYS)
    return SampleEvidence(open_working_days(submissions), float(overall["response_rate"]),
                          float(overall["median_working_days"]), tuple(curve["share_of_published"].round(4)),
                          tuple(curve["share_of_answered"].round(4)))


@lru_cache(maxsize=1)
def sample_evidence() -> SampleEvidence:
    from eparticipation.data import load_sample_consultation

    return evidence_from(load_sample_consultation().submissions)


def _evidence_or_none() -> SampleEvidence | None:
    try:
        return sample_evidence()
    except CourseDataError:  # a damaged data file must not stop an export; the legal checks still run
        return None


def _pct(share: float) -> int:
    return round(100 * share)


# 3. Rules (pure; each message explains why) ---------------------------------------------------
def _response_time_feedback(a: ResponseCommitments, evidence: SampleEvidence | None) -> list[Feedback]:
    if a.response_days is None:
        return [Feedback("tip", f"{P}.fb.days_missing")]
    items: list[Feedback] = []
    days = a.response_days
    if a.consultation_days is not None and days > a.consultation_days:
        items.append(Feedback("warning", f"{P}.fb.after_close_own", {"days": days, "open": a.consultation_days}))
    elif a.consultation_days is None and evidence is not None and days > evidence.open_days:
        items.append(Feedback("warning", f"{P}.fb.after_close_sample", {"days": days, "open": evidence.open_days}))
    if days > LEGAL_DAYS_EXTENDED:
        items.append(Feedback("warning", f"{P}.fb.over_extended", {"days": days}))
    elif days > LEGAL_DAYS:
        items.append(Feedback("warning", f"{P}.fb.over_general", {"days": days}))
    if evidence is not None:
        params = {"days": days, "published": _pct(evidence.share_within(days)),
                  "answered": _pct(evidence.share_of_answered_within(days))}
        if evidence.share_of_answered_within(days) < 0.5:
            items.append(Feedback("tip", f"{P}.fb.days_ambitious", {**params, "median": f"{evidence.median_days:.0f}"}))
        elif days <= LEGAL_DAYS:
            items.append(Feedback("good", f"{P}.fb.days_achievable", params))
    return items


def _share_feedback(a: ResponseCommitments, evidence: SampleEvidence | None) -> list[Feedback]:
    if a.answer_share is None:
        return [Feedback("tip", f"{P}.fb.share_missing")]
    items: list[Feedback] = []
    if evidence is not None and a.answer_share < 100 * evidence.response_rate:
        items.append(Feedback("warning", f"{P}.fb.share_below_sample",
                              {"share": a.answer_share, "sample": _pct(evidence.response_rate)}))
    elif a.answer_share < 100:
        items.append(Feedback("tip", f"{P}.fb.share_partial", {"share": a.answer_share}))
    if evidence is not None and a.response_days is not None and a.answer_share > 0:
        achieved = evidence.share_within(a.response_days)
        if a.answer_share / 100 > 1.5 * achieved:
            items.append(Feedback("tip", f"{P}.fb.capacity", {
                "share": a.answer_share, "days": a.response_days, "sample": _pct(achieved),
                "times": f"{a.answer_share / 100 / max(achieved, 0.01):.1f}"}))
    return items


def _publication_feedback(a: ResponseCommitments) -> list[Feedback]:
    items: list[Feedback] = []
    if not a.publish_where:
        items.append(Feedback("warning", f"{P}.fb.publish_nowhere"))
    elif a.publish_where == ["reply_to_each"]:
        items.append(Feedback("tip", f"{P}.fb.private_only"))
    if not a.publish_what:
        items.append(Feedback("warning", f"{P}.fb.publish_nothing"))
    if a.publish_days is None:
        items.append(Feedback("tip", f"{P}.fb.when_missing"))
    elif a.publish_days > PUBLISH_GUIDANCE_DAYS:
        items.append(Feedback("warning", f"{P}.fb.publish_late", {"days": a.publish_days,
                                                                  "guide": PUBLISH_GUIDANCE_DAYS}))
    return items


def _rejection_feedback(a: ResponseCommitments) -> list[Feedback]:
    if a.rejection_explanation is None:
        return [Feedback("tip", f"{P}.fb.explain_missing")]
    if a.rejection_explanation == "none":
        return [Feedback("warning", f"{P}.fb.no_explanation")]
    if a.rejection_explanation == "standard_letter":
        return [Feedback("tip", f"{P}.fb.standard_letter")]
    if "rejection_reasons" not in a.publish_what:
        return [Feedback("tip", f"{P}.fb.reasons_unpublished")]
    return []


def is_blank(a: ResponseCommitments) -> bool:
    return a == ResponseCommitments(notes=a.notes) and not a.notes.strip()


def commitments_feedback(a: ResponseCommitments, evidence: SampleEvidence | None) -> list[Feedback]:
    """Feedback on the whole set of commitments; each message says why it matters."""
    if is_blank(a):
        return [Feedback("tip", f"{P}.fb.start")]
    items = (_response_time_feedback(a, evidence) + _share_feedback(a, evidence) + _publication_feedback(a)
             + _rejection_feedback(a))
    if not a.sign_off.strip():
        items.append(Feedback("tip", f"{P}.fb.sign_off_missing"))
    answered_all = (None not in (a.response_days, a.answer_share, a.publish_days, a.rejection_explanation)
                    and a.publish_what and a.publish_where and a.sign_off.strip())
    if answered_all and not [item for item in items if item.level == "warning"]:
        items.append(Feedback("good", f"{P}.fb.complete"))
    return items


def _choices(values: list[str], group: str, lang: str) -> str:
    return "; ".join(i18n.t(f"{P}.{group}.{v}", lang) for v in values) or i18n.t("common.not_answered", lang)


def _number(value: int | None, lang: str, unit: str = "days") -> str:
    if value is None:
        return i18n.t("common.not_answered", lang)
    return i18n.t(f"{P}.unit.{unit}", lang, n=value)


def answer_rows(a: ResponseCommitments, lang: str) -> list[tuple[str, str]]:
    """(question, answer) pairs in the order of the form, as the strategy draft shows them."""
    explanation = (i18n.t(f"{P}.explanation.{a.rejection_explanation}", lang) if a.rejection_explanation
                   else i18n.t("common.not_answered", lang))
    return [
        (i18n.t(f"{P}.response_days", lang), _number(a.response_days, lang)),
        (i18n.t(f"{P}.consultation_days", lang), _number(a.consultation_days, lang)),
        (i18n.t(f"{P}.answer_share", lang), _number(a.answer_share, lang, "percent")),
        (i18n.t(f"{P}.publish_what", lang), _choices(a.publish_what, "what", lang)),
        (i18n.t(f"{P}.publish_where", lang), _choices(a.publish_where, "where", lang)),
        (i18n.t(f"{P}.publish_days", lang), _number(a.publish_days, lang)),
        (i18n.t(f"{P}.rejection_explanation", lang), explanation),
        (i18n.t(f"{P}.sign_off", lang), a.sign_off.strip() or i18n.t("common.not_answered", lang)),
    ]


def render_response_commitments(a: ResponseCommitments, lang: str) -> list[Block]:
    """The section in the strategy draft: the commitments, then the checks against law and sample."""
    blocks: list[Block] = [Table(header=(i18n.t("common.field", lang), i18n.t("common.answer", lang)),
                                 rows=tuple(answer_rows(a, lang)))]
    if a.notes.strip():
        blocks.append(Para(a.notes, label=i18n.t(f"{P}.notes", lang)))
    checks = [item.text(lang) for item in commitments_feedback(a, _evidence_or_none()) if item.level != "good"]
    if checks:
        blocks += [Heading(i18n.t(f"{P}.checks", lang), 3), Bullets(tuple(checks))]
    return blocks


def aggregate_response_commitments(entries: list[tuple[str, ResponseCommitments]], lang: str) -> list[Block]:
    """Facilitator dashboard: every participant's commitments side by side, and what the group shares."""
    if not entries:
        return []
    rows = tuple((label, _number(a.response_days, lang), _number(a.answer_share, lang, "percent"),
                  _choices(a.publish_where, "where", lang), _number(a.publish_days, lang),
                  i18n.t(f"{P}.explanation.{a.rejection_explanation}", lang) if a.rejection_explanation else "–",
                  a.sign_off.strip() or "–") for label, a in entries)
    days = [a.response_days for _label, a in entries if a.response_days is not None]
    summary = i18n.t(f"{P}.dash.summary", lang, n=len(entries), answered=len(days),
                     median=f"{statistics.median(days):g}" if days else "–",
                     within=sum(d <= LEGAL_DAYS for d in days), legal=LEGAL_DAYS,
                     nowhere=sum(not a.publish_where for _l, a in entries),
                     no_reason=sum(a.rejection_explanation in ("none", "standard_letter") for _l, a in entries))
    blocks: list[Block] = [Para(summary)]
    evidence = _evidence_or_none()
    if evidence is not None:
        blocks.append(Para(i18n.t(f"{P}.dash.sample", lang, legal=LEGAL_DAYS,
                                  within=_pct(evidence.share_within(LEGAL_DAYS)),
                                  rate=_pct(evidence.response_rate), open=evidence.open_days)))
    header = tuple(i18n.t(key, lang) for key in ("readiness.dash.participant", f"{P}.dash.days", f"{P}.dash.share",
                                                 f"{P}.dash.where", f"{P}.dash.when", f"{P}.dash.explanation",
                                                 f"{P}.sign_off"))
    return blocks + [Table(header=header, rows=rows)]


# Worked example (fictitious ministry) -----------------------------------------------------------
def worked_example(lang: str) -> ResponseCommitments:
    """The fictitious ministry's commitments (see `example_ministry`): answers within the general legal
    limit, every submission answered, reasons for rejections published."""
    notes = pick(lang,
                 "Fictitious example. The Public Relations Department (fictitious) answers each submission; the "
                 "Legal Department (fictitious) checks the published summary. Where a proposal is rejected, the "
                 "summary groups similar proposals and gives the reason once for the group, so the reasons can be "
                 "published on time.",
                 "Uydurma nümunə. Hər rəy və təklifə İctimaiyyətlə əlaqələr şöbəsi (uydurma) cavab verir; dərc edilən "
                 "xülasəni Hüquq şöbəsi (uydurma) yoxlayır. Təklif qəbul edilmədikdə xülasə oxşar təklifləri "
                 "qruplaşdırır və səbəbi qrup üçün bir dəfə göstərir ki, səbəblər vaxtında dərc edilə bilsin.")
    return ResponseCommitments(
        response_days=LEGAL_DAYS, consultation_days=20, answer_share=100,
        publish_what=["summary", "changes", "rejection_reasons"],
        publish_where=["own_website", "egov_portal", "reply_to_each"], publish_days=30,
        rejection_explanation="grouped_reasons",
        sign_off=pick(lang, "Deputy Minister, Ministry of Digital Services (fictitious)",
                      "Rəqəmsal Xidmətlər Nazirliyinin nazir müavini (uydurma)"),
        notes=notes)


# 4. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s08-feedback-loop",
    key="response_commitments", model=ResponseCommitments, version=1, order=80, title_key=f"{P}.title",
    render=render_response_commitments, aggregate=aggregate_response_commitments, is_empty=is_blank,
    example=worked_example,
)
