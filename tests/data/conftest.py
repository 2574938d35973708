import sys
from pathlib import Path

import pytest

# polis_helpers.py sits beside this file; make it importable whatever pytest's import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def write(tmp_path):
    """Write text (UTF-8 unless bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content, encoding: str = "utf-8"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write
