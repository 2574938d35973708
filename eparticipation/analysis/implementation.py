"""Session 10: implementation and institutions — the action plan's budget and the workload of the owners.

Pure functions over plain tables (no widgets, no texts):

1. The action plan. `plan_table` turns actions (name, owner, channel, start month, duration in months,
   cost in AZN) into a table with each action's last month and monthly cost; `cost_by` sums the cost
   by owner or channel; `monthly_costs` spreads each action's cost evenly over its months (a planning
   convention, not a payment schedule) and adds the running total.
2. The risk register. `risk_score` = likelihood × impact, each rated 1 (low) to 3 (high), so a score
   runs from 1 to 9; 9 (high × high) is the level that must have a mitigation before launch.
3. The owners' workload. `weekly_workload` counts a consultation's submissions per week and channel
   and converts them into staff-days with ASSUMED handling minutes per submission and productive hours
   per staff-day (`data/assumptions.csv`); vectorised, so it runs on a million submissions
   (benchmarks/bench_analytics.py).
"""

from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from eparticipation.data.assumptions import assumption_value, load_assumptions

PLAN_COLUMNS = ["name", "owner", "channel", "start_month", "duration_months", "cost_azn"]
LEVELS = (1, 2, 3)  # low, medium, high (likelihood and impact alike)
HIGH = 3


# -- 1. The action plan --------------------------------------------------------------------------
def plan_table(actions: Iterable[Mapping]) -> pd.DataFrame:
    """One row per action, in the given order, with `end_month` (last month of work) and `monthly_cost`.

    A missing cost counts as 0 in the sums (the action is not costed yet); a missing channel stays None.
    """
    table = pd.DataFrame(list(actions), columns=PLAN_COLUMNS)
    table["channel"] = table["channel"].astype(object).where(table["channel"].notna(), None)
    table["cost_azn"] = pd.to_numeric(table["cost_azn"], errors="coerce").fillna(0.0).astype(float)
    table["start_month"] = table["start_month"].astype(int)
    table["duration_months"] = table["duration_months"].astype(int)
    table["end_month"] = table["start_month"] + table["duration_months"] - 1
    table["monthly_cost"] = table["cost_azn"] / table["duration_months"]
    return table


def cost_by(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Total cost, number of actions and share of the plan's cost per value of `column` (owner,
    channel), highest cost first; an empty value is grouped as "" (no owner, no channel)."""
    keys = table[column].fillna("").astype(str).str.strip()
    grouped = table.assign(**{column: keys}).groupby(column, sort=False).agg(
        actions=("name", "size"), cost_azn=("cost_azn", "sum"))
    total = grouped["cost_azn"].sum()
    grouped["share"] = grouped["cost_azn"] / total if total else 0.0
    return grouped.sort_values("cost_azn", ascending=False, kind="stable").reset_index()


def monthly_costs(table: pd.DataFrame) -> pd.DataFrame:
    """Cost per month from month 1 to the plan's last month (each action's cost spread evenly over its
    months), the number of actions under way, and the running total."""
    if table.empty:
        return pd.DataFrame(columns=["month", "cost_azn", "actions", "cumulative_azn"])
    last = int(table["end_month"].max())
    months = np.arange(1, last + 1)
    active = (months[None, :] >= table["start_month"].to_numpy()[:, None]) & (
        months[None, :] <= table["end_month"].to_numpy()[:, None])
    cost = (active * table["monthly_cost"].to_numpy()[:, None]).sum(axis=0)
    frame = pd.DataFrame({"month": months, "cost_azn": cost, "actions": active.sum(axis=0)})
    frame["cumulative_azn"] = frame["cost_azn"].cumsum()
    return frame


# -- 2. The risk register ------------------------------------------------------------------------
def risk_score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood × impact (1–9), or None while either is not rated."""
    if likelihood is None or impact is None:
        return None
    if likelihood not in LEVELS or impact not in LEVELS:
        raise ValueError("likelihood and impact are rated 1, 2 or 3")
    return likelihood * impact


def risk_band(score: int | None) -> str | None:
    """"high" (6–9), "medium" (3–4) or "low" (1–2): the colour of a 3 × 3 risk matrix."""
    if score is None:
        return None
    return "high" if score >= 6 else "medium" if score >= 3 else "low"


# -- 3. The owners' workload ---------------------------------------------------------------------
def workload_parameters(table: pd.DataFrame | None = None) -> tuple[dict[str, float], float]:
    """(ASSUMED handling minutes per submission by channel, ASSUMED productive hours per staff-day)."""
    table = load_assumptions() if table is None else table
    return (assumption_value("handling_minutes_per_submission", table),
            float(assumption_value("productive_hours_per_staff_day", table)))


def weekly_workload(submissions: pd.DataFrame, minutes: Mapping[str, float], hours_per_day: float) -> pd.DataFrame:
    """Submissions and staff-days per consultation week (week 1 starts on the first submission's day)
    and channel, with each channel's handling time in minutes; one row per week × channel that had
    submissions. A channel missing from `minutes` is refused (its cost would silently be 0)."""
    missing = sorted(set(submissions["channel"].unique()) - set(minutes))
    if missing:
        raise ValueError(f"no handling time for the channel(s): {', '.join(map(str, missing))}")
    submitted = submissions["submitted_at"]
    start = submitted.min().normalize()
    week = ((submitted - start).dt.days // 7 + 1).to_numpy()
    counts = (pd.DataFrame({"week": week, "channel": submissions["channel"].to_numpy()})
              .groupby(["week", "channel"], observed=True).size().rename("submissions").reset_index())
    counts["minutes_each"] = counts["channel"].map(minutes).astype(float)
    counts["staff_days"] = counts["submissions"] * counts["minutes_each"] / 60 / hours_per_day
    return counts


def workload_summary(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per channel: submissions, total staff-days, the average and the busiest week's staff-days,
    busiest channel first; the busiest week's total is in the last row ("all channels")."""
    weeks = weekly["week"].nunique()
    per_channel = weekly.groupby("channel", observed=True).agg(
        submissions=("submissions", "sum"), staff_days=("staff_days", "sum"), peak_week_staff_days=("staff_days", "max"))
    per_channel["average_week_staff_days"] = per_channel["staff_days"] / weeks
    per_channel = per_channel.sort_values("staff_days", ascending=False, kind="stable")
    by_week = weekly.groupby("week")["staff_days"].sum()
    total = pd.DataFrame({"submissions": [int(weekly["submissions"].sum())],
                          "staff_days": [float(weekly["staff_days"].sum())],
                          "peak_week_staff_days": [float(by_week.max())],
                          "average_week_staff_days": [float(by_week.sum() / weeks)]}, index=["all channels"])
    table = pd.concat([per_channel, total])
    table.index.name = "channel"
    columns = ["submissions", "staff_days", "average_week_staff_days", "peak_week_staff_days"]
    return table[columns].round({"staff_days": 1, "average_week_staff_days": 1, "peak_week_staff_days": 1}).reset_index()


def busiest_week(weekly: pd.DataFrame, working_days_per_week: int = 5) -> pd.Series:
    """The week with the most staff-days: its number, submissions, staff-days and the full-time people needed."""
    by_week = weekly.groupby("week").agg(submissions=("submissions", "sum"), staff_days=("staff_days", "sum"))
    week = int(by_week["staff_days"].idxmax())
    row = by_week.loc[week]
    return pd.Series({"week": week, "submissions": int(row["submissions"]), "staff_days": round(float(row["staff_days"]), 1),
                      "full_time_staff": round(staff_needed(float(row["staff_days"]), working_days_per_week), 1)},
                     dtype=object)


def staff_needed(staff_days_per_week: float, working_days_per_week: int = 5) -> float:
    """Full-time people needed to handle a week's staff-days (a five-day working week by default)."""
    return staff_days_per_week / working_days_per_week
