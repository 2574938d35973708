"""Session 4 exercise on screen: "Which lessons transfer here?"

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.lessons` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.lessons import lessons_exercise
    lessons_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from eparticipation import i18n
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.lessons import (
    CONDITIONS, SECTION, SLOTS, TEXTS, TRANSFERS, CaseLesson, Lessons, case_catalogue, default_catalogue,
    lessons_feedback, outcome_text)


class LessonsExercise(Exercise):
    spec = SECTION
    intro_key = "lessons.intro"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 cases: pd.DataFrame | None = None, **options) -> None:
        self.catalogue = case_catalogue(cases) if cases is not None else default_catalogue()
        self.case_fields: list[w.Dropdown] = []
        self.case_notes: list[w.HTML] = []
        super().__init__(store, lang, **options)

    def _case_options(self) -> list[tuple[str, str]]:
        # "" (not None) for "choose a case": a Dropdown shows a value of None as an empty box.
        return [(i18n.t("lessons.choose_case", self.lang), "")] + [
            (info.label.text(self.lang), case_id) for case_id, info in self.catalogue.items()]

    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = []
        for n in range(SLOTS):
            rows.append(self._tr(w.HTML(), "value", "lessons.slot", wrap="h4", n=n + 1))
            dropdown = w.Dropdown(options=self._case_options(), value="", layout=w.Layout(width="32em"))
            self.case_fields.append(dropdown)
            rows.append(self._row(f"s{n}_case_id", "lessons.case", dropdown))
            note = w.HTML()
            note.add_class("ep-case-note")
            self.case_notes.append(note)
            rows.append(note)
            rows.append(self.add_text(f"s{n}_lesson", "lessons.lesson", placeholder_key="lessons.lesson_placeholder",
                                      long=True))
            rows.append(self.add_choice(f"s{n}_transfer", "lessons.transfer",
                                        [(f"lessons.transfer.{t}", t) for t in TRANSFERS]))
            rows.append(self.add_checkboxes("lessons.conditions", [(f"s{n}_cond_{condition}", f"lessons.condition.{condition}")
                                                                   for condition in CONDITIONS]))
            rows.append(self.add_text(f"s{n}_conditions_here", "lessons.conditions_here",
                                      placeholder_key="lessons.conditions_here_placeholder", long=True))
            rows.append(self.add_text(f"s{n}_decision_link", "lessons.decision_link",
                                      placeholder_key="lessons.decision_link_placeholder", long=True))
            rows.append(self.add_text(f"s{n}_first_step", "lessons.first_step",
                                      placeholder_key="lessons.first_step_placeholder"))
        return rows

    def read(self) -> dict:
        entries = []
        for n in range(SLOTS):
            value = lambda name: self.fields[f"s{n}_{name}"].value  # noqa: E731
            entries.append({
                "case_id": value("case_id") or None, "lesson": value("lesson"), "transfer": value("transfer"),
                "conditions": [c for c in CONDITIONS if value(f"cond_{c}")],
                "conditions_here": value("conditions_here"), "decision_link": value("decision_link"),
                "first_step": value("first_step"),
            })
        return {"entries": entries}

    def fill(self, answers: Lessons) -> None:  # type: ignore[override]
        entries = list(answers.entries) + [CaseLesson()] * (SLOTS - len(answers.entries))
        with self.filling():
            for n, entry in enumerate(entries[:SLOTS]):
                known = entry.case_id in self.catalogue
                self.fields[f"s{n}_case_id"].value = entry.case_id if known else ""
                self.fields[f"s{n}_transfer"].value = entry.transfer
                for condition in CONDITIONS:
                    self.fields[f"s{n}_cond_{condition}"].value = condition in entry.conditions
                for name in TEXTS:
                    self.fields[f"s{n}_{name}"].value = getattr(entry, name)

    def rules(self, answers: Lessons) -> list[Feedback]:  # type: ignore[override]
        return lessons_feedback(answers, self.catalogue)

    def after_update(self, answers: Lessons) -> None:  # type: ignore[override]
        for n, note in enumerate(self.case_notes):
            entry = answers.entries[n] if n < len(answers.entries) else CaseLesson()
            info = self.catalogue.get(entry.case_id or "")
            if info is None:
                note.value = ""
            else:
                note.value = ("<p><small>" + html.escape(i18n.t(
                    "lessons.course_reading", self.lang, outcome=outcome_text(info.outcome, self.lang),
                    lesson=info.reading(self.lang))) + "</small></p>")

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        with self.filling():
            for dropdown in self.case_fields:
                value = dropdown.value
                dropdown.options = self._case_options()
                dropdown.value = value


def lessons_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The "which lessons transfer here?" widget (one line in a notebook: `lessons_exercise()`)."""
    return LessonsExercise(store, lang, **options).widget
