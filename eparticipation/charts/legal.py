"""Session 3 figures: who a digital participation channel can reach, and how "urban" is defined.

Each builder takes a frame from `eparticipation.analysis.legal_frameworks` and returns a
`CourseChart` (figure + text summary). Lines differ by colour (Okabe–Ito), dash and marker.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.analysis.legal_frameworks import largest_one_year_rise
from eparticipation.charts import DASHES, PALETTE, CourseChart, source_note


def digital_reach_chart(reach: pd.DataFrame, *, source: str, workshop_year: int = 2013) -> CourseChart:
    """Internet users (% of population) and mobile subscriptions per 100 people, by year."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=reach["year"], y=reach["internet_users_pct"], name="Internet users, % of population",
        mode="lines+markers", line=dict(color=PALETTE[0], dash=DASHES[0], width=3),
        marker=dict(symbol="circle", size=8), hovertemplate="%{x}: %{y:.1f}%<extra>Internet users</extra>"))
    fig.add_trace(go.Scatter(
        x=reach["year"], y=reach["mobile_subscriptions_per_100"], name="Mobile subscriptions per 100 people",
        mode="lines+markers", line=dict(color=PALETTE[1], dash=DASHES[1], width=3),
        marker=dict(symbol="square", size=8), hovertemplate="%{x}: %{y:.1f}<extra>Mobile subscriptions</extra>"))
    fig.add_hline(y=100, line=dict(color=PALETTE[7], dash="dot", width=1))
    fig.add_vline(x=workshop_year, line=dict(color="#777777", dash="dot", width=1))
    fig.add_annotation(x=workshop_year, y=20, text=f"Workshop, Dec {workshop_year}", showarrow=False,
                       xanchor="left", xshift=4, font=dict(size=12, color="#555555"))
    fig.update_layout(
        title="Azerbaijan: internet users and mobile subscriptions, "
              f"{int(reach['year'].min())}–{int(reach['year'].max())}",
        xaxis_title="Year", yaxis_title="% of population / per 100 people", yaxis_range=[0, 120],
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    source_note(fig, source)
    first, last = reach.iloc[0], reach.iloc[-1]
    at_workshop = reach[reach["year"] == workshop_year]
    workshop_text = (f"; {at_workshop['internet_users_pct'].iloc[0]:.0f}% in {workshop_year}, the workshop year"
                     if not at_workshop.empty else "")
    jump = largest_one_year_rise(reach)
    jump_text = (f" The largest one-year rise, {jump['from_value']:.1f}% ({jump['from_year']}) to {jump['to_value']:.1f}% "
                 f"({jump['to_year']}), is {jump['rise']:.1f} points, against at most {jump['next_largest_rise']:.1f} in any "
                 f"other year: a step that large may reflect a change in how use was measured, so read it with care."
                 if jump["rise"] > 2 * jump["next_largest_rise"] else "")
    summary = (
        f"Internet users rose from {first['internet_users_pct']:.0f}% of the population in {int(first['year'])} "
        f"to {last['internet_users_pct']:.0f}% in {int(last['year'])}{workshop_text}.{jump_text} Mobile subscriptions "
        f"stayed between {reach['mobile_subscriptions_per_100'].min():.1f} and "
        f"{reach['mobile_subscriptions_per_100'].max():.1f} per 100 people; a subscription is not a person, so this "
        f"line can exceed 100. {source}."
    )
    return CourseChart(fig, summary)


def online_only_reach_chart(reach: pd.DataFrame, years: tuple[int, ...], *, source: str) -> CourseChart:
    """Stacked bars: share of the population an online-only channel could and could not reach, per year."""
    rows = reach.set_index("year").loc[list(years)]
    labels = [str(y) for y in years]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=labels, y=rows["internet_users_pct"], name="Uses the internet (reachable online)",
        marker=dict(color=PALETTE[0]), text=[f"{v:.0f}%" for v in rows["internet_users_pct"]],
        textposition="inside", hovertemplate="%{x}: %{y:.1f}%<extra>online</extra>"))
    fig.add_trace(go.Bar(
        x=labels, y=rows["not_using_internet_pct"], name="Does not use the internet (needs another channel)",
        marker=dict(color=PALETTE[1], pattern=dict(shape="/")),
        text=[f"{v:.0f}%" for v in rows["not_using_internet_pct"]], textposition="inside",
        hovertemplate="%{x}: %{y:.1f}%<extra>not online</extra>"))
    fig.update_layout(
        barmode="stack", title="Who an online-only public discussion could reach",
        xaxis_title="Year", yaxis_title="% of population", yaxis_range=[0, 100],
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    source_note(fig, source)
    parts = [f"{y}: {rows.loc[y, 'internet_users_pct']:.0f}% online, {rows.loc[y, 'not_using_internet_pct']:.0f}% not"
             for y in years]
    return CourseChart(fig, f"Share of Azerbaijan's population using the internet, by year — {'; '.join(parts)}. "
                            f"{source}.")


def _gap_sentence(facts: pd.DataFrame) -> str:
    from eparticipation.analysis.legal_frameworks import urban_definitions

    both = urban_definitions(facts)
    if both.empty:
        return "No year has both figures."
    pairs = "; ".join(f"{r.year}: World Bank {r.world_bank_pct:.1f}% vs national {r.national_ssc_pct:.1f}% "
                      f"({r.difference_points:+.1f} points)" for r in both.itertuples())
    return f"In the years with both figures — {pairs}."


def urban_sources(facts: pd.DataFrame) -> str:
    """The attribution of both urban-share definitions, from the rows' own source columns."""
    national = facts[(facts["indicator"] == "urban_population_share") & (facts["geography_level"] == "country")]
    publishers = ", ".join(dict.fromkeys(p.split(" (")[0].split(",")[0] for p in national["source_publisher"]))
    producer = national["original_data_producer"].iloc[0]
    return (f"Sources: World Bank WDI, urban population (% of total), SP.URB.TOTL.IN.ZS; "
            f"{producer}, as reported by {publishers}")


def urban_definitions_chart(facts: pd.DataFrame) -> CourseChart:
    """The World Bank's urban-share series as a line, the national (SSC) figures as separate points."""
    wb = facts[(facts["indicator"] == "urban_population_share_wb") & (facts["geography_level"] == "country")]
    wb = wb.assign(year=wb["reference_date"].str[:4].astype(int)).sort_values("year")
    national = facts[(facts["indicator"] == "urban_population_share") & (facts["geography_level"] == "country")]
    national = national.drop_duplicates("reference_date").sort_values("reference_date")
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=wb["year"], y=wb["value"], name="World Bank (harmonised estimate)", mode="lines+markers",
        line=dict(color=PALETTE[2], dash=DASHES[0], width=3), marker=dict(symbol="circle", size=7),
        hovertemplate="%{x}: %{y:.1f}%<extra>World Bank</extra>"))
    fig.add_trace(go.Scatter(
        x=national["reference_date"].str[:4].astype(int), y=national["value"],
        name="State Statistical Committee (national definition, 1 January / 1 July)", mode="markers",
        marker=dict(symbol="diamond", size=13, color=PALETTE[5], line=dict(color="#000000", width=1)),
        text=national["reference_date"], hovertemplate="%{text}: %{y:.1f}%<extra>national</extra>"))
    fig.update_layout(
        title="Urban share of Azerbaijan's population under two definitions",
        xaxis_title="Year", yaxis_title="% of population living in urban areas", yaxis_range=[45, 65],
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    source = urban_sources(facts)
    source_note(fig, source)
    latest_wb = wb.iloc[-1]
    points = "; ".join(f"{r.reference_date} {r.value:.1f}%" for r in national.itertuples())
    summary = (f"World Bank urban share rose from {wb['value'].iloc[0]:.1f}% in {int(wb['year'].iloc[0])} to "
               f"{latest_wb['value']:.1f}% in {int(latest_wb['year'])}. National figures: {points}. "
               f"{_gap_sentence(facts)} {source}.")
    return CourseChart(fig, summary)
