import io
import json

import docx
import ipywidgets as w
import pytest
from pydantic import ValidationError

from eparticipation import i18n
from eparticipation.exercises.coding import CodingExercise, coding_exercise
from eparticipation.workbook import bundle, export, sections
from eparticipation.workbook.document import Heading, Para, Table
from eparticipation.worksheets.coding import (
    Coding, aggregate_coding, coding_feedback, pool_table, render_coding, sample_for)

SAMPLE = sample_for("en")
IDS = list(SAMPLE["text_id"])


def keys(items):
    return [item.key for item in items]


def key_codes(**overrides) -> dict:
    """The key's own codes for the whole English sample, with some changed."""
    codes = {row.text_id: {"topic": row.topic, "stance": row.stance} for row in SAMPLE.itertuples()}
    for text_id, code in overrides.items():
        codes[text_id] = {**codes[text_id], **code}
    return codes


def coded(compare=True, note="", **overrides) -> Coding:
    return Coding(sample_language="en", codes=key_codes(**overrides), compare=compare, note=note)


def ambiguous_with_alt_stance():
    row = SAMPLE[SAMPLE["alt_stance"].notna()].iloc[0]
    return row.text_id, row.alt_stance


# -- model ---------------------------------------------------------------------------------------
def test_section_is_registered_with_render_and_aggregate():
    spec = sections.get("coding")
    assert spec.session == "s07-analysing-input" and spec.order == 70
    assert spec.aggregate is aggregate_coding and spec.is_empty(Coding())


def test_model_refuses_unknown_codes_comments_and_languages():
    with pytest.raises(ValidationError):
        Coding(codes={IDS[0]: {"topic": "<script>alert(1)</script>"}})
    with pytest.raises(ValidationError):
        Coding(codes={"T999": {"topic": "great_return"}})
    with pytest.raises(ValidationError):
        Coding(sample_language="fr")
    with pytest.raises(ValidationError):
        Coding(note="x" * 20_001)


def test_sample_follows_the_language_of_the_text_bank():
    assert set(sample_for("az")["language"]) == {"az"}
    assert list(Coding(sample_language="az").sample()["text_id"]) == list(sample_for("az")["text_id"])


# -- rules -----------------------------------------------------------------------------------------
def test_empty_coding_asks_to_start():
    assert keys(coding_feedback(Coding())) == ["coding.fb.start"]


def test_key_stays_hidden_until_asked():
    answers = Coding(codes={IDS[0]: {"topic": "great_return"}})
    assert keys(coding_feedback(answers)) == ["coding.fb.progress", "coding.fb.compare_when_ready"]
    assert keys(coding_feedback(coded(compare=False))) == ["coding.fb.compare_when_ready"]


def test_full_agreement_is_almost_perfect_and_asks_for_the_note():
    items = coding_feedback(coded())
    agreement = [i for i in items if i.key == "coding.fb.agreement"]
    assert len(agreement) == 2 and all(i.level == "good" for i in agreement)
    assert agreement[0].params["kappa"] == "1.00" and agreement[0].params["band"] == "t:coding.band.almost_perfect"
    assert "coding.fb.note" in keys(items) and "coding.fb.differs" not in keys(items)
    assert "coding.fb.note" not in keys(coding_feedback(coded(note="Two requests in one comment.")))


def test_alternative_code_is_acceptable_and_explained():
    text_id, alt = ambiguous_with_alt_stance()
    items = coding_feedback(coded(**{text_id: {"stance": alt}}))
    acceptable = [i for i in items if i.key == "coding.fb.acceptable"][0]
    assert acceptable.params["ids"] == text_id
    stance = [i for i in items if i.key == "coding.fb.agreement"][1]
    assert stance.params["acceptable"] == "100" and float(stance.params["percent"]) < 100


def test_wrong_code_is_listed():
    clear = SAMPLE[~SAMPLE["ambiguous"]].iloc[0]
    other = "great_return" if clear.topic != "great_return" else "human_capital"
    items = coding_feedback(coded(**{clear.text_id: {"topic": other}}))
    assert [i for i in items if i.key == "coding.fb.differs"][0].params["ids"] == clear.text_id


def test_one_stance_everywhere_is_a_warning():
    answers = coded(**{text_id: {"stance": "support"} for text_id in IDS})
    warning = [i for i in coding_feedback(answers) if i.key == "coding.fb.one_code"][0]
    assert warning.level == "warning" and warning.params["code"] == "t:coding.stance.support"


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    for lang in ("en", "az"):
        for answers in (Coding(), coded(), coded(compare=False), coded(**{t: {"stance": "support"} for t in IDS})):
            for item in coding_feedback(answers):
                text = item.text(lang)
                assert "{" not in text and text


# -- rendering, export, dashboard ------------------------------------------------------------------
def test_render_before_and_after_comparing():
    before = render_coding(coded(compare=False), "en")
    assert isinstance(before[1], Table) and len(before[1].rows) == len(IDS) and before[1].header[0] == "Comment"
    after = render_coding(coded(note="<script>x</script>"), "az")
    assert "SYNTHETIC" in after[0].text
    assert isinstance(after[2], Heading) and after[2].text == i18n.t("coding.agreement", "az")
    assert after[3].rows[0][3].startswith("1.00")
    assert after[-1] == Para("<script>x</script>", label=i18n.t("coding.note", "az"))
    assert render_coding(Coding(), "en")[1] == Para(i18n.t("coding.nothing_coded", "en"))


def test_docx_export_shows_the_section(store):
    store.save("profile", {"alias": "Masa 7", "language": "en"})
    store.save("coding", coded(note="Code the main request."))
    data = export.to_docx_bytes(bundle.read_workbook(store.folder), "en")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Coding citizen comments" in headings
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    comparison = [t for t in tables if t[0][0] == "Comment"][0]
    assert comparison[1][0] == IDS[0] and len(comparison) == len(IDS) + 1
    assert any("Code the main request." in p.text for p in document.paragraphs)


def test_table_pooling_on_the_dashboard():
    text_id, alt = ambiguous_with_alt_stance()
    entries = [("P01", coded()), ("P02", coded(**{text_id: {"stance": alt}})), ("P03", Coding())]
    pooled = pool_table(entries)
    assert pooled["stance"].n_coders == 2 and pooled["stance"].n_disagreed == 1
    assert pooled["topic"].fleiss_kappa == 1.0
    blocks = aggregate_coding(entries, "en")
    summary, split = blocks[1], blocks[3]
    assert summary.rows[1][0] == "Stance" and summary.rows[1][5] == "1"
    assert split.rows[0][0] == text_id and "×1" in split.rows[0][2]


def test_dashboard_with_too_few_coders_says_so():
    assert aggregate_coding([("P01", coded())], "en") == [Para(i18n.t("coding.dash.too_few", "en"))]
    assert aggregate_coding([], "en") == []


# -- widget ----------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = coding_exercise(store)
    assert isinstance(widget, w.VBox) and "ep-exercise-coding" in widget._dom_classes


def test_initial_state_asks_to_start_and_shows_the_sample(store):
    exercise = CodingExercise(store, "en")
    assert i18n.t("coding.fb.start", "en", total=len(IDS)) in exercise.feedback.value.replace("&#x27;", "'")
    assert len([n for n in exercise.fields if ":" in n]) == 2 * len(IDS)
    assert exercise.fields[f"{IDS[0]}:topic"].value == ""
    assert store.load("coding").answers == Coding()


def test_callbacks_save_compare_and_show_results(store, tmp_path):
    exercise = CodingExercise(store, "en")
    for row in SAMPLE.itertuples():
        exercise.fields[f"{row.text_id}:topic"].value = row.topic
        exercise.fields[f"{row.text_id}:stance"].value = row.stance
    saved = json.loads((tmp_path / "wb" / "coding.json").read_text(encoding="utf-8"))
    assert saved["answers"]["codes"][IDS[0]]["topic"] == SAMPLE.iloc[0].topic
    assert exercise.results.value == ""
    exercise.fields["compare"].value = True
    assert store.load("coding").answers.compare is True
    assert "almost perfect" in exercise.feedback.value and "<table>" in exercise.results.value
    exercise.fields[f"{IDS[0]}:topic"].value = ""  # un-coding saves None, loses nothing else
    assert store.load("coding").answers.codes[IDS[0]].topic is None
    assert store.load("coding").answers.codes[IDS[0]].stance == SAMPLE.iloc[0].stance


def test_saved_answers_come_back_and_hostile_text_is_escaped(store):
    first = CodingExercise(store, "az")
    az_ids = list(sample_for("az")["text_id"])
    first.fields[f"{az_ids[0]}:stance"].value = "mixed"
    first.fields["note"].value = "<script>alert(1)</script>"
    first.fields["compare"].value = True
    again = CodingExercise(store, "en")  # the sample stays Azerbaijani after a language switch
    assert again.fields[f"{az_ids[0]}:stance"].value == "mixed"
    assert again.fields["note"].value == "<script>alert(1)</script>"
    assert "<script" not in again.results.value and "<script" not in again.feedback.value


def test_language_switch_relabels_choices_and_keeps_codes(store):
    exercise = CodingExercise(store, "en")
    exercise.fields[f"{IDS[0]}:topic"].value = "great_return"
    exercise.set_language("az")
    field = exercise.fields[f"{IDS[0]}:topic"]
    assert field.value == "great_return" and field.options[0][0] == i18n.t("coding.choose_topic", "az")


def test_numbers_in_the_page_and_texts_follow_the_sample_size():
    from pathlib import Path

    from eparticipation.analysis.coding_agreement import SAMPLE_SIZE, SAMPLE_SEED

    assert len(SAMPLE) == SAMPLE_SIZE == 12 and SAMPLE_SEED == 7
    page = (Path(__file__).resolve().parents[2] / "book" / "sessions" / "s07-analysing-input.md").read_text(encoding="utf-8")
    assert "twelve SYNTHETIC comments" in page
    for lang in ("en", "az"):
        assert str(SAMPLE_SIZE) in i18n.t("coding.kappa_meaning", lang)
