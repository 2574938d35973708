"""One Azerbaijani term per concept, everywhere Azerbaijani text is shown.

The term list is `eparticipation/i18n/terms.yml`. These tests read every Azerbaijani text the course
shows — the i18n catalogues, the glossary, the Azerbaijani columns of the case table, the Azerbaijani
names of the forms of participation and the Azerbaijani comments of the sample text bank — and fail
when one of them uses a rejected variant of a term, when two concepts share one term, or when a
glossary entry gives another Azerbaijani term than the list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from eparticipation import i18n
from eparticipation.analysis.legal_frameworks import FORMS
from eparticipation.paths import REPO_ROOT

TERMS_FILE = Path(i18n.__file__).with_name("terms.yml")
GLOSSARY = REPO_ROOT / "book" / "glossary.md"
CASES = REPO_ROOT / "data" / "cases" / "international_cases.csv"
TEXT_BANK = REPO_ROOT / "eparticipation" / "data" / "text_bank.csv"


def fold(text: str) -> str:
    """Lower case the Azerbaijani way (İ → i, I → ı), so 'İnstitusional' matches 'institusional'."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def load_terms(path: Path = TERMS_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def azerbaijani_texts() -> list[tuple[str, str]]:
    """(where, text) for every Azerbaijani text of the course."""
    texts = []
    for path in i18n.catalogue_files("az"):
        messages = json.loads(path.read_text(encoding="utf-8"))["messages"]
        texts += [(f"{path.name}: {key}", text) for key, text in messages.items()]
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), start=1):
        if "*Azerbaijani:*" in line:
            texts.append((f"glossary.md line {number}", line.split("*Azerbaijani:*", 1)[1].split("*Russian:*")[0]))
    cases = pd.read_csv(CASES, dtype=str, keep_default_na=False)
    for row in cases.itertuples():
        texts += [(f"international_cases.csv {row.case_id}.{column}", getattr(row, column))
                  for column in ("name_az", "lesson_az")]
    texts += [(f"legal_frameworks.FORMS {form.key}", form.name_az) for form in FORMS]
    bank = pd.read_csv(TEXT_BANK, dtype=str, keep_default_na=False)
    texts += [(f"text_bank.csv {row.text_id}", row.text) for row in bank.itertuples() if row.language == "az"]
    return texts


def glossary_terms() -> dict[str, str]:
    """{glossary entry: its Azerbaijani term} for every entry of the glossary."""
    entries = {}
    current = None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", ":", "`", "#")) and not line.startswith(("The ", ":::")):
            current = line.strip()
        elif current and line.strip().startswith("*Azerbaijani:*"):
            term = line.split("*Azerbaijani:*", 1)[1].split("*Russian:*")[0].strip().rstrip(".")
            entries[current] = term
            current = None
    return entries


def clashes(terms: list[dict], texts: list[tuple[str, str]]) -> list[str]:
    """Every rejected variant found, as 'where: concept — uses «variant», the course's term is «term»'."""
    found = []
    for where, text in texts:
        for term in terms:
            variants = [v for v in term.get("reject", []) if fold(v) in fold(text)]
            variants += [v for v in term.get("reject_exact", []) if v in text]
            found += [f"{where}: {term['concept']} — uses «{v}», the course's term is «{term['az']}»" for v in variants]
    return found


TERMS = load_terms()
TEXTS = azerbaijani_texts()


def test_the_term_list_is_well_formed_and_one_term_means_one_concept():
    assert len(TERMS) >= 12
    for term in TERMS:
        assert {"concept", "az"} <= set(term), term
        assert set(term) <= {"concept", "az", "glossary", "reject", "reject_exact"}, term
        for variant in term.get("reject", []) + term.get("reject_exact", []):
            assert fold(variant) not in fold(term["az"]) or variant not in term["az"], (term["concept"], variant)
    chosen = [fold(t["az"]) for t in TERMS]
    assert len(chosen) == len(set(chosen)), "two concepts share one Azerbaijani term"


def test_no_azerbaijani_text_uses_a_rejected_variant():
    assert len(TEXTS) > 400  # catalogues, glossary, case table, forms and text bank were all read
    assert clashes(TERMS, TEXTS) == []


def test_every_chosen_term_is_in_use():
    corpus = fold(" ".join(text for _where, text in TEXTS))
    assert [t["concept"] for t in TERMS if fold(t["az"]) not in corpus] == []


@pytest.mark.parametrize("term", [t for t in TERMS if "glossary" in t], ids=lambda t: t["glossary"])
def test_the_glossary_gives_the_listed_term(term):
    entries = glossary_terms()
    assert term["glossary"] in entries, f"no glossary entry {term['glossary']!r}"
    assert fold(entries[term["glossary"]]).startswith(fold(term["az"])), entries[term["glossary"]]


def test_a_planted_clash_is_caught():
    """The check itself works: a catalogue text with a second name for e-decision-making fails it."""
    planted = TEXTS + [("az.json: readiness.area.e_decision", "e-Qərarvermə")]
    found = clashes(TERMS, planted)
    assert any("az.json: readiness.area.e_decision" in f and "e-qərarların qəbulu" in f for f in found)
    assert re.search(r"uses «(qərarvermə|e-Qərar)»", " ".join(found))
