"""Session 10 exercise: the implementation plan — who coordinates, who does what, when, at what cost, and
what could go wrong.

The participant names the coordinating body and the budget, lists up to `MAX_ACTIONS` actions (name,
owner institution, linked channel of Session 6, start month, duration in months, cost in AZN) and rates
five risks (likelihood × impact, each 1–3) with a mitigation and its owner. The section shows the plan
as a Gantt chart (`charts.implementation.gantt_chart`; in words in the strategy draft), a budget
summary by owner, by channel and by month (`analysis.implementation`), and the risk register.

The feedback rules are pure and explain why. Two of them look at earlier sections, which the widget
loads and passes in: the owners against the institutions named in Session 3's framework map (who has a
mandate), and Session 6's channels against the actions' channels (does every channel have an owner). A
missing earlier section gives a neutral hint, never an error.

Bad input never loses a saved plan: the model refuses empty action names, zero, negative or absurd
costs and durations, and text that is not a number; `input_problems` words the message shown next to
the field.

On screen: `eparticipation.exercises.implementation_plan`; a notebook calls `implementation_plan_exercise()`.

Order of this module: 1. questions and model, 2. input checks, 3. pure rules, 4. render and dashboard,
5. worked example, 6. the section.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNEL_KEYS
from eparticipation.analysis.implementation import HIGH, cost_by, monthly_costs, plan_table, risk_score
from eparticipation.charts.implementation import gantt_chart
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets import example_ministry
from eparticipation.worksheets.channel_mix import ChannelKey, money, plain
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
P = "implementation_plan"  # prefix of this worksheet's i18n keys
MAX_ACTIONS = 10
MAX_MONTH = 36  # a three-year horizon: a later start or a longer action belongs in a later plan
MAX_AZN = 100_000_000  # as in Session 6: more is a typo
SHORT_TEXT = 200
RISKS = ("low_turnout", "capture", "disinformation", "data_protection", "digital_exclusion")
RiskKey = Literal["low_turnout", "capture", "disinformation", "data_protection", "digital_exclusion"]
Level = Literal[1, 2, 3]


class Action(Answers):
    name: str = Field(max_length=SHORT_TEXT)
    owner: str = Field("", max_length=SHORT_TEXT)
    channel: ChannelKey | None = None
    start_month: int = Field(ge=1, le=MAX_MONTH)
    duration_months: int = Field(ge=1, le=MAX_MONTH)
    cost_azn: float | None = Field(None, gt=0, le=MAX_AZN, allow_inf_nan=False)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an action needs a name")
        return value


class Risk(Answers):
    likelihood: Level | None = None
    impact: Level | None = None
    mitigation: str = Field("", max_length=LONG_TEXT)
    owner: str = Field("", max_length=SHORT_TEXT)

    def score(self) -> int | None:
        return risk_score(self.likelihood, self.impact)

    def started(self) -> bool:
        return self != Risk()


class ImplementationPlan(Answers):
    coordinator: str = Field("", max_length=SHORT_TEXT)
    budget_azn: float | None = Field(None, gt=0, le=MAX_AZN, allow_inf_nan=False)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ACTIONS)
    risks: dict[RiskKey, Risk] = Field(default_factory=dict)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("risks")
    @classmethod
    def _risk_order(cls, value: dict[str, Risk]) -> dict[str, Risk]:
        return {key: value[key] for key in RISKS if key in value and value[key].started()}

    def risk(self, key: str) -> Risk:
        return self.risks.get(key) or Risk()

    def total_cost(self) -> float:
        return float(sum(a.cost_azn or 0 for a in self.actions))


# 2. Input checks (what the widget shows next to a field) -----------------------------------------
def parse_whole(text: str | None) -> int | str | None:
    """A typed whole number ("3", " 12 ") -> int; "" -> None; anything else is returned unchanged, so
    the model refuses it and nothing is saved."""
    raw = (text or "").strip()
    if not raw:
        return None
    return int(raw) if re.fullmatch(r"[+-]?\d{1,6}", raw) else raw


def _amount_problem(value, what: str, lang: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return i18n.t(f"{P}.err.not_amount", lang, what=what, text=shown)
    if value < 0:
        return i18n.t(f"{P}.err.negative", lang, what=what)
    if value == 0:
        return i18n.t(f"{P}.err.zero", lang, what=what)
    if value > MAX_AZN:
        return i18n.t(f"{P}.err.too_large", lang, what=what, max=money(MAX_AZN, lang))
    return None


def _month_problem(value, what: str, lang: str) -> str | None:
    if value is None:
        return i18n.t(f"{P}.err.month_missing", lang, what=what)
    if isinstance(value, str):
        return i18n.t(f"{P}.err.not_whole", lang, what=what)
    if value < 1:
        return i18n.t(f"{P}.err.month_small", lang, what=what)
    if value > MAX_MONTH:
        return i18n.t(f"{P}.err.month_large", lang, what=what, max=MAX_MONTH)
    return None


def action_problem(row: dict, lang: str) -> str | None:
    """Why one action row (as read from the form) cannot be saved, or None when it can."""
    if not str(row.get("name") or "").strip():
        return i18n.t(f"{P}.err.name_missing", lang)
    for name in ("name", "owner"):
        if len(str(row.get(name) or "")) > SHORT_TEXT:
            return i18n.t(f"{P}.err.too_long", lang, max=SHORT_TEXT)
    for name in ("start_month", "duration_months"):
        message = _month_problem(row.get(name), i18n.t(f"{P}.column.{name}", lang), lang)
        if message:
            return message
    return _amount_problem(row.get("cost_azn"), i18n.t(f"{P}.column.cost", lang), lang)


def input_problems(values: dict, lang: str) -> dict[str, str]:
    """{field: message} for the form's values as read: "budget_azn", "coordinator", "action_<i>" (the
    i-th action in `values["actions"]`), "risk_<key>". Every problem the model refuses, with what to do."""
    problems: dict[str, str] = {}
    message = _amount_problem(values.get("budget_azn"), i18n.t(f"{P}.budget", lang), lang)
    if message:
        problems["budget_azn"] = message
    if len(str(values.get("coordinator") or "")) > SHORT_TEXT:
        problems["coordinator"] = i18n.t(f"{P}.err.too_long", lang, max=SHORT_TEXT)
    for i, row in enumerate(values.get("actions") or []):
        message = action_problem(row, lang)
        if message:
            problems[f"action_{i}"] = message
    for key, risk in (values.get("risks") or {}).items():
        if len(str(risk.get("owner") or "")) > SHORT_TEXT:
            problems[f"risk_{key}"] = i18n.t(f"{P}.err.too_long", lang, max=SHORT_TEXT)
        elif len(str(risk.get("mitigation") or "")) > LONG_TEXT:
            problems[f"risk_{key}"] = i18n.t(f"{P}.err.too_long", lang, max=LONG_TEXT)
    return problems


# 3. Rules (pure; each message explains why) ---------------------------------------------------
def _norm(name: str) -> str:
    text = re.sub(r"\((fictitious|uydurma)\)", "", name.casefold())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def has_mandate(owner: str, mandated: list[str]) -> bool:
    """Whether `owner` is one of the institutions named with a mandate (same name, or one name inside the
    other, ignoring case, punctuation and a "(fictitious)" label): "the Ministry's PR unit" matches "Ministry"."""
    mine = _norm(owner)
    if not mine:
        return False
    for other in map(_norm, mandated):
        if other and (mine == other or (min(len(mine), len(other)) >= 4 and (mine in other or other in mine))):
            return True
    return False


def is_blank(a: ImplementationPlan) -> bool:
    return a == ImplementationPlan(notes=a.notes) and not a.notes.strip()


def plan_feedback(a: ImplementationPlan) -> list[Feedback]:
    """The checks within the plan itself: coordinator, owners, costs against the budget, risks."""
    if is_blank(a):
        return [Feedback("tip", f"{P}.fb.start")]
    items: list[Feedback] = []
    if not a.coordinator.strip():
        items.append(Feedback("tip", f"{P}.fb.no_coordinator"))
    if not a.actions:
        items.append(Feedback("tip", f"{P}.fb.no_actions"))
    no_owner = [x.name for x in a.actions if not x.owner.strip()]
    if no_owner:
        items.append(Feedback("warning", f"{P}.fb.no_owner", {"actions": no_owner}))
    uncosted = [x.name for x in a.actions if x.cost_azn is None]
    if uncosted:
        items.append(Feedback("tip", f"{P}.fb.no_cost", {"actions": uncosted}))
    total = a.total_cost()
    if a.budget_azn is None:
        if a.actions:
            items.append(Feedback("tip", f"{P}.fb.no_budget", {"total": _plain(total)}))
    elif total > a.budget_azn + 0.005:
        items.append(Feedback("warning", f"{P}.fb.over_budget", {"total": _plain(total), "budget": _plain(a.budget_azn),
                                                                  "over": _plain(total - a.budget_azn)}))
    critical = [k for k in RISKS if a.risk(k).likelihood == HIGH and a.risk(k).impact == HIGH
                and not a.risk(k).mitigation.strip()]
    if critical:
        items.append(Feedback("warning", f"{P}.fb.risk_critical", {"risks": _risk_names(critical)}))
    unmitigated = [k for k in RISKS if a.risk(k).score() is not None and not a.risk(k).mitigation.strip()
                   and k not in critical]
    if unmitigated:
        items.append(Feedback("warning", f"{P}.fb.risk_no_mitigation", {"risks": _risk_names(unmitigated)}))
    unrated = [k for k in RISKS if a.risk(k).score() is None]
    if unrated:
        items.append(Feedback("tip", f"{P}.fb.risk_unrated", {"risks": _risk_names(unrated)}))
    no_risk_owner = [k for k in RISKS if a.risk(k).mitigation.strip() and not a.risk(k).owner.strip()]
    if no_risk_owner:
        items.append(Feedback("tip", f"{P}.fb.risk_no_owner", {"risks": _risk_names(no_risk_owner)}))
    return items


def coherence_feedback(a: ImplementationPlan, mandated: list[str] | None, channels: list[str] | None) -> list[Feedback]:
    """The checks against earlier sessions. `mandated`: the institutions named in Session 3's framework map
    (None when that section is missing or damaged); `channels`: the channels given money in Session 6's
    channel mix (None when missing)."""
    if is_blank(a):
        return []
    items: list[Feedback] = []
    owners = list(dict.fromkeys(x.owner.strip() for x in a.actions if x.owner.strip()))
    if owners:
        if mandated is None or not [m for m in mandated if m.strip()]:
            items.append(Feedback("tip", f"{P}.fb.mandate_unknown"))
        else:
            outside = [o for o in owners if not has_mandate(o, mandated)]
            if outside:
                items.append(Feedback("tip", f"{P}.fb.owner_without_mandate", {"owners": outside}))
            else:
                items.append(Feedback("good", f"{P}.fb.owners_mandated"))
    if channels is None:
        items.append(Feedback("tip", f"{P}.fb.channels_unknown"))
    else:
        owned = {x.channel for x in a.actions if x.channel and x.owner.strip()}
        orphans = [c for c in CHANNEL_KEYS if c in channels and c not in owned]
        if orphans:
            items.append(Feedback("warning", f"{P}.fb.channel_without_owner",
                                  {"channels": [f"t:channel_mix.channel.{c}" for c in orphans]}))
    return items


def implementation_feedback(a: ImplementationPlan, mandated: list[str] | None = None,
                            channels: list[str] | None = None) -> list[Feedback]:
    """All feedback: the plan's own checks, then the checks against Sessions 3 and 6, then a word of
    praise when nothing is left to warn about."""
    items = plan_feedback(a) + coherence_feedback(a, mandated, channels)
    complete = (a.coordinator.strip() and a.actions and a.budget_azn is not None
                and all(a.risk(k).score() is not None for k in RISKS))
    if complete and not [item for item in items if item.level == "warning"]:
        items.append(Feedback("good", f"{P}.fb.complete"))
    return items


def mandated_institutions(framework_map) -> list[str]:
    """The institutions named in a Session 3 framework map (its answers), in the law's order, once each."""
    names = [entry.institution.strip() for entry in framework_map.forms.values() if entry.institution.strip()]
    return list(dict.fromkeys(names))


def funded_channels(channel_mix) -> list[str]:
    """The channels given money in a Session 6 channel mix (its answers)."""
    return list(channel_mix.allocations)


def _plain(value: float) -> str:
    """An amount as feedback shows it in both languages: "12 000 AZN"."""
    return f"{plain(value)} AZN"


def _risk_names(keys: list[str]) -> list[str]:
    return [f"t:{P}.risk.{k}" for k in keys]


# 4. Render (the strategy draft) and the dashboard -----------------------------------------------
def _table(a: ImplementationPlan) -> pd.DataFrame:
    return plan_table(x.model_dump() for x in a.actions)


def _channel(key: str | None, lang: str) -> str:
    return i18n.t(f"channel_mix.channel.{key}", lang) if key else i18n.t(f"{P}.no_channel", lang)


def plan_chart(a: ImplementationPlan, lang: str):
    """The Gantt chart of the plan, in `lang` (figure + text summary)."""
    labels = {key: i18n.t(f"{P}.chart.{key}", lang) for key in
              ("title", "axis", "no_channel", "action", "summary_line", "months", "month", "summary", "empty")}
    names = {key: i18n.t(f"channel_mix.channel.{key}", lang) for key in CHANNEL_KEYS}
    return gantt_chart(_table(a), channel_names=names, money=lambda v: money(v, lang) if v else "–", labels=labels)


def headline(a: ImplementationPlan, lang: str) -> str:
    """One line: coordinator, budget, planned cost, number of actions and months."""
    table = _table(a)
    months = int(table["end_month"].max()) if not table.empty else 0
    budget = money(a.budget_azn, lang) if a.budget_azn is not None else i18n.t("common.not_answered", lang)
    return i18n.t(f"{P}.headline", lang, coordinator=a.coordinator.strip() or i18n.t("common.not_answered", lang),
                  budget=budget, total=money(a.total_cost(), lang), n=len(a.actions), months=months)


def budget_blocks(a: ImplementationPlan, lang: str) -> list[Block]:
    """The budget summary: by owner, by channel, by month (with the running total)."""
    table = _table(a)
    if table.empty:
        return []
    share = lambda v: f"{100 * v:.0f}%"  # noqa: E731 - a one-line formatter
    by_owner = cost_by(table, "owner")
    by_channel = cost_by(table.assign(channel=table["channel"].fillna("")), "channel")
    months = monthly_costs(table)
    none = i18n.t(f"{P}.no_owner", lang)
    return [
        Heading(i18n.t(f"{P}.budget_summary", lang), 3),
        Para(i18n.t(f"{P}.budget_note", lang)),
        Table(header=tuple(i18n.t(f"{P}.column.{c}", lang) for c in ("owner", "actions", "cost", "share")),
              rows=tuple((r["owner"] or none, str(r["actions"]), money(r["cost_azn"], lang), share(r["share"]))
                         for _i, r in by_owner.iterrows())),
        Table(header=tuple(i18n.t(f"{P}.column.{c}", lang) for c in ("channel", "actions", "cost", "share")),
              rows=tuple((_channel(r["channel"] or None, lang), str(r["actions"]), money(r["cost_azn"], lang),
                          share(r["share"])) for _i, r in by_channel.iterrows())),
        Table(header=tuple(i18n.t(f"{P}.column.{c}", lang) for c in ("month", "under_way", "cost", "cumulative")),
              rows=tuple((str(int(r["month"])), str(int(r["actions"])), money(r["cost_azn"], lang),
                          money(r["cumulative_azn"], lang)) for _i, r in months.iterrows())),
    ]


def _level(value: int | None, lang: str) -> str:
    return i18n.t(f"{P}.level.{value}", lang) if value else "–"


def risk_rows(a: ImplementationPlan, lang: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for key in RISKS:
        risk = a.risk(key)
        score = risk.score()
        rows.append((i18n.t(f"{P}.risk.{key}", lang), _level(risk.likelihood, lang), _level(risk.impact, lang),
                     str(score) if score is not None else "–", risk.mitigation.strip() or "–", risk.owner.strip() or "–"))
    return tuple(rows)


def months_text(start: int, duration: int) -> str:
    """"3" for a one-month action, "2–5" otherwise."""
    return str(start) if duration == 1 else f"{start}–{start + duration - 1}"


def action_rows(a: ImplementationPlan, lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple((str(i), x.name, x.owner.strip() or i18n.t(f"{P}.no_owner", lang), _channel(x.channel, lang),
                  months_text(x.start_month, x.duration_months),
                  money(x.cost_azn, lang) if x.cost_azn is not None else "–")
                 for i, x in enumerate(a.actions, start=1))


def render_implementation_plan(a: ImplementationPlan, lang: str) -> list[Block]:
    """The section: headline, the actions, the Gantt chart in words, the budget summary, the risk register,
    the plan's own checks, notes."""
    blocks: list[Block] = [Para(headline(a, lang))]
    if a.actions:
        blocks.append(Table(header=tuple(i18n.t(f"{P}.column.{c}", lang)
                                         for c in ("number", "action", "owner", "channel", "months", "cost")),
                            rows=action_rows(a, lang)))
        blocks.append(Figure(None, plan_chart(a, lang).summary))
    blocks += budget_blocks(a, lang)
    blocks += [Heading(i18n.t(f"{P}.risk_register", lang), 3), Para(i18n.t(f"{P}.risk_note", lang)),
               Table(header=tuple(i18n.t(f"{P}.column.{c}", lang)
                                  for c in ("risk", "likelihood", "impact", "score", "mitigation", "owner")),
                     rows=risk_rows(a, lang))]
    checks = [item.text(lang) for item in plan_feedback(a) if item.level != "good"]
    if checks:
        blocks += [Heading(i18n.t(f"{P}.checks", lang), 3), Bullets(tuple(checks))]
    if a.notes.strip():
        blocks.append(Para(a.notes, label=i18n.t(f"{P}.notes", lang)))
    return blocks


def organisations(a: ImplementationPlan) -> list[str]:
    """The institutions the plan names (coordinator, action owners, risk owners), once each, in order."""
    names = [a.coordinator, *(x.owner for x in a.actions), *(a.risk(k).owner for k in RISKS)]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def aggregate_implementation_plan(entries: list[tuple[str, ImplementationPlan]], lang: str) -> list[Block]:
    """Facilitator dashboard: each participant's plan in one row, the group's cost by channel, the risks
    rated high × high most often, and the owners named most often."""
    entries = [(label, a) for label, a in entries if not is_blank(a)]
    if not entries:
        return []
    rows = []
    for label, a in entries:
        table = _table(a)
        critical = sum(a.risk(k).score() == HIGH * HIGH for k in RISKS)
        rows.append((label, a.coordinator.strip() or "–", str(len(a.actions)), money(a.total_cost(), lang),
                     money(a.budget_azn, lang) if a.budget_azn is not None else "–",
                     str(int(table["end_month"].max())) if not table.empty else "–", str(critical),
                     str(sum(1 for k in RISKS if a.risk(k).score() is not None and not a.risk(k).mitigation.strip()))))
    over = sum(a.budget_azn is not None and a.total_cost() > a.budget_azn + 0.005 for _l, a in entries)
    pooled = pd.concat([_table(a) for _l, a in entries if a.actions] or [plan_table([])])
    channel_rows = tuple((_channel(r["channel"] or None, lang), str(r["actions"]), money(r["cost_azn"], lang))
                         for _i, r in cost_by(pooled.assign(channel=pooled["channel"].fillna("")), "channel").iterrows()
                         ) if not pooled.empty else ()
    high = Counter(k for _l, a in entries for k in RISKS if (a.risk(k).score() or 0) >= 6)
    owners = Counter(o for _l, a in entries for o in dict.fromkeys(x.owner.strip() for x in a.actions if x.owner.strip()))
    header = tuple(i18n.t(f"{P}.dash.{c}", lang) for c in
                   ("participant", "coordinator", "actions", "cost", "budget", "months", "critical", "unmitigated"))
    blocks: list[Block] = [
        Para(i18n.t(f"{P}.dash.summary", lang, n=len(entries), over=over)),
        Table(header=header, rows=tuple(rows)),
    ]
    if channel_rows:
        blocks += [Heading(i18n.t(f"{P}.dash.by_channel", lang), 3),
                   Table(header=tuple(i18n.t(f"{P}.column.{c}", lang) for c in ("channel", "actions", "cost")),
                         rows=channel_rows)]
    blocks += [Heading(i18n.t(f"{P}.dash.high_risks", lang), 3),
               Bullets(tuple(i18n.t(f"{P}.dash.risk_line", lang, risk=i18n.t(f"{P}.risk.{k}", lang), n=n,
                                    total=len(entries)) for k, n in high.most_common()))
               if high else Para(i18n.t(f"{P}.dash.no_high_risks", lang))]
    if owners:
        blocks += [Heading(i18n.t(f"{P}.dash.owners", lang), 3),
                   Bullets(tuple(f"{name} ({n})" for name, n in owners.most_common(10)))]
    return blocks


# 5. Worked example (fictitious ministry) --------------------------------------------------------
_EXAMPLE = {
    "en": {
        "actions": ("Internal order naming the coordinator and the owners", "Consultation page on the national portal",
                    "Assisted submissions in the service centres", "Train staff to answer submissions",
                    "Publish the 'you said, we did' report"),
        "mitigation": {
            "low_turnout": "Announce through the service centres and regional media; a two-page plain summary of the draft.",
            "capture": "Count organised identical submissions once, and say so in the report; random sample for a check call.",
            "disinformation": "Moderation rules published in advance; a weekly 'questions and answers' page.",
            "data_protection": "Collect no more personal data than needed; a privacy notice; delete contact details after the report.",
            "digital_exclusion": "Assisted submissions in the service centres and by phone; a paper form in the regions.",
        },
        "notes": "Worked example for a fictitious ministry: every institution is invented and labelled (fictitious).",
    },
    "az": {
        "actions": ("Koordinatoru və məsul qurumları təyin edən daxili əmr", "Milli portalda məsləhətləşmə səhifəsi",
                    "Xidmət mərkəzlərində köməklə təqdimetmə", "Əməkdaşların təkliflərə cavab verməyə hazırlanması",
                    "'Siz dediniz, biz etdik' hesabatının dərci"),
        "mitigation": {
            "low_turnout": "Xidmət mərkəzləri və regional media vasitəsilə elan; layihənin iki səhifəlik sadə xülasəsi.",
            "capture": "Təşkil olunmuş eyni təklifləri bir dəfə saymaq və hesabatda bunu qeyd etmək; yoxlama zəngi üçün təsadüfi seçmə.",
            "disinformation": "Moderasiya qaydalarının əvvəlcədən dərci; həftəlik 'suallar və cavablar' səhifəsi.",
            "data_protection": "Lazım olandan artıq şəxsi məlumat toplamamaq; məxfilik bildirişi; hesabatdan sonra əlaqə məlumatlarını silmək.",
            "digital_exclusion": "Xidmət mərkəzlərində və telefonla köməklə təqdimetmə; regionlarda kağız forma.",
        },
        "notes": "Uydurma nazirlik üçün işlənmiş nümunə: bütün qurumlar uydurmadır və (uydurma) kimi qeyd olunub.",
    },
}
# The course's one fictitious ministry (eparticipation/worksheets/example_ministry.py): the coordinator
# first, then the other owners; indices below refer to this order.
_EXAMPLE_OWNERS = ("pr_department", "eservices_department", "regional_centres", "legal_department")
# (action, owner, channel, start month, duration, cost): the same plan in both languages.
_EXAMPLE_PLAN = ((0, 3, None, 1, 1, 2_000), (1, 1, "egov_mygov", 2, 4, 18_000), (2, 2, "asan_centre", 3, 3, 24_000),
                 (3, 0, None, 2, 2, 9_000), (4, 0, None, 6, 1, 3_000))
_EXAMPLE_RISKS = {"low_turnout": (2, 3, 0), "capture": (2, 2, 0), "disinformation": (2, 2, 1),
                  "data_protection": (1, 3, 3), "digital_exclusion": (3, 3, 2)}


def worked_example(lang: str) -> ImplementationPlan:
    """The worked example: a plan of a fictitious ministry (every institution invented and labelled so)."""
    words = _EXAMPLE[i18n.normalise(lang)]
    owners = [example_ministry.name(key, lang) for key in _EXAMPLE_OWNERS]
    actions = [Action(name=words["actions"][n], owner=owners[o], channel=c, start_month=s,
                      duration_months=d, cost_azn=cost) for n, o, c, s, d, cost in _EXAMPLE_PLAN]
    risks = {key: Risk(likelihood=lik, impact=imp, mitigation=words["mitigation"][key], owner=owners[o])
             for key, (lik, imp, o) in _EXAMPLE_RISKS.items()}
    return ImplementationPlan(coordinator=owners[0], budget_azn=60_000, actions=actions, risks=risks,
                              notes=words["notes"])


# 6. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s10-implementation",
    key="implementation_plan", model=ImplementationPlan, version=1, order=100, title_key=f"{P}.title",
    render=render_implementation_plan, aggregate=aggregate_implementation_plan, is_empty=is_blank,
    example=worked_example, organisations=organisations,
)
