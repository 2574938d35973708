"""Reports: generated pages above the analysis and the charts.

- `polis`: the Pol.is conversation report (opinion groups, consensus and dividing statements).
- `feedback`: the "you said, we did" report of a consultation (what was said, what happened to it).
- `dashboard`: the facilitator's dashboard of shared workbooks.
- `html`: the workbook's blocks as HTML (the dashboard and the strategy canvas).
"""
