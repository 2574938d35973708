"""Session 11: realistic targets for a monitoring and evaluation plan, read from a consultation.

A target is realistic when some part of the institution already reaches it, or nearly: so each
measure is read for the whole consultation and for its best group (by channel, by default), and the
"realistic limit" is the best group plus a stretch (ASSUMED, data/assumptions.csv). For the response
time, where lower is better, the limit is the fewest working days within which a given share of the
answers already came. The functions reuse Sessions 5 and 8's analysis (`response_standard`,
`answered_within_curve`, `representation_ratios`, `representativeness_index`); nothing is recomputed
another way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from eparticipation.analysis.consultation import (
    answered_within_curve, representation_ratios, representativeness_index, response_standard)

STANDARD_DAYS = 15  # the response standard of Session 8 (Law No. 1308-IVQ, Art. 10.1)
# ASSUMED (data/assumptions.csv, monitoring_target_stretch): how far above the best group a target
# may reach, in percentage points (0.15 on the 0-1 representativeness index), before it needs a
# plan for doing the work differently rather than harder.
STRETCH_POINTS = 15.0
# ASSUMED (monitoring_fast_answer_share): a response time is realistic when at least this share of
# the answers already came that fast.
FAST_SHARE = 0.25
MEASURE_COLUMNS = ["measure", "overall", "best", "best_group", "realistic_limit", "higher_is_better", "unit"]


def target_benchmarks(submissions: pd.DataFrame, participants: pd.DataFrame, population_shares: pd.Series, *,
                      by: str = "channel", standard_days: int = STANDARD_DAYS, stretch: float = STRETCH_POINTS,
                      fast_share: float = FAST_SHARE) -> pd.DataFrame:
    """One row per measure a monitoring plan can take from a consultation: the value for the whole
    consultation, the best group's value and name (`by`), and the realistic limit of a target.

    Measures: response_rate and answered_within_standard (% of published submissions), median
    response days (working days, lower is better), representativeness (regional index, 0-1).
    """
    if stretch < 0 or not 0 < fast_share <= 1:
        raise ValueError("stretch must be >= 0 and fast_share in (0, 1]")
    overall = response_standard(submissions, standard_days).iloc[0]
    groups = response_standard(submissions, standard_days, by=by).set_index(by)
    rows = []
    for measure, column in (("response_rate", "response_rate"), ("answered_within_standard", "within_standard_rate")):
        best_group = groups[column].idxmax()
        best = 100 * float(groups.loc[best_group, column])
        rows.append([measure, 100 * float(overall[column]), best, str(best_group), min(100.0, best + stretch), True, "%"])
    curve = answered_within_curve(submissions, max_days=250)
    fast_enough = curve.loc[curve["share_of_answered"] >= fast_share, "working_days"]
    fastest_group = groups["median_working_days"].idxmin()
    rows.append(["median_response_days", float(overall["median_working_days"]),
                 float(groups.loc[fastest_group, "median_working_days"]), str(fastest_group),
                 float(fast_enough.iloc[0]) if len(fast_enough) else np.nan, False, "working days"])
    index = representativeness_index(representation_ratios(participants, population_shares))
    rows.append(["representativeness", index, index, "", min(1.0, index + stretch / 100), True, "index 0-1"])
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)
