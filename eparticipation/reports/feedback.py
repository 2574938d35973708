"""A "you said, we did" feedback report generated from a consultation's data (Session 8).

It summarises what people said (topics, channels, counts) and what happened to it (status at the
export date, response times against a standard), and shows a few submissions as "you said / what
happened" entries. Tables and text only: the page opens offline, prints well and needs no script.
Every text taken from the data (submission texts, names of channels and regions) is HTML-escaped.

The sample records whether and when a submission was answered, not the decision: the report leaves
the decision and its reason as the place a real report must fill, and says so.

Notebook::

    from eparticipation.reports.feedback import feedback_report
    feedback_report(load_sample_consultation())
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eparticipation.analysis.consultation import (
    LOOP_STATUSES, loop_status, loop_status_by, open_working_days, response_standard, topic_summary,
    working_days_to_response)
from eparticipation.charts.feedback import SAMPLE_NOTE, group_label
from eparticipation.data.consultation import Consultation

STATUS_TEXT = {  # status -> (what the participant sees, Decidim's nearest public status)
    "answered": ("Answered before the export date", "Accepted or Rejected, with the answer's text "
                 "(the sample does not record which)"),
    "being_considered": ("Answer sent after the export date", "Evaluating"),
    "not_answered": ("No answer", "Not answered"),
    "not_published": ("Not published (moderated out or still waiting for moderation)",
                      "none: moderation hides it; it is not an answer status"),
}
_STYLE = """
.ep-fr{font-family:'DejaVu Sans',Arial,sans-serif;color:#222;line-height:1.45;max-width:1000px}
.ep-fr h1,.ep-fr h3{font-size:1.4rem;margin:.3rem 0}.ep-fr h2,.ep-fr h4{font-size:1.1rem;margin-top:1.4rem;border-bottom:1px solid #ccc}
.ep-fr table{border-collapse:collapse;margin:.4rem 0;font-size:.92rem}
.ep-fr th,.ep-fr td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
.ep-fr th{background:#f2f2f2}.ep-fr td.num{text-align:right;white-space:nowrap}
.ep-fr .synthetic{border:2px solid #D55E00;padding:.4rem .7rem;font-weight:bold}
.ep-fr .gap{color:#555;font-style:italic}.ep-fr footer{font-size:.85rem;color:#555;border-top:1px solid #ccc;margin-top:1.2rem}
"""


@dataclass(frozen=True, repr=False)
class FeedbackReport:
    """The report as an HTML fragment (shown in a notebook) and as a self-contained page (`page`)."""

    fragment: str
    title: str

    def _repr_html_(self) -> str:
        return self.fragment

    def __repr__(self) -> str:  # the plain-text view: a line, not the whole HTML
        return f"Feedback report: {self.title} (use .save('feedback.html') to write it as a page)"

    @property
    def page(self) -> str:
        # In a notebook the report sits under the notebook's own headings (h3, h4); on its own page it
        # starts at h1. Every text from the data is escaped, so the only heading tags are the report's.
        body = re.sub(r"<(/?)h([34])", lambda m: f"<{m[1]}h{int(m[2]) - 2}", self.fragment)
        return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<title>{html.escape(self.title)}</title></head><body>\n{body}\n</body></html>\n")

    def save(self, path: str | Path) -> Path:
        from eparticipation.workbook.safety import atomic_write_text

        path = Path(path)
        atomic_write_text(path, self.page)
        return path


def _e(value) -> str:
    return html.escape(str(value))


def _pct(share: float) -> str:
    return "–" if pd.isna(share) else f"{100 * share:.0f}%"


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """Rows of already-escaped cells; columns in `numeric` align right."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _what_was_said(consultation: Consultation) -> str:
    s = consultation.submissions
    topics = topic_summary(s)
    rows = [[_e(group_label("topic", r.topic)), f"{r.submissions:,}", _pct(r.share), f"{r.participants:,}",
             _pct(getattr(r, "stance_support", float("nan"))), _pct(getattr(r, "stance_concern", float("nan")))]
            for r in topics.itertuples()]
    kinds = s["submission_type"].value_counts()
    kinds_text = ", ".join(f"{n:,} {_e(kind)}s" for kind, n in kinds.items() if n)
    channels = s["channel"].value_counts()
    return ("<h4>What you said</h4>"
            f"<p>{len(s):,} submissions from {s['participant_id'].nunique():,} participants between "
            f"{s['submitted_at'].min():%d %B %Y} and {s['submitted_at'].max():%d %B %Y}, through "
            f"{int((channels > 0).sum())} channels ({kinds_text}).</p>"
            + _table(["Topic", "Submissions", "Share", "Participants", "Supportive", "Raising a concern"], rows,
                     {1, 2, 3, 4, 5}))


def _what_happened(consultation: Consultation, standard_days: int) -> str:
    s = consultation.submissions
    status = loop_status_by(s).iloc[0]
    rows = [[_e(STATUS_TEXT[k][0]), f"{int(status[k]):,}", _pct(status[f'share_{k}']), _e(STATUS_TEXT[k][1])]
            for k in LOOP_STATUSES]
    overall = response_standard(s, standard_days).iloc[0]
    by_topic = response_standard(s, standard_days, by="topic")
    topic_rows = [[_e(group_label("topic", r.topic)), f"{r.published:,}", _pct(r.response_rate),
                   _pct(r.within_standard_rate), f"{r.median_working_days:.0f}"] for r in by_topic.itertuples()]
    return ("<h4>What happened to it</h4>"
            "<p>Status of every submission on the date the data was exported, and the nearest public status in "
            "Decidim, the platform used by Barcelona. A withdrawn proposal (taken back by its author) has no "
            "counterpart in the sample.</p>"
            + _table(["Status", "Submissions", "Share of all submissions", "Nearest Decidim status"], rows, {1, 2})
            + f"<p><strong>Response standard: {standard_days} working days.</strong> Of the "
              f"{int(overall['published']):,} published submissions, {_pct(overall['response_rate'])} were answered "
              f"and {_pct(overall['within_standard_rate'])} within the standard; the median answer took "
              f"{overall['median_working_days']:.0f} working days. The consultation was open for "
              f"{open_working_days(s)} working days.</p>"
            + _table(["Topic", "Published", "Answered", f"Within {standard_days} working days",
                      "Median working days"], topic_rows, {1, 2, 3, 4}))


def _examples(consultation: Consultation, per_status: int) -> str:
    """The most-supported proposals in each published status, as "you said / what happened" entries."""
    s = consultation.submissions
    frame = s.assign(status=loop_status(s), days=working_days_to_response(s))
    frame = frame[(frame["submission_type"] == "proposal") & (frame["status"] != "not_published")]
    frame = frame.sort_values(["support_votes", "submission_id"], ascending=[False, True], kind="stable")
    rows = []
    for key in LOOP_STATUSES[:3]:
        for r in frame[frame["status"] == key].head(per_status).itertuples():
            happened = STATUS_TEXT[key][0]
            if key == "answered":
                happened += f" after {r.days:.0f} working days ({r.response_date:%d %B %Y})"
            rows.append([f"#{r.submission_id}", _e(r.text), f"{_e(group_label('topic', r.topic))}; {_e(r.channel)}; "
                         f"{r.support_votes} supports", _e(happened),
                         "<span class='gap'>Not in the data: the decision (accepted, changed or rejected), its "
                         "reason and who decided.</span>"])
    return ("<h4>You said, we did: the most-supported proposals</h4>"
            + _table(["#", "You said", "Topic; channel; support", "What happened", "We did"], rows))


def feedback_report(consultation: Consultation, *, standard_days: int = 15, examples: int = 2) -> FeedbackReport:
    """The feedback report of a consultation: what was said, what happened to it, example entries."""
    if standard_days < 1:
        raise ValueError("the response standard must be at least 1 working day")
    title = f"You said, we did: {consultation.title}"
    parts = [
        f"<style>{_STYLE}</style><div class='ep-fr'>",
        f"<h3>{_e(title)}</h3>",
        "<p class='synthetic'>SYNTHETIC data: a made-up consultation for training. No real person wrote these "
        "submissions and no institution answered them.</p>",
        _what_was_said(consultation),
        _what_happened(consultation, standard_days),
        _examples(consultation, examples),
        "<h4>What a real report adds</h4><p>For every proposal: the decision (accepted, accepted with changes, "
        "rejected), the reason in one or two sentences, who decided, and where the changed document can be read. "
        "Rejections need the reason most: it is what shows that a proposal was read.</p>",
        f"<footer><p>{_e(SAMPLE_NOTE)} Working days are Monday to Friday; public holidays are not removed.</p></footer>",
        "</div>",
    ]
    return FeedbackReport(fragment="\n".join(parts), title=title)
