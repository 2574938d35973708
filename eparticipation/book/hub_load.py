"""A load test of a real JupyterHub on this computer: N participants run a course notebook at once.

The hub listens on 127.0.0.1 only, with a test-only password (DummyAuthenticator) and a spawner that
needs no system accounts (SimpleLocalProcessSpawner, one home folder per user in a temporary folder,
each seeded with the course). Every simulated participant does what a browser does:

0. (the facilitator creates the accounts through the hub API, as on the hub's admin page);
1. asks the hub API for a token with their user name and password;
2. starts their server and waits until the hub says it is ready;
3. opens the notebook through the proxy (contents API), starts a kernel (sessions API) and sends the
   code cells one by one over the kernel's websocket, waiting for each reply;
4. saves the notebook with its outputs and reads it back (nothing lost);
5. stops the server.

Kernels talk to their server over IPC socket files, as on the workshop's TLJH server (see `hub_config`).
Memory is read from /proc while every kernel is still running: the resident set (RSS) of each user's
server and kernel, and its proportional share (PSS, shared library pages divided among the processes
that share them, which is what many users on one server really add up to).

Every process started carries a marker in its environment; at the end (also after a failure, a time-out
or Ctrl-C) the hub is stopped, every process with the marker is killed and the temporary folder removed.
Used by `benchmarks/bench_hub_load.py` (5/10/20/40 users) and `tests/book/test_hub_load.py` (3 users).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from eparticipation.book.hub_seed import SEED_FOLDER, seed_home
from eparticipation.paths import REPO_ROOT

# A Day 2 notebook that runs headless: data, tables, charts and the self-check quiz.
DEFAULT_NOTEBOOK = "notebooks/s08-feedback-loop.ipynb"
MARKER = "EPARTICIPATION_HUB_LOAD_RUN"
CHP = REPO_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"


def proxy_command() -> Path | None:
    """The configurable-http-proxy installed by `npm ci` (package.json), if it and node are there."""
    return CHP if CHP.exists() and shutil.which("node") else None


@dataclass
class UserResult:
    name: str
    server_started: bool = False
    completed: bool = False
    error: str = ""
    cell_seconds: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    cpu_seconds: float = 0.0  # server + kernel, from start to the end of the notebook


@dataclass
class StepResult:
    users: int
    notebook: str
    seconds: float
    load_before: tuple[float, float, float]
    cpu_count: int
    results: list[UserResult]
    hub_error: str = ""
    hub_rss_mb: float = 0.0  # the hub and the proxy together
    hub_cpu_seconds: float = 0.0
    run_id: str = ""  # the environment marker of every process of the run
    folder: str = ""  # the temporary folder (removed at the end)

    @property
    def servers_started(self) -> int:
        return sum(r.server_started for r in self.results)

    @property
    def completed(self) -> int:
        return sum(r.completed for r in self.results)

    @property
    def failures(self) -> list[str]:
        found = [f"{r.name}: {r.error}" for r in self.results if r.error]
        return ([f"hub: {self.hub_error}"] if self.hub_error else []) + found

    @property
    def passed(self) -> bool:
        return self.completed == self.users and not self.failures

    def cell_percentile(self, q: float) -> float:
        times = sorted(t for r in self.results for t in r.cell_seconds)
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(round(q * (len(times) - 1))))]

    def per_user(self, measure: str) -> float:
        """Mean of `rss_mb`, `pss_mb` or `cpu_seconds` over the users it was measured for."""
        values = [getattr(r, measure) for r in self.results if getattr(r, measure)]
        return statistics.mean(values) if values else 0.0

    def as_dict(self) -> dict:
        return {
            "users": self.users, "notebook": self.notebook, "seconds": round(self.seconds, 1),
            "load_before": [round(x, 2) for x in self.load_before], "cpu_count": self.cpu_count,
            "servers_started": self.servers_started, "notebooks_completed": self.completed,
            "failures": self.failures, "cells_run": sum(len(r.cell_seconds) for r in self.results),
            "cell_p50_s": round(self.cell_percentile(0.5), 3), "cell_p95_s": round(self.cell_percentile(0.95), 3),
            "rss_mb_per_user": round(self.per_user("rss_mb"), 1),
            "pss_mb_per_user": round(self.per_user("pss_mb"), 1),
            "cpu_s_per_user": round(self.per_user("cpu_seconds"), 1),
            "hub_rss_mb": round(self.hub_rss_mb, 1), "hub_cpu_s": round(self.hub_cpu_seconds, 1),
            "passed": self.passed,
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hub_config(folder: Path, *, port: int, hub_port: int, api_port: int, password: str, service_token: str,
               run_id: str, transport: str = "ipc") -> str:
    """jupyterhub_config.py for the test hub: loopback only, temporary state, no system users.

    `transport="ipc"`: kernels talk to their server over files in a short per-user runtime folder,
    as deploy/tljh/jupyterhub_config.d/ sets up on the workshop server. With "tcp", every server picks
    free ports on its own, and a room starting its kernels at once can pick the same port twice.
    """
    singleuser_args = ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    singleuser_args.append(f"--KernelManager.transport={transport}")
    runtime = folder / "run"
    # A Unix socket path may hold 107 characters: <runtime>/<user>/kernel-<uuid>-ipc-<n>
    if transport == "ipc" and len(str(runtime)) + 80 > 107:
        raise RuntimeError(f"the temporary folder's path is too long for kernel sockets: {runtime}")
    settings = {
        "JupyterHub.ip": "127.0.0.1", "JupyterHub.port": port,
        "JupyterHub.hub_ip": "127.0.0.1", "JupyterHub.hub_port": hub_port,
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{api_port}",
        "ConfigurableHTTPProxy.command": [str(CHP)],
        "JupyterHub.db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(folder / "cookie_secret"),
        "JupyterHub.pid_file": str(folder / "jupyterhub.pid"),
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.authenticator_class": "dummy",
        "DummyAuthenticator.password": password,
        "Authenticator.allow_all": True,
        "JupyterHub.spawner_class": "simple",
        "SimpleLocalProcessSpawner.home_dir_template": str(folder / "homes" / "{username}"),
        "Spawner.cmd": [sys.executable, "-m", "jupyterhub.singleuser"],
        "Spawner.args": singleuser_args,
        "Spawner.default_url": "/lab",
        # A loaded two-core machine starts 40 servers slowly; the defaults (60 s / 30 s) are for a quiet one.
        "Spawner.start_timeout": 600, "Spawner.http_timeout": 600,
        "JupyterHub.services": [{"name": "load-test", "api_token": service_token}],
        "JupyterHub.load_roles": [{"name": "load-test", "scopes": ["admin:users", "admin:servers", "list:users"],
                                   "services": ["load-test"]}],
        "JupyterHub.log_level": "WARN",
    }
    lines = [f"c.{key} = {value!r}" for key, value in settings.items()]
    # The marker finds (and ends) every server and kernel; each user gets their own runtime folder.
    lines.append(f"c.Spawner.environment = {{{MARKER!r}: {run_id!r}, "
                 f"'JUPYTER_RUNTIME_DIR': lambda spawner: {str(runtime)!r} + '/' + spawner.user.name}}")
    return "\n".join(lines) + "\n"


# --- /proc ----------------------------------------------------------------------------------------

def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def marked_processes(run_id: str) -> dict[int, dict[str, str]]:
    """Every process of this run (hub, proxy, servers, kernels) with its environment."""
    found = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            env = _environ(int(entry.name))
            if env.get(MARKER) == run_id:
                found[int(entry.name)] = env
    return found


def _usage(pid: int) -> tuple[int, int, float]:
    """RSS and PSS in kB and CPU seconds used so far (its own and its finished children's)."""
    rss = pss = 0
    cpu = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss, cpu


def usage_by_user(run_id: str) -> dict[str, tuple[float, float, float]]:
    """(RSS MB, PSS MB, CPU s) of each user's server and kernels; the hub and proxy under "" ."""
    totals: dict[str, list[float]] = {}
    for pid, env in marked_processes(run_id).items():
        total = totals.setdefault(env.get("JUPYTERHUB_USER", ""), [0, 0, 0.0])
        for i, value in enumerate(_usage(pid)):
            total[i] += value
    return {user: (rss / 1024, pss / 1024, cpu) for user, (rss, pss, cpu) in totals.items()}


def kill_run(run_id: str) -> None:
    for _ in range(3):
        left = marked_processes(run_id)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.3)


# --- one participant, as a browser --------------------------------------------------------------

class Participant:
    def __init__(self, base: str, name: str, password: str, notebook: str, http, deadline: float):
        self.base, self.name, self.password, self.notebook = base, name, password, notebook
        self.http, self.deadline = http, deadline
        self.result = UserResult(name)
        self.token = ""

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("ran out of time")
        return left

    async def call(self, method: str, path: str, body=None, token: str | None = None):
        from tornado.httpclient import HTTPRequest

        headers = {"Content-Type": "application/json"}
        if token or self.token:
            headers["Authorization"] = f"token {token or self.token}"
        request = HTTPRequest(self.base + path, method=method, headers=headers,
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, request_timeout=min(self.remaining(), 300))
        response = await self.http.fetch(request, raise_error=False)
        if response.code >= 400 or response.code == 599:
            raise RuntimeError(f"{method} {path.split('?')[0]} -> {response.code} {(response.body or b'')[:200]!r}")
        return json.loads(response.body) if response.body else None

    async def run(self, on_notebook_done) -> UserResult:
        try:
            # 1. a token, with the password (the hub API's login for scripts)
            reply = await self.call("POST", f"/hub/api/users/{self.name}/tokens",
                                    {"auth": {"username": self.name, "password": self.password},
                                     "note": "load test", "expires_in": 3600})
            self.token = reply["token"]
            # 2. start the server and wait until the hub says it is ready
            await self.call("POST", f"/hub/api/users/{self.name}/server", {})
            while not (await self.call("GET", f"/hub/api/users/{self.name}"))["servers"].get("", {}).get("ready"):
                self.remaining()
                await asyncio.sleep(0.5)
            self.result.server_started = True
            await self.run_notebook()
            self.result.completed = True
        except Exception as error:  # noqa: BLE001 — every failure is reported, none stops the others
            self.result.error = f"{type(error).__name__}: {error}"[:300]
        finally:
            await on_notebook_done()
        return self.result

    async def run_notebook(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        server = f"/user/{self.name}/api"
        path = quote(f"{SEED_FOLDER}/{self.notebook}")
        notebook = (await self.call("GET", f"{server}/contents/{path}?content=1"))["content"]
        session = await self.call("POST", f"{server}/sessions",
                                  {"path": f"{SEED_FOLDER}/{self.notebook}", "type": "notebook",
                                   "name": Path(self.notebook).name, "kernel": {"name": "python3"}})
        kernel = session["kernel"]["id"]
        ws_url = self.base.replace("http", "ws", 1) + f"{server}/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
        socket_ = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {self.token}"},
                                                      request_timeout=min(self.remaining(), 300)))
        try:
            for cell in notebook["cells"]:
                if cell["cell_type"] != "code":
                    continue
                started = time.perf_counter()
                cell["outputs"] = await self.execute(socket_, "".join(cell["source"]))
                self.result.cell_seconds.append(time.perf_counter() - started)
        finally:
            socket_.close()
        # 4. save with outputs, read back: a participant's work must be on disk
        await self.call("PUT", f"{server}/contents/{path}", {"type": "notebook", "format": "json", "content": notebook})
        saved = (await self.call("GET", f"{server}/contents/{path}?content=1"))["content"]
        if sum(bool(c.get("outputs")) for c in saved["cells"]) != sum(bool(c.get("outputs")) for c in notebook["cells"]):
            raise RuntimeError("the saved notebook lost outputs")

    async def execute(self, socket_, code: str) -> list[dict]:
        msg_id = uuid.uuid4().hex
        await socket_.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name, "session": msg_id,
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        outputs, replied, idle = [], False, False
        while not (replied and idle):
            raw = await asyncio.wait_for(socket_.read_message(), timeout=self.remaining())
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            message = json.loads(raw)
            kind, content = message["msg_type"], message["content"]
            # The server announces a dead kernel with a status message that answers no request.
            if kind == "status" and content.get("execution_state") in ("restarting", "dead"):
                raise RuntimeError(f"the kernel died ({content['execution_state']})")
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "execute_reply":
                replied = True
                if content.get("status") != "ok":
                    raise RuntimeError(f"cell failed: {content.get('ename')}: {content.get('evalue')}")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind in ("execute_result", "display_data", "stream", "error"):
                output = {"output_type": kind, **{k: v for k, v in content.items() if k != "transient"}}
                if kind == "stream":
                    output = {"output_type": "stream", "name": content["name"], "text": content["text"]}
                elif kind != "error":
                    output.setdefault("metadata", {})
                outputs.append(output)
        return outputs

    async def stop(self) -> None:
        if self.result.server_started:
            try:
                await self.call("DELETE", f"/hub/api/users/{self.name}/server")
            except Exception as error:  # noqa: BLE001
                self.result.error = self.result.error or f"stopping the server failed: {error}"


# --- the whole step --------------------------------------------------------------------------------

async def _wait_for_hub(base: str, hub: subprocess.Popen, deadline: float, log: Path) -> None:
    from tornado.httpclient import AsyncHTTPClient

    client = AsyncHTTPClient()
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            raise RuntimeError(f"the hub stopped at start (exit {hub.returncode}): {log.read_text()[-800:]}")
        try:
            response = await client.fetch(base + "/hub/api/", raise_error=False, request_timeout=5)
            if response.code == 200:
                return
        except OSError:  # not listening yet
            pass
        await asyncio.sleep(0.3)
    raise TimeoutError("the hub did not answer in time")


async def _drive(base: str, users: list[str], password: str, service_token: str, notebook: str,
                 deadline: float, run_id: str, hub: subprocess.Popen, log: Path) -> tuple[list[UserResult], float, float]:
    from tornado.httpclient import AsyncHTTPClient

    await _wait_for_hub(base, hub, deadline, log)
    http = AsyncHTTPClient(force_instance=True, max_clients=4 * len(users) + 10)
    participants = [Participant(base, name, password, notebook, http, deadline) for name in users]
    # The facilitator creates the accounts (as in the hub's admin page), with the service's token.
    await participants[0].call("POST", "/hub/api/users", {"usernames": users}, token=service_token)
    # Memory is read once every participant has run the notebook (or failed), kernels still alive.
    all_done = asyncio.Event()
    finished = 0

    async def notebook_done():
        nonlocal finished
        finished += 1
        if finished == len(participants):
            all_done.set()
        await all_done.wait()

    tasks = [asyncio.ensure_future(p.run(notebook_done)) for p in participants]
    await all_done.wait()
    usage = usage_by_user(run_id)
    for participant in participants:
        r = participant.result
        r.rss_mb, r.pss_mb, r.cpu_seconds = usage.get(participant.name, (0.0, 0.0, 0.0))
    await asyncio.gather(*tasks)
    await asyncio.gather(*(p.stop() for p in participants))
    http.close()
    hub_rss, _, hub_cpu = usage.get("", (0.0, 0.0, 0.0))
    return [p.result for p in participants], hub_rss, hub_cpu


def run_in_own_loop(coroutine):
    """asyncio.run in a thread of its own: the caller may already run an event loop (Playwright's sync
    API does, in a test worker that also ran browser checks), and asyncio.run refuses to nest."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 — re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="hub-load")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run_step(users: int, *, notebook: str = DEFAULT_NOTEBOOK, timeout: float = 900, transport: str = "ipc") -> StepResult:
    """Start a hub, let `users` participants run `notebook` at once, stop everything, report."""
    if proxy_command() is None:
        raise RuntimeError("configurable-http-proxy is missing: run `npm ci` (and install Node.js)")
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    started = time.monotonic()
    deadline = started + timeout
    run_id = secrets.token_hex(8)
    # Under /tmp: the kernels' socket paths must stay short (see hub_config).
    folder = Path(tempfile.mkdtemp(prefix="hub-load-", dir="/tmp" if Path("/tmp").is_dir() else None))
    names = [f"participant{i:02d}" for i in range(1, users + 1)]
    password, service_token = secrets.token_urlsafe(12), secrets.token_hex(24)
    hub = None
    results = [UserResult(name) for name in names]
    hub_error = ""
    hub_rss = hub_cpu = 0.0
    try:
        for name in names:
            home = folder / "homes" / name
            home.mkdir(parents=True)
            seed_home(home)
        port = free_port()
        (folder / "jupyterhub_config.py").write_text(hub_config(
            folder, port=port, hub_port=free_port(), api_port=free_port(), password=password,
            service_token=service_token, run_id=run_id, transport=transport), encoding="utf-8")
        env = {**os.environ, MARKER: run_id, "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(24)}
        env.pop("EPARTICIPATION_WORKBOOK", None)  # each participant's workbook goes to their own home
        log = folder / "hub.log"
        with open(log, "wb") as log_file:
            hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(folder / "jupyterhub_config.py")],
                                   cwd=folder, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        results, hub_rss, hub_cpu = run_in_own_loop(_drive(f"http://127.0.0.1:{port}", names, password, service_token,
                                                            notebook, deadline, run_id, hub, log))
    except Exception as error:  # noqa: BLE001 — reported in the step's result
        hub_error = f"{type(error).__name__}: {error}"[:600]
    finally:
        if hub is not None and hub.poll() is None:
            hub.terminate()  # the hub stops the servers it started (cleanup_servers)
            try:
                hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                hub.kill()
        kill_run(run_id)
        shutil.rmtree(folder, ignore_errors=True)
    return StepResult(users, notebook, time.monotonic() - started, tuple(load_before), os.cpu_count() or 1,
                      results, hub_error, hub_rss, hub_cpu, run_id, str(folder))


def server_size(step: dict, participants: int = 40) -> dict:
    """The server a workshop of `participants` needs, from a measured step (`StepResult.as_dict()`).

    RAM: (PSS per user × participants + hub and proxy) × headroom. CPU: the CPU seconds one
    participant's server and kernel used to start and run the notebook (plus their share of the hub's),
    times the participants, spread over the burst (the whole room running the notebook at once).
    Both rules are ASSUMED parameters in data/assumptions.csv (hub_memory_headroom, hub_burst_seconds).
    """
    from eparticipation.data.assumptions import assumption_value

    headroom, burst = assumption_value("hub_memory_headroom"), assumption_value("hub_burst_seconds")
    pss = step["pss_mb_per_user"] or step["rss_mb_per_user"]
    ram_gb = (pss * participants + step["hub_rss_mb"]) / 1024 * headroom
    cpu = step["cpu_s_per_user"] + step["hub_cpu_s"] / step["users"]
    return {"participants": participants, "ram_gb": max(1, math.ceil(ram_gb)),
            "cores": max(2, math.ceil(cpu * participants / burst)),
            "pss_mb_per_user": round(pss), "cpu_s_per_user": round(cpu, 1)}


# --- the facilitator page's table ------------------------------------------------------------------

TABLE_START = "<!-- Generated by benchmarks/bench_hub_load.py --write from benchmarks/results/hub_load.json; do not edit. -->"
TABLE_END = "<!-- End of generated table. -->"


def results_table(report: dict) -> str:
    """The Markdown table of a benchmark report (`benchmarks/results/hub_load.json`) with its sizing."""
    lines = [
        "| Users at once | Servers started | Notebooks completed | Failures | Cell time p50 / p95 (s) "
        "| Memory per user, RSS / PSS (MB) | CPU per user (s) | Step took (s) | Load before (1 min) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for step in report["steps"]:
        lines.append(
            f"| {step['users']} | {step['servers_started']} | {step['notebooks_completed']} | {len(step['failures'])} "
            f"| {step['cell_p50_s']:.2f} / {step['cell_p95_s']:.2f} | {step['rss_mb_per_user']:.0f} / "
            f"{step['pss_mb_per_user']:.0f} | {step['cpu_s_per_user']:.1f} | {step['seconds']:.0f} "
            f"| {step['load_before'][0]:.1f} |")
    size = report["server_size"]
    machine = report["machine"]
    from eparticipation.data.assumptions import assumption_value

    lines += [
        "",
        f"Measured on {machine['date']} on a shared {machine['cpu_count']}-core machine with "
        f"{machine['memory_gb']:.0f} GB of memory (load average at the end: "
        f"{machine['uptime'].split('load average:')[-1].strip()}), running `{report['notebook']}`, kernels over "
        f"{report['kernel_transport'].upper()}. Implied server for {size['participants']} participants: "
        f"**{size['cores']} CPU cores and {size['ram_gb']} GB of memory**, from the largest step: "
        f"{size['pss_mb_per_user']} MB (PSS) and {size['cpu_s_per_user']} CPU seconds per participant (the hub's "
        f"share included). ASSUMED: the whole room runs the notebook within {assumption_value('hub_burst_seconds')} "
        f"seconds; memory gets a headroom factor of {assumption_value('hub_memory_headroom')} (`data/assumptions.csv`).",
    ]
    return "\n".join(lines)
