import io
import json

import docx
import pytest

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.exercises.peer_reviews import PeerReviewTool, peer_review_exercise
from eparticipation.workbook import bundle, export, sections
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.next_steps import worked_example
from eparticipation.worksheets.peer_reviews import (
    PeerReview, PeerReviews, parse_review_file, render_peer_reviews, review_file_text, review_problems, take_in)


def review(**changes):
    values = dict(review_id="0123456789ab", reviewer="Bek", reviewed="Ana", date="2026-12-05",
                  strengths="Clear owners", gaps="", suggestion="Start earlier", can_start="partly")
    values.update(changes)
    return PeerReview(**values)


def workbook(tmp_path, alias, name):
    store = WorkbookStore(tmp_path / name)
    store.save("profile", {"alias": alias, "language": "en"})
    return store


@pytest.mark.parametrize("changes", [dict(review_id="xyz"), dict(reviewer=""), dict(date="5 Dec"),
                                     dict(can_start="maybe"), dict(strengths="x" * 2001)])
def test_review_model_refuses_bad_values(changes):
    with pytest.raises(ValueError):
        review(**changes)


def test_review_problems_say_what_is_missing():
    assert review_problems("", " ", "", "Bek") == ["peer_reviews.problem.empty"]
    assert review_problems("ok", "", "", "") == ["peer_reviews.problem.no_reviewer"]
    assert review_problems("ok", "", "", "Bek") == []


def test_review_file_round_trips_and_bad_files_get_a_reason():
    assert parse_review_file(review_file_text(review()).encode()) == review()
    bad = {b"{": "not valid JSON", b"\xff\xfe": "not UTF-8", b'{"format": "x"}': "not a review file",
           json.dumps({"format": "eparticipation-workbook", "version": 1}).encode(): "whole workbook",
           json.dumps({"format": "eparticipation-review", "version": 9}).encode(): "version",
           json.dumps({"format": "eparticipation-review", "version": 1, "review": {"reviewer": "x"}}).encode():
               "not valid"}
    for data, reason in bad.items():
        with pytest.raises(CourseDataError, match=reason):
            parse_review_file(data, file="f.json")


def test_take_in_appends_once_and_never_replaces():
    first, added = take_in(PeerReviews(), review())
    assert added and first.received == [review()]
    same, added = take_in(first, review(strengths="changed"))
    assert not added and same == first
    second, added = take_in(first, review(review_id="ba9876543210", reviewer="Cem"))
    assert added and [r.reviewer for r in second.received] == ["Bek", "Cem"]


def test_render_shows_each_review_with_its_reviewer():
    blocks = render_peer_reviews(PeerReviews(received=[review()]), "az")
    assert "Bek" in blocks[0].text and ("Qismən" in blocks[1].rows[-1][1])
    assert sections.get("peer_reviews").session == "s12-action-plan"


def test_a_pair_reviews_and_the_review_reaches_the_canvas_and_word(tmp_path, monkeypatch):
    ana, bek = workbook(tmp_path, "Ana", "ana"), workbook(tmp_path, "Bek", "bek")
    ana.save("next_steps", worked_example("en"))
    own_answers = (ana.folder / "next_steps.json").read_bytes()
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv(bundle.SHARE_ENV, str(shared))
    reviewer = PeerReviewTool(bek, download_dir=tmp_path / "dl")
    assert reviewer.save_review() is None and "open" in str(reviewer.review_message.outputs).lower()
    assert reviewer.open_bytes(b"not json", "x.json") is None
    assert reviewer.open_bytes(bundle.bundle_text(bek).encode(), "bek.json") is None  # own workbook
    assert reviewer.open_bytes(bundle.bundle_text(ana).encode(), "ana.json") is not None
    assert "(fictitious)" in reviewer.draft.value
    assert reviewer.save_review() is None  # empty review
    reviewer.answers["strengths"].value = "Clear owners <script>"
    reviewer.can_start.value = "yes"
    path = reviewer.save_review()
    assert path.name.startswith("review-for-Ana-from-Bek-") and (shared / path.name).is_file()
    received = PeerReviewTool(ana, download_dir=tmp_path / "dl")
    assert received.take_bytes(bundle.bundle_text(bek).encode(), "bek.json") is False  # a workbook, not a review
    assert received.take_bytes(path.read_bytes(), path.name) is True
    assert received.take_bytes(path.read_bytes(), path.name) is False  # the same review twice: once
    assert "&lt;script&gt;" in received.received.value and "<script>" not in received.received.value
    assert (ana.folder / "next_steps.json").read_bytes() == own_answers  # the reviewed answers never change
    assert len(ana.load("peer_reviews").answers.received) == 1
    from eparticipation.exercises.canvas import canvas_html

    assert "Clear owners" in canvas_html(ana, "en")
    document = docx.Document(io.BytesIO(export.to_docx_bytes(bundle.read_workbook(ana.folder))))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Clear owners <script>" in cells
    assert i18n.t("peer_reviews.title", "en") in [p.text for p in document.paragraphs]
    assert peer_review_exercise(ana).__class__.__name__ == "VBox"


@pytest.mark.parametrize("lang, label", [("en", "(fictitious)"), ("az", "(uydurma)")])
def test_the_example_review_is_labelled_fictitious(lang, label):
    from eparticipation.worksheets.peer_reviews import worked_example as example

    reviews = example(lang)
    assert label in reviews.received[0].reviewer and sections.get("peer_reviews").example is example
    assert render_peer_reviews(reviews, lang)[1].rows
