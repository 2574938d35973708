"""The section registry: the workbook's sections, registered from above, generic here.

The store validates files against the registered model, and the canvas, export and dashboard walk
`all_sections()` in `order`, so an exercise added by a later chapter appears everywhere without
touching this package. The workbook knows no exercise: the course's worksheets register their
sections (`eparticipation/worksheets/__init__.py`, one line per exercise), e.g.::

    SECTION = SectionSpec(session="s09-strategy-design", key="stakeholders", model=StakeholderMap,
                          version=1, order=90, title_key="stakeholders.title", render=render_stakeholders)

`order` is the session number × 10 (the profile is 0), so the strategy draft follows the course.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pydantic import BaseModel

from eparticipation.workbook.document import Block
from eparticipation.workbook.safety import SECTION_KEY

Migration = Callable[[dict], dict]


@dataclass(frozen=True)
class SectionSpec:
    """Everything the workbook needs to know about one exercise's section.

    session    id of the session (book/schedule.yml) whose exercise fills this section
    key        file name stem on disk (`<key>.json`): lower-case letters, digits, underscores
    model      pydantic model of the answers; its defaults are the empty exercise
    version    current schema version; bump it when the model changes and add a migration
    order      position in the canvas and the exported strategy (profile is 0)
    title_key  i18n key of the section title (also the heading in Word/Markdown)
    render     (answers, lang) -> blocks, for canvas and export
    migrations {old_version: function(old data dict) -> data dict of old_version + 1}
    aggregate  optional (list of (participant label, answers), lang) -> blocks, for the dashboard
    is_empty   optional answers -> bool; empty sections are left out of exports
    example    optional lang -> answers: the worked example for a fictitious ministry (labelled so),
               shown where an exercise has no single right answer and used by the complete sample workbook
    organisations optional answers -> names of the institutions and stakeholders the answers name,
               for the group's network view (Session 12)
    """

    session: str
    key: str
    model: type[BaseModel]
    version: int
    order: int
    title_key: str
    render: Callable[[BaseModel, str], list[Block]]
    migrations: dict[int, Migration] = field(default_factory=dict)
    aggregate: Callable[[list[tuple[str, BaseModel]], str], list[Block]] | None = None
    is_empty: Callable[[BaseModel], bool] | None = None
    example: Callable[[str], BaseModel] | None = None
    organisations: Callable[[BaseModel], list[str]] | None = None

    def empty(self, answers: BaseModel) -> bool:
        if self.is_empty is not None:
            return self.is_empty(answers)
        return answers == self.model()


_REGISTRY: dict[str, SectionSpec] = {}


def register(spec: SectionSpec) -> SectionSpec:
    """Add (or, on module reload, replace) a section."""
    if not SECTION_KEY.match(spec.key):
        raise ValueError(f"section key {spec.key!r} must match {SECTION_KEY.pattern}")
    for version in range(1, spec.version):
        if version not in spec.migrations:
            raise ValueError(f"section {spec.key!r} lacks a migration from version {version}")
    _REGISTRY[spec.key] = spec
    return spec


def _registered() -> dict[str, SectionSpec]:
    # Without the course's sections, a bundle would silently lose every answer it holds: fail loudly.
    if not _REGISTRY:
        raise RuntimeError("no workbook sections are registered: import eparticipation.worksheets first")
    return _REGISTRY


def get(key: str) -> SectionSpec | None:
    return _registered().get(key)


def all_sections() -> list[SectionSpec]:
    return sorted(_registered().values(), key=lambda spec: (spec.order, spec.key))
