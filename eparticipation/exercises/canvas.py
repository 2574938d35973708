"""The strategy canvas: one reviewable view of every workbook section present so far.

Sections appear in the registry's order, so exercises that later chapters add show up without any
change here. The canvas only reads; each exercise stays the place to edit its answers.

Notebook::

    from eparticipation.exercises.canvas import strategy_canvas
    strategy_canvas()
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.base import review_note_html
from eparticipation.exercises.tools import WorkbookTools
from eparticipation.reports.html import blocks_html
from eparticipation.workbook import sections
from eparticipation.workbook.store import WorkbookStore

TABLE_CSS = ("<style>.ep-canvas table.ep-table{border-collapse:collapse;margin:0.4em 0}"
             ".ep-canvas .ep-table th,.ep-canvas .ep-table td{border:1px solid #bbb;padding:0.2em 0.5em;"
             "vertical-align:top;text-align:left}</style>")


def canvas_html(store: WorkbookStore, lang: str) -> str:
    """Pure apart from reading the store: the canvas as HTML (charts as their text summaries)."""
    parts = [TABLE_CSS, review_note_html(lang)]
    problems = []
    shown = 0
    for spec in sections.all_sections():
        result = store.load(spec.key) if (store.folder / f"{spec.key}.json").is_file() else None
        if result is None:
            continue
        if not result.ok:
            problems.append(i18n.t("canvas.problem", lang, section=i18n.t(spec.title_key, lang)))
        if spec.empty(result.answers):
            continue
        shown += 1
        blocks = [b for b in spec.render(result.answers, lang)]
        parts.append(f"<h3>{html.escape(i18n.t(spec.title_key, lang))}</h3>")
        parts.append(blocks_html(blocks, figures="summary"))
    missing = [i18n.t(spec.title_key, lang) for spec in sections.all_sections()
               if not (store.folder / f"{spec.key}.json").is_file()]
    if not shown:
        parts.append(f"<p>{html.escape(i18n.t('canvas.empty', lang))}</p>")
    if missing:
        parts.append(f"<p><small>{html.escape(i18n.t('canvas.missing', lang, sections=', '.join(missing)))}</small></p>")
    for problem in problems:
        parts.append(f'<p style="color:#8a3b00">⚠ {html.escape(problem)}</p>')
    return '<div class="ep-canvas">' + "\n".join(parts) + "</div>"


class StrategyCanvas:
    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 download_dir: str | None = None) -> None:
        self.store = store if store is not None else WorkbookStore()
        self.lang = i18n.normalise(lang or self.store.language())
        self.title = w.HTML(f"<h3>{html.escape(i18n.t('canvas.title', self.lang))}</h3>")
        self.intro = w.HTML(f"<p>{html.escape(i18n.t('canvas.intro', self.lang))}</p>")
        self.body = w.HTML()
        self.body.add_class("ep-canvas-body")
        self.refresh_button = w.Button(description=i18n.t("canvas.refresh", self.lang), icon="refresh")
        self.refresh_button.on_click(self.refresh)
        self.tools = WorkbookTools(self.store, self.lang, on_restored=self.refresh, download_dir=download_dir)
        self.refresh()
        self.widget = w.VBox([self.title, self.intro, self.refresh_button, self.body, self.tools.widget])
        self.widget.add_class("ep-exercise")
        self.widget.add_class("ep-canvas")

    def refresh(self, _button: Any = None) -> None:
        self.body.value = canvas_html(self.store, self.lang)


def strategy_canvas(store: WorkbookStore | None = None, lang: str | None = None, **options) -> w.VBox:
    """The strategy canvas widget (one line in a notebook: `strategy_canvas()`)."""
    return StrategyCanvas(store, lang, **options).widget
