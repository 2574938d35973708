"""The Sphinx extension serves plotly.js and the widget renderer from the site, and isolates answers."""

from __future__ import annotations

import os
from types import SimpleNamespace

from eparticipation.book import sphinx_offline
from eparticipation.paths import WORKBOOK_ENV


def fake_app(tmp_path):
    added = []
    return SimpleNamespace(
        builder=SimpleNamespace(format="html"), outdir=str(tmp_path),
        add_js_file=lambda name, **kw: added.append((name, kw)), added=added,
    )


def test_assets_are_copied_into_the_output_static_folder(tmp_path):
    app = fake_app(tmp_path)
    sphinx_offline.copy_offline_assets(app)
    static = tmp_path / "_static"
    assert (static / "plotly.min.js").stat().st_size == sphinx_offline.PLOTLY_JS.stat().st_size
    assert (static / "widgets" / "embed.js").stat().st_size > 1_000_000
    assert list((static / "widgets").glob("*.woff2")), "embed.js needs its fonts next to it"


def test_missing_widget_renderer_is_reported_clearly(tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(sphinx_offline, "WIDGETS_DIST", tmp_path / "nowhere")
    monkeypatch.setattr(sphinx_offline.logger, "warning", lambda msg, *a: warnings.append(msg % a))
    sphinx_offline.copy_offline_assets(fake_app(tmp_path / "out"))
    assert warnings and "python workshop.py install" in warnings[0] and "npm" in warnings[0]


def test_plotly_is_added_only_to_pages_with_a_chart(tmp_path):
    app = fake_app(tmp_path)
    sphinx_offline.add_plotly_to_chart_pages(app, "intro", "page.html", {"body": "<p>text</p>"}, None)
    assert app.added == []
    sphinx_offline.add_plotly_to_chart_pages(app, "nb", "page.html", {"body": '<div class="plotly-graph-div">'}, None)
    assert [name for name, _ in app.added] == [None, "plotly.min.js"]


def test_a_build_never_uses_the_participant_workbook(monkeypatch):
    monkeypatch.setenv(WORKBOOK_ENV, "/home/someone/eparticipation-workbook")
    sphinx_offline.use_demo_workbook()
    assert "eparticipation-demo-workbook-" in os.environ[WORKBOOK_ENV]


def test_exercise_pages_say_they_need_a_live_kernel(tmp_path):
    app = fake_app(tmp_path)
    exercise = {"body": "<form/>"}
    sphinx_offline.mark_exercise_pages(app, "exercises/s00-getting-started", "page.html", exercise, None)
    assert exercise["body"].startswith(sphinx_offline.LIVE_KERNEL_NOTE) and "rocket button" in exercise["body"]
    notebook = {"body": "<p/>"}
    sphinx_offline.mark_exercise_pages(app, "notebooks/s00-getting-started", "page.html", notebook, None)
    assert notebook["body"] == "<p/>"


def test_plotly_is_added_when_the_chart_sits_in_widget_state(tmp_path, monkeypatch):
    from myst_nb.sphinx_ import NbMetadataCollector

    state = {"ipywidgets_state": (None, {"type": "application/vnd.jupyter.widget-state+json",
                                         "body": '{"outputs": "<div class=\\"plotly-graph-div\\">"}'})}
    monkeypatch.setattr(NbMetadataCollector, "get_js_files", classmethod(lambda cls, env, name: state))
    app = fake_app(tmp_path)
    app.env = object()
    sphinx_offline.add_plotly_to_chart_pages(app, "exercises/s02", "page.html", {"body": "<p/>"}, None)
    assert "plotly.min.js" in [name for name, _ in app.added]


def test_compacting_widget_state_drops_only_unset_layout_and_style_values():
    import json

    state = {"version_major": 2, "state": {
        "a": {"model_name": "LayoutModel", "state": {"width": "13em", "height": None, "display": None}},
        "b": {"model_name": "ToggleButtonsStyleModel", "state": {"button_width": "auto", "font_weight": None}},
        "c": {"model_name": "HTMLModel", "state": {"value": "<script>x()</script>", "placeholder": None}},
    }}
    body = json.dumps(state).replace("</script>", r"<\/script>")
    compact = sphinx_offline.compact_widget_state(body)
    assert "</script>" not in compact  # still safe inside the page's <script> element
    result = json.loads(compact)["state"]
    assert result["a"]["state"] == {"width": "13em"}
    assert result["b"]["state"] == {"button_width": "auto"}
    assert result["c"]["state"] == {"value": "<script>x()</script>", "placeholder": None}
    assert len(compact) < len(body)
