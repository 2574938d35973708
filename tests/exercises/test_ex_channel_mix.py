"""Session 6 exercise: the channel-mix designer — model, input checks, feedback rules, render, dashboard, widget."""

from __future__ import annotations

import io
import json
import math
import zipfile

import ipywidgets as w
import pytest
from pydantic import ValidationError

from eparticipation import i18n
from eparticipation.analysis.channels import CHANNEL_KEYS
from eparticipation.data.context import ECONOMIC_REGIONS
from eparticipation.exercises.base import feedback_html
from eparticipation.exercises.channel_mix import ChannelMixExercise, channel_mix_exercise
from eparticipation.workbook import sections
from eparticipation.workbook.document import Bullets, Figure, Heading, Para, Table
from eparticipation.worksheets.channel_mix import (
    MAX_AZN, SECTION as SPEC, ChannelMix, aggregate_channel_mix, channel_mix_feedback, estimate, format_amount,
    input_problems, is_empty, left_out_texts, mix_shares, money, online_share, parse_amount, percent,
    render_channel_mix)

BALANCED = {"egov_mygov": 5_000, "mobile_asan": 30_000, "call_centre": 60_000, "public_hearing": 5_000}


def mix(budget=100_000, notes="", **allocations) -> ChannelMix:
    return ChannelMix.model_validate({"budget_azn": budget, "allocations": allocations, "notes": notes})


def keys(items):
    return [item.key for item in items]


def by_key(items, key):
    return next(item for item in items if item.key == key)


# -- model ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("values", [
    {"budget_azn": 0},
    {"budget_azn": -5},
    {"budget_azn": math.inf},
    {"budget_azn": math.nan},
    {"budget_azn": MAX_AZN + 1},
    {"budget_azn": "lots"},
    {"budget_azn": 100, "allocations": {"carrier_pigeon": 10}},
    {"budget_azn": 100, "allocations": {"call_centre": -1}},
    {"budget_azn": 100, "allocations": {"call_centre": "<script>"}},
    {"budget_azn": 100, "allocations": {"call_centre": 60, "egov_mygov": 41}},
    {"allocations": {"call_centre": 10}},
    {"budget_azn": 100, "notes": "x" * 20_001},
])
def test_model_refuses_bad_answers(values):
    with pytest.raises(ValidationError):
        ChannelMix.model_validate(values)


def test_model_accepts_a_full_budget_and_drops_empty_channels():
    answers = mix(100, call_centre=60, egov_mygov=40, asan_centre=0)
    assert answers.allocations == {"egov_mygov": 40, "call_centre": 60}  # channel order, no zeros
    assert answers.allocated() == 100 and mix(100.004, call_centre=100.008).allocated() == pytest.approx(100.008)
    assert ChannelMix() == ChannelMix.model_validate({}) and is_empty(ChannelMix())
    assert not is_empty(ChannelMix(notes="ask the regions")) and not is_empty(ChannelMix(budget_azn=1))


def test_section_is_registered_with_render_and_aggregate():
    spec = sections.get("channel_mix")
    assert spec is SPEC and spec.render is render_channel_mix and spec.aggregate is aggregate_channel_mix
    assert spec.session == "s06-channels-inclusion" and spec.order == 60


# -- what the participant types ------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("", None), ("   ", None), (None, None), ("50000", 50000.0), ("50 000", 50000.0), ("50\u00a0000", 50000.0),
    ("50,000", 50000.0), ("1,250,000.5", 1250000.5), ("1 250,5", 1250.5), ("7000 AZN", 7000.0), ("300₼", 300.0),
    ("12.5", 12.5), ("-40", -40.0), ("abc", "abc"), ("<script>", "<script>"), ("1e999", "1e999"), ("nan", "nan"),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_format_amount_reads_back():
    for value in (None, 0.0, 50000.0, 12.5, 99.99):
        assert parse_amount(format_amount(value)) == value
    assert format_amount(50000.0) == "50000"


def test_input_problems_say_what_is_wrong_and_what_to_do():
    assert input_problems({"budget_azn": 100, "allocations": {"call_centre": 100}}, "en") == {}
    assert "reaches nobody" in input_problems({"budget_azn": 0.0}, "en")["budget_azn"]
    assert "negative" in input_problems({"budget_azn": -3.0}, "en")["budget_azn"]
    too_big = input_problems({"budget_azn": 1e12}, "en")["budget_azn"]
    assert "100,000,000 AZN" in too_big and "zeros" in too_big
    text = input_problems({"budget_azn": 100, "allocations": {"call_centre": "<b>x</b>" * 10}}, "en")["allocations"]
    assert text.startswith("“<b>x</b>") and "…" in text and "not an amount" in text  # escaped when shown
    negative = input_problems({"budget_azn": 100, "allocations": {"mobile_asan": -1.0}}, "en")["allocations"]
    assert negative.startswith("Mobile ASAN xidmət")
    over = input_problems({"budget_azn": 100.0, "allocations": {"call_centre": 80.0, "egov_mygov": 30.0}}, "en")
    assert over == {"allocations": "The allocations add up to 110 AZN, 10 AZN more than the budget of 100 AZN. "
                                   "Lower an allocation or raise the budget; your last saved mix is kept."}
    assert "ümumi büdcəni" in input_problems({"budget_azn": None, "allocations": {"call_centre": 5.0}}, "az")["budget_azn"]
    assert "Sıfır büdcə" in input_problems({"budget_azn": 0.0}, "az")["budget_azn"]


# -- feedback rules -----------------------------------------------------------------------------------
def test_an_empty_mix_asks_for_the_budget_then_the_allocation():
    assert keys(channel_mix_feedback(ChannelMix())) == ["channel_mix.fb.start"]
    assert keys(channel_mix_feedback(mix())) == ["channel_mix.fb.allocate"]


def test_online_only_names_the_offline_population():
    items = channel_mix_feedback(mix(egov_mygov=100_000))
    item = by_key(items, "channel_mix.fb.online_only")
    assert item.level == "warning" and item.params == {"offline_pct": "11%", "offline_people": "1 120 000"}
    assert "World Bank" in item.text("en") and "channel_mix.fb.offline" not in keys(items)
    assert by_key(items, "channel_mix.fb.rural").params == {"population": "46%", "reached": "31%"}
    assert by_key(items, "channel_mix.fb.concentrated").params["share"] == "100%"


def test_a_mostly_online_mix_warns_that_offline_people_are_left_out():
    items = channel_mix_feedback(mix(egov_mygov=60_000, asan_centre=20_000))
    offline = by_key(items, "channel_mix.fb.offline")
    assert offline.level == "warning" and offline.params["ratio"] == "4%"
    assert by_key(items, "channel_mix.fb.unspent").params == {"unspent": "20 000 AZN", "share": "20%"}
    assert "channel_mix.fb.online_only" not in keys(items)


def test_regions_without_the_channel_are_named():
    items = channel_mix_feedback(mix(asan_centre=100_000))
    regions = by_key(items, "channel_mix.fb.regions")
    assert regions.params["regions"] == ["t:channel_mix.region.er13", "t:channel_mix.region.er02"]
    assert "East Zangezur; Nakhchivan" in regions.text("en") and "Şərqi Zəngəzur; Naxçıvan" in regions.text("az")
    village = channel_mix_feedback(mix(mobile_asan=100_000))
    assert "channel_mix.fb.urban" in keys(village) and "Baku" in by_key(village, "channel_mix.fb.regions").text("en")


def test_a_balanced_mix_is_praised_and_notes_are_asked_for():
    items = channel_mix_feedback(mix(**BALANCED))
    assert keys(items)[0] == "channel_mix.fb.score_good" and items[0].level == "good"
    assert "channel_mix.fb.concentrated" not in keys(items) and "channel_mix.fb.unspent" not in keys(items)
    assert keys(items)[-1] == "channel_mix.fb.notes"
    assert "channel_mix.fb.notes" not in keys(channel_mix_feedback(mix(notes="older villagers", **BALANCED)))
    assert keys(channel_mix_feedback(mix(egov_mygov=100_000)))[0] == "channel_mix.fb.score"


def test_every_feedback_text_exists_in_both_languages_and_renders():
    for answers in (mix(egov_mygov=100_000), mix(asan_centre=50_000), mix(mobile_asan=90_000), mix(**BALANCED)):
        for lang in i18n.LANGUAGES:
            items = channel_mix_feedback(answers)
            assert all(i18n.has(item.key, lang) for item in items)
            text = feedback_html(items, lang)
            assert "{" not in text and "t:channel_mix" not in text


def test_dynamic_keys_exist_in_both_languages_and_region_names_match_the_data():
    needed = {"channel_mix.title", "channel_mix.intro", "channel_mix.what.budget"}
    needed |= {f"channel_mix.channel.{k}" for k in CHANNEL_KEYS}
    needed |= {f"channel_mix.kind.{k}" for k in ("online", "assisted", "phone", "in_person")}
    needed |= {f"channel_mix.group.{g}" for g in ("urban", "rural", "online", "offline")}
    needed |= {f"channel_mix.why.{g}" for g in ("region", "urban", "rural", "online", "offline")}
    needed |= {f"channel_mix.status.{s}" for s in ("left_out", "under")}
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in needed if not i18n.has(k, lang)) == [], lang
    for code, en, az in ECONOMIC_REGIONS:
        assert i18n.t(f"channel_mix.region.{code.lower()}", "en") == en
        assert i18n.t(f"channel_mix.region.{code.lower()}", "az") == az


def test_left_out_texts_say_how_much_and_why():
    lines = left_out_texts(estimate(mix(egov_mygov=60_000, asan_centre=20_000)), "en")
    assert lines[0].startswith("Rural residents (under-reached): 31% of the people reached against 46% of the population")
    assert "People who do not use the internet (left out): 0.5% of the people reached against 11%" in lines[1]
    assert "counter" in lines[1]
    assert "0,5%" in left_out_texts(estimate(mix(egov_mygov=60_000, asan_centre=20_000)), "az")[1]
    assert all("(under-reached)" in line for line in left_out_texts(estimate(mix(**BALANCED)), "en"))


@pytest.mark.parametrize("share, en, az", [(0.112, "11%", "11%"), (0.012, "1.2%", "1,2%"), (0, "0%", "0%"),
                                           (0.0999, "10%", "10%")])
def test_percent(share, en, az):
    assert percent(share) == en and percent(share, "az") == az


# -- render and aggregate ------------------------------------------------------------------------------
def test_render_shows_the_allocation_reach_groups_left_out_and_notes():
    answers = mix(egov_mygov=60_000, asan_centre=20_000, notes="<b>villages</b> by phone")
    blocks = render_channel_mix(answers, "en")
    assert "ASSUMED" in blocks[0].text and blocks[1].text == "Allocated 80,000 AZN of 100,000 AZN; 20,000 AZN not allocated."
    allocation = blocks[2]
    assert allocation.header == ("Channel", "Allocation", "Share of the allocated budget", "Contacts (estimate)")
    assert allocation.rows[0] == ("e-gov.az portal and myGov", "60,000 AZN", "75%", "120,000")
    assert allocation.rows[2] == ("ASAN xidmət centres (assisted)", "20,000 AZN", "25%", "6,700")
    assert len(allocation.rows) == len(CHANNEL_KEYS)
    assert any(isinstance(b, Para) and b.text.startswith("About 126,000 people reached") for b in blocks)
    groups = next(b for b in blocks[3:] if isinstance(b, Table))
    assert groups.rows[0][0] == "Urban residents" and len(groups.rows) == 4 + 14
    assert isinstance(blocks[-3], Heading) and isinstance(blocks[-2], Bullets)
    assert blocks[-1].label == "Who will you still miss, and how will you reach them?" and "<b>" in blocks[-1].text


def test_render_without_allocation_says_so():
    blocks = render_channel_mix(mix(), "az")
    assert any(isinstance(b, Para) and b.text == i18n.t("channel_mix.results.none", "az") for b in blocks)
    assert not any(isinstance(b, Bullets) for b in blocks)
    assert render_channel_mix(ChannelMix(), "en")[1].text == "Enter the total budget first."


def test_aggregate_compares_the_groups_mixes():
    entries = [("A", mix(egov_mygov=100_000)), ("B", mix(**BALANCED)), ("C", mix(asan_centre=50_000)),
               ("D", mix())]
    blocks = aggregate_channel_mix(entries, "en")
    assert blocks[0].text == "3 channel mixes. Median inclusion score: 82. Online-only mixes: 1."
    assert isinstance(blocks[1], Figure) and blocks[1].figure is not None and "A: e-gov.az portal and myGov 100%" in blocks[1].summary
    table = blocks[2]
    assert [row[0] for row in table.rows] == ["A", "B", "C"]
    assert table.rows[0][4] == "100%" and table.rows[0][5] == "People who do not use the internet"
    assert table.rows[1][5] == "—"
    assert blocks[4].items[0] == "People who do not use the internet: 1 of 3 mixes"
    assert aggregate_channel_mix([("D", mix())], "en") == []
    shares = mix_shares(entries)
    assert list(shares.index) == ["A", "B", "C"] and shares.sum(axis=1).round(6).tolist() == [1.0, 1.0, 1.0]
    assert online_share(mix(egov_mygov=10, call_centre=30)) == 0.25 and online_share(mix()) == 0


# -- widget ----------------------------------------------------------------------------------------
@pytest.fixture
def exercise(store):
    return ChannelMixExercise(store, "en")


def saved(store):
    return json.loads((store.folder / "channel_mix.json").read_text(encoding="utf-8"))["answers"]


def test_widget_shows_every_channel_with_its_assumed_cost(exercise):
    assert set(exercise.fields) == {"budget_azn", "notes", *(f"alloc:{k}" for k in CHANNEL_KEYS)}
    assert "ep-exercise-channel_mix" in exercise.widget._dom_classes
    assert "ep-field-alloc-call_centre" in exercise.fields["alloc:call_centre"]._dom_classes
    assert "2 AZN per contact" in exercise.cost_notes["call_centre"].value
    assert "0.50 AZN per contact" in exercise.cost_notes["egov_mygov"].value
    assert "Start with the total budget" in exercise.feedback.value
    assert exercise.chart.layout.display == "none" and exercise.saved.value == i18n.t("saved.not_yet", "en")


def test_widget_saves_each_valid_change_and_updates_results(exercise, store):
    exercise.fields["budget_azn"].value = "100 000"
    assert saved(store)["budget_azn"] == 100000 and exercise.saved.value.startswith("Saved at")
    exercise.fields["alloc:egov_mygov"].value = "100000"
    assert saved(store)["allocations"] == {"egov_mygov": 100000}
    assert "none of them can take part" in exercise.feedback.value
    assert "Inclusion score: 82/100" in exercise.results.value
    assert "People who do not use the internet (left out)" in exercise.left_out.value
    assert exercise.chart.layout.display is None and "Baku 23%" in exercise.chart_summary.value
    assert "Allocated 100,000 AZN of 100,000 AZN" in exercise.total.value


@pytest.mark.parametrize("field, text, message", [
    ("budget_azn", "0", "A budget of zero reaches nobody"),
    ("budget_azn", "-100", "a negative amount cannot be spent"),
    ("budget_azn", "1000000000000", "Check the number of zeros"),
    ("budget_azn", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;” is not an amount"),
    ("alloc:call_centre", "150000", "more than the budget of 100,000 AZN"),
    ("alloc:call_centre", "lots", "“lots” is not an amount"),
    ("alloc:mobile_asan", "-5", "Mobile ASAN xidmət (buses and trains): a negative amount"),
])
def test_widget_refuses_bad_input_with_a_message_and_keeps_the_saved_mix(exercise, store, field, text, message):
    exercise.fields["budget_azn"].value = "100000"
    exercise.fields["alloc:call_centre"].value = "40000"
    before = saved(store)
    exercise.fields[field].value = text
    shown = exercise.messages["budget_azn" if field == "budget_azn" else "allocations"].value
    assert message in shown and "✖" in shown and "<script>" not in shown
    assert exercise.saved.value == i18n.t("saved.invalid", "en")
    assert saved(store) == before
    assert exercise.fields[field].value == text  # what was typed stays in the field to be corrected


def test_widget_asks_for_the_budget_before_an_allocation(exercise, store):
    exercise.fields["alloc:call_centre"].value = "5000"
    assert "Enter the total budget before" in exercise.messages["budget_azn"].value
    assert not (store.folder / "channel_mix.json").exists()
    exercise.fields["budget_azn"].value = "5000"
    assert saved(store) == {"budget_azn": 5000, "allocations": {"call_centre": 5000}, "notes": ""}
    assert exercise.messages["budget_azn"].value == "" and exercise.messages["allocations"].value == ""


def test_widget_escapes_hostile_notes_and_reloads_them(store):
    first = ChannelMixExercise(store, "en")
    first.fields["budget_azn"].value = "1000"
    first.fields["notes"].value = "<img src=x onerror=alert(1)> villages"
    again = ChannelMixExercise(store, "en")
    assert again.fields["notes"].value == "<img src=x onerror=alert(1)> villages"
    assert again.fields["budget_azn"].value == "1000" and again.saved.value == i18n.t("saved.loaded", "en")
    from eparticipation.exercises.canvas import canvas_html

    canvas = canvas_html(store, "en")
    assert "&lt;img src=x onerror=alert(1)&gt;" in canvas and "<img src=x" not in canvas


def test_widget_switches_language_and_resets(exercise, store):
    exercise.fields["budget_azn"].value = "100000"
    exercise.fields["alloc:asan_centre"].value = "100000"
    exercise.set_language("az")
    assert "Kənarda qalan rayonlar" in exercise.feedback.value and "Şərqi Zəngəzur" in exercise.left_out.value
    assert "bir təmas üçün 3 AZN" in exercise.cost_notes["asan_centre"].value
    assert exercise.fields["alloc:asan_centre"].value == "100000"
    exercise.ask_reset()
    exercise.confirm_reset()
    assert exercise.answers == ChannelMix() and exercise.fields["budget_azn"].value == ""
    assert exercise.fields["alloc:asan_centre"].value == "" and exercise.left_out.value == ""


def test_one_line_function_returns_the_widget(store):
    widget = channel_mix_exercise(store=store, lang="az")
    assert isinstance(widget, w.VBox) and "ep-exercise-channel_mix" in widget._dom_classes


# -- the section in the canvas, the Markdown/Word export -----------------------------------------------
def test_section_appears_in_canvas_and_exports(store):
    from eparticipation.exercises.canvas import canvas_html
    from eparticipation.workbook.bundle import bundle_text, parse_bundle
    from eparticipation.workbook.export import to_docx_bytes, to_markdown

    store.save("channel_mix", mix(egov_mygov=60_000, asan_centre=20_000, notes="Phone the villages"))
    canvas = canvas_html(store, "en")
    assert "Channel mix under a budget" in canvas and "Inclusion score: 82/100" in canvas
    workbook = parse_bundle(bundle_text(store))
    markdown = to_markdown(workbook, "az")
    assert "Büdcə daxilində kanal kombinasiyası" in markdown and "İnklüzivlik balı: 82/100" in markdown
    with zipfile.ZipFile(io.BytesIO(to_docx_bytes(workbook, "en"))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "e-gov.az portal and myGov" in body and "60,000 AZN" in body and "Phone the villages" in body
    assert money(1234.5, "az") == "1 234 AZN" and money(12.5, "en") == "12.50 AZN"


def test_the_facilitators_dashboard_shows_the_groups_mixes(tmp_path):
    from eparticipation.reports.dashboard import collect, dashboard_html
    from eparticipation.workbook.bundle import bundle_text
    from eparticipation.workbook.models import Profile
    from eparticipation.workbook.store import WorkbookStore

    share = tmp_path / "share"
    share.mkdir()
    for number, answers in enumerate((mix(egov_mygov=100_000), mix(**BALANCED), mix(asan_centre=50_000)), start=1):
        store = WorkbookStore(tmp_path / f"wb{number}", backup_every=0)
        store.save("profile", Profile(alias=f"Table {number}"))
        store.save("channel_mix", answers)
        (share / f"table-{number}.json").write_text(bundle_text(store), encoding="utf-8")
    page = dashboard_html(collect(share), lang="en")
    assert "Channel mix under a budget" in page and "3 channel mixes. Median inclusion score: 82." in page
    assert "Groups left out most often" in page and "People who do not use the internet: 1 of 3 mixes" in page
    assert "The group&#x27;s channel mixes" in page or "The group's channel mixes" in page
