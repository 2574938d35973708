"""Build small Pol.is export folders for tests (seeded, with two clear opinion groups)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def make_polis_folder(folder: Path, *, n_participants: int = 60, n_comments: int = 12, seed: int = 7,
                      texts: dict[int, str] | None = None, moderated: dict[int, int] | None = None) -> Path:
    """Two camps: camp 0 agrees with even statements and disagrees with odd ones; camp 1 the reverse."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = texts or {}
    moderated = moderated or {}
    comments = pd.DataFrame({
        "timestamp": 1_600_000_000_000 + np.arange(n_comments) * 1000,
        "datetime": "Mon Jan 01 00:00:00 UTC 2024",
        "comment-id": np.arange(n_comments),
        "author-id": 0,
        "agrees": 0,
        "disagrees": 0,
        "moderated": [moderated.get(i, 1) for i in range(n_comments)],
        "comment-body": [texts.get(i, f"Statement number {i}") for i in range(n_comments)],
    })
    rows = []
    t = 1_600_000_100_000
    for p in range(n_participants):
        camp = p % 2
        for c in range(n_comments):
            if rng.random() < 0.15:
                continue  # not seen
            agrees = (c % 2 == 0) == (camp == 0)
            vote = 1 if agrees else -1
            if rng.random() < 0.1:
                vote = 0
            t += 1000
            rows.append((t, "x", c, p, vote))
    votes = pd.DataFrame(rows, columns=["timestamp", "datetime", "comment-id", "voter-id", "vote"])
    comments.to_csv(folder / "comments.csv", index=False)
    votes.to_csv(folder / "votes.csv", index=False)
    return folder


def camps(n_participants: int = 60) -> pd.Series:
    return pd.Series([p % 2 for p in range(n_participants)], index=range(n_participants))


def as_current_export(source: Path, folder: Path, prefix: str = "2025-08-29-0002-7btrabcujr-") -> Path:
    """The shipped conversation renamed the way current Pol.is exports name their files, times in seconds."""
    folder.mkdir()
    for role in ("comments", "votes"):
        frame = pd.read_csv(source / f"{role}.csv")
        frame["timestamp"] = frame["timestamp"] // 1000
        frame.to_csv(folder / f"{prefix}{role}.csv", index=False)
    (folder / f"{prefix}participant-votes.csv").write_bytes((source / "participants-votes.csv").read_bytes())
    (folder / f"{prefix}summary.csv").write_bytes((source / "summary.csv").read_bytes())
    (folder / f"{prefix}comment-groups.csv").write_text("comment-id,comment\n", encoding="utf-8")  # ignored
    return folder


def make_noise_folder(folder: Path, *, n_participants: int = 200, n_comments: int = 20, seed: int = 1) -> Path:
    """Pure noise: every vote agree, disagree or pass at random, so there are no opinion groups to find."""
    rng = np.random.default_rng(seed)
    make_polis_folder(folder, n_participants=2, n_comments=n_comments)  # comments.csv in the same format
    pid, cid = np.nonzero(rng.random((n_participants, n_comments)) < 0.8)
    votes = pd.DataFrame({"timestamp": 1_600_000_100_000 + np.arange(len(pid)), "datetime": "x", "comment-id": cid,
                          "voter-id": pid, "vote": rng.choice([-1, 0, 1], size=len(pid))})
    votes.to_csv(folder / "votes.csv", index=False)
    return folder
