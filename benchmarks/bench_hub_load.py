"""A real JupyterHub on this computer (127.0.0.1 only) with 5, 10, 20 and 40 participants at once.

Each step starts a fresh hub, lets every participant log in, start a server and run a Day 2 notebook
cell by cell over the kernel's websocket, then stops everything (also on failure or Ctrl-C). Prints,
per step: servers started, notebooks completed, failures, p50/p95 cell time, memory and CPU per user;
then the server this implies for 40 participants. Reports; never fails a build. Needs Node.js and
`npm ci` (configurable-http-proxy). Logic: `eparticipation/book/hub_load.py`.

    python benchmarks/bench_hub_load.py                    # 5 10 20 40
    python benchmarks/bench_hub_load.py --users 5 10       # other steps
    python benchmarks/bench_hub_load.py --write            # also update the committed results and book/hub.md
    python benchmarks/bench_hub_load.py --page-only        # only rewrite book/hub.md's table from the results
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eparticipation.book.hub_load import (  # noqa: E402
    DEFAULT_NOTEBOOK, TABLE_END, TABLE_START, results_table, run_step, server_size,
)

RESULTS = REPO / "benchmarks" / "results" / "hub_load.json"
HUB_PAGE = REPO / "book" / "hub.md"


def memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def write_page_table(report: dict) -> None:
    page = HUB_PAGE.read_text(encoding="utf-8")
    head, rest = page.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    HUB_PAGE.write_text(f"{head}{TABLE_START}\n{results_table(report)}\n{TABLE_END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--notebook", default=DEFAULT_NOTEBOOK)
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per step (default 900)")
    parser.add_argument("--transport", choices=["ipc", "tcp"], default="ipc",
                        help="how kernels talk to their server (default ipc, as on the workshop server)")
    parser.add_argument("--write", action="store_true", help="save benchmarks/results/hub_load.json and the table in book/hub.md")
    parser.add_argument("--page-only", action="store_true", help="only rewrite book/hub.md's table from the saved results")
    args = parser.parse_args()
    if args.page_only:
        write_page_table(json.loads(RESULTS.read_text(encoding="utf-8")))
        return 0
    # `kill` (SIGTERM) cleans up like Ctrl-C: the step's `finally` stops the hub and every server.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    steps = []
    print(f"{'users':>5} {'started':>7} {'done':>5} {'failed':>6} {'p50 s':>6} {'p95 s':>6} "
          f"{'RSS MB':>7} {'PSS MB':>7} {'CPU s':>6} {'took s':>6} {'load':>5}", flush=True)
    for users in args.users:
        step = run_step(users, notebook=args.notebook, timeout=args.timeout, transport=args.transport).as_dict()
        steps.append(step)
        print(f"{step['users']:>5} {step['servers_started']:>7} {step['notebooks_completed']:>5} "
              f"{len(step['failures']):>6} {step['cell_p50_s']:>6.2f} {step['cell_p95_s']:>6.2f} "
              f"{step['rss_mb_per_user']:>7.0f} {step['pss_mb_per_user']:>7.0f} {step['cpu_s_per_user']:>6.1f} "
              f"{step['seconds']:>6.0f} {step['load_before'][0]:>5.1f}", flush=True)
        for failure in step["failures"][:10]:
            print(f"      {failure}", flush=True)
    largest = max(steps, key=lambda s: s["users"])
    report = {
        "machine": {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpu_count": os.cpu_count(),
                    "memory_gb": round(memory_gb(), 1),
                    "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()},
        "notebook": args.notebook, "kernel_transport": args.transport, "steps": steps, "server_size": server_size(largest),
        "passed": all(s["passed"] for s in steps),
    }
    size = report["server_size"]
    print(f"\nuptime now: {report['machine']['uptime']}")
    print(f"Server for {size['participants']} participants: {size['cores']} CPU cores, {size['ram_gb']} GB RAM "
          f"({size['pss_mb_per_user']} MB PSS, {size['cpu_s_per_user']} CPU s per participant, {largest['users']}-user step)")
    print("PASS: every notebook completed, nothing failed" if report["passed"] else "NOT PASSED: see the failures above")
    if args.write:
        RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        write_page_table(report)
        print(f"wrote {RESULTS.relative_to(REPO)} and the table in {HUB_PAGE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
