"""The self-study progress page: the pure reading of a workbook, the summary, and the widget's callbacks."""

from __future__ import annotations

import copy
from html import escape

import docx
import ipywidgets as w
import pytest
import yaml

from eparticipation import i18n
from eparticipation.book import schedule as sched
from eparticipation.exercises.progress import ProgressPage, progress_page
from eparticipation.reports import progress
from eparticipation.reports.html import blocks_html
from eparticipation.workbook import export, sections


def statuses(found):
    return {s.key: s.status for session in found for s in session.sections}


def snapshot(folder):
    """Every file under the workbook folder with its bytes: what "never changes a file" compares."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_empty_workbook_lists_every_registered_section_as_empty_in_schedule_order(tmp_path):
    found = progress.workbook_progress(tmp_path / "nothing-here")
    schedule = sched.load_schedule()
    order = [s.id for s in schedule.sessions]
    assert [p.session for p in found] == sorted((p.session for p in found), key=order.index)
    assert set(statuses(found)) == {spec.key for spec in sections.all_sections()}
    assert set(statuses(found).values()) == {progress.EMPTY}
    first = found[0]
    assert (first.session, first.title, first.day) == ("s00-getting-started", schedule.sessions[0].title, 1)
    assert not first.done


def test_saved_answers_show_as_saved_and_default_answers_as_empty(store):
    store.save("profile", {"alias": "Table 3", "institution": "Nazirlik"})
    store.save("readiness", {})
    found = progress.workbook_progress(store.folder)
    assert statuses(found)["profile"] == progress.SAVED
    assert statuses(found)["readiness"] == progress.EMPTY
    assert next(p for p in found if p.session == "s00-getting-started").done


@pytest.mark.parametrize("content", [b"{", b"\xff\xfe not utf-8", b'{"format": "something else"}',
                                     b'{"format": "eparticipation-section", "section": "profile", "version": 99, "answers": {}}',
                                     b'{"format": "eparticipation-section", "section": "profile", "version": 1, "answers": {"alias": 5}}'])
def test_a_damaged_section_shows_as_damaged_with_its_reason_and_is_never_changed(store, content):
    store.save("readiness", {"items": {"legal_access": {"legislation": "no", "policy": "no"}}})
    (store.folder / "profile.json").write_bytes(content)
    before = snapshot(store.folder)
    found = progress.workbook_progress(store.folder)
    damaged = next(s for p in found for s in p.sections if s.key == "profile")
    assert damaged.status == progress.DAMAGED and damaged.problem
    assert statuses(found)["readiness"] == progress.SAVED
    page = ProgressPage(store, download_dir=store.folder.parent / "downloads")  # the widget reads it too
    page.export("md")
    assert "damaged" in page.body.value
    assert snapshot(store.folder) == before  # nothing moved aside, no backup taken, no byte changed


def test_a_folder_in_place_of_a_section_file_is_damaged_not_a_crash(store):
    (store.folder / "readiness.json").mkdir(parents=True)
    found = progress.workbook_progress(store.folder)
    assert statuses(found)["readiness"] == progress.DAMAGED


def test_a_section_registered_later_appears_under_its_session(store, notes_section):
    store.save("zz_notes", {"text": "x"})
    found = progress.workbook_progress(store.folder)
    assert found[-1].session == "test" and found[-1].sections[0].status == progress.SAVED


def test_session_titles_and_days_come_from_the_schedule():
    raw = yaml.safe_load(sched.SCHEDULE_FILE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(raw)
    changed["days"][0]["slots"][1]["title"] = "Session 0 — renamed in the schedule"
    found = progress.workbook_progress("missing", schedule=sched.parse_schedule(changed))
    assert found[0].title == "Session 0 — renamed in the schedule"


def test_summary_counts_and_escapes_participant_text(store):
    store.save("profile", {"alias": "<script>alert(1)</script>", "language": "az"})
    (store.folder / "readiness.json").write_text("{", encoding="utf-8")
    found = progress.workbook_progress(store.folder, "en")
    blocks = progress.summary_blocks(found, "en", name=progress.read_profile(store.folder).display_name())
    total = len(sections.all_sections())
    counts = progress.counts(found)
    assert counts == {progress.SAVED: 1, progress.DAMAGED: 1, progress.EMPTY: total - 2}
    html = blocks_html(blocks)
    assert f"1 of {total} exercises saved ({total - 2} empty, 1 damaged)." in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "<script>alert" not in export.blocks_markdown(blocks)
    assert escape(i18n.t("progress.damaged_help", "en")) in html


def test_the_page_follows_the_profile_language_and_a_damaged_profile_falls_back_to_english(store):
    store.save("profile", {"alias": "A", "language": "az"})
    assert i18n.t("progress.status.empty", "az") in ProgressPage(store).body.value
    (store.folder / "profile.json").write_text("{", encoding="utf-8")
    assert ProgressPage(store).lang == "en"


def test_refresh_shows_an_exercise_saved_meanwhile(store):
    page = ProgressPage(store)
    assert isinstance(progress_page(store), w.VBox)
    assert "1 of" not in page.body.value
    store.save("profile", {"alias": "Table 3"})
    page.refresh_button.click()
    assert f"1 of {len(sections.all_sections())} exercises saved" in page.body.value


def test_export_writes_markdown_and_a_word_file_with_the_table(store, tmp_path):
    store.save("profile", {"alias": "Table 3", "institution": "Nazirlik"})
    page = ProgressPage(store, download_dir=tmp_path / "downloads")
    md_path = page.export("md")
    assert md_path.name == "Table-3-progress.md"
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# Completion summary\n") and "Your workbook profile | saved" in text
    assert "<h4>Completion summary</h4>" in page.body.value  # under the page's h3, in order
    page.docx_button.click()
    document = docx.Document(tmp_path / "downloads" / "Table-3-progress.docx")
    assert document.paragraphs[0].text == "Completion summary"
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "Session 0 — Getting started with the course notebooks" in cells and "saved" in cells
    assert "Table-3-progress.docx" in page.message.outputs[0]["data"]["text/plain"]


def test_an_export_that_cannot_be_written_says_so_and_changes_nothing(store, tmp_path):
    store.save("profile", {"alias": "A"})
    before = snapshot(store.folder)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    page = ProgressPage(store, download_dir=blocked)
    assert page.export("docx") is None
    assert "✖" in page.message.outputs[0]["data"]["text/html"]
    assert snapshot(store.folder) == before
