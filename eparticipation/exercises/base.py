"""The exercise framework: one small base class that every exercise's widget builds on.

An exercise module has three parts, in this order (read `profile.py`, then `readiness.py`):

1. **Model**: a pydantic model of the answers (`eparticipation.workbook.models.Answers`) and a
   `SectionSpec` registered with `eparticipation.workbook.sections.register`.
2. **Rules**: pure functions `answers -> list[Feedback]`; each message explains *why*.
3. **Widget**: a subclass of `Exercise` that creates its fields with `add_text` / `add_choice`;
   the base loads the saved answers into them, validates on every committed change (messages
   next to the field), saves the section atomically, refreshes the feedback and the saved
   indicator, offers a reset that asks first, and adds the workbook tools (download, restore,
   share). An exercise with `offers_example` gets the part that shows its section's worked example
   (`SectionSpec.example`) and copies it into the form (`example_part`). Callbacks use only the exercise
   object, never notebook globals.

The notebook calls a one-line function, e.g. `profile_exercise()`, which returns the widget.
Only standard ipywidgets controls are used, so the book's static snapshots can show them.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
from typing import Any, ClassVar, Iterator

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from eparticipation import i18n
from eparticipation.reports.html import blocks_html
from eparticipation.workbook.sections import SectionSpec
from eparticipation.workbook.store import LoadResult, WorkbookStore
from eparticipation.worksheets.feedback import Feedback

LABEL_WIDTH = "13em"
_ICON = {"good": "✔", "tip": "ℹ", "warning": "⚠"}  # glyphs that DejaVu and Arial cover
_COLOUR = {"good": "#006b4f", "tip": "#0b4f7a", "warning": "#8a3b00"}  # dark, AA contrast on white


def feedback_html(items: list[Feedback], lang: str) -> str:
    """The feedback area's HTML; participant text inside parameters is escaped."""
    if not items:
        return ""
    rows = []
    for item in items:
        rows.append(
            f'<li class="ep-feedback ep-feedback-{item.level}" style="color:{_COLOUR[item.level]};'
            f'margin:0.2em 0">{_ICON[item.level]} {html.escape(item.text(lang))}</li>'
        )
    title = html.escape(i18n.t("feedback.title", lang))
    return f'<div class="ep-feedback-area"><strong>{title}</strong><ul style="list-style:none;padding-left:0.3em;margin:0.2em 0">{"".join(rows)}</ul></div>'


def _now() -> str:
    """Wall-clock time for the saved indicator (only ever shown after a participant's action)."""
    return _dt.datetime.now().strftime("%H:%M:%S")


def validation_messages(model: type[BaseModel], values: dict, lang: str) -> dict[str, str]:
    """Pure: {field name: message} for every value the model refuses (empty dict when valid)."""
    try:
        model.model_validate(values)
    except ValidationError as error:
        messages: dict[str, str] = {}
        for item in error.errors():
            loc = item.get("loc") or ("",)
            name = str(loc[0])
            kind = item.get("type", "")
            ctx = item.get("ctx") or {}
            if kind == "string_too_long":
                text = i18n.t("validation.too_long", lang, max=ctx.get("max_length", "?"))
            elif kind in ("literal_error", "enum"):
                text = i18n.t("validation.choice", lang)
            else:
                text = i18n.t("validation.invalid", lang)
            messages.setdefault(name, text)
        return messages
    return {}


def review_note_html(lang: str) -> str:
    """The "not yet reviewed by a native speaker" notice while the catalogues of `lang` are flagged."""
    note = i18n.review_note(lang)
    return (f'<p class="ep-review-note" style="border-left:4px solid #0b4f7a;padding:0.2em 0.6em;color:#0b4f7a">'
            f'<small>ℹ {html.escape(note)}</small></p>') if note else ""


class Exercise:
    """Base class of every exercise widget. Subclasses set `spec` and implement `build()`."""

    spec: ClassVar[SectionSpec]
    intro_key: ClassVar[str | None] = None
    # Fields that should be filled before export; empty ones get a gentle note, but still save.
    recommended: ClassVar[tuple[str, ...]] = ()
    # Day 3 exercises (no single right answer) offer their section's worked example; optional i18n keys
    # of a bold heading and an italic note shown above it.
    offers_example: ClassVar[bool] = False
    example_heading_key: ClassVar[str | None] = None
    example_note_key: ClassVar[str | None] = None

    def __init__(self, store: WorkbookStore | None = None, lang: str | None = None, *,
                 download_dir: str | None = None) -> None:
        self.store = store if store is not None else WorkbookStore()
        loaded: LoadResult = self.store.load(self.spec.key)
        self.answers: BaseModel = loaded.answers
        self.lang = i18n.normalise(lang or self.store.language())
        self.fields: dict[str, w.ValueWidget] = {}
        self.messages: dict[str, w.HTML] = {}
        self._labels: list[tuple[Any, str, str, dict]] = []
        self._options: list[tuple[Any, list[tuple[str, Any]]]] = []
        self._filling = False

        self.title = self._tr(w.HTML(), "value", self.spec.title_key, wrap="h3")
        self.intro = self._tr(w.HTML(), "value", self.intro_key, wrap="p") if self.intro_key else None
        self.load_note = w.HTML(value=self._load_note(loaded))
        self.review_note = w.HTML(value=review_note_html(self.lang))
        self.feedback = w.HTML()
        self.saved = w.Label(value=i18n.t("saved.loaded" if loaded.status == "loaded" else
                                          "saved.not_yet", self.lang))
        self.saved.add_class("ep-saved")
        self.feedback.add_class("ep-feedback")

        body = self.build()
        example = self.example_part()
        self.reset_button = self._tr(w.Button(icon="undo", layout=w.Layout(width="auto")), "description", "reset.button")
        self.reset_yes = self._tr(w.Button(button_style="danger", layout=w.Layout(width="auto")), "description",
                                  "reset.yes")
        self.reset_no = self._tr(w.Button(layout=w.Layout(width="auto")), "description", "reset.no")
        self.reset_button.add_class("ep-reset")
        self.reset_yes.add_class("ep-reset-yes")
        self.reset_no.add_class("ep-reset-no")
        self.reset_question = self._tr(w.Label(), "value", "reset.question")
        self.reset_confirm = w.HBox([self.reset_question, self.reset_yes, self.reset_no],
                                    layout=w.Layout(display="none"))
        self.reset_button.on_click(self.ask_reset)
        self.reset_yes.on_click(self.confirm_reset)
        self.reset_no.on_click(self.cancel_reset)

        from eparticipation.exercises.tools import WorkbookTools

        self.tools = WorkbookTools(self.store, self.lang, on_restored=self.reload, download_dir=download_dir)

        self.fill(self.answers)
        for widget in self.fields.values():
            widget.observe(self.on_change, names="value")
        self.refresh()

        parts: list[w.Widget] = [self.title]
        if self.intro is not None:
            parts.append(self.intro)
        parts += [self.review_note, self.load_note, *body, self.feedback, *self.extra_views(), *example,
                  w.HBox([self.saved, self.reset_button]), self.reset_confirm, self.tools.widget]
        self.widget = w.VBox(parts)
        self.widget.add_class("ep-exercise")
        self.widget.add_class(f"ep-exercise-{self.spec.key}")

    # -- for subclasses --------------------------------------------------------------------------
    def build(self) -> list[w.Widget]:
        """Create the fields (with `add_text`, `add_choice`) and return the rows to show."""
        raise NotImplementedError

    def rules(self, answers: BaseModel) -> list[Feedback]:
        """Pure feedback rules for the current answers (call the module's rule function)."""
        return []

    def extra_views(self) -> list[w.Widget]:
        """Widgets shown after the feedback (e.g. a chart)."""
        return []

    def after_update(self, answers: BaseModel) -> None:
        """Called after every refresh (e.g. to redraw a chart)."""

    def read(self) -> dict:
        """The form's values as a dict for the model (override for nested answers)."""
        return {name: field.value for name, field in self.fields.items()}

    def fill(self, answers: BaseModel) -> None:
        """Put answers into the fields without triggering saves (override for nested answers)."""
        with self.filling():
            for name, field in self.fields.items():
                field.value = getattr(answers, name)

    # -- field helpers ---------------------------------------------------------------------------
    def add_text(self, name: str, label_key: str, *, placeholder_key: str | None = None,
                 long: bool = False) -> w.Widget:
        cls = w.Textarea if long else w.Text
        field = cls(continuous_update=False, layout=w.Layout(width="32em" if not long else "46em"))
        if long:
            field.layout.height = "6em"
        if placeholder_key:
            self._tr(field, "placeholder", placeholder_key)
        return self._row(name, label_key, field)

    def add_choice(self, name: str, label_key: str, options: list[tuple[str, Any]], *,
                   kind: type = w.ToggleButtons) -> w.Widget:
        """A choice among translated options: `options` is [(i18n key, value), ...]."""
        field = kind(options=[(i18n.t(key, self.lang), value) for key, value in options], value=None)
        if isinstance(field, w.ToggleButtons):
            field.style.button_width = "auto"
        self._options.append((field, options))
        return self._row(name, label_key, field)

    def add_checkboxes(self, label_key: str, boxes: list[tuple[str, str]], *, label_width: str = LABEL_WIDTH,
                       stacked: bool = False) -> w.Widget:
        """A labelled group of tick boxes: `boxes` is [(field name, i18n key of its text), ...]; each box
        is the field `name` (class `ep-field-<name>`). `stacked` puts them one under the other."""
        fields = []
        for name, text_key in boxes:
            box = self._tr(w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto")), "description", text_key)
            box.add_class(f"ep-field-{name}")
            self.fields[name] = box
            fields.append(box)
        label = self._tr(w.Label(layout=w.Layout(width=label_width)), "value", label_key)
        return w.HBox([label, w.VBox(fields)] if stacked else [label, *fields])

    def _row(self, name: str, label_key: str, field: w.ValueWidget) -> w.Widget:
        label = self._tr(w.Label(layout=w.Layout(width=LABEL_WIDTH)), "value", label_key)
        message = w.HTML()
        message.add_class("ep-field-message")
        field.add_class(f"ep-field-{name}")
        self.fields[name] = field
        self.messages[name] = message
        return w.HBox([label, field, message])

    def _tr(self, widget: Any, attribute: str, key: str | None, *, wrap: str | None = None, **params) -> Any:
        """Register a translated attribute so a language switch relabels it."""
        if key is not None:
            self._labels.append((widget, attribute, key, {"wrap": wrap, **params}))
            self._apply_label(widget, attribute, key, {"wrap": wrap, **params})
        return widget

    def _apply_label(self, widget: Any, attribute: str, key: str, params: dict) -> None:
        params = dict(params)
        wrap = params.pop("wrap", None)
        text = i18n.t(key, self.lang, **params)
        if wrap:
            text = f"<{wrap}>{html.escape(text)}</{wrap}>"
        setattr(widget, attribute, text)

    @contextlib.contextmanager
    def filling(self) -> Iterator[None]:
        """Set field values without treating them as the participant's changes (no save)."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    # -- behaviour -------------------------------------------------------------------------------
    def on_change(self, change: dict | None = None) -> None:
        """A committed change: validate, save if valid, refresh feedback and indicator."""
        if self._filling:
            return
        values = self.read()
        problems = validation_messages(self.spec.model, values, self.lang)
        if problems:
            self.show_messages(values, problems)
            self.saved.value = i18n.t("saved.invalid", self.lang)
            return
        self.answers = self.spec.model.model_validate(values)
        try:
            self.store.save(self.spec.key, self.answers)
        except OSError as error:
            self.saved.value = i18n.t("saved.failed", self.lang, error=error.strerror or str(error))
        else:
            self.saved.value = i18n.t("saved.at", self.lang, time=_now())
        self.refresh()

    def show_messages(self, values: dict, problems: dict[str, str]) -> None:
        for name, message in self.messages.items():
            if name in problems:
                message.value = f'<span style="color:#b00020">✖ {html.escape(problems[name])}</span>'
            elif name in self.recommended and not str(values.get(name) or "").strip():
                message.value = f'<span style="color:#555">{html.escape(i18n.t("validation.recommended", self.lang))}</span>'
            else:
                message.value = ""

    def refresh(self) -> None:
        """Redraw the messages and feedback from `self.answers` (pure rules, no I/O)."""
        self.show_messages(self.answers.model_dump(), {})
        self.feedback.value = feedback_html(self.rules(self.answers), self.lang)
        self.after_update(self.answers)

    def set_language(self, lang: str) -> None:
        self.lang = i18n.normalise(lang)
        self.review_note.value = review_note_html(self.lang)
        for widget, attribute, key, params in self._labels:
            self._apply_label(widget, attribute, key, params)
        with self.filling():
            for field, options in self._options:
                value = field.value
                field.options = [(i18n.t(key, self.lang), v) for key, v in options]
                field.value = value
        self.tools.set_language(self.lang)
        if self.offers_example and self.spec.example is not None:
            self.show_example()
        self.refresh()

    def ask_reset(self, _button: Any = None) -> None:
        self.reset_confirm.layout.display = "flex"

    def cancel_reset(self, _button: Any = None) -> None:
        self.reset_confirm.layout.display = "none"

    def confirm_reset(self, _button: Any = None) -> None:
        try:
            backup = self.store.reset(self.spec.key)
        except OSError as error:  # the backup could not be written: nothing was deleted
            self.reset_confirm.layout.display = "none"
            self.saved.value = i18n.t("reset.failed", self.lang, error=error.strerror or str(error))
            return
        self.answers = self.spec.model()
        self.fill(self.answers)
        self.reset_confirm.layout.display = "none"
        self.saved.value = i18n.t("reset.done", self.lang) + (
            " " + i18n.t("reset.backup", self.lang, name=backup.name) if backup else "")
        self.refresh()

    # -- the worked example (Day 3: no single right answer) ------------------------------------
    def example_part(self) -> list[w.Widget]:
        """A toggle that shows the worked example, a button that copies it into the form and, when the
        form holds answers, a row that asks first. Nothing unless the exercise offers an example."""
        if not self.offers_example or self.spec.example is None:
            return []
        self.example_button = w.ToggleButton(value=False, icon="eye", layout=w.Layout(width="auto"))
        self.example_view = w.HTML(layout=w.Layout(display="none"))
        self.example_copy = self._tr(w.Button(icon="copy", layout=w.Layout(width="auto", display="none")),
                                     "description", "example.copy")
        self.example_yes = self._tr(w.Button(button_style="warning", layout=w.Layout(width="auto")), "description",
                                    "example.yes")
        self.example_no = self._tr(w.Button(layout=w.Layout(width="auto")), "description", "example.no")
        self.example_confirm = w.HBox([self._tr(w.Label(), "value", "example.confirm"), self.example_yes,
                                       self.example_no], layout=w.Layout(display="none"))
        for widget, css in ((self.example_button, "toggle"), (self.example_view, "view"), (self.example_copy, "copy"),
                            (self.example_yes, "yes"), (self.example_no, "no")):
            widget.add_class(f"ep-example-{css}")
        self.example_view.add_class("ep-example")
        self.example_button.observe(self.show_example, names="value")
        self.example_copy.on_click(self.ask_copy_example)
        self.example_yes.on_click(self.copy_example)
        self.example_no.on_click(self.cancel_copy_example)
        self.show_example()
        return [self.example_button, self.example_view, self.example_copy, self.example_confirm]

    def example_html(self) -> str:
        """The worked example as HTML, with the exercise's heading and note when it has them."""
        spec = self.spec
        assert spec.example is not None
        lead = ""
        if self.example_heading_key:
            lead += f"<p><b>{html.escape(i18n.t(self.example_heading_key, self.lang))}</b></p>"
        if self.example_note_key:
            lead += f"<p><em>{html.escape(i18n.t(self.example_note_key, self.lang))}</em></p>"
        body = blocks_html(spec.render(spec.example(self.lang), self.lang), figures="summary")
        return f'<div style="border-left:4px solid #009E73;padding:0.3em 0.8em;margin:0.3em 0">{lead}{body}</div>'

    def show_example(self, change: dict | None = None) -> None:
        """Show or hide the example as the toggle says (also relabels it after a language switch)."""
        shown = bool(self.example_button.value)
        self.example_button.description = i18n.t("example.hide" if shown else "example.show", self.lang)
        self.example_view.layout.display = None if shown else "none"
        self.example_copy.layout.display = None if shown else "none"
        self.example_confirm.layout.display = "none"
        self.example_view.value = self.example_html() if shown else ""

    def ask_copy_example(self, _button: Any = None) -> None:
        """Copy at once when the form is empty (nothing to lose); otherwise ask first."""
        if self.spec.empty(self.answers):
            self.copy_example()
        else:
            self.example_confirm.layout.display = "flex"

    def cancel_copy_example(self, _button: Any = None) -> None:
        self.example_confirm.layout.display = "none"

    def copy_example(self, _button: Any = None) -> None:
        """Replace the answers with the worked example, after a backup of the saved ones; when the backup
        or the save fails, the saved file is left as it was."""
        assert self.spec.example is not None
        self.example_confirm.layout.display = "none"
        example = self.spec.example(self.lang)
        try:
            backup = self.store.backup_now(self.spec.key)
            self.store.save(self.spec.key, example)
        except OSError as error:
            self.saved.value = i18n.t("saved.failed", self.lang, error=error.strerror or str(error))
            return
        self.answers = example
        self.fill(example)
        self.saved.value = i18n.t("example.copied", self.lang) + (
            " " + i18n.t("reset.backup", self.lang, name=backup.name) if backup else "")
        self.refresh()

    def reload(self) -> None:
        """Read the section from the store again (after a restore) and show it."""
        loaded = self.store.load(self.spec.key)
        self.answers = loaded.answers
        self.load_note.value = self._load_note(loaded)
        self.fill(self.answers)
        self.refresh()

    def _load_note(self, loaded: LoadResult) -> str:
        if loaded.ok:
            return ""
        key = "load.recovered" if loaded.status == "recovered" else "load.lost"
        text = i18n.t(key, self.lang, moved=loaded.moved_to.name if loaded.moved_to else "?")
        detail = i18n.t("load.detail", self.lang, problem=loaded.problem or "")
        return (f'<div class="ep-load-problem" style="border-left:4px solid #D55E00;padding:0.3em 0.6em">'
                f'⚠ {html.escape(text)}<br><small>{html.escape(detail)}</small></div>')
