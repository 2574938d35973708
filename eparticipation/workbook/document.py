"""A tiny document model that every output shares: the canvas, Markdown, Word and the dashboard.

A section turns its answers into a list of blocks; each output format renders the blocks and
escapes the participant's text in its own way (HTML entities, Markdown backslashes, plain Word runs).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    """A chart: a plotly figure (drawn only on the dashboard) and its text summary, which the canvas,
    Word and Markdown print. A worksheet's own section passes `figure=None`: the strategy draft shows
    its charts in words, so exporting never builds a figure it would not draw."""

    figure: Any
    summary: str = ""


Block = Heading | Para | Bullets | Table | Figure
