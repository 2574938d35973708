"""Session 0 exercise on screen: the participant's workbook profile.

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.profile` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.profile import profile_exercise
    profile_exercise()
"""

from __future__ import annotations

import ipywidgets as w

from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.profile import SECTION, Profile, profile_feedback


class ProfileExercise(Exercise):
    spec = SECTION
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
