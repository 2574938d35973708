"""Coding free-text comments: a participant's codes against the key, and a table's codes against each other.

Used by the Session 7 coding exercise (`eparticipation.worksheets.coding`) on the SYNTHETIC text bank
(`eparticipation.data.generator.load_text_bank`): each comment has a topic and a stance in the key,
and for comments the course team marked ambiguous an alternative topic or stance that also counts
as acceptable.

Agreement is shown three ways, because each answers a different question:

- percent agreement: the share of comments coded the same way (easy to read, but flattered by chance);
- Cohen's kappa (scikit-learn's `cohen_kappa_score`): agreement beyond what chance alone would give,
  1 = perfect, 0 = no better than chance, below 0 = worse than chance;
- for the table, Fleiss' kappa (one figure for several coders; comments may be coded by different
  numbers of coders) and the mean of every pair's Cohen's kappa.

Kappa in words follows Landis and Koch (1977)'s bands (slight, fair, moderate, substantial, almost
perfect); they are a convention, not a test.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from eparticipation.data.generator import TOPICS
from eparticipation.errors import CourseDataError

STANCES = ("support", "concern", "mixed", "neutral")
DIMENSIONS = {"topic": TOPICS, "stance": STANCES}
SAMPLE_SIZE = 12  # comments per participant: enough to see kappa move, small enough for 15 minutes
SAMPLE_SEED = 7  # the same sample for everyone in a language, so a table can pool its codings
# Landis & Koch (1977): below 0 "poor", then the upper bound of each band and its name
KAPPA_BANDS = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"), (1.0, "almost_perfect"))


def coding_sample(bank: pd.DataFrame, lang: str, *, n: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """`n` comments of the text bank in `lang` (English where the bank has none in it), in text_id order.

    A third of them are ones the key marks ambiguous, so every sample shows why coders can disagree.
    Same `lang`, `n` and `seed` give the same comments.
    """
    if n < 1:
        raise CourseDataError(f"the sample needs at least one comment (got {n}).", fix="Use e.g. n=12.")
    language = lang if (bank["language"] == lang).any() else "en"
    pool = bank[bank["language"] == language]
    ambiguous = pool[pool["ambiguous"]]
    n_ambiguous = min(len(ambiguous), n // 3)
    chosen = pd.concat([ambiguous.sample(n_ambiguous, random_state=seed),
                        pool[~pool["ambiguous"]].sample(min(n - n_ambiguous, int((~pool["ambiguous"]).sum())),
                                                        random_state=seed)])
    return chosen.sort_values("text_id").reset_index(drop=True)


def _check_codes(codes: pd.Series, dimension: str) -> None:
    unknown = sorted(set(codes.dropna()) - set(DIMENSIONS[dimension]))
    if unknown:
        raise CourseDataError(f"unknown {dimension} code(s): {', '.join(map(str, unknown[:5]))}.",
                              fix=f"Use one of: {', '.join(DIMENSIONS[dimension])}.")


def compare_with_key(codings: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """One row per coded comment: the codes given, the key's codes and, per dimension, a result.

    `codings` has text_id and the columns topic and/or stance (missing = not coded yet). The result
    of a dimension is "match" (the key's code), "acceptable" (the key's alternative for an ambiguous
    comment), "differs", or "" when not coded.
    """
    unknown_ids = sorted(set(codings["text_id"]) - set(key["text_id"]))
    if unknown_ids:
        raise CourseDataError(f"comment(s) not in the key: {', '.join(map(str, unknown_ids[:5]))}.",
                              fix="Code only comments from the sample.")
    codings = codings.reindex(columns=["text_id", *DIMENSIONS])  # an uncoded dimension is all missing
    merged = codings.merge(key[["text_id", "topic", "stance", "alt_topic", "alt_stance", "ambiguous"]],
                           on="text_id", suffixes=("", "_key"))
    for dimension in DIMENSIONS:
        _check_codes(merged[dimension], dimension)
        given = merged[dimension]
        result = np.where(given == merged[f"{dimension}_key"], "match",
                          np.where(given == merged[f"alt_{dimension}"], "acceptable", "differs"))
        merged[f"{dimension}_result"] = np.where(given.isna(), "", result)
    return merged


@dataclass(frozen=True)
class KeyAgreement:
    """How one coder's codes of one dimension agree with the key."""

    dimension: str
    n_coded: int
    percent: float  # same code as the key, 0-100
    percent_acceptable: float  # same code or the key's acceptable alternative, 0-100
    kappa: float | None  # Cohen's kappa against the key's main code; None if fewer than 2 comments coded

    @property
    def kappa_band(self) -> str | None:
        return kappa_band(self.kappa)


def agreement_with_key(compared: pd.DataFrame, dimension: str) -> KeyAgreement:
    """Percent agreement (strict and counting acceptable alternatives) and Cohen's kappa for `dimension`."""
    coded = compared[compared[f"{dimension}_result"] != ""]
    n = len(coded)
    if n == 0:
        return KeyAgreement(dimension, 0, 0.0, 0.0, None)
    results = coded[f"{dimension}_result"]
    percent = 100 * float((results == "match").mean())
    acceptable = 100 * float(results.isin(["match", "acceptable"]).mean())
    return KeyAgreement(dimension, n, round(percent, 1), round(acceptable, 1),
                        _kappa(coded[dimension], coded[f"{dimension}_key"]) if n >= 2 else None)


def _kappa(a, b, labels=None) -> float:
    """Cohen's kappa; 1.0 when both coders used one and the same code everywhere (sklearn gives nan)."""
    with warnings.catch_warnings():  # one code used by both: sklearn warns and returns nan, handled below
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b, labels=labels)
    if np.isnan(value):
        return 1.0 if (np.asarray(a) == np.asarray(b)).all() else 0.0
    return round(float(value), 3) + 0.0


def kappa_band(kappa: float | None) -> str | None:
    """Landis & Koch's word for a kappa: poor, slight, fair, moderate, substantial, almost_perfect."""
    if kappa is None:
        return None
    if kappa < 0:
        return "poor"
    for upper, name in KAPPA_BANDS:
        if kappa <= upper:
            return name
    return KAPPA_BANDS[-1][1]


@dataclass(frozen=True)
class PooledAgreement:
    """Inter-coder agreement of a table on one dimension (from `pool_codings`)."""

    dimension: str
    n_coders: int
    n_comments: int  # comments coded by at least two coders
    pairwise: pd.DataFrame  # coder_a, coder_b, n_common, percent, kappa
    fleiss_kappa: float | None
    n_disagreed: int  # comments coded in more than one way
    disagreements: pd.DataFrame  # text_id, n_coders, codes ("code ×n, …"), majority_share %; least agreed first

    @property
    def mean_pairwise_kappa(self) -> float | None:
        kappas = self.pairwise["kappa"].dropna()
        return round(float(kappas.mean()), 3) if len(kappas) else None


def pool_codings(codings: pd.DataFrame, dimension: str, *, top: int = 20) -> PooledAgreement:
    """Agreement among several coders on the same comments.

    `codings` is long: one row per (coder, text_id) with the `dimension` column (missing = not coded).
    Pairwise Cohen's kappa on the comments both coders coded, Fleiss' kappa over the comments coded by
    two or more (the form that allows different numbers of coders per comment), and the comments with
    more than one code (the `top` least agreed, sorted by text_id within a tie).
    """
    if dimension not in DIMENSIONS:
        raise CourseDataError(f"unknown dimension {dimension!r}.", fix="Use 'topic' or 'stance'.")
    coded = codings.loc[codings[dimension].notna(), ["coder", "text_id", dimension]]
    _check_codes(coded[dimension], dimension)
    coded = coded.drop_duplicates(["coder", "text_id"], keep="last")
    codes = DIMENSIONS[dimension]
    coder_index, coders = pd.factorize(coded["coder"], sort=True)
    text_index, texts = pd.factorize(coded["text_id"], sort=True)
    # comments × coders, each cell the code's number 0..k-1 or -1 (not coded): plain arrays keep 1M codings fast
    wide = np.full((len(texts), len(coders)), -1, dtype=np.int16)
    wide[text_index, coder_index] = pd.Categorical(coded[dimension], categories=codes).codes
    counts = np.stack([(wide == j).sum(axis=1) for j in range(len(codes))], axis=1)
    shared_rows = counts.sum(axis=1) >= 2
    shared = pd.DataFrame(counts[shared_rows], index=texts[shared_rows], columns=list(codes))
    fleiss = _fleiss(shared.to_numpy()) if len(shared) else None
    n_disagreed, disagreements = _disagreements(shared, top)
    return PooledAgreement(dimension, len(coders), len(shared), _pairwise(wide, list(coders), len(codes)), fleiss,
                           n_disagreed, disagreements)


def _pairwise(wide: np.ndarray, coders: list, n_codes: int) -> pd.DataFrame:
    """Percent agreement and Cohen's kappa of every pair of coders, on the comments both coded."""
    labels = np.arange(n_codes)  # codes as 0..k-1: sklearn then counts them without a Python loop
    rows = []
    for a, b in combinations(range(len(coders)), 2):
        both = (wide[:, a] >= 0) & (wide[:, b] >= 0)
        n = int(both.sum())
        if n == 0:
            continue
        x, y = wide[both, a], wide[both, b]
        rows.append({"coder_a": coders[a], "coder_b": coders[b], "n_common": n,
                     "percent": round(100 * float((x == y).mean()), 1),
                     "kappa": _kappa(x, y, labels) if n >= 2 else None})
    return pd.DataFrame(rows, columns=["coder_a", "coder_b", "n_common", "percent", "kappa"])


def _fleiss(counts: np.ndarray) -> float:
    """Fleiss' kappa from a comments × codes count matrix; each comment may have its own number of coders."""
    n_i = counts.sum(axis=1).astype(float)
    observed = ((counts * (counts - 1)).sum(axis=1) / (n_i * (n_i - 1))).mean()
    shares = counts.sum(axis=0) / n_i.sum()
    expected = float((shares ** 2).sum())
    if expected >= 1.0:  # everyone used one code: perfect agreement, no chance correction possible
        return 1.0
    return round(float((observed - expected) / (1 - expected)), 3) + 0.0  # + 0.0: no "-0.0"


def _disagreements(shared: pd.DataFrame, top: int) -> tuple[int, pd.DataFrame]:
    """(number of comments with more than one code, the `top` least agreed of them)."""
    columns = ["text_id", "n_coders", "codes", "majority_share"]
    split = shared[(shared > 0).sum(axis=1) > 1]
    if split.empty:
        return 0, pd.DataFrame(columns=columns)
    n = split.sum(axis=1)
    order = pd.DataFrame({"majority_share": (100 * split.max(axis=1) / n).round(1), "n_coders": n})
    order = order.sort_values(["majority_share"], kind="stable").head(top)
    # "code ×n" for the codes used, most used first; built only for the rows shown
    codes = [", ".join(f"{code} ×{count}" for code, count in split.loc[text][split.loc[text] > 0]
                       .sort_values(ascending=False, kind="stable").items()) for text in order.index]
    table = pd.DataFrame({"text_id": order.index, "n_coders": order["n_coders"].to_numpy(), "codes": codes,
                          "majority_share": order["majority_share"].to_numpy()})
    return len(split), table


def fictitious_table(sample: pd.DataFrame) -> pd.DataFrame:
    """Four fictitious coders of `sample`, built by stated rules so the notebook can show pooling.

    Coder A follows the key; coder B takes the key's acceptable alternative wherever it gives one;
    coder C reads every question as a concern; coder D codes every topic as the first topic in the
    sample. No real person coded these; each rule stands for a typical coding habit.
    """
    key = sample[["text_id", "topic", "stance"]]
    b = key.assign(topic=sample["alt_topic"].fillna(sample["topic"]), stance=sample["alt_stance"].fillna(sample["stance"]))
    c = key.assign(stance=key["stance"].replace({"neutral": "concern"}))
    d = key.assign(topic=key["topic"].iloc[0])
    return pd.concat([frame.assign(coder=name) for name, frame in zip("ABCD", (key, b, c, d))], ignore_index=True)
