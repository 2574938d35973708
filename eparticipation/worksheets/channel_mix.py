"""Session 6 exercise: the channel-mix designer under a budget.

The participant divides an outreach budget (AZN) between the channels of December 2026
(`analysis.channels.CHANNELS`). The exercise estimates the people reached by economic region, urban and
rural, and online and offline, with the course's teaching model (`analysis.channels.estimate_reach`: real
population and internet-use figures, ASSUMED cost per contact and channel reach from
`data/assumptions.csv`), and gives:

- the **inclusion score** = 100 × (1 − ½ Σ_g |r_g − p_g|), where r_g is group g's share of the people
  reached and p_g its share of the population, over the groups economic region × urban/rural × uses the
  internet or not (`analysis.channels.inclusion_score`). 100: the people reached mirror the population;
  80: a fifth of them would have to come from other groups. It measures balance, not volume;
- feedback naming **who is left out** — regions, rural (or urban) residents, people who do not use the
  internet — with why it matters. A group is *under-reached* when its share of the people reached is
  below four fifths of its share of the population, *left out* below half.

Bad input never loses a saved mix: the model refuses a budget of zero, negative or absurd amounts,
allocations above the budget and text that is not a number, and `input_problems` words the message shown
next to the field.

On screen: `eparticipation.exercises.channel_mix` (the widget); a notebook calls `channel_mix_exercise()`.

Order of this module: 1. questions and model, 2. pure rules (input, estimate, feedback, texts), 3. render,
4. the group (dashboard), 5. the section.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from statistics import median
from typing import Annotated, Literal, get_args

import pandas as pd
from pydantic import Field, field_validator, model_validator

from eparticipation import i18n
from eparticipation.analysis.channels import (
    CHANNEL_KEYS, LEFT_OUT_RATIO, ONLINE_ONLY, ReachEstimate, channel_parameters, estimate_reach, inclusion_score,
    left_out, round_people)
from eparticipation.charts.channels import group_mix_chart, reach_chart
from eparticipation.data.context import ECONOMIC_REGIONS
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
# Texts: "channel_mix.channel.<key>", "channel_mix.kind.<kind>", "channel_mix.group.<group>",
# "channel_mix.region.<code>" (the economic regions' codes, ER01…ER14, in lower case).
MAX_AZN = 100_000_000  # a hundred million manats: far above any consultation's outreach budget; more is a typo
ChannelKey = Literal["egov_mygov", "digital_executive_power", "asan_centre", "mobile_asan", "call_centre",
                     "public_hearing"]
if set(get_args(ChannelKey)) != set(CHANNEL_KEYS):  # one channel list for the notebook and the exercise
    raise RuntimeError("channel_mix.ChannelKey and analysis.channels.CHANNELS differ")
Amount = Annotated[float, Field(ge=0, le=MAX_AZN, allow_inf_nan=False)]
CENT = 0.005  # allocations may exceed the budget by rounding only


class ChannelMix(Answers):
    budget_azn: float | None = Field(None, gt=0, le=MAX_AZN, allow_inf_nan=False)
    allocations: dict[ChannelKey, Amount] = Field(default_factory=dict)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("allocations")
    @classmethod
    def _drop_zeros(cls, value: dict[str, float]) -> dict[str, float]:
        return {key: value[key] for key in CHANNEL_KEYS if value.get(key)}  # channel order, no empty entries

    @model_validator(mode="after")
    def _within_budget(self) -> ChannelMix:
        if self.allocations and self.budget_azn is None:
            raise ValueError("allocations need a budget")
        if self.budget_azn is not None and self.allocated() > self.budget_azn + CENT:
            raise ValueError("the allocations exceed the budget")
        return self

    def allocated(self) -> float:
        return float(sum(self.allocations.values()))


# 2. Rules (pure) ---------------------------------------------------------------------------------
_CURRENCY = re.compile(r"(azn|manat|man\.|₼)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(text: str | None) -> float | str | None:
    """A typed amount as a number: "50000", "50 000", "50,000", "1 250,5", "7000 AZN" -> float; "" -> None.

    Text that is not an amount is returned unchanged, so the model refuses it and nothing is saved.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = _CURRENCY.sub("", raw.replace("\u00a0", " ").replace("\u202f", " ")).strip().replace(" ", "")
    cleaned = cleaned.replace(",", "") if _THOUSANDS.match(cleaned) else cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return raw
    return value if math.isfinite(value) else raw


def format_amount(value: float | None) -> str:
    """How an amount appears in its field (it reads back to the same number)."""
    if value is None:
        return ""
    return f"{int(value)}" if float(value).is_integer() else f"{value:.2f}"


def money(value: float, lang: str) -> str:
    """50000 -> "50,000 AZN" (English) / "50 000 AZN" (Azerbaijani)."""
    text = f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"
    return (text.replace(",", " ") if lang == "az" else text) + " AZN"


def number(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", " ") if lang == "az" else text


def plain(value: float) -> str:
    """A whole number with spaces between thousands (1 120 000): feedback speaks both languages."""
    return f"{value:,.0f}".replace(",", " ")


def whole_percent(share: float) -> str:
    """A share as a whole percentage, the same in both languages (for feedback parameters)."""
    return f"{100 * share:.0f}%"


def percent(share: float, lang: str = "en") -> str:
    """0.112 -> "11%", 0.012 -> "1.2%" (Azerbaijani: "1,2%"): one decimal below 10 %."""
    text = f"{100 * share:.1f}%" if 0 < share < 0.095 else f"{100 * share:.0f}%"
    return text.replace(".", ",") if lang == "az" else text


def _what(field: str, lang: str) -> str:
    return i18n.t(f"channel_mix.channel.{field}" if field in CHANNEL_KEYS else "channel_mix.what.budget", lang)


def _amount_problem(field: str, value, lang: str) -> str | None:
    """The message for one amount field, or None when the value itself is acceptable."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return i18n.t("channel_mix.error.not_a_number", lang, text=shown)
    if value is None:
        return None
    if value < 0:
        return i18n.t("channel_mix.error.negative", lang, what=_what(field, lang))
    if value > MAX_AZN:
        return i18n.t("channel_mix.error.too_large", lang, what=_what(field, lang), max=money(MAX_AZN, lang))
    if field == "budget_azn" and value == 0:
        return i18n.t("channel_mix.error.budget_zero", lang)
    return None


def input_problems(values: dict, lang: str) -> dict[str, str]:
    """{field: message} for the form's values as read (`budget_azn`, `allocations` {key: amount}).

    Names every problem the model refuses in budget and allocations, with what to do: a budget of zero,
    negative, absurd or non-numeric amounts, allocations without a budget or above it.
    """
    problems: dict[str, str] = {}
    budget = values.get("budget_azn")
    message = _amount_problem("budget_azn", budget, lang)
    if message:
        problems["budget_azn"] = message
    allocations = values.get("allocations") or {}
    for key in CHANNEL_KEYS:
        message = _amount_problem(key, allocations.get(key), lang)
        if message:
            problems["allocations"] = message
            break
    if "allocations" in problems or "budget_azn" in problems:
        return problems
    given = sum(v for v in allocations.values() if isinstance(v, (int, float)))
    if given > 0 and budget is None:
        problems["budget_azn"] = i18n.t("channel_mix.error.budget_missing", lang)
    elif budget is not None and given > budget + CENT:
        problems["allocations"] = i18n.t("channel_mix.error.over_budget", lang, allocated=money(given, lang),
                                         budget=money(budget, lang), over=money(given - budget, lang))
    return problems


@lru_cache(maxsize=1)
def _model_inputs():
    """The real facts and the ASSUMED parameters, read once per session (restart to pick up edits)."""
    from eparticipation.data import load_context_facts

    return load_context_facts(), channel_parameters()


def estimate(answers: ChannelMix) -> ReachEstimate | None:
    """The reach of the participant's mix, or None while nothing is allocated."""
    if not answers.allocations:
        return None
    facts, parameters = _model_inputs()
    return estimate_reach(dict(answers.allocations), facts, parameters)


def cost_per_contact(key: str) -> float:
    return _model_inputs()[1].cost_per_contact[key]


REGION_CODE = {name: code.lower() for code, name, _az in ECONOMIC_REGIONS}


def group_key(column: str, group: str) -> str:
    """The i18n key of a group's name: a region's code, or urban/rural/online/offline."""
    return f"channel_mix.region.{REGION_CODE[group]}" if column == "region" else f"channel_mix.group.{group}"


def online_share(answers: ChannelMix) -> float:
    """Share of the allocated budget that goes to channels needing the citizen's own internet (0–1)."""
    total = answers.allocated()
    return sum(v for k, v in answers.allocations.items() if k in ONLINE_ONLY) / total if total else 0.0


def channel_mix_feedback(answers: ChannelMix, reach: ReachEstimate | None = None) -> list[Feedback]:
    """Feedback on the whole mix; each message says why it matters. `reach` defaults to `estimate(answers)`."""
    if answers.budget_azn is None:
        return [Feedback("tip", "channel_mix.fb.start")]
    if not answers.allocations:
        return [Feedback("tip", "channel_mix.fb.allocate")]
    reach = estimate(answers) if reach is None else reach
    items: list[Feedback] = []
    score = inclusion_score(reach)
    people = plain(round_people(reach.reached))
    if score is not None and score >= 90:
        items.append(Feedback("good", "channel_mix.fb.score_good", {"score": f"{score:.0f}", "reached": people}))
    elif score is not None:
        items.append(Feedback("tip", "channel_mix.fb.score", {"score": f"{score:.0f}", "reached": people}))
    unspent = answers.budget_azn - answers.allocated()
    if unspent > CENT:
        items.append(Feedback("tip", "channel_mix.fb.unspent",
                              {"unspent": f"{plain(unspent)} AZN", "share": whole_percent(unspent / answers.budget_azn)}))
    missing = left_out(reach)
    internet = reach.by("internet")
    if online_share(answers) >= 1:
        offline = internet.loc["offline"]
        items.append(Feedback("warning", "channel_mix.fb.online_only",
                              {"offline_pct": whole_percent(offline["population_share"]),
                               "offline_people": plain(round_people(offline["population"]))}))
    elif any(group == "offline" for group, _r in missing["internet"]):
        ratio = float(internet.loc["offline", "ratio"])
        items.append(Feedback("warning" if ratio < LEFT_OUT_RATIO else "tip", "channel_mix.fb.offline",
                              {"ratio": whole_percent(ratio)}))
    settlement = reach.by("settlement")
    for group, ratio in missing["settlement"]:
        items.append(Feedback("warning" if ratio < LEFT_OUT_RATIO else "tip", f"channel_mix.fb.{group}",
                              {"population": whole_percent(settlement.loc[group, "population_share"]),
                               "reached": whole_percent(settlement.loc[group, "reached_share"])}))
    regions = [group for group, ratio in missing["region"] if ratio < LEFT_OUT_RATIO]
    if regions:
        items.append(Feedback("warning", "channel_mix.fb.regions",
                              {"regions": [f"t:{group_key('region', r)}" for r in regions]}))
    top = max(answers.allocations, key=answers.allocations.get)
    share = answers.allocations[top] / answers.allocated()
    if len(answers.allocations) < len(CHANNEL_KEYS) and share > 0.8:
        items.append(Feedback("tip", "channel_mix.fb.concentrated",
                              {"channel": f"t:channel_mix.channel.{top}", "share": whole_percent(share)}))
    if not answers.notes.strip():
        items.append(Feedback("tip", "channel_mix.fb.notes"))
    return items


def left_out_texts(reach: ReachEstimate, lang: str) -> list[str]:
    """One sentence per under-reached group, lowest ratio first within regions, settlements and internet use:
    its share of the people reached against its share of the population, and why it matters."""
    lines = []
    for column, groups in left_out(reach).items():
        table = reach.by(column)
        for group, ratio in groups:
            status = "left_out" if ratio < LEFT_OUT_RATIO else "under"
            why = f"channel_mix.why.{'region' if column == 'region' else group}"
            lines.append(i18n.t("channel_mix.left_out.line", lang, group=i18n.t(group_key(column, group), lang),
                                status=i18n.t(f"channel_mix.status.{status}", lang),
                                reached=percent(table.loc[group, "reached_share"], lang),
                                population=percent(table.loc[group, "population_share"], lang),
                                ratio=whole_percent(ratio), why=i18n.t(why, lang)))
    return lines


def _share_table(reach: ReachEstimate, column: str, lang: str) -> pd.DataFrame:
    table = reach.by(column)
    table.index = [i18n.t(group_key(column, g), lang) for g in table.index]
    return table


def reach_figure(reach: ReachEstimate, lang: str):
    """The chart of population shares against shares of the people reached (drawn by `charts.channels`)."""
    groups = pd.concat([_share_table(reach, "settlement", lang), _share_table(reach, "internet", lang)])
    labels = {name: i18n.t(f"channel_mix.chart.{name}", lang) for name in
              ("population", "reached", "regions", "groups", "axis", "summary_regions", "summary_groups")}
    return reach_chart(_share_table(reach, "region", lang), groups, labels=labels,
                       title=i18n.t("channel_mix.chart.title", lang), source=i18n.t("channel_mix.chart.source", lang))


def headline(answers: ChannelMix, reach: ReachEstimate | None, lang: str) -> str:
    if reach is None or reach.reached <= 0:
        return i18n.t("channel_mix.results.none", lang)
    return i18n.t("channel_mix.results.headline", lang, reached=number(round_people(reach.reached), lang),
                  coverage=percent(reach.reached / reach.population, lang), score=f"{inclusion_score(reach):.0f}")


def total_line(answers: ChannelMix, lang: str) -> str:
    if answers.budget_azn is None:
        return i18n.t("channel_mix.total_no_budget", lang)
    return i18n.t("channel_mix.total", lang, allocated=money(answers.allocated(), lang),
                  budget=money(answers.budget_azn, lang), left=money(answers.budget_azn - answers.allocated(), lang))


# 3. Render (the strategy draft: canvas, Word, Markdown) -----------------------------------------------
def _group_rows(reach: ReachEstimate, lang: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for column in ("settlement", "internet", "region"):
        for name, row in _share_table(reach, column, lang).iterrows():
            rows.append((name, percent(row["population_share"], lang), percent(row["reached_share"], lang),
                         percent(row["coverage"], lang)))
    return tuple(rows)


def render_channel_mix(answers: ChannelMix, lang: str) -> list[Block]:
    """The section: the model note, the allocation table, the estimated reach by group, who is left out, notes."""
    reach = estimate(answers)
    allocated = answers.allocated()
    rows = []
    for key in CHANNEL_KEYS:
        amount = answers.allocations.get(key, 0.0)
        contacts = reach.contacts.get(key, 0.0) if reach else 0.0
        rows.append((i18n.t(f"channel_mix.channel.{key}", lang), money(amount, lang),
                     percent(amount / allocated, lang) if allocated else "—", number(round_people(contacts), lang)))
    blocks: list[Block] = [
        Para(i18n.t("channel_mix.model_note", lang)),
        Para(total_line(answers, lang)),
        Table(header=tuple(i18n.t(f"channel_mix.column.{c}", lang) for c in ("channel", "amount", "share", "contacts")),
              rows=tuple(rows)),
        Heading(i18n.t("channel_mix.results.title", lang), 3),
        Para(headline(answers, reach, lang)),
    ]
    if reach is not None and reach.reached > 0:
        blocks += [
            Para(i18n.t("channel_mix.score_formula", lang)),
            Table(header=tuple(i18n.t(f"channel_mix.table.{c}", lang)
                               for c in ("group", "population_share", "reached_share", "coverage")),
                  rows=_group_rows(reach, lang)),
            Heading(i18n.t("channel_mix.left_out.title", lang), 3),
        ]
        lines = left_out_texts(reach, lang)
        blocks.append(Bullets(tuple(lines)) if lines else Para(i18n.t("channel_mix.left_out.none", lang)))
    if answers.notes.strip():
        blocks.append(Para(answers.notes, label=i18n.t("channel_mix.notes", lang)))
    return blocks


# 4. The group (the facilitator's dashboard) -----------------------------------------------------------
Entries = list[tuple[str, ChannelMix]]


def mix_shares(entries: Entries, lang: str = "en") -> pd.DataFrame:
    """One row per participant with an allocation, one column per channel: the share of the allocated budget."""
    rows = {label: {i18n.t(f"channel_mix.channel.{k}", lang): answers.allocations.get(k, 0.0) / answers.allocated()
                    for k in CHANNEL_KEYS} for label, answers in entries if answers.allocations}
    return pd.DataFrame.from_dict(rows, orient="index")


def aggregate_channel_mix(entries: Entries, lang: str) -> list[Block]:
    """Facilitator dashboard: each participant's mix, reach and score side by side, and the groups the
    mixes leave out most often."""
    with_mix = [(label, answers) for label, answers in entries if answers.allocations]
    if not with_mix:
        return []
    rows, scores, common = [], [], Counter()
    for label, answers in with_mix:
        reach = estimate(answers)
        score = inclusion_score(reach)
        scores.append(score)
        missing = [(column, group) for column, groups in left_out(reach).items() for group, ratio in groups
                   if ratio < LEFT_OUT_RATIO]
        common.update(missing)
        rows.append((label, money(answers.budget_azn or 0, lang), number(round_people(reach.reached), lang),
                     f"{score:.0f}" if score is not None else "—", percent(online_share(answers), lang),
                     "; ".join(i18n.t(group_key(c, g), lang) for c, g in missing) or "—"))
    online_only = sum(online_share(answers) >= 1 for _label, answers in with_mix)
    known = [s for s in scores if s is not None]
    chart = group_mix_chart(mix_shares(with_mix, lang), title=i18n.t("channel_mix.dash.chart_title", lang),
                            axis=i18n.t("channel_mix.dash.axis", lang))
    lines = tuple(i18n.t("channel_mix.dash.common_line", lang, group=i18n.t(group_key(c, g), lang), n=n,
                         total=len(with_mix)) for (c, g), n in common.most_common())
    return [
        Para(i18n.t("channel_mix.dash.summary", lang, n=len(with_mix),
                    median=f"{median(known):.0f}" if known else "—", online_only=online_only)),
        Figure(chart.figure, chart.summary),
        Table(header=tuple(i18n.t(f"channel_mix.dash.{c}", lang)
                           for c in ("participant", "budget", "reached", "score", "online", "left_out")), rows=tuple(rows)),
        Heading(i18n.t("channel_mix.dash.common", lang), 3),
        Bullets(lines) if lines else Para(i18n.t("channel_mix.dash.none", lang)),
    ]


def is_empty(answers: ChannelMix) -> bool:
    return answers.budget_azn is None and not answers.allocations and not answers.notes.strip()


# Worked example (fictitious ministry) -----------------------------------------------------------
def worked_example(lang: str) -> ChannelMix:
    """The fictitious ministry's channel mix (see `example_ministry`): every channel used, most of the
    money on the channels that reach people without their own internet."""
    notes = pick(lang,
                 "Fictitious example. The Ministry of Digital Services (fictitious) gives most of its 50,000 AZN "
                 "to mobile and assisted channels, because an online-only mix would reach mostly urban internet "
                 "users. The public hearings are in regional centres, not in Baku. Reach is the model's estimate "
                 "from ASSUMED costs: we will compare it with who actually took part.",
                 "Uydurma nümunə. Rəqəmsal Xidmətlər Nazirliyi (uydurma) 50 000 AZN-in çox hissəsini mobil və "
                 "köməkli kanallara ayırır, çünki yalnız onlayn kanallar əsasən şəhərlərdə yaşayan internet "
                 "istifadəçilərinə çatardı. İctimai dinləmələr Bakıda deyil, regional mərkəzlərdə keçirilir. "
                 "Əhatə modelin FƏRZ EDİLMİŞ (ASSUMED) xərclərə əsaslanan təxminidir: onu faktiki iştirakçılarla "
                 "müqayisə edəcəyik.")
    return ChannelMix(budget_azn=50_000, allocations={"egov_mygov": 2_000, "digital_executive_power": 2_000,
                                                      "asan_centre": 5_000, "mobile_asan": 20_000,
                                                      "call_centre": 15_000, "public_hearing": 6_000}, notes=notes)


# 5. The workbook section --------------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s06-channels-inclusion",
    key="channel_mix", model=ChannelMix, version=1, order=60, title_key="channel_mix.title",
    render=render_channel_mix, aggregate=aggregate_channel_mix, is_empty=is_empty,
    example=worked_example,
)
