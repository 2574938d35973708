"""Session 5 exercise on screen: outreach targets by region and group, with the projected representativeness.

A thin view: the questions, the answer model, the reading of typed numbers, the projection, the
feedback rules and the workbook section are in `eparticipation.worksheets.outreach` (pure, no
widgets); this module binds them to the screen.

Numbers are typed into text boxes (not number spinners) so that "12,5", "12.5 %" and mistakes such
as "-5" or "<script>" reach the rules: a bad value gets a message next to its box and is not saved,
and the last good answers stay in the workbook.

Notebook::

    from eparticipation.exercises.outreach import outreach_exercise
    outreach_exercise()
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.charts.consultation import outreach_chart
from eparticipation.exercises import charting
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.outreach import (
    GROUPS, REGION_CODES, SECTION, Baseline, Outreach, chart_summary, default_baseline, format_share, group_index,
    index_text,
    outreach_feedback, parse_planned, parse_share, projection, region_name, region_table, region_total,
    rounded_to_total)
from eparticipation.data.context import REGION_NAMES

FIELD_WIDTH = "7em"


class OutreachExercise(Exercise):
    spec = SECTION
    intro_key = "outreach.intro"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 baseline: Baseline | None = None, **options) -> None:
        self.baseline = baseline if baseline is not None else default_baseline()
        self.region_labels: dict[str, w.Label] = {}
        self.hints: list[tuple[w.HTML, str]] = []  # (widget, region or group) relabelled on a language switch
        super().__init__(store, lang, **options)

    # -- the form ----------------------------------------------------------------------------------
    def _number_row(self, name: str, label: w.Label, hint: w.HTML) -> w.Widget:
        field = w.Text(continuous_update=False, layout=w.Layout(width=FIELD_WIDTH))
        field.add_class(f"ep-field-{name}")
        message = w.HTML()
        message.add_class("ep-field-message")
        self.fields[name] = field
        self.messages[name] = message
        row = w.HBox([label, field, hint, message])
        row.add_class(f"ep-row-{name}")
        return row

    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self._tr(w.HTML(), "value", "outreach.baseline_note", wrap="small"),
                                self._tr(w.HTML(), "value", "outreach.regions_heading", wrap="h4"),
                                self._tr(w.HTML(), "value", "outreach.regions_help", wrap="p")]
        self.fill_current = self._tr(w.Button(layout=w.Layout(width="auto")), "description", "outreach.fill_current")
        self.fill_population = self._tr(w.Button(layout=w.Layout(width="auto")), "description", "outreach.fill_population")
        self.fill_current.add_class("ep-fill-current")
        self.fill_population.add_class("ep-fill-population")
        self.fill_current.on_click(lambda _b: self.fill_empty(self.baseline.current))
        self.fill_population.on_click(lambda _b: self.fill_empty(self.baseline.population))
        rows.append(w.HBox([self.fill_current, self.fill_population,
                            self._tr(w.HTML(), "value", "outreach.fill_note", wrap="small")]))
        for region in REGION_NAMES:
            label = w.Label(value=region_name(region, self.lang), layout=w.Layout(width="13em"))
            self.region_labels[region] = label
            hint = w.HTML()
            self.hints.append((hint, region))
            rows.append(self._number_row(f"target_{REGION_CODES[region]}", label, hint))
        self.total = w.HTML()
        self.total.add_class("ep-outreach-total")
        rows.append(self.total)
        rows += [self._tr(w.HTML(), "value", "outreach.groups", wrap="h4"),
                 self._tr(w.HTML(), "value", "outreach.groups_help", wrap="p")]
        for group in GROUPS:
            label = self._tr(w.Label(layout=w.Layout(width="13em")), "value", f"outreach.group.{group}")
            hint = w.HTML()
            self.hints.append((hint, group))
            rows.append(self._number_row(f"group_{group}", label, hint))
        planned_label = self._tr(w.Label(layout=w.Layout(width="13em")), "value", "outreach.planned")
        rows.append(self._number_row("planned", planned_label, w.HTML()))
        self._tr(self.fields["planned"], "placeholder", "outreach.planned_placeholder")
        rows.append(self.add_text("actions", "outreach.actions", placeholder_key="outreach.actions_placeholder", long=True))
        self.projection = w.HTML()
        self.projection.add_class("ep-projection")
        self.chart = charting.chart_area()
        self.chart_summary = w.HTML()
        self.chart_summary.add_class("ep-chart-summary")
        self._write_hints()
        return rows

    def _write_hints(self) -> None:
        for hint, key in self.hints:
            if key in self.baseline.groups:
                info = self.baseline.groups[key]
                text = i18n.t("outreach.group_hint", self.lang, population=f"{info.population:.1f}",
                              status=i18n.t(f"outreach.status.{info.status}", self.lang), current=f"{info.current:.1f}")
            else:
                text = i18n.t("outreach.hint", self.lang, population=f"{self.baseline.population[key]:.1f}",
                              current=f"{self.baseline.current[key]:.1f}")
            hint.value = f"<small>{html.escape(text)}</small>"

    # -- reading and writing the form ----------------------------------------------------------------
    def raw_problems(self) -> dict[str, str]:
        """{field: message} for every box whose text is not a usable number (pure reading, no save)."""
        problems = {}
        for name, field in self.fields.items():
            if name == "actions":
                continue
            parse = parse_planned if name == "planned" else parse_share
            _value, problem = parse(field.value)
            if problem:
                problems[name] = i18n.t(problem, self.lang)
        return problems

    def read(self) -> dict:
        """The usable values of the form; a box that cannot be read keeps its last saved value."""
        saved: Outreach = self.answers  # type: ignore[assignment]
        regions, groups = {}, {}
        for region in REGION_NAMES:
            value, problem = parse_share(self.fields[f"target_{REGION_CODES[region]}"].value)
            value = saved.regions.get(region) if problem else value
            if value is not None:
                regions[region] = value
        for group in GROUPS:
            value, problem = parse_share(self.fields[f"group_{group}"].value)
            value = saved.groups.get(group) if problem else value
            if value is not None:
                groups[group] = value
        planned, problem = parse_planned(self.fields["planned"].value)
        return {"regions": regions, "groups": groups, "planned": saved.planned if problem else planned,
                "actions": self.fields["actions"].value}

    def fill(self, answers: Outreach) -> None:  # type: ignore[override]
        with self.filling():
            for region in REGION_NAMES:
                self.fields[f"target_{REGION_CODES[region]}"].value = format_share(answers.regions.get(region))
            for group in GROUPS:
                self.fields[f"group_{group}"].value = format_share(answers.groups.get(group))
            self.fields["planned"].value = "" if answers.planned is None else str(answers.planned)
            self.fields["actions"].value = answers.actions

    def on_change(self, change: dict | None = None) -> None:
        """A committed change: every usable value is saved; a box that is not a usable number gets its
        message, is not saved, and its last good value stays in the workbook."""
        if self._filling:
            return
        problems = self.raw_problems()
        super().on_change(change)
        if problems:
            self.show_messages({}, problems)
            self.saved.value = i18n.t("saved.invalid", self.lang)

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        # The base compares a field's name with the model's fields; here a message is only a problem.
        for name, message in self.messages.items():
            message.value = (f'<span style="color:#b00020">✖ {html.escape(problems[name])}</span>'
                             if name in problems else "")

    def fill_empty(self, shares: dict[str, float]) -> None:
        """Put `shares` (region -> %) into the empty region boxes only, then save once. When every box
        is empty, the shares are rounded so that they add up to exactly 100 %."""
        boxes = {region: self.fields[f"target_{REGION_CODES[region]}"] for region in REGION_NAMES}
        if all(not box.value.strip() for box in boxes.values()):
            shares = rounded_to_total(shares)
        with self.filling():
            for region, box in boxes.items():
                if not box.value.strip():
                    box.value = format_share(round(shares[region], 1))
        self.on_change()

    # -- what the participant sees after each change ---------------------------------------------------
    def rules(self, answers: Outreach) -> list[Feedback]:  # type: ignore[override]
        return outreach_feedback(answers, self.baseline)

    def extra_views(self) -> list[w.Widget]:
        return [self.projection, self.chart, self.chart_summary]

    def after_update(self, answers: Outreach) -> None:  # type: ignore[override]
        self.total.value = self._total_html(answers)
        plan = projection(answers, self.baseline)
        current = index_text(self.baseline.current_index)
        parts = [i18n.t("outreach.projection.index", self.lang, projected=index_text(plan.index), current=current)
                 if plan else i18n.t("outreach.projection.waiting", self.lang, current=current)]
        groups = [i18n.t("outreach.projection.group", self.lang, group=i18n.t(f"outreach.group.{g}", self.lang),
                         index=index_text(group_index(answers, self.baseline, g)))
                  for g in GROUPS if g in answers.groups]
        if groups:
            parts.append(i18n.t("outreach.projection.groups", self.lang, groups="; ".join(groups)))
        title = html.escape(i18n.t("outreach.projection_title", self.lang))
        self.projection.value = f"<div><b>{title}</b>" + "".join(f"<p>{html.escape(p)}</p>" for p in parts) + "</div>"
        table = region_table(answers, self.baseline)
        table["region"] = [region_name(r, self.lang) for r in table["region"]]
        labels = {"population": i18n.t("outreach.col.population", self.lang),
                  "current": i18n.t("outreach.col.current", self.lang),
                  "target": i18n.t("outreach.col.target", self.lang), "axis": i18n.t("outreach.chart.axis", self.lang)}
        summary = chart_summary(answers, self.baseline, self.lang)
        charting.show_figure(self.chart, outreach_chart(table, labels, title=i18n.t("outreach.chart.title", self.lang)),
                             summary)
        self.chart_summary.value = (f"<p><small><b>{html.escape(i18n.t('outreach.chart.text', self.lang))}</b> "
                                    f"{html.escape(summary)}</small></p>")

    def _total_html(self, answers: Outreach) -> str:
        if not answers.regions:
            return f"<p>{html.escape(i18n.t('outreach.total_empty', self.lang))}</p>"
        total = region_total(answers)
        if projection(answers, self.baseline) is not None:
            return f'<p style="color:#006b4f">{html.escape(i18n.t("outreach.total_ok", self.lang, total=f"{total:g}"))}</p>'
        gap = i18n.t("outreach.total_add" if total < 100 else "outreach.total_remove", self.lang,
                     gap=f"{abs(100 - total):.1f}")
        text = i18n.t("outreach.total", self.lang, total=f"{total:g}", gap=gap)
        return f'<p style="color:#8a3b00">⚠ {html.escape(text)}</p>'

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for region, label in self.region_labels.items():
            label.value = region_name(region, self.lang)
        self._write_hints()


def outreach_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options: Any) -> w.VBox:
    """The outreach-targets widget (one line in a notebook: `outreach_exercise()`)."""
    return OutreachExercise(store, lang, **options).widget
