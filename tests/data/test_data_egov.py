import subprocess
import sys

import pandas as pd
import pytest

from eparticipation.data.egov import EGOV_ATTRIBUTION, EGOV_COLUMNS, SURVEY_YEARS, load_egov_panel
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path


@pytest.fixture(scope="module")
def panel():
    return load_egov_panel()


def test_panel_is_tidy_with_the_documented_columns(panel):
    assert list(panel.columns) == EGOV_COLUMNS
    assert not panel.duplicated(["country_code", "year"]).any()
    assert sorted(panel["year"].unique()) == list(SURVEY_YEARS)
    assert panel.groupby("year").size().max() == 193


def test_values_are_exactly_as_published(panel):
    raw = pd.read_csv(data_path("egov", "un_egov_survey_2003_2024_tidy.csv"))
    merged = raw.merge(panel, on=["country_code", "year"], suffixes=("_raw", ""))
    assert len(merged) == len(raw)
    for column in ["egdi", "epi", "osi", "hci", "tii", "egdi_rank", "epi_rank_computed"]:
        assert (merged[column] == merged[f"{column}_raw"]).all(), column


def test_azerbaijan_2024_matches_provenance_table(panel):
    row = panel[(panel.country_code == "AZE") & (panel.year == 2024)].iloc[0]
    assert (row.egdi, row.epi, row.egdi_rank, row.epi_rank_computed) == (0.76073, 0.4932, 74, 88)


def test_attribution_and_caveats_travel_with_the_frame(panel):
    assert panel.attrs["attribution"] == EGOV_ATTRIBUTION
    assert "not an official UN rank" in panel.attrs["caveat"]
    assert "permission" in panel.attrs["licence"]
    assert EGOV_ATTRIBUTION.startswith("Source: UN DESA")


def _broken_copy(tmp_path, edit):
    text = data_path("egov", "un_egov_survey_2003_2024_tidy.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    edit(lines)
    path = tmp_path / "egov.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_out_of_range_index_names_row_and_column(tmp_path):
    def edit(lines):
        cells = lines[5].split(",")
        cells[6] = "1.7"  # epi
        lines[5] = ",".join(cells)

    with pytest.raises(CourseDataError) as error:
        load_egov_panel(_broken_copy(tmp_path, edit))
    assert error.value.row == 6 and error.value.column == "epi"


def test_missing_column_is_named(tmp_path):
    def edit(lines):
        lines[0] = lines[0].replace("tii", "telecom")

    with pytest.raises(CourseDataError) as error:
        load_egov_panel(_broken_copy(tmp_path, edit))
    assert error.value.column == "tii"


def test_duplicate_country_year_is_refused(tmp_path):
    with pytest.raises(CourseDataError, match="more than once|unique"):
        load_egov_panel(_broken_copy(tmp_path, lambda lines: lines.append(lines[1])))


def test_importing_the_data_package_loads_no_heavy_library():
    code = "import sys, eparticipation.data; print('pandas' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_georgia_is_shown_as_georgia_the_file_is_unchanged():
    from eparticipation.data import load_egov_panel
    from eparticipation.paths import data_path

    panel = load_egov_panel()
    assert set(panel.loc[panel["country_code"] == "GEO", "country"]) == {"Georgia"}
    assert not panel["country"].str.contains("(Country)", regex=False).any()
    assert "Georgia (Country)" in data_path("egov", "un_egov_survey_2003_2024_tidy.csv").read_text(encoding="utf-8")
