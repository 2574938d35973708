"""Session 9 exercise on screen: the participation-level planner and the stakeholder map.

A thin view: the questions, the answer model, the feedback rules, the worked example and the workbook
section are in `eparticipation.worksheets.strategy_design` (pure, no widgets). This module binds them
to the screen, and loads the earlier sections the coherence rules read (Sessions 2, 6 and 8) from the
workbook: a missing or damaged one is passed as None, and the rules give a neutral hint.

The five stages of the policy cycle sit in tabs; the stakeholder map has `MAX_STAKEHOLDERS` rows, each
a name and two 1–4 choices. The worked example is the part all Day 3 exercises share (`Exercise.example_part`).

Notebook::

    from eparticipation.exercises.strategy_design import strategy_design_exercise
    strategy_design_exercise()
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNEL_KEYS
from eparticipation.exercises import charting
from eparticipation.exercises.base import Exercise
from eparticipation.workbook import sections
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.strategy_design import (
    AREA_KEYS, INPUTS, LEVELS, MAX_STAKEHOLDERS, PRECONDITIONS, QUADRANTS, RECRUITMENT, SCALE, SECTION, STAGES, USES,
    WHO, EarlierSections, StrategyDesign, design_feedback, map_chart, stakeholder_problem,
    top_gap_areas)

P = "strategy_design"
# Per stage: (group in the field name, answer field, options, i18n group of the option texts)
STAGE_BOXES = (("input", "inputs", INPUTS, f"{P}.input"), ("who", "who", WHO, f"{P}.who"),
               ("channel", "channels", CHANNEL_KEYS, "channel_mix.channel"))
TEXTS = ("vision", "objectives", "notes")
EARLIER = ("readiness", "channel_mix", "response_commitments")


def earlier_sections(store: WorkbookStore) -> EarlierSections:
    """Sessions 2, 6 and 8 from the workbook; an empty, missing or damaged section becomes None."""
    found: dict[str, Any] = {}
    for key in EARLIER:
        spec = sections.get(key)
        loaded = store.load(key)
        found[key] = loaded.answers if spec is not None and loaded.status == "loaded" and not spec.empty(
            loaded.answers) else None
    return EarlierSections(**found)


class StrategyDesignExercise(Exercise):
    spec = SECTION
    intro_key = f"{P}.intro"
    recommended = ("vision", "objectives")
    offers_example = True
    example_heading_key = f"{P}.example.heading"
    example_note_key = f"{P}.example.note"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, **options) -> None:
        store = store if store is not None else WorkbookStore()
        self.earlier = earlier_sections(store)
        self.readiness_box = w.HTML()
        self.readiness_box.add_class("ep-readiness-gaps")
        self.chart = charting.chart_area()
        self.chart_summary = w.HTML()
        self.chart_summary.add_class("ep-chart-summary")
        super().__init__(store, lang, **options)

    # -- the form ------------------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self._heading("part.vision")]
        rows.append(self.add_text("vision", f"{P}.vision", placeholder_key=f"{P}.vision_placeholder", long=True))
        rows.append(self.add_text("objectives", f"{P}.objectives", placeholder_key=f"{P}.objectives_placeholder",
                                  long=True))
        rows.append(self.readiness_box)
        rows.append(self.add_checkboxes(f"{P}.gap_areas", [(f"area_{a}", f"readiness.area.{a}") for a in AREA_KEYS],
                                        stacked=True))
        rows.append(self._heading("part.preconditions"))
        rows.append(self.add_checkboxes(f"{P}.preconditions", [(f"cond_{p}", f"{P}.precondition.{p}")
                                                              for p in PRECONDITIONS], stacked=True))
        rows.append(self._heading("part.plan"))
        self.tabs = w.Tab(children=[self._stage_form(stage) for stage in STAGES])
        self.tabs.add_class("ep-stage-tabs")
        self._title_tabs()
        rows.append(self.tabs)
        rows.append(self._heading("part.stakeholders"))
        rows.append(self._tr(w.HTML(), "value", f"{P}.scale_hint", wrap="p"))
        for n in range(1, MAX_STAKEHOLDERS + 1):
            rows.append(self._stakeholder_row(n))
        rows.append(self._tr(w.HTML(), "value", f"{P}.approaches", wrap="h4"))
        for quadrant in QUADRANTS:
            row = self.add_text(f"approach_{quadrant}", f"{P}.quadrant.{quadrant}",
                                placeholder_key=f"{P}.approach_placeholder")
            row.children[0].layout.width = "26em"  # the quadrant's name says which scores it holds
            rows.append(row)
        rows.append(self.add_text("notes", f"{P}.notes", placeholder_key=f"{P}.notes_placeholder", long=True))
        return rows

    def _heading(self, key: str) -> w.HTML:
        return self._tr(w.HTML(), "value", f"{P}.{key}", wrap="h4")

    def _stage_form(self, stage: str) -> w.VBox:
        parts = [self.add_choice(f"{stage}__level", f"{P}.col.level", [(f"{P}.level.{v}", v) for v in LEVELS])]
        for group, _field, options, texts in STAGE_BOXES[:2]:
            parts.append(self.add_checkboxes(f"{P}.col.{_field}", [(f"{stage}__{group}_{v}", f"{texts}.{v}")
                                                                   for v in options], stacked=True))
        parts.append(self.add_choice(f"{stage}__use", f"{P}.col.use", [(f"{P}.use.{v}", v) for v in USES],
                                     kind=w.Dropdown))
        parts.append(self.add_choice(f"{stage}__recruitment", f"{P}.col.recruitment",
                                     [(f"{P}.recruitment.{v}", v) for v in RECRUITMENT]))
        group, _field, options, texts = STAGE_BOXES[2]
        parts.append(self.add_checkboxes(f"{P}.col.channels", [(f"{stage}__{group}_{v}", f"{texts}.{v}")
                                                               for v in options], stacked=True))
        form = w.VBox(parts)
        form.add_class(f"ep-stage-{stage}")
        return form

    def _stakeholder_row(self, n: int) -> w.Widget:
        row = self.add_text(f"sh{n}_name", f"{P}.stakeholder_n", placeholder_key=f"{P}.stakeholder_placeholder")
        self._labels[-1] = (row.children[0], "value", f"{P}.stakeholder_n", {"wrap": None, "n": n})
        row.children[0].value = i18n.t(f"{P}.stakeholder_n", self.lang, n=n)
        row.children[1].layout.width = "22em"
        scales = []
        for axis in ("influence", "interest"):
            label = self._tr(w.Label(layout=w.Layout(width="auto")), "value", f"{P}.{axis}")
            field = w.Dropdown(options=[("–", None)] + [(str(v), v) for v in SCALE], value=None,
                               layout=w.Layout(width="5em"))
            field.add_class(f"ep-field-sh{n}_{axis}")
            self.fields[f"sh{n}_{axis}"] = field
            scales += [label, field]
        row.children = (*row.children[:2], *scales, row.children[2])
        return row

    def _title_tabs(self) -> None:
        self.tabs.titles = tuple(i18n.t(f"{P}.stage.{stage}", self.lang) for stage in STAGES)

    def extra_views(self) -> list[w.Widget]:
        return [self.chart, self.chart_summary]

    # -- answers <-> fields ----------------------------------------------------------------------
    def read(self) -> dict:
        values: dict = {name: self.fields[name].value for name in TEXTS}
        values["gap_areas"] = [a for a in AREA_KEYS if self.fields[f"area_{a}"].value]
        values["preconditions"] = [p for p in PRECONDITIONS if self.fields[f"cond_{p}"].value]
        stages = {}
        for stage in STAGES:
            plan: dict = {name: self.fields[f"{stage}__{name}"].value for name in ("level", "use", "recruitment")}
            for group, field, options, _texts in STAGE_BOXES:
                plan[field] = [v for v in options if self.fields[f"{stage}__{group}_{v}"].value]
            stages[stage] = plan
        values["stages"] = stages
        stakeholders = []
        for n in range(1, MAX_STAKEHOLDERS + 1):
            name, influence, interest = (self.fields[f"sh{n}_{part}"].value for part in ("name", "influence", "interest"))
            if name.strip() or influence is not None or interest is not None:
                stakeholders.append({"name": name, "influence": influence, "interest": interest})
        values["stakeholders"] = stakeholders
        values["approaches"] = {q: self.fields[f"approach_{q}"].value for q in QUADRANTS}
        return values

    def fill(self, answers: StrategyDesign) -> None:  # type: ignore[override]
        with self.filling():
            for name in TEXTS:
                self.fields[name].value = getattr(answers, name)
            for a in AREA_KEYS:
                self.fields[f"area_{a}"].value = a in answers.gap_areas
            for p in PRECONDITIONS:
                self.fields[f"cond_{p}"].value = p in answers.preconditions
            for stage in STAGES:
                plan = answers.plan(stage)
                for name in ("level", "use", "recruitment"):
                    self.fields[f"{stage}__{name}"].value = getattr(plan, name)
                for group, field, options, _texts in STAGE_BOXES:
                    for v in options:
                        self.fields[f"{stage}__{group}_{v}"].value = v in getattr(plan, field)
            for n in range(1, MAX_STAKEHOLDERS + 1):
                found = answers.stakeholders[n - 1] if n <= len(answers.stakeholders) else None
                self.fields[f"sh{n}_name"].value = found.name if found else ""
                self.fields[f"sh{n}_influence"].value = found.influence if found else None
                self.fields[f"sh{n}_interest"].value = found.interest if found else None
            for q in QUADRANTS:
                self.fields[f"approach_{q}"].value = answers.approaches.get(q, "")

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        # A refused stakeholder list gets a reason next to each row that causes it.
        if problems.pop("stakeholders", None) is not None:
            seen: set[str] = set()
            for n in range(1, MAX_STAKEHOLDERS + 1):
                name = self.fields[f"sh{n}_name"].value
                key = stakeholder_problem(name, self.fields[f"sh{n}_influence"].value,
                                          self.fields[f"sh{n}_interest"].value)
                if key is None and name.strip():
                    key = f"{P}.error.duplicate" if name.strip().casefold() in seen else None
                    seen.add(name.strip().casefold())
                if key is not None:
                    problems[f"sh{n}_name"] = i18n.t(key, self.lang)
        if problems.pop("approaches", None) is not None:
            problems.update({f"approach_{q}": i18n.t("validation.too_long", self.lang, max="20000")
                             for q in QUADRANTS})
        super().show_messages(values, problems)

    # -- feedback and chart ---------------------------------------------------------------------
    def rules(self, answers: StrategyDesign) -> list[Feedback]:  # type: ignore[override]
        return design_feedback(answers, self.earlier)

    def after_update(self, answers: StrategyDesign) -> None:  # type: ignore[override]
        if self.earlier.readiness is None:
            text = i18n.t(f"{P}.readiness_box_missing", self.lang)
        else:
            top = top_gap_areas(self.earlier.readiness)
            text = (i18n.t(f"{P}.readiness_box", self.lang, areas=", ".join(
                i18n.t(f"readiness.area.{a}", self.lang) for a in top)) if top
                    else i18n.t(f"{P}.readiness_box_none", self.lang))
        self.readiness_box.value = ('<div style="border-left:4px solid #0072B2;padding:0.3em 0.7em;margin:0.3em 0">'
                                    f"{html.escape(text)}</div>")
        chart = map_chart(answers, self.lang)
        self.chart.layout.display = None if answers.stakeholders else "none"
        if answers.stakeholders:
            charting.show_figure(self.chart, chart.figure, chart.summary)
        self.chart_summary.value = (f"<p><small><b>{html.escape(i18n.t(f'{P}.chart.text', self.lang))}</b> "
                                    f"{html.escape(chart.summary)}</small></p>")

    def reload(self) -> None:
        self.earlier = earlier_sections(self.store)
        super().reload()

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self._title_tabs()


def strategy_design_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The strategy-design widget (one line in a notebook: `strategy_design_exercise()`)."""
    return StrategyDesignExercise(store, lang, **options).widget
