"""The ONE place where an exercise puts a chart on screen.

Two ways exist to show a plotly figure inside a widget; which one the book's static snapshots
render is checked by the book's browser test, and switching is one assignment::

    charting.MODE = "output"   # ipywidgets.Output holding a display_data with the plotly mime type
                               # (JupyterLab) and a small text/html copy (the static book)
    charting.MODE = "html"     # ipywidgets.HTML holding charts.figure_html(fig)

Either way, the outputs are set directly (no running kernel needed, so tests and callbacks behave
the same) and are deterministic: the HTML uses the chart's stable div id, never a random one.
"""

from __future__ import annotations

import html

import ipywidgets as w
import plotly.graph_objects as go

from eparticipation import charts

MODE = "output"


def chart_area() -> w.Widget:
    """An empty chart area for the current MODE."""
    area = w.Output() if MODE == "output" else w.HTML()
    area.add_class("ep-chart")
    return area


def show_figure(area: w.Widget, fig: go.Figure, summary: str) -> None:
    """Replace what the chart area shows with `fig` (and its text summary as plain text)."""
    if isinstance(area, w.Output):
        area.outputs = ({"output_type": "display_data", "data": charts.figure_bundle(fig, summary), "metadata": {}},)
    else:
        area.value = charts.figure_html(fig) + f'<p class="sr-only" hidden>{html.escape(summary)}</p>'
