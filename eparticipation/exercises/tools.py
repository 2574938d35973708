"""The workbook tools under every exercise: download, restore from a file, share with the facilitator.

Why files and links: a widget cannot push a file to the browser without custom JavaScript, so
"Download my workbook" writes `<alias>-workbook.json` (everything, restorable) and
`<alias>-workbook.docx` (the strategy draft) into a `downloads/` folder next to the notebook and
shows links that JupyterLab serves as downloads, plus the paths as text. "Restore from file" uses
the standard FileUpload control; the file is validated completely before anything is written, and
the current answers are copied to a backup folder first. "Share with facilitator" copies the
workbook to `$EPARTICIPATION_SHARE_DIR`; nothing leaves the workbook without that button.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.workbook import bundle
from eparticipation.workbook.store import WorkbookStore

DOWNLOAD_DIR = "downloads"


def html_output(fragment: str, plain: str) -> dict:
    """One display_data output (for `Output.outputs`), so no running kernel is needed."""
    return {"output_type": "display_data", "data": {"text/html": fragment, "text/plain": plain}, "metadata": {}}


def link_href(path: Path, base: Path | None = None) -> str | None:
    """A relative URL from the notebook's folder to `path`, or None when it lies outside it."""
    base = (base or Path.cwd()).resolve()
    try:
        relative = path.resolve().relative_to(base)
    except ValueError:
        return None
    from urllib.parse import quote

    return "/".join(quote(part) for part in relative.parts)


class WorkbookTools:
    def __init__(self, store: WorkbookStore, lang: str, *, on_restored: Callable[[], None] | None = None,
                 download_dir: str | os.PathLike | None = None) -> None:
        self.store = store
        self.lang = lang
        self.on_restored = on_restored
        self.download_dir = Path(download_dir) if download_dir is not None else Path(DOWNLOAD_DIR)
        auto = w.Layout(width="auto")
        self.download_button = w.Button(icon="download", layout=auto)
        self.upload = w.FileUpload(accept=".json", multiple=False, layout=w.Layout(width="auto"))
        self.share_button = w.Button(icon="share", layout=w.Layout(width="auto"))
        self.message = w.Output()
        self.message.add_class("ep-tools-message")
        self.download_button.add_class("ep-download")
        self.share_button.add_class("ep-share")
        self.upload.add_class("ep-restore")
        self.download_button.on_click(self.download)
        self.share_button.on_click(self.share)
        self.upload.observe(self._uploaded, names="value")
        self.heading = w.HTML()
        self.set_language(lang)
        self.widget = w.VBox([self.heading, w.HBox([self.download_button, self.upload, self.share_button]),
                              self.message])
        self.widget.add_class("ep-tools")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<small>{html.escape(i18n.t('tools.heading', lang))}</small>"
        self.download_button.description = i18n.t("tools.download", lang)
        self.upload.description = i18n.t("tools.restore", lang)
        self.share_button.description = i18n.t("tools.share", lang)
        self.share_button.tooltip = i18n.t("tools.share_tooltip", lang, env=bundle.SHARE_ENV)

    def _say(self, fragment: str, plain: str) -> None:
        self.message.outputs = (html_output(fragment, plain),)

    def _error(self, error: CourseDataError) -> None:
        text = error.message
        self._say(f'<div style="color:#b00020">✖ {html.escape(text)}</div>', text)

    def _failed(self, key: str, error: OSError) -> None:
        text = i18n.t(key, self.lang, error=error.strerror or str(error))
        self._say(f'<div style="color:#b00020">✖ {html.escape(text)}</div>', text)

    def download(self, _button: Any = None) -> tuple[Path, Path] | None:
        try:
            json_path, docx_path = bundle.write_download(self.store, self.download_dir)
        except CourseDataError as error:
            self._error(error)
            return None
        except OSError as error:
            self._error(CourseDataError(f"could not write the files ({error.strerror})",
                                        file=str(self.download_dir)))
            return None
        links, plain = [], []
        for path, key in ((json_path, "tools.download_json"), (docx_path, "tools.download_docx")):
            label = html.escape(i18n.t(key, self.lang))
            href = link_href(path)
            shown = os.path.relpath(path) if href else str(path)
            if href:
                links.append(f'<a href="{html.escape(href)}" download="{html.escape(path.name)}">{label}</a> '
                             f'<code>{html.escape(shown)}</code>')
            else:
                links.append(f'{label}: <code>{html.escape(shown)}</code>')
            plain.append(shown)
        intro = html.escape(i18n.t("tools.download_done", self.lang))
        self._say(f"<div>✔ {intro}<br>{'<br>'.join(links)}</div>", "\n".join(plain))
        return json_path, docx_path

    def _uploaded(self, change: dict) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[0]
        self.restore_bytes(bytes(item["content"]), str(item.get("name", "workbook.json")))
        with self.upload.hold_trait_notifications():
            self.upload.value = ()

    def restore_bytes(self, data: bytes, name: str = "workbook.json") -> bundle.RestoreResult | None:
        try:
            result = bundle.restore(self.store, data, file=os.path.basename(name))
        except CourseDataError as error:
            self._error(error)
            return None
        except OSError as error:  # e.g. a full disk: restore changed nothing
            self._failed("tools.restore_failed", error)
            return None
        from eparticipation.workbook import sections

        titles = [i18n.t(sections.get(key).title_key, self.lang) for key in result.restored]
        text = i18n.t("tools.restore_done", self.lang, sections=", ".join(titles))
        if result.backup_folder is not None:
            text += " " + i18n.t("tools.restore_backup", self.lang, folder=result.backup_folder.name)
        text += " " + i18n.t("tools.restore_rerun", self.lang)
        self._say(f"<div>✔ {html.escape(text)}</div>", text)
        if self.on_restored is not None:
            self.on_restored()
        return result

    def share(self, _button: Any = None) -> Path | None:
        if bundle.share_dir() is None:
            text = i18n.t("tools.share_not_configured", self.lang, env=bundle.SHARE_ENV)
            self._say(f'<div style="color:#8a3b00">⚠ {html.escape(text)}</div>', text)
            return None
        try:
            target = bundle.share(self.store)
        except CourseDataError as error:
            self._error(error)
            return None
        except OSError as error:  # e.g. the workbook's id file could not be written
            self._failed("tools.share_failed", error)
            return None
        text = i18n.t("tools.share_done", self.lang, name=target.name)
        self._say(f"<div>✔ {html.escape(text)}</div>", text)
        return target
