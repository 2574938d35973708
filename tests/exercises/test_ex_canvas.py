import ipywidgets as w

from eparticipation import i18n
from eparticipation.exercises.canvas import StrategyCanvas, canvas_html, strategy_canvas
from eparticipation.exercises.readiness import ReadinessExercise


def test_empty_workbook(store):
    html = canvas_html(store, "en")
    assert i18n.t("canvas.empty", "en") in html
    assert "Readiness self-assessment" in html  # listed as not started


def test_sections_appear_in_order_and_text_is_escaped(store):
    store.save("profile", {"alias": "<script>x</script>", "institution": "Nazirlik"})
    store.save("readiness", {"items": {"legal_access": {"legislation": "no", "policy": "no"}}})
    html = canvas_html(store, "en")
    assert html.index("Your workbook profile") < html.index("Readiness self-assessment")
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert "Legal framework 0%" in html  # the chart's text summary


def test_a_newly_registered_section_appears_automatically(store, notes_section):
    store.save("zz_notes", {"text": "Later chapter's answer"})
    assert "Later chapter&#x27;s answer" in canvas_html(store, "en")


def test_canvas_widget_refreshes(store):
    canvas = StrategyCanvas(store)
    assert isinstance(strategy_canvas(store), w.VBox)
    ReadinessExercise(store).fields["skills_training:policy"].value = "yes"
    assert "Staff are trained" not in canvas.body.value
    canvas.refresh_button.click()
    assert "Staff are trained" in canvas.body.value


def test_damaged_section_is_flagged(store):
    store.save("profile", {"alias": "A"})
    (store.folder / "profile.json").write_text("{", encoding="utf-8")
    assert "⚠" in canvas_html(store, "en")
