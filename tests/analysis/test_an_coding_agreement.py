import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from eparticipation.analysis.coding_agreement import (
    SAMPLE_SIZE, agreement_with_key, coding_sample, compare_with_key, fictitious_table, kappa_band, pool_codings)
from eparticipation.data.generator import load_text_bank
from eparticipation.errors import CourseDataError

BANK = load_text_bank()


def test_sample_is_seeded_in_the_language_and_includes_ambiguous_comments():
    en, az = coding_sample(BANK, "en"), coding_sample(BANK, "az")
    assert len(en) == len(az) == SAMPLE_SIZE
    assert set(en["language"]) == {"en"} and set(az["language"]) == {"az"}
    assert en["ambiguous"].sum() == SAMPLE_SIZE // 3
    assert list(coding_sample(BANK, "en")["text_id"]) == list(en["text_id"]) == sorted(en["text_id"])
    assert list(coding_sample(BANK, "ru")["text_id"]) == list(en["text_id"])  # no Russian texts: English


def test_sample_refuses_zero_comments():
    with pytest.raises(CourseDataError):
        coding_sample(BANK, "en", n=0)


def test_compare_marks_match_acceptable_differs_and_uncoded():
    key = pd.DataFrame({"text_id": ["a", "b", "c", "d"], "topic": ["human_capital"] * 4,
                        "stance": ["support", "mixed", "support", "concern"],
                        "alt_topic": [None] * 4, "alt_stance": [None, "concern", None, None],
                        "ambiguous": [False, True, False, False]})
    codings = pd.DataFrame({"text_id": ["a", "b", "c", "d"], "topic": ["human_capital"] * 4,
                            "stance": ["support", "concern", "concern", None]})
    compared = compare_with_key(codings, key)
    assert list(compared["stance_result"]) == ["match", "acceptable", "differs", ""]
    found = agreement_with_key(compared, "stance")
    assert found.n_coded == 3 and found.percent == pytest.approx(33.3) and found.percent_acceptable == pytest.approx(66.7)
    assert found.kappa == pytest.approx(round(cohen_kappa_score(["support", "concern", "concern"],
                                                                ["support", "mixed", "support"]), 3))


def test_compare_refuses_unknown_codes_and_comments():
    key = BANK.head(3)
    with pytest.raises(CourseDataError, match="unknown stance"):
        compare_with_key(pd.DataFrame({"text_id": ["T001"], "stance": ["<script>"]}), key)
    with pytest.raises(CourseDataError, match="not in the key"):
        compare_with_key(pd.DataFrame({"text_id": ["X999"], "stance": ["support"]}), key)


def test_nothing_coded_gives_no_kappa():
    compared = compare_with_key(pd.DataFrame(columns=["text_id", "topic", "stance"]), BANK)
    assert agreement_with_key(compared, "topic").kappa is None


def test_kappa_bands_follow_landis_and_koch():
    assert [kappa_band(k) for k in (-0.1, 0.0, 0.2, 0.21, 0.5, 0.7, 0.81, 1.0, None)] == [
        "poor", "slight", "slight", "fair", "moderate", "substantial", "almost_perfect", "almost_perfect", None]


def _fleiss_reference(counts: np.ndarray) -> float:
    """Fleiss (1971) for a constant number of raters per item, written out."""
    n = counts.sum(axis=1)[0]
    p_j = counts.sum(axis=0) / counts.sum()
    p_i = ((counts ** 2).sum(axis=1) - n) / (n * (n - 1))
    return (p_i.mean() - (p_j ** 2).sum()) / (1 - (p_j ** 2).sum())


def test_pooling_gives_pairwise_kappa_fleiss_and_disagreements():
    table = pd.DataFrame({"coder": list("AAAABBBBCCCC"), "text_id": ["1", "2", "3", "4"] * 3,
                          "stance": ["support", "concern", "neutral", "support",
                                     "support", "concern", "support", "support",
                                     "support", "mixed", "neutral", "support"]})
    pooled = pool_codings(table, "stance")
    assert pooled.n_coders == 3 and pooled.n_comments == 4 and pooled.n_disagreed == 2
    ab = pooled.pairwise.iloc[0]
    assert (ab.coder_a, ab.coder_b, ab.n_common, ab.percent) == ("A", "B", 4, 75.0)
    assert ab.kappa == pytest.approx(round(cohen_kappa_score(table.stance[:4], table.stance[4:8]), 3))
    counts = table.groupby(["text_id", "stance"]).size().unstack(fill_value=0).to_numpy()
    assert pooled.fleiss_kappa == pytest.approx(round(_fleiss_reference(counts), 3))
    first = pooled.disagreements.iloc[0]
    assert first.majority_share == pytest.approx(66.7) and "×" in first.codes


def test_pooling_handles_perfect_agreement_missing_codes_and_single_coders():
    table = pd.DataFrame({"coder": ["A", "A", "B", "B", "C"], "text_id": ["1", "2", "1", "2", "3"],
                          "topic": ["great_return", "great_return", "great_return", "great_return", None]})
    pooled = pool_codings(table, "topic")
    assert pooled.fleiss_kappa == 1.0 and pooled.n_disagreed == 0 and pooled.disagreements.empty
    assert pooled.mean_pairwise_kappa == 1.0
    empty = pool_codings(table.head(1), "topic")
    assert empty.fleiss_kappa is None and empty.mean_pairwise_kappa is None


def test_pooling_refuses_unknown_codes_and_dimensions():
    with pytest.raises(CourseDataError, match="unknown topic"):
        pool_codings(pd.DataFrame({"coder": ["A"], "text_id": ["1"], "topic": ["nonsense"]}), "topic")
    with pytest.raises(CourseDataError, match="dimension"):
        pool_codings(pd.DataFrame({"coder": ["A"], "text_id": ["1"], "topic": ["x"]}), "colour")


def test_fictitious_table_follows_its_rules():
    sample = coding_sample(BANK, "en")
    table = fictitious_table(sample)
    assert sorted(table["coder"].unique()) == list("ABCD") and len(table) == 4 * len(sample)
    coder_d = table[table["coder"] == "D"]
    assert coder_d["topic"].nunique() == 1
    pooled = pool_codings(table, "topic")
    kappa_ad = pooled.pairwise.set_index(["coder_a", "coder_b"]).loc[("A", "D"), "kappa"]
    assert kappa_ad == 0.0  # one code everywhere says nothing, whatever the percent agreement
