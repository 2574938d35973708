"""Session 0 in real JupyterLab, as a participant meets it: open, run all, fill in, restart, re-run.

The Lab server uses the settings the course installs into the environment (no kernel picker) and a
temporary demo workbook; the user-settings folder is empty, so nothing on this machine helps it along.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from eparticipation.book.lab_settings import LAB_OVERRIDES, overrides_path
from eparticipation.paths import REPO_ROOT, WORKBOOK_ENV

pytestmark = pytest.mark.lab

ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab():
    """A JupyterLab server on loopback; yields (base url, token, workbook folder)."""
    installed = json.loads(overrides_path().read_text(encoding="utf-8")) if overrides_path().exists() else {}
    assert all(installed.get(k, {}).get(n) == v for k, vals in LAB_OVERRIDES.items() for n, v in vals.items()), (
        "the course's JupyterLab settings are not installed: run `python -m eparticipation lab-settings`"
    )
    token, port = secrets.token_hex(16), _free_port()
    scratch = Path(tempfile.mkdtemp(prefix="eparticipation-lab-"))
    workbook = scratch / "workbook"
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(scratch / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
        **{WORKBOOK_ENV: str(workbook)},
    )
    env.pop("EPARTICIPATION_DEMO", None)  # a participant's run: the real save path is shown
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={REPO_ROOT}", "--ServerApp.port_retries=0",
         "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail("JupyterLab exited at start:\n" + proc.stderr.read()[-3000:])
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            pytest.fail("JupyterLab did not answer within 60 s")
        time.sleep(0.5)
    yield base, token, workbook
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def open_notebook(browser, page_watch, base: str, token: str, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = page_watch(context)
    page = context.new_page()
    watch.attach(page)
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.locator(f"{ACTIVE} .jp-Notebook").wait_for(timeout=60000)
    page.locator(f"{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)
    # The installed settings start the kernel: no "Select Kernel" dialog may appear.
    assert page.locator(".jp-Dialog").count() == 0, "JupyterLab asked to select a kernel"
    return context, page, watch


def run_all(page, *, restart: bool = False) -> None:
    page.get_by_role("menuitem", name="Kernel" if restart else "Run", exact=True).click()
    if restart:
        page.get_by_role("menuitem", name="Restart Kernel and Run All Cells…").click()
        page.locator(".jp-Dialog").get_by_role("button", name="Restart").click()
    else:
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        f"""() => {{
            const prompts = [...document.querySelectorAll('{ACTIVE} .jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }}""",
        timeout=90000,
    )
    page.locator(f"{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)


def test_session0_exercise_saves_and_restores_after_restart(browser, page_watch, lab, artifacts):
    base, token, workbook = lab
    context, page, watch = open_notebook(browser, page_watch, base, token, "exercises/s00-getting-started.ipynb")
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
    assert form.locator(".ep-feedback").inner_text().strip(), "no feedback after saving"
    stored = "\n".join(p.read_text(encoding="utf-8") for p in workbook.rglob("*.json"))
    for value in answers.values():
        assert json.dumps(value, ensure_ascii=False)[1:-1] in stored or value in stored

    run_all(page, restart=True)
    form = page.locator(f"{ACTIVE} .ep-exercise").last
    form.wait_for(timeout=30000)
    for name, value in answers.items():
        assert form.locator(f".ep-field-{name} input").input_value() == value
    page.screenshot(path=str(artifacts / "lab-session0-exercise.png"), full_page=False)
    assert not [p for p in watch.problems() if "blocked" in p], watch.problems()
    context.close()


def test_session0_notebook_charts_render_in_lab(browser, page_watch, lab, artifacts):
    base, token, _ = lab
    context, page, watch = open_notebook(browser, page_watch, base, token, "notebooks/s00-getting-started.ipynb")
    run_all(page)
    page.locator(f"{ACTIVE} .js-plotly-plot .main-svg").first.wait_for(timeout=30000)
    assert page.locator(f"{ACTIVE} .js-plotly-plot").count() >= 3  # trend, map, peer explorer
    assert "Problem:" in page.locator(f"{ACTIVE} .jp-Notebook").inner_text()
    page.screenshot(path=str(artifacts / "lab-session0-notebook.png"))
    assert not watch.blocked, watch.blocked
    context.close()
