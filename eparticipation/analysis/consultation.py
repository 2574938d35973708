"""Consultation analytics: who took part, how representative they are, what they said, and whether
the government answered. Pure functions on pandas tables; vectorised so 1,000,000 submissions
take seconds (see benchmarks/bench_analytics.py).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def at_a_glance(participants: pd.DataFrame, submissions: pd.DataFrame) -> pd.Series:
    """The consultation in a few numbers: who, how much, when, and how much of it was answered."""
    first, last = submissions["submitted_at"].min(), submissions["submitted_at"].max()
    published = submissions["moderation_status"] == "published"
    return pd.Series({
        "participants": len(participants),
        "submissions": len(submissions),
        "submissions per participant": round(len(submissions) / max(len(participants), 1), 1),
        "first submission": first.date().isoformat(),
        "last submission": last.date().isoformat(),
        "channels used": int(submissions["channel"].nunique()),
        "priorities (topics)": int(submissions["topic"].nunique()),
        "published (%)": round(100 * published.mean(), 1),
        "answered, of published (%)": round(100 * (submissions.loc[published, "response_status"] == "responded").mean(), 1),
    }, name="value")


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
    counts = participants[by].value_counts().reindex(population_shares.index, fill_value=0)
    table = share_ratios(counts, population_shares, by)
    table.insert(1, "participants", counts.astype(int).to_numpy())
    return table


def share_ratios(sample_shares: pd.Series, population_shares: pd.Series, by: str = "region") -> pd.DataFrame:
    """`representation_ratios` for a mix given as shares (or counts) per group, e.g. a planned one.

    Both are normalised to sum to 1; groups missing from `sample_shares` count as 0.
    """
    population = population_shares / population_shares.sum()
    sample = sample_shares.reindex(population.index, fill_value=0).astype(float)
    table = pd.DataFrame({"sample_share": sample / sample.sum(), "population_share": population})
    table["ratio"] = table["sample_share"] / table["population_share"]
    table.index.name = by
    return table.reset_index()


def representativeness_index(ratios: pd.DataFrame) -> float:
    """One number for how well the participants mirror the population: 1 − ½ Σ |sample − population|.

    1 means identical shares; 0.7 means 30 % of participants would have to come from other groups to
    match the population (the complement of the index of dissimilarity).
    """
    return float(1 - 0.5 * np.abs(ratios["sample_share"] - ratios["population_share"]).sum())


def split_index(sample_share: float, population_share: float) -> float:
    """`representativeness_index` for one group against everyone else (e.g. rural vs urban): 1 − |s − p|."""
    two = pd.Series({"group": sample_share, "rest": 1 - sample_share})
    return representativeness_index(share_ratios(two, pd.Series({"group": population_share, "rest": 1 - population_share}),
                                                 by="part"))


def group_representation(participants: pd.DataFrame, benchmarks: pd.DataFrame,
                         weights: pd.Series | None = None) -> pd.DataFrame:
    """Per outreach group (rural residents, women, people aged 55+ …): participants in it, their share
    (weighted, if `weights` are given), the population share, the ratio and the group's `split_index`.

    `benchmarks` has columns group, column, members (the categories that make up the group) and
    population_share, as `eparticipation.data.consultation.group_benchmarks()` returns.
    """
    w = np.ones(len(participants)) if weights is None else np.nan_to_num(np.asarray(weights, dtype=float))
    rows = []
    for row in benchmarks.itertuples(index=False):
        in_group = participants[row.column].isin(list(row.members)).to_numpy()
        share = float(w[in_group].sum() / w.sum()) if w.sum() else 0.0
        rows.append({"group": row.group, "participants": int(in_group.sum()), "sample_share": share,
                     "population_share": row.population_share, "ratio": share / row.population_share,
                     "index": split_index(share, row.population_share)})
    return pd.DataFrame(rows)


def groups_before_after(participants: pd.DataFrame, benchmarks: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Each group's share among participants before and after weighting, against the population:
    weights built on one split (e.g. region) also move the others, not always towards the population."""
    before = group_representation(participants, benchmarks)
    after = group_representation(participants, benchmarks, weights)
    return pd.DataFrame({"group": before["group"], "population_share": before["population_share"],
                         "raw_share": before["sample_share"], "weighted_share": after["sample_share"],
                         "raw_index": before["index"], "weighted_index": after["index"]})


def post_stratification_weights(participants: pd.DataFrame, population_shares: pd.Series,
                                 by: str | list[str] = "region") -> pd.Series:
    """A weight per participant so weighted group shares equal the population's (mean weight 1).

    weight = population share / sample share of the participant's group. `by` may name several
    columns (cells such as region x age band); `population_shares` is then indexed by tuples in the
    same order (see `joint_shares`). Groups with no participants cannot be weighted up — report them
    rather than hide them (see `representation_ratios`); cells missing from the population get NaN.
    """
    keys = [by] if isinstance(by, str) else list(by)
    grouped = participants.groupby(keys, observed=True, sort=True)
    counts = grouped.size()  # one row per cell present, in the order of `ngroup()`
    population = population_shares / population_shares.sum()
    weight_of_cell = population.reindex(counts.index).to_numpy() / (counts.to_numpy() / counts.sum())
    weights = pd.Series(weight_of_cell[grouped.ngroup().to_numpy()], index=participants.index, name="weight")
    return weights


def submission_weights(submissions: pd.DataFrame, participants: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Each submission gets its author's weight (so weighted topic shares speak for the population)."""
    by_id = pd.Series(np.asarray(weights, dtype=float), index=participants["participant_id"].to_numpy())
    return pd.Series(by_id.reindex(submissions["participant_id"].to_numpy()).to_numpy(), index=submissions.index,
                     name="weight")


def joint_shares(first: pd.Series, second: pd.Series) -> pd.Series:
    """Population shares of every pair of groups, if the two splits are independent (an assumption:
    e.g. the same age structure in every region). Indexed by (first, second) tuples."""
    index = pd.MultiIndex.from_product([first.index, second.index], names=[first.index.name, second.index.name])
    values = np.outer(first / first.sum(), second / second.sum()).ravel()
    return pd.Series(values, index=index, name="population_share")


def cell_table(participants: pd.DataFrame, weights: pd.Series, by: list[str]) -> pd.DataFrame:
    """Per cell (e.g. region x age band): participants, the weight each carries, and the cell's share
    of the weighted total — largest weight first, so the cells a handful of people speak for come first."""
    frame = participants[by].copy()
    frame["weight"] = np.asarray(weights, dtype=float)
    table = frame.groupby(by, observed=True).agg(participants=("weight", "size"), weight=("weight", "first"),
                                                  weighted=("weight", "sum"))
    table["weighted_share"] = table.pop("weighted") / table["weight"].mul(table["participants"]).sum()
    return table.sort_values(["weight", "participants"], ascending=[False, True]).reset_index()


def effective_sample_size(weights: pd.Series | np.ndarray) -> float:
    """Kish's effective sample size, (Σw)² / Σw²: how many equally weighted participants the weighted
    sample is worth. Equal weights give n; uneven weights give less. Missing weights are left out."""
    w = np.asarray(weights, dtype=float)
    w = w[~np.isnan(w)]
    return float(w.sum() ** 2 / np.square(w).sum()) if len(w) else 0.0


def weight_diagnostics(weights: pd.Series) -> pd.Series:
    """What a set of weights costs: participants, effective sample size, its share of n (efficiency),
    the smallest and largest weight, and how many participants could not be weighted (missing)."""
    w = pd.Series(weights, dtype=float)
    n_eff = effective_sample_size(w)
    present = int(w.notna().sum())
    return pd.Series({
        "participants": present,
        "effective_sample_size": round(n_eff, 1),
        "efficiency": round(n_eff / present, 3) if present else 0.0,
        "smallest_weight": round(float(w.min()), 3),
        "largest_weight": round(float(w.max()), 3),
        "not_weighted": int(w.isna().sum()),
    })


def weighted_shares(table: pd.DataFrame, column: str, weights: pd.Series) -> pd.DataFrame:
    """Raw and weighted shares of `column`'s values (e.g. topic support before and after weighting)."""
    frame = pd.DataFrame({column: table[column].to_numpy(), "w": weights.to_numpy()})
    raw = frame.groupby(column, observed=True).size()
    weighted = frame.groupby(column, observed=True)["w"].sum()
    return pd.DataFrame({"raw_share": raw / raw.sum(), "weighted_share": weighted / weighted.sum()}).reset_index()


def weighted_ranking(table: pd.DataFrame, column: str, weights: pd.Series,
                     effective_n: float | None = None) -> pd.DataFrame:
    """`weighted_shares` with each value's rank before and after weighting (1 = largest share) and the
    change in percentage points, largest weighted share first: does weighting change the headline?

    With `effective_n` (e.g. the participants' `effective_sample_size`), adds `margin_points`: the
    usual 95 % margin of a share, 1.96 √(p(1−p)/n), in points. A change smaller than the margin is
    within chance.
    """
    shares = weighted_shares(table, column, weights)
    shares["raw_rank"] = shares["raw_share"].rank(ascending=False, method="min").astype(int)
    shares["weighted_rank"] = shares["weighted_share"].rank(ascending=False, method="min").astype(int)
    shares["change_points"] = 100 * (shares["weighted_share"] - shares["raw_share"])
    if effective_n:
        p = shares["weighted_share"]
        shares["margin_points"] = 100 * 1.96 * np.sqrt(p * (1 - p) / effective_n)
    return shares.sort_values(["weighted_rank", column], kind="stable").reset_index(drop=True)


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


# -- Session 8: the feedback loop ------------------------------------------------------------------
# Working days are Monday to Friday. Public holidays are not known to the sample, so by default none
# are removed (ASSUMED, data/assumptions.csv); pass them as `holidays` for a real consultation.
LOOP_STATUSES = ("answered", "being_considered", "not_answered", "not_published")


def working_days_to_response(submissions: pd.DataFrame, holidays=()) -> pd.Series:
    """Working days from submission to response: the days after the day of submission, up to and
    including the day of the answer (answered the same day = 0; Friday to Monday = 1). NaN where
    there is no response."""
    start = submissions["submitted_at"].to_numpy("datetime64[D]")
    end = submissions["response_date"].to_numpy("datetime64[D]")
    answered = ~np.isnat(end)
    days = np.full(len(submissions), np.nan)
    days[answered] = np.busday_count(start[answered] + 1, end[answered] + 1, holidays=list(holidays))
    return pd.Series(days, index=submissions.index, name="working_days")


def response_standard(submissions: pd.DataFrame, standard_days: int = 15, by: str | None = None,
                      holidays=()) -> pd.DataFrame:
    """Of the published submissions: how many were answered within `standard_days` working days.

    Columns: published, responded, response_rate, within_standard, within_standard_rate (of the
    published: the promise a participant experiences), answered_late, still_open,
    median_working_days (among those answered).
    """
    if standard_days < 1:
        raise ValueError("the response standard must be at least 1 working day")
    published = submissions[submissions["moderation_status"] == "published"]
    days = working_days_to_response(published, holidays).to_numpy()
    frame = pd.DataFrame({
        "key": published[by].to_numpy() if by else np.zeros(len(published), dtype=int),
        "responded": ~np.isnan(days),
        "within": days <= standard_days,  # NaN compares False: unanswered is never within
        "days": days,
    })
    grouped = frame.groupby("key", observed=True)
    table = pd.DataFrame({"published": grouped.size(), "responded": grouped["responded"].sum(),
                          "within_standard": grouped["within"].sum(), "median_working_days": grouped["days"].median()})
    table["response_rate"] = table["responded"] / table["published"]
    table["within_standard_rate"] = table["within_standard"] / table["published"]
    table["answered_late"] = table["responded"] - table["within_standard"]
    table["still_open"] = table["published"] - table["responded"]
    table = table[["published", "responded", "response_rate", "within_standard", "within_standard_rate",
                   "answered_late", "still_open", "median_working_days"]]
    if by is None:
        return table.reset_index(drop=True)
    table.index.name = by
    return table.sort_values("within_standard_rate", ascending=False, kind="stable").reset_index()


def open_working_days(submissions: pd.DataFrame, holidays=()) -> int:
    """Working days from the first to the last day on which submissions arrived, both included."""
    first, last = submissions["submitted_at"].min(), submissions["submitted_at"].max()
    return int(np.busday_count(np.datetime64(first.date()), np.datetime64(last.date()) + 1, holidays=list(holidays)))


def answered_within_curve(submissions: pd.DataFrame, max_days: int = 40, holidays=()) -> pd.DataFrame:
    """For each number of working days 0..max_days: the share of published submissions answered
    within it (and the share of the answered ones). The curve a response standard is read from."""
    published = submissions[submissions["moderation_status"] == "published"]
    days = working_days_to_response(published, holidays).dropna().to_numpy().astype(int)
    counts = np.bincount(np.clip(days, 0, max_days + 1), minlength=max_days + 2)[: max_days + 1]
    cumulative = np.cumsum(counts)
    return pd.DataFrame({"working_days": np.arange(max_days + 1),
                         "share_of_published": cumulative / max(len(published), 1),
                         "share_of_answered": cumulative / max(len(days), 1)})


def loop_status(submissions: pd.DataFrame) -> pd.Series:
    """What a participant would see at the export date: answered, being_considered (the answer came
    after the export), not_answered, or not_published (moderated out or still pending)."""
    codes = np.select(
        [submissions["moderation_status"].to_numpy() != "published",
         submissions["response_status"].to_numpy() == "responded",
         submissions["response_status"].to_numpy() == "in_progress"],
        [3, 0, 1], default=2)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(LOOP_STATUSES)), index=submissions.index,
                     name="status")


def loop_status_by(submissions: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counts of each loop status (one column each) and their shares (`share_<status>`), per group."""
    key = submissions[by] if by else pd.Series("all", index=submissions.index, name="group")
    counts = pd.crosstab(key, loop_status(submissions)).reindex(columns=list(LOOP_STATUSES), fill_value=0)
    counts.columns = list(LOOP_STATUSES)
    shares = counts.div(counts.sum(axis=1), axis=0).add_prefix("share_")
    table = counts.join(shares)
    table.insert(0, "submissions", counts.sum(axis=1))
    if by is None:
        return table.reset_index(drop=True)
    table.index.name = by
    return table.sort_values("submissions", ascending=False, kind="stable").reset_index()


def weekly_activity(submissions: pd.DataFrame) -> pd.DataFrame:
    """Submissions and responses per consultation week (week 1 starts on the first submission's day)."""
    start = submissions["submitted_at"].min().normalize()
    week = ((submissions["submitted_at"] - start).dt.days // 7 + 1).rename("week")
    response_week = ((submissions["response_date"] - start).dt.days // 7 + 1).rename("week")
    table = pd.DataFrame({"submissions": week.value_counts(), "responses": response_week.dropna().astype(int).value_counts()})
    return table.fillna(0).astype(int).sort_index().rename_axis("week").reset_index()
