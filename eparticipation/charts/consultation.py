"""Charts of the SYNTHETIC sample consultation (Session 5): channels, weeks, representation by region
(bars and a map), topics before and after weighting, and the outreach plan of the exercise.

Each builder takes a table from `eparticipation.analysis.consultation` and returns a `CourseChart`
(figure + text summary). Every title says SYNTHETIC, and the note under the plot names the ASSUMED
generator parameters the result depends on (`data/assumptions.csv`), so a copied chart keeps both.
Series differ by pattern as well as colour, so the charts survive black-and-white print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from eparticipation.charts import PALETTE, CourseChart, light_figure, maps, source_note
from eparticipation.data.generator import TOPIC_LABELS, assumption_note

SYNTHETIC = "SYNTHETIC consultation"
POPULATION_SOURCE = ("Population: State Statistical Committee estimates for 1 January 2024, via Trend News Agency "
                     "(Karabakh and East Zangezur: registered, largely displaced residents)")
_BAR_LINE = dict(color="#333333", width=1)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def channel_chart(table: pd.DataFrame) -> CourseChart:
    """Horizontal bars: share of submissions per channel (`participation_by(submissions, "channel")`)."""
    rows = table.sort_values("share")
    fig = go.Figure(go.Bar(
        y=rows["channel"].astype(str), x=100 * rows["share"], orientation="h", marker=dict(color=PALETTE[0], line=_BAR_LINE),
        text=[_pct(v) for v in rows["share"]], textposition="outside", hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    fig.update_layout(title=f"{SYNTHETIC}: submissions by channel", xaxis=dict(title="Share of submissions", ticksuffix="%"),
                      yaxis=dict(showgrid=False), height=430, margin=dict(l=200))
    note = assumption_note("channel_by_age", "rural_channel_shift")
    source_note(fig, note)
    listing = "; ".join(f"{r.channel} {_pct(r.share)} ({r.count:,} submissions)" for r in table.itertuples())
    return CourseChart(fig, f"{SYNTHETIC}, submissions by channel, largest first: {listing}. {note}")


def weekly_chart(weekly: pd.DataFrame) -> CourseChart:
    """Submissions per consultation week (bars) and responses sent that week (dashed line), `weekly_activity`."""
    fig = go.Figure([
        go.Bar(x=weekly["week"], y=weekly["submissions"], name="Submissions received",
               marker=dict(color=PALETTE[0], line=_BAR_LINE), hovertemplate="Week %{x}: %{y:,} submissions<extra></extra>"),
        go.Scatter(x=weekly["week"], y=weekly["responses"], name="Responses sent", mode="lines+markers",
                   line=dict(color=PALETTE[5], dash="dash", width=3), marker=dict(symbol="square", size=8),
                   hovertemplate="Week %{x}: %{y:,} responses<extra></extra>"),
    ])
    fig.update_layout(title=f"{SYNTHETIC}: submissions and responses per week", xaxis=dict(title="Week", dtick=1),
                      yaxis=dict(title="Number"), legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
                      title_yref="container", title_y=0.97, margin_t=110, height=440)
    note = assumption_note("timing_mixture", "response_delay_days")
    source_note(fig, note)
    busiest = weekly.loc[weekly["submissions"].idxmax()]
    listing = "; ".join(f"week {r.week}: {r.submissions:,} submissions, {r.responses:,} responses" for r in weekly.itertuples())
    return CourseChart(fig, f"{SYNTHETIC}, per week: {listing}. Busiest week: {int(busiest['week'])}. {note}")


def representation_chart(ratios: pd.DataFrame) -> CourseChart:
    """Grouped bars per region: share of the population (solid) and of the participants (hatched),
    from `representation_ratios`; regions in order of their ratio, most under-represented at the top."""
    rows = ratios.sort_values("ratio", ascending=False)  # plotly draws the first bar at the bottom
    regions = rows["region"].astype(str).tolist()
    fig = go.Figure([
        go.Bar(y=regions, x=100 * rows["population_share"], orientation="h", name="Share of the population",
               marker=dict(color=PALETTE[4], line=_BAR_LINE), hovertemplate="%{y}: %{x:.1f}% of the population<extra></extra>"),
        go.Bar(y=regions, x=100 * rows["sample_share"], orientation="h", name="Share of the participants (SYNTHETIC)",
               marker=dict(color=PALETTE[1], pattern=dict(shape="/"), line=_BAR_LINE),
               hovertemplate="%{y}: %{x:.1f}% of the participants<extra></extra>"),
    ])
    fig.update_layout(barmode="group", title=f"{SYNTHETIC}: who took part, by economic region, against the population",
                      xaxis=dict(title="Share", ticksuffix="%"), yaxis=dict(showgrid=False),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), title_yref="container", title_y=0.98,
                      margin=dict(l=170, t=110), height=640)
    note = f"{assumption_note('region_participation_propensity')} {POPULATION_SOURCE}."
    source_note(fig, note)
    listing = "; ".join(f"{r.region} {_pct(r.sample_share)} of participants vs {_pct(r.population_share)} of the population "
                        f"(ratio {r.ratio:.2f})" for r in ratios.sort_values("ratio").itertuples())
    return CourseChart(fig, f"{SYNTHETIC}, participants and population by economic region, most under-represented first: "
                            f"{listing}. {note}")


def ratio_map(geojson: dict, ratios: pd.DataFrame) -> CourseChart:
    """Map of the 14 economic regions coloured by representation ratio (1 = as many as the population share)."""
    values = {str(r.region): round(float(r.ratio), 2) for r in ratios.itertuples()}
    note = f"{assumption_note('region_participation_propensity')} {POPULATION_SOURCE}. Boundaries: Natural Earth; " \
           f"regions per Decree No. 1386 (2021)"
    chart = maps.region_map(geojson, values, name_property="economic_region_2021",
                            title=f"{SYNTHETIC}: representation ratio by economic region (1 = as the population)",
                            value_label="ratio", source=note, value_format=".2f")
    return chart


def topic_chart(ranking: pd.DataFrame) -> CourseChart:
    """Grouped horizontal bars per priority: share of submissions before (solid) and after (hatched)
    weighting by region, from `weighted_ranking(submissions, "topic", …)`."""
    rows = ranking.iloc[::-1]
    labels = [TOPIC_LABELS.get(str(t), str(t)) for t in rows["topic"]]
    fig = go.Figure([
        go.Bar(y=labels, x=100 * rows["raw_share"], orientation="h", name="Unweighted",
               marker=dict(color=PALETTE[0], line=_BAR_LINE), hovertemplate="%{y}: %{x:.1f}% unweighted<extra></extra>"),
        go.Bar(y=labels, x=100 * rows["weighted_share"], orientation="h", name="Weighted by region",
               marker=dict(color=PALETTE[2], pattern=dict(shape="x"), line=_BAR_LINE),
               hovertemplate="%{y}: %{x:.1f}% weighted<extra></extra>"),
    ])
    fig.update_layout(barmode="group", title=f"{SYNTHETIC}: priorities raised, before and after weighting by region",
                      xaxis=dict(title="Share of submissions", ticksuffix="%"), yaxis=dict(showgrid=False, tickfont=dict(size=12)),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), title_yref="container", title_y=0.98,
                      margin=dict(l=330, t=110), height=560)
    note = f"{assumption_note('topic_share', 'region_participation_propensity')} {POPULATION_SOURCE}."
    source_note(fig, note)
    listing = "; ".join(f"{TOPIC_LABELS.get(str(r.topic), r.topic)}: {_pct(r.raw_share)} unweighted (rank {r.raw_rank}), "
                        f"{_pct(r.weighted_share)} weighted (rank {r.weighted_rank})" for r in ranking.itertuples())
    return CourseChart(fig, f"{SYNTHETIC}, share of submissions per priority, weighted order: {listing}. {note}")


def outreach_chart(table: pd.DataFrame, labels: dict[str, str], *, title: str) -> go.Figure:
    """The exercise's picture: per region, the population share, the current (SYNTHETIC) share and the
    participant's target, as grouped horizontal bars told apart by pattern. `table` has columns region,
    population, current, target (percent; target may be NaN); `labels` names the three series and the
    axis (keys population, current, target, axis). Built without validation: fast enough for a callback."""
    rows = table.iloc[::-1]
    regions = rows["region"].tolist()
    series = (("population", PALETTE[4], ""), ("current", PALETTE[1], "/"), ("target", PALETTE[2], "x"))
    data = [dict(type="bar", orientation="h", y=regions, x=[None if pd.isna(v) else round(float(v), 1) for v in rows[key]],
                 name=labels[key], marker=dict(color=colour, pattern=dict(shape=shape), line=_BAR_LINE),
                 hovertemplate="%{y}: %{x:.1f}%<extra>" + labels[key] + "</extra>")
            for key, colour, shape in series]
    layout = dict(barmode="group", title=dict(text=title), height=700, margin=dict(l=170, r=30, t=110, b=60),
                  xaxis=dict(title=dict(text=labels["axis"]), ticksuffix="%"), yaxis=dict(showgrid=False),
                  legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), bargap=0.25)
    return light_figure(data, layout)
