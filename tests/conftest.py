"""Fixtures shared by the workbook and exercise tests (each folder's conftest turns isolation on)."""

from __future__ import annotations

import pytest

import eparticipation.worksheets  # noqa: F401  (registers the course's workbook sections)
from eparticipation.workbook import sections
from eparticipation.workbook.document import Para
from eparticipation.workbook.models import LONG_TEXT, Answers
from eparticipation.workbook.store import WorkbookStore
from pydantic import Field


class Notes(Answers):
    """A test-only section with one long free-text answer."""

    text: str = Field("", max_length=LONG_TEXT)
    count: int = 0


def render_notes(answers: Notes, lang: str):
    return [Para(answers.text, label="Notes")]


@pytest.fixture
def workbook_isolation(tmp_path, monkeypatch):
    """Never touch a real workbook or share folder; downloads land in the test's folder."""
    monkeypatch.setenv("EPARTICIPATION_WORKBOOK", str(tmp_path / "default-workbook"))
    monkeypatch.delenv("EPARTICIPATION_SHARE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def notes_section():
    spec = sections.register(sections.SectionSpec(session="test", key="zz_notes", model=Notes, version=1, order=999,
                                                  title_key="profile.title", render=render_notes))
    yield spec
    sections._REGISTRY.pop("zz_notes", None)


@pytest.fixture
def store(tmp_path):
    return WorkbookStore(tmp_path / "wb", backup_every=0)
