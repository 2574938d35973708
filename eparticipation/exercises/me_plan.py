"""Session 11 exercise on screen: the monitoring and evaluation plan designer.

A thin view: the questions, the answer model, the reading of typed numbers, the feedback rules, the
worked example and the workbook section are in `eparticipation.worksheets.me_plan` (pure, no
widgets); this module binds them to the screen. It reads the participant's Session 2 readiness
answers from the workbook, to offer their scores as baselines; a missing or damaged readiness
section only means no offer.

Baselines and targets are typed into text boxes (not number spinners) so that "40,5", "-5", "250 %"
or "<script>" reach the rules: a bad value gets a message next to its box and is not saved, and the
last good answer stays in the workbook.

Notebook::

    from eparticipation.exercises.me_plan import me_plan_exercise
    me_plan_exercise()
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import Exercise
from eparticipation.workbook.models import LONG_TEXT
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.me_plan import (
    EVALUATORS, FREQUENCIES, KINDS, LEVELS, MEASURES, SECTION, SHORT_TEXT, SLOTS, Benchmark, Indicator, MePlan,
    benchmarks_or_none, format_number, me_plan_feedback, parse_number, readiness_baselines)

P = "me_plan"
TEXTS = ("name", "source", "owner")
NUMBERS = ("baseline", "target")
CHOICES = (("level", "epi_levels.level", LEVELS), ("kind", f"{P}.kind", KINDS), ("measure", f"{P}.measure", MEASURES),
           ("frequency", f"{P}.frequency", FREQUENCIES))


def _field(slot: int, name: str) -> str:
    return f"i{slot}_{name}"


class MePlanExercise(Exercise):
    spec = SECTION
    intro_key = f"{P}.intro"
    offers_example = True
    example_heading_key = f"{P}.example.title"

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 benchmarks: dict[str, Benchmark] | None = None, **options: Any) -> None:
        self.benchmarks = benchmarks if benchmarks is not None else benchmarks_or_none()
        self.evidence_box = w.HTML()
        self.evidence_box.add_class("ep-evidence")
        self.problems: dict[str, str] = {}
        store = store if store is not None else WorkbookStore()
        loaded = store.load("readiness")
        self.readiness = readiness_baselines(loaded.answers) if loaded.ok else None  # damaged: no offer, no error
        super().__init__(store, lang, **options)

    # -- the form ----------------------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        rows: list[w.Widget] = [self.evidence_box]
        for slot in range(1, SLOTS + 1):
            rows.append(self._tr(w.HTML(), "value", f"{P}.slot", wrap="h4", number=slot))
            part = [self.add_text(_field(slot, "name"), f"{P}.name", placeholder_key=f"{P}.name_placeholder")]
            for name, prefix, values in CHOICES[:3]:
                part.append(self.add_choice(_field(slot, name), f"{P}.{name}", [(f"{prefix}.{v}", v) for v in values],
                                            kind=w.ToggleButtons if name == "kind" else w.Dropdown))
            self.fields[_field(slot, "measure")].layout.width = "32em"  # its options are long
            part.append(self.add_text(_field(slot, "source"), f"{P}.source", placeholder_key=f"{P}.source_placeholder"))
            for name in NUMBERS:
                part.append(self.add_text(_field(slot, name), f"{P}.{name}", placeholder_key=f"{P}.{name}_placeholder"))
                self.fields[_field(slot, name)].layout.width = "10em"
            name, prefix, values = CHOICES[3]
            part.append(self.add_choice(_field(slot, name), f"{P}.{name}", [(f"{prefix}.{v}", v) for v in values],
                                        kind=w.Dropdown))
            part.append(self.add_text(_field(slot, "owner"), f"{P}.owner", placeholder_key=f"{P}.owner_placeholder"))
            box = w.VBox(part, layout=w.Layout(border_left="4px solid #0072B2", padding="0 0 0 0.6em"))
            box.add_class(f"ep-indicator-{slot}")
            rows.append(box)
        rows.append(self._tr(w.HTML(), "value", f"{P}.part.plan", wrap="h4"))
        rows.append(self.add_checkboxes(f"{P}.levels_used", [(f"level_{level}", f"epi_levels.level.{level}")
                                                              for level in LEVELS]))
        rows.append(self.add_choice("evaluator", f"{P}.evaluator", [(f"{P}.evaluator.{e}", e) for e in EVALUATORS],
                                    kind=w.RadioButtons))
        self.fields["evaluator"].layout.width = "34em"
        rows.append(self.add_checkboxes(f"{P}.publish_results", [("publish_results", f"{P}.publish_results_box")]))
        rows.append(self.add_text("notes", f"{P}.notes", placeholder_key=f"{P}.notes_placeholder", long=True))
        return rows

    # -- reading and writing the form ----------------------------------------------------------------
    def raw_problems(self) -> dict[str, str]:
        """{field: message} for every box whose text cannot be saved (pure reading, no save)."""
        problems = {}
        for slot in range(1, SLOTS + 1):
            measure = self.fields[_field(slot, "measure")].value
            for name in NUMBERS:
                _value, problem = parse_number(self.fields[_field(slot, name)].value, measure)
                if problem:
                    problems[_field(slot, name)] = i18n.t(problem, self.lang)
            for name in TEXTS:
                if len(self.fields[_field(slot, name)].value) > SHORT_TEXT:
                    problems[_field(slot, name)] = i18n.t("validation.too_long", self.lang, max=SHORT_TEXT)
        if len(self.fields["notes"].value) > LONG_TEXT:
            problems["notes"] = i18n.t("validation.too_long", self.lang, max=LONG_TEXT)
        return problems

    def read(self) -> dict:
        """The usable values of the form; a box that cannot be read keeps its last saved value."""
        saved: MePlan = self.answers  # type: ignore[assignment]
        problems = self.raw_problems()
        indicators = []
        for slot in range(1, SLOTS + 1):
            old = saved.indicators[slot - 1] if len(saved.indicators) >= slot else Indicator()
            item: dict = {}
            for name in TEXTS:
                key = _field(slot, name)
                item[name] = getattr(old, name) if key in problems else self.fields[key].value
            for name, _prefix, _values in CHOICES:
                item[name] = self.fields[_field(slot, name)].value
            for name in NUMBERS:
                key = _field(slot, name)
                value, _problem = parse_number(self.fields[key].value, item["measure"])
                item[name] = getattr(old, name) if key in problems else value
            indicators.append(item)
        return {"indicators": indicators,
                "levels_used": [level for level in LEVELS if self.fields[f"level_{level}"].value],
                "evaluator": self.fields["evaluator"].value,
                "publish_results": self.fields["publish_results"].value,
                "notes": saved.notes if "notes" in problems else self.fields["notes"].value}

    def fill(self, answers: MePlan) -> None:  # type: ignore[override]
        with self.filling():
            for slot in range(1, SLOTS + 1):
                item = answers.indicators[slot - 1] if len(answers.indicators) >= slot else Indicator()
                for name in TEXTS:
                    self.fields[_field(slot, name)].value = getattr(item, name)
                for name, _prefix, _values in CHOICES:
                    self.fields[_field(slot, name)].value = getattr(item, name)
                for name in NUMBERS:
                    self.fields[_field(slot, name)].value = format_number(getattr(item, name))
            for level in LEVELS:
                self.fields[f"level_{level}"].value = level in answers.levels_used
            self.fields["evaluator"].value = answers.evaluator
            self.fields["publish_results"].value = answers.publish_results
            self.fields["notes"].value = answers.notes

    def on_change(self, change: dict | None = None) -> None:
        """A committed change: every usable value is saved; a box that cannot be read gets its message,
        is not saved, and its last good value stays in the workbook."""
        if self._filling:
            return
        self.problems = self.raw_problems()
        super().on_change(change)
        if self.problems:
            self.show_messages({}, self.problems)
            self.saved.value = i18n.t("saved.invalid", self.lang)

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        # The base compares a field's name with the model's fields; here a message is only a problem.
        for name, message in self.messages.items():
            message.value = (f'<span style="color:#b00020">✖ {html.escape(problems[name])}</span>'
                             if name in problems else "")

    # -- what the participant sees after each change ---------------------------------------------------
    def rules(self, answers: MePlan) -> list[Feedback]:  # type: ignore[override]
        return me_plan_feedback(answers, self.benchmarks, self.readiness)

    def after_update(self, answers: MePlan) -> None:  # type: ignore[override]
        parts = []
        found = self.benchmarks or {}
        if "response_rate" in found and "representativeness" in found and "median_response_days" in found:
            rate, index, days = found["response_rate"], found["representativeness"], found["median_response_days"]
            parts.append(i18n.t(f"{P}.evidence.sample", self.lang, rate=f"{rate.overall:.0f}", best=f"{rate.best:.0f}",
                                group=rate.best_group, limit=f"{rate.limit:.0f}", days=f"{days.overall:.0f}",
                                fast=f"{days.limit:.0f}", index=f"{index.overall:.3f}"))
        if self.readiness is None:
            parts.append(i18n.t(f"{P}.evidence.no_readiness", self.lang))
        else:
            scores = "; ".join(f"{i18n.t(f'epi_levels.level.{level}', self.lang)} {format_number(value)} %"
                               for level, value in self.readiness.items())
            parts.append(i18n.t(f"{P}.evidence.readiness", self.lang, scores=scores))
        self.evidence_box.value = ('<div style="border-left:4px solid #0072B2;padding:0.3em 0.7em;margin:0.3em 0">'
                                   + "".join(f"<p>{html.escape(part)}</p>" for part in parts) + "</div>")


def me_plan_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options: Any) -> w.VBox:
    """The M&E plan designer (one line in a notebook: `me_plan_exercise()`)."""
    return MePlanExercise(store, lang, **options).widget
