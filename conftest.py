"""Test-wide set-up, shared by the unit tests and the notebook checks (nbval).

- Every test run writes answers to a throw-away demo workbook, never a participant's folder.
- nbval checks exactly the notebooks the book's table of contents lists, with their stored outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

from eparticipation.book.notebooks import demo_environment, toc_notebooks

os.environ.update(demo_environment())

_BOOK_NOTEBOOKS = {p.resolve() for p in toc_notebooks()}


def pytest_ignore_collect(collection_path: Path, config):
    if collection_path.suffix == ".ipynb":
        return collection_path.resolve() not in _BOOK_NOTEBOOKS
    return None
