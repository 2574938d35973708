"""What every course notebook calls first: `from eparticipation import course; course.setup()`.

It sets the chart theme and renderer, the table display, and shows course errors as a short message
(what is wrong, where, how to fix) instead of a Python traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from eparticipation import charts
from eparticipation.errors import CourseDataError
from eparticipation.paths import WORKBOOK_ENV, workbook_dir

# Set by the book build, nbval and CI: answers go to a throw-away folder, and outputs say so
# instead of printing a machine-specific path.
DEMO_ENV = "EPARTICIPATION_DEMO"


def setup() -> None:
    """Prepare a notebook for the course. Safe to run more than once."""
    charts.setup()
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 30)
    _show_course_errors_briefly()


def _show_course_errors_briefly() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        # A participant needs the message, not the call stack that led to it.
        print(f"Problem: {value}", file=sys.stderr)
        return [f"{etype.__name__}: {value}"]

    shell.set_custom_exc((CourseDataError,), handler)


def is_demo_run() -> bool:
    return os.environ.get(DEMO_ENV, "") == "1"


def workbook_location() -> str:
    """A sentence telling the participant where their answers are saved."""
    if is_demo_run():
        return (
            "This is a demonstration run (the book build or a test): answers go to a temporary folder "
            "that is deleted afterwards. In JupyterLab, your own answers are kept in your workbook folder."
        )
    folder = workbook_dir()
    try:
        shown = "~/" + folder.relative_to(Path.home()).as_posix()
    except ValueError:
        shown = str(folder)
    how = f"set by the {WORKBOOK_ENV} setting" if os.environ.get(WORKBOOK_ENV) else "the default location"
    return f"Your answers are saved in the folder {shown} ({how}), one file per exercise."
