"""Session 0 in real JupyterLab, as a participant meets it: open, run all, fill in, restart, re-run.

The Lab server uses the settings the course installs into the environment (no kernel picker) and a
temporary demo workbook; the user-settings folder is empty, so nothing on this machine helps it along.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from eparticipation.book.notebooks import toc_notebooks
from eparticipation.paths import REPO_ROOT

pytestmark = pytest.mark.lab


def test_session0_exercise_saves_and_restores_after_restart(browser, lab, lab_driver, artifacts):
    base, token, workbook = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "exercises/s00-getting-started.ipynb")
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text()
    assert "model not found" not in notebook_text.lower()
    assert "error displaying widget" not in notebook_text.lower()

    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise").last
    form.wait_for(timeout=30000)
    answers = {"alias": "Masa 3 — Rəqəmsal xidmətlər", "institution": "Ministry of <Examples>", "role": "Şöbə müdiri"}
    for name, value in answers.items():
        field = form.locator(f".ep-field-{name} input")
        field.fill(value)
        field.press("Tab")  # text fields commit on leaving the field, not per keystroke
    saved = form.locator(".ep-saved")
    page.wait_for_function(
        "el => /\\d\\d:\\d\\d:\\d\\d/.test(el.textContent)", arg=saved.element_handle(), timeout=15000
    )
    # Each field saves on its own; wait until the last one has reached the disk.
    expected = {"alias", "institution", "role"}
    for _ in range(60):
        stored = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in workbook.glob("*.json")}
        if {k: stored.get("profile", {}).get("answers", {}).get(k) for k in expected} == answers:
            break
        page.wait_for_timeout(500)  # keeps Playwright serving the page while we wait
    assert stored["profile"]["answers"] | answers == stored["profile"]["answers"], stored.get("profile")
    # The feedback is redrawn after each save; expect() waits for the redraw after the last one.
    expect(form.locator(".ep-feedback").first).to_contain_text(re.compile("complete", re.I), timeout=15000)

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise").last
    form.wait_for(timeout=30000)
    for name, value in answers.items():
        assert form.locator(f".ep-field-{name} input").input_value() == value
    form.screenshot(path=str(artifacts / "lab-session0-exercise.png"))
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()


def test_session0_notebook_charts_render_in_lab(browser, lab, lab_driver, artifacts):
    base, token, _ = lab
    ACTIVE, run_all = lab_driver.ACTIVE, lab_driver.run_all
    context, page, watch = lab_driver.open_notebook(browser, base, token, "notebooks/s00-getting-started.ipynb")
    run_all(page)
    # Trend, map and the peer explorer's chart: wait until all three are drawn, not just the first.
    expect(page.locator(f"{ACTIVE} .js-plotly-plot").nth(2).locator(".main-svg").first).to_be_attached(timeout=30000)
    assert "Problem:" in page.locator(f"{ACTIVE} .jp-Notebook").inner_text()
    page.screenshot(path=str(artifacts / "lab-session0-notebook.png"))
    assert not watch.blocked, watch.blocked
    context.close()


BOOK_NOTEBOOKS = [p.relative_to(REPO_ROOT).as_posix() for p in toc_notebooks()]
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def stored_chart_count(path: str) -> int:
    """Charts in the notebook's stored outputs: cell outputs plus those inside saved widget Outputs."""
    nb = json.loads((REPO_ROOT / path).read_text(encoding="utf-8"))
    count = sum(PLOTLY_MIME in output.get("data", {})
                for cell in nb["cells"] if cell["cell_type"] == "code" for output in cell.get("outputs", []))
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in state.get("state", {}).values():
        count += sum(PLOTLY_MIME in output.get("data", {}) for output in model.get("state", {}).get("outputs", []))
    return count


def test_the_book_has_charts_to_check():
    """The Lab check below expects the stored number of charts; the book must have some to check."""
    assert stored_chart_count("notebooks/s01-concepts.ipynb") >= 3
    assert sum(map(stored_chart_count, BOOK_NOTEBOOKS)) >= 10


@pytest.mark.parametrize("path", BOOK_NOTEBOOKS)
def test_every_book_notebook_runs_clean_in_lab(browser, lab, lab_driver, path):
    """Open, Run All: no traceback, as many charts drawn as the stored outputs hold, every widget shown."""
    base, token, _ = lab
    ACTIVE = lab_driver.ACTIVE
    context, page, watch = lab_driver.open_notebook(browser, base, token, path)
    lab_driver.run_all(page)
    notebook = page.locator(f"{ACTIVE} .jp-Notebook")
    if path.startswith("exercises/"):
        page.locator(f"{ACTIVE} .ep-exercise").first.wait_for(timeout=30000)
    plots = page.locator(f"{ACTIVE} .js-plotly-plot")
    expect(plots).to_have_count(stored_chart_count(path), timeout=30000)  # as many as the stored outputs
    for i in range(plots.count()):
        plots.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=30000)
    text = notebook.inner_text()
    errors = page.locator(f"{ACTIVE} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t.split(":")[0]]
    assert not tracebacks, tracebacks
    assert "error displaying widget" not in text.lower() and "model not found" not in text.lower()
    assert not watch.blocked, watch.blocked
    context.close()
