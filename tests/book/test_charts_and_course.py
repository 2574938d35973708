"""Chart theme and renderer, chart builders with their text summaries, quizzes and course set-up."""

from __future__ import annotations


import plotly.io as pio
import pytest

from eparticipation import charts, course
from eparticipation.analysis.survey_trends import country_profile, country_rows, falls, largest_change, peer_series
from eparticipation.charts import maps
from eparticipation.data import EGOV_ATTRIBUTION, load_egov_panel
from eparticipation.errors import CourseDataError
from eparticipation.quiz import Quiz, load_quiz, parse_quiz, quiz_html


@pytest.fixture(scope="module")
def panel():
    return load_egov_panel()


def test_setup_makes_figures_render_for_lab_and_for_the_book_without_plotly_js():
    charts.setup()
    assert pio.renderers.default == "plotly_mimetype+course_html"
    bundle = pio.renderers._build_mime_bundle(charts.go.Figure(charts.go.Scatter(x=[1], y=[2])).to_dict())
    assert "application/vnd.plotly.v1+json" in bundle
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()
    assert len(html) < 20_000, "plotly.js must not be inlined into every chart"


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_figure_html_has_a_stable_id_unless_asked_to_inline_plotly():
    fig = charts.go.Figure(charts.go.Bar(x=["a"], y=[1]))
    first, second = charts.figure_html(fig), charts.figure_html(fig)
    assert first == second and 'id="chart-' in first
    assert len(charts.figure_html(fig, include_plotlyjs=True)) > 1_000_000


def test_azerbaijan_profile_matches_the_data(panel):
    table = country_profile(panel, "AZE")
    assert list(table.index) == [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
    assert table.loc[2024, "EGDI"] == pytest.approx(0.76073)
    assert table.loc[2022, "EPI"] == pytest.approx(0.3864)
    assert table.loc[2020, "EPI rank (computed by the course)"] == 73


def test_largest_change_finds_the_2014_rise_and_2022_fall(panel):
    assert largest_change(panel, "AZE", "epi") == {"rise": (2012, 2014, 0.3), "fall": (2020, 2022, -0.304)}


def test_falls_lists_every_dip_of_a_rising_line(panel):
    """Azerbaijan's EGDI rose overall from 2003 to 2024 but dipped three times (the s00 notebook says so)."""
    dips = falls(panel, "AZE", "egdi")
    assert list(zip(dips["from"], dips["to"])) == [(2004, 2005), (2008, 2010), (2020, 2022)]
    assert (dips["change"] < 0).all() and dips["change"].min() > -0.02  # all small
    assert list(falls(panel, "AZE", "epi")["to"])[-1] == 2022


def test_unknown_country_is_refused_with_a_fix(panel):
    with pytest.raises(CourseDataError) as caught:
        country_rows(panel, "AZR")
    assert "AZR" in str(caught.value) and "AZE" in str(caught.value)


def test_trend_chart_has_source_and_summary(panel):
    chart = charts.index_trend_chart(country_rows(panel, "AZE"), country="Azerbaijan", source=EGOV_ATTRIBUTION)
    assert [t.name for t in chart.figure.data] == [charts.INDEX_NAMES["egdi"], charts.INDEX_NAMES["epi"]]
    assert chart.figure.layout.annotations[0].text.replace("<br>", " ") == EGOV_ATTRIBUTION
    assert "EPI went from 0.017 in 2003 to 0.493 in 2024, highest 0.691 in 2020" in chart.summary
    assert chart.figure.data[0].line.dash != chart.figure.data[1].line.dash  # readable in greyscale


def test_comparison_chart_orders_summary_by_latest_value(panel):
    frame = peer_series(panel, ["AZE", "GEO"], "epi")
    chart = charts.comparison_chart(frame, index="epi", source=EGOV_ATTRIBUTION, highlight="Azerbaijan")
    assert frame["year"].min() == 2008
    assert "Georgia 0.562, Azerbaijan 0.493" in chart.summary
    widths = {t.name: t.line.width for t in chart.figure.data}
    assert widths["Azerbaijan"] > widths["Georgia"]


def test_region_map_draws_every_region_without_a_base_map():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    two = {"type": "MultiPolygon", "coordinates": [[[[2, 0], [3, 0], [3, 1], [2, 0]]], [[[4, 0], [5, 0], [5, 1], [4, 0]]]]}
    geo = {"features": [{"properties": {"n": "A"}, "geometry": square}, {"properties": {"n": "B"}, "geometry": two}]}
    chart = maps.region_map(geo, {"A": 10.0, "B": 30.0}, name_property="n", title="T", value_label="%", source="S")
    filled = [t for t in chart.figure.data if t.fill == "toself"]
    assert len(filled) == 3 and {t.name for t in filled} == {"A", "B"}
    assert filled[0].fillcolor == charts.SEQUENTIAL[0] and filled[1].fillcolor == charts.SEQUENTIAL[-1]
    assert not any(t.type in ("choropleth", "scattergeo", "choroplethmap") for t in chart.figure.data)
    assert "B 30.0; A 10.0" in chart.summary


def test_course_chart_displays_figure_then_summary(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    chart = charts.CourseChart(charts.go.Figure(), "A summary.")
    chart._ipython_display_()
    assert shown[0] is chart.figure and "A summary." in shown[1].data


def test_quiz_hides_answers_and_escapes_text():
    questions = parse_quiz([{"prompt": "<b>Q</b>?", "options": ["x", "<script>y</script>"], "answer": 1, "why": "w & z"}], "q.yml")
    html = quiz_html(questions)
    assert "<script>" not in html and "&lt;script&gt;" in html and "w &amp; z" in html
    assert html.index("<details>") < html.index("B. &lt;script&gt;y&lt;/script&gt;</strong>")
    assert repr(Quiz(questions)) == "Self-check quiz: 1 questions"


@pytest.mark.parametrize(
    "raw, message",
    [
        ([{"prompt": "p", "options": ["a"], "answer": 0, "why": "w"}], "at least two options"),
        ([{"prompt": "p", "options": ["a", "b"], "answer": 2, "why": "w"}], "answer must be"),
        ([{"prompt": "p", "options": ["a", "b"], "answer": 0, "why": " "}], "explanation"),
        ([], "no questions"),
    ],
)
def test_broken_quiz_is_refused_clearly(raw, message):
    with pytest.raises(CourseDataError, match=message):
        parse_quiz(raw, "q.yml")


def test_session0_quiz_loads_and_unknown_quiz_is_refused():
    assert len(load_quiz("s00-getting-started")) == 4
    with pytest.raises(CourseDataError, match="no quiz"):
        load_quiz("s99-none")


def test_workbook_location_is_machine_independent_in_demo_runs(monkeypatch, tmp_path):
    monkeypatch.setenv(course.DEMO_ENV, "1")
    assert "demonstration run" in course.workbook_location()
    monkeypatch.setenv(course.DEMO_ENV, "0")
    monkeypatch.setenv("EPARTICIPATION_WORKBOOK", str(tmp_path / "wb"))
    assert str(tmp_path / "wb") in course.workbook_location()


def test_course_errors_show_as_a_message_not_a_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    course.setup()
    assert CourseDataError in shell.custom_exceptions
    shell.run_cell("from eparticipation.errors import CourseDataError\n"
                   "raise CourseDataError('no such file', file='votes.csv', fix='Check the name.')")
    shown = capsys.readouterr()
    assert "Problem: " in shown.err and "votes.csv" in shown.err and "Check the name." in shown.err
    assert "Traceback" not in shown.out + shown.err


def test_show_in_writes_a_stable_chart_and_its_summary_into_an_output(panel):
    import ipywidgets as widgets

    chart = charts.index_trend_chart(country_rows(panel, "AZE"), country="Azerbaijan", source=EGOV_ATTRIBUTION)
    first, second = widgets.Output(), widgets.Output()
    chart.show_in(first)
    chart.show_in(second)
    assert first.outputs == second.outputs  # no random chart id in saved widget state
    figure, summary = first.outputs
    assert "application/vnd.plotly.v1+json" in figure["data"] and 'id="chart-' in figure["data"]["text/html"]
    assert "Plotly.newPlot" in figure["data"]["text/html"] and len(figure["data"]["text/html"]) < 20_000
    assert chart.summary in summary["data"]["text/markdown"]
