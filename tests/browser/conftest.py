"""Browser fixtures: Debian's Chromium driven by Playwright, with every non-loopback request blocked.

Outside CI the browser tests are skipped when Chromium is not installed (`.ci/run` installs it);
in CI (CI=true) a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from eparticipation.paths import REPO_ROOT

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
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
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
