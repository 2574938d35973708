"""Session 9 exercise: designing the e-participation strategy — a participation plan and a stakeholder map.

Part (a), the **participation-level planner**: for each stage of the policy cycle (the five stages of the
OECD checklist: issue identification, formulation, decision-making, implementation, evaluation) the
participant chooses the UN E-Participation Index level (e-information, e-consultation, e-decision-making,
or none) and the OECD checklist's options: the inputs sought, how they will be used, who takes part, how
they are recruited, and the Session 6 channels that carry the stage. Above the plan: the vision, the
objectives, the readiness areas the objectives address, and the OECD's preconditions for involving
citizens (a problem citizens can help solve, room to influence, leadership commitment, resources, time).

Part (b), the **stakeholder map**: up to `MAX_STAKEHOLDERS` stakeholders placed by influence and
interest on a 1–4 scale (no middle point, so each falls in one quadrant), and an engagement approach
per quadrant.

The rules are pure. Those that compare with earlier sessions take an `EarlierSections` (Session 2's
readiness, Session 6's channel mix, Session 8's response commitments), which the view loads from the
workbook; a missing section gives a neutral hint, never an error.

On screen: `eparticipation.exercises.strategy_design` (the widget); a notebook calls
`strategy_design_exercise()`.

Order of this module: 1. questions and model, 2. pure rules, 3. render and dashboard, 4. worked example,
5. the section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNEL_KEYS
from eparticipation.charts import CourseChart
from eparticipation.charts.strategy import participation_plan_chart, stakeholder_map_chart
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.channel_mix import ChannelMix
from eparticipation.worksheets.feedback import Feedback
from eparticipation.worksheets.readiness import AREAS, Readiness, gaps
from eparticipation.worksheets.response_commitments import ResponseCommitments

# 1. Model --------------------------------------------------------------------------------------
# Texts: "strategy_design.<group>.<value>" for each tuple below; the channels reuse
# "channel_mix.channel.<key>" and the readiness areas "readiness.area.<area>".
P = "strategy_design"
Stage = Literal["agenda", "drafting", "decision", "implementation", "evaluation"]
Level = Literal["none", "e_information", "e_consultation", "e_decision"]
InputType = Literal["ideas", "opinions", "expertise", "recommendations", "actions", "alerts", "decision", "evidence"]
Use = Literal["consultation_only", "inspiration", "inform", "implement_some", "implement_all", "not_sure"]
Who = Literal["representative_sample", "diverse_group", "skilled_citizens", "experts", "stakeholders", "residents",
              "specific_group", "broader_public"]
Recruitment = Literal["open_call", "closed_call", "civic_lottery"]
Precondition = Literal["problem", "influence", "commitment", "resources", "time"]
Quadrant = Literal["manage_closely", "keep_satisfied", "keep_informed", "monitor"]
ChannelKey = Literal["egov_mygov", "digital_executive_power", "asan_centre", "mobile_asan", "call_centre",
                     "public_hearing"]
if set(get_args(ChannelKey)) != set(CHANNEL_KEYS):  # one channel list for Sessions 6 and 9
    raise RuntimeError("strategy_design.ChannelKey and analysis.channels.CHANNELS differ")
AreaKey = Literal["e_information", "e_consultation", "e_decision", "legal", "institutions", "infrastructure", "skills"]

STAGES: tuple[str, ...] = get_args(Stage)
LEVELS: tuple[str, ...] = get_args(Level)
INPUTS: tuple[str, ...] = get_args(InputType)
USES: tuple[str, ...] = get_args(Use)
WHO: tuple[str, ...] = get_args(Who)
RECRUITMENT: tuple[str, ...] = get_args(Recruitment)
PRECONDITIONS: tuple[str, ...] = get_args(Precondition)
QUADRANTS: tuple[str, ...] = get_args(Quadrant)
AREA_KEYS: tuple[str, ...] = tuple(area for area, _kind, _items in AREAS)
if set(get_args(AreaKey)) != set(AREA_KEYS):
    raise RuntimeError("strategy_design.AreaKey and readiness.AREAS differ")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}  # none 0 … e-decision-making 3
SCALE = (1, 2, 3, 4)  # influence and interest: 1-2 low, 3-4 high (no middle, so one quadrant each)
HIGH = 3
MAX_STAKEHOLDERS = 8
SHORT_TEXT = 200
TOP_GAP_AREAS = 3  # how many of Session 2's highest-priority gaps the objectives should answer


def _ordered(values: list[str], order: tuple[str, ...]) -> list[str]:
    return [item for item in order if item in values]


class StagePlan(Answers):
    level: Level | None = None
    inputs: list[InputType] = Field(default_factory=list)
    use: Use | None = None
    who: list[Who] = Field(default_factory=list)
    recruitment: Recruitment | None = None
    channels: list[ChannelKey] = Field(default_factory=list)

    @field_validator("inputs", "who", "channels")
    @classmethod
    def _unique_in_order(cls, value: list[str], info) -> list[str]:
        order = {"inputs": INPUTS, "who": WHO, "channels": CHANNEL_KEYS}[info.field_name]
        return _ordered(value, tuple(order))

    def planned(self) -> bool:
        return self.level not in (None, "none")


class Stakeholder(Answers):
    name: str = Field(min_length=1, max_length=SHORT_TEXT)
    influence: int = Field(ge=1, le=4)
    interest: int = Field(ge=1, le=4)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a stakeholder needs a name")
        return value.strip()

    def quadrant(self) -> str:
        return quadrant_of(self.influence, self.interest)


class StrategyDesign(Answers):
    vision: str = Field("", max_length=LONG_TEXT)
    objectives: str = Field("", max_length=LONG_TEXT)
    gap_areas: list[AreaKey] = Field(default_factory=list)
    preconditions: list[Precondition] = Field(default_factory=list)
    stages: dict[Stage, StagePlan] = Field(default_factory=dict)
    stakeholders: list[Stakeholder] = Field(default_factory=list, max_length=MAX_STAKEHOLDERS)
    approaches: dict[Quadrant, str] = Field(default_factory=dict)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("gap_areas", "preconditions")
    @classmethod
    def _known_in_order(cls, value: list[str], info) -> list[str]:
        return _ordered(value, AREA_KEYS if info.field_name == "gap_areas" else PRECONDITIONS)

    @field_validator("stages")
    @classmethod
    def _stage_order(cls, value: dict[str, StagePlan]) -> dict[str, StagePlan]:
        refuse_unknown_keys(value, STAGES, "policy stages")
        return {stage: value[stage] for stage in STAGES if stage in value and value[stage] != StagePlan()}

    @field_validator("approaches")
    @classmethod
    def _approach_texts(cls, value: dict[str, str]) -> dict[str, str]:
        if any(len(text) > LONG_TEXT for text in value.values()):
            raise ValueError("an approach is too long")
        return {q: value[q].strip() for q in QUADRANTS if q in value and value[q].strip()}

    @field_validator("stakeholders")
    @classmethod
    def _unique_names(cls, value: list[Stakeholder]) -> list[Stakeholder]:
        names = [s.name.casefold() for s in value]
        if len(set(names)) != len(names):
            raise ValueError("two stakeholders have the same name")
        return value

    def plan(self, stage: str) -> StagePlan:
        return self.stages.get(stage) or StagePlan()


def preconditions_checklist() -> pd.DataFrame:
    """The OECD's conditions for involving citizens, in English and Azerbaijani (a checklist to print)."""
    return pd.DataFrame({"Condition": [i18n.t(f"{P}.precondition.{p}", "en") for p in PRECONDITIONS],
                         "Şərt": [i18n.t(f"{P}.precondition.{p}", "az") for p in PRECONDITIONS]},
                        index=pd.RangeIndex(1, len(PRECONDITIONS) + 1, name="#"))


def quadrant_of(influence: int, interest: int) -> str:
    """The quadrant of the influence × interest map (high = 3 or 4 on the 1–4 scale)."""
    if influence >= HIGH:
        return "manage_closely" if interest >= HIGH else "keep_satisfied"
    return "keep_informed" if interest >= HIGH else "monitor"


def stakeholder_problem(name: str, influence: int | None, interest: int | None) -> str | None:
    """The i18n key of why a stakeholder row cannot be saved (None when it can, or when it is empty)."""
    if not name.strip():
        return f"{P}.error.no_name" if influence is not None or interest is not None else None
    if len(name) > SHORT_TEXT:
        return f"{P}.error.name_too_long"
    if influence is None or interest is None:
        return f"{P}.error.no_position"
    return None


# 2. Rules (pure; each message explains why) ---------------------------------------------------
@dataclass(frozen=True)
class EarlierSections:
    """The earlier workbook sections this exercise checks against; None = missing, empty or damaged."""

    readiness: Readiness | None = None
    channel_mix: ChannelMix | None = None
    response_commitments: ResponseCommitments | None = None


def top_gap_areas(readiness: Readiness, limit: int = TOP_GAP_AREAS) -> list[str]:
    """The readiness areas of Session 2's `limit` highest-priority gaps, in that order, without repeats."""
    areas: list[str] = []
    for gap in gaps(readiness)[:limit]:
        if gap.area not in areas:
            areas.append(gap.area)
    return areas


def _area_names(areas: list[str], lang: str) -> str:
    return ", ".join(i18n.t(f"readiness.area.{area}", lang) for area in areas)


def _stage_feedback(a: StrategyDesign) -> list[Feedback]:
    items: list[Feedback] = []
    for stage in STAGES:
        plan = a.plan(stage)
        if not plan.planned():
            continue
        params = {"stage": f"t:{P}.stage.{stage}"}
        if plan.level == "e_decision" and plan.use in ("consultation_only", "inspiration"):
            items.append(Feedback("warning", f"{P}.fb.decision_weak_use", {**params, "use": f"t:{P}.use.{plan.use}"}))
        if "decision" in plan.inputs and plan.level != "e_decision":
            items.append(Feedback("tip", f"{P}.fb.decision_input_low", params))
        if plan.level != "e_information" and not plan.inputs:
            items.append(Feedback("tip", f"{P}.fb.no_inputs", params))
        if plan.level != "e_information" and plan.use is None:
            items.append(Feedback("tip", f"{P}.fb.no_use", params))
        if not plan.who:
            items.append(Feedback("tip", f"{P}.fb.no_who", params))
        elif plan.recruitment is None and plan.level != "e_information":
            items.append(Feedback("tip", f"{P}.fb.no_recruitment", params))
        if "representative_sample" in plan.who and plan.recruitment in ("open_call", "closed_call"):
            items.append(Feedback("tip", f"{P}.fb.sample_needs_lottery", params))
    return items


def _precondition_feedback(a: StrategyDesign) -> list[Feedback]:
    involving = [s for s in STAGES if a.plan(s).level in ("e_consultation", "e_decision")]
    missing = [p for p in PRECONDITIONS if p not in a.preconditions]
    if not involving:
        return []
    if missing:
        return [Feedback("warning", f"{P}.fb.preconditions_missing",
                         {"missing": tuple(f"t:{P}.precondition.{p}" for p in missing)})]
    return [Feedback("good", f"{P}.fb.preconditions_met")]


def _stakeholder_feedback(a: StrategyDesign) -> list[Feedback]:
    if not a.stakeholders:
        return [Feedback("tip", f"{P}.fb.no_stakeholders")]
    items: list[Feedback] = []
    if len(a.stakeholders) < 3:
        items.append(Feedback("tip", f"{P}.fb.few_stakeholders", {"n": len(a.stakeholders)}))
    filled = Counter(s.quadrant() for s in a.stakeholders)
    for quadrant in QUADRANTS:
        if filled[quadrant] and quadrant not in a.approaches:
            items.append(Feedback("tip", f"{P}.fb.no_approach", {"quadrant": f"t:{P}.quadrant.{quadrant}",
                                                                "n": filled[quadrant]}))
    if len(filled) == 1 and len(a.stakeholders) >= 3:
        items.append(Feedback("tip", f"{P}.fb.one_quadrant", {"quadrant": f"t:{P}.quadrant.{next(iter(filled))}"}))
    return items


def coherence_feedback(a: StrategyDesign, earlier: EarlierSections) -> list[Feedback]:
    """Checks against Sessions 2, 6 and 8; a missing earlier section gives a neutral hint."""
    items: list[Feedback] = []
    planned = [s for s in STAGES if a.plan(s).planned()]
    # Session 2: do the objectives answer the largest readiness gaps?
    if earlier.readiness is None:
        items.append(Feedback("tip", f"{P}.fb.need_readiness"))
    else:
        top = top_gap_areas(earlier.readiness)
        ignored = [area for area in top if area not in a.gap_areas]
        if top and ignored:
            items.append(Feedback("warning" if len(ignored) == len(top) else "tip", f"{P}.fb.gaps_ignored",
                                  {"areas": tuple(f"t:readiness.area.{area}" for area in ignored)}))
        elif top:
            items.append(Feedback("good", f"{P}.fb.gaps_addressed"))
    # Session 6: does every planned stage have a channel, and is each channel in the budgeted mix?
    if planned and earlier.channel_mix is None:
        items.append(Feedback("tip", f"{P}.fb.need_channel_mix"))
    for stage in planned:
        plan = a.plan(stage)
        if not plan.channels:
            items.append(Feedback("warning", f"{P}.fb.stage_no_channel", {"stage": f"t:{P}.stage.{stage}"}))
        elif earlier.channel_mix is not None:
            budgeted = set(earlier.channel_mix.allocations)
            unfunded = [c for c in plan.channels if c not in budgeted]
            if unfunded:
                items.append(Feedback("tip", f"{P}.fb.channel_unfunded", {
                    "stage": f"t:{P}.stage.{stage}",
                    "channels": tuple(f"t:channel_mix.channel.{c}" for c in unfunded)}))
    # Session 8: e-decision-making promises influence, so it needs a published response commitment.
    deciding = [s for s in planned if a.plan(s).level == "e_decision"]
    if deciding:
        rc = earlier.response_commitments
        stages = tuple(f"t:{P}.stage.{s}" for s in deciding)
        if rc is None:
            items.append(Feedback("tip", f"{P}.fb.need_commitments", {"stages": stages}))
        elif rc.response_days is None or not rc.publish_where:
            items.append(Feedback("warning", f"{P}.fb.decision_without_feedback", {"stages": stages}))
    return items


def is_blank(a: StrategyDesign) -> bool:
    return a == StrategyDesign(notes=a.notes) and not a.notes.strip()


def design_feedback(a: StrategyDesign, earlier: EarlierSections | None = None) -> list[Feedback]:
    """Feedback on the whole design: within the section, then (when given) against earlier sessions."""
    if is_blank(a):
        return [Feedback("tip", f"{P}.fb.start")]
    items: list[Feedback] = []
    if not a.vision.strip():
        items.append(Feedback("tip", f"{P}.fb.no_vision"))
    if not a.objectives.strip():
        items.append(Feedback("tip", f"{P}.fb.no_objectives"))
    planned = [s for s in STAGES if a.plan(s).planned()]
    if not planned:
        items.append(Feedback("tip", f"{P}.fb.no_stage"))
    elif all(a.plan(s).level == "e_information" for s in planned):
        items.append(Feedback("tip", f"{P}.fb.information_only"))
    items += _stage_feedback(a) + _precondition_feedback(a) + _stakeholder_feedback(a)
    if earlier is not None:
        items += coherence_feedback(a, earlier)
    return items


def _choices(values, group: str, lang: str) -> str:
    return "; ".join(i18n.t(f"{group}.{v}", lang) for v in values) or "–"


def _choice(value: str | None, group: str, lang: str) -> str:
    return i18n.t(f"{group}.{value}", lang) if value else "–"


def plan_rows(a: StrategyDesign, lang: str) -> tuple[tuple[str, ...], ...]:
    """One row per stage: stage, level, inputs, use, who, recruitment, channels."""
    rows = []
    for stage in STAGES:
        plan = a.plan(stage)
        rows.append((i18n.t(f"{P}.stage.{stage}", lang), _choice(plan.level, f"{P}.level", lang),
                     _choices(plan.inputs, f"{P}.input", lang), _choice(plan.use, f"{P}.use", lang),
                     _choices(plan.who, f"{P}.who", lang), _choice(plan.recruitment, f"{P}.recruitment", lang),
                     _choices(plan.channels, "channel_mix.channel", lang)))
    return tuple(rows)


def plan_header(lang: str) -> tuple[str, ...]:
    return tuple(i18n.t(f"{P}.col.{c}", lang) for c in ("stage", "level", "inputs", "use", "who", "recruitment",
                                                            "channels"))


def stakeholder_summary(a: StrategyDesign, lang: str) -> str:
    """The stakeholder map in words (the chart's text summary, and the draft's)."""
    if not a.stakeholders:
        return i18n.t(f"{P}.map.empty", lang)
    parts = []
    for quadrant in QUADRANTS:
        names = [s.name for s in a.stakeholders if s.quadrant() == quadrant]
        if names:
            parts.append(i18n.t(f"{P}.map.quadrant", lang, quadrant=i18n.t(f"{P}.quadrant.{quadrant}", lang),
                                names="; ".join(names)))  # names may hold commas
    return i18n.t(f"{P}.map.summary", lang, n=len(a.stakeholders)) + " " + " ".join(parts)


def plan_summary(a: StrategyDesign, lang: str) -> str:
    """The participation plan in words: the level chosen for each stage."""
    parts = [f"{i18n.t(f'{P}.stage.{s}', lang)}: {_choice(a.plan(s).level, f'{P}.level', lang)}" for s in STAGES]
    return i18n.t(f"{P}.plan.summary", lang, stages="; ".join(parts))


def map_chart(a: StrategyDesign, lang: str) -> CourseChart:
    """The stakeholder map as a chart (`charts.strategy.stakeholder_map_chart`), with its summary."""
    return stakeholder_map_chart(
        [(s.name, s.influence, s.interest, s.quadrant()) for s in a.stakeholders],
        quadrant_names={q: i18n.t(f"{P}.quadrant.{q}", lang) for q in QUADRANTS},
        title=i18n.t(f"{P}.chart.title", lang), x_title=i18n.t(f"{P}.chart.x", lang),
        y_title=i18n.t(f"{P}.chart.y", lang), summary=stakeholder_summary(a, lang))


def plan_chart(a: StrategyDesign, lang: str) -> CourseChart:
    """The participation level of each stage as bars (`charts.strategy.participation_plan_chart`)."""
    return participation_plan_chart(
        [i18n.t(f"{P}.stage.{s}", lang) for s in STAGES], [LEVEL_RANK[a.plan(s).level or "none"] for s in STAGES],
        [i18n.t(f"{P}.level.{level}", lang) for level in LEVELS], title=i18n.t(f"{P}.part.plan", lang),
        summary=plan_summary(a, lang))


# 3. Render and dashboard --------------------------------------------------------------------------
def render_strategy_design(a: StrategyDesign, lang: str) -> list[Block]:
    """The section in the strategy draft: vision and objectives, preconditions, the plan, the map, checks."""
    na = i18n.t("common.not_answered", lang)
    blocks: list[Block] = [
        Para(a.vision.strip() or na, label=i18n.t(f"{P}.vision", lang)),
        Para(a.objectives.strip() or na, label=i18n.t(f"{P}.objectives", lang)),
        Para(_area_names(a.gap_areas, lang) or na, label=i18n.t(f"{P}.gap_areas", lang)),
        Heading(i18n.t(f"{P}.part.preconditions", lang), 3),
        Table(header=(i18n.t(f"{P}.col.precondition", lang), i18n.t(f"{P}.col.met", lang)),
              rows=tuple((i18n.t(f"{P}.precondition.{p}", lang),
                          i18n.t("readiness.choice.yes" if p in a.preconditions else f"{P}.not_yet", lang))
                         for p in PRECONDITIONS)),
        Heading(i18n.t(f"{P}.part.plan", lang), 3),
        Table(header=plan_header(lang), rows=plan_rows(a, lang)),
        Heading(i18n.t(f"{P}.part.stakeholders", lang), 3),
    ]
    if a.stakeholders:
        blocks.append(Table(header=tuple(i18n.t(f"{P}.col.{c}", lang) for c in ("stakeholder", "influence", "interest",
                                                                                  "quadrant")),
                            rows=tuple((s.name, str(s.influence), str(s.interest),
                                        i18n.t(f"{P}.quadrant.{s.quadrant()}", lang)) for s in a.stakeholders)))
    blocks.append(Figure(None, stakeholder_summary(a, lang)))
    if a.approaches:
        blocks.append(Table(header=(i18n.t(f"{P}.col.quadrant", lang), i18n.t(f"{P}.col.approach", lang)),
                            rows=tuple((i18n.t(f"{P}.quadrant.{q}", lang), text) for q, text in a.approaches.items())))
    if a.notes.strip():
        blocks.append(Para(a.notes, label=i18n.t(f"{P}.notes", lang)))
    checks = [item.text(lang) for item in design_feedback(a) if item.level != "good"]
    if checks:
        blocks += [Heading(i18n.t(f"{P}.checks", lang), 3), Bullets(tuple(checks))]
    return blocks


def level_counts(entries: list[tuple[str, StrategyDesign]]) -> dict[str, Counter]:
    """{stage: Counter(level)} over the group's plans (unplanned stages count as "none")."""
    return {stage: Counter(a.plan(stage).level or "none" for _label, a in entries) for stage in STAGES}


def aggregate_strategy_design(entries: list[tuple[str, StrategyDesign]], lang: str) -> list[Block]:
    """Facilitator dashboard: how many plan each level at each stage, then every participant's choices."""
    if not entries:
        return []
    counts = level_counts(entries)
    level_rows = tuple((i18n.t(f"{P}.stage.{stage}", lang), *(str(counts[stage][level]) for level in LEVELS))
                       for stage in STAGES)
    rows = tuple((label, *(_choice(a.plan(s).level, f"{P}.level", lang) for s in STAGES),
                  str(len(a.preconditions)), str(len(a.stakeholders))) for label, a in entries)
    deciding = sum(any(a.plan(s).level == "e_decision" for s in STAGES) for _label, a in entries)
    return [
        Para(i18n.t(f"{P}.dash.summary", lang, n=len(entries), deciding=deciding,
                    all_conditions=sum(len(a.preconditions) == len(PRECONDITIONS) for _l, a in entries))),
        Table(header=(i18n.t(f"{P}.col.stage", lang), *(i18n.t(f"{P}.level.{level}", lang) for level in LEVELS)),
              rows=level_rows),
        Table(header=(i18n.t("readiness.dash.participant", lang), *(i18n.t(f"{P}.stage.{s}", lang) for s in STAGES),
                      i18n.t(f"{P}.dash.conditions", lang), i18n.t(f"{P}.dash.stakeholders", lang)), rows=rows),
    ]


def organisations(a: StrategyDesign) -> list[str]:
    """The stakeholders the map names (for the group's network view, Session 12)."""
    return [s.name for s in a.stakeholders]


# 4. Worked example (a fictitious ministry) --------------------------------------------------------
def worked_example(lang: str) -> StrategyDesign:
    """A complete design for an invented ministry, every institution labelled as fictitious."""
    az = i18n.normalise(lang) == "az"
    texts = {key: i18n.t(f"{P}.example.{key}", "az" if az else "en") for key in (
        "vision", "objectives", "notes", "manage_closely", "keep_satisfied", "keep_informed", "monitor")}
    names = [i18n.t(f"{P}.example.stakeholder.{i}", "az" if az else "en") for i in range(1, 7)]
    positions = [(4, 4), (3, 4), (3, 2), (1, 4), (2, 4), (2, 1)]  # (influence, interest)
    return StrategyDesign(
        vision=texts["vision"], objectives=texts["objectives"], notes=texts["notes"],
        gap_areas=["e_consultation", "institutions", "skills"],
        preconditions=["problem", "influence", "commitment", "time"],
        stages={
            "agenda": StagePlan(level="e_consultation", inputs=["ideas", "opinions"], use="inspiration",
                                who=["broader_public", "residents"], recruitment="open_call",
                                channels=["egov_mygov", "mobile_asan"]),
            "drafting": StagePlan(level="e_consultation", inputs=["expertise", "opinions"], use="inform",
                                  who=["experts", "stakeholders", "broader_public"], recruitment="open_call",
                                  channels=["egov_mygov", "public_hearing"]),
            "decision": StagePlan(level="e_decision", inputs=["recommendations"], use="implement_some",
                                  who=["representative_sample"], recruitment="civic_lottery",
                                  channels=["public_hearing", "call_centre"]),
            "implementation": StagePlan(level="e_information", who=["broader_public"],
                                        channels=["egov_mygov", "asan_centre"]),
            "evaluation": StagePlan(level="e_consultation", inputs=["alerts", "evidence"], use="inform",
                                    who=["residents", "stakeholders"], recruitment="open_call",
                                    channels=["egov_mygov", "call_centre"]),
        },
        stakeholders=[Stakeholder(name=n, influence=i, interest=j) for n, (i, j) in zip(names, positions)],
        approaches={q: texts[q] for q in QUADRANTS},
    )


# 5. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s09-strategy-design", key="strategy_design", model=StrategyDesign, version=1, order=90,
    title_key=f"{P}.title", render=render_strategy_design, aggregate=aggregate_strategy_design, is_empty=is_blank,
    example=worked_example, organisations=organisations,
)
