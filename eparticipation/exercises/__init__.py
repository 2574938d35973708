"""The exercises on screen: one widget per worksheet (`eparticipation.worksheets`), and the framework.

`base.Exercise` binds a worksheet's section to ipywidgets controls (load, validate, save, feedback,
reset, workbook tools); each module here is a thin view named after its worksheet, with a one-line
function the notebook calls (e.g. `readiness_exercise()`). `canvas` shows the whole workbook.
"""

import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
