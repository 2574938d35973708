"""Feedback items: what pure rule functions return (the widgets show them: `exercises.base.feedback_html`).

A rule never returns prose; it returns a `Feedback` with an i18n key and parameters, so the same
rule speaks Azerbaijani and English and can be unit-tested without widgets. Every feedback text in
the catalogue says *why*, not only *what*.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eparticipation import i18n

LEVELS = ("good", "tip", "warning")


# Shared by the exercises that ask Yes / No / Don't know for legislation and for policy (readiness,
# framework map): which answer pattern is a gap, and how much it weighs. Neither law nor policy
# weighs most; a Don't know beside a Yes least.
PROVISION_PATTERN_WEIGHT = {"neither": 3.0, "no_and_unknown": 2.5, "policy_only": 2.0, "law_only": 2.0,
                            "unknown": 1.5, "unknown_one": 1.0, "unchecked": 1.0}


def provision_pattern(legislation: str | None, policy: str | None) -> str | None:
    """The gap pattern of a (legislation, policy) answer pair, each "yes", "no", "dk" or None.

    None when there is no gap (Yes in one or both columns, nothing against it); "unchecked" when
    neither column is answered.
    """
    pair = (legislation, policy)
    if pair == (None, None):
        return "unchecked"
    if "no" not in pair and "dk" not in pair:
        return None
    if pair == ("no", "no"):
        return "neither"
    if "yes" in pair and "no" in pair:
        return "policy_only" if policy == "yes" else "law_only"
    if "yes" in pair and "dk" in pair:
        return "unknown_one"
    if "no" in pair:  # No + Don't know, or No + unanswered
        return "no_and_unknown"
    return "unknown"  # Don't know (+ Don't know or unanswered)


@dataclass(frozen=True)
class Feedback:
    level: str  # "good" | "tip" | "warning"
    key: str  # i18n key of the message (the message explains why)
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"feedback level must be one of {LEVELS}")

    def text(self, lang: str) -> str:
        return i18n.t(self.key, lang, **{k: _param(v, lang) for k, v in self.params.items()})


def _param(value, lang: str):
    """Parameters written "t:<key>" are i18n keys; lists of them are joined with '; '; an
    `i18n.Localized` text (e.g. a case name from the case table) is given in `lang`."""
    if isinstance(value, i18n.Localized):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_param(v, lang)).rstrip(".") for v in value)
    if isinstance(value, str) and value.startswith("t:"):
        return i18n.t(value[2:], lang)
    return value
