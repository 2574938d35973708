"""Session 12 peer review in pairs, on screen.

Two parts. "Review a colleague's draft": open the workbook file a colleague shared (downloaded with
"Download my workbook", or from the shared folder), read their draft, answer three questions and
save: the review becomes a small file `review-for-<colleague>-from-<you>-<id>.json` in `downloads/`
(and a copy in the shared folder when one is configured). "Reviews you received": add such a file
to your own workbook; it is appended to the `peer_reviews` section, never to your answers.

Notebook::

    from eparticipation.exercises.peer_reviews import peer_review_exercise
    peer_review_exercise()
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import secrets
from pathlib import Path
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.exercises.base import review_note_html
from eparticipation.exercises.tools import DOWNLOAD_DIR, html_output
from eparticipation.reports.html import blocks_html
from eparticipation.workbook import bundle, export
from eparticipation.workbook.safety import atomic_write_text, inside, safe_filename
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.peer_reviews import (
    P, QUESTIONS, STARTS, PeerReview, PeerReviews, parse_review_file, render_peer_reviews, review_file_text,
    review_problems, take_in)


def _today() -> str:
    return _dt.date.today().isoformat()


class PeerReviewTool:
    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 download_dir: str | os.PathLike | None = None) -> None:
        self.store = store if store is not None else WorkbookStore()
        self.lang = i18n.normalise(lang or self.store.language())
        self.download_dir = Path(download_dir) if download_dir is not None else Path(DOWNLOAD_DIR)
        self.peer: bundle.Workbook | None = None
        t = lambda key, **kw: i18n.t(key, self.lang, **kw)  # noqa: E731
        self.open_upload = w.FileUpload(accept=".json", multiple=False, description=t(f"{P}.open"),
                                        layout=w.Layout(width="auto"))
        self.open_upload.add_class("ep-peer-open")
        self.draft = w.HTML()
        self.draft.add_class("ep-peer-draft")
        self.answers = {}
        rows = []
        for question in QUESTIONS:
            box = w.Textarea(continuous_update=False, layout=w.Layout(width="46em", height="5em"))
            box.add_class(f"ep-field-{question}")
            self.answers[question] = box
            rows.append(w.VBox([w.Label(t(f"{P}.q.{question}")), box]))
        self.can_start = w.ToggleButtons(options=[(t(f"{P}.start.{s}"), s) for s in STARTS], value=None)
        self.can_start.style.button_width = "auto"
        self.can_start.add_class("ep-field-can_start")
        rows.append(w.VBox([w.Label(t(f"{P}.q.can_start")), self.can_start]))
        self.save_button = w.Button(description=t(f"{P}.save"), icon="save", layout=w.Layout(width="auto"))
        self.save_button.add_class("ep-peer-save")
        self.review_message = w.Output()
        self.review_message.add_class("ep-peer-message")
        self.take_upload = w.FileUpload(accept=".json", multiple=False, description=t(f"{P}.take"),
                                        layout=w.Layout(width="auto"))
        self.take_upload.add_class("ep-peer-take")
        self.received_message = w.Output()
        self.received_message.add_class("ep-peer-received-message")
        self.received = w.HTML()
        self.received.add_class("ep-peer-received")
        self.open_upload.observe(self._opened, names="value")
        self.take_upload.observe(self._taken, names="value")
        self.save_button.on_click(self.save_review)
        self.show_received()
        self.widget = w.VBox([
            w.HTML(f"<h3>{html.escape(t('peer_reviews.title'))}</h3>"),
            w.HTML(f"<p>{html.escape(t(f'{P}.intro'))}</p>"), w.HTML(review_note_html(self.lang)),
            w.HTML(f"<h4>{html.escape(t(f'{P}.part.review'))}</h4>"), self.open_upload, self.draft, *rows,
            self.save_button, self.review_message,
            w.HTML(f"<h4>{html.escape(t(f'{P}.part.received'))}</h4>"), self.take_upload, self.received_message,
            self.received])
        self.widget.add_class("ep-exercise")
        self.widget.add_class("ep-exercise-peer_reviews")

    # -- messages ---------------------------------------------------------------------------------
    def _say(self, where: w.Output, text: str, level: str = "good") -> None:
        icon, colour = {"good": ("✔", "#006b4f"), "warning": ("⚠", "#8a3b00"), "error": ("✖", "#b00020")}[level]
        where.outputs = (html_output(f'<div style="color:{colour}">{icon} {html.escape(text)}</div>', text),)

    # -- reviewing a colleague ----------------------------------------------------------------------
    def _opened(self, change: dict) -> None:
        files = change.get("new") or ()
        if files:
            self.open_bytes(bytes(files[0]["content"]), str(files[0].get("name", "workbook.json")))

    def open_bytes(self, data: bytes, name: str = "workbook.json") -> bundle.Workbook | None:
        """Read a colleague's workbook bundle and show their draft (escaped, read-only)."""
        try:
            peer = bundle.parse_bundle(data, file=os.path.basename(name))
        except CourseDataError as error:
            self._say(self.review_message, error.message, "error")
            return None
        own = self.store.profile().alias.strip()
        if own and peer.profile.alias.strip() == own:
            self._say(self.review_message, i18n.t(f"{P}.own_workbook", self.lang), "warning")
            return None
        self.peer = peer
        alias = peer.profile.alias.strip() or "?"
        heading = html.escape(i18n.t(f"{P}.draft", self.lang))
        self.draft.value = (f'<details open><summary><strong>{heading}</strong></summary>'
                            f'<div style="border-left:4px solid #56B4E9;padding:0.3em 0.7em;max-height:30em;overflow:auto">'
                            f"{blocks_html(export.blocks_for(peer, self.lang), figures='summary')}</div></details>")
        self._say(self.review_message, i18n.t(f"{P}.opened", self.lang, alias=alias))
        return peer

    def save_review(self, _button: Any = None) -> Path | None:
        """Validate the review and write it as a review file for the colleague."""
        if self.peer is None:
            self._say(self.review_message, i18n.t(f"{P}.problem.no_workbook", self.lang), "warning")
            return None
        reviewer = self.store.profile().alias.strip()
        texts = {q: self.answers[q].value for q in QUESTIONS}
        problems = review_problems(texts["strengths"], texts["gaps"], texts["suggestion"], reviewer)
        if problems:
            self._say(self.review_message, " ".join(i18n.t(key, self.lang) for key in problems), "warning")
            return None
        reviewed = self.peer.profile.alias.strip()
        review = PeerReview(review_id=secrets.token_hex(6), reviewer=reviewer, reviewed=reviewed, date=_today(),
                            can_start=self.can_start.value, **texts)
        name = (f"review-for-{safe_filename(reviewed, default='colleague', max_length=30)}-from-"
                f"{safe_filename(reviewer, default='me', max_length=30)}-{review.review_id}.json")
        try:
            self.download_dir.mkdir(parents=True, exist_ok=True)
            target = inside(self.download_dir, name)
            atomic_write_text(target, review_file_text(review))
        except OSError as error:
            self._say(self.review_message, i18n.t("tools.share_failed", self.lang, error=error.strerror or str(error)),
                      "error")
            return None
        text = i18n.t(f"{P}.saved", self.lang, name=os.path.relpath(target), alias=reviewed or "?")
        shared = bundle.share_dir()
        if shared is not None and shared.is_dir():
            try:
                atomic_write_text(inside(shared, name), review_file_text(review))
                text += " " + i18n.t(f"{P}.saved_shared", self.lang, name=name)
            except OSError:
                pass  # the review is saved in downloads/; the shared copy is a convenience
        self._say(self.review_message, text)
        return target

    # -- reviews received ---------------------------------------------------------------------------
    def _taken(self, change: dict) -> None:
        files = change.get("new") or ()
        if files:
            self.take_bytes(bytes(files[0]["content"]), str(files[0].get("name", "review.json")))
            with self.take_upload.hold_trait_notifications():
                self.take_upload.value = ()

    def take_bytes(self, data: bytes, name: str = "review.json") -> bool:
        """Append a received review to this workbook's `peer_reviews` section (never to other sections)."""
        try:
            review = parse_review_file(data, file=os.path.basename(name))
            current = self.store.load("peer_reviews").answers
            updated, added = take_in(current, review)
            if added:
                self.store.save("peer_reviews", updated)
        except CourseDataError as error:
            self._say(self.received_message, error.message, "error")
            return False
        except OSError as error:
            self._say(self.received_message, i18n.t("saved.failed", self.lang, error=error.strerror or str(error)), "error")
            return False
        key = f"{P}.taken" if added else f"{P}.duplicate"
        self._say(self.received_message, i18n.t(key, self.lang, reviewer=review.reviewer, n=len(updated.received)),
                  "good" if added else "warning")
        self.show_received()
        return added

    def show_received(self) -> None:
        reviews: PeerReviews = self.store.load("peer_reviews").answers  # type: ignore[assignment]
        count = html.escape(i18n.t(f"{P}.count", self.lang, n=len(reviews.received)))
        self.received.value = f"<p>{count}</p>" + blocks_html(render_peer_reviews(reviews, self.lang))


def peer_review_exercise(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The peer review widget (one line in a notebook: `peer_review_exercise()`)."""
    return PeerReviewTool(store, lang, **options).widget
