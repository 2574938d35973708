"""nbval really compares values: a changed stored number in a committed notebook makes it fail."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from eparticipation.paths import REPO_ROOT


def run_nbval(notebook, tmp_path) -> subprocess.CompletedProcess:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # keep the project's addopts out
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(REPO_ROOT / "tests" / "nbval_sanitize.cfg"),
         "-c", str(tmp_path / "pytest.ini"), str(notebook)],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
    )


def test_a_changed_stored_number_fails_nbval(tmp_path):
    source = REPO_ROOT / "notebooks" / "s00-getting-started.ipynb"
    notebook = tmp_path / source.name
    shutil.copy(source, notebook)
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    # Azerbaijan's 2024 EGDI, as stored in the profile table output, altered by one digit.
    changed = 0
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            for mime, text in output.get("data", {}).items():
                joined = "".join(text) if isinstance(text, list) else text
                if isinstance(joined, str) and "0.761" in joined:
                    output["data"][mime] = joined.replace("0.761", "0.762")
                    changed += 1
    assert changed >= 1, "the stored outputs should show Azerbaijan's 2024 EGDI, 0.761"
    notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    result = run_nbval(notebook, tmp_path)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "failed" in result.stdout and "0.76" in result.stdout
