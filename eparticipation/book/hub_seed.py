"""Put a copy of the course into participants' home folders, for a hub in a room without internet.

Where the hub can reach the course repository, the nbgitpuller link (`hub.py`) brings the course to
each participant. Without internet, the facilitator copies the course from a local checkout instead:
into `/etc/skel` (new accounts get it when they are created) and into every existing home folder.
A file that is already there is never replaced: a participant's own work always wins.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT

# What a participant opens in JupyterLab; the data and the package stay in the hub's installation.
COURSE_FOLDERS = ("notebooks", "exercises")
# The folder the course lands in, inside each home. nbgitpuller clones into a folder named after the
# repository instead, so the two ways never collide.
SEED_FOLDER = "eparticipation-course"


@dataclass
class SeedReport:
    home: Path
    copied: int = 0
    kept: int = 0  # files already in the home (the participant's version stays)


def seed_home(home: Path, course_root: Path = REPO_ROOT) -> SeedReport:
    """Copy the course's notebooks into `<home>/eparticipation-course/`, skipping every existing file.

    When run as root on a home owned by someone else, the new files and folders get the home's owner,
    so the participant can edit and save them.
    """
    home = Path(home)
    if not home.is_dir():
        raise CourseDataError(f"{home} is not a folder.", fix="Give an existing home folder, e.g. /home/participant01")
    owner = home.stat()
    chown = hasattr(os, "geteuid") and os.geteuid() == 0 and owner.st_uid != 0
    report = SeedReport(home)
    for folder in COURSE_FOLDERS:
        source = Path(course_root) / folder
        if not source.is_dir():
            raise CourseDataError(f"The course folder {source} is missing.",
                                  fix="Run the command from a complete copy of the course repository.")
        for path in sorted(source.rglob("*")):
            if ".ipynb_checkpoints" in path.parts or not path.is_file():
                continue
            target = home / SEED_FOLDER / folder / path.relative_to(source)
            if target.exists():
                report.kept += 1
                continue
            created = [p for p in reversed(target.parents) if not p.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            report.copied += 1
            if chown:
                for new in [*created, target]:
                    os.chown(new, owner.st_uid, owner.st_gid)
    return report


def homes_under(folder: Path) -> list[Path]:
    """Every home folder directly under `folder` (e.g. /home), skipping hidden ones."""
    return sorted(p for p in Path(folder).iterdir() if p.is_dir() and not p.name.startswith("."))
