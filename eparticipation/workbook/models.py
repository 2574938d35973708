"""The workbook model: a profile plus one versioned section per exercise.

On disk each section is one JSON "envelope"::

    {"format": "eparticipation-section", "section": "profile", "version": 1, "answers": {...}}

`decode()` checks the envelope, migrates older versions step by step (`SectionSpec.migrations`)
and validates the answers; every problem becomes a `CourseDataError` with a clear message, never a
traceback. The profile lives here (not in an exercise) because every export needs it.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Table

FORMAT = "eparticipation-section"
BUNDLE_FORMAT = "eparticipation-workbook"
BUNDLE_VERSION = 1
LONG_TEXT = 20_000  # generous: a 10,000-character answer must round-trip


class Answers(BaseModel):
    """Base for every section's answers: unknown fields are refused, whitespace is kept."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def refuse_unknown_keys(value: dict, known, what: str) -> dict:
    """For a field validator: keys of `value` must all be in `known` (statement, form, case ids…)."""
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")
    return value


class Profile(Answers):
    """Who owns the workbook. An alias is the default; the real name is optional."""

    alias: str = Field("", max_length=80)
    real_name: str = Field("", max_length=120)
    institution: str = Field("", max_length=200)
    role: str = Field("", max_length=200)
    language: Literal["az", "en"] = "en"
    kind: Literal["person", "team"] = "person"

    def display_name(self, *, names: bool = False) -> str:
        """The name shown to others: the real name only when asked, else the alias."""
        if names and self.real_name.strip():
            return self.real_name.strip()
        return self.alias.strip()


def render_profile(profile: Profile, lang: str) -> list[Block]:
    rows = [(i18n.t("profile.alias", lang), profile.alias)]
    if profile.real_name.strip():
        rows.append((i18n.t("profile.real_name", lang), profile.real_name))
    rows += [
        (i18n.t("profile.institution", lang), profile.institution),
        (i18n.t("profile.role", lang), profile.role),
        (i18n.t("profile.language", lang), i18n.t(f"language.{profile.language}", lang)),
        (i18n.t("profile.kind", lang), i18n.t(f"profile.kind.{profile.kind}", lang)),
    ]
    return [Table(header=(i18n.t("common.field", lang), i18n.t("common.answer", lang)), rows=tuple(rows))]


PROFILE = sections.SectionSpec(session="s00-getting-started", key="profile", model=Profile, version=1, order=0,
                               title_key="profile.title", render=render_profile)


def encode(spec: sections.SectionSpec, answers: BaseModel) -> dict:
    return {
        "format": FORMAT,
        "section": spec.key,
        "version": spec.version,
        "answers": answers.model_dump(mode="json"),
    }


def dumps(spec: sections.SectionSpec, answers: BaseModel) -> str:
    return json.dumps(encode(spec, answers), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def decode(spec: sections.SectionSpec, raw: object, *, file: str | None = None) -> BaseModel:
    """Validate (and migrate) one section envelope; raise `CourseDataError` on any problem."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CourseDataError(
            "this is not a workbook section file",
            file=file,
            fix="Restore the section from a backup or a downloaded workbook.",
        )
    if raw.get("section") != spec.key:
        raise CourseDataError(
            f"the file holds section {raw.get('section')!r}, expected {spec.key!r}",
            file=file,
            fix="Do not rename section files by hand.",
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CourseDataError(f"unknown section version {version!r}", file=file,
                              fix="Restore the section from a backup.")
    if version > spec.version:
        raise CourseDataError(
            f"the section was saved by a newer course version (version {version}, this one reads "
            f"up to {spec.version})",
            file=file,
            fix="Update the course package (pip install -U eparticipation) and open it again.",
        )
    answers = raw.get("answers")
    if not isinstance(answers, dict):
        raise CourseDataError("the file has no answers", file=file, fix="Restore it from a backup.")
    for old in range(version, spec.version):
        try:
            answers = spec.migrations[old](dict(answers))
        except Exception as error:  # a migration must never crash the notebook
            raise CourseDataError(
                f"could not migrate the section from version {old}: {error}",
                file=file,
                fix="Restore the section from a downloaded workbook.",
            ) from None
    try:
        return spec.model.model_validate(answers)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or None
        raise CourseDataError(
            f"an answer is not valid: {first.get('msg')}",
            file=file,
            column=where,
            fix="Fix or remove the answer in the file, or restore the section from a backup.",
        ) from None


def loads(spec: sections.SectionSpec, text: str | bytes, *, file: str | None = None) -> BaseModel:
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise CourseDataError(
            f"the file is not valid JSON ({error})",
            file=file,
            fix="Restore the section from a backup or a downloaded workbook.",
        ) from None
    return decode(spec, raw, file=file)
