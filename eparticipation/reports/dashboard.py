"""The facilitator's dashboard: every shared workbook side by side, in one self-contained HTML file.

`collect()` reads every `*.json` bundle and every workbook sub-folder in a folder (the share folder,
$EPARTICIPATION_SHARE_DIR), keeps the valid ones, and lists each invalid one with its reason; it
never stops at a bad file. `dashboard_html()` anonymises participants (P01, P02, ... in an order
that does not follow names or arrival) unless `names=True`. Each section contributes its own part
through `SectionSpec.aggregate`; sections without one show how many workbooks have them.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import eparticipation.worksheets  # noqa: F401  (registers every workbook section)
from eparticipation import i18n
from eparticipation.errors import CourseDataError
from eparticipation.reports.html import blocks_html
from eparticipation.reports.network import network_blocks
from eparticipation.workbook import sections
from eparticipation.workbook.bundle import Workbook, read_workbook
from eparticipation.workbook.document import Figure, Table


@dataclass
class Collected:
    valid: list[tuple[str, Workbook]]  # (file or folder name, workbook)
    invalid: list[tuple[str, str]]  # (file or folder name, reason)


def collect(folder: str | Path) -> Collected:
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseDataError("the folder of shared workbooks does not exist", file=str(folder),
                              fix="Give the folder that EPARTICIPATION_SHARE_DIR points to.")
    valid, invalid = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not (entry.is_dir() or entry.suffix.lower() == ".json"):
            continue
        try:
            valid.append((entry.name, read_workbook(entry)))
        except CourseDataError as error:
            where = f" (in {error.file}, field {error.column})" if error.column else ""
            invalid.append((entry.name, error.problem + where))
        except Exception as error:  # never abort the whole dashboard for one odd file
            invalid.append((entry.name, f"unexpected problem: {type(error).__name__}: {error}"))
    return Collected(valid, invalid)


def _order_key(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def labels_for(valid: list[tuple[str, Workbook]], *, names: bool) -> list[tuple[str, Workbook]]:
    """(label, workbook) pairs: P01... in a name-independent order, or names when asked."""
    ordered = sorted(valid, key=lambda entry: _order_key(entry[0]))
    out = []
    for number, (name, workbook) in enumerate(ordered, start=1):
        if names:
            label = workbook.profile.display_name(names=True) or f"P{number:02d}"
            if workbook.profile.institution.strip():
                label = f"{label} ({workbook.profile.institution.strip()})"
        else:
            label = f"P{number:02d}"
        out.append((label, workbook))
    return out


PAGE_CSS = """
body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
table.ep-table{border-collapse:collapse;margin:0.5em 0}
.ep-table th,.ep-table td{border:1px solid #bbb;padding:0.25em 0.6em;text-align:left;vertical-align:top}
.ep-table th{background:#f2f2f2}
.invalid td{color:#8a3b00}
"""


def dashboard_html(collected: Collected, *, names: bool = False, lang: str = "en") -> str:
    lang = i18n.normalise(lang)
    labelled = labels_for(collected.valid, names=names)
    total = len(labelled)
    parts = [f"<h1>{html.escape(i18n.t('dash.title', lang))}</h1>",
             f"<p>{html.escape(i18n.t('dash.named' if names else 'dash.anonymised', lang))}</p>",
             f"<p>{html.escape(i18n.t('dash.counts', lang, valid=total, invalid=len(collected.invalid)))}</p>"]
    if collected.invalid:
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(reason)}</td></tr>"
                       for name, reason in collected.invalid)
        parts.append(f"<h2>{html.escape(i18n.t('dash.invalid', lang))}</h2>"
                     f'<table class="ep-table invalid"><thead><tr><th>{html.escape(i18n.t("dash.file", lang))}</th>'
                     f"<th>{html.escape(i18n.t('dash.reason', lang))}</th></tr></thead><tbody>{rows}</tbody></table>")
    if not labelled:
        parts.append(f"<p>{html.escape(i18n.t('dash.none', lang))}</p>")
    else:
        titles = {spec.key: i18n.t(spec.title_key, lang) for spec in sections.all_sections()}
        overview = tuple((label, ", ".join(titles[k] for k in titles if k in wb.sections and k != "profile") or "–")
                         for label, wb in labelled)
        blocks = [Table(header=(i18n.t("readiness.dash.participant", lang), i18n.t("dash.sections_done", lang)),
                        rows=overview)]
        parts.append(f"<h2>{html.escape(i18n.t('dash.participants', lang))}</h2>")
        parts.append(blocks_html(blocks))
        first_figure = True
        network = network_blocks(labelled, lang, names=names)  # Session 12: who the group names
        parts.append(blocks_html(network, first_plotlyjs=first_figure))
        first_figure = first_figure and not any(isinstance(b, Figure) for b in network)
        for spec in sections.all_sections():
            if spec.key == "profile":
                continue
            entries = [(label, wb.sections[spec.key]) for label, wb in labelled
                       if spec.key in wb.sections and not spec.empty(wb.sections[spec.key])]
            if not entries:
                continue
            parts.append(f"<h2>{html.escape(titles[spec.key])}</h2>")
            parts.append(f"<p>{html.escape(i18n.t('dash.section_count', lang, n=len(entries), total=total))}</p>")
            if spec.aggregate is not None:
                section_blocks = spec.aggregate(entries, lang)
                has_figure = any(isinstance(b, Figure) for b in section_blocks)
                parts.append(blocks_html(section_blocks, first_plotlyjs=first_figure))
                first_figure = first_figure and not has_figure
    parts.append(f"<p><small>{html.escape(i18n.t('dash.offline', lang))}</small></p>")
    title = html.escape(i18n.t("dash.title", lang))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{PAGE_CSS}</style>\n'
            f"</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n")


def write_dashboard(folder: str | Path, out: str | Path, *, names: bool = False, lang: str = "en") -> Collected:
    from eparticipation.workbook.safety import atomic_write_text

    collected = collect(folder)
    atomic_write_text(Path(out), dashboard_html(collected, names=names, lang=lang))
    return collected
