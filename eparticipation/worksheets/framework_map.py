"""Session 3 exercise: the framework map.

For each of the six forms of participation in Azerbaijan's Law on Public Participation (No.
816-IVQ), the participant records the legal basis, the digital channel that could support the form,
the institution responsible, and — as in DPADM's citizen-engagement self-assessment questionnaire
(CESAQ), and the readiness exercise of Session 2 — a Yes / No / Don't know check of whether
**legislation** and **policy** enable the form. The map is saved to the workbook with a prioritised
gap summary: which forms lack a legal basis, a channel or an owner, or have No / Don't know answers,
each with the reason why it matters.

On screen: `eparticipation.exercises.framework_map` (the widget); a notebook calls `framework_map_exercise()`.

Order of this module: 1. questions and model, 2. pure rules (gaps, feedback, render, dashboard), 3. the section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import Field, field_validator

from eparticipation import i18n
from eparticipation.analysis.legal_frameworks import CHANNELS, FORM_KEYS, ONLINE_ONLY_CHANNELS
from eparticipation.workbook import sections
from eparticipation.workbook.document import Block, Bullets, Heading, Para, Table
from eparticipation.workbook.models import LONG_TEXT, Answers, refuse_unknown_keys
from eparticipation.worksheets.example_ministry import pick
from eparticipation.worksheets import example_ministry
from eparticipation.worksheets.feedback import PROVISION_PATTERN_WEIGHT, Feedback, provision_pattern

# 1. Model --------------------------------------------------------------------------------------
# Texts: "framework_map.form.<form>", "framework_map.channel.<channel>", "framework_map.choice.<c>".
CHANNEL_KEYS: tuple[str, ...] = tuple(CHANNELS)
COLUMNS = ("legislation", "policy")
CHOICES = ("yes", "no", "dk")
TEXT_FIELDS = ("legal_basis", "institution")
FIELDS = ("legal_basis", "channel", "institution", "legislation", "policy")
SHORT_TEXT = 500

Choice = Literal["yes", "no", "dk"]
ChannelKey = Literal["egov_portal", "mygov", "digital_executive_power", "ministry_website", "mobile_app", "asan_kiosk",
                     "social_media", "email", "hearing_transcript", "call_centre"]
if set(get_args(ChannelKey)) != set(CHANNEL_KEYS):  # one channel list for the notebook and the exercise
    raise RuntimeError("framework_map.ChannelKey and legal_frameworks.CHANNELS differ")


class FormEntry(Answers):
    legal_basis: str = Field("", max_length=SHORT_TEXT)
    channel: ChannelKey | None = None
    institution: str = Field("", max_length=SHORT_TEXT)
    legislation: Choice | None = None
    policy: Choice | None = None

    def started(self) -> bool:
        return any(str(getattr(self, name) or "").strip() for name in FIELDS)

    def complete(self) -> bool:
        return all(str(getattr(self, name) or "").strip() for name in FIELDS)


class FrameworkMap(Answers):
    forms: dict[str, FormEntry] = Field(default_factory=dict)
    notes: str = Field("", max_length=LONG_TEXT)

    @field_validator("forms")
    @classmethod
    def _known_forms(cls, value: dict[str, FormEntry]) -> dict[str, FormEntry]:
        return refuse_unknown_keys(value, FORM_KEYS, "participation forms")

    def entry(self, form: str) -> FormEntry:
        return self.forms.get(form) or FormEntry()


# 2. Rules (pure) ---------------------------------------------------------------------------------
# Why forms are weighted: discussion of draft legal acts and written consultation are where the
# public's input meets the text of a decision, so their gaps come first; hearings and discussions
# follow; public councils (standing bodies, set up once) and opinion studies come last.
FORM_WEIGHT = {"draft_acts": 1.0, "written_consultation": 1.0, "public_hearing": 0.5, "public_discussion": 0.5,
               "public_council": 0.25, "public_opinion": 0.0}
# Why issues are weighted: an owner and an enabling rule decide whether a form is used at all; a
# written basis makes the rule checkable; a channel decides who can take part.
# Order of the issues within a form; the law/policy patterns weigh what they weigh in every exercise.
ISSUES = ("no_owner", "neither", "no_and_unknown", "no_basis", "policy_only", "law_only", "no_channel", "unknown",
          "unknown_one", "unchecked")
ISSUE_WEIGHT = {issue: {"no_owner": 3.0, "no_basis": 2.5, "no_channel": 1.5, **PROVISION_PATTERN_WEIGHT}[issue]
                for issue in ISSUES}


@dataclass(frozen=True)
class Gap:
    form: str
    issue: str  # key of ISSUE_WEIGHT; text "framework_map.gap.<issue>" says why it is a gap
    priority: float


# The enabling-provisions pattern of one form: the rule the readiness self-assessment uses too.
provision_issue = provision_pattern


def form_issues(entry: FormEntry) -> list[str]:
    """Every gap of one started form, in the order of ISSUES (empty for an unstarted form)."""
    if not entry.started():
        return []
    found = []
    if not entry.institution.strip():
        found.append("no_owner")
    if not entry.legal_basis.strip():
        found.append("no_basis")
    if entry.channel is None:
        found.append("no_channel")
    provision = provision_issue(entry.legislation, entry.policy)
    if provision is not None:
        found.append(provision)
    return sorted(found, key=ISSUES.index)


def gaps(answers: FrameworkMap) -> list[Gap]:
    """Every gap of every started form, highest priority first.

    priority = issue weight (ISSUE_WEIGHT) + form weight (FORM_WEIGHT); ties keep the order of the
    forms in the law, then the order of ISSUES. Forms not started yet are listed by `unmapped`.
    """
    found = []
    for order, form in enumerate(FORM_KEYS):
        for issue in form_issues(answers.entry(form)):
            priority = ISSUE_WEIGHT[issue] + FORM_WEIGHT[form]
            found.append((-priority, order, ISSUES.index(issue), Gap(form, issue, priority)))
    return [gap for *_key, gap in sorted(found, key=lambda item: item[:3])]


def unmapped(answers: FrameworkMap) -> list[str]:
    """The forms with no answer at all, in the law's order."""
    return [form for form in FORM_KEYS if not answers.entry(form).started()]


def counts(answers: FrameworkMap) -> dict[str, int]:
    """Tally of the Yes / No / Don't know checks (two per form) and of started / complete forms."""
    cells = [getattr(answers.entry(f), c) for f in FORM_KEYS for c in COLUMNS]
    return {"yes": cells.count("yes"), "no": cells.count("no"), "dk": cells.count("dk"),
            "unanswered": cells.count(None), "checks": len(cells),
            "started": sum(answers.entry(f).started() for f in FORM_KEYS),
            "complete": sum(answers.entry(f).complete() for f in FORM_KEYS), "forms": len(FORM_KEYS)}


def _forms_param(forms: list[str]) -> list[str]:
    return [f"t:framework_map.form.{form}" for form in forms]


def framework_map_feedback(answers: FrameworkMap) -> list[Feedback]:
    """Feedback on the whole map; each message says why it matters."""
    tally = counts(answers)
    if tally["started"] == 0:
        return [Feedback("tip", "framework_map.fb.start")]
    items: list[Feedback] = []
    if tally["complete"] == tally["forms"]:
        items.append(Feedback("good", "framework_map.fb.complete"))
    elif tally["started"] == tally["forms"]:
        items.append(Feedback("tip", "framework_map.fb.fill_in", {"complete": tally["complete"], "total": tally["forms"]}))
    else:
        items.append(Feedback("tip", "framework_map.fb.progress",
                              {"started": tally["started"], "complete": tally["complete"], "total": tally["forms"]}))
    entries = {form: answers.entry(form) for form in FORM_KEYS}
    yes_no_basis = [f for f, e in entries.items() if e.legislation == "yes" and not e.legal_basis.strip()]
    if yes_no_basis:
        items.append(Feedback("tip", "framework_map.fb.yes_without_basis", {"forms": _forms_param(yes_no_basis)}))
    basis_but_no = [f for f, e in entries.items() if e.legal_basis.strip() and e.legislation == "no"]
    if basis_but_no:
        items.append(Feedback("tip", "framework_map.fb.basis_but_no", {"forms": _forms_param(basis_but_no)}))
    owner_missing = [f for f, e in entries.items() if e.channel is not None and not e.institution.strip()]
    if owner_missing:
        items.append(Feedback("warning", "framework_map.fb.channel_without_owner", {"forms": _forms_param(owner_missing)}))
    answered = tally["checks"] - tally["unanswered"]
    if tally["dk"] and tally["dk"] * 4 >= answered:
        items.append(Feedback("warning", "framework_map.fb.many_dk", {"dk": tally["dk"]}))
    if answered >= 8 and tally["yes"] == answered:
        items.append(Feedback("warning", "framework_map.fb.all_yes"))
    chosen = [e.channel for e in entries.values() if e.channel is not None]
    if len(chosen) >= 2 and all(c in ONLINE_ONLY_CHANNELS for c in chosen):
        items.append(Feedback("tip", "framework_map.fb.online_only"))
    policy_only = [f for f, e in entries.items() if e.policy == "yes" and e.legislation == "no"]
    law_only = [f for f, e in entries.items() if e.legislation == "yes" and e.policy == "no"]
    if len(policy_only) >= 2:
        items.append(Feedback("tip", "framework_map.fb.policy_ahead", {"forms": _forms_param(policy_only)}))
    if len(law_only) >= 2:
        items.append(Feedback("tip", "framework_map.fb.law_ahead", {"forms": _forms_param(law_only)}))
    owners = Counter(e.institution.strip().casefold() for e in entries.values() if e.institution.strip())
    if len(owners) == 1 and sum(owners.values()) >= 4:
        items.append(Feedback("tip", "framework_map.fb.one_owner"))
    top = list(dict.fromkeys(gap.form for gap in gaps(answers)))[:3]
    if top:
        items.append(Feedback("tip", "framework_map.fb.top_gaps", {"forms": _forms_param(top)}))
    return items


def _value_text(value: str | None, prefix: str, lang: str) -> str:
    return i18n.t(f"{prefix}.{value}", lang) if value else i18n.t("common.not_answered", lang)


def _text(value: str, lang: str) -> str:
    return value.strip() or i18n.t("common.not_answered", lang)


def gap_texts(answers: FrameworkMap, lang: str, limit: int | None = None) -> list[str]:
    """The prioritised gap summary as sentences: form, what is missing, and why it matters."""
    return [i18n.t("framework_map.gap.line", lang, form=i18n.t(f"framework_map.form.{gap.form}", lang),
                   gap=i18n.t(f"framework_map.gap.{gap.issue}", lang))
            for gap in gaps(answers)[:limit]]


def unmapped_text(answers: FrameworkMap, lang: str) -> str:
    """One sentence naming the forms not started yet ("" when every form has an answer)."""
    missing = unmapped(answers)
    if not missing:
        return ""
    return i18n.t("framework_map.unmapped", lang,
                  forms="; ".join(i18n.t(f"framework_map.form.{f}", lang) for f in missing))


def render_framework_map(answers: FrameworkMap, lang: str) -> list[Block]:
    """The section in the strategy draft: the map as a table, then the gap summary and notes."""
    rows = []
    for form in FORM_KEYS:
        entry = answers.entry(form)
        rows.append((i18n.t(f"framework_map.form.{form}", lang), _text(entry.legal_basis, lang),
                     _value_text(entry.channel, "framework_map.channel", lang), _text(entry.institution, lang),
                     _value_text(entry.legislation, "framework_map.choice", lang),
                     _value_text(entry.policy, "framework_map.choice", lang)))
    blocks: list[Block] = [
        Para(i18n.t("framework_map.basis_note", lang)),
        Table(header=tuple(i18n.t(f"framework_map.column.{c}", lang) for c in ("form", *FIELDS)), rows=tuple(rows)),
        Heading(i18n.t("framework_map.gaps", lang), 3),
    ]
    lines = gap_texts(answers, lang)
    blocks.append(Bullets(tuple(lines)) if lines else Para(i18n.t("framework_map.no_gaps", lang)))
    if unmapped(answers):
        blocks.append(Para(unmapped_text(answers, lang)))
    if answers.notes.strip():
        blocks.append(Para(answers.notes, label=i18n.t("framework_map.notes", lang)))
    return blocks


def aggregate_framework_map(entries: list[tuple[str, FrameworkMap]], lang: str) -> list[Block]:
    """Facilitator dashboard: per form, how many participants named a basis, a channel and an owner,
    how they answered the two checks, and the channel chosen most often."""
    if not entries:
        return []
    rows = []
    for form in FORM_KEYS:
        found = [answers.entry(form) for _label, answers in entries]
        channels = Counter(e.channel for e in found if e.channel is not None)
        top = channels.most_common(1)
        checks = Counter(getattr(e, c) for e in found for c in COLUMNS if getattr(e, c) is not None)
        rows.append((i18n.t(f"framework_map.form.{form}", lang),
                     str(sum(bool(e.legal_basis.strip()) for e in found)),
                     str(sum(e.channel is not None for e in found)),
                     str(sum(bool(e.institution.strip()) for e in found)),
                     f"{checks['yes']} / {checks['no']} / {checks['dk']}",
                     i18n.t(f"framework_map.channel.{top[0][0]}", lang) + f" ({top[0][1]})" if top else "—"))
    header = tuple(i18n.t(f"framework_map.dash.{c}", lang)
                   for c in ("form", "basis", "channel", "owner", "checks", "top_channel"))
    gap_count = Counter(gap.form for _label, answers in entries for gap in gaps(answers))
    common = [f"{i18n.t(f'framework_map.form.{form}', lang)}: {n}" for form, n in
              sorted(gap_count.items(), key=lambda kv: (-kv[1], FORM_KEYS.index(kv[0])))]
    return [
        Para(i18n.t("framework_map.dash.summary", lang, n=len(entries))),
        Table(header=header, rows=tuple(rows)),
        Heading(i18n.t("framework_map.dash.gap_counts", lang), 3),
        Bullets(tuple(common)) if common else Para(i18n.t("framework_map.no_gaps", lang)),
    ]


def is_empty(answers: FrameworkMap) -> bool:
    return counts(answers)["started"] == 0 and not answers.notes.strip()


# Worked example (fictitious ministry) -----------------------------------------------------------
# form -> (legal basis (en, az), channel, owner in example_ministry, legislation, policy)
EXAMPLE_FORMS: dict[str, tuple[tuple[str, str], str, str, str, str]] = {
    "draft_acts": (("Law No. 816-IVQ, Art. 19; Cabinet of Ministers Decision No. 172",
                    "816-IVQ nömrəli Qanun, maddə 19; Nazirlər Kabinetinin 172 nömrəli Qərarı"),
                   "egov_portal", "legal_department", "yes", "yes"),
    "written_consultation": (("Law No. 816-IVQ (article to be checked); the ministry's internal consultation "
                              "procedure (fictitious)",
                              "816-IVQ nömrəli Qanun (maddə yoxlanılmalıdır); nazirliyin daxili məsləhətləşmə "
                              "qaydası (uydurma)"),
                             "email", "pr_department", "yes", "dk"),
    "public_hearing": (("Law No. 816-IVQ, Art. 1.0.5; Cabinet of Ministers Decision No. 172",
                        "816-IVQ nömrəli Qanun, maddə 1.0.5; Nazirlər Kabinetinin 172 nömrəli Qərarı"),
                       "hearing_transcript", "pr_department", "yes", "no"),
    "public_discussion": (("Law No. 816-IVQ, Art. 1.0.4", "816-IVQ nömrəli Qanun, maddə 1.0.4"),
                          "social_media", "regional_centres", "yes", "no"),
    "public_council": (("Law No. 816-IVQ, Art. 6.1; Cabinet of Ministers Decision No. 171",
                        "816-IVQ nömrəli Qanun, maddə 6.1; Nazirlər Kabinetinin 171 nömrəli Qərarı"),
                       "ministry_website", "public_council", "yes", "yes"),
    "public_opinion": (("Law No. 816-IVQ (article to be checked)", "816-IVQ nömrəli Qanun (maddə yoxlanılmalıdır)"),
                       "call_centre", "analysis_department", "dk", "no"),
}


def worked_example(lang: str) -> FrameworkMap:
    """The framework map of the fictitious ministry (see `example_ministry`): every form is mapped, and
    the No and Don't know answers on policy show where the ministry's own rules fall short."""
    forms = {form: FormEntry(legal_basis=pick(lang, *basis), channel=channel,
                             institution=example_ministry.name(owner, lang), legislation=legislation, policy=policy)
             for form, (basis, channel, owner, legislation, policy) in EXAMPLE_FORMS.items()}
    notes = pick(lang,
                 "Fictitious example. The articles are those the course cites for Law No. 816-IVQ; the ministry, "
                 "its departments and its internal procedure are invented. First gap to close: an internal rule "
                 "for public hearings and discussions, so the Public Relations Department (fictitious) can plan "
                 "them every year instead of case by case.",
                 "Uydurma nümunə. Maddələr kursun 816-IVQ nömrəli Qanun üçün istinad etdiyi maddələrdir; nazirlik, "
                 "onun şöbələri və daxili qaydası uydurmadır. Bağlanacaq ilk boşluq: ictimai dinləmələr və "
                 "müzakirələr üçün daxili qayda ki, İctimaiyyətlə əlaqələr şöbəsi (uydurma) onları hər dəfə ayrıca "
                 "deyil, hər il planlaşdıra bilsin.")
    return FrameworkMap(forms=forms, notes=notes)


def framework_map_organisations(answers: FrameworkMap) -> list[str]:
    """The institutions named as owners of the forms, each once, in the order of the forms."""
    names = (answers.entry(form).institution.strip() for form in FORM_KEYS)
    return list(dict.fromkeys(name for name in names if name))


# 3. The workbook section ------------------------------------------------------------------------
SECTION = sections.SectionSpec(
    session="s03-legal-frameworks",
    key="framework_map", model=FrameworkMap, version=1, order=30, title_key="framework_map.title",
    render=render_framework_map, aggregate=aggregate_framework_map, is_empty=is_empty,
    example=worked_example, organisations=framework_map_organisations,
)
