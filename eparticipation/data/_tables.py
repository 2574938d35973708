"""Reading a CSV a facilitator hands us, and turning every problem into one `CourseDataError`.

Row numbers in messages are the row a spreadsheet shows: the header is row 1, the first data row
is row 2. That is what a facilitator sees when they open the file to fix it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from eparticipation.errors import CourseDataError

SAVE_AS_UTF8 = "Open the file in a spreadsheet or text editor and save it as 'CSV UTF-8 (comma delimited)'."
_DELIMITERS = [",", ";", "\t", "|"]


def read_text(path: str | Path, *, what: str) -> str:
    """The file's text, decoded as UTF-8 (with or without BOM), or a clear error."""
    path = Path(path)
    if not path.exists():
        raise CourseDataError(
            f"the {what} file does not exist.", file=path, fix="Check the folder and the file name (names are case-sensitive)."
        )
    if path.is_dir():
        raise CourseDataError(f"expected the {what} file but found a folder.", file=path, fix="Give the path of the file itself.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CourseDataError(f"the {what} file cannot be read ({error.strerror}).", file=path, fix="Check the file's permissions.") from None
    if not raw.strip():
        raise CourseDataError(f"the {what} file is empty.", file=path, fix="Export the data again; the file has no header and no rows.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CourseDataError("the file is saved as UTF-16, not UTF-8.", file=path, fix=SAVE_AS_UTF8)
    if raw.startswith(b"PK\x03\x04"):  # how every .zip file starts; a Pol.is export often arrives as one
        raise CourseDataError(
            "this is a zip archive, not a CSV file.",
            file=path,
            fix="Unzip it (right-click › Extract all) and give the folder it creates, or one CSV file inside it.",
        )
    if b"\x00" in raw[:65536]:
        raise CourseDataError("the file is not a text (CSV) file: it contains binary data.", file=path, fix=f"Check you chose the right file. {SAVE_AS_UTF8}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise CourseDataError(
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read; the file was probably saved "
            "in a regional encoding such as Windows-1251 or Windows-1254).",
            file=path,
            row=row,
            fix=SAVE_AS_UTF8,
        ) from None


def _pick_delimiter(header_line: str, expected: list[str]) -> str:
    """The delimiter that splits the header into the most expected column names (comma on ties)."""
    def score(delimiter: str) -> int:
        names = {name.strip().strip('"') for name in header_line.split(delimiter)}
        return len(names & set(expected))

    return max(_DELIMITERS, key=lambda d: (score(d), d == ","))


def read_csv_table(
    path: str | Path,
    *,
    what: str,
    required: list[str],
) -> pd.DataFrame:
    """A CSV as text columns (the schema coerces types), after checking encoding, delimiter, header and shape.

    Comma, semicolon, tab or pipe delimiters are detected from the header (spreadsheets in many
    locales save with semicolons). Columns are checked here so the message can list what is missing.
    """
    path = Path(path)
    text = read_text(path, what=what)
    first_line = text.split("\n", 1)[0]
    delimiter = _pick_delimiter(first_line, required)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,  # "NA" or "None" in a comment is text, not a missing value
            na_values=[""],
        )
    except pd.errors.EmptyDataError:
        raise CourseDataError(f"the {what} file is empty.", file=path, fix="Export the data again.") from None
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        match = re.search(r"line (\d+)", str(error))
        raise CourseDataError(
            f"the {what} file cannot be read as a table ({str(error).strip().splitlines()[-1]}).",
            file=path,
            row=int(match.group(1)) if match else None,
            fix="A row has more cells than the header, or a quote is not closed. Open the file and repair that row.",
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:12]))
        raise CourseDataError(
            f"the {what} file has no column {', '.join(repr(m) for m in missing)} (found: {found}).",
            file=path,
            column=missing[0],
            fix=f"The file needs the columns {', '.join(required)}, named exactly like that in the first row.",
        )
    if frame.empty:
        raise CourseDataError(
            f"the {what} file has a header but no data rows.", file=path, row=2, fix="Export the data again, with its rows."
        )
    return frame


_CHECK_PRIORITY = ("column_in_dataframe", "coerce_dtype", "dtype", "not_nullable", "field_uniqueness")


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, *, path: str | Path, what: str, fix: str) -> pd.DataFrame:
    """`schema.validate`, with the first failure reported as a `CourseDataError` (file, row, column).

    Failures are reported in a useful order: a missing column before a value that is not a number,
    before a value outside its range, so the facilitator fixes the root cause first.
    """
    try:
        return schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases.copy()
        cases["priority"] = [
            next((i for i, name in enumerate(_CHECK_PRIORITY) if str(check).startswith(name)), len(_CHECK_PRIORITY))
            for check in cases["check"]
        ]
        cases["position"] = pd.to_numeric(cases["index"], errors="coerce")
        first = cases.sort_values(["priority", "position"], na_position="first").iloc[0]
        raise _schema_error(first, path=path, what=what, fix=fix) from None
    except pandera.errors.SchemaError as error:  # raised by dataframe-wide checks even when lazy
        raise CourseDataError(f"the {what} file failed a check: {error}", file=path, fix=fix) from None


def _schema_error(case: pd.Series, *, path, what: str, fix: str) -> CourseDataError:
    check = str(case["check"])
    column = None if pd.isna(case["column"]) or case["column"] is None else str(case["column"])
    row = None if pd.isna(case["position"]) else int(case["position"]) + 2
    value = case["failure_case"]
    if check.startswith("column_in_dataframe"):
        return CourseDataError(f"the {what} file has no column '{value}'.", file=path, column=str(value), fix=fix)
    if check.startswith(("coerce_dtype", "dtype")) and (value is None or (isinstance(value, float) and value != value)):
        return CourseDataError("this cell is empty but a value is required.", file=path, row=row, column=column, fix=fix)
    if check.startswith(("coerce_dtype", "dtype")):
        return CourseDataError(f"the value {value!r} is not of the expected type ({check}).", file=path, row=row, column=column, fix=fix)
    if check.startswith("not_nullable"):
        return CourseDataError("this cell is empty but a value is required.", file=path, row=row, column=column, fix=fix)
    if check.startswith("field_uniqueness"):
        return CourseDataError(f"the value {value!r} appears more than once; each must be unique.", file=path, row=row, column=column, fix=fix)
    return CourseDataError(f"the value {value!r} fails the check: {check}.", file=path, row=row, column=column, fix=fix)
