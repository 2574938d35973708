"""The schedule is the one source of the agenda and the table of contents."""

from __future__ import annotations

import copy

import pytest
import yaml

from eparticipation.book import schedule as sched
from eparticipation.errors import CourseDataError


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(sched.SCHEDULE_FILE.read_text(encoding="utf-8"))


def test_committed_toc_and_agenda_match_the_schedule():
    drift = sched.generated_files_drift(sched.load_schedule())
    assert drift == [], f"run `python -m eparticipation schedule` and commit: {drift}"


def test_every_day_fits_its_hours_and_ready_files_exist():
    schedule = sched.load_schedule()
    assert [d.number for d in schedule.days] == [1, 2, 3]
    assert sched.day_fit_problems(schedule) == []
    assert sched.missing_files(schedule) == []


def test_the_agenda_covers_the_three_days_with_all_themes():
    schedule = sched.load_schedule()
    kinds = {s.kind for d in schedule.days for s in d.slots}
    assert {"opening", "session", "break", "lunch", "closing"} <= kinds
    assert len(schedule.sessions) == 13
    assert schedule.sessions[0].id == "s00-getting-started" and schedule.sessions[0].ready


def test_a_day_that_overruns_its_end_is_reported(raw):
    changed = copy.deepcopy(raw)
    changed["days"][0]["slots"][-1]["duration"] = 120  # wrap-up from 16:45 to 18:45
    problems = sched.day_fit_problems(sched.parse_schedule(changed))
    assert any("Day 1" in p and "after the day's end 17:00" in p for p in problems)


def test_overlapping_slots_are_reported(raw):
    changed = copy.deepcopy(raw)
    changed["days"][1]["slots"][2]["start"] = "10:00"  # the break now starts inside session 5
    problems = sched.day_fit_problems(sched.parse_schedule(changed))
    assert any(p.startswith("Day 2") and "before the previous slot ends" in p for p in problems)


def test_a_changed_schedule_makes_the_toc_drift(raw, tmp_path, monkeypatch):
    changed = copy.deepcopy(raw)
    changed["days"][0]["slots"][1]["title"] = "Session 0 — renamed"
    schedule = sched.parse_schedule(changed)
    assert sched.render_agenda(schedule) != sched.AGENDA_FILE.read_text(encoding="utf-8")
    assert sched.AGENDA_FILE in sched.generated_files_drift(schedule)


def test_sessions_not_ready_stay_out_of_the_toc_but_on_the_agenda():
    schedule = sched.load_schedule()
    toc = sched.render_toc(schedule)
    agenda = sched.render_agenda(schedule)
    for session in schedule.sessions:
        assert session.title in agenda
        listed = sched._doc(session.page) in toc
        assert listed == session.ready, session.id


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d["days"][0]["slots"][1].update(start="9.20"), "not a time of day"),
        (lambda d: d["days"][0]["slots"][1].update(kind="workshop"), "unknown slot kind"),
        (lambda d: d["days"][0]["slots"][1].pop("objectives"), "missing objectives"),
        (lambda d: d["days"][0]["slots"][3].update(id="s00-getting-started"), "used twice"),
        (lambda d: d["days"][0]["slots"][0].update(duration=0), "positive number of minutes"),
    ],
)
def test_mistakes_in_the_schedule_are_named_with_their_place(raw, edit, message):
    changed = copy.deepcopy(raw)
    edit(changed)
    with pytest.raises(CourseDataError) as caught:
        sched.parse_schedule(changed)
    assert message in str(caught.value)
    assert "days[1]" in str(caught.value) and "schedule.yml" in str(caught.value)


def test_broken_yaml_names_the_line(tmp_path):
    bad = tmp_path / "schedule.yml"
    bad.write_text("days:\n  - day: 1\n    slots: [\n", encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        sched.load_schedule(bad)
    assert "row" in str(caught.value) and "not valid YAML" in str(caught.value)


# -- warnings a facilitator resolves (never failures) ------------------------------------------------
@pytest.mark.parametrize("date, weekend", [("2026-12-04", False), ("2026-12-05", True), ("2026-12-06", True),
                                           ("2026-12-07", False)])
def test_the_weekend_rule(raw, date, weekend):
    """Azerbaijan's working week runs Monday to Friday: Saturday 5 and Sunday 6 December 2026 are weekend days."""
    changed = copy.deepcopy(raw)
    changed["days"][0]["date"] = date
    schedule = sched.parse_schedule(changed)
    assert (schedule.days[0] in sched.weekend_days(schedule)) is weekend
    warned = any(w.startswith("Day 1 (") and "falls on a weekend" in w for w in sched.schedule_warnings(schedule))
    assert warned is weekend
    assert sched.day_fit_problems(schedule) == []  # a weekend day is a warning, not a problem


def test_the_committed_schedule_warns_about_saturday_5_december_and_the_agenda_shows_it():
    schedule = sched.load_schedule()
    assert [d.number for d in sched.weekend_days(schedule)] == [3]
    agenda = sched.render_agenda(schedule)
    assert ":::{warning}" in agenda and "Day 3 (Saturday 5 December 2026) falls on a weekend" in agenda
    assert "*Saturday: outside the Monday–Friday working week" in agenda


def test_weekdays_only_and_organisers_set_give_no_warning(raw):
    changed = copy.deepcopy(raw)
    for day, date in zip(changed["days"], ("2026-12-02", "2026-12-03", "2026-12-04")):
        day["date"] = date
    changed["workshop"]["organisers"] = "the Ministry of Example, with UNDP"
    schedule = sched.parse_schedule(changed)
    assert sched.schedule_warnings(schedule) == []
    agenda = sched.render_agenda(schedule)
    assert ":::{warning}" not in agenda and "Organisers of this edition: the Ministry of Example, with UNDP." in agenda


def test_organisers_default_to_to_be_confirmed_never_to_the_2013_organisers(raw):
    changed = copy.deepcopy(raw)
    changed["workshop"].pop("organisers", None)
    schedule = sched.parse_schedule(changed)
    assert sched.organisers(schedule) == "to be confirmed"
    assert any("organisers of this edition are not set" in w for w in sched.schedule_warnings(schedule))
    assert "Communications and IT" not in sched.render_agenda(sched.load_schedule())


def test_check_prints_the_warnings_but_succeeds(capsys):
    from types import SimpleNamespace

    from eparticipation.commands.book import run_schedule

    assert run_schedule(SimpleNamespace(check=True)) == 0
    err = capsys.readouterr().err
    assert "Warning: Day 3 (Saturday 5 December 2026) falls on a weekend" in err


def test_the_day_1_opening_and_wrap_up_link_to_their_facilitator_script():
    schedule = sched.load_schedule()
    agenda, toc = sched.render_agenda(schedule), sched.render_toc(schedule)
    assert "{ref}`Opening, welcome and introductions <day1-opening>`" in agenda
    assert "{ref}`Day 1 wrap-up: questions and tomorrow's plan <day1-wrapup>`" in agenda
    assert toc.count("book/day1-facilitation") == 1
    page = (sched.REPO_ROOT / "book" / "day1-facilitation.md").read_text(encoding="utf-8")
    assert "(day1-opening)=" in page and "(day1-wrapup)=" in page
