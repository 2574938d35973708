"""The self-study progress page: which exercises the workbook holds, and a completion summary to export.

The page only reads the workbook (`reports.progress`): a damaged section shows as damaged, with its
reason, and its file is left exactly as it is. The summary is written as Markdown or Word into the
`downloads/` folder next to the notebook, with a link JupyterLab serves as a download (like the workbook
tools under every exercise).

Notebook::

    from eparticipation.exercises.progress import progress_page
    progress_page()
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import review_note_html
from eparticipation.exercises.tools import DOWNLOAD_DIR, html_output, link_href
from eparticipation.reports import progress
from eparticipation.reports.html import blocks_html
from eparticipation.workbook import export
from eparticipation.workbook.safety import atomic_write_bytes, safe_filename
from eparticipation.workbook.store import WorkbookStore

TABLE_CSS = ("<style>.ep-progress table.ep-table{border-collapse:collapse;margin:0.4em 0}"
             ".ep-progress .ep-table th,.ep-progress .ep-table td{border:1px solid #bbb;padding:0.2em 0.5em;"
             "vertical-align:top;text-align:left}</style>")


class ProgressPage:
    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 download_dir: str | os.PathLike | None = None) -> None:
        self.store = store if store is not None else WorkbookStore()
        # The profile is read without the store's repair step, so a damaged profile stays untouched.
        self.lang = i18n.normalise(lang or progress.read_profile(self.store.folder).language)
        self.download_dir = Path(download_dir) if download_dir is not None else Path(DOWNLOAD_DIR)
        t = lambda key: i18n.t(key, self.lang)  # noqa: E731
        self.body = w.HTML()
        self.body.add_class("ep-progress-body")
        self.refresh_button = w.Button(description=t("progress.refresh"), icon="refresh")
        self.refresh_button.on_click(self.refresh)
        self.md_button = w.Button(description=t("progress.export_md"), icon="download", layout=w.Layout(width="auto"))
        self.docx_button = w.Button(description=t("progress.export_docx"), icon="download", layout=w.Layout(width="auto"))
        self.md_button.add_class("ep-progress-md")
        self.docx_button.add_class("ep-progress-docx")
        self.md_button.on_click(lambda _b: self.export("md"))
        self.docx_button.on_click(lambda _b: self.export("docx"))
        self.message = w.Output()
        self.message.add_class("ep-tools-message")
        self.refresh()
        self.widget = w.VBox([
            w.HTML(f"<h3>{html.escape(t('progress.title'))}</h3>{review_note_html(self.lang)}"
                   f"<p>{html.escape(t('progress.intro'))}</p>"),
            self.refresh_button, self.body, w.HBox([self.md_button, self.docx_button]), self.message,
        ])
        self.widget.add_class("ep-exercise")
        self.widget.add_class("ep-progress")

    def blocks(self, level: int = 1) -> list:
        found = progress.workbook_progress(self.store.folder, self.lang)
        name = progress.read_profile(self.store.folder).display_name()
        return progress.summary_blocks(found, self.lang, name=name, level=level)

    def refresh(self, _button: Any = None) -> None:
        # Under the page's own "Your progress" (h3), the summary is an h4: headings stay in order.
        self.body.value = '<div class="ep-progress">' + TABLE_CSS + blocks_html(self.blocks(level=4)) + "</div>"

    def export(self, fmt: str) -> Path | None:
        """Write the completion summary as Markdown ("md") or Word ("docx"); show a download link."""
        blocks = self.blocks()
        name = safe_filename(progress.read_profile(self.store.folder).alias, default="my") + f"-progress.{fmt}"
        target = self.download_dir / name
        if fmt == "docx":
            data = export.blocks_docx_bytes(blocks, self.lang, i18n.t("progress.summary_title", self.lang))
        else:
            data = export.blocks_markdown(blocks).encode("utf-8")
        try:
            self.download_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, data)
        except OSError as error:
            text = i18n.t("progress.export_failed", self.lang, error=error.strerror or str(error))
            self.message.outputs = (html_output(f'<div style="color:#b00020">✖ {html.escape(text)}</div>', text),)
            return None
        href = link_href(target)
        shown = os.path.relpath(target) if href else str(target)
        link = (f'<a href="{html.escape(href)}" download="{html.escape(target.name)}">{html.escape(target.name)}</a> '
                if href else "")
        intro = html.escape(i18n.t("progress.export_done", self.lang))
        self.message.outputs = (html_output(f"<div>✔ {intro}<br>{link}<code>{html.escape(shown)}</code></div>", shown),)
        return target


def progress_page(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The progress page widget (one line in a notebook: `progress_page()`)."""
    return ProgressPage(store, lang, **options).widget
