"""One chart set-up for the whole course: colour-blind-safe theme, offline renderer, builders.

Every figure shows in JupyterLab (through plotly's own mime type) and in the built book (through a
small `text/html` copy that expects the page to provide `window.Plotly`; the book's Sphinx extension
serves plotly.js once per site from `_static/`). Nothing is fetched from a CDN.

Call `setup()` once per notebook (the notebooks' single import cell does it through `course`).
"""

from __future__ import annotations

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
    import hashlib

    return hashlib.sha1(fig.to_json().encode("utf-8")).hexdigest()[:12]
