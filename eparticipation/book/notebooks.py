"""The course notebooks: which ones the book contains, the template they follow, and executing them.

Committed notebooks carry their outputs: nbval compares a fresh run against them. `execute_notebook`
re-runs one in a throw-away demo workbook (never a participant's) and stores the widget state, so a
participant who opens it in JupyterLab sees the widgets, not "model not found".
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import yaml

from eparticipation.course import DEMO_ENV
from eparticipation.paths import REPO_ROOT, WORKBOOK_ENV

NOTEBOOK_FOLDERS = ("notebooks", "exercises")
SOLUTION_HEADINGS = ("Solution", "Worked example (fictitious ministry)")
FRONT_SECTIONS = ("Overview", "Prerequisites", "Time to learn", "Setup")
BACK_SECTIONS = ("Summary", "What's next", "Sources")
TIME_TO_HERE = re.compile(r"time to here", re.IGNORECASE)


def demo_environment() -> dict[str, str]:
    """Environment variables for any run that is not a participant's: build, nbval, CI.

    The demo workbook is a new temporary folder, removed when this Python process exits (the notebooks
    tell readers that demonstration answers are deleted afterwards).
    """
    folder = tempfile.mkdtemp(prefix="eparticipation-demo-workbook-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return {WORKBOOK_ENV: folder, DEMO_ENV: "1"}


def toc_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """Every .ipynb the table of contents lists, in book order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found: list[Path] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                path = root / (node["file"] + ".ipynb")
                if path.exists():
                    found.append(path)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def _headings(cell, level: int) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix):].strip() for line in cell.source.splitlines() if line.startswith(prefix)]


def template_problems(nb, session_ids: set[str] | None = None) -> list[str]:
    """Every way a notebook departs from the course template (documented on the authoring page)."""
    problems: list[str] = []
    session = nb.metadata.get("eparticipation", {}).get("session")
    if not session:
        problems.append("notebook metadata has no eparticipation.session id")
    elif session_ids is not None and session not in session_ids:
        problems.append(f"session id {session!r} is not in book/schedule.yml")
    titles = [h for c in nb.cells if c.cell_type == "markdown" for h in _headings(c, 1)]
    if len(titles) != 1 or not (nb.cells and _headings(nb.cells[0], 1)):
        problems.append("the first cell must hold the one and only '# Title'")

    # Split the notebook into H2 sections: heading -> cells under it.
    sections: list[tuple[str, list]] = []
    for cell in nb.cells:
        heads = _headings(cell, 2) if cell.cell_type == "markdown" else []
        if heads:
            sections.append((heads[0], [cell]))
            for extra in heads[1:]:
                sections.append((extra, [cell]))
        elif sections:
            sections[-1][1].append(cell)
    names = [name for name, _ in sections]

    front = names[: len(FRONT_SECTIONS)]
    if tuple(front) != FRONT_SECTIONS:
        problems.append(f"the first sections must be {', '.join(FRONT_SECTIONS)} (found {', '.join(front) or 'none'})")
    tail = names[-(len(BACK_SECTIONS) + 2):]
    expected_tail_ok = (
        len(tail) == len(BACK_SECTIONS) + 2
        and tail[0] == "Exercise"
        and tail[1] in SOLUTION_HEADINGS
        and tuple(tail[2:]) == BACK_SECTIONS
    )
    if not expected_tail_ok:
        problems.append(
            "the last sections must be Exercise, then 'Solution' or 'Worked example (fictitious ministry)', "
            f"then {', '.join(BACK_SECTIONS)} (found {', '.join(tail)})"
        )
    content = names[len(FRONT_SECTIONS): len(names) - len(BACK_SECTIONS) - 2]
    if not content:
        problems.append("there is no content section between Setup and Exercise")
    by_name = dict(sections)
    for name in content:
        text = "\n".join(c.source for c in by_name[name] if c.cell_type == "markdown")
        if not TIME_TO_HERE.search(text):
            problems.append(f"section '{name}' does not say its 'Time to here'")
    setup_cells = [c for c in by_name.get("Setup", []) if c.cell_type == "code"]
    if len(setup_cells) != 1:
        problems.append(f"Setup must hold exactly one code cell (the imports), not {len(setup_cells)}")
    overview = "\n".join(c.source for c in by_name.get("Overview", []) if c.cell_type == "markdown")
    if not re.search(r"^\s*(\d+\.|[-*])\s+\S", overview, re.MULTILINE):
        problems.append("Overview must list the objectives")
    for name in SOLUTION_HEADINGS:
        if name in by_name:
            text = "\n".join(c.source for c in by_name[name] if c.cell_type == "markdown")
            if "<details" not in text:
                problems.append(f"'{name}' must be hidden in a <details> block")
    sources = "\n".join(c.source for c in by_name.get("Sources", []) if c.cell_type == "markdown")
    if len(sources.split()) < 8:
        problems.append("Sources must name the sources used")
    return problems


def execute_notebook(path: Path, *, timeout: int = 300) -> None:
    """Run a notebook top to bottom in a demo workbook and save it with its outputs and widget state."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    previous = {k: os.environ.get(k) for k in (WORKBOOK_ENV, DEMO_ENV)}
    os.environ.update(demo_environment())
    try:
        client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=True, record_timing=False,
        )
        client.execute()
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    nbformat.write(nb, path)
