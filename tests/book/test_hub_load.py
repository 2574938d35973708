"""A real JupyterHub on 127.0.0.1: 3 participants log in, start servers and run a Day 2 notebook.

The same code at 5/10/20/40 participants is `benchmarks/bench_hub_load.py` (figures in book/hub.md).
Needs Node.js and `npm ci` (configurable-http-proxy): skipped without them on a personal computer,
a failure in CI (where `python workshop.py install` runs `npm ci`).
"""

import json
import os
from pathlib import Path

import pytest
from traitlets.config import Config

from eparticipation.book.hub_load import (
    DEFAULT_NOTEBOOK, hub_config, marked_processes, proxy_command, run_step,
)
from eparticipation.paths import REPO_ROOT


def require_proxy() -> None:
    if proxy_command() is None:
        if os.environ.get("CI"):
            pytest.fail("node or node_modules/.bin/configurable-http-proxy is missing: `npm ci` must install it")
        pytest.skip("Node.js or configurable-http-proxy is not installed (install Node.js, then `npm ci`)")


@pytest.fixture(scope="module")
def step():
    require_proxy()
    return run_step(3, timeout=240)


def test_three_participants_complete_the_notebook(step):
    code_cells = sum(c["cell_type"] == "code" for c in json.loads((REPO_ROOT / DEFAULT_NOTEBOOK).read_text())["cells"])
    assert step.failures == []
    assert (step.servers_started, step.completed) == (3, 3)
    assert [len(r.cell_seconds) for r in step.results] == [code_cells] * 3
    assert all(r.rss_mb > 50 and r.pss_mb > 0 and r.cpu_seconds > 0 for r in step.results)
    assert 0 < step.cell_percentile(0.5) <= step.cell_percentile(0.95)
    assert step.passed


def test_nothing_is_left_running_or_on_disk(step):
    assert marked_processes(step.run_id) == {}
    assert not Path(step.folder).exists()


def test_a_step_that_runs_out_of_time_fails_clearly_and_still_cleans_up():
    require_proxy()
    step = run_step(2, timeout=3)
    assert not step.passed and step.failures
    assert marked_processes(step.run_id) == {}
    assert not Path(step.folder).exists()


def test_the_hub_listens_on_loopback_only_with_a_test_password():
    folder = Path("/tmp/hub-load-x")  # only written into the configuration, never created
    c = Config()
    exec(hub_config(folder, port=1, hub_port=2, api_port=3, password="pw", service_token="t", run_id="r"), {"c": c})
    assert c.JupyterHub.ip == c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
    assert c.JupyterHub.authenticator_class == "dummy" and c.DummyAuthenticator.password == "pw"
    assert c.SimpleLocalProcessSpawner.home_dir_template == "/tmp/hub-load-x/homes/{username}"
    assert "--KernelManager.transport=ipc" in c.Spawner.args


def test_kernel_socket_paths_that_would_be_too_long_are_refused():
    with pytest.raises(RuntimeError, match="too long for kernel sockets"):
        hub_config(Path("/tmp") / ("x" * 40), port=1, hub_port=2, api_port=3, password="pw", service_token="t",
                   run_id="r")


def test_the_load_test_runs_inside_a_running_event_loop():
    """Playwright's sync API keeps an event loop running in a test worker; the load test must still drive
    its own (asyncio.run refuses to nest). The outer loop runs in a thread of its own, so this test does
    not depend on whether the worker already runs one."""
    import asyncio
    import threading

    from eparticipation.book.hub_load import run_in_own_loop

    async def inner():
        return 42

    async def outer():
        return run_in_own_loop(inner())

    found = {}
    thread = threading.Thread(target=lambda: found.setdefault("value", asyncio.run(outer())))
    thread.start()
    thread.join()
    assert found == {"value": 42}
