"""The section registry: each exercise registers its section once, and everything else follows.

The store validates files against the registered model, and the canvas, export and aggregation
walk `all_sections()` in `order`, so an exercise added by a later chapter appears everywhere
without touching this package.

To add a section (see `eparticipation/exercises/readiness.py` for a full example)::

    register(SectionSpec(key="stakeholders", model=StakeholderMap, version=1, order=30,
                         title_key="stakeholders.title", render=render_stakeholders))
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from pydantic import BaseModel

from eparticipation.workbook.document import Block
from eparticipation.workbook.safety import SECTION_KEY

Migration = Callable[[dict], dict]


@dataclass(frozen=True)
class SectionSpec:
    """Everything the workbook needs to know about one exercise's section.

    key        file name stem on disk (`<key>.json`): lower-case letters, digits, underscores
    model      pydantic model of the answers; its defaults are the empty exercise
    version    current schema version; bump it when the model changes and add a migration
    order      position in the canvas and the exported strategy (profile is 0)
    title_key  i18n key of the section title (also the heading in Word/Markdown)
    render     (answers, lang) -> blocks, for canvas and export
    migrations {old_version: function(old data dict) -> data dict of old_version + 1}
    aggregate  optional (list of (participant label, answers), lang) -> blocks, for the dashboard
    is_empty   optional answers -> bool; empty sections are left out of exports
    """

    key: str
    model: type[BaseModel]
    version: int
    order: int
    title_key: str
    render: Callable[[BaseModel, str], list[Block]]
    migrations: dict[int, Migration] = field(default_factory=dict)
    aggregate: Callable[[list[tuple[str, BaseModel]], str], list[Block]] | None = None
    is_empty: Callable[[BaseModel], bool] | None = None

    def empty(self, answers: BaseModel) -> bool:
        if self.is_empty is not None:
            return self.is_empty(answers)
        return answers == self.model()


_REGISTRY: dict[str, SectionSpec] = {}
_LOADED = False


def register(spec: SectionSpec) -> SectionSpec:
    """Add (or, on module reload, replace) a section."""
    if not SECTION_KEY.match(spec.key):
        raise ValueError(f"section key {spec.key!r} must match {SECTION_KEY.pattern}")
    for version in range(1, spec.version):
        if version not in spec.migrations:
            raise ValueError(f"section {spec.key!r} lacks a migration from version {version}")
    _REGISTRY[spec.key] = spec
    return spec


def _ensure_loaded() -> None:
    """Import the workbook's core model and every exercise so that all sections are registered."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        importlib.import_module("eparticipation.workbook.models")
        importlib.import_module("eparticipation.exercises")


def get(key: str) -> SectionSpec | None:
    _ensure_loaded()
    return _REGISTRY.get(key)


def all_sections() -> list[SectionSpec]:
    _ensure_loaded()
    return sorted(_REGISTRY.values(), key=lambda spec: (spec.order, spec.key))
