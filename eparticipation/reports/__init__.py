"""Reports: generated pages above the analysis and the charts.

- `polis`: the Pol.is conversation report (opinion groups, consensus and dividing statements).
- `dashboard`: the facilitator's dashboard of shared workbooks.
- `html`: the workbook's blocks as HTML (the dashboard and the strategy canvas).
"""
