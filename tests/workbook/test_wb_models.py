import json

import pytest
from pydantic import ValidationError
from pydantic import Field

from eparticipation.errors import CourseDataError
from eparticipation.workbook import models, sections
from eparticipation.workbook.models import Answers, Profile


class V2(Answers):
    title: str = ""
    tags: list[str] = Field(default_factory=list)


def _v1_to_v2(data: dict) -> dict:
    return {"title": data.pop("name", ""), "tags": [t.strip() for t in data.pop("tags", "").split(",") if t.strip()]}


@pytest.fixture
def v2_spec():
    spec = sections.register(sections.SectionSpec(session="test", key="zz_migrate", model=V2, version=2, order=998,
                                                  title_key="profile.title", render=lambda a, l: [],
                                                  migrations={1: _v1_to_v2}))
    yield spec
    sections._REGISTRY.pop("zz_migrate", None)


def test_profile_defaults_are_anonymous():
    profile = Profile()
    assert profile.alias == "" and profile.real_name == "" and profile.kind == "person"
    assert Profile(alias="A", real_name="Real").display_name() == "A"
    assert Profile(alias="A", real_name="Real").display_name(names=True) == "Real"


def test_profile_refuses_unknown_fields_and_values():
    with pytest.raises(ValidationError):
        Profile(language="fr")
    with pytest.raises(ValidationError):
        Profile.model_validate({"alias": "a", "surprise": 1})


def test_encode_decode_round_trip():
    spec = sections.get("profile")
    profile = Profile(alias="Ə", institution="<i>x</i>", language="az", kind="team")
    raw = json.loads(models.dumps(spec, profile))
    assert raw["format"] == models.FORMAT and raw["version"] == 1
    assert models.decode(spec, raw) == profile


def test_older_version_migrates(v2_spec):
    raw = {"format": models.FORMAT, "section": "zz_migrate", "version": 1,
           "answers": {"name": "Plan", "tags": "a, b,"}}
    assert models.decode(v2_spec, raw) == V2(title="Plan", tags=["a", "b"])


def test_failing_migration_is_a_clear_error(v2_spec):
    raw = {"format": models.FORMAT, "section": "zz_migrate", "version": 1, "answers": {"tags": 5}}
    with pytest.raises(CourseDataError, match="could not migrate"):
        models.decode(v2_spec, raw, file="x.json")


@pytest.mark.parametrize("raw, message", [
    ({"format": models.FORMAT, "section": "profile", "version": 9, "answers": {}}, "newer course version"),
    ({"format": models.FORMAT, "section": "profile", "version": "1", "answers": {}}, "unknown section version"),
    ({"format": models.FORMAT, "section": "other", "version": 1, "answers": {}}, "expected 'profile'"),
    ({"format": "x"}, "not a workbook section"),
    ([1, 2], "not a workbook section"),
    ({"format": models.FORMAT, "section": "profile", "version": 1}, "no answers"),
    ({"format": models.FORMAT, "section": "profile", "version": 1, "answers": {"alias": 5}}, "not valid"),
])
def test_bad_envelopes_give_clear_messages(raw, message):
    with pytest.raises(CourseDataError, match=message) as info:
        models.decode(sections.get("profile"), raw, file="profile.json")
    assert "profile.json" in str(info.value) and "How to fix" in str(info.value)


def test_registry_refuses_bad_keys_and_missing_migrations():
    with pytest.raises(ValueError):
        sections.register(sections.SectionSpec(session="test", key="../x", model=V2, version=1, order=1,
                                               title_key="t", render=lambda a, l: []))
    with pytest.raises(ValueError, match="migration"):
        sections.register(sections.SectionSpec(session="test", key="zz_nomig", model=V2, version=3, order=1,
                                               title_key="t", render=lambda a, l: [], migrations={1: _v1_to_v2}))
    assert sections.get("zz_nomig") is None


def test_registry_lists_profile_first():
    keys = [spec.key for spec in sections.all_sections()]
    assert keys[0] == "profile"
