"""Session 3 exercise on screen: map the law's forms of public participation.

A thin view: the questions, the answer model, the feedback rules and the workbook section are in
`eparticipation.worksheets.framework_map` (pure, no widgets); this module binds them to the screen.

Notebook::

    from eparticipation.exercises.framework_map import framework_map_exercise
    framework_map_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import LABEL_WIDTH, Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.framework_map import (
    CHANNEL_KEYS, CHOICES, FIELDS, FORM_KEYS, SECTION, TEXT_FIELDS, FrameworkMap, form_issues,
    framework_map_feedback, gap_texts, unmapped_text)


class FrameworkMapExercise(Exercise):
    """One accordion panel per form; the panel titles show each form's status."""

    spec = SECTION
    intro_key = "framework_map.intro"

    def build(self) -> list[w.Widget]:
        panels = []
        for form in FORM_KEYS:
            description = self._tr(w.HTML(), "value", f"framework_map.form_desc.{form}", wrap="small")
            rows: list[w.Widget] = [description]
            for name in FIELDS:
                rows.append(self._form_field(form, name))
            panel = w.VBox(rows)
            panel.add_class(f"ep-form-{form}")
            panels.append(panel)
        self.accordion = w.Accordion(children=panels, titles=tuple("" for _ in FORM_KEYS), selected_index=0)
        self.accordion.add_class("ep-framework-forms")
        self.form_message = w.HTML()
        self.form_message.add_class("ep-field-message")
        self.messages["forms"] = self.form_message
        self.gap_list = w.HTML()
        self.gap_list.add_class("ep-gaps")
        return [self.accordion, self.form_message,
                self.add_text("notes", "framework_map.notes", placeholder_key="framework_map.notes_placeholder",
                              long=True)]

    def _form_field(self, form: str, name: str) -> w.Widget:
        if name in TEXT_FIELDS:
            field = w.Text(continuous_update=False, layout=w.Layout(width="30em"))
            self._tr(field, "placeholder", f"framework_map.placeholder.{name}")
        elif name == "channel":
            options = [("framework_map.channel.none", "")] + [(f"framework_map.channel.{c}", c) for c in CHANNEL_KEYS]
            field = w.Dropdown(options=[(i18n.t(k, self.lang), v) for k, v in options], value="",
                               layout=w.Layout(width="30em"))
            self._options.append((field, options))
        else:
            options = [(f"framework_map.choice.{c}", c) for c in CHOICES]
            field = w.ToggleButtons(options=[(i18n.t(k, self.lang), v) for k, v in options], value=None)
            field.style.button_width = "7.6em"
            self._options.append((field, options))
        field.add_class(f"ep-field-{form}-{name}")
        label = self._tr(w.Label(layout=w.Layout(width=LABEL_WIDTH)), "value", f"framework_map.column.{name}")
        self.fields[f"{form}:{name}"] = field
        return w.HBox([label, field])

    def read(self) -> dict:
        forms: dict[str, dict] = {}
        for form in FORM_KEYS:
            entry = {name: self.fields[f"{form}:{name}"].value for name in FIELDS}
            entry["channel"] = entry["channel"] or None
            if any(str(v or "").strip() for v in entry.values()):
                forms[form] = entry
        return {"forms": forms, "notes": self.fields["notes"].value}

    def fill(self, answers: FrameworkMap) -> None:  # type: ignore[override]
        with self.filling():
            for form in FORM_KEYS:
                entry = answers.entry(form)
                for name in FIELDS:
                    value = getattr(entry, name)
                    if name == "channel" and value is None:
                        value = ""  # the drop-down's "not chosen" option
                    self.fields[f"{form}:{name}"].value = value
            self.fields["notes"].value = answers.notes

    def rules(self, answers: FrameworkMap) -> list[Feedback]:  # type: ignore[override]
        return framework_map_feedback(answers)

    def extra_views(self) -> list[w.Widget]:
        return [self.gap_list]

    def panel_titles(self, answers: FrameworkMap) -> tuple[str, ...]:
        titles = []
        for number, form in enumerate(FORM_KEYS, start=1):
            entry = answers.entry(form)
            issues = form_issues(entry)
            if not entry.started():
                status = i18n.t("framework_map.status.empty", self.lang)
            elif not issues:
                status = i18n.t("framework_map.status.done", self.lang)
            else:
                status = i18n.t("framework_map.status.gaps", self.lang, n=len(issues))
            titles.append(f"{number}. {i18n.t(f'framework_map.form.{form}', self.lang)} — {status}")
        return tuple(titles)

    def after_update(self, answers: FrameworkMap) -> None:  # type: ignore[override]
        self.accordion.titles = self.panel_titles(answers)
        title = html.escape(i18n.t("framework_map.gaps", self.lang))
        lines = gap_texts(answers, self.lang)
        missing = unmapped_text(answers, self.lang)
        extra = f"<p><small>{html.escape(missing)}</small></p>" if missing else ""
        if lines:
            body = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            self.gap_list.value = f"<div><b>{title}</b><ol>{body}</ol>{extra}</div>"
        else:
            self.gap_list.value = (f"<div><b>{title}</b><p>{html.escape(i18n.t('framework_map.no_gaps_yet', self.lang))}"
                                   f"</p>{extra}</div>")


def framework_map_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The framework map's widget (one line in a notebook: `framework_map_exercise()`)."""
    return FrameworkMapExercise(store, lang, **options).widget
