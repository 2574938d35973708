"""The pin files hold every package the course's code and tests import, at the version installed.

A fresh machine installs only what `requirements.txt` and `constraints.txt` name: a package that is
imported but pinned nowhere works on the machine that happens to have it and fails everywhere else.
"""

import ast
import sys
from importlib import metadata

from eparticipation.paths import REPO_ROOT

SCANNED = ("eparticipation", "tests", "benchmarks")


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (REPO_ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            package, version = line.split("==")
            found[package.strip().lower().replace("_", "-")] = version.strip()
    return found


def imported_top_level_modules() -> set[str]:
    modules = set()
    files = [REPO_ROOT / "conftest.py", REPO_ROOT / "workshop.py"]
    files += [p for folder in SCANNED for p in (REPO_ROOT / folder).rglob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_imported_package_is_pinned_at_the_installed_version():
    constraints = pins("constraints.txt")
    local = {"eparticipation", "polis_helpers", "conftest"} | {p.stem for p in (REPO_ROOT / "tests").rglob("*.py")}
    third_party = sorted(m for m in imported_top_level_modules() - local if m not in sys.stdlib_module_names)
    distributions = metadata.packages_distributions()
    assert {"pandas", "plotly", "hypothesis", "playwright"} <= set(third_party)
    for module in third_party:
        assert module in distributions, f"{module} is imported but not installed"
        for dist in distributions[module]:
            name = dist.lower().replace("_", "-")
            assert name in constraints, f"{module} ({dist}) is imported but not pinned in constraints.txt"
            assert constraints[name] == metadata.version(dist), f"{dist}: installed {metadata.version(dist)}"


def test_direct_requirements_match_the_constraints():
    constraints = pins("constraints.txt")
    for package, version in pins("requirements.txt").items():
        assert constraints.get(package) == version, package


def test_everything_the_requirements_pull_in_is_pinned():
    """Walk the installed dependency tree from requirements.txt (extras included): every package pinned."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    constraints = {canonicalize_name(name): version for name, version in pins("constraints.txt").items()}
    todo = [Requirement(f"{name}=={version}") for name, version in pins("requirements.txt").items()]
    todo += [Requirement(r) for r in metadata.requires("eparticipation") or []]
    seen: set[tuple[str, frozenset]] = set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, frozenset(requirement.extras)) in seen:
            continue
        seen.add((name, frozenset(requirement.extras)))
        assert name in constraints, f"{requirement.name} is installed by the requirements but not pinned"
        for text in metadata.requires(requirement.name) or []:
            needed = Requirement(text)
            extras = requirement.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(needed)
    assert len(seen) > 150
