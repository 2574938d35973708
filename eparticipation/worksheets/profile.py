"""Session 0 exercise: the participant's workbook profile.

Read this module first: it is the smallest complete worksheet (model, then rules).

On screen: `eparticipation.exercises.profile` (the widget); a notebook calls `profile_exercise()`.

The workbook folder is `$EPARTICIPATION_WORKBOOK` (default `~/eparticipation-workbook`).
"""

from __future__ import annotations

from eparticipation.workbook.models import PROFILE, Profile
from eparticipation.worksheets.feedback import Feedback

# 1. Model ------------------------------------------------------------------------------------
# The profile model lives in `eparticipation.workbook.models` (every workbook and export needs it);
# a new worksheet defines its model and its SECTION here (see readiness.py).
SECTION = PROFILE


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
