"""Operations wired into the running app: opening hours, visit analytics, systemd notifications."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import pixel
from tests.engine import scenes_for_tests as rec

SCENES = {"rec": "tests.engine.scenes_for_tests", "boom": "tests.engine.boom"}
CLOSED_ALL_WEEK = {"weekdays": {"mon": None}}  # only Monday listed, and closed: closed every day


def test_closed_outside_opening_hours_ignores_touches(make_app):
    rec.EVENTS.clear()
    app = make_app(scenes=SCENES, home="rec", extra={"schedule": CLOSED_ALL_WEEK})
    app.advance(0.2)
    assert app.closed.visible
    assert pixel(app, 1000, 900) == (0, 0, 0) or max(pixel(app, 1000, 900)) < 40
    app.play([{"tap": {"target": "child"}}, {"wait": 0.5}])
    assert app.scene_name() == "rec" and not [e for e in rec.EVENTS if type(e).__name__ == "Tap"]


def test_black_closed_screen(make_app):
    app = make_app(scenes=SCENES, home="rec",
                   extra={"schedule": CLOSED_ALL_WEEK, "closed_screen": {"mode": "black"}})
    app.advance(0.2)
    colors = {pixel(app, x, y) for x in range(0, 1920, 40) for y in range(0, 1080, 40)}
    assert colors == {(0, 0, 0)}


def test_visit_is_recorded_without_the_idle_wait(make_app, tmp_path: Path):
    app = make_app(scenes=SCENES, home="rec", extra={"idle": {"idle_seconds": 5, "countdown_seconds": 2}})
    app.play([{"wait": 1}, {"tap": {"target": "child"}}, {"wait": 3}, {"tap": {"target": "lang"}}])
    app.advance(8)  # idle 5 s + countdown 2 s → the visit ends
    db = sqlite3.connect(tmp_path / "var" / "analytics.sqlite")
    sessions = db.execute("SELECT dwell_s, lang FROM sessions").fetchall()
    assert len(sessions) == 1
    dwell, lang = sessions[0]
    assert 2.5 < dwell < 4.5, dwell  # about 3.3 s of touching, not the 7 s of waiting
    assert lang == "en"
    kinds = {row[0]: row[1] for row in db.execute("SELECT kind, value FROM events")}
    assert kinds["scene_opened"] == "boom" and kinds["language_chosen"] == "en"


def test_systemd_ready_and_watchdog(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    address = str(tmp_path / "notify.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(address)
    server.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    app = make_app(scenes=SCENES, home="rec")
    app.advance(0.1)
    messages = set()
    for _ in range(2):
        messages.add(server.recv(4096).decode())
    assert "READY=1" in messages and "WATCHDOG=1" in messages
    server.close()
