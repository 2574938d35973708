"""Session 8: the feedback charts and the "you said, we did" report generated from the sample."""

import dataclasses
import re

import plotly.graph_objects as go
import pytest

from eparticipation.analysis.consultation import answered_within_curve, open_working_days, response_standard
from eparticipation.charts import PALETTE
from eparticipation.charts.feedback import group_label, response_curve_chart, response_rates_chart
from eparticipation.data import load_sample_consultation
from eparticipation.reports.feedback import feedback_report


@pytest.fixture(scope="module")
def sample():
    return load_sample_consultation()


def test_curve_chart_draws_both_shares_and_says_the_numbers(sample):
    s = sample.submissions
    chart = response_curve_chart(answered_within_curve(s), standard_days=15, open_days=open_working_days(s))
    go.Figure(chart.figure)  # validates
    assert [t.line.dash for t in chart.figure.data] == ["solid", "dash"]
    assert [t.line.color for t in chart.figure.data] == PALETTE[:2]
    assert "Within 15 working days, 33% of the published submissions had an answer (83% of those" in chart.summary
    assert "open for 30 working days" in chart.summary and "SYNTHETIC" in chart.summary and "ASSUMED" in chart.summary


def test_rates_chart_stacks_three_patterned_parts_per_group(sample):
    table = response_standard(sample.submissions_with_participants(), 15, by="channel")
    chart = response_rates_chart(table, by="channel", standard_days=15)
    assert [t.marker.pattern.shape for t in chart.figure.data] == ["", "/", "."]
    totals = sum(t.x[0] for t in chart.figure.data)
    assert totals == pytest.approx(100)
    first = table.iloc[0]
    assert chart.summary.startswith("By channel, highest share answered within the standard first. "
                                    f"{first['channel']}: {100 * first['within_standard_rate']:.0f}% within 15")
    assert list(chart.figure.data[0].y)[-1] == first["channel"]  # the best group is drawn at the top


def test_topics_get_their_titles():
    assert group_label("topic", "great_return") == "Great return to the liberated territories"
    assert group_label("channel", "email") == "email"


def test_report_is_labelled_synthetic_and_sums_up(sample):
    report = feedback_report(sample)
    text = re.sub(r"<[^>]+>", " ", report.fragment)
    assert "SYNTHETIC data: a made-up consultation" in text
    assert "15,000 submissions from 5,000 participants" in text
    assert "Of the 13,918 published submissions, 40% were answered and 33% within the standard" in text
    assert "Evaluating" in text and "Not answered" in text
    assert "Not in the data: the decision" in text
    assert report._repr_html_() == report.fragment
    assert "<script" not in report.fragment and "http" not in report.fragment  # offline, no script


def test_report_escapes_every_text_from_the_data(sample):
    submissions = sample.submissions.copy()
    top = submissions.loc[submissions["submission_type"] == "proposal", "support_votes"].idxmax()
    submissions.loc[top, "text"] = "<script>alert('x')</script> & <b>bold</b>"
    submissions["channel"] = submissions["channel"].cat.rename_categories(
        {"email": "e<mail>"})
    report = feedback_report(dataclasses.replace(sample, submissions=submissions))
    assert "<script>alert" not in report.fragment and "<b>bold" not in report.fragment
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in report.fragment
    assert "e<mail>" not in report.fragment


def test_report_standard_is_checked_and_page_saves(sample, tmp_path):
    with pytest.raises(ValueError):
        feedback_report(sample, standard_days=0)
    report = feedback_report(sample, standard_days=10)
    assert "Within 10 working days" in report.fragment
    path = report.save(tmp_path / "feedback.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>You said, we did: SYNTHETIC sample" in page


def test_headings_nest_under_the_notebook_and_start_at_h1_on_a_page(sample):
    report = feedback_report(sample)
    assert re.findall(r"<h(\d)", report.fragment) == ["3", "4", "4", "4", "4"]
    assert re.findall(r"<h(\d)", report.page) == ["1", "2", "2", "2", "2"]
