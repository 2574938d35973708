"""Pure functions on a petition's signature time series (`eparticipation.data.petitions`).

The series is cumulative (`timestamp`, `count`), polled at irregular intervals, with gaps. Nothing
here interpolates: a value is reported only for the times that were observed, and a period that
contains a polling gap is labelled so instead of being spread over days that were not observed.
"""

from __future__ import annotations

import pandas as pd

# UK Parliament petitions (2015): a government response at 10,000 signatures; considered for a
# debate in Parliament at 100,000 (govuk2015petitions; petitionscommittee2016).
THRESHOLDS: tuple[tuple[int, str], ...] = ((10_000, "government response"), (100_000, "considered for debate"))
GAP = pd.Timedelta(hours=6)  # a pause between two observations longer than this is a polling gap
TOLERANCE = pd.Timedelta(hours=1)  # a "whole day" is observed from within 1 hour of its start to within 1 hour of its end

BEFORE = "crossed before the series starts"
BETWEEN = "crossed between two observations"
NOT_REACHED = "not reached in the series"


def _check(series: pd.DataFrame) -> None:
    if series.empty:
        raise ValueError("the time series has no rows")
    if not series["timestamp"].is_monotonic_increasing:
        raise ValueError("the time series must be in time order")


def threshold_crossings(series: pd.DataFrame, thresholds=THRESHOLDS) -> pd.DataFrame:
    """When each threshold was crossed, as far as the observations show.

    One row per (threshold, meaning): `status` is one of "crossed before the series starts" (the first
    observation is already at or above it; no time can be given), "crossed between two observations"
    (`last_below` and `first_at_or_above` bracket the moment, to the second) or "not reached in the series".
    """
    _check(series)
    rows = []
    counts, times = series["count"].to_numpy(), series["timestamp"].dt.floor("s").reset_index(drop=True)
    for threshold, meaning in thresholds:
        last_below = first_above = pd.NaT
        if counts[0] >= threshold:
            status = BEFORE
        elif counts.max() < threshold:
            status = NOT_REACHED
        else:
            status = BETWEEN
            i = int((counts >= threshold).argmax())
            last_below, first_above = times[i - 1], times[i]
        rows.append({"threshold": int(threshold), "meaning": meaning, "status": status,
                     "last_below": last_below, "first_at_or_above": first_above})
    return pd.DataFrame(rows, columns=["threshold", "meaning", "status", "last_below", "first_at_or_above"])


def polling_gaps(series: pd.DataFrame, longer_than: pd.Timedelta = GAP) -> pd.DataFrame:
    """Every pause between two observations longer than `longer_than`, with the signatures added meanwhile."""
    _check(series)
    step = series["timestamp"].diff()
    rows = []
    for i in [int(p) for p in (step > longer_than).to_numpy().nonzero()[0]]:
        before, after = series.iloc[i - 1], series.iloc[i]
        rows.append({"gap_start": before["timestamp"].floor("s"), "gap_end": after["timestamp"].floor("s"),
                     "days": round((after["timestamp"] - before["timestamp"]) / pd.Timedelta(days=1), 1),
                     "count_before": int(before["count"]), "count_after": int(after["count"]),
                     "signatures_added": int(after["count"] - before["count"])})
    return pd.DataFrame(rows, columns=["gap_start", "gap_end", "days", "count_before", "count_after", "signatures_added"])


def downsample(series: pd.DataFrame, freq: str = "1h") -> pd.DataFrame:
    """The last observed count in each period of `freq` (e.g. "1h", "1D"); periods without data are left out.

    `timestamp` is the start of the period, `count` its last observed value, `observations` how many
    polls fell in it. Nothing is interpolated across a gap.
    """
    _check(series)
    grouped = series.set_index("timestamp")["count"].resample(freq)
    frame = pd.DataFrame({"count": grouped.last(), "observations": grouped.size()})
    frame = frame[frame["observations"] > 0].reset_index()
    frame["count"] = frame["count"].astype(int)
    frame["observations"] = frame["observations"].astype(int)
    return frame


def daily_signatures(series: pd.DataFrame, tolerance: pd.Timedelta = TOLERANCE, gap: pd.Timedelta = GAP) -> pd.DataFrame:
    """Signatures added on each observed calendar day, and the average rate per hour over the observed window.

    For each day, the window runs from the last observation before the day (the first observation
    for the first day) to the day's last observation. `status`:

    - "spans a polling gap": the window contains a pause between polls longer than `gap`, so the
      count is not a daily figure (it may cover days that were not observed);
    - "whole day": otherwise, when the window starts and ends within `tolerance` of the day's start and end;
    - "partly observed": otherwise (the series starts, ends or pauses during the day).
    """
    _check(series)
    frame = series.assign(date=series["timestamp"].dt.normalize())
    step = frame["timestamp"].diff()
    last = frame.groupby("date").last()
    rows = []
    start_time, start_count = frame["timestamp"].iloc[0], int(frame["count"].iloc[0])
    for day, row in last.iterrows():
        end_time, end_count = row["timestamp"], int(row["count"])
        inside = (frame["timestamp"] > start_time) & (frame["timestamp"] <= end_time)
        if (step[inside] > gap).any():
            status = "spans a polling gap"
        elif abs(start_time - day) <= tolerance and day + pd.Timedelta(days=1) - end_time <= tolerance:
            status = "whole day"
        else:
            status = "partly observed"
        hours = (end_time - start_time) / pd.Timedelta(hours=1)
        added = end_count - start_count
        rows.append({"date": day, "from": start_time.floor("s"), "to": end_time.floor("s"), "hours_observed": round(hours, 1),
                     "signatures_added": added, "per_hour": round(added / hours) if hours > 0 else 0,
                     "status": status})
        start_time, start_count = end_time, end_count
    return pd.DataFrame(rows, columns=["date", "from", "to", "hours_observed", "signatures_added", "per_hour", "status"])


def petition_summary(series: pd.DataFrame) -> pd.DataFrame:
    """The series' key numbers as a two-column table (what, value), for a first look."""
    _check(series)
    first, last = series.iloc[0], series.iloc[-1]
    step = series["timestamp"].diff().dropna()
    gaps = polling_gaps(series)
    daily = daily_signatures(series)
    whole = daily[daily["status"] == "whole day"]
    rows = [
        ("First observation", f"{first['timestamp']:%d %b %Y %H:%M}"),
        ("Last observation", f"{last['timestamp']:%d %b %Y %H:%M}"),
        ("Signatures at first observation", f"{int(first['count']):,}"),
        ("Signatures at last observation", f"{int(last['count']):,}"),
        ("Signatures added during the series", f"{int(last['count'] - first['count']):,}"),
        ("Observations (polls)", f"{len(series):,}"),
        ("Median time between polls", f"{step.median().total_seconds() / 60:.1f} minutes"),
        ("Polling gaps longer than 6 hours", f"{len(gaps)}" + (
            f" (longest {gaps['days'].max():.1f} days)" if len(gaps) else "")),
    ]
    if len(whole):
        best = whole.loc[whole["signatures_added"].idxmax()]
        rows.append(("Busiest whole day observed", f"{best['date']:%d %b %Y}: {int(best['signatures_added']):,} signatures"))
    return pd.DataFrame(rows, columns=["What", "Value"]).set_index("What")
