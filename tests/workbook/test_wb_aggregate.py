import json
import re

import pytest

from eparticipation.workbook import aggregate, samples
from eparticipation.workbook.bundle import read_workbook


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "share"
    samples.write_samples(folder, samples.synthetic_group(40))
    (folder / "broken-json.json").write_text("{ not json", encoding="utf-8")
    (folder / "wrong-format.json").write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    bad = samples.synthetic_group(1)["table-01.json"]
    bad["sections"]["readiness"]["answers"]["items"]["info_drafts"]["policy"] = "<script>maybe</script>"
    (folder / "hand-edited.json").write_text(json.dumps(bad), encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    return folder


def test_collect_reads_40_valid_and_lists_3_invalid_with_reasons(shared):
    collected = aggregate.collect(shared)
    assert len(collected.valid) == 40
    reasons = dict(collected.invalid)
    assert set(reasons) == {"broken-json.json", "wrong-format.json", "hand-edited.json"}
    assert "not valid JSON" in reasons["broken-json.json"]
    assert "not a downloaded workbook" in reasons["wrong-format.json"]
    assert "not valid" in reasons["hand-edited.json"]


def test_dashboard_is_self_contained_anonymised_and_lists_invalid(shared):
    page = aggregate.dashboard_html(aggregate.collect(shared))
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)
    assert "plotly.js" in page[:5_000_000] or "Plotly" in page  # plotly.js inlined once
    assert page.count("window.PlotlyConfig") <= 1
    assert "P01" in page and "P40" in page
    assert "Table 1" not in page and "Fictitious Person" not in page and "Fictitious Ministry" not in page
    assert "hand-edited.json" in page and "items.info_drafts.policy" in page and "<script>maybe" not in page
    assert "40 workbooks read, 3 could not be read" in page


def test_dashboard_with_names(shared):
    page = aggregate.dashboard_html(aggregate.collect(shared), names=True)
    assert "Fictitious Person 7 (Fictitious Ministry 7)" in page


def test_common_gaps_are_counted(shared):
    collected = aggregate.collect(shared)
    from eparticipation.exercises.readiness import aggregate_readiness

    blocks = aggregate_readiness([(n, wb.sections["readiness"]) for n, wb in collected.valid], "en")
    common = [b for b in blocks if type(b).__name__ == "Table"][-1]
    counts = [int(row[2]) + int(row[3]) for row in common.rows]
    assert counts == sorted(counts, reverse=True) and counts[0] <= 40
    heatmap = [b for b in blocks if type(b).__name__ == "Figure"][0]
    assert len(heatmap.figure.data[0].z) == 40


def test_anonymous_order_does_not_follow_file_names(shared):
    labelled = aggregate.labels_for(aggregate.collect(shared).valid, names=True)
    assert [label for label, _ in labelled][:3] != sorted(label for label, _ in labelled)[:3]


def test_samples_are_fictitious_and_match_the_generator(tmp_path):
    from eparticipation.paths import data_path

    folder = data_path("sample-workbooks")
    committed = sorted(p.name for p in folder.glob("*.json"))
    assert committed == sorted(samples.sample_bundles())
    for name, bundle in samples.sample_bundles().items():
        assert (folder / name).read_text(encoding="utf-8") == samples.dump(bundle)
        workbook = read_workbook(folder / name)
        assert "(fictitious)" in workbook.profile.institution or "(uydurma)" in workbook.profile.institution
    assert "fictitious" in (folder / "README.md").read_text(encoding="utf-8").lower()
