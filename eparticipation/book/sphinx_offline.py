"""Sphinx extension: the built book works with no internet at all.

- copies plotly.js from the installed plotly into `<site>/_static/` once per build and adds it only to
  pages that hold a chart (never inlined per page, never from a CDN);
- copies the ipywidgets 8 snapshot renderer (npm `@jupyter-widgets/html-manager`, `embed.js` and its
  fonts) into `<site>/_static/widgets/`; `_config.yml` points myst-nb's `nb_ipywidgets_js` at it;
- drops the unset properties of saved widget layouts and styles, so exercise pages stay light;
- tells readers of every exercise page that its form is a still picture and how to open it live;
- points notebook execution at a throw-away demo workbook, so a build never reads or writes a
  participant's real answers;
- works around a Sphinx 7 bug that emits body-only scripts twice (fixed upstream in Sphinx 8.2).

Files are written straight into the output's `_static/`: Jupyter Book adds every .js/.css found in a
*source* `_static/` folder to every page, which would load 6 MB of JavaScript on text-only pages.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import plotly
import sphinx
from sphinx.util import logging

from eparticipation.book.notebooks import demo_environment
from eparticipation.paths import REPO_ROOT

logger = logging.getLogger(__name__)

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDGETS_DIST = REPO_ROOT / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
WIDGET_FILES = ("embed.js", "embed.js.LICENSE.txt")
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")
CHART_MARKER = "plotly-graph-div"


def copy_offline_assets(app) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PLOTLY_JS, static / "plotly.min.js")
    if not (WIDGETS_DIST / "embed.js").is_file():
        logger.warning(
            "The widget renderer is missing (%s), so exercise widgets will show as plain text in the "
            "built book. Run `python workshop.py install` (it needs Node.js and npm) and build again.",
            WIDGETS_DIST / "embed.js",
        )
        return
    target = static / "widgets"
    target.mkdir(exist_ok=True)
    # embed.js finds its fonts next to itself (webpack publicPath = the script's own folder).
    for item in WIDGETS_DIST.iterdir():
        if item.name in WIDGET_FILES or item.suffix in FONT_SUFFIXES:
            shutil.copy2(item, target / item.name)


LIVE_KERNEL_NOTE = (
    '<div class="admonition important live-kernel-note"><p class="admonition-title">This exercise needs '
    "JupyterLab</p><p>On this website the exercise form below is a still picture: it cannot save "
    "answers. To fill it in, open this page in JupyterLab with the rocket button at the top of the page "
    "(the workshop's JupyterHub, or Binder), or run <code>python workshop.py lab</code> on your own "
    "computer. Your answers are then kept in your own workbook folder.</p></div>"
)


def mark_exercise_pages(app, pagename, templatename, context, doctree) -> None:
    """Every exercise page says, before its frozen form, that saving answers needs a live kernel."""
    if pagename.startswith("exercises/") and "body" in context:
        context["body"] = LIVE_KERNEL_NOTE + context["body"]


WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def compact_widget_state(body: str) -> str:
    """The saved widget state without the unset (null) properties of layout and style models.

    Every control carries its own layout and style model, most of whose properties are null, which
    is also the JavaScript default: dropping them changes nothing on screen and halves the weight of
    an exercise page with many controls.
    """
    state = json.loads(body)
    for model in state.get("state", {}).values():
        if model.get("model_name", "").endswith(("LayoutModel", "StyleModel")):
            model["state"] = {k: v for k, v in model.get("state", {}).items() if v is not None}
    # As myst-nb does: a "</script>" inside the JSON would end the page's script element early.
    return json.dumps(state, separators=(",", ":")).replace("</script>", r"<\/script>")


def compact_widget_pages(app, pagename, templatename, context, doctree) -> None:
    """Runs before myst-nb hands the page's widget state to the page."""
    from myst_nb.sphinx_ import NbMetadataCollector

    try:
        scripts = NbMetadataCollector.get_js_files(app.env, pagename)
    except (AttributeError, KeyError):  # not a notebook page
        return
    for _, options in scripts.values():
        if options.get("type") == WIDGET_STATE_TYPE and not options.get("data-compacted"):
            options["body"] = compact_widget_state(options["body"])
            options["data-compacted"] = "1"  # the environment is kept between builds


def page_has_chart(app, pagename: str, context: dict) -> bool:
    """A chart in the page body, or inside an exercise widget's saved state (kept out of the body)."""
    if CHART_MARKER in (context.get("body") or ""):
        return True
    from myst_nb.sphinx_ import NbMetadataCollector

    try:
        scripts = NbMetadataCollector.get_js_files(app.env, pagename)
    except (AttributeError, KeyError):  # not a notebook page
        return False
    return any(CHART_MARKER in str(options.get("body", "")) for _, options in scripts.values())


def add_plotly_to_chart_pages(app, pagename, templatename, context, doctree) -> None:
    if page_has_chart(app, pagename, context):
        # MathJaxConfig 'local' stops plotly.js from asking a CDN for MathJax.
        app.add_js_file(None, body="window.PlotlyConfig = {MathJaxConfig: 'local'};", priority=400)
        app.add_js_file("plotly.min.js", priority=401)


def use_demo_workbook() -> None:
    """Executed notebooks save into a fresh temporary folder, never a participant's workbook."""
    os.environ.update(demo_environment())


def _emit_inline_scripts_once(app) -> None:
    # Sphinx < 8.2 registers a body-only script under both None and '' and so writes it twice;
    # with sphinx-thebe that is a SyntaxError on every page (sphinx-doc/sphinx#13402).
    if sphinx.version_info >= (8, 2):
        return
    original = app.add_js_file

    def add_js_file(filename, *args, **kwargs):
        return original("" if filename is None else filename, *args, **kwargs)

    app.add_js_file = add_js_file


def setup(app):
    use_demo_workbook()
    _emit_inline_scripts_once(app)
    app.connect("builder-inited", copy_offline_assets)
    app.connect("html-page-context", compact_widget_pages, priority=400)
    app.connect("html-page-context", mark_exercise_pages)
    app.connect("html-page-context", add_plotly_to_chart_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
