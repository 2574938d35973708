"""Session 12 exercise on screen: the first 100 days.

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.next_steps` (pure, no widgets). The view reads the Session 2 readiness
section from the workbook to name the largest gap; a missing or damaged one gives a neutral hint.
The worked example (fictitious ministry) is the part all Day 3 exercises share (`Exercise.example_part`).

Notebook::

    from eparticipation.exercises.next_steps import next_steps_exercise
    next_steps_exercise()
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import Exercise, validation_messages
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.next_steps import (
    MAX_ACTIONS, NO_READINESS, RESOURCES, SECTION, Action, NextSteps, day_problem, next_steps_feedback,
    partners_from_text)

P = "next_steps"
ROW_PARTS = ("what", "owner", "day")


def top_gap_key(store: WorkbookStore) -> str | None:
    """The i18n key of the largest Session 2 gap, None without gaps, NO_READINESS when not answered."""
    from eparticipation.worksheets.readiness import counts, gaps

    if not (store.folder / "readiness.json").is_file():
        return NO_READINESS
    try:
        result = store.load("readiness")
    except OSError:
        return NO_READINESS
    if result.status not in ("loaded", "recovered") or counts(result.answers)["unanswered"] == counts(result.answers)["total"]:
        return NO_READINESS
    found = gaps(result.answers)
    return f"readiness.item.{found[0].item}" if found else None


class NextStepsExercise(Exercise):
    spec = SECTION
    intro_key = f"{P}.intro"
    recommended = ("what_1",)
    offers_example = True
    example_note_key = f"{P}.example.note"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, **options) -> None:
        store = store if store is not None else WorkbookStore()
        self.top_gap = top_gap_key(store)
        super().__init__(store, lang, **options)

    # -- the form ---------------------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self._tr(w.HTML(), "value", f"{P}.part.actions", wrap="h4")]
        for n in range(1, MAX_ACTIONS + 1):
            rows.append(self._action_row(n))
        rows.append(self._tr(w.HTML(), "value", f"{P}.part.partners", wrap="h4"))
        rows.append(self.add_text("partners", f"{P}.partners", placeholder_key=f"{P}.partners_placeholder", long=True))
        rows.append(self._tr(w.HTML(), "value", f"{P}.part.resources", wrap="h4"))
        rows.append(self.add_checkboxes(f"{P}.resources_label", [(f"res_{r}", f"{P}.resource.{r}") for r in RESOURCES],
                                        stacked=True))
        rows.append(self.add_text("own_resource", f"{P}.own_resource", placeholder_key=f"{P}.own_resource_placeholder"))
        rows.append(self.add_text("notes", f"{P}.notes", placeholder_key=f"{P}.notes_placeholder", long=True))
        return rows

    def _action_row(self, n: int) -> w.Widget:
        """One action: what, who, by which day, each a text box with its own message below the row."""
        label = self._tr(w.Label(layout=w.Layout(width="6em")), "value", f"{P}.action_label", n=n)
        parts: list[w.Widget] = [label]
        messages = []
        for part, width in (("what", "24em"), ("owner", "18em"), ("day", "5em")):
            field = self._tr(w.Text(continuous_update=False, layout=w.Layout(width=width)), "placeholder",
                             f"{P}.{part}_placeholder")
            field.description = ""
            field.add_class(f"ep-field-{part}_{n}")
            self.fields[f"{part}_{n}"] = field
            message = w.HTML()
            message.add_class("ep-field-message")
            self.messages[f"{part}_{n}"] = message
            parts.append(field)
            messages.append(message)
        row = w.VBox([w.HBox(parts), w.HBox(messages)])
        row.add_class(f"ep-row-action_{n}")
        return row

    def read(self) -> dict:
        actions = []
        for n in range(1, MAX_ACTIONS + 1):
            day_text = self.fields[f"day_{n}"].value.strip()
            try:
                day: Any = int(day_text) if day_text else None
            except ValueError:
                day = day_text  # the model refuses it; `show_messages` says why
            actions.append({"what": self.fields[f"what_{n}"].value, "owner": self.fields[f"owner_{n}"].value, "day": day})
        return {"actions": actions, "partners": partners_from_text(self.fields["partners"].value),
                "resources": [r for r in RESOURCES if self.fields[f"res_{r}"].value],
                "own_resource": self.fields["own_resource"].value, "notes": self.fields["notes"].value}

    def fill(self, answers: NextSteps) -> None:  # type: ignore[override]
        with self.filling():
            for n in range(1, MAX_ACTIONS + 1):
                action = answers.actions[n - 1] if n <= len(answers.actions) else Action()
                self.fields[f"what_{n}"].value = action.what
                self.fields[f"owner_{n}"].value = action.owner
                self.fields[f"day_{n}"].value = "" if action.day is None else str(action.day)
            self.fields["partners"].value = "\n".join(answers.partners)
            for r in RESOURCES:
                self.fields[f"res_{r}"].value = r in answers.resources
            self.fields["own_resource"].value = answers.own_resource
            self.fields["notes"].value = answers.notes

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        # The model names only "actions": check each row on its own, so the message sits by its box.
        problems = {k: v for k, v in problems.items() if k != "actions"}
        for n, row in enumerate(values.get("actions") or [], start=1):
            for part, text in validation_messages(Action, row, self.lang).items():
                problems[f"{part}_{n}"] = text
            found = day_problem(self.fields[f"day_{n}"].value)
            if found is not None:
                problems[f"day_{n}"] = found.text(self.lang)
        if "partners" in problems:
            problems["partners"] = i18n.t("validation.too_long", self.lang, max=200)
        # "Recommended" notes look at what the boxes hold (the model keeps the rows as a list).
        super().show_messages({**values, **{name: field.value for name, field in self.fields.items()}}, problems)

    def rules(self, answers: NextSteps) -> list[Feedback]:  # type: ignore[override]
        return next_steps_feedback(answers, self.top_gap)


def next_steps_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The first-100-days widget (one line in a notebook: `next_steps_exercise()`)."""
    return NextStepsExercise(store, lang, **options).widget
