"""Consultation analytics: who took part, how representative they are, what they said, and whether
the government answered. Pure functions on pandas tables; vectorised so 1,000,000 submissions
take seconds (see benchmarks/bench_analytics.py).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def participation_by(table: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Counts and shares of rows (participants or submissions) per group of `by`, largest first."""
    keys = [by] if isinstance(by, str) else list(by)
    counts = table.groupby(keys, observed=True).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts["count"].sum()
    return counts.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def representation_ratios(participants: pd.DataFrame, population_shares: pd.Series, by: str = "region") -> pd.DataFrame:
    """Per group: participants, share among participants, share in the population, and their ratio.

    ratio > 1: over-represented (1.5 = half as many again as a representative sample would have).
    Groups with no participants have ratio 0. `population_shares` is indexed by group and is
    normalised to sum to 1.
    """
    population = population_shares / population_shares.sum()
    counts = participants[by].value_counts().reindex(population.index, fill_value=0)
    table = pd.DataFrame({"participants": counts.astype(int), "sample_share": counts / counts.sum(), "population_share": population})
    table["ratio"] = table["sample_share"] / table["population_share"]
    table.index.name = by
    return table.reset_index()


def representativeness_index(ratios: pd.DataFrame) -> float:
    """One number for how well the participants mirror the population: 1 − ½ Σ |sample − population|.

    1 means identical shares; 0.7 means 30 % of participants would have to come from other groups to
    match the population (the complement of the index of dissimilarity).
    """
    return float(1 - 0.5 * np.abs(ratios["sample_share"] - ratios["population_share"]).sum())


def post_stratification_weights(participants: pd.DataFrame, population_shares: pd.Series, by: str = "region") -> pd.Series:
    """A weight per participant so weighted group shares equal the population's (mean weight 1).

    weight = population share / sample share of the participant's group. Groups with no participants
    cannot be weighted up — report them rather than hide them (see `representation_ratios`).
    """
    ratios = representation_ratios(participants, population_shares, by).set_index(by)
    weight_of_group = (ratios["population_share"] / ratios["sample_share"]).replace(np.inf, np.nan)
    weights = participants[by].map(weight_of_group).astype(float)
    weights.name = "weight"
    return weights


def weighted_shares(table: pd.DataFrame, column: str, weights: pd.Series) -> pd.DataFrame:
    """Raw and weighted shares of `column`'s values (e.g. topic support before and after weighting)."""
    frame = pd.DataFrame({column: table[column].to_numpy(), "w": weights.to_numpy()})
    raw = frame.groupby(column, observed=True).size()
    weighted = frame.groupby(column, observed=True)["w"].sum()
    return pd.DataFrame({"raw_share": raw / raw.sum(), "weighted_share": weighted / weighted.sum()}).reset_index()


def topic_summary(submissions: pd.DataFrame) -> pd.DataFrame:
    """Per topic: submissions, share, distinct participants, support votes, and share of each stance."""
    grouped = submissions.groupby("topic", observed=True)
    table = pd.DataFrame(
        {
            "submissions": grouped.size(),
            "participants": grouped["participant_id"].nunique(),
            "support_votes": grouped["support_votes"].sum(),
        }
    )
    table["share"] = table["submissions"] / table["submissions"].sum()
    stance = pd.crosstab(submissions["topic"], submissions["stance"], normalize="index")
    stance.columns = [f"stance_{c}" for c in stance.columns]
    return table.join(stance).sort_values("submissions", ascending=False).reset_index()


_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Short, common words that carry no topic; Azerbaijani ones spelled with ə ı ö ü ğ ç ş.
STOPWORDS = frozenset(
    """the and for that this with are not but have has was were will would should could can from they their them
    there what which who how why when where all any more most other some such than too very only also just into
    about our out your you its it's been being does did doing because between each few own same both again then once
    here off over under while those these whether per many much one two new like need needs must
    və ilə üçün bu da də ki amma hələ daha çox olan olsun olunsun edilsin kimi isə həm bir hər yox deyil var
    onlar onların bizim mənim necə hansı niyə nə ya yoxsa artıq üzrə görə sonra əvvəl qədər""".split()
)


def keyword_summary(texts: pd.Series, *, weights: pd.Series | None = None, top: int = 20, stopwords=STOPWORDS) -> pd.DataFrame:
    """The most frequent words (≥3 letters, stopwords removed) and in how many texts each appears.

    Uses scikit-learn's CountVectorizer with a Unicode word pattern, so Azerbaijani and Chinese text
    tokenise by letters. `weights` counts each text that many times (e.g. how often a text-bank item
    was submitted), which keeps a million submissions fast.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    texts = texts.fillna("").astype(str)
    if texts.str.strip().eq("").all():
        return pd.DataFrame(columns=["word", "count", "texts"])
    vectorizer = CountVectorizer(token_pattern=_WORD.pattern, lowercase=True, stop_words=list(stopwords))
    matrix = vectorizer.fit_transform(texts)
    w = np.ones(matrix.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    counts = np.asarray(matrix.T @ w).ravel()
    documents = np.asarray((matrix > 0).T @ w).ravel()
    table = pd.DataFrame({"word": vectorizer.get_feature_names_out(), "count": counts, "texts": documents})
    return table.sort_values(["count", "word"], ascending=[False, True]).head(top).reset_index(drop=True)


def response_tracking(submissions: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Feedback loop: of the published submissions, how many got a response, and how fast.

    Columns: published, responded, response_rate, median_days, p90_days (days from submission to
    response, among those answered), still_open (published and not answered).
    """
    published = submissions[submissions["moderation_status"] == "published"]
    days = (published["response_date"] - published["submitted_at"]).dt.total_seconds() / 86400
    frame = pd.DataFrame(
        {
            "key": published[by].to_numpy() if by else np.zeros(len(published), dtype=int),
            "responded": (published["response_status"] == "responded").to_numpy(),
            "days": days.to_numpy(),
        }
    )
    grouped = frame.groupby("key", observed=True)
    table = pd.DataFrame(
        {
            "published": grouped.size(),
            "responded": grouped["responded"].sum(),
            "median_days": grouped["days"].median(),
            "p90_days": grouped["days"].quantile(0.9),
        }
    )
    table["response_rate"] = table["responded"] / table["published"]
    table["still_open"] = table["published"] - table["responded"]
    table = table[["published", "responded", "response_rate", "median_days", "p90_days", "still_open"]]
    if by is None:
        return table.reset_index(drop=True)
    table.index.name = by
    return table.sort_values("published", ascending=False).reset_index()


def weekly_activity(submissions: pd.DataFrame) -> pd.DataFrame:
    """Submissions and responses per consultation week (week 1 starts on the first submission's day)."""
    start = submissions["submitted_at"].min().normalize()
    week = ((submissions["submitted_at"] - start).dt.days // 7 + 1).rename("week")
    response_week = ((submissions["response_date"] - start).dt.days // 7 + 1).rename("week")
    table = pd.DataFrame({"submissions": week.value_counts(), "responses": response_week.dropna().astype(int).value_counts()})
    return table.fillna(0).astype(int).sort_index().rename_axis("week").reset_index()
