"""Session 12 exercise: the first 100 days — actions, who to keep learning with, what to read next.

The participant writes up to five actions for the first 100 days after the workshop (what, who does
it, by which day), the institutions and networks they will keep learning with (one per line), and
the self-study resources they choose from a short list of sourced, current references. The
feedback rules look at the plan as a plan: is there an owner and a day for each action, does
something happen in the first month, and does an action start on the largest gap of the Session 2
readiness self-assessment (read from the workbook by the view; a missing assessment gives a neutral
hint).

On screen: `eparticipation.exercises.next_steps` (the widget); a notebook calls `next_steps_exercise()`.
The peer review of Session 12 has its own worksheet (`peer_reviews`), because a review is written by
someone else and must never overwrite the participant's own answers.

Order of this module: 1. questions and model, 2. pure rules (+ render and dashboard), 3. the worked
example, 4. the section.
"""

from __future__ import annotations

from collections import Counter

from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.worksheets import example_ministry
from eparticipation.worksheets.feedback import Feedback

# 1. Model --------------------------------------------------------------------------------------
P = "next_steps"  # prefix of this worksheet's i18n keys
MAX_ACTIONS = 5
PLAN_DAYS = 100
EARLY_DAYS = 30  # "the first month": course advice, not a norm (ASSUMED, data/assumptions.csv)
MAX_PARTNERS = 12

# Self-study resources: id -> (citation key in book/references.bib, address). Titles: i18n
# "next_steps.resource.<id>". Every one is cited on the session page; all are free to read online.
RESOURCES: dict[str, tuple[str, str]] = {
    "un_survey": ("undesa2024survey", "https://publicadministration.un.org/egovkb/Data-Center"),
    "un_eparticipation": ("undesaeparticipation", "https://publicadministration.un.org/en/eparticipation"),
    "oecd_guidelines": ("oecd2022guidelines",
                        "https://www.oecd.org/gov/oecd-guidelines-for-citizen-participation-processes-f765caf6-en.htm"),
    "oecd_checklist": ("oecd2022checklist", "https://doi.org/10.1787/5a0378ff-en"),
    "oecd_open_government": ("oecd2017opengov", "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0438"),
    "oecd_evaluation": ("oecd2021evaluation", "https://doi.org/10.1787/10ccbfcb-en"),
    "iap2": ("iap2spectrum", "https://iap2canada.ca/page-1020549"),
}


class Action(Answers):
    what: str = Field("", max_length=300)
    owner: str = Field("", max_length=200)
    day: int | None = Field(None, ge=1, le=PLAN_DAYS)


class NextSteps(Answers):
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ACTIONS)
    partners: list[str] = Field(default_factory=list, max_length=MAX_PARTNERS)
    resources: list[str] = Field(default_factory=list)
    own_resource: str = Field("", max_length=300)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("actions")
    @classmethod
    def _drop_blank_rows(cls, value: list[Action]) -> list[Action]:
        return [a for a in value if a.what.strip() or a.owner.strip() or a.day is not None]

    @field_validator("partners")
    @classmethod
    def _partner_lines(cls, value: list[str]) -> list[str]:
        lines = [" ".join(line.split()) for line in value]
        if any(len(line) > 200 for line in lines):
            raise ValueError("a name is longer than 200 characters")
        return [line for line in lines if line]

    @field_validator("resources")
    @classmethod
    def _known_resources(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(RESOURCES))
        if unknown:
            raise ValueError(f"unknown resources: {', '.join(unknown)}")
        return [r for r in RESOURCES if r in value]


def day_problem(raw: str) -> Feedback | None:
    """Why a day box's text cannot be saved (None when it can: empty, or a whole day 1-100)."""
    text = raw.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        return Feedback("warning", f"{P}.num.not_whole")
    if value < 1:
        return Feedback("warning", f"{P}.num.too_small", {"value": value})
    return Feedback("warning", f"{P}.num.too_large", {"max": PLAN_DAYS}) if value > PLAN_DAYS else None


def partners_from_text(text: str) -> list[str]:
    """One name per line (the widget's text box) -> the list the model keeps."""
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


# 2. Rules (pure; each message explains why) ---------------------------------------------------
def is_blank(a: NextSteps) -> bool:
    return a == NextSteps()


NO_READINESS = "no_readiness"  # the view passes this when Session 2 is missing or damaged


def _action_feedback(a: NextSteps) -> list[Feedback]:
    if not a.actions:
        return [Feedback("warning", f"{P}.fb.no_actions", {"max": MAX_ACTIONS})]
    items: list[Feedback] = []
    no_what = [n for n, x in enumerate(a.actions, 1) if not x.what.strip()]
    no_owner = [n for n, x in enumerate(a.actions, 1) if x.what.strip() and not x.owner.strip()]
    no_day = [n for n, x in enumerate(a.actions, 1) if x.what.strip() and x.day is None]
    if no_what:
        items.append(Feedback("warning", f"{P}.fb.what_missing", {"rows": _rows(no_what)}))
    if no_owner:
        items.append(Feedback("tip", f"{P}.fb.owner_missing", {"rows": _rows(no_owner)}))
    if no_day:
        items.append(Feedback("tip", f"{P}.fb.day_missing", {"rows": _rows(no_day)}))
    days = [x.day for x in a.actions if x.day is not None]
    if days and min(days) > EARLY_DAYS:
        items.append(Feedback("tip", f"{P}.fb.nothing_early", {"first": min(days), "early": EARLY_DAYS}))
    owners = Counter(x.owner.strip().casefold() for x in a.actions if x.owner.strip())
    if len(a.actions) >= 3 and owners and owners.most_common(1)[0][1] == len(a.actions):
        items.append(Feedback("tip", f"{P}.fb.one_owner", {"n": len(a.actions)}))
    if len(a.actions) == 1:
        items.append(Feedback("tip", f"{P}.fb.one_action", {"max": MAX_ACTIONS}))
    return items


def _rows(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def next_steps_feedback(a: NextSteps, top_gap: str | None = NO_READINESS) -> list[Feedback]:
    """Feedback on the 100-day plan. `top_gap` is the i18n key of the largest readiness gap's
    statement (Session 2), None when the assessment shows no gap, or NO_READINESS when there is none."""
    if is_blank(a):
        return [Feedback("tip", f"{P}.fb.start", {"max": MAX_ACTIONS})]
    items = _action_feedback(a)
    if not a.partners:
        items.append(Feedback("tip", f"{P}.fb.no_partners"))
    if not a.resources and not a.own_resource.strip():
        items.append(Feedback("tip", f"{P}.fb.no_resources"))
    if top_gap == NO_READINESS:
        items.append(Feedback("tip", f"{P}.fb.readiness_missing"))
    elif top_gap is not None and a.actions:
        items.append(Feedback("tip", f"{P}.fb.top_gap", {"gap": f"t:{top_gap}"}))
    complete = (a.actions and all(x.what.strip() and x.owner.strip() and x.day for x in a.actions)
                and a.partners and (a.resources or a.own_resource.strip()))
    if complete and not [item for item in items if item.level == "warning"]:
        items.append(Feedback("good", f"{P}.fb.complete", {"n": len(a.actions)}))
    return items


def resource_text(resource: str, lang: str) -> str:
    return f"{i18n.t(f'{P}.resource.{resource}', lang)} — {RESOURCES[resource][1]}"


def resources_table(lang: str):
    """The self-study resources as a table: title, address, and the citation key on the References page."""
    import pandas as pd

    return pd.DataFrame([(i18n.t(f"{P}.resource.{r}", lang), url, key) for r, (key, url) in RESOURCES.items()],
                        columns=["resource", "address", "reference"], index=pd.Index(list(RESOURCES), name="id"))


def action_rows(a: NextSteps, lang: str) -> tuple[tuple[str, ...], ...]:
    """The actions, earliest first (undated last), as the strategy draft shows them."""
    dash = i18n.t("common.not_answered", lang)
    ordered = sorted(a.actions, key=lambda x: (x.day is None, x.day or 0))
    return tuple((str(x.day) if x.day else dash, x.what.strip() or dash, x.owner.strip() or dash) for x in ordered)


def render_next_steps(a: NextSteps, lang: str) -> list[Block]:
    """The section in the strategy draft: the 100-day actions, the learning network, the reading list."""
    header = tuple(i18n.t(f"{P}.{key}", lang) for key in ("day", "what", "owner"))
    blocks: list[Block] = [Para(i18n.t(f"{P}.actions", lang, days=PLAN_DAYS))]
    blocks.append(Table(header=header, rows=action_rows(a, lang)) if a.actions else
                  Para(i18n.t("common.not_answered", lang)))
    blocks.append(Para(", ".join(a.partners) or i18n.t("common.not_answered", lang), label=i18n.t(f"{P}.partners", lang)))
    chosen = [resource_text(r, lang) for r in a.resources]
    if a.own_resource.strip():
        chosen.append(a.own_resource.strip())
    blocks.append(Para(i18n.t(f"{P}.resources", lang)))
    blocks.append(Bullets(tuple(chosen)) if chosen else Para(i18n.t("common.not_answered", lang)))
    if a.notes.strip():
        blocks.append(Para(a.notes, label=i18n.t(f"{P}.notes", lang)))
    return blocks


def aggregate_next_steps(entries: list[tuple[str, NextSteps]], lang: str) -> list[Block]:
    """Facilitator dashboard: how many actions each participant planned, when the first one starts,
    and which resources the group chose (to plan a follow-up session)."""
    if not entries:
        return []
    dash = "–"
    rows = tuple((label, str(len(a.actions)), str(min((x.day for x in a.actions if x.day), default="") or dash),
                  ", ".join(a.partners) or dash) for label, a in entries)
    chosen = Counter(r for _label, a in entries for r in a.resources)
    early = sum(any(x.day and x.day <= EARLY_DAYS for x in a.actions) for _label, a in entries)
    blocks: list[Block] = [Para(i18n.t(f"{P}.dash.summary", lang, n=len(entries), early=early, days=EARLY_DAYS))]
    header = tuple(i18n.t(key, lang) for key in ("readiness.dash.participant", f"{P}.dash.actions",
                                                 f"{P}.dash.first_day", f"{P}.partners"))
    blocks.append(Table(header=header, rows=rows))
    if chosen:
        blocks.append(Table(header=(i18n.t(f"{P}.resources", lang), i18n.t(f"{P}.dash.chosen_by", lang)),
                            rows=tuple((i18n.t(f"{P}.resource.{r}", lang), str(chosen[r]))
                                       for r in RESOURCES if chosen[r])))
    return blocks


def organisations(a: NextSteps) -> list[str]:
    """For the group's network view: the actions' owners and the institutions to keep learning with."""
    return [x.owner for x in a.actions if x.owner.strip()] + list(a.partners)


# 3. Worked example (fictitious ministry) --------------------------------------------------------
# The names of the course's one fictitious ministry (as in `worksheets/example_ministry.py` on the main
# line), so that the complete sample workbook describes one invented institution throughout.
def worked_example(lang: str) -> NextSteps:
    """A 100-day plan for an invented ministry; every institution in it is fictitious and labelled so."""
    az = i18n.normalise(lang) == "az"
    name = {short: example_ministry.name(key, lang) for short, key in
            (("pr", "pr_department"), ("legal", "legal_department"), ("ngo", "inclusion_ngo"),
             ("institute", "research_institute"))}
    if az:
        rows = [("Strategiya layihəsini nazirliyin rəhbərliyinə təqdim etmək", name["pr"], 10),
                ("Cavab öhdəliklərini nazirliyin saytında dərc etmək", name["pr"], 30),
                ("Bir qanun layihəsi üzrə sınaq onlayn məsləhətləşmə keçirmək", name["legal"], 75),
                ("Məsləhətləşmənin nəticələri barədə hesabat dərc etmək", name["legal"], 100)]
        own = "Uydurma nümunə: iştirakçılarla aylıq onlayn görüş"
        notes = "Uydurma nümunə: heç bir real qurumu təsvir etmir."
    else:
        rows = [("Present the draft strategy to the ministry's leadership", name["pr"], 10),
                ("Publish the response commitments on the ministry's website", name["pr"], 30),
                ("Run a pilot online consultation on one draft regulation", name["legal"], 75),
                ("Publish the consultation's feedback report", name["legal"], 100)]
        own = "Fictitious example: a monthly online meeting of the workshop's participants"
        notes = "Fictitious example: it describes no real institution."
    return NextSteps(actions=[Action(what=w, owner=o, day=d) for w, o, d in rows],
                     partners=[name["ngo"], name["institute"]],
                     resources=["oecd_guidelines", "oecd_checklist", "un_survey"], own_resource=own, notes=notes)


# A SYNTHETIC group, for the network view in the exploration notebook and the tests ----------------
FICTITIOUS_ORGANISATIONS = (
    "Ministry of Coastal Affairs (fictitious)", "State Agency for River Transport (fictitious)",
    "Harbour Towns Civic Network (fictitious)", "Rural Libraries Agency (fictitious)",
    "Youth Initiatives Network (fictitious)", "Institute of Public Administration (fictitious)",
    "Mountain Districts Ministry (fictitious)", "Digital Services Centre (fictitious)",
    "Association of Municipalities (fictitious)", "Open Data Volunteers (fictitious)",
)


def synthetic_group(n: int = 12, seed: int = 20261205) -> list[tuple[str, object]]:
    """n SYNTHETIC participants (label, workbook): each works at an invented institution of their own and
    names one to three of ten invented others, some spelt with other capitals or spaces, as people type."""
    import random

    from eparticipation.workbook.bundle import Workbook
    from eparticipation.workbook.models import Profile

    rng = random.Random(seed)
    out = []
    for number in range(1, n + 1):
        home = f"Department {number} of the Civil Service Office (fictitious)"
        named = rng.sample(FICTITIOUS_ORGANISATIONS, rng.randint(1, 3))
        typed = [name.upper() if rng.random() < 0.15 else name.replace(" ", "  ") if rng.random() < 0.15 else name
                 for name in named]
        owners, partners = typed[:1], typed[1:]
        steps = NextSteps(actions=[Action(what="SYNTHETIC action", owner=owners[0], day=rng.randint(1, PLAN_DAYS))],
                          partners=partners)
        profile = Profile(alias=f"P{number:02d}", institution=home)
        out.append((f"P{number:02d}", Workbook(profile=profile, sections={"next_steps": steps}, source="SYNTHETIC")))
    return out


# 4. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s12-action-plan",
    key="next_steps", model=NextSteps, version=1, order=120, title_key=f"{P}.title",
    render=render_next_steps, aggregate=aggregate_next_steps, is_empty=is_blank,
    example=worked_example, organisations=organisations,
)
