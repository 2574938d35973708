import re

import pytest

from eparticipation.data.cases import (
    COLUMNS, EPI_LEVELS, OUTCOMES, POLICY_STAGES, SCALES, load_international_cases, source_key_list,
)
from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT, data_path

HEADER = ",".join(COLUMNS)
GOOD = ("c_one,One,Bir,Testland,2015,e-consultation,formulation,national,online,\"1,000 people\",implemented,"
        "It worked.,A lesson.,Bir dərs.,keya;keyb")


def table(*rows: str) -> str:
    return HEADER + "\n" + "\n".join(rows) + "\n"


def test_real_table_has_eight_cases_in_file_order():
    cases = load_international_cases()
    assert list(cases.columns) == list(COLUMNS)
    assert len(cases) == 8
    assert cases["case_id"].iloc[0] == "vtaiwan_uber" and cases["case_id"].iloc[-1] == "br_marco_civil"
    assert cases["case_id"].is_unique
    assert cases.attrs["synthetic"] is False and "course authors" in cases.attrs["attribution"]


def test_blank_year_stays_missing_and_years_stay_integers():
    cases = load_international_cases().set_index("case_id")
    assert str(cases["year_start"].dtype) == "Int64"
    assert cases.loc["br_marco_civil", "year_start"] == 2009  # the Ministry of Justice's consultation began in 2009
    assert cases.loc["is_constitution", "year_start"] == 2011
    assert cases.loc["kr_epeople", "year_start"] == 2005


def test_classifications_use_the_documented_categories():
    cases = load_international_cases()
    assert set(cases["epi_level"]) <= set(EPI_LEVELS)
    assert set(cases["policy_stage"]) <= set(POLICY_STAGES)
    assert set(cases["scale"]) <= set(SCALES)
    assert set(cases["outcome"]) <= set(OUTCOMES)
    assert cases.set_index("case_id").loc["is_constitution", "outcome"] == "not implemented"


def test_every_source_key_is_in_the_bibliography():
    bib = (REPO_ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    known = set(re.findall(r"@\w+\{([^,\s]+),", bib))
    used = {key for value in load_international_cases()["source_keys"] for key in source_key_list(value)}
    assert len(used) >= 20
    assert sorted(used - known) == []


def test_source_key_list_splits_and_trims():
    assert source_key_list("a; b ;c;") == ["a", "b", "c"]
    assert source_key_list("") == []


def test_default_path_is_the_repository_file():
    assert data_path("cases", "international_cases.csv").is_file()


def test_small_valid_file_loads(write):
    cases = load_international_cases(write("c.csv", table(GOOD)))
    assert cases["participants_or_volume"].iloc[0] == "1,000 people"
    assert cases["year_start"].iloc[0] == 2015


def test_unknown_epi_level_names_row_and_column(write):
    bad = GOOD.replace("e-consultation", "e-voting")
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD.replace("c_one", "c_two"), bad)))
    assert caught.value.row == 3 and caught.value.column == "epi_level"
    assert "c.csv" in str(caught.value)


def test_year_that_is_not_a_number_is_refused(write):
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD.replace(",2015,", ",2015a,"))))
    assert caught.value.column == "year_start" and caught.value.row == 2


def test_implausible_year_is_refused(write):
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD.replace(",2015,", ",1815,"))))
    assert caught.value.column == "year_start"


def test_duplicate_case_id_is_refused(write):
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD, GOOD)))
    assert caught.value.column == "case_id"
    assert "more than once" in caught.value.problem


def test_missing_column_is_named(write):
    text = table(GOOD).replace(",source_keys", ",sources")
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", text))
    assert caught.value.column == "source_keys"


def test_empty_required_text_is_refused(write):
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD.replace("A lesson.", ""))))
    assert caught.value.column == "lesson" and caught.value.row == 2


def test_source_keys_must_be_citation_keys(write):
    with pytest.raises(CourseDataError) as caught:
        load_international_cases(write("c.csv", table(GOOD.replace("keya;keyb", "see the web site"))))
    assert caught.value.column == "source_keys" and caught.value.row == 2
