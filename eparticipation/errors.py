"""The one error type a course user ever sees.

Loaders, the workbook store and the command line raise `CourseDataError` for every problem a
participant or facilitator can fix themselves. Its message names the file, the row and the column
(where they are known) and says how to fix it, so nobody has to read a pandas traceback.
"""

from __future__ import annotations

from pathlib import Path


class CourseDataError(Exception):
    """A problem with a file or an answer, described for a person, not a programmer."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = self.problem
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.fix:
            text = f"{text}\nHow to fix: {self.fix}"
        return text

    def __str__(self) -> str:
        return self.message
