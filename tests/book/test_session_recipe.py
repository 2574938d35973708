"""The "Add a session" recipe of book/authoring.md, walked for every ready session in the schedule.

Each step of the recipe is one check here, so a session that skips a step fails with the step's name.
"""

from __future__ import annotations

import json
import re

import pytest

from eparticipation import i18n
from eparticipation.book.schedule import load_schedule
from eparticipation.paths import REPO_ROOT
from eparticipation.quiz import load_quiz
from eparticipation.workbook import sections
from eparticipation.worksheets import COURSE_SECTIONS

READY = [session for session in load_schedule().sessions if session.ready]
# The one documented exception to "one SECTION per session": a section that holds what OTHERS wrote
# (peer reviews received), so that it can never overwrite the participant's own answers. It has a
# worksheet module and a view like any section, but no exercise notebook call of its own name.
SECOND_SECTIONS = {"peer_reviews": "s12-action-plan"}
PAGE_SECTIONS = ("Objectives", "Timing", "Key ideas", "Discussion prompts", "For the facilitator", "Notebook",
                 "Exercise", "Sources")


def section_of(session_id: str) -> sections.SectionSpec:
    found = [spec for spec in COURSE_SECTIONS if spec.session == session_id and spec.key not in SECOND_SECTIONS]
    assert len(found) == 1, f"step 5: {session_id} needs exactly one worksheet SECTION in COURSE_SECTIONS"
    return found[0]


def test_the_recipe_is_walked_for_the_sessions_the_book_shows():
    assert len(READY) >= 5 and READY[0].id == "s00-getting-started"


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_schedule_entry_names_the_sessions_files(session):
    """Step 1: the schedule entry, with its page and two notebooks named after the session."""
    assert session.page == f"book/sessions/{session.id}.md"
    assert session.notebook == f"notebooks/{session.id}.ipynb"
    assert session.exercise == f"exercises/{session.id}.ipynb"
    assert session.objectives, "the schedule lists the session's objectives"


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_page_has_the_house_sections_in_order(session):
    """Step 2: the page, with its sections in the house order and timed discussion prompts."""
    text = (REPO_ROOT / session.page).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+?)\s*$", text, re.MULTILINE)
    assert [h for h in headings if h in PAGE_SECTIONS] == list(PAGE_SECTIONS), headings
    prompts = text.split("## Discussion prompts", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"\(\d+ minutes", prompts), "every discussion prompt says how many minutes it takes"


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_both_notebooks_belong_to_the_session(session):
    """Step 3: the exploration notebook and the exercise notebook, each tagged with the session id."""
    for path, kind in ((session.notebook, "exploration"), (session.exercise, "exercise")):
        metadata = json.loads((REPO_ROOT / path).read_text(encoding="utf-8"))["metadata"]["eparticipation"]
        assert metadata == {"session": session.id, "kind": kind}, path


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_quiz_loads(session):
    """Step 4: the self-check quiz."""
    assert len(load_quiz(session.id)) >= 3


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_worksheet_view_and_registration(session):
    """Step 5: worksheet (content) + exercise (view) + the registration line, texts in both languages."""
    spec = section_of(session.id)
    assert sections.get(spec.key) is spec
    assert (REPO_ROOT / "eparticipation" / "worksheets" / f"{spec.key}.py").is_file()
    view = REPO_ROOT / "eparticipation" / "exercises" / f"{spec.key}.py"
    assert f"def {spec.key}_exercise(" in view.read_text(encoding="utf-8")
    cells = json.loads((REPO_ROOT / session.exercise).read_text(encoding="utf-8"))["cells"]
    assert any(f"{spec.key}_exercise(" in "".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    assert all(i18n.has(spec.title_key, lang) for lang in i18n.LANGUAGES)


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_worksheet_has_a_worked_example(session):
    """Step 5: the worked example for the fictitious ministry, registered with `example=worked_example`."""
    spec = section_of(session.id)
    assert spec.example is not None, f"step 5: {spec.key} needs example=worked_example in its SECTION"
    for lang in i18n.LANGUAGES:
        answers = spec.example(lang)
        assert isinstance(answers, spec.model) and not spec.empty(answers), f"step 5: {spec.key} example ({lang})"


@pytest.mark.parametrize("session", READY, ids=lambda s: s.id)
def test_worksheet_has_unit_tests(session):
    """Step 6: unit tests of the worksheet's model and rules, and of its widget's callbacks."""
    assert (REPO_ROOT / "tests" / "exercises" / f"test_ex_{section_of(session.id).key}.py").is_file()


def test_second_sections_are_the_documented_exception_only():
    """A second section per session only where documented above: its session has its main section, and the
    second one has its worksheet, a view and a place in the session's exercise notebook."""
    by_session: dict[str, list[str]] = {}
    for spec in COURSE_SECTIONS:
        by_session.setdefault(spec.session, []).append(spec.key)
    extra = {key: session for session, keys in by_session.items() if len(keys) > 1 for key in keys
             if key in SECOND_SECTIONS}
    assert extra == SECOND_SECTIONS
    for key, session_id in SECOND_SECTIONS.items():
        assert section_of(session_id).key != key
        assert (REPO_ROOT / "eparticipation" / "worksheets" / f"{key}.py").is_file()
        assert (REPO_ROOT / "eparticipation" / "exercises" / f"{key}.py").is_file()
        session = next(s for s in load_schedule().sessions if s.id == session_id)
        if session.ready:
            cells = json.loads((REPO_ROOT / session.exercise).read_text(encoding="utf-8"))["cells"]
            view = (REPO_ROOT / "eparticipation" / "exercises" / f"{key}.py").read_text(encoding="utf-8")
            calls = re.findall(r"^def (\w+_exercise)\(", view, re.MULTILINE)
            assert calls and any(calls[0] + "(" in "".join(c["source"]) for c in cells if c["cell_type"] == "code")
