"""Course datasets: loaders that validate and return tidy pandas tables.

Importing this package loads nothing and imports no heavy library; each loader imports its own
module on first use, so `import eparticipation.data` stays instant in every notebook.
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
_EXPORTS = {
    "EGOV_ATTRIBUTION": "egov",
    "load_egov_panel": "egov",
    "load_context_facts": "context",
    "load_economic_regions_geojson": "context",
    "region_population_shares": "context",
    "ECONOMIC_REGIONS": "context",
    "load_polis_export": "polis",
    "PolisExport": "polis",
    "POLIS_ATTRIBUTION": "polis",
    "load_world_countries": "world",
    "load_international_cases": "cases",
    "load_petition_timeseries": "petitions",
    "PETITION_ATTRIBUTION": "petitions",
    "load_sample_consultation": "consultation",
    "load_consultation": "consultation",
    "generate_consultation": "generator",
    "SYNTHETIC_LABEL": "consultation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
