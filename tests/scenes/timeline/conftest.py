"""Fixtures for the timeline tests: the real app headless on the default content, the timeline as home.

The scenes an event can open (mosru, retro_pc, active_citizen) are played by a stand-in, so these tests do not
depend on those packages.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

STANDIN = "tests.scenes.timeline.standin"
SCENES = {"timeline": "scenes.timeline", "mosru": STANDIN, "retro_pc": STANDIN, "active_citizen": STANDIN}
SHOTS = Path(os.environ.get("TIMELINE_SHOTS", "/tmp/timeline_shots"))


@pytest.fixture
def timeline_app(make_app: Callable[..., Any]) -> Callable[..., Any]:
    """timeline_app(size=(w, h), lang='ru', **options) → the App after its first frames, timeline on top."""

    def factory(size: tuple[int, int] = (1920, 1080), lang: str = "ru", **options: Any) -> Any:
        app = make_app(scenes=SCENES, home="timeline", size=size, lang=lang, **options)
        app.text.record_overflow = True
        settle(app)
        assert app.scene_name() == "timeline"
        return app

    return factory


def scene_of(app: Any) -> Any:
    return app.router.stack[0]


def settle(app: Any, seconds: float = 0.2, limit_s: float = 10.0) -> None:
    """Run frames for `seconds` of program time, then until no image is decoding (at most limit_s real s)."""
    app.advance(seconds)
    deadline = time.monotonic() + limit_s
    while app.images.pending() and time.monotonic() < deadline:
        time.sleep(0.005)
        app.advance(1 / 60)
    app.advance(0.05)


def shot(app: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pygame.image.save(app.display.screen, str(path))
    return path


class Finger:
    """A finger driven frame by frame (for holding still mid-gesture, which scripted swipes cannot do)."""

    def __init__(self, app: Any, finger_id: int = 91) -> None:
        self.app = app
        self.finger_id = finger_id

    def _post(self, kind: int, pos: tuple[float, float]) -> None:
        width, height = self.app.display.physical_size
        pygame.event.post(pygame.event.Event(kind, touch_id=1, finger_id=self.finger_id, x=pos[0] / width,
                                             y=pos[1] / height, dx=0.0, dy=0.0, pressure=1.0))
        self.app.frame(self.app.clock.tick())

    def down(self, pos: tuple[float, float]) -> None:
        self._post(pygame.FINGERDOWN, pos)

    def move(self, pos: tuple[float, float]) -> None:
        self._post(pygame.FINGERMOTION, pos)

    def up(self, pos: tuple[float, float]) -> None:
        self._post(pygame.FINGERUP, pos)

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 20) -> None:
        """Down at start, move to end over `steps` frames; the finger stays down."""
        self.down(start)
        for i in range(1, steps + 1):
            f = i / steps
            self.move((start[0] + (end[0] - start[0]) * f, start[1] + (end[1] - start[1]) * f))
