"""JupyterLab settings the course installs into the Python environment (`overrides.json`).

With them a course notebook opens with the Python kernel already started (no "Select Kernel" dialog,
in which "Run All" silently does nothing), draws all its cells, and Lab does not try to fetch news
from the internet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LAB_OVERRIDES = {
    # Render every cell: with Lab's default windowing, cells out of view are not drawn, so a form
    # further down is missing until scrolled to, and search (Ctrl+F) misses it.
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install_lab_settings(prefix: str | Path = sys.prefix) -> Path:
    """Merge the course settings into the environment's overrides.json, keeping any others there."""
    path = overrides_path(prefix)
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}  # a broken file would stop Lab from reading any override
    for plugin, values in LAB_OVERRIDES.items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path
