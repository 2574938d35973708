"""Every notebook in the book follows the course template, carries outputs, and names its session."""

from __future__ import annotations

import copy

import nbformat
import pytest

from eparticipation.book.notebooks import template_problems, toc_notebooks
from eparticipation.book.schedule import load_schedule
from eparticipation.paths import REPO_ROOT

NOTEBOOKS = toc_notebooks()
SESSION_IDS = {s.id for s in load_schedule().sessions}


def test_the_book_has_notebooks():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_notebook_follows_the_template(path):
    nb = nbformat.read(path, as_version=4)
    assert template_problems(nb, SESSION_IDS) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_notebook_is_stored_executed_so_nbval_checks_values(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # nbval skips any cell whose stored execution_count is null: such a cell would check nothing.
    assert all(c.execution_count is not None for c in code)
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run top to bottom once"
    assert any(c.outputs for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_notebook_with_widgets_stores_their_state(path):
    nb = nbformat.read(path, as_version=4)
    views = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    if views:
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        for view in views:
            assert view["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] in state


@pytest.fixture
def good():
    return nbformat.read(REPO_ROOT / "notebooks" / "s00-getting-started.ipynb", as_version=4)


def _drop_section(nb, title):
    nb.cells = [c for c in nb.cells if not (c.cell_type == "markdown" and c.source.startswith(f"## {title}"))]
    return nb


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda nb: _drop_section(nb, "Prerequisites"), "first sections must be"),
        (lambda nb: _drop_section(nb, "Sources"), "last sections must be"),
        (lambda nb: nb.metadata.pop("eparticipation"), "no eparticipation.session"),
        (lambda nb: nb.cells.insert(6, nbformat.v4.new_code_cell("import pandas")), "exactly one code cell"),
        (lambda nb: setattr(nb.cells[6], "source", "## Run your first cell\n\nNo timing here."), "Time to here"),
        (lambda nb: [setattr(c, "source", c.source.replace("<details>", "").replace("</details>", ""))
                     for c in nb.cells if c.cell_type == "markdown"], "hidden in a <details> block"),
        (lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("# A second title")), "only '# Title'"),
    ],
)
def test_template_check_catches_each_departure(good, breakage, expected):
    nb = copy.deepcopy(good)
    breakage(nb)
    assert any(expected in p for p in template_problems(nb, SESSION_IDS))


def test_unknown_session_id_is_reported(good):
    nb = copy.deepcopy(good)
    nb.metadata["eparticipation"]["session"] = "s99-nothing"
    assert any("not in book/schedule.yml" in p for p in template_problems(nb, SESSION_IDS))
