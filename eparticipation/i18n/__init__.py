"""Every word a participant sees, in Azerbaijani and English.

The texts shared by every exercise (workbook tools, saving, reset, canvas, dashboard, export) live in
`az.json` and `en.json` next to this file (``{"_meta": {...}, "messages": {key: text}}``); each
exercise keeps its own texts beside them in `<worksheet key>.az.json` and `<worksheet key>.en.json`
(e.g. `readiness.az.json`), merged in at load time. A key defined twice is an error. Code only ever
uses keys: ``t("profile.alias", "az")``. Texts may hold ``{name}`` placeholders filled from keyword
arguments.

`tests/workbook/test_wb_i18n.py` fails when a key exists in one language but not the other, when a key
used in code is missing, or when placeholders differ. Every catalogue file has a `_meta` block; each
Azerbaijani one carries ``"needs_native_review": true`` until a native speaker has checked it, and
`review_note(lang)` gives the notice the exercises, the canvas and the Word draft show while any
file of that language is still flagged. `terms.yml` is the course's term list (one Azerbaijani term
per concept); `tests/workbook/test_wb_terms.py` fails when a catalogue or the glossary uses a
rejected variant.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("az", "en")
DEFAULT_LANGUAGE = "en"
_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _load(lang: str) -> dict:
    with open(_HERE / f"{lang}.json", encoding="utf-8") as handle:
        merged = json.load(handle)
    for extra in sorted(_HERE.glob(f"*.{lang}.json")):
        with open(extra, encoding="utf-8") as handle:
            messages = json.load(handle)["messages"]
        clash = sorted(set(messages) & set(merged["messages"]))
        if clash:
            raise ValueError(f"{extra.name} defines keys already defined elsewhere: {', '.join(clash)}")
        merged["messages"].update(messages)
    return merged


def catalogue_files(lang: str) -> list[Path]:
    """The catalogue files of one language: `<lang>.json`, then `<exercise>.<lang>.json` in name order."""
    lang = normalise(lang)
    return [_HERE / f"{lang}.json", *sorted(_HERE.glob(f"*.{lang}.json"))]


@lru_cache(maxsize=None)
def review_pending(lang: str) -> tuple[str, ...]:
    """The names of the catalogue files of `lang` still flagged `needs_native_review`."""
    pending = []
    for path in catalogue_files(lang):
        with open(path, encoding="utf-8") as handle:
            if json.load(handle).get("_meta", {}).get("needs_native_review", True):
                pending.append(path.name)
    return tuple(pending)


def review_note(lang: str | None) -> str | None:
    """The "not yet reviewed by a native speaker" notice, or None when every file of `lang` is reviewed."""
    return t("review.pending", lang) if review_pending(normalise(lang)) else None


class Localized(str):
    """A text with translations that behaves as its English text (e.g. a case name from the case
    table); `text(lang)` gives the translation, falling back to English."""

    translations: dict[str, str]

    def __new__(cls, en: str, **translations: str) -> "Localized":
        obj = super().__new__(cls, en)
        obj.translations = {normalise(k): v for k, v in translations.items() if v and str(v).strip()}
        return obj

    def text(self, lang: str | None) -> str:
        return self.translations.get(normalise(lang), str(self))


def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language (key -> text)."""
    return dict(_load(normalise(lang))["messages"])


def metadata(lang: str) -> dict:
    """The catalogue's `_meta` block (language name, review status, notes)."""
    return dict(_load(normalise(lang))["_meta"])


def normalise(lang: str | None) -> str:
    """'az', 'AZ', 'az-Latn' -> 'az'; anything unknown -> the default language."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **params) -> str:
    """The text for `key` in `lang`, falling back to English, then to the key itself."""
    messages = _load(normalise(lang))["messages"]
    text = messages.get(key)
    if text is None:
        text = _load(DEFAULT_LANGUAGE)["messages"].get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has(key: str, lang: str | None = None) -> bool:
    return key in _load(normalise(lang))["messages"]
