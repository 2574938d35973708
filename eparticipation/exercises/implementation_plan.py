"""Session 10 exercise on screen: the implementation plan (actions, Gantt chart, budget, risk register).

A thin view: the model, the input checks, the feedback rules and the workbook section are in
`eparticipation.worksheets.implementation_plan` (pure, no widgets); this module binds them to the
screen. Numbers are typed as text, so that "0", "-3", "abc" or "<script>" reach the worksheet's checks
and get a message next to the row instead of being silently changed. The earlier sections the rules
compare with (Session 3's framework map, Session 6's channel mix) are read from the workbook here.

Notebook::

    from eparticipation.exercises.implementation_plan import implementation_plan_exercise
    implementation_plan_exercise()
"""

from __future__ import annotations

import html

import ipywidgets as w

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNEL_KEYS
from eparticipation.exercises import charting
from eparticipation.exercises.base import Exercise
from eparticipation.reports.html import blocks_html
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.channel_mix import format_amount, parse_amount
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.implementation_plan import (
    MAX_ACTIONS, RISKS, SECTION, ImplementationPlan, budget_blocks, funded_channels, headline, implementation_feedback,
    input_problems, mandated_institutions, parse_whole, plan_chart)

P = "implementation_plan"
# (field, width, placeholder key) of an action row; the channel is a drop-down between owner and start.
ROW_TEXTS = (("name", "17em", "name_placeholder"), ("owner", "15em", "owner_placeholder"))
ROW_NUMBERS = (("start_month", "5em", "start_placeholder"), ("duration_months", "5em", "duration_placeholder"),
               ("cost_azn", "7em", "cost_placeholder"))
LEVEL_OPTIONS = [(f"{P}.level.none", 0), (f"{P}.level.1", 1), (f"{P}.level.2", 2), (f"{P}.level.3", 3)]
CHANNEL_OPTIONS = [(f"{P}.no_channel", "")] + [(f"channel_mix.channel.{key}", key) for key in CHANNEL_KEYS]


def earlier_answers(store: WorkbookStore, key: str):
    """An earlier section's answers, or None when it is missing, empty or damaged (the rules then give a
    neutral hint)."""
    try:
        loaded = store.load(key)
    except Exception:  # an unreadable earlier section must never stop this exercise
        return None
    return loaded.answers if loaded.status in ("loaded", "recovered") else None


class ImplementationPlanExercise(Exercise):
    spec = SECTION
    intro_key = f"{P}.intro"
    recommended = ("coordinator",)
    offers_example = True
    example_heading_key = f"{P}.example.heading"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, **options) -> None:
        store = store if store is not None else WorkbookStore()
        framework = earlier_answers(store, "framework_map")
        mix = earlier_answers(store, "channel_mix")
        self.mandated = mandated_institutions(framework) if framework is not None else None
        self.channels = funded_channels(mix) if mix is not None and mix.allocations else None
        self._rows: list[int] = []  # widget row of each action read, in order
        super().__init__(store, lang, **options)

    # -- the form --------------------------------------------------------------------------------
    def _field(self, name: str, widget: w.Widget, width: str) -> w.Widget:
        widget.layout = w.Layout(width=width)
        widget.add_class(f"ep-field-{name}")
        self.fields[name] = widget
        return widget

    def _message(self, name: str) -> w.HTML:
        message = w.HTML()
        message.add_class("ep-field-message")
        self.messages[name] = message
        return message

    def _dropdown(self, name: str, options: list[tuple[str, object]], width: str) -> w.Dropdown:
        field = w.Dropdown(options=[(i18n.t(key, self.lang), value) for key, value in options], value=options[0][1])
        self._options.append((field, options))
        return self._field(name, field, width)

    def _text(self, name: str, width: str, placeholder: str) -> w.Text:
        return self._field(name, self._tr(w.Text(continuous_update=False), "placeholder", f"{P}.{placeholder}"), width)

    def _header(self, keys: list[tuple[str, str]]) -> w.HBox:
        return w.HBox([self._tr(w.HTML(layout=w.Layout(width=width)), "value", f"{P}.column.{key}", wrap="b")
                       for key, width in keys])

    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self._tr(w.HTML(), "value", f"{P}.part.coordination", wrap="h4"),
                                self.add_text("coordinator", f"{P}.coordinator", placeholder_key=f"{P}.coordinator_placeholder"),
                                self.add_text("budget_azn", f"{P}.budget", placeholder_key=f"{P}.budget_placeholder"),
                                self._tr(w.HTML(), "value", f"{P}.part.actions", wrap="h4"),
                                self._tr(w.HTML(), "value", f"{P}.actions_note", wrap="small"),
                                self._header([("name", "17em"), ("owner", "15em"), ("channel", "15em"),
                                              ("start_month", "5em"), ("duration_months", "5em"), ("cost", "7em")])]
        self.fields["budget_azn"].layout.width = "10em"
        for i in range(MAX_ACTIONS):
            cells = [self._text(f"action_{i}_{name}", width, key) for name, width, key in ROW_TEXTS]
            cells.append(self._dropdown(f"action_{i}_channel", CHANNEL_OPTIONS, "15em"))
            cells += [self._text(f"action_{i}_{name}", width, key) for name, width, key in ROW_NUMBERS]
            row = w.HBox([*cells, self._message(f"row_{i}")])
            row.add_class(f"ep-action-row-{i}")
            rows.append(row)
        rows += [self._message("actions"), self._tr(w.HTML(), "value", f"{P}.part.risks", wrap="h4"),
                 self._tr(w.HTML(), "value", f"{P}.risk_note", wrap="small"),
                 self._header([("risk", "15em"), ("likelihood", "7em"), ("impact", "7em"), ("mitigation", "24em"),
                               ("owner", "14em")])]
        for key in RISKS:
            label = self._tr(w.HTML(layout=w.Layout(width="15em")), "value", f"{P}.risk.{key}")
            row = w.HBox([label, self._dropdown(f"risk_{key}_likelihood", LEVEL_OPTIONS, "7em"),
                          self._dropdown(f"risk_{key}_impact", LEVEL_OPTIONS, "7em"),
                          self._text(f"risk_{key}_mitigation", "24em", "mitigation_placeholder"),
                          self._text(f"risk_{key}_owner", "14em", "risk_owner_placeholder"), self._message(f"risk_{key}")])
            row.add_class(f"ep-risk-{key}")
            rows.append(row)
        rows.append(self.add_text("notes", f"{P}.notes", placeholder_key=f"{P}.notes_placeholder", long=True))
        self.summary = w.HTML()
        self.summary.add_class("ep-plan-summary")
        self.chart = charting.chart_area()
        self.chart_summary = w.HTML()
        self.chart_summary.add_class("ep-chart-summary")
        self.budget = w.HTML()
        self.budget.add_class("ep-plan-budget")
        return rows

    def extra_views(self) -> list[w.Widget]:
        return [self.summary, self.chart, self.chart_summary, self.budget]

    # -- reading and filling ---------------------------------------------------------------------
    def read(self) -> dict:
        actions, self._rows = [], []
        for i in range(MAX_ACTIONS):
            texts = {name: self.fields[f"action_{i}_{name}"].value for name, _w, _k in ROW_TEXTS + ROW_NUMBERS}
            channel = self.fields[f"action_{i}_channel"].value or None
            if not any(str(v).strip() for v in texts.values()) and channel is None:
                continue  # an empty row is not an action
            actions.append({"name": texts["name"], "owner": texts["owner"], "channel": channel,
                            "start_month": parse_whole(texts["start_month"]),
                            "duration_months": parse_whole(texts["duration_months"]),
                            "cost_azn": parse_amount(texts["cost_azn"])})
            self._rows.append(i)
        risks = {}
        for key in RISKS:
            risks[key] = {"likelihood": self.fields[f"risk_{key}_likelihood"].value or None,
                          "impact": self.fields[f"risk_{key}_impact"].value or None,
                          "mitigation": self.fields[f"risk_{key}_mitigation"].value,
                          "owner": self.fields[f"risk_{key}_owner"].value}
        return {"coordinator": self.fields["coordinator"].value, "budget_azn": parse_amount(self.fields["budget_azn"].value),
                "actions": actions, "risks": risks, "notes": self.fields["notes"].value}

    def fill(self, answers: ImplementationPlan) -> None:  # type: ignore[override]
        with self.filling():
            self.fields["coordinator"].value = answers.coordinator
            self.fields["budget_azn"].value = format_amount(answers.budget_azn)
            for i in range(MAX_ACTIONS):
                action = answers.actions[i] if i < len(answers.actions) else None
                self.fields[f"action_{i}_name"].value = action.name if action else ""
                self.fields[f"action_{i}_owner"].value = action.owner if action else ""
                self.fields[f"action_{i}_channel"].value = (action.channel or "") if action else ""
                self.fields[f"action_{i}_start_month"].value = str(action.start_month) if action else ""
                self.fields[f"action_{i}_duration_months"].value = str(action.duration_months) if action else ""
                self.fields[f"action_{i}_cost_azn"].value = format_amount(action.cost_azn) if action else ""
            for key in RISKS:
                risk = answers.risk(key)
                self.fields[f"risk_{key}_likelihood"].value = risk.likelihood or 0
                self.fields[f"risk_{key}_impact"].value = risk.impact or 0
                self.fields[f"risk_{key}_mitigation"].value = risk.mitigation
                self.fields[f"risk_{key}_owner"].value = risk.owner
            self.fields["notes"].value = answers.notes

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        if problems:  # word the model's refusals next to the row or field they concern
            worded = input_problems(values, self.lang)
            for position, row in enumerate(self._rows):
                if f"action_{position}" in worded:
                    worded[f"row_{row}"] = worded.pop(f"action_{position}")
            if not worded:  # a refusal the checks do not word: say it under the actions
                worded = {"actions": next(iter(problems.values()))}
            problems = worded
        super().show_messages(values, problems)

    # -- feedback, chart, budget -----------------------------------------------------------------
    def rules(self, answers: ImplementationPlan) -> list[Feedback]:  # type: ignore[override]
        return implementation_feedback(answers, self.mandated, self.channels)

    def after_update(self, answers: ImplementationPlan) -> None:  # type: ignore[override]
        self.summary.value = f"<p><b>{html.escape(headline(answers, self.lang))}</b></p>"
        if not answers.actions:
            self.chart.layout.display = "none"
            self.chart_summary.value = self.budget.value = ""
            return
        chart = plan_chart(answers, self.lang)
        self.chart.layout.display = None
        charting.show_figure(self.chart, chart.figure, chart.summary)
        self.chart_summary.value = (f"<p><small><b>{html.escape(i18n.t(f'{P}.chart.text', self.lang))}</b> "
                                    f"{html.escape(chart.summary)}</small></p>")
        self.budget.value = blocks_html(budget_blocks(answers, self.lang))


def implementation_plan_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The implementation-plan widget (one line in a notebook: `implementation_plan_exercise()`)."""
    return ImplementationPlanExercise(store, lang, **options).widget
