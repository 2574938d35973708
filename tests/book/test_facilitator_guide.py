"""The facilitator's session guide and the self-study path are generated from the schedule and the pages."""

from __future__ import annotations

import copy
import shutil
from types import SimpleNamespace

import pytest
import yaml

from eparticipation.book import schedule as sched
from eparticipation.commands.book import run_schedule
from eparticipation.errors import CourseDataError


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(sched.SCHEDULE_FILE.read_text(encoding="utf-8"))


def test_every_ready_session_appears_with_its_page_sections_and_what_to_collect():
    schedule = sched.load_schedule()
    guide = sched.render_session_guide(schedule)
    for slot in schedule.sessions:
        assert f"### {slot.title}" in guide
        if not slot.ready:
            continue
        page = sched.page_sections((sched.REPO_ROOT / slot.page).read_text(encoding="utf-8"))
        part = guide.split(f"### {slot.title}", 1)[1].split("\n### ", 1)[0]
        for heading in ("Learning outcomes", "Timing", "How to run the exercise", "Discussion prompts",
                        "Facilitator notes", "What to collect"):
            assert f"#### {heading}" in part, (slot.id, heading)
        first_prompt = page["Discussion prompts"].splitlines()[0]
        assert first_prompt in part
    assert "`readiness.json`" in guide and "aggregate SHARED_FOLDER" in guide


def test_sessions_not_ready_show_their_planned_outcomes_and_no_page_link(raw):
    schedule = sched.load_schedule()
    waiting = [s for s in schedule.sessions if not s.ready]
    guide = sched.render_session_guide(schedule)
    for slot in waiting:
        part = guide.split(f"### {slot.title}", 1)[1].split("\n### ", 1)[0]
        assert "in preparation" in part and slot.objectives[0] in part and "{doc}" not in part


def test_a_session_marked_ready_later_appears_in_full(raw, tmp_path):
    changed = copy.deepcopy(raw)
    s09 = next(s for d in changed["days"] for s in d["slots"] if s.get("id") == "s09-strategy-design")
    s09["ready"] = True
    page = tmp_path / "book" / "sessions" / "s09-strategy-design.md"
    page.parent.mkdir(parents=True)
    shutil.copy(sched.REPO_ROOT / "book" / "sessions" / "s02-readiness.md", page)
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## Discussion prompts\n", "## Discussion prompts\n\n(made-up-label)=\n### A sub-heading\n\nA NEW PROMPT (5 minutes)\n"),
        encoding="utf-8")
    for slot in sched.parse_schedule(changed).sessions:
        if slot.ready and slot.id != "s09-strategy-design":
            target = tmp_path / slot.page
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sched.REPO_ROOT / slot.page, target)
    guide = sched.render_session_guide(sched.parse_schedule(changed), root=tmp_path)
    part = guide.split("### Session 9", 1)[1].split("\n### Session 10", 1)[0]
    assert "A NEW PROMPT (5 minutes)" in part and "#### Discussion prompts" in part
    assert "##### A sub-heading" in part  # the page's ### under a ## section sits under the guide's ####
    assert "(made-up-label)=" not in part  # a label may exist only once in the book


def test_schedule_check_fails_when_the_guide_is_stale(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "facilitator-sessions.md"
    stale.write_text(sched.SESSION_GUIDE_FILE.read_text(encoding="utf-8").replace("Learning outcomes", "Outcomes", 1),
                     encoding="utf-8")
    monkeypatch.setattr(sched, "SESSION_GUIDE_FILE", stale)
    monkeypatch.setattr("eparticipation.commands.book.REPO_ROOT", tmp_path.parent)  # for the message's file names
    assert sched.generated_files_drift(sched.load_schedule()) == [stale]
    assert run_schedule(SimpleNamespace(check=True)) == 1
    assert "Out of date" in capsys.readouterr().err


def test_schedule_check_fails_when_the_self_study_times_are_stale(tmp_path, monkeypatch):
    stale = tmp_path / "self-study.md"
    stale.write_text(sched.SELF_STUDY_FILE.read_text(encoding="utf-8").replace("40 min", "45 min", 1), encoding="utf-8")
    monkeypatch.setattr(sched, "SELF_STUDY_FILE", stale)
    monkeypatch.setattr("eparticipation.commands.book.REPO_ROOT", tmp_path.parent)
    assert run_schedule(SimpleNamespace(check=True)) == 1


def test_time_needed_is_computed_from_the_durations(raw):
    schedule = sched.load_schedule()
    total = sum(s.duration for s in schedule.sessions)
    path = sched.render_self_study_path(schedule)
    assert f"({total} minutes, breaks not counted)" in path
    assert f"the {len(schedule.sessions)} sessions take {total // 60} h {total % 60:02d} min" in path
    changed = copy.deepcopy(raw)
    changed["days"][0]["slots"][1]["duration"] = 30
    assert f"({total - 10} minutes" in sched.render_self_study_path(sched.parse_schedule(changed))
    assert sched.SELF_STUDY_FILE.read_text(encoding="utf-8").count(path) == 1


def test_the_self_study_page_without_its_markers_is_refused(tmp_path):
    with pytest.raises(CourseDataError, match="marker lines are missing"):
        sched.with_generated_part("# A page\n", "table", tmp_path / "self-study.md")


def test_the_toc_has_the_start_pages_and_a_facilitator_part():
    toc = yaml.safe_load(sched.render_toc(sched.load_schedule()))
    parts = {p["caption"]: [c["file"] for c in p["chapters"]] for p in toc["parts"]}
    assert parts["Start here"] == ["book/agenda", "book/self-study", "exercises/progress"]
    assert parts["Facilitator guide"] == ["book/facilitator-guide", "book/hub", "book/facilitator-sessions"]
    assert list(parts).index("Facilitator guide") == len(parts) - 2  # just before Reference


def test_page_sections_ignore_headings_inside_code_fences():
    text = "# T\n\n## Objectives\n\n```text\n## not a heading\n```\nmore\n\n## Timing\n\nx\n"
    assert sched.page_sections(text) == {"Objectives": "```text\n## not a heading\n```\nmore", "Timing": "x"}


def test_links_relative_to_a_session_page_still_point_to_their_page_from_the_guide():
    text = "See {doc}`../data` and {doc}`the data <../data>`, {doc}`x </notebooks/a>`, {doc}`s01-concepts`."
    assert sched._for_guide(text, "book/sessions/s07-analysing-input.md") == (
        "See {doc}`/book/data` and {doc}`the data </book/data>`, {doc}`x </notebooks/a>`, "
        "{doc}`/book/sessions/s01-concepts`.")
