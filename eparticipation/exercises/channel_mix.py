"""Session 6 exercise on screen: the channel-mix designer under a budget.

A thin view: the model, the estimate, the feedback rules and the workbook section are in
`eparticipation.worksheets.channel_mix` (pure, no widgets); this module binds them to the screen.
Amounts are typed as text, so that anything a participant types — "50 000", "-5", "<script>" —
reaches the worksheet's checks and gets a message next to the field instead of being silently changed.

Notebook::

    from eparticipation.exercises.channel_mix import channel_mix_exercise
    channel_mix_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNELS, round_people
from eparticipation.exercises import charting
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.channel_mix import (
    SECTION, ChannelMix, channel_mix_feedback, cost_per_contact, estimate, format_amount, headline, input_problems,
    left_out_texts, money, number, parse_amount, reach_figure, total_line)
from eparticipation.worksheets.feedback import Feedback

AMOUNT_WIDTH = "10em"


class ChannelMixExercise(Exercise):
    spec = SECTION
    intro_key = "channel_mix.intro"

    def build(self) -> list[w.Widget]:
        note = self._tr(w.HTML(), "value", "channel_mix.model_note", wrap="small")
        budget = self.add_text("budget_azn", "channel_mix.budget", placeholder_key="channel_mix.budget_placeholder")
        self.fields["budget_azn"].layout.width = AMOUNT_WIDTH
        heading = self._tr(w.HTML(), "value", "channel_mix.allocations", wrap="b")
        question = self._tr(w.HTML(), "value", "channel_mix.notes", wrap="b")
        rows: list[w.Widget] = []
        self.cost_notes: dict[str, w.HTML] = {}
        for item in CHANNELS:
            label = self._tr(w.HTML(layout=w.Layout(width="24em")), "value", f"channel_mix.channel.{item.key}")
            kind = self._tr(w.HTML(layout=w.Layout(width="16em")), "value", f"channel_mix.kind.{item.kind}", wrap="small")
            field = w.Text(continuous_update=False, layout=w.Layout(width=AMOUNT_WIDTH))
            self._tr(field, "placeholder", "channel_mix.amount_placeholder")
            field.add_class(f"ep-field-alloc-{item.key}")
            self.fields[f"alloc:{item.key}"] = field
            self.cost_notes[item.key] = w.HTML()
            row = w.HBox([label, kind, field, self.cost_notes[item.key]])
            row.add_class(f"ep-channel-{item.key}")
            rows.append(row)
        self.alloc_message = w.HTML()
        self.alloc_message.add_class("ep-field-message")
        self.messages["allocations"] = self.alloc_message
        self.total = w.HTML()
        self.total.add_class("ep-mix-total")
        notes = self.add_text("notes", "channel_mix.notes_short", placeholder_key="channel_mix.notes_placeholder", long=True)
        self.results = w.HTML()
        self.results.add_class("ep-mix-results")
        self.left_out = w.HTML()
        self.left_out.add_class("ep-left-out")
        self.chart = charting.chart_area()
        self.chart_summary = w.HTML()
        self.chart_summary.add_class("ep-chart-summary")
        return [note, budget, heading, *rows, self.alloc_message, self.total, question, notes]

    def read(self) -> dict:
        allocations = {}
        for item in CHANNELS:
            value = parse_amount(self.fields[f"alloc:{item.key}"].value)
            if value is not None:
                allocations[item.key] = value
        return {"budget_azn": parse_amount(self.fields["budget_azn"].value), "allocations": allocations,
                "notes": self.fields["notes"].value}

    def fill(self, answers: ChannelMix) -> None:  # type: ignore[override]
        with self.filling():
            self.fields["budget_azn"].value = format_amount(answers.budget_azn)
            for item in CHANNELS:
                self.fields[f"alloc:{item.key}"].value = format_amount(answers.allocations.get(item.key))
            self.fields["notes"].value = answers.notes

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        if problems:  # word the model's refusals: what is wrong with the amount and what to do
            problems = {**{k: v for k, v in problems.items() if k}, **input_problems(values, self.lang)}
        super().show_messages(values, problems)

    def rules(self, answers: ChannelMix) -> list[Feedback]:  # type: ignore[override]
        return channel_mix_feedback(answers)

    def extra_views(self) -> list[w.Widget]:
        return [self.results, self.left_out, self.chart, self.chart_summary]

    def after_update(self, answers: ChannelMix) -> None:  # type: ignore[override]
        reach = estimate(answers)
        self.total.value = f"<p>{html.escape(total_line(answers, self.lang))}</p>"
        for item in CHANNELS:
            contacts = reach.contacts.get(item.key, 0.0) if reach else 0.0
            text = i18n.t("channel_mix.cost_line", self.lang, cost=money(cost_per_contact(item.key), self.lang),
                          contacts=number(round_people(contacts), self.lang))
            self.cost_notes[item.key].value = f"<small>{html.escape(text)}</small>"
        title = html.escape(i18n.t("channel_mix.results.title", self.lang))
        self.results.value = (f"<div><b>{title}</b><p>{html.escape(headline(answers, reach, self.lang))}</p>"
                              + (f"<p><small>{html.escape(i18n.t('channel_mix.score_formula', self.lang))}</small></p>"
                                 if reach else "") + "</div>")
        if reach is None:
            self.left_out.value = ""
            self.chart.layout.display = "none"
            self.chart_summary.value = ""
            return
        lines = left_out_texts(reach, self.lang)
        heading = html.escape(i18n.t("channel_mix.left_out.title", self.lang))
        body = ("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>" if lines else
                f"<p>{html.escape(i18n.t('channel_mix.left_out.none', self.lang))}</p>")
        self.left_out.value = f"<div><b>{heading}</b>{body}</div>"
        chart = reach_figure(reach, self.lang)
        self.chart.layout.display = None
        charting.show_figure(self.chart, chart.figure, chart.summary)
        self.chart_summary.value = (f"<p><small><b>{html.escape(i18n.t('channel_mix.chart.text', self.lang))}</b> "
                                    f"{html.escape(chart.summary)}</small></p>")


def channel_mix_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The channel-mix designer's widget (one line in a notebook: `channel_mix_exercise()`)."""
    return ChannelMixExercise(store, lang, **options).widget
