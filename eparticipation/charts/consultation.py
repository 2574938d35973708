"""Charts of the SYNTHETIC sample consultation (Session 5): channels, weeks, representation by region
(bars and a map), topics before and after weighting, and the outreach plan of the exercise.

Each builder takes a table from `eparticipation.analysis.consultation` and returns a `CourseChart`
(figure + text summary). Every title says SYNTHETIC, and the note under the plot names the ASSUMED
generator parameters the result depends on (`data/assumptions.csv`), so a copied chart keeps both.
Series differ by pattern as well as colour, so the charts survive black-and-white print.
"""

from __future__ import annotations

import textwrap

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


def _note(fig: go.Figure, note: str, *, left: int = 60) -> None:
    """The note under the plot (`source_note`), wrapped narrower when long axis labels push the plot
    area right, so that it is not cut off on a phone-width page."""
    source_note(fig, note)
    lines = textwrap.wrap(note, max(45, 90 - left // 6))
    # Pinned a fixed distance under the plot area (below the axis title), with room for every line.
    fig.layout.annotations[-1].update(text="<br>".join(lines), y=0, yshift=-62, yanchor="top")
    fig.update_layout(margin=dict(b=80 + 15 * len(lines)))


def channel_chart(table: pd.DataFrame) -> CourseChart:
    """Horizontal bars: share of submissions per channel (`participation_by(submissions, "channel")`)."""
    rows = table.sort_values("share")
    fig = go.Figure(go.Bar(
        y=rows["channel"].astype(str), x=100 * rows["share"], orientation="h", marker=dict(color=PALETTE[0], line=_BAR_LINE),
        text=[_pct(v) for v in rows["share"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    fig.update_layout(title=f"{SYNTHETIC}: submissions by channel", xaxis=dict(title="Share of submissions", ticksuffix="%"),
                      yaxis=dict(showgrid=False), height=430, margin=dict(l=200, r=70))
    note = assumption_note("channel_by_age", "rural_channel_shift")
    _note(fig, note, left=200)
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


def _paired_bars(labels: list[str], pairs: list[tuple[pd.Series, str, str, str, str]], *, title: str, x_title: str,
                 left: int, height: int) -> go.Figure:
    """Grouped horizontal bars, two per label: `pairs` are (shares 0-1, name, colour, pattern, hover words)."""
    fig = go.Figure([
        go.Bar(y=labels, x=100 * values, orientation="h", name=name,
               marker=dict(color=colour, pattern=dict(shape=shape), line=_BAR_LINE),
               hovertemplate="%{y}: %{x:.1f}% " + hover + "<extra></extra>")
        for values, name, colour, shape, hover in pairs
    ])
    fig.update_layout(barmode="group", title_text=title, xaxis=dict(title=x_title, ticksuffix="%"),
                      yaxis=dict(showgrid=False, tickfont=dict(size=12)),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
                      title=dict(yref="container", y=0.96, yanchor="top"), margin=dict(l=left, t=140), height=height)
    return fig


def representation_chart(ratios: pd.DataFrame) -> CourseChart:
    """Grouped bars per region: share of the population (solid) and of the participants (hatched),
    from `representation_ratios`; regions in order of their ratio, most under-represented at the top."""
    rows = ratios.sort_values("ratio", ascending=False)  # plotly draws the first bar at the bottom
    fig = _paired_bars(rows["region"].astype(str).tolist(), [
        (rows["population_share"], "Share of the population", PALETTE[4], "", "of the population"),
        (rows["sample_share"], "Share of the participants (SYNTHETIC)", PALETTE[1], "/", "of the participants"),
    ], title=f"{SYNTHETIC}: who took part, by economic<br>region, against the population", x_title="Share",
        left=170, height=660)
    note = f"{assumption_note('region_participation_propensity')} {POPULATION_SOURCE}."
    _note(fig, note, left=170)
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
                            title="SYNTHETIC: representation ratio by economic region",
                            value_label="ratio", source=note, value_format=".2f")
    return chart


def topic_chart(ranking: pd.DataFrame) -> CourseChart:
    """Grouped horizontal bars per priority: share of submissions before (solid) and after (hatched)
    weighting by region, from `weighted_ranking(submissions, "topic", …)`."""
    rows = ranking.iloc[::-1]
    labels = ["<br>".join(textwrap.wrap(TOPIC_LABELS.get(str(t), str(t)), 30)) for t in rows["topic"]]
    fig = _paired_bars(labels, [
        (rows["raw_share"], "Unweighted", PALETTE[0], "", "unweighted"),
        (rows["weighted_share"], "Weighted by region", PALETTE[2], "x", "weighted"),
    ], title=f"{SYNTHETIC}: priorities raised,<br>before and after weighting by region", x_title="Share of submissions",
        left=220, height=600)
    note = f"{assumption_note('topic_share', 'region_participation_propensity')} {POPULATION_SOURCE}."
    _note(fig, note, left=220)
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
