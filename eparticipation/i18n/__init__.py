"""Every word a participant sees, in Azerbaijani and English.

The texts live in `az.json` and `en.json` next to this file (``{"_meta": {...}, "messages": {key:
text}}``); each later exercise may keep its own texts beside them in `<exercise>.az.json` and
`<exercise>.en.json` (``{"messages": {...}}``), merged in at load time. A key defined twice is an error. Code only ever uses keys: ``t("profile.alias", "az")``. Texts may hold ``{name}``
placeholders filled from keyword arguments.

`tests/workbook/test_wb_i18n.py` fails when a key exists in one language but not the other, when a key
used in code is missing, or when placeholders differ. The Azerbaijani catalogue carries
``"needs_native_review": true`` in its `_meta` until a native speaker has checked it.
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
