"""Session 0 exercise: the participant's workbook profile.

Read this module first: it is the smallest complete worksheet (model, then rules).

On screen: `eparticipation.exercises.profile` (the widget); a notebook calls `profile_exercise()`.

The workbook folder is `$EPARTICIPATION_WORKBOOK` (default `~/eparticipation-workbook`).
"""

from __future__ import annotations

import dataclasses

from eparticipation import i18n
from eparticipation.workbook.models import PROFILE, Profile
from eparticipation.worksheets import example_ministry
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model ------------------------------------------------------------------------------------
# The profile model lives in `eparticipation.workbook.models` (every workbook and export needs it);
# a new worksheet defines its model and its SECTION here (see readiness.py).


# 2. Rules (pure; each message explains why) ---------------------------------------------------
def profile_feedback(profile: Profile) -> list[Feedback]:
    items: list[Feedback] = []
    if not profile.alias.strip():
        items.append(Feedback("tip", "profile.fb.alias_missing"))
    if profile.real_name.strip():
        items.append(Feedback("tip", "profile.fb.real_name_given"))
    if not profile.institution.strip():
        items.append(Feedback("warning", "profile.fb.institution_missing"))
    if not profile.role.strip():
        items.append(Feedback("tip", "profile.fb.role_missing"))
    if profile.kind == "team":
        items.append(Feedback("tip", "profile.fb.team"))
    if profile.alias.strip() and profile.institution.strip() and profile.role.strip():
        items.append(Feedback("good", "profile.fb.complete"))
    return items


# 3. Worked example and the workbook section ---------------------------------------------------
def worked_example(lang: str) -> Profile:
    """The profile of the fictitious ministry's team (see `example_ministry`)."""
    return Profile(alias=pick(lang, "Sample ministry team", "Nümunə nazirlik komandası"),
                   institution=example_ministry.name("ministry", lang),
                   role=pick(lang, "Head of the Public Relations Department (fictitious)",
                             "İctimaiyyətlə əlaqələr şöbəsinin müdiri (uydurma)"),
                   language=i18n.normalise(lang), kind="team")


def profile_organisations(profile: Profile) -> list[str]:
    """The institution the workbook belongs to (for the group's network view)."""
    return [profile.institution.strip()] if profile.institution.strip() else []


# The workbook defines the profile's section (every workbook needs it); the course adds its example here.
SECTION = dataclasses.replace(PROFILE, example=worked_example, organisations=profile_organisations)
