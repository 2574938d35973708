"""Interactive explorers for the exploration notebooks: a control, and a chart that follows it.

Each explorer is a thin view: the chart comes from a pure function (tested on its own), the widget
only passes the chosen value to it. All state a callback needs is captured when the explorer is
built, never read from notebook globals.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from eparticipation import charts
from eparticipation.analysis.survey_trends import country_rows, peer_series


def peer_comparison(panel: pd.DataFrame, country_code: str, peer_code: str, index: str, source: str) -> charts.CourseChart:
    """A country against one peer on one index, from 2008: in 2003–2005 dozens of countries scored exactly 0
    on the EPI in each edition (see `epi.edition_distribution`), so the early values compare little."""
    frame = peer_series(panel, [country_code, peer_code], index)
    main = country_rows(panel, country_code)["country"].iloc[0]
    return charts.comparison_chart(frame, index=index, source=source, highlight=main)


def peer_explorer(panel: pd.DataFrame, country_code: str, peer_codes: list[str], *, index: str = "epi",
                  source: str) -> widgets.VBox:
    """A drop-down of peers and the comparison chart for the chosen one."""
    names = panel.drop_duplicates("country_code").set_index("country_code")["country"]
    picker = widgets.Dropdown(
        options=[(names[c], c) for c in peer_codes], value=peer_codes[0], description="Compare with:",
        style={"description_width": "initial"},
    )
    output = widgets.Output()

    def show(change=None) -> None:
        peer_comparison(panel, country_code, picker.value, index, source).show_in(output)

    picker.observe(show, names="value")
    show()
    return widgets.VBox([picker, output])
