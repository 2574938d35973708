"""Interactive explorers for the exploration notebooks: controls, and a chart or table that follows them.

- `peer_explorer` (Sessions 0-1): a drop-down of peer countries and the comparison chart.
- `case_explorer` (Session 4): four drop-downs filter the documented cases into a table.

Each explorer is a thin view: the chart or table comes from a pure function (tested on its own), the
widget only passes the chosen values to it. All state a callback needs is captured when the explorer
is built, never read from notebook globals. The first state is the same on every run, so the book's
static snapshot shows it (for the case explorer: every filter on "Any", all cases).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from eparticipation import charts
from eparticipation.analysis.cases import FILTERS, filter_cases
from eparticipation.analysis.survey_trends import country_rows, peer_series
from eparticipation.data.cases import source_key_list


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


LABELS = {"epi_level": "EPI level:", "policy_stage": "Policy stage:", "scale": "Scale:", "outcome": "Outcome:"}
ANY = "Any"


def cases_html(matches: pd.DataFrame, total: int) -> str:
    """The matching cases as an HTML table (case, country and start, classification, lesson, sources)."""
    e = html.escape
    count = f"<p><strong>{len(matches)} of {total} cases match.</strong></p>"
    if matches.empty:
        return count + "<p>No case matches every filter. Set one of the filters back to “Any”.</p>"
    rows = []
    for case in matches.itertuples():
        year = "start year not recorded" if pd.isna(case.year_start) else str(int(case.year_start))
        keys = ", ".join(e(k) for k in source_key_list(case.source_keys))
        rows.append(
            "<tr>"
            f"<td><strong>{e(case.name)}</strong><br><small>{e(case.country)}, {e(year)}</small></td>"
            f"<td>{e(case.epi_level)}<br>{e(case.policy_stage)}<br>{e(case.scale)}</td>"
            f"<td>{e(case.outcome)}: {e(case.outcome_summary)}</td>"
            f"<td>{e(case.lesson)}</td>"
            f"<td><small>{keys}</small></td>"
            "</tr>"
        )
    header = "".join(f'<th style="text-align:left">{h}</th>' for h in
                     ("Case", "EPI level, stage, scale", "Outcome", "Lesson (course authors' reading)", "Source keys"))
    return (count + '<table class="ep-cases" style="border-collapse:collapse;font-size:0.9em">'
            f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


class CaseExplorer:
    """Drop-downs (EPI level, policy stage, scale, outcome) and the table of matching cases."""

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = cases
        self.filters = {
            # "" (not None) for "Any": a Dropdown shows a value of None as an empty box.
            column: widgets.Dropdown(options=[(ANY, "")] + [(v, v) for v in values], value="",
                                     description=LABELS[column], style={"description_width": "8em"},
                                     layout=widgets.Layout(width="22em"))
            for column, values in FILTERS.items()
        }
        self.table = widgets.HTML()
        self.table.add_class("ep-case-table")
        for dropdown in self.filters.values():
            dropdown.observe(self.update, names="value")
        self.update()
        self.widget = widgets.VBox([widgets.HBox(list(self.filters.values())[:2]),
                                    widgets.HBox(list(self.filters.values())[2:]), self.table])
        self.widget.add_class("ep-case-explorer")

    def chosen(self) -> dict[str, str | None]:
        """The chosen value of each filter; None where "Any" is chosen."""
        return {column: dropdown.value or None for column, dropdown in self.filters.items()}

    def update(self, change=None) -> None:
        self.table.value = cases_html(filter_cases(self.cases, **self.chosen()), len(self.cases))


def case_explorer(cases: pd.DataFrame | None = None) -> widgets.VBox:
    """The explorer's widget (one line in a notebook: `case_explorer(cases)`)."""
    if cases is None:
        from eparticipation.data.cases import load_international_cases

        cases = load_international_cases()
    return CaseExplorer(cases).widget
