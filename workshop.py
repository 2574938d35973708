"""Set up, build and test the e-Participation Workshop Book — on Windows, macOS or Linux.

    python workshop.py install   # make .venv with the exact pins, then build the website into _build/html
    python workshop.py test      # run every test: unit tests, notebooks (nbval), browser checks
    python workshop.py lab       # open the course in JupyterLab
    python workshop.py serve     # show the built website at http://127.0.0.1:8000

Everything is installed into the project's own virtual environment, `.venv`, never into the Python
that runs this file: the course's exact versions stay apart from the computer's other packages, and
system Pythons that refuse global installs (Debian, Ubuntu) work too. `test`, `lab` and `serve` run
inside `.venv`. This file only bootstraps; everything else lives in the `eparticipation` package
(`.venv`'s `python -m eparticipation --help`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str) -> None:
    print("$", " ".join(command), flush=True)
    started = time.perf_counter()
    code = subprocess.call(list(command), cwd=ROOT)
    print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    if code != 0:
        sys.exit(code)


def make_venv() -> str:
    """The project's virtual environment (made once, without the system's packages); its python."""
    if not venv_python().exists():
        print(f"$ {sys.executable} -m venv .venv", flush=True)
        if subprocess.call([sys.executable, "-m", "venv", str(VENV)], cwd=ROOT) != 0 or not venv_python().exists():
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit("Could not create the virtual environment .venv with this Python. On Debian or Ubuntu,\n"
                     "install the venv module first (sudo apt install python3-venv), then run\n"
                     "`python workshop.py install` again.")
    return str(venv_python())


def installed_python() -> str:
    if not venv_python().exists():
        sys.exit("The course is not installed yet: run `python workshop.py install` first.")
    return str(venv_python())


def install() -> None:
    py = make_venv()
    run(py, "-m", "pip", "install", "--disable-pip-version-check", "-r", "requirements.txt")
    run(py, "-m", "pip", "check")  # a missing or conflicting pin fails here, not in a test
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
    run(installed_python(), "-m", "pytest")


def lab() -> None:
    run(installed_python(), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}")


def serve() -> None:
    run(installed_python(), "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(ROOT / "_build" / "html"))


COMMANDS = {"install": install, "test": test, "lab": lab, "serve": serve}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
