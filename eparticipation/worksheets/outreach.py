"""Session 5 exercise: outreach targets by region and group, with the projected representativeness.

The participant plans the next round of a national consultation. For each of Azerbaijan's 14
economic regions they set the share of participants to aim for (the shares add up to 100 %), and
for three groups that online consultations under-represent — rural residents, women, people aged
55 and over — the share each should make up. They may add the number of participants planned and
how they will reach the groups.

The projection applies the exploration notebook's own index (`analysis.consultation.
representativeness_index`, on `share_ratios`) to the planned mix instead of the SYNTHETIC sample's,
and the feedback names the regions and groups still under-represented and why that matters.
Baseline: the REAL regional population shares (State Statistical Committee estimates, 1 January
2024) and the SYNTHETIC consultation's current mix; the group benchmarks for women and people aged
55+ are ASSUMED (data/assumptions.csv).

On screen: `eparticipation.exercises.outreach` (the widget); a notebook calls `outreach_exercise()`.

Order of this module: 1. questions and model, 2. reading typed numbers, 3. the baseline,
4. pure rules (projection, feedback), 5. render and dashboard, 6. the section.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

import pandas as pd
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.analysis.consultation import (
    group_representation, representation_ratios, representativeness_index, share_ratios, split_index)
from eparticipation.data.context import ECONOMIC_REGIONS, REGION_NAMES
from eparticipation.errors import CourseDataError
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
REGION_CODES = {name: code for code, name, _az in ECONOMIC_REGIONS}  # stable ids for fields and CSS
GROUPS = ("rural", "women", "older")  # texts: "outreach.group.<group>", why: "outreach.why.<group>"
DISPLACED = ("Karabakh", "East Zangezur")  # shares count registered, largely displaced residents
MAX_PLANNED = 10_000_000  # about the country's population (10.2 million in 2024): more is a typo
TOLERANCE = 0.5  # percentage points: typed shares rounded to one decimal may miss 100 by a little

Share = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Outreach(Answers):
    regions: dict[str, Share] = Field(default_factory=dict)  # region (English name) -> target % of participants
    groups: dict[str, Share] = Field(default_factory=dict)  # group -> target % of participants
    planned: int | None = Field(None, ge=1, le=MAX_PLANNED)
    actions: str = Field("", max_length=LONG_TEXT)

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: dict[str, float]) -> dict[str, float]:
        return refuse_unknown_keys(value, REGION_NAMES, "economic regions")

    @field_validator("groups")
    @classmethod
    def _known_groups(cls, value: dict[str, float]) -> dict[str, float]:
        return refuse_unknown_keys(value, GROUPS, "groups")

    def is_blank(self) -> bool:
        return not self.regions and not self.groups and self.planned is None and not self.actions.strip()


# 2. Reading what was typed (pure; problems are i18n keys shown next to the field) ---------------
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_WHOLE = re.compile(r"^\d{1,3}([ ,.\u00a0\u202f]\d{3})+$|^\d+$")


def parse_share(text: str) -> tuple[float | None, str | None]:
    """A typed share: '12,5', '12.5 %' -> 12.5; '' -> None (not set). Decimal comma or point."""
    cleaned = str(text).strip().replace("%", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None, None
    if not _NUMBER.match(cleaned):
        return None, "outreach.error.not_number"
    value = float(cleaned.replace(",", "."))
    if value < 0:
        return None, "outreach.error.negative"
    if value > 100:
        return None, "outreach.error.over_100"
    return round(value, 2), None


def parse_planned(text: str) -> tuple[int | None, str | None]:
    """A typed number of participants: '5000', '5 000', '5,000' -> 5000; '' -> None."""
    cleaned = str(text).strip()
    if not cleaned:
        return None, None
    if cleaned.startswith("-") and _WHOLE.match(cleaned[1:]):
        return None, "outreach.error.planned_zero"
    if not _WHOLE.match(cleaned):
        return None, "outreach.error.whole_number"
    value = int(re.sub(r"\D", "", cleaned))
    if value < 1:
        return None, "outreach.error.planned_zero"
    if value > MAX_PLANNED:
        return None, "outreach.error.planned_too_many"
    return value, None


def format_share(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def rounded_to_total(shares: dict[str, float], total: float = 100.0) -> dict[str, float]:
    """Shares rounded to one decimal that still add up to `total` (largest remainder), so a plan
    started from the population or the current mix is complete at once."""
    tenths = {key: value * 10 for key, value in shares.items()}
    floors = {key: math.floor(value) for key, value in tenths.items()}
    missing = round(total * 10) - sum(floors.values())
    by_remainder = sorted(tenths, key=lambda key: (-(tenths[key] - floors[key]), list(shares).index(key)))
    for key in by_remainder[:max(missing, 0)]:
        floors[key] += 1
    return {key: floors[key] / 10 for key in shares}


# 3. The baseline: the population and the SYNTHETIC consultation's current mix -----------------
@dataclass(frozen=True)
class GroupBaseline:
    population: float  # percent
    current: float  # percent of participants in the SYNTHETIC consultation
    status: str  # SOURCED | ASSUMED


@dataclass(frozen=True)
class Baseline:
    population: dict[str, float]  # region -> percent of the population (sums to 100)
    current: dict[str, float]  # region -> percent of the SYNTHETIC consultation's participants
    current_index: float
    groups: dict[str, GroupBaseline]


def baseline_from(participants: pd.DataFrame, population_shares: pd.Series, benchmarks: pd.DataFrame) -> Baseline:
    """The baseline from tables: the same functions as the exploration notebook, so both agree."""
    ratios = representation_ratios(participants, population_shares).set_index("region")
    groups = group_representation(participants, benchmarks).set_index("group")
    status = benchmarks.set_index("group")["status"]
    return Baseline(
        population={r: 100 * float(ratios.loc[r, "population_share"]) for r in REGION_NAMES},
        current={r: 100 * float(ratios.loc[r, "sample_share"]) for r in REGION_NAMES},
        current_index=representativeness_index(ratios),
        groups={g: GroupBaseline(100 * float(groups.loc[g, "population_share"]), 100 * float(groups.loc[g, "sample_share"]),
                                 str(status[g])) for g in GROUPS},
    )


@lru_cache(maxsize=1)
def default_baseline() -> Baseline:
    """From the course data: real regional shares (1 Jan 2024), the SYNTHETIC sample's participants."""
    from eparticipation.data.consultation import SAMPLE_FOLDER, group_benchmarks, load_participants
    from eparticipation.data.context import region_population_shares
    from eparticipation.paths import data_path

    participants = load_participants(data_path(*SAMPLE_FOLDER, "participants.csv"))
    return baseline_from(participants, region_population_shares(), group_benchmarks())


def _baseline_or_none() -> Baseline | None:
    try:
        return default_baseline()
    except CourseDataError:  # a damaged data file must not stop an export; the targets are still shown
        return None


# 4. Rules (pure) ---------------------------------------------------------------------------------
UNDER = 0.8  # a region or group below 4/5 of its population share is "under-represented"
OVER = 1.25  # above 5/4: over-represented
MIN_PER_REGION = 30  # course rule of thumb: fewer people than this and a region's result is a handful of voices
GOOD_INDEX = 0.9


def index_text(value: float) -> str:
    """An index as shown everywhere in the session (notebook, exercise, export): three decimals."""
    return f"{value:.3f}"


def region_total(answers: Outreach) -> float:
    return round(sum(answers.regions.values()), 2)


def targets_add_up(answers: Outreach) -> bool:
    return bool(answers.regions) and abs(region_total(answers) - 100) <= TOLERANCE


@dataclass(frozen=True)
class Projection:
    index: float  # the representativeness index of the planned mix (1 = mirrors the population)
    ratios: dict[str, float]  # region -> planned share / population share
    under: tuple[str, ...]  # regions below UNDER, most under-represented first
    over: tuple[str, ...]  # regions above OVER
    zero: tuple[str, ...]  # regions with no participants planned
    small: tuple[str, ...]  # regions with fewer than MIN_PER_REGION planned participants (needs `planned`)


def projection(answers: Outreach, baseline: Baseline) -> Projection | None:
    """The planned regional mix against the population; None until the targets add up to 100 %."""
    if not targets_add_up(answers):
        return None
    ratios = share_ratios(pd.Series(answers.regions, dtype=float), pd.Series(baseline.population)).set_index("region")
    ratio = ratios["ratio"].to_dict()
    order = sorted(REGION_NAMES, key=lambda r: (ratio[r], REGION_NAMES.index(r)))
    planned = answers.planned
    small = ()
    if planned:
        small = tuple(r for r in order if 0 < ratios.loc[r, "sample_share"] * planned < MIN_PER_REGION)
    return Projection(
        index=representativeness_index(ratios), ratios=ratio,
        under=tuple(r for r in order if 0 < answers.regions.get(r, 0) and ratio[r] < UNDER),
        over=tuple(r for r in order[::-1] if ratio[r] > OVER),
        zero=tuple(r for r in REGION_NAMES if answers.regions.get(r, 0) == 0),
        small=small,
    )


def group_index(answers: Outreach, baseline: Baseline, group: str) -> float | None:
    """The same index for one group against everyone else, on the planned share (None if not set)."""
    target = answers.groups.get(group)
    if target is None:
        return None
    return split_index(target / 100, baseline.groups[group].population / 100)


def region_name(region: str, lang: str) -> str:
    """The region's name as in the decree (Azerbaijani) or the data files (English)."""
    return i18n.t(f"outreach.region.{REGION_CODES[region]}", lang)


def _regions_param(regions) -> list[str]:
    return [f"t:outreach.region.{REGION_CODES[region]}" for region in regions]


def outreach_feedback(answers: Outreach, baseline: Baseline) -> list[Feedback]:
    """Feedback on the whole plan; each message says why it matters."""
    if answers.is_blank():
        return [Feedback("tip", "outreach.fb.start")]
    items: list[Feedback] = []
    if not answers.regions:
        items.append(Feedback("tip", "outreach.fb.regions_missing"))
    elif not targets_add_up(answers):
        total = region_total(answers)
        key = "outreach.fb.total_low" if total < 100 else "outreach.fb.total_high"
        items.append(Feedback("warning", key, {"total": f"{total:g}", "gap": f"{abs(100 - total):.1f}"}))
    plan = projection(answers, baseline)
    if plan is not None:
        level = "good" if plan.index >= GOOD_INDEX else "tip"
        items.append(Feedback(level, "outreach.fb.index", {"projected": index_text(plan.index),
                                                           "current": index_text(baseline.current_index)}))
        if plan.zero:
            share = sum(baseline.population[r] for r in plan.zero)
            items.append(Feedback("warning", "outreach.fb.zero", {"regions": _regions_param(plan.zero),
                                                                  "share": f"{share:.1f}"}))
        if plan.under:
            items.append(Feedback("warning", "outreach.fb.under", {"regions": _regions_param(plan.under)}))
        if plan.over:
            items.append(Feedback("tip", "outreach.fb.over", {"regions": _regions_param(plan.over)}))
        if plan.small:
            items.append(Feedback("warning", "outreach.fb.small", {"regions": _regions_param(plan.small),
                                                                   "planned": f"{answers.planned:,}",
                                                                   "minimum": MIN_PER_REGION}))
        if answers.planned is None:
            items.append(Feedback("tip", "outreach.fb.planned_missing"))
    if any(answers.regions.get(r, 0) > 0 for r in DISPLACED):
        items.append(Feedback("tip", "outreach.fb.displaced"))
    missing = [g for g in GROUPS if g not in answers.groups]
    if missing:
        items.append(Feedback("tip", "outreach.fb.groups_missing", {"groups": [f"t:outreach.group.{g}" for g in missing]}))
    under_groups = [g for g in GROUPS if g in answers.groups
                    and answers.groups[g] < UNDER * baseline.groups[g].population]
    for group in under_groups:
        info = baseline.groups[group]
        items.append(Feedback("warning", "outreach.fb.group_under", {
            "group": f"t:outreach.group.{group}", "target": f"{answers.groups[group]:g}",
            "population": f"{info.population:.1f}", "status": f"t:outreach.status.{info.status}",
            "why": f"t:outreach.why.{group}"}))
    if not missing and not under_groups:
        items.append(Feedback("good", "outreach.fb.groups_ok"))
    if not answers.actions.strip():
        items.append(Feedback("tip", "outreach.fb.actions"))
    if plan is not None and not missing and not under_groups and not plan.under and not plan.zero \
            and answers.actions.strip():
        items.append(Feedback("good", "outreach.fb.complete"))
    return items


def region_table(answers: Outreach, baseline: Baseline) -> pd.DataFrame:
    """Per region (in the decree's order): population %, current SYNTHETIC %, target % (NaN if not
    set) and the projected ratio (NaN until the targets add up to 100 %)."""
    plan = projection(answers, baseline)
    return pd.DataFrame({
        "region": list(REGION_NAMES),
        "population": [baseline.population[r] for r in REGION_NAMES],
        "current": [baseline.current[r] for r in REGION_NAMES],
        "target": [answers.regions.get(r, math.nan) for r in REGION_NAMES],
        "ratio": [plan.ratios[r] if plan else math.nan for r in REGION_NAMES],
    })


def chart_summary(answers: Outreach, baseline: Baseline, lang: str) -> str:
    """The exercise's chart in words."""
    table = region_table(answers, baseline)
    parts = []
    for row in table.itertuples():
        target = i18n.t("common.not_answered", lang) if math.isnan(row.target) else f"{row.target:g} %"
        parts.append(i18n.t("outreach.chart.row", lang, region=region_name(row.region, lang),
                            population=f"{row.population:.1f}", current=f"{row.current:.1f}", target=target))
    plan = projection(answers, baseline)
    index = index_text(plan.index) if plan else i18n.t("outreach.not_yet", lang)
    return i18n.t("outreach.chart.summary", lang, rows="; ".join(parts), projected=index,
                  current=index_text(baseline.current_index))


# 5. Render (canvas, Word, Markdown) and the facilitator's dashboard -----------------------------
def _pct(value: float) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.1f}%"


def render_outreach(answers: Outreach, lang: str) -> list[Block]:
    """The section in the strategy draft: the regional targets against the population, the
    projected index, the group targets, the plan to reach them and what is still under-represented."""
    baseline = _baseline_or_none()
    blocks: list[Block] = [Para(i18n.t("outreach.baseline_note", lang))]
    header = (i18n.t("outreach.col.region", lang), i18n.t("outreach.col.population", lang),
              i18n.t("outreach.col.current", lang), i18n.t("outreach.col.target", lang), i18n.t("outreach.col.ratio", lang))
    if baseline is None:
        rows = tuple((region_name(r, lang), "—", "—", _pct(answers.regions.get(r)), "—") for r in REGION_NAMES)
        blocks.append(Table(header=header, rows=rows))
    else:
        table = region_table(answers, baseline)
        rows = tuple((region_name(row.region, lang), _pct(row.population), _pct(row.current), _pct(row.target),
                      "—" if math.isnan(row.ratio) else f"{row.ratio:.2f}") for row in table.itertuples())
        blocks.append(Table(header=header, rows=rows))
        plan = projection(answers, baseline)
        if plan is None:
            blocks.append(Para(i18n.t("outreach.render.no_projection", lang, total=f"{region_total(answers):g}")))
        else:
            blocks.append(Para(i18n.t("outreach.render.index", lang, projected=index_text(plan.index),
                                      current=index_text(baseline.current_index))))
        blocks.append(Figure(None, chart_summary(answers, baseline, lang)))
    blocks.append(Heading(i18n.t("outreach.groups", lang), 3))
    group_rows = []
    for group in GROUPS:
        target = answers.groups.get(group)
        if baseline is None:
            group_rows.append((i18n.t(f"outreach.group.{group}", lang), "—", "—", _pct(target), "—"))
            continue
        info = baseline.groups[group]
        index = group_index(answers, baseline, group)
        group_rows.append((i18n.t(f"outreach.group.{group}", lang),
                           f"{info.population:.1f}% ({i18n.t(f'outreach.status.{info.status}', lang)})",
                           _pct(info.current), _pct(target), "—" if index is None else index_text(index)))
    blocks.append(Table(header=(i18n.t("outreach.col.group", lang), i18n.t("outreach.col.population", lang),
                                i18n.t("outreach.col.current", lang), i18n.t("outreach.col.target", lang),
                                i18n.t("outreach.col.index", lang)), rows=tuple(group_rows)))
    if answers.planned:
        blocks.append(Para(f"{answers.planned:,}", label=i18n.t("outreach.planned", lang)))
    if answers.actions.strip():
        blocks.append(Para(answers.actions, label=i18n.t("outreach.actions", lang)))
    if baseline is not None:
        warnings = [item for item in outreach_feedback(answers, baseline) if item.level == "warning"]
        if warnings:
            blocks.append(Heading(i18n.t("outreach.still_under", lang), 3))
            blocks.append(Bullets(tuple(item.text(lang) for item in warnings)))
    return blocks


Entries = list[tuple[str, Outreach]]


def group_targets(entries: Entries) -> pd.DataFrame:
    """The group's regional targets side by side: one row per region, one column per participant
    whose targets add up to 100 % (others are left out: their mix is not finished)."""
    done = [(label, answers) for label, answers in entries if targets_add_up(answers)]
    data = {label: [answers.regions.get(r, 0.0) for r in REGION_NAMES] for label, answers in done}
    return pd.DataFrame(data, index=pd.Index(list(REGION_NAMES), name="region"))


def aggregate_outreach(entries: Entries, lang: str) -> list[Block]:
    """Facilitator dashboard: mean, lowest and highest target per region against the population and the
    current SYNTHETIC mix, each finished plan's projected index, and the group targets."""
    if not entries:
        return []
    from eparticipation.charts.consultation import outreach_chart

    baseline = _baseline_or_none()
    targets = group_targets(entries)
    blocks: list[Block] = [Para(i18n.t("outreach.dash.intro", lang, done=targets.shape[1], total=len(entries)))]
    if baseline is not None and targets.shape[1]:
        mean = targets.mean(axis=1)
        table = pd.DataFrame({"region": [region_name(r, lang) for r in REGION_NAMES],
                              "population": [baseline.population[r] for r in REGION_NAMES],
                              "current": [baseline.current[r] for r in REGION_NAMES],
                              "target": mean.to_numpy()})
        labels = {"population": i18n.t("outreach.col.population", lang), "current": i18n.t("outreach.col.current", lang),
                  "target": i18n.t("outreach.dash.mean_target", lang), "axis": i18n.t("outreach.chart.axis", lang)}
        figure = outreach_chart(table, labels, title=i18n.t("outreach.dash.chart_title", lang))
        summary = i18n.t("outreach.dash.chart_summary", lang, rows="; ".join(
            f"{row.region} {row.population:.1f}% / {row.current:.1f}% / {row.target:.1f}%" for row in table.itertuples()))
        blocks.append(Figure(figure, summary))
        rows = tuple((region_name(r, lang), _pct(baseline.population[r]), _pct(baseline.current[r]), _pct(mean[r]),
                      f"{targets.loc[r].min():.1f}–{targets.loc[r].max():.1f}%") for r in REGION_NAMES)
        blocks.append(Table(header=(i18n.t("outreach.col.region", lang), i18n.t("outreach.col.population", lang),
                                    i18n.t("outreach.col.current", lang), i18n.t("outreach.dash.mean_target", lang),
                                    i18n.t("outreach.dash.range", lang)), rows=rows))
        index_rows = tuple((label, index_text(projection(answers, baseline).index))
                           for label, answers in entries if targets_add_up(answers))
        blocks.append(Table(header=(i18n.t("readiness.dash.participant", lang), i18n.t("outreach.col.index", lang)),
                            rows=index_rows))
    group_rows = []
    for group in GROUPS:
        values = [answers.groups[group] for _label, answers in entries if group in answers.groups]
        population = "—" if baseline is None else _pct(baseline.groups[group].population)
        group_rows.append((i18n.t(f"outreach.group.{group}", lang), population, str(len(values)),
                           _pct(sum(values) / len(values)) if values else "—"))
    blocks.append(Heading(i18n.t("outreach.groups", lang), 3))
    blocks.append(Table(header=(i18n.t("outreach.col.group", lang), i18n.t("outreach.col.population", lang),
                                i18n.t("outreach.dash.set_by", lang), i18n.t("outreach.dash.mean_target", lang)),
                        rows=tuple(group_rows)))
    return blocks


# Worked example (fictitious ministry) -----------------------------------------------------------
# Target % of participants by region: close to the population, Baku a little above it (the ministry's
# own channels reach the capital most easily), Karabakh and East Zangezur a little below (their shares
# count registered, largely displaced residents: see DISPLACED).
EXAMPLE_REGIONS: dict[str, float] = {
    "Baku": 25.0, "Nakhchivan": 4.5, "Absheron-Khizi": 8.5, "Mountainous Shirvan": 3.0, "Ganja-Dashkasan": 6.0,
    "Karabakh": 6.5, "Gazakh-Tovuz": 6.5, "Guba-Khachmaz": 5.5, "Lankaran-Astara": 9.0, "Central Aran": 7.0,
    "Mil-Mugan": 5.0, "Sheki-Zagatala": 6.0, "East Zangezur": 2.5, "Shirvan-Salyan": 5.0,
}


def worked_example(lang: str) -> Outreach:
    """The outreach plan of the fictitious ministry (see `example_ministry`) for a consultation on its
    e-services: 3,000 participants, regions near the population, rural and older people sought out."""
    actions = pick(lang,
                   "The Regional Digital Centres (fictitious) hold one assisted session in every economic region, "
                   "with paper forms for people without internet. The Digital Inclusion Association (fictitious NGO) "
                   "invites older people through its volunteers. Weekly checks of who has taken part: where a "
                   "region or group falls below 4/5 of its target, the call centre phones people there.",
                   "Regional rəqəmsal mərkəzlər (uydurma) hər iqtisadi rayonda internetə çıxışı olmayanlar üçün "
                   "kağız formaları ilə bir köməkli görüş keçirir. Rəqəmsal İnklüziya Assosiasiyası (uydurma QHT) "
                   "könüllüləri vasitəsilə yaşlı insanları dəvət edir. Kimin iştirak etdiyi hər həftə yoxlanılır: "
                   "rayon və ya qrup hədəfinin 4/5-dən aşağı düşəndə zəng mərkəzi oradakı insanlara zəng edir.")
    return Outreach(regions=EXAMPLE_REGIONS, groups={"rural": 40.0, "women": 50.0, "older": 25.0}, planned=3000,
                    actions=actions)


# 6. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s05-national-plans",
    key="outreach", model=Outreach, version=1, order=50, title_key="outreach.title",
    render=render_outreach, aggregate=aggregate_outreach, is_empty=lambda a: a.is_blank(), example=worked_example,
)
