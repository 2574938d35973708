"""Set up, build and test the e-Participation Workshop Book — on Windows, macOS or Linux.

    python workshop.py install   # install everything, then build the website into _build/html
    python workshop.py test      # run every test: unit tests, notebooks (nbval), browser checks
    python workshop.py lab       # open the course in JupyterLab
    python workshop.py serve     # show the built website at http://127.0.0.1:8000

This file only bootstraps: it must run before the course package is installed. Everything else lives
in the `eparticipation` package (`python -m eparticipation --help`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def run(*command: str) -> None:
    print("$", " ".join(command), flush=True)
    started = time.perf_counter()
    code = subprocess.call(list(command), cwd=ROOT)
    print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    if code != 0:
        sys.exit(code)


def install() -> None:
    py = sys.executable
    run(py, "-m", "pip", "install", "--disable-pip-version-check", "-r", "requirements.txt")
    npm = shutil.which("npm")
    if npm:
        run(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund")
    else:
        print(
            "WARNING: npm (Node.js) was not found. The website needs it once, to fetch the widget renderer;\n"
            "without it the build stops with a message saying so. Install Node.js from your usual software\n"
            "source and run `python workshop.py install` again.",
            flush=True,
        )
    run(py, "-m", "eparticipation", "lab-settings")
    run(py, "-m", "eparticipation", "schedule", "--check")
    run(py, "-m", "eparticipation", "build")
    print(f"\nDone. Open {ROOT / '_build' / 'html' / 'index.html'} or run `python workshop.py serve`.")


def test() -> None:
    # pytest's options (nbval on the book's notebooks, two workers) are in pyproject.toml.
    run(sys.executable, "-m", "pytest")


def lab() -> None:
    run(sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}")


def serve() -> None:
    run(sys.executable, "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(ROOT / "_build" / "html"))


COMMANDS = {"install": install, "test": test, "lab": lab, "serve": serve}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
