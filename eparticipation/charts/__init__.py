"""One chart set-up for the whole course: colour-blind-safe theme, offline renderer, builders.

Every figure shows in JupyterLab (through plotly's own mime type) and in the built book (through a
small `text/html` copy that expects the page to provide `window.Plotly`; the book's Sphinx extension
serves plotly.js once per site from `_static/`). Nothing is fetched from a CDN.

Call `setup()` once per notebook (the notebooks' single import cell does it through `course`).
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

# Okabe & Ito (2008) colour-blind-safe palette; black last, for reference lines.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow (use on dark backgrounds or with a marker outline only)
    "#000000",
]
# A sequential scale that stays readable in greyscale print (light to dark blue).
SEQUENTIAL = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
# Dash patterns so lines differ in black-and-white print too.
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]

TEMPLATE_NAME = "eparticipation"
RENDERER_NAME = "course_html"
FONT = "DejaVu Sans, Arial, sans-serif"  # DejaVu covers ə ğ ı ö ü ç ş

# plotly's "auto" JSON engine switches to orjson when it happens to be installed, and orjson writes
# "–" where the standard library writes "\u2013": stored notebook outputs would then depend on an
# optional package. The standard library's encoder is the same on every machine.
pio.json.config.default_engine = "json"


def course_template() -> go.layout.Template:
    """The course theme: white background, large readable type, the palette above."""
    return go.layout.Template(
        layout=go.Layout(
            colorway=PALETTE,
            font=dict(family=FONT, size=14, color="#222222"),
            title=dict(font=dict(size=17), x=0.0, xanchor="left"),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(showgrid=True, gridcolor="#dddddd", linecolor="#444444", ticks="outside"),
            yaxis=dict(showgrid=True, gridcolor="#dddddd", linecolor="#444444", ticks="outside"),
            legend=dict(bgcolor="rgba(255,255,255,0.8)"),
            colorscale=dict(sequential=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)]),
            margin=dict(l=60, r=30, t=70, b=60),
            hoverlabel=dict(font=dict(family=FONT)),
        )
    )


class OfflineHtmlRenderer(MimetypeRenderer):
    """`text/html` without plotly.js or a MathJax CDN tag: the page supplies `window.Plotly`.

    plotly's own `notebook*` renderers either inline 4.8 MB of JavaScript per chart or request
    MathJax from a CDN, which breaks a training room with no internet.
    """

    def __init__(self, config: dict | None = None) -> None:
        self.config = dict(config or {})

    def to_mimebundle(self, fig_dict):
        html = pio.to_html(
            fig_dict,
            config=self.config,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_width="100%",
            default_height=450,
            validate=False,
        )
        return {"text/html": html}


def setup() -> None:
    """Register the course theme and renderer as plotly's defaults. Safe to call twice."""
    pio.templates[TEMPLATE_NAME] = course_template()
    pio.templates.default = "plotly_white+" + TEMPLATE_NAME
    pio.renderers[RENDERER_NAME] = OfflineHtmlRenderer(config={"displaylogo": False, "responsive": True})
    # Both: JupyterLab draws the plotly mime type; the book renders the small HTML copy.
    pio.renderers.default = "plotly_mimetype+" + RENDERER_NAME


@lru_cache(maxsize=1)
def _course_template_json() -> dict:
    setup()
    merged = pio.templates.merge_templates(pio.templates["plotly_white"], course_template())
    return merged.to_plotly_json()


def light_figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts with the course theme, skipping plotly's slow validation.

    Merging templates and validating every property costs ~60-90 ms per figure, too slow for an
    exercise's callback (goal <= 50 ms). Build the dicts carefully; tests re-validate them with go.Figure.
    """
    return go.Figure({"data": data, "layout": {"template": _course_template_json(), **layout}}, _validate=False)


def figure_html(fig: go.Figure, *, include_plotlyjs: bool | str = False) -> str:
    """A figure as an HTML fragment with a stable div id (for reports and widget Output areas).

    `include_plotlyjs=True` inlines plotly.js for self-contained files such as a facilitator's
    report; the default expects the page to provide it.
    """
    return pio.to_html(
        fig,
        include_plotlyjs=include_plotlyjs,
        include_mathjax=False,
        full_html=False,
        default_width="100%",
        default_height=450,
        config={"displaylogo": False, "responsive": True},
        div_id="chart-" + _stable_id(fig),
    )


def _stable_id(fig: go.Figure) -> str:
    return hashlib.sha1(fig.to_json().encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# A chart with its text summary: every chart in the course carries one, for screen readers, print
# and anyone who cannot read the picture. In a notebook both are displayed, figure then summary.
# ---------------------------------------------------------------------------------------------
class CourseChart:
    """A plotly figure plus a one-paragraph text summary (the chart's alt text)."""

    def __init__(self, figure: go.Figure, summary: str) -> None:
        self.figure = figure
        self.summary = summary

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.figure)
        display(self._summary_markdown())

    def _summary_markdown(self):
        from IPython.display import Markdown

        return Markdown(f"*Text summary of the chart:* {self.summary}")

    def show_in(self, output) -> None:
        """Replace the contents of an `ipywidgets.Output` with this chart and its summary.

        Writes the outputs directly instead of capturing them with `with output:`: the capture
        depends on kernel messages and made notebook execution stall until its time-out; this works
        the same live, during a build and in the static snapshot.
        """
        summary = f"*Text summary of the chart:* {self.summary}"
        output.outputs = (
            {"output_type": "display_data", "data": figure_bundle(self.figure, self.summary), "metadata": {}},
            {"output_type": "display_data", "data": {"text/markdown": summary, "text/plain": summary}, "metadata": {}},
        )


def figure_bundle(fig: go.Figure, summary: str) -> dict:
    """A figure's mime bundle for a widget's Output: plotly JSON for JupyterLab, stable HTML for the book.

    The HTML uses the chart's stable div id, so saved widget state does not change from run to run.
    """
    figure = json.loads(fig.to_json())  # plain JSON types only: widget state must serialise
    return {
        "application/vnd.plotly.v1+json": {"data": figure.get("data", []), "layout": figure.get("layout", {}),
                                           "config": {"displaylogo": False, "responsive": True}},
        "text/html": figure_html(fig),
        "text/plain": summary,
    }


def source_note(fig: go.Figure, source: str) -> None:
    """The attribution, printed under the plot area so it survives screenshots and print."""
    # Annotations do not wrap: break long attributions so they are not cut off on narrow pages.
    text = "<br>".join(textwrap.wrap(source, width=90))
    fig.add_annotation(
        text=text, xref="paper", yref="paper", x=0, y=-0.22, xanchor="left", yanchor="top", align="left",
        showarrow=False, font=dict(size=11, color="#555555"),
    )
    fig.update_layout(margin=dict(b=110))


INDEX_NAMES = {
    "egdi": "E-Government Development Index (EGDI)",
    "epi": "E-Participation Index (EPI)",
    "osi": "Online Service Index (OSI)",
    "hci": "Human Capital Index (HCI)",
    "tii": "Telecommunication Infrastructure Index (TII)",
}


def index_trend_chart(series, *, country: str, indices=("egdi", "epi"), source: str) -> CourseChart:
    """Lines of one country's indices across survey editions (`series`: year + index columns)."""
    fig = go.Figure()
    for i, index in enumerate(indices):
        fig.add_trace(
            go.Scatter(
                x=series["year"], y=series[index], name=INDEX_NAMES[index], mode="lines+markers",
                line=dict(color=PALETTE[i], dash=DASHES[i], width=3),
                marker=dict(symbol=["circle", "square", "diamond", "triangle-up", "x"][i], size=9),
                hovertemplate="%{x}: %{y:.3f}<extra>" + index.upper() + "</extra>",
            )
        )
    fig.update_layout(
        title=f"{country}: {' and '.join(i.upper() for i in indices)} in each UN survey edition",
        xaxis_title="Survey edition", yaxis_title="Index value (0 to 1)",
        yaxis_range=[0, 1], legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        # Room above the legend so the title never overlaps it on a narrow page.
        title_yref="container", title_y=0.97, margin_t=120,
    )
    source_note(fig, source)
    parts = []
    for index in indices:
        first, last = series.iloc[0], series.iloc[-1]
        peak = series.loc[series[index].idxmax()]
        parts.append(
            f"{index.upper()} went from {first[index]:.3f} in {int(first['year'])} to {last[index]:.3f} in "
            f"{int(last['year'])}, highest {peak[index]:.3f} in {int(peak['year'])}"
        )
    return CourseChart(fig, f"{country}, {'; '.join(parts)}. {source}.")


def comparison_chart(frame, *, index: str, source: str, highlight: str | None = None) -> CourseChart:
    """One line per country (`frame`: country, year, index) for one index; `highlight` drawn thicker."""
    fig = go.Figure()
    countries = list(dict.fromkeys(frame["country"]))
    for i, name in enumerate(countries):
        rows = frame[frame["country"] == name]
        main = name == highlight
        fig.add_trace(
            go.Scatter(
                x=rows["year"], y=rows[index], name=name, mode="lines+markers",
                line=dict(color=PALETTE[i % 6], dash=DASHES[i % len(DASHES)], width=4 if main else 2),
                marker=dict(size=9 if main else 6),
                hovertemplate="%{x}: %{y:.3f}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(
        title=f"{INDEX_NAMES[index]}: {', '.join(countries)}",
        xaxis_title="Survey edition", yaxis_title="Index value (0 to 1)", yaxis_range=[0, 1],
    )
    source_note(fig, source)
    latest = frame[frame["year"] == frame["year"].max()].sort_values(index, ascending=False)
    order = ", ".join(f"{r.country} {getattr(r, index):.3f}" for r in latest.itertuples())
    return CourseChart(fig, f"{INDEX_NAMES[index]} in {int(frame['year'].max())}, highest first: {order}. {source}.")


def interpolate(scale: list[str], t: float) -> str:
    """Colour at position t (0..1) along a list of hex colours."""
    t = min(max(t, 0.0), 1.0) * (len(scale) - 1)
    i = min(int(t), len(scale) - 2)
    a, b = scale[i], scale[i + 1]
    frac = t - i
    channels = [round(int(a[k:k + 2], 16) * (1 - frac) + int(b[k:k + 2], 16) * frac) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)
