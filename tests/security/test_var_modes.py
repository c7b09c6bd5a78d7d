"""var/ is the kiosk's own: folders 0700, files 0600 — logs, databases, the last good content copy, packs.

Checked after a real (headless) run of the app with the process umask at the usual 022, so the modes come
from the program itself and not from systemd's UMask=0077.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.packs import mkdir_private
from tests.security.conftest import SCENES


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[path.relative_to(root).as_posix()] = stat.S_IMODE(path.lstat().st_mode)
    return found


def wrong_modes(root: Path) -> list[str]:
    wrong = []
    for name, mode in modes(root).items():
        want = 0o700 if (root / name).is_dir() else 0o600
        if mode != want:
            wrong.append(f"{name}: {mode:o} (want {want:o})")
    return wrong


def test_var_after_a_real_run_is_0700_with_0600_files(make_app, tmp_path: Path, loose_umask: None) -> None:
    app = make_app(scenes=SCENES, home="timeline",
                   extra={"idle": {"idle_seconds": 5, "countdown_seconds": 1}})
    app.play([{"tap": [960, 540]}, {"wait": 1}])
    app.advance(7)  # the visit ends: analytics are written
    var = tmp_path / "var"
    names = set(modes(var))
    assert {"log/kiosk.log", "analytics.sqlite", "analytics.sqlite-wal",
            "last_good_content/timeline.yaml"} <= names, sorted(names)
    assert any(name.startswith("last_good_content/images/") for name in names)
    from scenes.active_citizen.store import VoteStore, db_path_for

    store = VoteStore(db_path_for(var))  # the poll's database, where the scene keeps it
    store.record_vote("q1", ["a"], "0123456789abcdef", "a|b")
    assert {"active_citizen/votes.sqlite3", "active_citizen/votes.sqlite3-wal"} <= set(modes(var))
    wrong = wrong_modes(var)
    assert wrong == [], "\n".join(wrong[:8])
    store.close()
    app.shutdown()
    assert wrong_modes(var) == []


def test_rotated_logs_stay_private(tmp_path: Path, loose_umask: None) -> None:
    import logging

    from kiosk.logs import setup_logging

    assert setup_logging(tmp_path / "var", max_kb=16, backups=2) == ""
    log = logging.getLogger("kiosk.test")
    for number in range(600):
        log.info("line %d %s", number, "x" * 60)
    names = sorted(modes(tmp_path / "var"))
    assert {"log/kiosk.log", "log/kiosk.log.1", "log/kiosk.log.2"} <= set(names), names
    assert wrong_modes(tmp_path / "var") == []
    setup_logging(None)


def test_private_folders_for_packs(tmp_path: Path, loose_umask: None) -> None:
    mkdir_private(tmp_path / "var" / "packs")
    assert wrong_modes(tmp_path / "var") == []
