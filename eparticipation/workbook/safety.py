"""Small, pure helpers that keep files safe: file names that cannot escape a folder, atomic writes.

Everything here is independent of the course content so it can be tested in isolation.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

# Azerbaijani letters that NFKD does not reduce to ASCII on its own.
_TRANSLIT = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ç": "c",
                           "Ç": "C", "ğ": "g", "Ğ": "G", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"})
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
SECTION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _read_umask() -> int:
    # os.umask can only be read by setting it; doing that on every save would race with other threads
    # of the kernel creating files, so it is read once, at import, before any thread of ours writes.
    current = os.umask(0o022)
    os.umask(current)
    return current


UMASK = _read_umask()


def safe_filename(text: str, *, default: str = "workbook", max_length: int = 60) -> str:
    """A file-name stem made only of ASCII letters, digits, '-' and '_' (never '.', '/' or '\\').

    Whatever a participant types ("../../etc/passwd", "C:\\x", "Əliyev Ş.", "<script>") gives a
    stem that stays inside the folder it is joined to. Empty results fall back to `default`.
    """
    text = unicodedata.normalize("NFKD", str(text or "").translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("-", text).strip("-_")[:max_length].strip("-_")
    if not stem or stem.lower() in _RESERVED:
        stem = default
    return stem


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing any result that is not directly inside `folder`."""
    folder = Path(folder)
    candidate = folder / name
    if candidate.resolve().parent != folder.resolve() or name in {"", ".", ".."}:
        raise ValueError(f"unsafe file name: {name!r}")
    return candidate


def stage_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path`, flushed to disk; return the temporary file.

    Nothing at `path` changes yet: `os.replace(temp, path)` puts it in place in one step. If writing
    fails (a full disk), the temporary file is removed and the error is raised.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes 0600; a shared file must stay readable
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        discard(Path(tmp))
        raise
    return Path(tmp)


def discard(path: Path) -> None:
    """Remove a temporary file if it is still there (cleanup never raises)."""
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of one.

    The bytes are staged in a uniquely named, fsynced temporary file in the same folder
    (`stage_bytes`), which then replaces the target in one `os.replace` step. A process killed midway
    leaves only a stray `.*.tmp` file, which readers ignore.
    """
    path = Path(path)
    tmp = stage_bytes(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` to `<stem>.<label>-<n><suffix>` with the first free n; return the new path."""
    path = Path(path)
    n = 1
    while True:
        target = path.with_name(f"{path.stem}.{label}-{n}{path.suffix}")
        try:
            os.link(path, target)  # fails if the target exists: no silent overwrite
        except FileExistsError:
            n += 1
            continue
        except OSError:  # filesystems without hard links
            if target.exists():
                n += 1
                continue
            os.replace(path, target)
            return target
        os.unlink(path)
        return target
