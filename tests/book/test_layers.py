"""The house's one-way flow, checked by reading every module's imports (function-level ones too).

    data ─► analysis ─► charts ─► reports ─► commands (cli)
    workbook (generic) ─► worksheets (exercise content) ─► exercises (the widgets)

No module of the data, analysis, workbook or worksheet layers, nor a report, imports ipywidgets,
directly or through another module of the package; data never imports analysis; the workbook knows
no exercise; only the command line imports the commands.
"""

from __future__ import annotations

import ast
from functools import lru_cache

import pytest

from eparticipation.paths import REPO_ROOT

PACKAGE = REPO_ROOT / "eparticipation"


def module_names() -> dict[str, object]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = module_names()


def imports_of(name: str) -> set[str]:
    """Every module `name` imports: package modules by full name (with their parent packages, whose
    __init__ runs first), other packages by their top-level name."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] != "eparticipation":
                found.add(target.split(".")[0])
                continue
            parts = target.split(".")
            found |= {".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in MODULES}
    return found - {name}


@lru_cache(maxsize=None)
def reach(name: str) -> frozenset[str]:
    """Everything importing `name` loads: its imports, theirs, and so on."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        for target in imports_of(current) if current in MODULES else ():
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


def layer(prefix: str) -> list[str]:
    return sorted(m for m in MODULES if m == prefix or m.startswith(prefix + "."))


def uses_widgets(name: str) -> list[str]:
    """The package modules (or `name` itself) that bring ipywidgets in when `name` is imported."""
    return sorted(m for m in reach(name) | {name} if m in MODULES and "ipywidgets" in imports_of(m))


PURE = layer("eparticipation.data") + layer("eparticipation.analysis") + layer("eparticipation.workbook") \
    + layer("eparticipation.worksheets") + layer("eparticipation.reports")


@pytest.mark.parametrize("name", PURE)
def test_pure_layers_never_load_ipywidgets(name):
    assert uses_widgets(name) == []


@pytest.mark.parametrize("name", layer("eparticipation.data"))
def test_data_never_imports_analysis_or_anything_above(name):
    above = ("analysis", "charts", "reports", "worksheets", "exercises", "commands", "workbook")
    assert sorted(m for m in reach(name) if m.split(".")[1:2] and m.split(".")[1] in above) == []


@pytest.mark.parametrize("name", layer("eparticipation.workbook"))
def test_the_workbook_knows_no_exercise(name):
    above = ("analysis", "charts", "reports", "worksheets", "exercises", "commands")
    assert sorted(m for m in reach(name) if m.split(".")[1:2] and m.split(".")[1] in above) == []


@pytest.mark.parametrize("name", layer("eparticipation.analysis") + layer("eparticipation.worksheets")
                         + layer("eparticipation.charts"))
def test_analysis_worksheets_and_charts_import_no_report_view_or_command(name):
    above = ("reports", "exercises", "commands", "explorers", "quiz", "cli")
    assert sorted(m for m in reach(name) if m.split(".")[1:2] and m.split(".")[1] in above) == []


@pytest.mark.parametrize("name", layer("eparticipation.reports"))
def test_reports_import_no_view_or_command(name):
    above = ("exercises", "commands", "explorers", "cli")
    assert sorted(m for m in reach(name) if m.split(".")[1:2] and m.split(".")[1] in above) == []


def test_only_the_command_line_imports_the_commands():
    users = sorted(m for m in MODULES if not m.startswith(("eparticipation.commands", "eparticipation.cli"))
                   and any(t.startswith("eparticipation.commands") for t in imports_of(m)))
    assert users == []


def test_the_views_do_load_ipywidgets():
    """The check above can see ipywidgets at all: the exercise widgets import it."""
    assert uses_widgets("eparticipation.exercises.readiness")
    assert "eparticipation.worksheets.readiness" in reach("eparticipation.exercises.readiness")
