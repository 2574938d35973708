from urllib.parse import parse_qs, urlsplit

import pytest

from eparticipation.book.hub import nbgitpuller_link
from eparticipation.cli import main
from eparticipation.errors import CourseDataError


def test_link_opens_the_notebook_inside_the_cloned_repository():
    link = nbgitpuller_link("https://hub.example.org/", "https://github.com/org/eparticipation-book.git",
                            branch="main", path="exercises/s02-readiness.ipynb")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://hub.example.org/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {"repo": ["https://github.com/org/eparticipation-book.git"], "branch": ["main"],
                                     "urlpath": ["lab/tree/eparticipation-book/exercises/s02-readiness.ipynb"]}


def test_without_a_path_the_link_opens_the_course_folder():
    query = parse_qs(urlsplit(nbgitpuller_link("https://hub.example.org", "https://gitlab.example/ep/course")).query)
    assert query["urlpath"] == ["lab/tree/course"] and query["branch"] == ["main"]


@pytest.mark.parametrize("hub, repo, path, message", [
    ("hub.example.org", "https://github.com/o/r", "", "--hub must be a web address"),
    ("https://hub.example.org", "git@github.com:o/r.git", "", "--repo must be a web address"),
    ("https://hub.example.org", "https://github.com/o/r", "../../etc/passwd", "--path must stay inside"),
])
def test_bad_addresses_get_a_clear_message(hub, repo, path, message):
    with pytest.raises(CourseDataError, match=message):
        nbgitpuller_link(hub, repo, path=path)


def test_the_command_prints_the_link(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.org", "--repo", "https://github.com/o/r",
                 "--path", "notebooks/s00-getting-started.ipynb"]) == 0
    printed = capsys.readouterr().out.strip()
    assert parse_qs(urlsplit(printed).query)["urlpath"] == ["lab/tree/r/notebooks/s00-getting-started.ipynb"]
    assert main(["hub-link", "--hub", "nope", "--repo", "https://github.com/o/r"]) == 1
