"""Session 12 peer review in pairs: a structured review of a colleague's strategy draft.

Why a section of its own: a review is written by someone else. It travels as a small file (the
reviewer saves it; the reviewed participant adds it to their workbook), and adding it only appends
to this section's list of reviews received, so it can never overwrite the reviewed person's own
answers. The reviews received appear on the canvas and in the Word and Markdown draft like any
section. The recipe's "one SECTION per session" has this one documented exception
(`tests/book/test_session_recipe.py`).

Review file::

    {"format": "eparticipation-review", "version": 1, "review": {...PeerReview...}}

On screen: `eparticipation.exercises.peer_reviews`; a notebook calls `peer_review_exercise()`.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Heading, Table
from eparticipation.workbook.models import Answers

P = "peer_reviews"
REVIEW_FORMAT = "eparticipation-review"
REVIEW_VERSION = 1
MAX_REVIEWS = 20
MAX_REVIEW_BYTES = 200_000
QUESTIONS = ("strengths", "gaps", "suggestion")  # the free-text questions, in the form's order
STARTS = ("yes", "partly", "no")  # "can the first action start within a month?"
_ID = re.compile(r"^[0-9a-f]{12}$")


class PeerReview(Answers):
    review_id: str
    reviewer: str = Field(min_length=1, max_length=80)
    reviewed: str = Field("", max_length=80)  # the reviewed participant's alias, as their draft gave it
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    strengths: str = Field("", max_length=2000)
    gaps: str = Field("", max_length=2000)
    suggestion: str = Field("", max_length=2000)
    can_start: Literal["yes", "partly", "no"] | None = None

    @field_validator("review_id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("a review id is 12 hexadecimal characters")
        return value


class PeerReviews(Answers):
    received: list[PeerReview] = Field(default_factory=list, max_length=MAX_REVIEWS)


def review_problems(strengths: str, gaps: str, suggestion: str, reviewer: str) -> list[str]:
    """i18n keys of what stops a review from being saved (pure; the widget shows them)."""
    problems = []
    if not reviewer.strip():
        problems.append(f"{P}.problem.no_reviewer")
    if not any(text.strip() for text in (strengths, gaps, suggestion)):
        problems.append(f"{P}.problem.empty")
    if any(len(text) > 2000 for text in (strengths, gaps, suggestion)):
        problems.append(f"{P}.problem.too_long")
    return problems


def review_file_text(review: PeerReview) -> str:
    data = {"format": REVIEW_FORMAT, "version": REVIEW_VERSION, "review": review.model_dump(mode="json")}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_review_file(data: bytes | str, *, file: str | None = None) -> PeerReview:
    """A review file -> the review; `CourseDataError` says what is wrong (a workbook, not JSON, ...)."""
    fix = "Choose the review-….json file your colleague saved for you."
    if isinstance(data, (bytes, bytearray, memoryview)):
        if len(data) > MAX_REVIEW_BYTES:
            raise CourseDataError("the file is too large to be a review", file=file, fix=fix)
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise CourseDataError("the file is not UTF-8 text", file=file, fix=fix) from None
    try:
        raw = json.loads(data)
    except ValueError:
        raise CourseDataError("the file is not valid JSON", file=file, fix=fix) from None
    if isinstance(raw, dict) and raw.get("format") == "eparticipation-workbook":
        raise CourseDataError("this is a whole workbook, not a review", file=file, fix=fix)
    if not isinstance(raw, dict) or raw.get("format") != REVIEW_FORMAT:
        raise CourseDataError("this is not a review file", file=file, fix=fix)
    if raw.get("version") != REVIEW_VERSION:
        raise CourseDataError(f"unsupported review file version {raw.get('version')!r}", file=file,
                              fix="Update the course package and try again.")
    try:
        return PeerReview.model_validate(raw.get("review"))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or None
        raise CourseDataError(f"the review is not valid: {first.get('msg')}", file=file, column=where, fix=fix) from None


def take_in(current: PeerReviews, review: PeerReview) -> tuple[PeerReviews, bool]:
    """Append a review to the reviews received; (unchanged, False) if that review is already there."""
    if any(r.review_id == review.review_id for r in current.received):
        return current, False
    if len(current.received) >= MAX_REVIEWS:
        raise CourseDataError(f"the workbook already holds {MAX_REVIEWS} reviews",
                              fix="Keep the reviews you have; ask the facilitator if you need more.")
    return PeerReviews(received=[*current.received, review]), True


def render_peer_reviews(a: PeerReviews, lang: str) -> list[Block]:
    """Each review received as a small table, labelled with its reviewer and date."""
    blocks: list[Block] = []
    for review in a.received:
        blocks.append(Heading(i18n.t(f"{P}.from", lang, reviewer=review.reviewer, date=review.date), 3))
        rows = [(i18n.t(f"{P}.q.{q}", lang), getattr(review, q).strip() or "–") for q in QUESTIONS]
        start = i18n.t(f"{P}.start.{review.can_start}", lang) if review.can_start else "–"
        rows.append((i18n.t(f"{P}.q.can_start", lang), start))
        blocks.append(Table(header=(i18n.t("common.field", lang), i18n.t("common.answer", lang)), rows=tuple(rows)))
    return blocks


def worked_example(lang: str) -> PeerReviews:
    """One review received from a fictitious colleague (for the complete sample workbook)."""
    if lang == "az":
        texts = dict(reviewer="Nümunə B (uydurma)", strengths="Hər addımın icraçısı və günü var.",
                     gaps="Sınaq məsləhətləşməsinin hansı qanun layihəsi üzrə olacağı aydın deyil.",
                     suggestion="İlk ayda layihəni seçin və elan edin.")
    else:
        texts = dict(reviewer="Sample B (fictitious)", strengths="Every action has an owner and a day.",
                     gaps="Which draft regulation the pilot consultation is about is not yet clear.",
                     suggestion="Choose and announce the draft in the first month.")
    return PeerReviews(received=[PeerReview(review_id="00000000000b", reviewed="Sample A", date="2026-12-05",
                                            can_start="partly", **texts)])


SECTION = sections.SectionSpec(
    session="s12-action-plan", key="peer_reviews", model=PeerReviews, version=1, order=125,
    title_key=f"{P}.title", render=render_peer_reviews, is_empty=lambda a: not a.received,
    example=worked_example,
)
