"""Links that open the course on a JupyterHub through nbgitpuller.

A participant who clicks the link logs in to the hub; nbgitpuller then clones the course repository
into their home folder (or updates it, never overwriting their own changes) and opens the notebook in
JupyterLab. The same link serves the book's JupyterHub launch button.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

from eparticipation.errors import CourseDataError


def nbgitpuller_link(hub: str, repo: str, *, branch: str = "main", path: str = "") -> str:
    """`<hub>/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=lab/tree/<repo folder>/<path>`.

    `hub` and `repo` must be http(s) addresses; `path` is relative to the repository (e.g.
    `exercises/s02-readiness.ipynb`); nbgitpuller clones into a folder named after the repository.
    """
    for name, value in (("--hub", hub), ("--repo", repo)):
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CourseDataError(f"{name} must be a web address starting with https:// (got {value!r}).",
                                  fix=f"Give the full address, e.g. {name} https://hub.example.org")
    relative = PurePosixPath(path.strip().lstrip("/")) if path.strip() else PurePosixPath()
    if ".." in relative.parts:
        raise CourseDataError(f"--path must stay inside the repository (got {path!r}).",
                              fix="Give a path such as exercises/s02-readiness.ipynb")
    folder = PurePosixPath(urlsplit(repo.strip()).path).name.removesuffix(".git")
    urlpath = "lab/tree/" + "/".join(part for part in (folder, str(relative)) if part and part != ".")
    query = urlencode({"repo": repo.strip(), "branch": branch.strip() or "main", "urlpath": urlpath}, quote_via=quote)
    return f"{hub.strip().rstrip('/')}/hub/user-redirect/git-pull?{query}"
