"""Where things live. One place, so notebooks in any folder find the data and the workbook."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

# The participant's workbook folder. The book build, nbval and CI set this variable to a
# temporary demo folder so they never touch a real participant's answers.
WORKBOOK_ENV = "EPARTICIPATION_WORKBOOK"
DEFAULT_WORKBOOK_DIR = Path.home() / "eparticipation-workbook"


def data_path(*parts: str) -> Path:
    """Path of a file under the repository's `data/` folder."""
    return DATA_DIR.joinpath(*parts)


def workbook_dir() -> Path:
    """The workbook folder: $EPARTICIPATION_WORKBOOK, else ~/eparticipation-workbook."""
    configured = os.environ.get(WORKBOOK_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_WORKBOOK_DIR
