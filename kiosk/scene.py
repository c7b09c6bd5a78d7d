"""The scene protocol and what a scene may use (its context).

A scene is one screen with a small lifecycle (enter / exit / resume / handle / update / draw), as in
Arcade's View. Scenes never reach into each other: they ask the router to open another scene by name
and get its result back in `resume`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from kiosk.gestures import InputEvent, RawTouch
from kiosk.i18n import I18n
from kiosk.text import TextRenderer
from kiosk.theme import Theme

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.router import Router


@dataclass(frozen=True)
class Target:
    """A named touch target: scripts tap it by name, the layout lint measures it."""

    name: str
    rect: pygame.Rect
    label: str = ""


@dataclass
class Layout:
    """Screen geometry in logical pixels, derived from the screen size (never fixed pixels)."""

    width: int
    height: int
    diagonal_inch: float = 55.0
    target_mm: float = 15.0

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @property
    def rect(self) -> pygame.Rect:
        return pygame.Rect(0, 0, self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def scale(self) -> float:
        """1.0 on a 1080-pixel short side."""
        return min(self.width, self.height) / 1080.0

    @property
    def px_per_mm(self) -> float:
        diagonal_px = (self.width ** 2 + self.height ** 2) ** 0.5
        return diagonal_px / (self.diagonal_inch * 25.4)

    def mm(self, millimetres: float) -> int:
        return round(millimetres * self.px_per_mm)

    @property
    def min_target(self) -> int:
        """Smallest touch target side in px: the configured mm, and never under 80 px at 1080p."""
        return max(self.mm(self.target_mm), round(80 * self.scale))

    @property
    def lang_toggle_rect(self) -> pygame.Rect:
        """The engine's language button (top-right); scenes keep this corner free."""
        side = max(self.min_target, round(96 * self.scale))
        margin = round(16 * self.scale)
        return pygame.Rect(self.width - side - margin, margin, side, side)


class IdleHold:
    """Scenes hold the idle timer while they play media; the engine owns the real timer."""

    def __init__(self) -> None:
        self.holders: set[str] = set()

    def hold(self, reason: str) -> None:
        self.holders.add(reason)

    def release(self, reason: str) -> None:
        self.holders.discard(reason)

    @property
    def held(self) -> bool:
        return bool(self.holders)


@dataclass
class SceneContext:
    """Everything the engine lends a scene."""

    config: KioskConfig
    layout: Layout
    theme: Theme
    i18n: I18n
    text: TextRenderer
    router: Router
    content: Callable[[str], Any]
    """content('timeline.yaml') → the validated model of that file (None if absent)."""
    content_root: Path
    images: Any
    """kiosk.images.ImageCache: request(path, size) → Surface | None while decoding."""
    clock: Callable[[], float]
    idle: IdleHold
    sound: Any
    """kiosk.sound.Sound: play(buffer) respecting the global mute."""
    var_dir: Path
    analytics: Any = None
    """kiosk.analytics.Analytics or None: scene_opened / event_viewed / poll_answered …"""
    note: Callable[[str], None] = lambda message: None
    """Report a problem to the admin overlay and the log (never shown to visitors)."""
    headless: bool = False
    """Simulated clock: do background work synchronously so runs stay deterministic."""
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("kiosk.scene"))


class Scene:
    """Base class: override what you need. `name` is the registry name from kiosk.yaml."""

    name = "scene"
    holds_language_toggle = True
    """False if the scene draws no language button (the engine then draws none over it)."""
    wants_raw_input = False
    """True: `raw_input` also gets every finger as the panel reports it (diagnostics only)."""

    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx

    def enter(self, params: Mapping[str, Any]) -> None:
        """The scene becomes active (pushed with params)."""

    def exit(self) -> None:
        """The scene leaves the stack."""

    def resume(self, result: Any) -> None:
        """A scene above this one closed and returned `result`."""

    def handle(self, event: InputEvent) -> None:
        """A gesture or key press in logical coordinates."""

    def raw_input(self, touch: RawTouch) -> None:
        """A raw finger or mouse event (only if `wants_raw_input`); gestures still arrive in `handle`."""

    def update(self, dt: float) -> None:
        """Advance animations by dt seconds of program time."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole frame (logical size)."""

    def targets(self) -> list[Target]:
        """Named touch targets currently on screen."""
        return []

    def language_changed(self, lang: str) -> None:
        """Re-render cached text in the new language; keep the visitor's place."""

    def content_changed(self) -> None:
        """Hot reload swapped in new content."""

    def start_attract(self) -> None:
        """Home scene only: begin the attract tour (after idle)."""

    def stop_attract(self) -> None:
        """A visitor touched the screen during the attract tour."""

    def close(self, result: Any = None) -> None:
        """Leave this scene and return to the one below."""
        self.ctx.router.pop(result)
