"""Driving the 1990s computer scene in the real app like a visitor: open it from the menu, tap keys by target
name, tap character cells on the monitor, press physical keys, wait on the simulated clock."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pygame

from scenes.retro_pc.scene import RetroPcScene
from scenes.retro_pc.textscreen import COLS, ROWS

SCENES = {"menu": "scenes.menu", "retro_pc": "scenes.retro_pc", "mosru": "scenes.mosru"}
SCENES_WITHOUT_MOSRU = {"menu": "scenes.menu", "retro_pc": "scenes.retro_pc"}
SHOTS = Path("/tmp/retro_shots")
LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


def open_scene(app: Any) -> Any:
    """From the menu, tap the computer's button; returns the scene (booting)."""
    app.advance(0.1)
    assert app.play([{"tap": {"target": "menu.retro_pc"}}, {"wait": 0.3}]) == []
    assert app.scene_name() == "retro_pc"
    scene = app.router.top
    assert isinstance(scene, RetroPcScene)
    return scene


def skip_boot(app: Any) -> None:
    """Tap the monitor: the POST and DOS lines finish at once, the prompt appears."""
    assert app.play([{"tap": {"target": "retro.screen"}}, {"wait": 0.05}]) == []
    scene = app.router.top
    assert scene.machine.state == "shell", scene.machine.screen.text()


def tap_keys(app: Any, keys: Iterable[str]) -> None:
    """Tap on-screen keys by id (key.<id> targets), like a finger."""
    assert app.play([{"tap": {"target": f"key.{key}"}} for key in keys]) == []


def tap_text(app: Any, text: str, enter: bool = True) -> None:
    """Type text with on-screen key taps in the machine's current layout (Shift before capitals)."""
    scene = app.router.top
    keys = scene.machine.on_screen.taps_for_text(text)
    tap_keys(app, [*keys, *(["ENTER"] if enter else [])])


def press_keys(app: Any, names: Iterable[str]) -> None:
    """Physical key presses (pygame KEYDOWN events through the app's own event queue)."""
    assert app.play([{"key": name} for name in names]) == []


def cell_point(scene: Any, col: int, row: int) -> list[float]:
    """Screen position of the middle of a character cell on the monitor."""
    rect = scene.geo.screen
    return [rect.left + (col + 0.5) * rect.width / COLS, rect.top + (row + 0.5) * rect.height / ROWS]


def run_until(app: Any, done: Callable[[], bool], limit: float = 30.0, step: float = 0.1) -> float:
    waited = 0.0
    while not done():
        assert waited < limit, "timed out"
        app.advance(step)
        waited += step
    return waited


def screen_pixels_differ(app: Any, rect: pygame.Rect, background: tuple[int, int, int], samples: int = 4000) -> int:
    """How many sampled pixels of `rect` differ from the background colour (text was drawn)."""
    surface = app.display.screen.subsurface(rect)
    small = pygame.transform.scale(surface, (80, 50))
    return sum(1 for x in range(80) for y in range(50)
               if tuple(small.get_at((x, y)))[:3] != background)


def shot(app: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pygame.image.save(app.display.screen, str(path))
    return path
