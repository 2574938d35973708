"""The exercises. Importing this package registers every exercise's workbook section.

Each module holds one exercise: its model, its pure feedback rules, then its widget, and a
one-line function the notebook calls (e.g. `profile_exercise()`, `readiness_exercise()`).
Every module here that is not part of the framework is an exercise and is imported, so the canvas,
export and aggregation see a new exercise without further registration.
"""

import importlib
import pkgutil

FRAMEWORK_MODULES = {"base", "feedback", "charting", "tools", "canvas"}

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in FRAMEWORK_MODULES and not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")
