"""Session 11 exercise: the monitoring and evaluation (M&E) plan designer.

The participant lists up to six indicators for the e-participation strategy: a name, the UN
E-Participation Index level it watches (e-information, e-consultation, e-decision-making), whether
it counts an output (what the institution does) or an outcome (what changes because of it), what it
measures, the data source, a baseline, a target, how often it is measured and who owns it; then the
levels the strategy uses and who evaluates the plan. The feedback rules flag an indicator that cannot
be measured (no data source), has no baseline (offering the participant's own readiness score from
Session 2 where the indicator measures readiness), or a target out of line with what the SYNTHETIC
sample consultation shows (Sessions 5 and 8's figures, via `analysis.monitoring.target_benchmarks`);
and, for the plan, no outcome indicator, a level the strategy uses with no indicator, and the OECD's
evaluation principles (independence, published results).

On screen: `eparticipation.exercises.me_plan` (the widget); a notebook calls `me_plan_exercise()`.

Order of this module: 1. questions and model, 2. reading typed numbers, 3. the evidence (sample and
readiness), 4. pure rules, 5. render and dashboard, 6. worked example, 7. the section.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.readiness import Readiness, combined_shares

# 1. Model --------------------------------------------------------------------------------------
P = "me_plan"  # prefix of this worksheet's i18n keys
SLOTS = 6
LEVELS = ("information", "consultation", "decision")  # texts: "epi_levels.level.<level>" (Session 1)
KINDS = ("output", "outcome")
# What an indicator measures: (unit, lowest, highest, higher is better). Readiness is the share of
# Session 2's statements answered Yes at the indicator's level; "count" and "other" have no sample check.
MEASURES = {
    "readiness": ("percent", 0, 100, True),
    "response_rate": ("percent", 0, 100, True),
    "answered_within_standard": ("percent", 0, 100, True),
    "median_response_days": ("days", 0, 250, False),
    "representativeness": ("index", 0, 1, True),
    "count": ("number", 0, 1e9, True),
    "other": ("number", 0, 1e9, True),
}
FREQUENCIES = ("monthly", "quarterly", "per_consultation", "yearly")
EVALUATORS = ("independent", "self", "none")
SHORT_TEXT = 200
READINESS_AREA = {"information": "e_information", "consultation": "e_consultation", "decision": "e_decision"}
Level = Literal["information", "consultation", "decision"]


class Indicator(Answers):
    name: str = Field("", max_length=SHORT_TEXT)
    level: Level | None = None
    kind: Literal["output", "outcome"] | None = None
    measure: Literal["readiness", "response_rate", "answered_within_standard", "median_response_days",
                     "representativeness", "count", "other"] | None = None
    source: str = Field("", max_length=SHORT_TEXT)
    baseline: float | None = Field(None, ge=0, le=1e9, allow_inf_nan=False)
    target: float | None = Field(None, ge=0, le=1e9, allow_inf_nan=False)
    frequency: Literal["monthly", "quarterly", "per_consultation", "yearly"] | None = None
    owner: str = Field("", max_length=SHORT_TEXT)

    def is_blank(self) -> bool:
        return all(not value.strip() if isinstance(value, str) else value is None for value in self.__dict__.values())


class MePlan(Answers):
    indicators: list[Indicator] = Field(default_factory=list, max_length=SLOTS)
    levels_used: list[Level] = Field(default_factory=list)
    evaluator: Literal["independent", "self", "none"] | None = None
    publish_results: bool = False
    notes: str = Field("", max_length=LONG_TEXT)

    def filled(self) -> list[tuple[int, Indicator]]:
        """(slot number from 1, indicator) for every indicator that is not blank."""
        return [(n, item) for n, item in enumerate(self.indicators, start=1) if not item.is_blank()]


def is_blank(plan: MePlan) -> bool:
    return (not plan.filled() and not plan.levels_used and plan.evaluator is None and not plan.publish_results
            and not plan.notes.strip())


# 2. Reading typed numbers (pure; a problem is an i18n key shown next to the field) -------------
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(text: str, measure: str | None) -> tuple[float | None, str | None]:
    """A typed baseline or target: '40', '40,5', '40.5 %' -> 40.5; '' -> None. The measure's range
    applies (a share is 0-100, the index 0-1); a problem leaves the last saved value in place."""
    cleaned = str(text).strip().replace("%", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None, None
    if not _NUMBER.match(cleaned):
        return None, f"{P}.num.not_number"
    value = float(cleaned.replace(",", "."))
    unit, low, high, _up = MEASURES.get(measure or "other", MEASURES["other"])
    if value < low:
        return None, f"{P}.num.negative"
    if value > high:
        return None, f"{P}.num.too_large.{unit}"
    return round(value, 3), None


def format_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# 3. The evidence: the SYNTHETIC sample and the participant's readiness --------------------------
@dataclass(frozen=True)
class Benchmark:
    """What the SYNTHETIC sample consultation shows for one measure (`target_benchmarks`, one row)."""

    overall: float
    best: float
    best_group: str
    limit: float  # the realistic limit of a target (highest for "higher is better", else lowest)


def benchmarks_from(table: pd.DataFrame) -> dict[str, Benchmark]:
    return {row.measure: Benchmark(float(row.overall), float(row.best), str(row.best_group), float(row.realistic_limit))
            for row in table.itertuples(index=False) if not math.isnan(row.realistic_limit)}


@lru_cache(maxsize=1)
def sample_benchmarks() -> dict[str, Benchmark]:
    """From the course data: the SYNTHETIC sample consultation and the real regional population shares."""
    from eparticipation.analysis.monitoring import target_benchmarks
    from eparticipation.data import load_sample_consultation
    from eparticipation.data.context import region_population_shares

    from eparticipation.data.assumptions import assumption_value

    sample = load_sample_consultation()
    return benchmarks_from(target_benchmarks(sample.submissions, sample.participants, region_population_shares(),
                                             stretch=float(assumption_value("monitoring_target_stretch_points")),
                                             fast_share=float(assumption_value("monitoring_fast_answer_share"))))


def benchmarks_or_none() -> dict[str, Benchmark] | None:
    try:
        return sample_benchmarks()
    except CourseDataError:  # a damaged data file must not stop an export; the other checks still run
        return None


def level_baselines(entries: list[tuple[str, Readiness]]) -> pd.DataFrame:
    """One row per readiness assessment, one column per EPI level: Session 2's combined score of the
    level's pillar (% Yes, legislation and policy together), unrounded."""
    shares = combined_shares(entries, "en")
    columns = {i18n.t(f"readiness.area.{area}", "en"): level for level, area in READINESS_AREA.items()}
    return shares[list(columns)].rename(columns=columns).rename_axis(columns="Level")


def sample_readiness_entries(folder: str | Path | None = None) -> list[tuple[str, Readiness]]:
    """(alias, readiness answers) of the fictitious sample group (data/sample-workbooks/sample-*.json), by file name.

    The complete worked example in the same folder is one ministry in two languages, not a group member.
    """
    from eparticipation.paths import data_path
    from eparticipation.workbook.bundle import read_workbook

    found = []
    for path in sorted(Path(folder or data_path("sample-workbooks")).glob("sample-*.json")):
        workbook = read_workbook(path)
        if "readiness" in workbook.sections:
            found.append((workbook.profile.alias or path.stem, workbook.sections["readiness"]))
    return found


def readiness_baselines(readiness: Readiness | None) -> dict[str, float] | None:
    """The participant's own readiness score per level, or None when Session 2 has no answers yet."""
    if readiness is None or not readiness.items:
        return None
    return {level: round(value, 1) for level, value in level_baselines([("me", readiness)]).iloc[0].items()}


# 4. Rules (pure; each message explains why) ---------------------------------------------------
def _label(number: int, item: Indicator) -> str:
    return item.name.strip() or f"#{number}"


def _shown(value: float, unit: str) -> str:
    return f"{value:.3f}" if unit == "index" else f"{value:.0f}"


def _baseline_feedback(name: str, item: Indicator, benchmarks: dict[str, Benchmark] | None,
                       readiness: dict[str, float] | None) -> list[Feedback]:
    if item.baseline is not None:
        return []
    if item.measure == "readiness" and item.level is not None and readiness is not None:
        return [Feedback("tip", f"{P}.fb.readiness_baseline", {"name": name, "level": f"t:epi_levels.level.{item.level}",
                                                               "score": format_number(readiness[item.level])})]
    if item.measure == "readiness":
        return [Feedback("warning", f"{P}.fb.readiness_baseline_hint", {"name": name})]
    found = (benchmarks or {}).get(item.measure or "")
    if found is not None:
        unit = MEASURES[item.measure][0]
        return [Feedback("warning", f"{P}.fb.sample_baseline", {"name": name, "overall": _shown(found.overall, unit)})]
    return [Feedback("warning", f"{P}.fb.no_baseline", {"name": name})]


def _target_feedback(name: str, item: Indicator, benchmarks: dict[str, Benchmark] | None) -> list[Feedback]:
    unit, _low, high, higher_better = MEASURES[item.measure or "other"]
    items: list[Feedback] = []
    for field in ("baseline", "target"):
        value = getattr(item, field)
        if value is not None and value > high:  # saved under another measure, then the measure changed
            items.append(Feedback("warning", f"{P}.fb.out_of_range", {"name": name, "field": f"t:{P}.{field}",
                                                                      "value": format_number(value), "max": format_number(high)}))
    if item.target is None:
        return [Feedback("warning", f"{P}.fb.no_target", {"name": name})]
    if items:
        return items
    if item.baseline is not None:
        no_better = item.target <= item.baseline if higher_better else item.target >= item.baseline
        if no_better:
            items.append(Feedback("warning", f"{P}.fb.no_change", {"name": name, "baseline": format_number(item.baseline),
                                                                   "target": format_number(item.target)}))
    found = (benchmarks or {}).get(item.measure or "")
    if found is not None and (item.target > found.limit if higher_better else item.target < found.limit):
        items.append(Feedback("warning", f"{P}.fb.unrealistic.{item.measure}", {
            "name": name, "target": format_number(item.target), "overall": _shown(found.overall, unit),
            "best": _shown(found.best, unit), "group": found.best_group, "limit": _shown(found.limit, unit)}))
    return items


def indicator_feedback(number: int, item: Indicator, benchmarks: dict[str, Benchmark] | None,
                       readiness: dict[str, float] | None) -> list[Feedback]:
    """Feedback on one indicator: can it be measured, against what, and is its target realistic."""
    name = _label(number, item)
    items: list[Feedback] = []
    if not item.name.strip():
        items.append(Feedback("tip", f"{P}.fb.no_name", {"number": number}))
    if not item.source.strip():
        items.append(Feedback("warning", f"{P}.fb.no_source", {"name": name}))
    if item.level is None:
        items.append(Feedback("tip", f"{P}.fb.no_level", {"name": name}))
    if item.kind is None:
        items.append(Feedback("tip", f"{P}.fb.no_kind", {"name": name}))
    if item.measure is None:
        items.append(Feedback("tip", f"{P}.fb.no_measure", {"name": name}))
    items += _baseline_feedback(name, item, benchmarks, readiness)
    items += _target_feedback(name, item, benchmarks)
    if item.frequency is None:
        items.append(Feedback("tip", f"{P}.fb.no_frequency", {"name": name}))
    if not item.owner.strip():
        items.append(Feedback("tip", f"{P}.fb.no_owner", {"name": name}))
    return items


def me_plan_feedback(plan: MePlan, benchmarks: dict[str, Benchmark] | None,
                     readiness: dict[str, float] | None) -> list[Feedback]:
    """Feedback on the whole plan; `readiness` is `readiness_baselines(...)` of the participant's
    Session 2 answers (None when missing), `benchmarks` the sample's (None when the data is damaged)."""
    if is_blank(plan):
        return [Feedback("tip", f"{P}.fb.start")]
    filled = plan.filled()
    items: list[Feedback] = []
    for number, item in filled:
        items += indicator_feedback(number, item, benchmarks, readiness)
    if filled and not any(item.kind == "outcome" for _n, item in filled):
        items.append(Feedback("warning", f"{P}.fb.no_outcome"))
    covered = {item.level for _n, item in filled}
    missing = [level for level in plan.levels_used if level not in covered]
    if missing:
        items.append(Feedback("warning", f"{P}.fb.level_uncovered",
                              {"levels": [f"t:epi_levels.level.{level}" for level in missing]}))
    if not plan.levels_used:
        items.append(Feedback("tip", f"{P}.fb.levels_missing"))
    if plan.evaluator is None:
        items.append(Feedback("tip", f"{P}.fb.evaluator_missing"))
    elif plan.evaluator == "none":
        items.append(Feedback("warning", f"{P}.fb.no_evaluation"))
    elif plan.evaluator == "self":
        items.append(Feedback("tip", f"{P}.fb.self_evaluation"))
    if not plan.publish_results:
        items.append(Feedback("tip", f"{P}.fb.publish"))
    if filled and not [item for item in items if item.level == "warning"]:
        items.append(Feedback("good", f"{P}.fb.complete", {"n": len(filled)}))
    return items


# 5. Render (canvas, Word) and the facilitator's dashboard ----------------------------------------
def _choice(value: str | None, prefix: str, lang: str) -> str:
    return i18n.t(f"{prefix}.{value}", lang) if value else "–"


def _text(value: str) -> str:
    return value.strip() or "–"


def indicator_rows(plan: MePlan, lang: str) -> tuple[tuple[str, ...], ...]:
    """One row per filled indicator, in the order of the table header (`indicator_header`)."""
    return tuple((_text(item.name), _choice(item.level, "epi_levels.level", lang), _choice(item.kind, f"{P}.kind", lang),
                  _choice(item.measure, f"{P}.measure", lang), _text(item.source),
                  format_number(item.baseline) or "–", format_number(item.target) or "–",
                  _choice(item.frequency, f"{P}.frequency", lang), _text(item.owner))
                 for _n, item in plan.filled())


def indicator_header(lang: str) -> tuple[str, ...]:
    return tuple(i18n.t(f"{P}.{field}", lang) for field in
                 ("name", "level", "kind", "measure", "source", "baseline", "target", "frequency", "owner"))


def render_me_plan(plan: MePlan, lang: str, readiness: dict[str, float] | None = None) -> list[Block]:
    """The section in the strategy draft: the indicator table, the evaluation, then the checks."""
    rows = indicator_rows(plan, lang)
    blocks: list[Block] = [Table(header=indicator_header(lang), rows=rows) if rows else Para(i18n.t(f"{P}.no_indicators", lang))]
    levels = "; ".join(i18n.t(f"epi_levels.level.{level}", lang) for level in plan.levels_used) or "–"
    blocks.append(Table(header=(i18n.t("common.field", lang), i18n.t("common.answer", lang)), rows=(
        (i18n.t(f"{P}.levels_used", lang), levels),
        (i18n.t(f"{P}.evaluator", lang), _choice(plan.evaluator, f"{P}.evaluator", lang)),
        (i18n.t(f"{P}.publish_results", lang), i18n.t(f"{P}.yes" if plan.publish_results else f"{P}.no", lang)))))
    if plan.notes.strip():
        blocks.append(Para(plan.notes, label=i18n.t(f"{P}.notes", lang)))
    checks = [item.text(lang) for item in me_plan_feedback(plan, benchmarks_or_none(), readiness) if item.level != "good"]
    if checks:
        blocks += [Heading(i18n.t(f"{P}.checks", lang), 3), Bullets(tuple(checks))]
    return blocks


def _render(plan: MePlan, lang: str) -> list[Block]:
    return render_me_plan(plan, lang)


def aggregate_me_plan(entries: list[tuple[str, MePlan]], lang: str) -> list[Block]:
    """Facilitator dashboard: each plan's indicators by level and kind, and the measures the group uses."""
    if not entries:
        return []
    rows = []
    measures: Counter = Counter()
    for label, plan in entries:
        filled = [item for _n, item in plan.filled()]
        measures.update(item.measure for item in filled if item.measure)
        per_level = [str(sum(item.level == level for item in filled)) for level in LEVELS]
        unmeasurable = sum(not item.source.strip() for item in filled)
        rows.append((label, str(len(filled)), *per_level, str(sum(item.kind == "outcome" for item in filled)),
                     str(unmeasurable), _choice(plan.evaluator, f"{P}.evaluator", lang)))
    no_outcome = sum(not any(item.kind == "outcome" for _n, item in plan.filled()) for _l, plan in entries)
    common = "; ".join(f"{i18n.t(f'{P}.measure.{m}', lang)} ({n})" for m, n in measures.most_common(3)) or "–"
    header = (i18n.t("readiness.dash.participant", lang), i18n.t(f"{P}.dash.indicators", lang),
              *(i18n.t(f"epi_levels.level.{level}", lang) for level in LEVELS), i18n.t(f"{P}.dash.outcomes", lang),
              i18n.t(f"{P}.dash.no_source", lang), i18n.t(f"{P}.evaluator", lang))
    return [Para(i18n.t(f"{P}.dash.summary", lang, n=len(entries), no_outcome=no_outcome, common=common)),
            Table(header=header, rows=tuple(rows))]


# 6. Worked example (fictitious ministry) --------------------------------------------------------
def worked_example(lang: str) -> MePlan:
    """A complete plan for an invented ministry, labelled so; the figures are read against the
    SYNTHETIC sample (baselines from it, targets within its realistic limits)."""
    az = i18n.normalise(lang) == "az"

    def text(en: str, az_text: str) -> str:
        return az_text if az else en

    unit = text("M&E unit, Ministry of Digital Services (fictitious)", "Monitorinq bölməsi, Rəqəmsal Xidmətlər Nazirliyi (uydurma)")
    return MePlan(
        indicators=[
            Indicator(name=text("Draft acts published for comment", "Rəy üçün dərc edilmiş akt layihələri"),
                      level="information", kind="output", measure="count",
                      source=text("Ministry website log (fictitious)", "Nazirliyin saytının jurnalı (uydurma)"),
                      baseline=4, target=12, frequency="quarterly", owner=unit),
            Indicator(name=text("Readiness for e-consultation", "E-məsləhətləşməyə hazırlıq"),
                      level="consultation", kind="output", measure="readiness",
                      source=text("Session 2 self-assessment, repeated yearly", "2-ci sessiyanın özünüqiymətləndirməsi, hər il təkrarlanır"),
                      baseline=33.3, target=66.7, frequency="yearly", owner=unit),
            Indicator(name=text("Published submissions answered", "Cavablandırılmış dərc olunmuş rəy və təkliflər"),
                      level="consultation", kind="outcome", measure="response_rate",
                      source=text("Consultation platform export", "Məsləhətləşmə platformasından ixrac"),
                      baseline=40.4, target=60, frequency="per_consultation",
                      owner=text("Public relations department (fictitious)", "İctimaiyyətlə əlaqələr şöbəsi (uydurma)")),
            Indicator(name=text("Participants mirror the regions", "İştirakçılar rayonları əks etdirir"),
                      level="consultation", kind="outcome", measure="representativeness",
                      source=text("Platform export and population shares (State Statistical Committee)",
                                  "Platformadan ixrac və əhali payları (Dövlət Statistika Komitəsi)"),
                      baseline=0.685, target=0.8, frequency="per_consultation", owner=unit),
            Indicator(name=text("Proposals adopted into the final act", "Yekun akta daxil edilmiş təkliflər"),
                      level="decision", kind="outcome", measure="count",
                      source=text("Published summary of changes", "Dəyişikliklərin dərc edilmiş xülasəsi"),
                      baseline=0, target=5, frequency="per_consultation",
                      owner=text("Legal department (fictitious)", "Hüquq şöbəsi (uydurma)")),
        ],
        levels_used=["information", "consultation", "decision"], evaluator="independent", publish_results=True,
        notes=text("Worked example for the Ministry of Digital Services (fictitious): an invented ministry; baselines "
                   "for the consultation come from the SYNTHETIC sample.",
                   "Rəqəmsal Xidmətlər Nazirliyi (uydurma) üçün nümunə: uydurma nazirlik; məsləhətləşmə üzrə başlanğıc "
                   "göstəricilər SİNTETİK nümunədən götürülüb."))


# 7. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s11-monitoring-evaluation",
    key="me_plan", model=MePlan, version=1, order=110, title_key=f"{P}.title",
    render=_render, aggregate=aggregate_me_plan, is_empty=is_blank, example=worked_example,
)
