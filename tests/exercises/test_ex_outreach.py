import io
import json

import ipywidgets as w
import pytest

from eparticipation import i18n
from eparticipation.data.context import ECONOMIC_REGIONS, REGION_NAMES, REGION_NAMES_AZ
from eparticipation.exercises.outreach import OutreachExercise, outreach_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Figure, Heading, Para, Table
from eparticipation.worksheets.outreach import (
    GROUPS, MAX_PLANNED, REGION_CODES, Baseline, GroupBaseline, Outreach, aggregate_outreach, default_baseline,
    group_index, group_targets, outreach_feedback, parse_planned, parse_share, projection, render_outreach)

# A simple baseline: every region 1/14 of the population; the consultation mostly from Baku.
EVEN = {r: 100 / 14 for r in REGION_NAMES}
NOW = {r: (48.0 if r == "Baku" else 4.0) for r in REGION_NAMES}
BASE = Baseline(population=EVEN, current=NOW, current_index=0.59,
                groups={"rural": GroupBaseline(45.5, 19.3, "SOURCED"), "women": GroupBaseline(51.0, 38.8, "ASSUMED"),
                        "older": GroupBaseline(29.0, 13.3, "ASSUMED")})


def keys(items):
    return [item.key for item in items]


def plan(regions=None, **changes):
    values = dict(regions=dict(EVEN) if regions is None else regions, groups={"rural": 45, "women": 50, "older": 30},
                  planned=5000, actions="ASAN service centres in every district; call centre for older people.")
    values.update(changes)
    return Outreach(**values)


# -- reading typed numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("12.5", (12.5, None)), ("12,5", (12.5, None)), (" 12.5 % ", (12.5, None)), ("0", (0.0, None)), ("100", (100.0, None)),
    ("", (None, None)), ("   ", (None, None)), (".5", (0.5, None)),
    ("-5", (None, "outreach.error.negative")), ("100.1", (None, "outreach.error.over_100")),
    ("<script>alert(1)</script>", (None, "outreach.error.not_number")), ("nan", (None, "outreach.error.not_number")),
    ("inf", (None, "outreach.error.not_number")), ("1e3", (None, "outreach.error.not_number")),
    ("12.5.1", (None, "outreach.error.not_number")), ("on iki", (None, "outreach.error.not_number")),
])
def test_shares_are_read_with_a_decimal_comma_or_point_and_refused_clearly(text, expected):
    assert parse_share(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("5000", (5000, None)), ("5 000", (5000, None)), ("5,000", (5000, None)), ("1.000.000", (1000000, None)),
    ("", (None, None)), ("0", (None, "outreach.error.planned_zero")), ("-20", (None, "outreach.error.planned_zero")),
    ("12.5", (None, "outreach.error.whole_number")), ("lots", (None, "outreach.error.whole_number")),
    (str(MAX_PLANNED + 1), (None, "outreach.error.planned_too_many")),
])
def test_planned_participants_are_whole_positive_and_plausible(text, expected):
    assert parse_planned(text) == expected


# -- model -------------------------------------------------------------------------------------------
def test_model_refuses_what_the_form_never_sends():
    for bad in ({"regions": {"Atlantis": 5}}, {"regions": {"Baku": -1}}, {"regions": {"Baku": 101}},
                {"regions": {"Baku": float("nan")}}, {"groups": {"children": 5}}, {"planned": 0},
                {"planned": MAX_PLANNED + 1}, {"actions": "x" * 20_001}, {"unknown": 1}):
        with pytest.raises(ValueError):
            Outreach(**bad)
    assert Outreach(regions={"Baku": 23.0}, groups={"rural": 45.5}, planned=1).planned == 1


def test_section_is_registered_after_session_4_with_render_and_aggregate():
    spec = sections.get("outreach")
    assert spec.model is Outreach and spec.render is render_outreach and spec.aggregate is aggregate_outreach
    assert spec.session == "s05-national-plans" and spec.order == 50 > sections.get("lessons").order
    assert spec.empty(Outreach()) and not spec.empty(Outreach(actions="x"))


# -- projection ----------------------------------------------------------------------------------------
def test_no_projection_until_the_targets_add_up_to_100():
    assert projection(Outreach(regions={"Baku": 60}), BASE) is None
    assert projection(plan({**EVEN, "Baku": EVEN["Baku"] + 0.4}), BASE) is not None  # within the 0.5-point tolerance
    assert projection(plan({**EVEN, "Baku": EVEN["Baku"] + 0.6}), BASE) is None


def test_mirror_of_the_population_projects_an_index_of_one():
    result = projection(plan(), BASE)
    assert result.index == pytest.approx(1.0) and result.under == result.over == result.zero == ()


def test_projection_uses_the_notebooks_index_and_names_regions():
    from eparticipation.analysis.consultation import representativeness_index, share_ratios
    import pandas as pd

    regions = {**{r: 5.0 for r in REGION_NAMES}, "Baku": 35.0}  # 13 × 5 + 35 = 100
    result = projection(plan(regions), BASE)
    expected = representativeness_index(share_ratios(pd.Series(regions), pd.Series(EVEN)))
    assert result.index == pytest.approx(expected) == pytest.approx(1 - (35 - 100 / 14) / 100)
    assert result.over == ("Baku",)
    assert result.under == tuple(r for r in REGION_NAMES if r != "Baku")  # 5 / 7.14 = 0.7 < 0.8


def test_small_regions_need_the_planned_number():
    regions = {**{r: 5.0 for r in REGION_NAMES}, "Baku": 35.0}
    assert projection(plan(regions, planned=None), BASE).small == ()
    assert len(projection(plan(regions, planned=500), BASE).small) == 13  # 5 % of 500 = 25 people
    assert projection(plan(regions, planned=600), BASE).small == ()  # 30 people


def test_group_index_is_one_minus_the_gap():
    assert group_index(plan(), BASE, "rural") == pytest.approx(1 - 0.005)
    assert group_index(Outreach(), BASE, "rural") is None


# -- feedback ---------------------------------------------------------------------------------------
def test_empty_plan_asks_to_start():
    assert keys(outreach_feedback(Outreach(), BASE)) == ["outreach.fb.start"]


def test_targets_that_do_not_add_up_get_a_clear_warning_with_the_gap():
    items = outreach_feedback(Outreach(regions={"Baku": 60, "Karabakh": 27}), BASE)
    total = [item for item in items if item.key == "outreach.fb.total_low"]
    assert total and total[0].level == "warning" and "add 13.0 points" in total[0].text("en")
    assert "87" in total[0].text("az") and "13.0 faiz bəndi" in total[0].text("az")
    assert "outreach.fb.index" not in keys(items)
    high = outreach_feedback(Outreach(regions={"Baku": 80, "Karabakh": 30}), BASE)
    assert "remove 10.0 points" in [i for i in high if i.key == "outreach.fb.total_high"][0].text("en")


def test_complete_plan_is_praised():
    items = outreach_feedback(plan(), BASE)
    assert [i.level for i in items if i.level != "good"] == ["tip"]  # only the note on displaced residents
    assert {"outreach.fb.index", "outreach.fb.groups_ok", "outreach.fb.complete"} <= set(keys(items))


def test_under_and_zero_regions_are_named_with_why_weighting_cannot_help():
    regions = {**{r: 0.0 for r in REGION_NAMES}, "Baku": 50.0, "Absheron-Khizi": 47.0, "Nakhchivan": 3.0}
    items = outreach_feedback(plan(regions), BASE)
    zero = [i for i in items if i.key == "outreach.fb.zero"][0]
    assert zero.level == "warning" and "East Zangezur" in zero.text("en") and "Şərqi Zəngəzur" in zero.text("az")
    assert "no weight can bring back" in zero.text("en").lower() and "78.6" in zero.text("en")
    under = [i for i in items if i.key == "outreach.fb.under"][0]
    assert under.text("en").startswith("Still under-represented (below 0.8 of their population share): Nakhchivan.")
    assert "weighting cannot make up for voices that are missing" in under.text("en")
    over = [i for i in items if i.key == "outreach.fb.over"][0]
    assert over.text("en").index("Baku") < over.text("en").index("Absheron-Khizi")  # most over-represented first


def test_displaced_residents_note_appears_only_with_karabakh_or_east_zangezur():
    assert "outreach.fb.displaced" in keys(outreach_feedback(plan(), BASE))
    regions = {**EVEN, "Karabakh": 0.0, "East Zangezur": 0.0, "Baku": EVEN["Baku"] * 3}
    assert "outreach.fb.displaced" not in keys(outreach_feedback(plan(regions), BASE))


def test_group_below_its_share_is_named_with_its_reason_and_status():
    items = outreach_feedback(plan(groups={"rural": 20, "women": 50, "older": 10}), BASE)
    under = [i for i in items if i.key == "outreach.fb.group_under"]
    assert [i.params["group"] for i in under] == ["t:outreach.group.rural", "t:outreach.group.older"]
    text = under[1].text("en")
    assert "People aged 55 and over" in text and "29.0 %" in text and "ASSUMED" in text and "Pensions" in text
    assert "FƏRZİ" in under[1].text("az")
    assert "outreach.fb.groups_ok" not in keys(items) and "outreach.fb.complete" not in keys(items)


def test_missing_pieces_get_tips():
    found = keys(outreach_feedback(plan(groups={}, planned=None, actions=" "), BASE))
    assert {"outreach.fb.groups_missing", "outreach.fb.planned_missing", "outreach.fb.actions"} <= set(found)
    assert "outreach.fb.regions_missing" in keys(outreach_feedback(Outreach(actions="x"), BASE))


def test_small_numbers_are_warned():
    items = outreach_feedback(plan(planned=300), BASE)  # 300 / 14 = 21 people per region
    small = [i for i in items if i.key == "outreach.fb.small"][0]
    assert small.level == "warning" and "300" in small.text("en") and "fewer than 30" in small.text("en")


def test_every_rule_text_exists_in_both_languages_with_its_placeholders():
    samples = [Outreach(), Outreach(actions="x"), Outreach(regions={"Baku": 60}), Outreach(regions={"Baku": 100, "Karabakh": 0.6}),
               plan(), plan(planned=300, groups={"rural": 1, "women": 1, "older": 1}),
               plan({**{r: 0.0 for r in REGION_NAMES}, "Baku": 50.0, "Absheron-Khizi": 47.0, "Nakhchivan": 3.0}),
               plan(groups={}, planned=None, actions="")]
    seen = set()
    for sample in samples:
        for item in outreach_feedback(sample, BASE):
            seen.add(item.key)
            for lang in i18n.LANGUAGES:
                assert i18n.has(item.key, lang), item.key
                assert "{" not in item.text(lang) and "t:outreach" not in item.text(lang), (item.key, lang)
    assert len(seen) >= 14


def test_region_names_follow_the_decree_in_azerbaijani():
    for code, name, az in ECONOMIC_REGIONS:
        assert i18n.t(f"outreach.region.{code}", "en") == name and i18n.t(f"outreach.region.{code}", "az") == az
    assert REGION_CODES["Baku"] == "ER01" and REGION_NAMES_AZ["Baku"] == "Bakı"


# -- the real baseline -------------------------------------------------------------------------------
def test_default_baseline_is_the_notebooks_numbers():
    base = default_baseline()
    assert sum(base.population.values()) == pytest.approx(100) and sum(base.current.values()) == pytest.approx(100)
    assert base.current_index == pytest.approx(0.685)
    assert round(base.current["Baku"], 1) == 51.4 and round(base.population["Baku"], 1) == 23.0
    assert (base.groups["rural"].status, round(base.groups["rural"].population, 1)) == ("SOURCED", 45.5)
    assert base.groups["women"].status == base.groups["older"].status == "ASSUMED"
    assert round(base.groups["older"].current, 1) == 13.3


# -- render, canvas, Word ------------------------------------------------------------------------------
def test_render_lists_regions_groups_plan_and_what_is_still_under():
    regions = {**{r: 5.0 for r in REGION_NAMES}, "Baku": 35.0}
    blocks = render_outreach(plan(regions, actions="<b>ASAN</b> & call centre"), "en")
    table = [b for b in blocks if isinstance(b, Table)][0]
    assert table.rows[0][0] == "Baku" and table.rows[0][3] == "35.0%" and len(table.rows) == 14
    assert any(isinstance(b, Figure) and b.figure is None and "Baku" in b.summary for b in blocks)
    assert any(isinstance(b, Para) and "Projected representativeness by region" in b.text for b in blocks)
    assert any(isinstance(b, Para) and b.text == "<b>ASAN</b> & call centre" for b in blocks)
    assert any(isinstance(b, Heading) and b.text == "Still to address" for b in blocks)
    az = render_outreach(plan(regions), "az")
    assert [b for b in az if isinstance(b, Table)][0].rows[0][0] == "Bakı"


def test_render_of_unfinished_targets_says_why_there_is_no_projection():
    blocks = render_outreach(Outreach(regions={"Baku": 60}), "en")
    assert any(isinstance(b, Para) and "add up to 60 %" in b.text for b in blocks)


def test_section_appears_in_the_canvas_and_the_word_export(store):
    from docx import Document

    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store.save("outreach", plan(actions="<script>alert(1)</script>"))
    canvas = canvas_html(store, "en")
    assert "Outreach targets by region and group" in canvas and "&lt;script&gt;" in canvas and "<script>" not in canvas
    workbook = parse_bundle(bundle_text(store))
    assert "Regionlar və qruplar üzrə əhatə hədəfləri" in to_markdown(workbook, "az")
    document = Document(io.BytesIO(to_docx_bytes(workbook, "en")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Outreach targets by region and group" in text and "<script>alert(1)</script>" in text
    assert "East Zangezur" in cells and "Rural residents" in cells


# -- dashboard ---------------------------------------------------------------------------------------------
def test_dashboard_aggregates_the_groups_targets():
    regions = {**{r: 5.0 for r in REGION_NAMES}, "Baku": 35.0}
    entries = [("P01", plan()), ("P02", plan(regions, groups={"rural": 30})), ("P03", Outreach(regions={"Baku": 50}))]
    targets = group_targets(entries)
    assert list(targets.columns) == ["P01", "P02"]  # P03's targets do not add up yet
    assert targets.loc["Baku", "P02"] == 35.0
    blocks = aggregate_outreach(entries, "en")
    assert "2 of 3 plans" in blocks[0].text
    figure = [b for b in blocks if isinstance(b, Figure)][0]
    assert figure.figure is not None and "Baku" in figure.summary
    tables = [b for b in blocks if isinstance(b, Table)]
    baku = [row for row in tables[0].rows if row[0] == "Baku"][0]
    assert baku[3] == f"{(EVEN['Baku'] + 35) / 2:.1f}%" and baku[4] == f"{EVEN['Baku']:.1f}–35.0%"
    assert [row[0] for row in tables[1].rows] == ["P01", "P02"]
    rural = [row for row in tables[2].rows if row[0] == "Rural residents"][0]
    assert rural[2:] == ("2", "37.5%")
    assert aggregate_outreach([], "en") == []


def test_dashboard_html_shows_the_section(tmp_path):
    from eparticipation.reports.dashboard import collect, dashboard_html
    from eparticipation.workbook.bundle import bundle_text
    from eparticipation.workbook.store import WorkbookStore

    for n, answers in enumerate((plan(), plan(groups={"rural": 20}))):
        store = WorkbookStore(tmp_path / f"wb{n}", backup_every=0)
        store.save("outreach", answers)
        (tmp_path / "share").mkdir(exist_ok=True)
        (tmp_path / "share" / f"p{n}.json").write_text(bundle_text(store), encoding="utf-8")
    page = dashboard_html(collect(tmp_path / "share"), lang="az")
    assert "Regionlar və qruplar üzrə əhatə hədəfləri" in page and "Orta hədəf" in page


# -- widget ----------------------------------------------------------------------------------------------
def test_one_line_api_returns_a_standard_widget(store):
    widget = outreach_exercise(store)
    assert isinstance(widget, w.VBox) and "ep-exercise-outreach" in widget._dom_classes


def test_initial_state_asks_to_start_and_saves_nothing(store):
    exercise = OutreachExercise(store, baseline=BASE)
    assert "Start with the regions" in exercise.feedback.value
    assert not (store.folder / "outreach.json").exists()
    assert "no region set yet" in exercise.total.value
    assert "population 7.1 % · now 48.0 %" in exercise.hints[0][0].value


def test_typing_saves_and_the_projection_follows(store):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fields["target_ER01"].value = "60"
    assert "add 40.0 points" in exercise.total.value
    assert "no projection yet" in exercise.projection.value
    saved = json.loads((store.folder / "outreach.json").read_text(encoding="utf-8"))
    assert saved["answers"]["regions"] == {"Baku": 60.0}
    exercise.fill_empty(EVEN)
    assert store.load("outreach").answers.regions["Baku"] == 60.0  # the typed box is not overwritten
    exercise.fields["target_ER01"].value = "7.7"  # 13 boxes of 7.1 % and this one: 100 %
    assert "✔" in exercise.total.value and "0.994 with your targets" in exercise.projection.value
    assert exercise.saved.value.startswith("Saved at")
    exercise.fields["group_rural"].value = "20"
    assert "Rural residents 0.745" in exercise.projection.value  # 1 − |0.20 − 0.455|
    assert "Rural residents: your target of 20 %" in exercise.feedback.value


@pytest.mark.parametrize("bad, message", [("-5", "cannot be negative"), ("150", "more than 100"),
                                          ("<script>alert(1)</script>", "Not a number")])
def test_bad_input_gets_a_message_next_to_the_box_and_loses_nothing(store, bad, message):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fields["target_ER02"].value = "4,5"
    exercise.fields["target_ER03"].value = "8"
    exercise.fields["target_ER02"].value = bad
    assert message in exercise.messages["target_ER02"].value and "✖" in exercise.messages["target_ER02"].value
    assert "<script>" not in exercise.messages["target_ER02"].value
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    assert store.load("outreach").answers.regions == {"Nakhchivan": 4.5, "Absheron-Khizi": 8.0}
    assert exercise.fields["target_ER02"].value == bad  # what was typed stays, to be corrected
    exercise.fields["target_ER04"].value = "3"  # another box still saves while the bad one waits
    assert store.load("outreach").answers.regions == {"Nakhchivan": 4.5, "Absheron-Khizi": 8.0, "Mountainous Shirvan": 3.0}
    assert exercise.messages["target_ER02"].value  # and its message stays until it is corrected
    exercise.fields["target_ER02"].value = "5"
    assert exercise.messages["target_ER02"].value == "" and store.load("outreach").answers.regions["Nakhchivan"] == 5.0


def test_planned_zero_and_empty_boxes(store):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fields["planned"].value = "5000"
    exercise.fields["planned"].value = "0"
    assert "at least one participant" in exercise.messages["planned"].value
    assert store.load("outreach").answers.planned == 5000
    exercise.fields["planned"].value = ""
    assert store.load("outreach").answers.planned is None and exercise.messages["planned"].value == ""


def test_hostile_text_in_the_plan_is_saved_as_text_and_escaped(store):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fields["actions"].value = "<img src=x onerror=alert(1)>"
    assert store.load("outreach").answers.actions == "<img src=x onerror=alert(1)>"
    assert "<img" not in exercise.feedback.value and "<img" not in exercise.projection.value


def test_saved_answers_come_back_in_a_new_widget(store):
    store.save("outreach", plan(planned=1200))
    exercise = OutreachExercise(store, baseline=BASE)
    assert exercise.fields["target_ER01"].value == f"{EVEN['Baku']:g}"
    assert exercise.fields["group_older"].value == "30" and exercise.fields["planned"].value == "1200"
    assert exercise.saved.value == i18n.t("saved.loaded", "en")
    assert "1.000 with your targets" in exercise.projection.value


def test_language_switch_relabels_regions_hints_and_feedback(store):
    exercise = OutreachExercise(store, "en", baseline=BASE)
    exercise.set_language("az")
    assert exercise.region_labels["Baku"].value == "Bakı"
    assert "əhali 7.1 %" in exercise.hints[0][0].value
    assert "Rayonlardan başlayın" in exercise.feedback.value
    assert exercise.fill_current.description == i18n.t("outreach.fill_current", "az")


def test_reset_clears_every_box(store):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fill_empty(EVEN)
    exercise.confirm_reset()
    assert all(exercise.fields[f"target_{REGION_CODES[r]}"].value == "" for r in REGION_NAMES)
    assert store.load("outreach").answers == Outreach()


def test_chart_and_its_summary_are_shown(store):
    exercise = OutreachExercise(store, baseline=BASE)
    exercise.fill_empty(EVEN)
    bundle = exercise.chart.outputs[0]["data"]
    figure = bundle["application/vnd.plotly.v1+json"]
    assert [trace["name"] for trace in figure["data"]] == ["Population", "Now (SYNTHETIC)", "Target"]
    assert "Projected representativeness: 0.997 (now 0.590)" in exercise.chart_summary.value


def test_azerbaijani_texts_are_flagged_for_native_review_and_use_azerbaijani_letters():
    from pathlib import Path

    folder = Path(i18n.__file__).resolve().parent
    data = json.loads((folder / "outreach.az.json").read_text(encoding="utf-8"))
    assert data["_meta"]["needs_native_review"] is True
    texts = [t for k, t in data["messages"].items() if not k.startswith(("outreach.region.", "outreach.status."))]
    assert sum(bool(set(text) & set("əğıöüçşƏĞİÖÜÇŞ")) for text in texts) / len(texts) > 0.8
    en = json.loads((folder / "outreach.en.json").read_text(encoding="utf-8"))["messages"]
    assert set(en) == set(data["messages"])
    assert all(f"outreach.group.{g}" in en and f"outreach.why.{g}" in en for g in GROUPS)


def test_shares_rounded_for_the_boxes_still_add_up_to_100():
    from eparticipation.worksheets.outreach import rounded_to_total

    rounded = rounded_to_total(EVEN)
    assert sum(rounded.values()) == pytest.approx(100.0) and set(rounded.values()) == {7.1, 7.2}
    real = rounded_to_total(default_baseline().current)
    assert sum(real.values()) == pytest.approx(100.0) and real["Baku"] == 51.4
