"""The worked-example part that the Day 3 exercises share (`Exercise.example_part`): shown and hidden on
request, copied at once into an empty form, asked first otherwise, and never losing saved answers (a backup
before the copy; a failed save leaves the saved file as it was)."""

from __future__ import annotations

import errno

import pytest

from eparticipation.exercises.implementation_plan import ImplementationPlanExercise
from eparticipation.exercises.me_plan import MePlanExercise
from eparticipation.exercises.next_steps import NextStepsExercise
from eparticipation.exercises.profile import ProfileExercise
from eparticipation.exercises.strategy_design import StrategyDesignExercise
from eparticipation.workbook.store import WorkbookStore
from eparticipation.worksheets.me_plan import sample_benchmarks

# (exercise, a text field whose answer makes the form non-empty)
EXERCISES = [(StrategyDesignExercise, "vision"), (ImplementationPlanExercise, "coordinator"),
             (MePlanExercise, "i1_name"), (NextStepsExercise, "what_1")]
OWN = "My own answer"


def make(cls, store, lang="en"):
    if cls is MePlanExercise:
        return cls(store, lang, benchmarks=sample_benchmarks())
    return cls(store, lang)


@pytest.fixture(params=EXERCISES, ids=[cls.__name__ for cls, _field in EXERCISES])
def case(request, tmp_path):
    cls, field = request.param
    return cls, field, WorkbookStore(tmp_path / "wb")


def with_own_answer(case):
    cls, field, store = case
    exercise = make(cls, store)
    exercise.fields[field].value = OWN
    assert OWN in store.path(exercise.spec.key).read_text(encoding="utf-8")
    return exercise, field, store


def test_example_is_shown_and_hidden_on_request(case):
    cls, _field, store = case
    exercise = make(cls, store)
    assert exercise.example_view.layout.display == "none" and exercise.example_copy.layout.display == "none"
    assert exercise.example_button.description == "Show the worked example (fictitious ministry)"
    exercise.example_button.value = True
    assert exercise.example_view.layout.display is None and exercise.example_copy.layout.display is None
    assert "(fictitious" in exercise.example_view.value
    assert exercise.example_button.description == "Hide the worked example"
    exercise.example_button.value = False
    assert exercise.example_view.layout.display == "none" and exercise.example_copy.layout.display == "none"
    assert not store.path(exercise.spec.key).exists()  # looking at the example saves nothing


def test_language_switch_relabels_and_redraws_the_example(case):
    cls, _field, store = case
    exercise = make(cls, store)
    exercise.example_button.value = True
    exercise.set_language("az")
    assert exercise.example_button.description == "İşlənmiş nümunəni gizlət"
    assert "(uydurma" in exercise.example_view.value and "(fictitious" not in exercise.example_view.value


def test_empty_form_takes_the_example_without_asking(case):
    cls, field, store = case
    exercise = make(cls, store)
    exercise.example_button.value = True
    exercise.example_copy.click()
    example = exercise.spec.example("en")
    assert exercise.example_confirm.layout.display == "none"
    assert store.load(exercise.spec.key).answers == example and exercise.answers == example
    shown = exercise.fields[field].value  # the form shows it
    assert shown and shown in str(example.model_dump())
    assert exercise.saved.value.startswith("The worked example was copied into your form")


def own_answer_kept(exercise, field, store) -> bool:
    return exercise.fields[field].value == OWN and OWN in store.path(exercise.spec.key).read_text(encoding="utf-8")


@pytest.mark.parametrize("answer", [None, "no"])
def test_form_with_answers_asks_first_and_no_keeps_them(case, answer):
    exercise, field, store = with_own_answer(case)
    exercise.example_copy.click()
    if answer == "no":
        exercise.example_no.click()
    assert exercise.example_confirm.layout.display == ("flex" if answer is None else "none")
    assert own_answer_kept(exercise, field, store)


def test_yes_copies_after_a_backup_of_the_answers(case):
    exercise, _field, store = with_own_answer(case)
    exercise.example_copy.click()
    exercise.example_yes.click()
    key = exercise.spec.key
    assert exercise.example_confirm.layout.display == "none"
    assert store.load(key).answers == exercise.spec.example("en")
    newest = store.backups(key)[0]
    assert OWN in newest.read_text(encoding="utf-8") and newest.name in exercise.saved.value


def test_a_failed_save_keeps_the_saved_file_and_says_so(case, monkeypatch):
    exercise, field, store = with_own_answer(case)
    before = store.path(exercise.spec.key).read_bytes()

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "save", full_disk)
    exercise.example_copy.click()
    exercise.example_yes.click()
    assert store.path(exercise.spec.key).read_bytes() == before
    assert "Could not save (No space left on device)" in exercise.saved.value and own_answer_kept(exercise, field, store)


def test_exercises_without_a_worked_example_part_get_none(tmp_path):
    exercise = ProfileExercise(WorkbookStore(tmp_path / "wb"), "en")
    assert exercise.spec.example is not None and not exercise.offers_example
    assert not hasattr(exercise, "example_button")
