"""The admin overlay through the real app (simulated clock): five wrong PINs lock entry for 300 s, the next
lock lasts 600 s, every attempt is logged with its time, and the overlay closes itself after 60 s without
input — what a visitor who found the corner would meet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygame

from tests.conftest import pixel

SCENES = {"rec": "tests.engine.scenes_for_tests", "boom": "tests.engine.boom"}
GREEN = (20, 120, 60)
SIZE = (960, 540)  # small and 10 frames a second: the test lives through 15 simulated minutes
CORNER = (10, 530)  # bottom-left by default
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} ")


def start(make_app: Any) -> Any:
    app = make_app(scenes=SCENES, home="rec", lang="en", size=SIZE, fps=10)
    app.advance(0.1)
    return app


def hold_corner(app: Any) -> None:
    x, y = CORNER[0] / SIZE[0], CORNER[1] / SIZE[1]
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, touch_id=1, finger_id=7, x=x, y=y, dx=0, dy=0,
                                         pressure=1))
    app.advance(5.2)
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, touch_id=1, finger_id=7, x=x, y=y, dx=0, dy=0,
                                         pressure=1))
    app.advance(0.1)


def enter(app: Any, pin: str) -> None:
    assert app.play([*[{"tap": {"target": f"admin.key.{d}"}} for d in pin], {"tap": {"target": "admin.key.OK"}}]) \
        == []


def test_five_wrong_pins_lock_300_s_then_600_s_and_every_attempt_is_logged(make_app: Any, tmp_path: Path) -> None:
    app = start(make_app)
    hold_corner(app)
    assert app.admin.mode == "pin" and app.find_target("admin.key.OK") is not None
    for left in (4, 3, 2, 1):
        enter(app, "1111")
        assert app.admin.message == f"Wrong PIN. Attempts left: {left}"
    enter(app, "1111")
    locked = app.admin.gate.locked_for(app.clock.now())
    assert 299 <= locked <= 300 and re.fullmatch(r"Locked for (299|300) s", app.admin.message)
    enter(app, "2024")  # the right PIN does not open a locked gate
    assert app.admin.mode == "pin"

    app.advance(locked - 30)
    assert not app.admin.visible  # closed itself meanwhile
    hold_corner(app)
    left = app.admin.gate.locked_for(app.clock.now())
    assert 10 < left < 30 and app.admin.mode == "pin"
    assert app.admin.message == app.i18n.t("admin.locked", seconds=int(left + 0.1))  # (the visit ended: ru again)
    enter(app, "2024")
    assert app.admin.mode == "pin"
    app.advance(app.admin.gate.locked_for(app.clock.now()) + 0.2)
    assert app.admin.gate.locked_for(app.clock.now()) == 0

    for _ in range(5):
        enter(app, "9999")
    locked = app.admin.gate.locked_for(app.clock.now())
    assert 599 <= locked <= 600, "the second lock lasts twice as long"
    app.advance(locked - 30)
    hold_corner(app)
    enter(app, "2024")
    assert app.admin.mode == "pin"
    app.advance(app.admin.gate.locked_for(app.clock.now()) + 0.2)
    enter(app, "2024")
    assert app.admin.mode == "panel"

    log = [line for line in (tmp_path / "var" / "log" / "kiosk.log").read_text().splitlines() if "admin" in line]
    assert all(STAMP.match(line) for line in log)
    text = "\n".join(log)
    assert text.count("admin PIN wrong") == 10 and "admin PIN wrong (5 of 5)" in text
    assert "admin entry locked for 300 s" in text and "admin entry locked for 600 s" in text
    assert text.count("admin PIN attempt while locked") == 3 and text.count("admin PIN accepted") == 1


def test_overlay_closes_itself_after_60_s_without_input(make_app: Any) -> None:
    app = start(make_app)
    assert pixel(app, 480, 450) == GREEN
    hold_corner(app)
    assert app.admin.visible and pixel(app, 480, 450) != GREEN  # the PIN pad covers the exhibit
    app.advance(59)
    assert app.admin.visible
    app.advance(1.5)
    assert not app.admin.visible and app.find_target("admin.key.OK") is None
    assert pixel(app, 480, 450) == GREEN

    hold_corner(app)  # input restarts the minute
    app.advance(50)
    assert app.play([{"tap": {"target": "admin.key.1"}}]) == []
    app.advance(50)
    assert app.admin.visible
    app.advance(11)
    assert not app.admin.visible

    hold_corner(app)  # the open panel closes too, and the PIN is asked again next time
    enter(app, "2024")
    assert app.admin.mode == "panel" and app.find_target("admin.quit") is not None
    app.advance(61)
    assert not app.admin.visible and app.find_target("admin.quit") is None and app.running
    hold_corner(app)
    assert app.admin.mode == "pin"
