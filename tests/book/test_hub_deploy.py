"""The hub set-ups in deploy/ (TLJH, Zero to JupyterHub and its image) and the offline course copy.

The configurations parse, use only keys their schema knows (lists of keys committed with their
source), install exactly the pinned packages, and name only paths that exist in the repository.
"""

import importlib.util
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from eparticipation.book.hub_load import TABLE_END, TABLE_START, results_table, server_size
from eparticipation.book.hub_seed import SEED_FOLDER, homes_under, seed_home
from eparticipation.cli import main
from eparticipation.errors import CourseDataError
from eparticipation.paths import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
TLJH_CONFIG = DEPLOY / "tljh" / "config.yaml"
Z2JH_VALUES = DEPLOY / "z2jh" / "values.yaml"
DOCKERFILE = DEPLOY / "image" / "Dockerfile"
SETUP = DEPLOY / "tljh" / "setup.sh"
RESULTS = REPO_ROOT / "benchmarks" / "results" / "hub_load.json"
HUB_PAGE = REPO_ROOT / "book" / "hub.md"


def schema_keys(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def key_paths(node, path=""):
    """Every key path of a YAML mapping, e.g. singleuser.memory.limit (lists are leaves)."""
    for key, value in node.items():
        name = f"{path}.{key}" if path else str(key)
        yield name
        if isinstance(value, dict):
            yield from key_paths(value, name)


def unknown_keys(values: dict, valid: set[str]) -> list[str]:
    def known(name: str) -> bool:
        parts = name.split(".")
        return name in valid or any(".".join(parts[:i]) + ".*" in valid for i in range(1, len(parts)))
    return [name for name in key_paths(values) if not known(name)]


def pins(name: str) -> dict[str, str]:
    """The pin file's {package: version}, read as tests/book/test_pins.py reads it."""
    spec = importlib.util.spec_from_file_location("test_pins", Path(__file__).with_name("test_pins.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pins(name)


def megabytes(size: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMG])i?", str(size)).groups()
    return float(number) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


@pytest.mark.parametrize("config, keys", [
    (TLJH_CONFIG, DEPLOY / "tljh" / "schema-keys.txt"),
    (Z2JH_VALUES, DEPLOY / "z2jh" / "schema-keys.txt"),
])
def test_configurations_parse_and_use_only_keys_of_their_schema(config, keys):
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert isinstance(values, dict) and values
    valid = schema_keys(keys)
    assert len(valid) > 30, f"{keys} looks truncated"
    assert unknown_keys(values, valid) == []


def test_the_key_check_catches_a_misspelt_key():
    valid = schema_keys(DEPLOY / "z2jh" / "schema-keys.txt")
    assert unknown_keys({"singleuser": {"memory": {"limt": "1G"}}}, valid) == ["singleuser.memory.limt"]
    assert unknown_keys({"hub": {"config": {"Anything": {"goes": 1}}}}, valid) == []  # free-form


def test_the_image_and_the_user_environment_install_exactly_the_pins():
    requirements = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "-c constraints.txt" in requirements.splitlines()
    constraints = pins("constraints.txt")
    for script in (DOCKERFILE, SETUP):
        text = script.read_text(encoding="utf-8")
        installs = [line for line in text.replace("\\\n", " ").splitlines()
                    if re.search(r"pip install", line) and not line.lstrip().startswith("#")]
        assert installs, f"{script.name} installs nothing"
        for line in installs:
            words = shlex.split(line.split("&&")[0].split("pip install", 1)[1])
            assert "-r" in words and words[words.index("-r") + 1] == "requirements.txt", line
            named = [w for w in words if "==" in w or (w[:1].isalpha() and w != "requirements.txt")]
            for spec in named:  # any package named outside requirements.txt must carry the pinned version
                package, _, version = spec.partition("==")
                assert constraints.get(package.lower()) == version, f"{script.name}: {spec} is not the pinned version"
        assert "pip check" in text


def test_jupyterhub_in_the_user_environment_matches_the_hubs_that_run_it():
    """TLJH's hub is jupyterhub>=5.2,<6; the Z2JH chart runs 5.5.0: jupyterhub-singleuser stays on 5.x."""
    assert pins("requirements.txt")["jupyterhub"].split(".")[0] == "5"
    assert "appVersion 5.5.0" in (DEPLOY / "z2jh" / "schema-keys.txt").read_text(encoding="utf-8")


def test_paths_named_by_the_configurations_exist():
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY "):
            for source in shlex.split(line)[1:-1]:
                assert (REPO_ROOT / source).exists(), f"Dockerfile copies {source}, which is missing"
    text = SETUP.read_text(encoding="utf-8") + Z2JH_VALUES.read_text(encoding="utf-8")
    for path in set(re.findall(r"\b((?:deploy|book)/[\w./-]+|requirements\.txt|constraints\.txt)", text)):
        assert (REPO_ROOT / path.rstrip(".")).exists(), f"{path} is named but missing"
    command = yaml.safe_load(Z2JH_VALUES.read_text(encoding="utf-8"))["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:4] == ["python", "-m", "eparticipation", "hub-seed"]


def test_memory_limits_leave_room_over_the_measured_use():
    report = json.loads(RESULTS.read_text(encoding="utf-8"))
    measured = max(step["rss_mb_per_user"] for step in report["steps"])
    tljh = yaml.safe_load(TLJH_CONFIG.read_text(encoding="utf-8"))["limits"]["memory"]
    z2jh = yaml.safe_load(Z2JH_VALUES.read_text(encoding="utf-8"))["singleuser"]["memory"]
    assert megabytes(tljh) >= 2 * measured and megabytes(z2jh["limit"]) >= 2 * measured
    assert megabytes(z2jh["guarantee"]) >= measured


def test_a_configured_launch_button_opens_jupyterlab_on_a_web_address():
    """`launch_buttons.jupyterhub_url` may be left out (no JupyterHub button); when set, it is an address."""
    buttons = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8")).get("launch_buttons") or {}
    if buttons.get("jupyterhub_url"):
        assert buttons["jupyterhub_url"].startswith(("https://", "http://"))
        assert buttons.get("notebook_interface") == "jupyterlab"


def test_the_hub_page_shows_the_benchmarks_figures():
    """book/hub.md's load-test table is generated from benchmarks/results/hub_load.json, never typed."""
    report = json.loads(RESULTS.read_text(encoding="utf-8"))
    largest = max(report["steps"], key=lambda step: step["users"])
    assert report["server_size"] == server_size(largest)
    page = HUB_PAGE.read_text(encoding="utf-8")
    generated = page.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip()
    assert generated == results_table(report).strip(), \
        "book/hub.md differs from benchmarks/results/hub_load.json: run benchmarks/bench_hub_load.py --write"
    assert [step["users"] for step in report["steps"]] == [5, 10, 20, 40]


# --- the offline copy of the course ----------------------------------------------------------------

def test_seeding_copies_the_course_and_never_replaces_a_participants_file(tmp_path):
    home = tmp_path / "participant01"
    mine = home / SEED_FOLDER / "notebooks" / "s08-feedback-loop.ipynb"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own work", encoding="utf-8")
    first = seed_home(home)
    expected = sum(1 for folder in ("notebooks", "exercises") for p in (REPO_ROOT / folder).rglob("*")
                   if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    assert (first.copied, first.kept) == (expected - 1, 1)
    assert mine.read_text(encoding="utf-8") == "my own work"
    assert (home / SEED_FOLDER / "exercises" / "s02-readiness.ipynb").is_file()
    again = seed_home(home)
    assert (again.copied, again.kept) == (0, expected)


def test_seeding_a_missing_home_gets_a_clear_message(tmp_path):
    with pytest.raises(CourseDataError, match="is not a folder"):
        seed_home(tmp_path / "nobody")


def test_the_seed_command_fills_skel_and_every_home(tmp_path, capsys):
    (tmp_path / "home" / "a").mkdir(parents=True)
    (tmp_path / "home" / "b").mkdir()
    (tmp_path / "home" / ".hidden").mkdir()
    (tmp_path / "skel").mkdir()
    assert homes_under(tmp_path / "home") == [tmp_path / "home" / "a", tmp_path / "home" / "b"]
    assert main(["hub-seed", "--home", str(tmp_path / "skel"), "--homes-under", str(tmp_path / "home")]) == 0
    printed = capsys.readouterr().out
    assert printed.count("files copied") == 3 and "0 already there" in printed
    assert (tmp_path / "home" / "b" / SEED_FOLDER / "notebooks" / "s08-feedback-loop.ipynb").is_file()
    assert main(["hub-seed"]) == 1


def test_the_tljh_snippet_connects_kernels_over_ipc_in_a_short_private_folder():
    from traitlets.config import Config

    c = Config()
    exec((DEPLOY / "tljh" / "jupyterhub_config.d" / "eparticipation.py").read_text(encoding="utf-8"),
         {"get_config": lambda: c})
    spawner = Config()
    spawner.Spawner.environment = {"TLJH": "1"}
    spawner.Spawner.args = ["--debug"]
    spawner.merge(c)
    assert spawner.SystemdSpawner.isolate_tmp is True
    assert spawner.Spawner.environment == {"TLJH": "1", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime"}
    assert spawner.Spawner.args == ["--debug", "--KernelManager.transport=ipc"]
