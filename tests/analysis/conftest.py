import sys
from pathlib import Path

# The Pol.is folder builder lives with the data tests; both suites use it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
