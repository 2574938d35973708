"""Session 1 exercise on screen: place real initiatives on the UN EPI's three levels.

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.epi_levels` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.epi_levels import epi_levels_exercise
    epi_levels_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.epi_levels import INITIATIVES, LEVELS, SECTION, EpiLevels, epi_levels_feedback, score
from eparticipation.worksheets.feedback import Feedback


class EpiLevelsExercise(Exercise):
    spec = SECTION
    intro_key = "epi_levels.intro"

    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self._tr(w.HTML(), "value", "epi_levels.levels_note", wrap="small")]
        options = [(f"epi_levels.level.{level}", level) for level in LEVELS]
        for number, item in enumerate(INITIATIVES, start=1):
            name = self._tr(w.HTML(), "value", f"epi_levels.name.{item.id}", wrap="b")
            text = self._tr(w.HTML(layout=w.Layout(width="46em")), "value", f"epi_levels.item.{item.id}", wrap="span")
            toggle = w.ToggleButtons(options=[(i18n.t(key, self.lang), value) for key, value in options], value=None)
            toggle.style.button_width = "12em"
            toggle.add_class(f"ep-field-{item.id}")
            self._options.append((toggle, options))
            self.fields[f"choice:{item.id}"] = toggle
            message = w.HTML()
            message.add_class("ep-field-message")
            self.messages[f"choice:{item.id}"] = message
            box = w.VBox([w.HBox([w.HTML(value=f"<b>{number}.</b>&nbsp;"), name]), text, toggle],
                         layout=w.Layout(margin="0.4em 0 0.6em 0"))
            box.add_class(f"ep-initiative-{item.id}")
            rows.append(box)
        rows.append(self.add_text("own_example", "epi_levels.own_example",
                                  placeholder_key="epi_levels.own_example_placeholder", long=True))
        self.score_line = w.HTML()
        self.score_line.add_class("ep-score")
        return rows

    def read(self) -> dict:
        choices = {name.split(":", 1)[1]: field.value for name, field in self.fields.items()
                   if name.startswith("choice:") and field.value is not None}
        return {"choices": choices, "own_example": self.fields["own_example"].value}

    def fill(self, answers: EpiLevels) -> None:  # type: ignore[override]
        with self.filling():
            for name, field in self.fields.items():
                if name.startswith("choice:"):
                    field.value = answers.choices.get(name.split(":", 1)[1])
            self.fields["own_example"].value = answers.own_example

    def rules(self, answers: EpiLevels) -> list[Feedback]:  # type: ignore[override]
        return epi_levels_feedback(answers)

    def extra_views(self) -> list[w.Widget]:
        return [self.score_line]

    def after_update(self, answers: EpiLevels) -> None:  # type: ignore[override]
        line = i18n.t("epi_levels.score_line", self.lang, **score(answers))
        self.score_line.value = (f"<p><b>{html.escape(i18n.t('epi_levels.score_title', self.lang))}</b> "
                                 f"{html.escape(line)}</p>")


def epi_levels_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The classification exercise's widget (one line in a notebook: `epi_levels_exercise()`)."""
    return EpiLevelsExercise(store, lang, **options).widget
