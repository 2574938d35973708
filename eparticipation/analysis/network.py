"""Session 12: the group's network of institutions and stakeholders, from opt-in shared workbooks.

A two-mode network: participants on one side, the institutions and stakeholders their workbooks
name on the other (whatever each registered section's `SectionSpec.organisations` returns,
the profile's institution included). An organisation named by two or more participants links them.

Names are matched after normalising case and whitespace only: "Ədliyyə  Nazirliyi" and
"ədliyyə nazirliyi" are one organisation, but the Azerbaijani letters are kept ("Ədliyyə" is not
"Edliyye"), and abbreviations are not expanded. The name shown is the spelling used most often (the first
met on a tie). Pure functions: no files, no widgets.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from pydantic import BaseModel

from eparticipation.workbook import sections

MAX_NAME = 200


def name_key(name: str) -> str:
    """The matching key of a name: NFC, whitespace collapsed, case folded; letters kept.

    "İ" (Azerbaijani and Turkish capital dotted I) folds to "i", not to "i" plus a combining dot, so
    "İqtisadiyyat" and "iqtisadiyyat" match; "ı" stays "ı".
    """
    text = " ".join(unicodedata.normalize("NFC", str(name)).split())
    return text.replace("İ", "i").casefold()


def clean_name(name: str) -> str:
    """The name as shown: whitespace collapsed, cut to a readable length."""
    text = " ".join(unicodedata.normalize("NFC", str(name)).split())
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def workbook_organisations(answers: dict[str, BaseModel], *, institutions: bool = True) -> list[str]:
    """Every organisation a workbook's sections name, in section order (the profile's own institution first).

    `institutions=False` skips the profile, so the participant's own institution stays out.
    """
    names = []
    for spec in sections.all_sections():
        if spec.organisations is None or spec.key not in answers or (spec.key == "profile" and not institutions):
            continue
        try:
            names.extend(str(n) for n in spec.organisations(answers[spec.key]))
        except Exception:  # one section's odd answers must not hide the rest of the network
            continue
    return names


@dataclass(frozen=True)
class Network:
    participants: tuple[str, ...]  # labels, in the order given
    organisations: tuple[str, ...]  # display names: most participants first, then by name
    named_by: dict[str, tuple[str, ...]]  # organisation -> participants naming it (in participant order)

    @property
    def links(self) -> list[tuple[str, str]]:
        """(participant, organisation) pairs, one per participant and organisation."""
        return [(p, o) for o in self.organisations for p in self.named_by[o]]

    @property
    def shared(self) -> list[str]:
        """Organisations named by two or more participants, most named first."""
        return [o for o in self.organisations if len(self.named_by[o]) >= 2]

    def participant_pairs(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """{(participant a, participant b): organisations both name}, for every pair that shares one."""
        pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        order = {p: i for i, p in enumerate(self.participants)}
        for organisation in self.shared:
            for a, b in combinations(sorted(self.named_by[organisation], key=order.__getitem__), 2):
                pairs[(a, b)].append(organisation)
        return {pair: tuple(orgs) for pair, orgs in sorted(pairs.items(), key=lambda item: (order[item[0][0]], order[item[0][1]]))}


def build_network(entries: list[tuple[str, list[str]]]) -> Network:
    """(participant label, names the participant's workbook gives) -> the two-mode network.

    A participant who names one organisation twice (e.g. as an owner and as a partner) counts once.
    Participants who name nothing stay in the network, unlinked.
    """
    spellings: dict[str, Counter] = defaultdict(Counter)  # Counter keeps first-met order on ties
    naming: dict[str, dict[str, None]] = defaultdict(dict)  # an ordered set of participants per organisation
    participants = []
    for label, names in entries:
        participants.append(label)
        for name in names:
            key = name_key(name)
            if not key:
                continue
            spellings[key][clean_name(name)] += 1
            naming[key][label] = None
    shown = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    keys = sorted(naming, key=lambda k: (-len(naming[k]), k))
    return Network(participants=tuple(participants), organisations=tuple(shown[k] for k in keys),
                   named_by={shown[k]: tuple(naming[k]) for k in keys})


def group_network(labelled: list[tuple[str, object]], *, institutions: bool = True) -> Network:
    """The network of (label, workbook) pairs (`workbook.bundle.Workbook`: `.profile`, `.sections`).

    `institutions=False` leaves out each participant's own institution (the anonymised dashboard
    hides who works where) and keeps the organisations their answers name.
    """
    return build_network([(label, workbook_organisations({"profile": workbook.profile, **workbook.sections},
                                                         institutions=institutions))
                          for label, workbook in labelled])
