import json
import re

import plotly
import pytest

from eparticipation import i18n
from eparticipation.analysis.readiness_comparison import combined_scores, common_gaps, synthetic_group
from eparticipation.worksheets.readiness import aggregate_readiness, gaps
from eparticipation.reports import dashboard as aggregate
from eparticipation.worksheets import samples
from eparticipation.workbook.bundle import read_workbook
from eparticipation.workbook.document import Figure, Table

PLOTLY_JS_VERSION = plotly.offline.get_plotlyjs_version()


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
    # plotly.js inlined exactly once (its licence banner names the version), so the charts draw offline
    assert page.count(f"plotly.js v{PLOTLY_JS_VERSION}") == 1
    assert page.count("window.PlotlyConfig") == 1
    assert "P01" in page and "P40" in page
    assert "Table 1" not in page and "Fictitious Person" not in page and "Fictitious Ministry" not in page
    assert "hand-edited.json" in page and "items.info_drafts.policy" in page and "<script>maybe" not in page
    assert "40 workbooks read, 3 could not be read" in page


def test_dashboard_with_names(shared):
    page = aggregate.dashboard_html(aggregate.collect(shared), names=True)
    assert "Fictitious Person 7 (Fictitious Ministry 7)" in page


def test_dashboard_and_session_2_notebook_agree_on_the_same_assessments():
    """The dashboard's heatmap and common gaps are the notebook's (`readiness_comparison`), row for row."""
    entries = synthetic_group(12)
    blocks = aggregate_readiness(entries, "en")
    heatmap = [b for b in blocks if isinstance(b, Figure)][0]
    assert [list(row) for row in heatmap.figure.data[0].z] == combined_scores(entries).values.tolist()
    notebook = common_gaps(entries)
    dashboard = [b for b in blocks if isinstance(b, Table)][-1]
    assert [row[0] for row in dashboard.rows] == notebook["Statement"].tolist()
    assert [int(row[2]) for row in dashboard.rows] == notebook["Assessments with this gap"].tolist()
    assert [int(row[3]) for row in dashboard.rows] == notebook["Neither law nor policy"].tolist()


def test_common_gaps_count_each_workbook_once(shared):
    entries = [(n, wb.sections["readiness"]) for n, wb in aggregate.collect(shared).valid]
    rows = [b for b in aggregate_readiness(entries, "en") if isinstance(b, Table)][-1].rows
    expected = {}
    for _name, answers in entries:
        for item in {gap.item for gap in gaps(answers)}:
            expected[item] = expected.get(item, 0) + 1
    by_text = {i18n.t(f"readiness.item.{item}", "en"): count for item, count in expected.items()}
    assert all(int(count) == by_text[text] for text, _area, count, *_rest in rows)
    assert sorted(by_text.values(), reverse=True)[:10] == [int(row[2]) for row in rows]


def test_anonymous_order_does_not_follow_file_names(shared):
    labelled = aggregate.labels_for(aggregate.collect(shared).valid, names=True)
    assert [label for label, _ in labelled][:3] != sorted(label for label, _ in labelled)[:3]


def test_samples_are_fictitious_and_match_the_generator(tmp_path):
    from eparticipation.paths import data_path

    folder = data_path("sample-workbooks")
    committed = sorted(p.name for p in folder.glob("*.json"))
    assert committed == sorted(samples.all_sample_bundles())
    for name, bundle in samples.all_sample_bundles().items():
        assert (folder / name).read_text(encoding="utf-8") == samples.dump(bundle)
        workbook = read_workbook(folder / name)
        assert "(fictitious)" in workbook.profile.institution or "(uydurma)" in workbook.profile.institution
    assert "fictitious" in (folder / "README.md").read_text(encoding="utf-8").lower()
