"""The exercises. Importing this package registers every exercise's workbook section.

Each module holds one exercise: its model, its pure feedback rules, then its widget, and a
one-line function the notebook calls (e.g. `profile_exercise()`, `readiness_exercise()`).
A new exercise module must be imported here so the canvas, export and aggregation see it.
"""

from eparticipation.exercises import profile  # noqa: F401  (registers the profile section)
from eparticipation.exercises import readiness  # noqa: F401  (registers the readiness section)
