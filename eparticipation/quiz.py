"""Self-check quizzes that work everywhere: in JupyterLab, and on the static site with no kernel.

A quiz is a list of questions in `eparticipation/quizzes/<session-id>.yml`. Each is shown with its
options; the answer and the reason sit in a closed <details> block the reader opens after choosing.
No JavaScript and no kernel are needed, and the output is the same on every run (nbval checks it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources

import yaml

from eparticipation.errors import CourseDataError

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Question:
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    why: str


def parse_quiz(raw: list, source: str) -> list[Question]:
    """Questions from the YAML list, refusing a question without a valid answer or an explanation."""
    questions = []
    for n, item in enumerate(raw or [], start=1):
        options = tuple(str(o) for o in item.get("options") or ())
        answer = item.get("answer")
        if len(options) < 2:
            raise CourseDataError("a question needs at least two options", file=source, row=n, column="options")
        if not isinstance(answer, int) or not 0 <= answer < len(options):
            raise CourseDataError(
                f"answer must be the number of the right option, 0 to {len(options) - 1}", file=source, row=n, column="answer"
            )
        if not str(item.get("why", "")).strip():
            raise CourseDataError("every answer needs an explanation", file=source, row=n, column="why")
        questions.append(Question(str(item["prompt"]), options, answer, str(item["why"]).strip()))
    if not questions:
        raise CourseDataError("the quiz has no questions", file=source)
    return questions


def load_quiz(session_id: str) -> list[Question]:
    name = f"{session_id}.yml"
    path = resources.files("eparticipation.quizzes") / name
    if not path.is_file():
        raise CourseDataError(f"there is no quiz for session {session_id!r}", file=f"eparticipation/quizzes/{name}")
    return parse_quiz(yaml.safe_load(path.read_text(encoding="utf-8")), f"eparticipation/quizzes/{name}")


def quiz_html(questions: list[Question]) -> str:
    """The quiz as HTML; every piece of text is escaped."""
    e = html.escape
    parts = ['<div class="course-quiz">']
    for n, q in enumerate(questions, start=1):
        items = "".join(f"<li><strong>{LETTERS[i]}.</strong> {e(o)}</li>" for i, o in enumerate(q.options))
        parts.append(
            f"<p><strong>Question {n}.</strong> {e(q.prompt)}</p>"
            f'<ul style="list-style:none">{items}</ul>'
            f"<details><summary>Show the answer to question {n}</summary>"
            f"<p><strong>{LETTERS[q.answer]}. {e(q.options[q.answer])}</strong> — {e(q.why)}</p></details>"
        )
    parts.append("</div>")
    return "".join(parts)


class Quiz:
    """Displays as HTML in a notebook; the plain-text form keeps the answers hidden too."""

    def __init__(self, questions: list[Question]) -> None:
        self.questions = questions

    def _repr_html_(self) -> str:
        return quiz_html(self.questions)

    def __repr__(self) -> str:
        return f"Self-check quiz: {len(self.questions)} questions"


def show_quiz(session_id: str) -> Quiz:
    """The quiz of a session, ready to display as a cell's result."""
    return Quiz(load_quiz(session_id))
