from pathlib import Path

import pytest

from eparticipation.workbook.safety import atomic_write_text, inside, move_aside, safe_filename

NASTY = ["../../etc/passwd", "..", ".", "", "   ", "/abs/path", "C:\\Windows\\x", "a/../../b", "con",
         "<script>alert(1)</script>", "name\x00with-nul", "ümid/../..", "Əliyev Şəhriyar", "~root",
         ".hidden", "-rf", "x" * 500, "名前", "a\nb", "%2e%2e%2f"]


@pytest.mark.parametrize("text", NASTY)
def test_safe_filename_stays_inside_the_folder(tmp_path, text):
    stem = safe_filename(text)
    assert stem and len(stem) <= 60
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    assert not stem.startswith(("-", "_"))
    path = inside(tmp_path, stem + ".json")
    assert path.resolve().parent == tmp_path.resolve()


def test_safe_filename_transliterates_azerbaijani():
    assert safe_filename("Əliyev Şəhriyar Ğ ı ö ü ç") == "Eliyev-Sehriyar-G-i-o-u-c"
    assert safe_filename("", default="participant") == "participant"
    assert safe_filename("con") == "workbook"


@pytest.mark.parametrize("name", ["../x.json", "a/b.json", "..", "", "."])
def test_inside_refuses_escape(tmp_path, name):
    with pytest.raises(ValueError):
        inside(tmp_path, name)


def test_atomic_write_leaves_no_temp_file(tmp_path):
    target = tmp_path / "a.json"
    atomic_write_text(target, "ə" * 10)
    atomic_write_text(target, "ş")
    assert target.read_text(encoding="utf-8") == "ş"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_move_aside_never_overwrites(tmp_path):
    for content in ("one", "two"):
        (tmp_path / "s.json").write_text(content)
        move_aside(tmp_path / "s.json", "corrupt")
    assert (tmp_path / "s.corrupt-1.json").read_text() == "one"
    assert (tmp_path / "s.corrupt-2.json").read_text() == "two"
    assert not (tmp_path / "s.json").exists()


from hypothesis import given, settings, strategies as st


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_safe_filename_never_escapes_for_any_text(text):
    import tempfile

    stem = safe_filename(text)
    assert stem and "/" not in stem and "\\" not in stem and not stem.startswith(".")
    folder = Path(tempfile.gettempdir())
    assert inside(folder, stem + ".json").resolve().parent == folder.resolve()
