"""Writing CSV files people will open in a spreadsheet: UTF-8, and no cell that runs as a formula."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """`frame` as UTF-8 CSV with every text cell neutralised; numbers are left alone (−1 stays −1)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]) or isinstance(safe[column].dtype, pd.CategoricalDtype):
            if isinstance(safe[column].dtype, pd.CategoricalDtype):
                safe[column] = safe[column].cat.rename_categories([neutralise_formula(c) if isinstance(c, str) else c for c in safe[column].cat.categories])
            else:
                safe[column] = safe[column].map(neutralise_formula)
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
