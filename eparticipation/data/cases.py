"""The eight documented international e-participation cases of Session 4 (`data/cases/`).

One row per case; the classifications (EPI level, policy stage, outcome) and the lesson are the
course authors' reading of the cited sources (see `data/cases/README.md`). `name_az` and `lesson_az`
give the case's name and lesson in Azerbaijani for the Session 4 exercise (drafted by the course team,
awaiting native-speaker review like the i18n catalogues). `year_start` may be empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from eparticipation.data._tables import read_csv_table, validate
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

CASES_FILE = ("cases", "international_cases.csv")
EPI_LEVELS = ("e-information", "e-consultation", "e-decision-making")
POLICY_STAGES = ("issue identification", "formulation", "decision-making", "implementation", "evaluation")
SCALES = ("national", "city", "parliament")
OUTCOMES = ("implemented", "partly implemented", "not implemented", "ongoing")
COLUMNS = ("case_id", "name", "name_az", "country", "year_start", "epi_level", "policy_stage", "scale", "method",
           "participants_or_volume", "outcome", "outcome_summary", "lesson", "lesson_az", "source_keys")
CASES_ATTRIBUTION = (
    "Source: course authors' compilation of documented cases (data/cases); EPI level, policy stage and "
    "outcome are the authors' classification"
)
_KEY = re.compile(r"^[A-Za-z0-9_:-]+$")


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True, **kwargs)


def _one_of(values: tuple[str, ...], what: str) -> pa.Column:
    return pa.Column(str, pa.Check.isin(values, error=f"{what} must be one of: {', '.join(values)}"),
                     nullable=False, coerce=True)


CASES_SCHEMA = pa.DataFrameSchema(
    {
        "case_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$", error="a case_id uses a-z, 0-9 and _ only"),
                             unique=True, nullable=False, coerce=True),
        "name": _text(),
        "name_az": _text(),
        "country": _text(),
        # Nullable integer: an empty cell stays empty (<NA>) instead of turning the column into floats.
        "year_start": pa.Column("Int64", pa.Check.in_range(1990, 2030, error="a start year between 1990 and 2030"),
                                nullable=True, coerce=True),
        "epi_level": _one_of(EPI_LEVELS, "epi_level"),
        "policy_stage": _one_of(POLICY_STAGES, "policy_stage"),
        "scale": _one_of(SCALES, "scale"),
        "method": _text(),
        "participants_or_volume": _text(),
        "outcome": _one_of(OUTCOMES, "outcome"),
        "outcome_summary": _text(),
        "lesson": _text(),
        "lesson_az": _text(),
        "source_keys": _text(),
    },
    strict=False,
    name="international cases",
)


def source_key_list(value: str) -> list[str]:
    """'a;b; c' -> ['a', 'b', 'c'] (the citation keys of one case)."""
    return [key.strip() for key in str(value).split(";") if key.strip()]


def load_international_cases(path: str | Path | None = None) -> pd.DataFrame:
    """The case table, validated: one row per case, in file order, with the columns of `COLUMNS`.

    Raises `CourseDataError` naming the file, row and column of the first problem.
    """
    path = Path(path) if path is not None else data_path(*CASES_FILE)
    fix = "Restore data/cases/international_cases.csv from the course repository, or correct the cell as described in data/cases/README.md."
    frame = read_csv_table(path, what="international cases", required=list(COLUMNS))
    frame = validate(frame[list(COLUMNS)], CASES_SCHEMA, path=path, what="international cases", fix=fix)
    for position, value in enumerate(frame["source_keys"]):
        keys = source_key_list(value)
        bad = [key for key in keys if not _KEY.match(key)]
        if not keys or bad:
            raise CourseDataError(
                f"the source keys {value!r} are not a ';'-separated list of citation keys.",
                file=path, row=position + 2, column="source_keys", fix=fix,
            )
    frame = frame.reset_index(drop=True)
    frame.attrs.update(attribution=CASES_ATTRIBUTION, synthetic=False)
    return frame
