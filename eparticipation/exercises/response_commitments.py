"""Session 8 exercise on screen: the institution's response commitments.

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.response_commitments` (pure, no widgets); this module binds them to the
screen. Number fields are text boxes, so that "0", "-5", "15.5" or "abc" reach the rules and get a
message that says why, instead of being silently changed by a number widget.

Notebook::

    from eparticipation.exercises.response_commitments import response_commitments_exercise
    response_commitments_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.response_commitments import (
    EXPLANATIONS, LEGAL_DAYS, LEGAL_DAYS_EXTENDED, NUMBER_LIMITS, PUBLISH_WHAT, PUBLISH_WHERE, SECTION,
    ResponseCommitments, SampleEvidence, commitments_feedback, number_problem, sample_evidence)

P = "response_commitments"
TEXTS = ("sign_off", "notes")
LABEL_WIDTH_HERE = "20em"
GROUPS = (("publish_what", "what", PUBLISH_WHAT), ("publish_where", "where", PUBLISH_WHERE))


class ResponseCommitmentsExercise(Exercise):
    spec = SECTION
    intro_key = f"{P}.intro"
    recommended = ("response_days", "answer_share", "sign_off")

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 evidence: SampleEvidence | None = None, **options) -> None:
        self.evidence = evidence if evidence is not None else sample_evidence()
        self.evidence_box = w.HTML()
        self.evidence_box.add_class("ep-evidence")
        super().__init__(store, lang, **options)

    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self.evidence_box, self._tr(w.HTML(), "value", f"{P}.part.time", wrap="h4")]
        for name in ("response_days", "consultation_days", "answer_share"):
            rows.append(self.add_text(name, f"{P}.{name}", placeholder_key=f"{P}.{name}_placeholder"))
        rows.append(self._tr(w.HTML(), "value", f"{P}.part.publication", wrap="h4"))
        for field, group, values in GROUPS:
            rows.append(self.add_checkboxes(f"{P}.{field}", [(f"{group}_{value}", f"{P}.{group}.{value}") for value in values],
                                            label_width=LABEL_WIDTH_HERE, stacked=True))
        rows.append(self.add_text("publish_days", f"{P}.publish_days", placeholder_key=f"{P}.publish_days_placeholder"))
        rows.append(self._tr(w.HTML(), "value", f"{P}.part.rejections", wrap="h4"))
        rows.append(self.add_choice("rejection_explanation", f"{P}.rejection_explanation",
                                    [(f"{P}.explanation.{e}", e) for e in EXPLANATIONS], kind=w.RadioButtons))
        self.fields["rejection_explanation"].layout.width = "34em"  # the options stay on one line each
        rows.append(self.add_text("sign_off", f"{P}.sign_off", placeholder_key=f"{P}.sign_off_placeholder"))
        rows.append(self.add_text("notes", f"{P}.notes", placeholder_key=f"{P}.notes_placeholder", long=True))
        return rows

    def _row(self, name: str, label_key: str, field: w.ValueWidget) -> w.Widget:
        row = super()._row(name, label_key, field)
        row.children[0].layout.width = LABEL_WIDTH_HERE  # this form's labels name their unit
        return row

    def read(self) -> dict:
        values: dict = {}
        for name in NUMBER_LIMITS:
            text = self.fields[name].value.strip()
            try:
                values[name] = int(text) if text else None
            except ValueError:
                values[name] = text  # the model refuses it; `show_messages` says why
        for field, group, options in GROUPS:
            values[field] = [v for v in options if self.fields[f"{group}_{v}"].value]
        values["rejection_explanation"] = self.fields["rejection_explanation"].value
        for name in TEXTS:
            values[name] = self.fields[name].value
        return values

    def fill(self, answers: ResponseCommitments) -> None:  # type: ignore[override]
        with self.filling():
            for name in NUMBER_LIMITS:
                value = getattr(answers, name)
                self.fields[name].value = "" if value is None else str(value)
            for field, group, options in GROUPS:
                for value in options:
                    self.fields[f"{group}_{value}"].value = value in getattr(answers, field)
            self.fields["rejection_explanation"].value = answers.rejection_explanation
            for name in TEXTS:
                self.fields[name].value = getattr(answers, name)

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        # A number the model refuses gets the worksheet's reason (zero days, more than a year, not a
        # whole number) instead of the generic "cannot be saved".
        for name in NUMBER_LIMITS:
            if name in problems:
                found = number_problem(name, self.fields[name].value)
                if found is not None:
                    problems[name] = found.text(self.lang)
        super().show_messages(values, problems)

    def rules(self, answers: ResponseCommitments) -> list[Feedback]:  # type: ignore[override]
        return commitments_feedback(answers, self.evidence)

    def after_update(self, answers: ResponseCommitments) -> None:  # type: ignore[override]
        e = self.evidence
        text = i18n.t(f"{P}.evidence", self.lang, open=e.open_days, rate=round(100 * e.response_rate),
                      median=f"{e.median_days:.0f}", legal=LEGAL_DAYS, extended=LEGAL_DAYS_EXTENDED,
                      within=round(100 * e.share_within(LEGAL_DAYS)),
                      of_answered=round(100 * e.share_of_answered_within(LEGAL_DAYS)))
        self.evidence_box.value = ('<div style="border-left:4px solid #0072B2;padding:0.3em 0.7em;margin:0.3em 0">'
                                   f"{html.escape(text)}</div>")


def response_commitments_exercise(store: WorkbookStore | None = None, lang: str | None = None,
                                  **options) -> w.VBox:
    """The response-commitments widget (one line in a notebook: `response_commitments_exercise()`)."""
    return ResponseCommitmentsExercise(store, lang, **options).widget
