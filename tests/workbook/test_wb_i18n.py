import re
import string
from pathlib import Path


from eparticipation import i18n
from eparticipation.worksheets.readiness import AREAS, CHOICES, COLUMNS, STATEMENTS
from eparticipation.workbook import sections

PACKAGE = Path(i18n.__file__).resolve().parents[1]
SOURCES = sorted(PACKAGE.rglob("*.py"))
# Every first segment of a catalogue key ("readiness.", "lessons.", ...): a literal in the code that
# starts with one of them is a key, unless it names a file.
PREFIXES = tuple(sorted({key.split(".")[0] + "." for key in i18n.catalogue("en")}))
FILE_SUFFIXES = (".json", ".csv", ".yml", ".yaml", ".py", ".md", ".ipynb", ".html", ".docx", ".txt")
AZ_LETTERS = set("əğıöüçşƏĞİÖÜÇŞ")


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys():
    en, az = i18n.catalogue("en"), i18n.catalogue("az")
    assert sorted(set(en) - set(az)) == [], "missing in Azerbaijani"
    assert sorted(set(az) - set(en)) == [], "missing in English"


def test_placeholders_match_and_no_text_is_empty():
    en, az = i18n.catalogue("en"), i18n.catalogue("az")
    for key in en:
        assert en[key].strip() and az[key].strip(), key
        assert fields(en[key]) == fields(az[key]), key


def test_literal_keys_used_in_code_exist():
    en = i18n.catalogue("en")
    used = set()
    for path in SOURCES:
        for match in re.finditer(r'["\']([a-z_]+(?:\.[a-z_0-9]+)+)["\']', path.read_text(encoding="utf-8")):
            key = match.group(1)
            if key.startswith(PREFIXES) and not key.endswith((".", *FILE_SUFFIXES)):
                used.add(key)
    assert len(used) > 150
    stems = {key.rsplit(".", 1)[0] for key in en}  # "framework_map.channel" + "." + value is built in code
    missing = sorted(k for k in used if k not in en and k not in stems)
    assert missing == []


def test_dynamic_keys_exist_in_both_languages():
    keys = {spec.title_key for spec in sections.all_sections()}
    for area, kind, items in AREAS:
        keys |= {f"readiness.area.{area}", f"readiness.kind.{kind}", f"readiness.weight.{area}"}
        keys |= {f"readiness.item.{i}" for i in items} | {f"readiness.why.{i}" for i in items}
    keys |= {f"readiness.choice.{c}" for c in CHOICES} | {f"readiness.column.{c}" for c in COLUMNS}
    keys |= {f"language.{lang}" for lang in i18n.LANGUAGES}
    keys |= {"profile.kind.person", "profile.kind.team"}
    for lang in i18n.LANGUAGES:
        assert sorted(k for k in keys if not i18n.has(k, lang)) == [], lang
    assert len(STATEMENTS) == 21


def test_azerbaijani_uses_azerbaijani_letters_and_is_flagged_for_review():
    az = i18n.catalogue("az")
    with_letters = sum(bool(set(text) & AZ_LETTERS) for text in az.values())
    assert with_letters / len(az) > 0.8
    for text in az.values():  # Turkish or Cyrillic look-alikes that do not belong in Azerbaijani Latin
        assert not re.search(r"[\u0400-\u04FF]", text)
    assert i18n.metadata("az")["needs_native_review"] is True
    assert i18n.metadata("en")["needs_native_review"] is False


def test_adapted_label_is_in_both_languages():
    assert "not the official METEP questionnaire" in i18n.t("readiness.adapted", "en")
    assert "rəsmi METEP sorğusu deyil" in i18n.t("readiness.adapted", "az")


def test_lookup_falls_back_and_formats():
    assert i18n.t("saved.at", "az", time="10:00") == "Yadda saxlanıldı: 10:00."
    assert i18n.t("saved.at", "fr", time="10:00") == "Saved at 10:00."
    assert i18n.t("no.such.key", "en") == "no.such.key"
    assert i18n.normalise("AZ-Latn") == "az" and i18n.normalise(None) == "en"


def test_every_catalogue_file_carries_the_review_flag_in_the_same_place():
    import json

    for lang, flagged in (("az", True), ("en", False)):
        files = i18n.catalogue_files(lang)
        assert len(files) >= 4
        for path in files:
            meta = json.loads(path.read_text(encoding="utf-8")).get("_meta")
            assert meta and meta["language"] == lang and meta["needs_native_review"] is flagged, path.name
    assert set(i18n.review_pending("az")) == {p.name for p in i18n.catalogue_files("az")}
    assert i18n.review_pending("en") == ()


def test_the_review_notice_is_shown_in_azerbaijani_only():
    from eparticipation.exercises.base import review_note_html
    from eparticipation.workbook.bundle import Workbook
    from eparticipation.workbook.export import blocks_for
    from eparticipation.workbook.models import Profile

    assert "ana dili daşıyıcısı" in i18n.review_note("az") and i18n.review_note("en") is None
    assert "ep-review-note" in review_note_html("az") and review_note_html("en") == ""
    workbook = Workbook(profile=Profile(), sections={})
    assert i18n.review_note("az") in [getattr(b, "text", "") for b in blocks_for(workbook, "az")]
    assert i18n.t("review.pending", "en") not in [getattr(b, "text", "") for b in blocks_for(workbook, "en")]


def test_localized_text_falls_back_to_english():
    name = i18n.Localized("Iceland's crowdsourced constitution", az="İslandiyanın konstitusiyası")
    assert name == "Iceland's crowdsourced constitution" and name.text("az") == "İslandiyanın konstitusiyası"
    assert name.text("en") == str(name) and i18n.Localized("Only English", az="").text("az") == "Only English"
