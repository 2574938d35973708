"""Session 7 exercise on screen: code a sample of SYNTHETIC citizen comments, then compare with the key.

A thin view: the sample, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.coding` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.coding import coding_exercise
    coding_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.analysis.coding_agreement import STANCES
from eparticipation.data.generator import TOPICS
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.coding import (
    SECTION, Coding, coding_feedback, comparison_header, comparison_rows, sample_for)
from eparticipation.worksheets.feedback import Feedback

# "" (not None) for "not coded": a Dropdown shows a value of None as an empty box.
NOT_CODED = ""


class CodingExercise(Exercise):
    spec = SECTION
    intro_key = "coding.intro"

    def build(self) -> list[w.Widget]:
        # The sample is fixed by the language of the first saved codes, so a language switch keeps it.
        self.sample_language = self.answers.sample_language if self.answers.codes else (
            "az" if self.lang == "az" else "en")
        rows: list[w.Widget] = [self._tr(w.HTML(), "value", "coding.synthetic", wrap="em")]
        for comment in sample_for(self.sample_language).itertuples():
            text = w.HTML(value=f"<p><b>{html.escape(comment.text_id)}</b> {html.escape(comment.text)}</p>",
                          layout=w.Layout(width="46em"))
            topic = self._dropdown("coding.choose_topic", [(f"coding.topic.{t}", t) for t in TOPICS], "22em")
            stance = self._dropdown("coding.choose_stance", [(f"coding.stance.{s}", s) for s in STANCES], "14em")
            for name, field in ((f"{comment.text_id}:topic", topic), (f"{comment.text_id}:stance", stance)):
                field.add_class(f"ep-field-{name.replace(':', '-')}")
                self.fields[name] = field
            row = w.VBox([text, w.HBox([topic, stance])])
            row.add_class(f"ep-comment-{comment.text_id}")
            rows.append(row)
        rows.append(self.add_text("note", "coding.note", placeholder_key="coding.note_placeholder", long=True))
        self.compare_box = self._tr(w.Checkbox(value=False, indent=False), "description", "coding.compare")
        self.fields["compare"] = self.compare_box
        self.compare_box.add_class("ep-field-compare")
        rows.append(self.compare_box)
        self.results = w.HTML()
        self.results.add_class("ep-coding-results")
        return rows

    def _dropdown(self, placeholder_key: str, options: list[tuple[str, str]], width: str) -> w.Dropdown:
        choices = [(placeholder_key, NOT_CODED), *options]
        field = w.Dropdown(options=[(i18n.t(key, self.lang), value) for key, value in choices], value=NOT_CODED,
                           layout=w.Layout(width=width))
        self._options.append((field, choices))
        return field

    def read(self) -> dict:
        codes: dict[str, dict] = {}
        for name, field in self.fields.items():
            if ":" in name and field.value:
                text_id, dimension = name.split(":")
                codes.setdefault(text_id, {})[dimension] = field.value
        return {"sample_language": self.sample_language, "codes": codes, "compare": self.compare_box.value,
                "note": self.fields["note"].value}

    def fill(self, answers: Coding) -> None:  # type: ignore[override]
        with self.filling():
            for name, field in self.fields.items():
                if ":" in name:
                    text_id, dimension = name.split(":")
                    code = answers.codes.get(text_id)
                    field.value = (getattr(code, dimension) if code is not None else None) or NOT_CODED
            self.compare_box.value = answers.compare
            self.fields["note"].value = answers.note

    def rules(self, answers: Coding) -> list[Feedback]:  # type: ignore[override]
        return coding_feedback(answers)

    def extra_views(self) -> list[w.Widget]:
        return [self.results]

    def after_update(self, answers: Coding) -> None:  # type: ignore[override]
        if not answers.compare or answers.codings().empty:
            self.results.value = ""
            return
        e = html.escape
        header = "".join(f"<th>{e(cell)}</th>" for cell in comparison_header(self.lang))
        body = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>"
                       for row in comparison_rows(answers, self.lang))
        self.results.value = (f"<div><b>{e(i18n.t('coding.comparison_title', self.lang))}</b>"
                              f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
                              f"<p><small>{e(i18n.t('coding.kappa_meaning', self.lang))}</small></p></div>")


def coding_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The coding exercise's widget (one line in a notebook: `coding_exercise()`)."""
    return CodingExercise(store, lang, **options).widget
