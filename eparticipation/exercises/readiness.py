"""Session 2 exercise on screen: the readiness self-assessment (adapted from UN DESA's METEP).

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.readiness` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.readiness import readiness_exercise
    readiness_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises import charting
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.readiness import (
    AREAS, CHOICES, COLUMNS, SECTION, Readiness, gap_texts, radar_figure, radar_summary, readiness_feedback)


class ReadinessExercise(Exercise):
    spec = SECTION
    intro_key = "readiness.intro"

    def build(self) -> list[w.Widget]:
        self.adapted = self._tr(w.HTML(), "value", "readiness.adapted", wrap="em")
        rows: list[w.Widget] = [self.adapted]
        header_cells = [self._tr(w.HTML(layout=w.Layout(width="26em")), "value", "readiness.statement", wrap="b")]
        for column in COLUMNS:
            header_cells.append(self._tr(w.HTML(layout=w.Layout(width="24.5em")), "value",
                                         f"readiness.column.{column}", wrap="b"))
        for area, kind, items in AREAS:
            heading = self._tr(w.HTML(), "value", f"readiness.area.{area}", wrap="h4")
            kind_note = self._tr(w.HTML(), "value", f"readiness.kind.{kind}", wrap="small")
            rows += [heading, kind_note, w.HBox(header_cells if area == AREAS[0][0] else
                                                [self._clone_header(h) for h in header_cells])]
            for item in items:
                text = self._tr(w.HTML(layout=w.Layout(width="26em")), "value", f"readiness.item.{item}")
                toggles = []
                for column in COLUMNS:
                    toggle = w.ToggleButtons(options=[(i18n.t(f"readiness.choice.{c}", self.lang), c) for c in CHOICES],
                                             value=None, layout=w.Layout(width="24.5em"))
                    toggle.style.button_width = "7.6em"
                    toggle.add_class(f"ep-field-{item}-{column}")
                    toggle.add_class(f"ep-column-{column}")
                    self._options.append((toggle, [(f"readiness.choice.{c}", c) for c in CHOICES]))
                    self.fields[f"{item}:{column}"] = toggle
                    toggles.append(toggle)
                row = w.HBox([text, *toggles])
                row.add_class(f"ep-statement-{item}")
                rows.append(row)
        rows.append(self.add_text("evidence", "readiness.evidence", placeholder_key="readiness.evidence_placeholder",
                                  long=True))
        self.gap_list = w.HTML()
        self.gap_list.add_class("ep-gaps")
        self.chart = charting.chart_area()
        self.chart_summary = w.HTML()
        self.chart_summary.add_class("ep-chart-summary")
        return rows

    def _clone_header(self, cell: w.HTML) -> w.HTML:
        clone = w.HTML(value=cell.value, layout=w.Layout(width=cell.layout.width))
        for widget, attribute, key, params in list(self._labels):
            if widget is cell:
                self._labels.append((clone, attribute, key, params))
        return clone

    def read(self) -> dict:
        items: dict[str, dict] = {}
        for name, field in self.fields.items():
            if ":" in name and field.value is not None:
                item, column = name.split(":")
                items.setdefault(item, {})[column] = field.value
        return {"items": items, "evidence": self.fields["evidence"].value}

    def fill(self, answers: Readiness) -> None:  # type: ignore[override]
        with self.filling():
            for name, field in self.fields.items():
                if ":" in name:
                    item, column = name.split(":")
                    field.value = answers.answer(item, column)
            self.fields["evidence"].value = answers.evidence

    def rules(self, answers: Readiness) -> list[Feedback]:  # type: ignore[override]
        return readiness_feedback(answers)

    def extra_views(self) -> list[w.Widget]:
        return [self.chart, self.chart_summary, self.gap_list]

    def after_update(self, answers: Readiness) -> None:  # type: ignore[override]
        charting.show_figure(self.chart, radar_figure(answers, self.lang), radar_summary(answers, self.lang))
        self.chart_summary.value = (f"<p><small><b>{html.escape(i18n.t('readiness.chart.text', self.lang))}</b> "
                                    f"{html.escape(radar_summary(answers, self.lang))}</small></p>")
        lines = gap_texts(answers, self.lang)
        title = html.escape(i18n.t("readiness.gaps", self.lang))
        if lines:
            body = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            self.gap_list.value = f"<div><b>{title}</b><ol>{body}</ol></div>"
        else:
            self.gap_list.value = f"<div><b>{title}</b><p>{html.escape(i18n.t('readiness.no_gaps_yet', self.lang))}</p></div>"


def readiness_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The readiness self-assessment's widget (one line in a notebook: `readiness_exercise()`)."""
    return ReadinessExercise(store, lang, **options).widget
