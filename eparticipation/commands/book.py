"""Sub-commands for the book itself: `schedule`, `build`, `execute`, `lab-settings`, `hub-link` and `hub-seed`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from eparticipation.book import schedule as sched
from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT


def run_schedule(args) -> int:
    schedule = sched.load_schedule()
    problems = sched.day_fit_problems(schedule) + [f"missing file: {f}" for f in sched.missing_files(schedule)]
    if problems:
        raise CourseDataError("the schedule does not fit:\n  " + "\n  ".join(problems), file=sched.SCHEDULE_FILE)
    for warning in sched.schedule_warnings(schedule):  # to confirm, not errors: the exit code stays 0
        print(f"Warning: {warning}", file=sys.stderr)
    if args.check:
        drift = sched.generated_files_drift(schedule)
        if drift:
            names = ", ".join(str(p.relative_to(REPO_ROOT)) for p in drift)
            print(f"Out of date: {names}. Run `python -m eparticipation schedule` and commit the result.", file=sys.stderr)
            return 1
        print("Schedule, _toc.yml, book/agenda.md and the generated guide pages agree.")
        return 0
    for path in sched.write_generated_files(schedule):
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


def run_build(args) -> int:
    """Build the static site into _build/html (strict: warnings are errors)."""
    if args.force:
        # The execution cache is keyed on cell source only: a changed package or data file would
        # not re-run a notebook, so a forced build starts without it.
        shutil.rmtree(REPO_ROOT / "_build" / ".jupyter_cache", ignore_errors=True)
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(REPO_ROOT), "-W", "-n", "--keep-going"]
    if args.force:
        command.append("--all")
    env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1")
    return subprocess.call(command, cwd=REPO_ROOT, env=env)


def run_lab_settings(args) -> int:
    from eparticipation.book.lab_settings import install_lab_settings

    print(f"JupyterLab settings written to {install_lab_settings()}")
    return 0


def run_execute(args) -> int:
    """Re-run notebooks and store their outputs: the reference nbval compares against."""
    from pathlib import Path

    from eparticipation.book.notebooks import execute_notebook, toc_notebooks

    paths = [Path(p).resolve() for p in args.notebooks] or toc_notebooks()
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            raise CourseDataError("this is not a notebook file.", file=path, fix="Give the path of an existing .ipynb file.")
        if not path.is_relative_to(REPO_ROOT):
            raise CourseDataError("this notebook is not part of the book.", file=path, fix="Give a notebook under notebooks/ or exercises/.")
    for path in paths:
        print(f"executing {path.relative_to(REPO_ROOT)}", flush=True)
        execute_notebook(path)
    return 0


def run_hub_link(args) -> int:
    from eparticipation.book.hub import nbgitpuller_link

    print(nbgitpuller_link(args.hub, args.repo, branch=args.branch, path=args.path))
    return 0


def run_hub_seed(args) -> int:
    from eparticipation.book.hub_seed import homes_under, seed_home

    homes = [Path(h) for h in args.home] + [h for folder in args.homes_under for h in homes_under(Path(folder))]
    if not homes:
        raise CourseDataError("No home folder given.", fix="Add --home /etc/skel and/or --homes-under /home")
    for home in homes:
        report = seed_home(home)
        print(f"{report.home}: {report.copied} files copied, {report.kept} already there (kept)")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("schedule", help="write _toc.yml and book/agenda.md from book/schedule.yml")
    p.add_argument("--check", action="store_true", help="only check that the committed files are up to date")
    p.set_defaults(run=run_schedule)
    p = subparsers.add_parser("build", help="build the book's static site into _build/html")
    p.add_argument("--force", action="store_true", help="re-execute every notebook (ignore the execution cache)")
    p.set_defaults(run=run_build)
    p = subparsers.add_parser("lab-settings", help="install the course's JupyterLab settings into this environment")
    p.set_defaults(run=run_lab_settings)
    p = subparsers.add_parser("execute", help="re-run notebooks and store their outputs (the nbval reference)")
    p.add_argument("notebooks", nargs="*", help="notebook files (default: every notebook in the table of contents)")
    p.set_defaults(run=run_execute)
    p = subparsers.add_parser("hub-link", help="print an nbgitpuller link that opens a course notebook on a JupyterHub")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    p.add_argument("--repo", required=True, help="the course repository's address (git clone URL)")
    p.add_argument("--branch", default="main", help="branch to pull (default main)")
    p.add_argument("--path", default="", help="file to open, relative to the repository, e.g. exercises/s02-readiness.ipynb")
    p.set_defaults(run=run_hub_link)
    p = subparsers.add_parser("hub-seed", help="copy the course into home folders (a hub without internet); never overwrites")
    p.add_argument("--home", action="append", default=[], help="a home folder to fill, e.g. /etc/skel (repeatable)")
    p.add_argument("--homes-under", action="append", default=[], help="fill every home folder under this one, e.g. /home")
    p.set_defaults(run=run_hub_seed)
