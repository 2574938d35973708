"""A tiny document model that every output shares: the canvas, Markdown, Word and the dashboard.

A section turns its answers into a list of blocks; each output format renders the blocks and
escapes the participant's text in its own way (HTML entities, Markdown backslashes, plain Word runs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3


@dataclass(frozen=True)
class Para:
    text: str
    label: str = ""  # optional bold lead-in, e.g. "Institution"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A plotly figure (dashboard and canvas only); Word and Markdown print `summary` instead."""

    figure: Any
    summary: str = ""
    extra: dict = field(default_factory=dict)


Block = Heading | Para | Bullets | Table | Figure
