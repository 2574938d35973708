"""Blocks -> HTML (the canvas in the notebook and the facilitator's dashboard). Text is escaped.

A `Figure` without a figure (a worksheet's chart in words) shows its summary only.
"""

from __future__ import annotations

import html

from eparticipation import charts
from eparticipation.workbook.document import Block, Bullets, Figure, Heading, Para, Table


def _text(value: str) -> str:
    return html.escape(str(value)).replace("\n", "<br>")


def blocks_html(blocks: list[Block], *, figures: str = "html", first_plotlyjs: bool = False) -> str:
    """Render blocks. figures: "html" (charts.figure_html), "summary" (text only).

    With `first_plotlyjs`, the first figure inlines plotly.js (self-contained files).
    """
    out = []
    inlined = not first_plotlyjs
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            out.append(f"<h{level}>{_text(block.text)}</h{level}>")
        elif isinstance(block, Para):
            lead = f"<strong>{_text(block.label)}:</strong> " if block.label else ""
            out.append(f"<p>{lead}{_text(block.text)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ol>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ol>")
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col">{_text(h)}</th>' for h in block.header)
            body = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            out.append(f'<table class="ep-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif isinstance(block, Figure):
            if figures == "html" and block.figure is not None:
                out.append(charts.figure_html(block.figure, include_plotlyjs=not inlined))
                inlined = True
            if block.summary:
                out.append(f'<p class="ep-chart-summary"><small>{_text(block.summary)}</small></p>')
    return "\n".join(out)
