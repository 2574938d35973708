import pytest


@pytest.fixture(autouse=True)
def _isolated(workbook_isolation):
    """Every test here runs in its own folder, never a real workbook (see tests/conftest.py)."""
