"""Session 0 exercise: the participant's workbook profile.

Read this module first: it is the smallest complete exercise (model, rules, widget, in that order).

Notebook::

    from eparticipation.exercises.profile import profile_exercise
    profile_exercise()

The workbook folder is `$EPARTICIPATION_WORKBOOK` (default `~/eparticipation-workbook`).
"""

from __future__ import annotations

import ipywidgets as w

from eparticipation.exercises.base import Exercise
from eparticipation.exercises.feedback import Feedback
from eparticipation.workbook.models import PROFILE, Profile
from eparticipation.workbook.store import WorkbookStore

# 1. Model ------------------------------------------------------------------------------------
# The profile model lives in `eparticipation.workbook.models` (every export needs it); a new
# exercise defines its model here and registers a SectionSpec (see readiness.py).
SPEC = PROFILE


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


# 3. Widget -------------------------------------------------------------------------------------
class ProfileExercise(Exercise):
    spec = SPEC
    intro_key = "profile.intro"
    recommended = ("alias", "institution", "role")

    def build(self) -> list[w.Widget]:
        return [
            self.add_text("alias", "profile.alias", placeholder_key="profile.alias_placeholder"),
            self.add_text("real_name", "profile.real_name", placeholder_key="profile.real_name_placeholder"),
            self.add_text("institution", "profile.institution",
                          placeholder_key="profile.institution_placeholder"),
            self.add_text("role", "profile.role", placeholder_key="profile.role_placeholder"),
            self.add_choice("language", "profile.language", [("language.az", "az"), ("language.en", "en")]),
            self.add_choice("kind", "profile.kind", [("profile.kind.person", "person"),
                                                     ("profile.kind.team", "team")]),
        ]

    def rules(self, answers: Profile) -> list[Feedback]:  # type: ignore[override]
        return profile_feedback(answers)

    def on_change(self, change: dict | None = None) -> None:
        super().on_change(change)
        # Switching the language relabels this exercise at once; later exercises read it on load.
        if self.answers.language != self.lang and not self._filling:
            self.set_language(self.answers.language)


def profile_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The profile exercise's widget (one line in a notebook: `profile_exercise()`)."""
    return ProfileExercise(store, lang, **options).widget
