"""The router's cross-fade: the previous scene's last frame fades out over the new scene, and the snapshot
is copied into one kept surface instead of a new full-screen allocation on every scene change."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Mapping
from typing import Any

import pygame

from kiosk.router import Router


class _Plain:
    """The smallest object the router treats as a scene."""

    def __init__(self, name: str) -> None:
        self.name = name

    def enter(self, params: Mapping[str, Any]) -> None:
        pass

    def exit(self) -> None:
        pass

    def resume(self, result: Any) -> None:
        pass


def _router() -> Router:
    router = Router("a", transition_s=0.25)
    router.register("a", lambda: _Plain("a"))  # type: ignore[arg-type, return-value]
    router.register("b", lambda: _Plain("b"))  # type: ignore[arg-type, return-value]
    router.reset_home()
    router.apply(None)
    return router


def _frame(color: tuple[int, int, int]) -> pygame.Surface:
    surface = pygame.Surface((64, 48))
    surface.fill(color)
    return surface


def test_fade_starts_with_the_old_frame_and_ends_with_the_new() -> None:
    router = _router()
    router.push("b")
    assert router.apply(_frame((200, 0, 0)))
    screen = _frame((0, 0, 200))
    router.draw_transition(screen)
    assert screen.get_at((10, 10))[:3] == (200, 0, 0)  # first frame: the old scene, fully opaque
    router.update(0.125)
    screen = _frame((0, 0, 200))
    router.draw_transition(screen)
    red, _, blue = screen.get_at((10, 10))[:3]
    assert 90 <= red <= 110 and 90 <= blue <= 110  # half way
    router.update(0.2)
    screen = _frame((0, 0, 200))
    router.draw_transition(screen)
    assert screen.get_at((10, 10))[:3] == (0, 0, 200)  # done: only the new scene


def test_snapshot_surface_is_reused_across_scene_changes() -> None:
    router = _router()
    router.push("b")
    router.apply(_frame((200, 0, 0)))
    first = router._fade_from
    router.update(1.0)
    router.pop()
    router.apply(_frame((0, 200, 0)))
    assert router._fade_from is first
    screen = _frame((0, 0, 0))
    router.draw_transition(screen)
    assert screen.get_at((5, 5))[:3] == (0, 200, 0)  # the new snapshot, not the old one
