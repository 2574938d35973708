"""Browser fixtures: Debian's Chromium driven by Playwright, with every non-loopback request blocked.

Outside CI the browser tests are skipped when Chromium is not installed (`.ci/run` installs it);
in CI (CI=true) a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

from eparticipation.book.lab_settings import LAB_OVERRIDES, overrides_path
from eparticipation.paths import REPO_ROOT, WORKBOOK_ENV

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class PageWatch:
    """Everything that went wrong while a page loaded: console errors, failed and blocked requests."""

    def __init__(self, context) -> None:
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []
        self.bad_status: list[str] = []
        self.bytes_by_url: dict[str, int] = {}
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname or ""
        # data:/blob: and file: URLs never leave the machine (file: is the site opened from a folder).
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.bad_status.append(f"{response.status} {response.url}")

    def problems(self) -> list[str]:
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"failed: {f}" for f in self.failed]
            + [f"blocked (non-loopback): {b}" for b in self.blocked]
            + [f"HTTP {s}" for s in self.bad_status]
        )


@pytest.fixture(scope="session")
def page_watch():
    """The PageWatch class: `page_watch(context)` starts watching a browser context."""
    return PageWatch


@pytest.fixture(scope="session")
def built_site() -> Path:
    """A fresh, strict build of the book (every notebook executed): the site the tests look at."""
    result = subprocess.run(
        [sys.executable, "-m", "eparticipation", "build", "--force"],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    if result.returncode != 0:
        pytest.fail("The strict book build failed:\n" + (result.stdout + result.stderr)[-6000:])
    return REPO_ROOT / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


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
    log = open(scratch / "lab.log", "w", encoding="utf-8")  # a pipe could fill up and stall the server
    workbook = scratch / "workbook"
    # Lab works on copies: its autosave must never rewrite the committed notebooks.
    root = scratch / "course"
    for folder in ("notebooks", "exercises"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(scratch / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        **{WORKBOOK_ENV: str(workbook)},
    )
    env.pop("EPARTICIPATION_DEMO", None)  # a participant's run: the real save path is shown
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
         "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=log, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail("JupyterLab exited at start:\n" + (scratch / "lab.log").read_text(encoding="utf-8")[-3000:])
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
    log.close()


ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _kernel_ids(base: str, token: str, path: str) -> list[str]:
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=5) as response:
        sessions = json.load(response)
    return sorted(s["kernel"]["id"] for s in sessions if s.get("path") == path and s.get("kernel"))


def open_notebook(browser, base: str, token: str, path: str):
    """Open a notebook in Lab; returns (context, page, watch). Fails if a kernel picker appears."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = PageWatch(context)
    page = context.new_page()
    watch.attach(page)
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.locator(f"{ACTIVE} .jp-Notebook").wait_for(timeout=60000)
    # Lab may replace the first kernel it starts; wait until one kernel has stayed put for 3 s.
    deadline, stable, last = time.monotonic() + 60, 0, None
    while stable < 3:
        if time.monotonic() > deadline:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "lab-kernel-did-not-settle.png"))
            pytest.fail(f"the notebook's kernel did not settle within 60 s (kernels: {last})")
        page.wait_for_timeout(1000)  # not time.sleep: Playwright must keep serving the routed requests
        ids = _kernel_ids(base, token, path)
        stable = stable + 1 if ids == last and len(ids) == 1 else 0
        last = ids
    page.locator(f"{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)
    # The installed settings start the kernel: no "Select Kernel" dialog may appear.
    assert page.locator(".jp-Dialog").count() == 0, "JupyterLab asked to select a kernel"
    return context, page, watch


def _menu(page, menu: str, item: str) -> None:
    page.get_by_role("menuitem", name=menu, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


_NO_COUNTS = f"""() => [...document.querySelectorAll('{ACTIVE} .jp-CodeCell .jp-InputPrompt')]
                        .every(p => !/\\d/.test(p.textContent))"""
_STARTED = f"""() => [...document.querySelectorAll('{ACTIVE} .jp-CodeCell .jp-InputPrompt')]
                      .some(p => /\\[(\\d+|\\*)\\]/.test(p.textContent))"""
_ALL_RUN = f"""() => {{
    const prompts = [...document.querySelectorAll('{ACTIVE} .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}}"""


def _menu_until(page, menu: str, item: str, done: str, *, timeout_ms: int = 15000, attempts: int = 3) -> None:
    """Choose a menu item until `done` (a JS predicate) holds.

    A notebook command is disabled while the notebook is not Lab's current widget, and then the click
    does nothing; on a loaded machine that happens now and then. So: focus the notebook, choose the
    item, and try again if nothing followed.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(attempts):
        page.locator(f"{ACTIVE} .jp-Notebook").focus()
        _menu(page, menu, item)
        try:
            page.wait_for_function(done, timeout=timeout_ms)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")  # close a menu left open
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab-menu-had-no-effect.png"))
    pytest.fail(f"{menu} > {item} had no effect after {attempts} tries")


def run_all(page, *, restart: bool = False) -> None:
    """Clear outputs (restarting the kernel first if asked), Run All Cells, wait until all have run.

    Clearing first matters: the stored outputs already show [1], [2]…, so a finished run would be
    indistinguishable from one that never started.
    """
    if restart:
        page.locator(f"{ACTIVE} .jp-Notebook").focus()
        _menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells…")
        page.locator(".jp-Dialog button.jp-mod-accept").click()  # the dialog's "Restart"
        page.locator(".jp-Dialog").wait_for(state="detached", timeout=30000)
        page.locator(f"{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)
        page.wait_for_function(_NO_COUNTS, timeout=30000)
    else:
        _menu_until(page, "Edit", "Clear Outputs of All Cells", _NO_COUNTS)
    _menu_until(page, "Run", "Run All Cells", _STARTED)
    page.wait_for_function(_ALL_RUN, timeout=90000)
    page.locator(f"{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)


def open_exercise(browser, base: str, token: str, path: str, key: str):
    """Open an exercise notebook, check its widgets load, run it; (context, page, watch, form)."""
    context, page, watch = open_notebook(browser, base, token, path)
    notebook_text = page.locator(f"{ACTIVE} .jp-Notebook").inner_text().lower()
    assert "model not found" not in notebook_text and "error displaying widget" not in notebook_text
    run_all(page)
    form = page.locator(f"{ACTIVE} .ep-exercise-{key}").first
    form.wait_for(timeout=30000)
    return context, page, watch, form


@pytest.fixture(scope="session")
def lab_driver():
    """Helpers to drive notebooks in Lab: open_notebook(browser, base, token, path), run_all(page),
    open_exercise(browser, base, token, path, key)."""
    return SimpleNamespace(ACTIVE=ACTIVE, open_notebook=open_notebook, run_all=run_all, open_exercise=open_exercise)


