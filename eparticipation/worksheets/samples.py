"""Fictitious sample workbooks (the facilitator pages, the sample notebook and the tests use them).

Two kinds, every institution invented and labelled "(fictitious)" / "(uydurma)":

- `sample_bundles()`: four workbooks with a profile and a readiness self-assessment whose answers come
  from a seeded random generator (`sample-NN-fictitious.json`);
- `complete_sample_bundle(lang)`: one workbook with every registered section, each filled with its
  worksheet's worked example for the same fictitious ministry (`complete-fictitious-ministry.<lang>.json`).

They describe no real ministry. Regenerate the committed files with::

    python -m eparticipation.worksheets.samples data/sample-workbooks
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from eparticipation import i18n
from eparticipation.workbook import models, sections
from eparticipation.workbook.models import Profile
from eparticipation.workbook.safety import atomic_write_text
from eparticipation.worksheets.readiness import AREAS, COLUMNS, Readiness

SEED = 20131203  # the workshop's first day

# (alias, institution, role, language, kind, yes rate by area group, don't-know rate)
FICTITIOUS = (
    ("Sample A", "Ministry of Coastal Affairs (fictitious)", "Head of the public relations unit (fictitious)",
     "en", "team", {"pillar": 0.6, "enabler": 0.5}, 0.10),
    ("Nümunə B", "Dağ Rayonları Nazirliyi (uydurma)", "Rəqəmsal xidmətlər şöbəsinin müdiri (uydurma)",
     "az", "person", {"pillar": 0.3, "enabler": 0.55}, 0.20),
    ("Sample C", "State Agency for River Transport (fictitious)", "Legal adviser (fictitious)",
     "en", "person", {"pillar": 0.45, "enabler": 0.25}, 0.30),
    ("Nümunə D", "Kənd Kitabxanaları Agentliyi (uydurma)", "Baş məsləhətçi (uydurma)",
     "az", "team", {"pillar": 0.75, "enabler": 0.7}, 0.05),
)


def synthetic_readiness(rng: random.Random, yes_rate: dict[str, float], dk_rate: float,
                        evidence: str = "") -> Readiness:
    items = {}
    for _area, kind, statements in AREAS:
        for item in statements:
            answer = {}
            for column in COLUMNS:
                draw = rng.random()
                rate = yes_rate[kind] * (0.8 if column == "legislation" else 1.0)
                answer[column] = "dk" if draw < dk_rate else ("yes" if draw < dk_rate + rate else "no")
            items[item] = answer
    return Readiness.model_validate({"items": items, "evidence": evidence})


def bundle_for(profile: Profile, readiness) -> dict:
    return {"format": models.BUNDLE_FORMAT, "version": models.BUNDLE_VERSION,
            "sections": {"profile": models.encode(sections.get("profile"), profile),
                         "readiness": models.encode(sections.get("readiness"), readiness)}}


def sample_bundles(seed: int = SEED) -> dict[str, dict]:
    """{file name: bundle} for the committed fictitious samples."""
    rng = random.Random(seed)
    out = {}
    for number, (alias, institution, role, lang, kind, yes_rate, dk_rate) in enumerate(FICTITIOUS, start=1):
        profile = Profile(alias=alias, institution=institution, role=role, language=lang, kind=kind)
        evidence = ("Fictitious sample: the answers were generated for the course and describe no real institution."
                    if lang == "en" else
                    "Uydurma nümunə: cavablar kurs üçün yaradılıb və heç bir real qurumu təsvir etmir.")
        out[f"sample-{number:02d}-fictitious.json"] = bundle_for(profile, synthetic_readiness(rng, yes_rate, dk_rate, evidence))
    return out


def synthetic_group(n: int, seed: int = 7) -> dict[str, dict]:
    """n fictitious workbooks (for tests and demonstrations of the dashboard)."""
    rng = random.Random(seed)
    out = {}
    for number in range(1, n + 1):
        profile = Profile(alias=f"Table {number}", real_name=f"Fictitious Person {number}",
                          institution=f"Fictitious Ministry {number}", role="Participant (fictitious)",
                          language=rng.choice(["az", "en"]), kind=rng.choice(["person", "team"]))
        yes_rate = {"pillar": rng.uniform(0.1, 0.8), "enabler": rng.uniform(0.1, 0.8)}
        out[f"table-{number:02d}.json"] = bundle_for(profile, synthetic_readiness(rng, yes_rate, rng.uniform(0, 0.3)))
    return out


def complete_sample_bundle(lang: str) -> dict:
    """A bundle with every registered section filled with its worked example in `lang`.

    A section without an example is an error that names it: the complete sample is the proof that
    every exercise has one (and that each renders in the strategy draft).
    """
    missing = [spec.key for spec in sections.all_sections() if spec.example is None]
    if missing:
        raise ValueError(f"no worked example for section(s) {', '.join(missing)}: "
                         "register one with SectionSpec(example=worked_example)")
    return {"format": models.BUNDLE_FORMAT, "version": models.BUNDLE_VERSION,
            "sections": {spec.key: models.encode(spec, spec.example(lang)) for spec in sections.all_sections()}}


def complete_sample_name(lang: str) -> str:
    return f"complete-fictitious-ministry.{lang}.json"


def complete_sample_bundles() -> dict[str, dict]:
    """{file name: bundle} for the committed complete samples, one per course language."""
    return {complete_sample_name(lang): complete_sample_bundle(lang) for lang in i18n.LANGUAGES}


def all_sample_bundles() -> dict[str, dict]:
    """Every committed file of data/sample-workbooks."""
    return {**sample_bundles(), **complete_sample_bundles()}


def dump(bundle: dict) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_samples(folder: str | Path, bundles: dict[str, dict] | None = None) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, bundle in (bundles if bundles is not None else sample_bundles()).items():
        path = folder / name
        atomic_write_text(path, dump(bundle))
        written.append(path)
    return written


if __name__ == "__main__":
    import eparticipation.worksheets  # noqa: F401  (registers every section, so the complete samples hold all)

    for path in write_samples(sys.argv[1] if len(sys.argv) > 1 else "data/sample-workbooks", all_sample_bundles()):
        print(path)
