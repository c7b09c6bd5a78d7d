"""The part of the mos.ru screen that did not change since the previous frame, kept as one full-screen layer.

Why: the scene's frame is ~40 draw calls (desktop, browser chrome with bevels, side panel, dialog, compare
panes) and took 4–6 ms at 1080p, over the bench target (3 × a bare full-screen blit) in every frame the soak's
monkey spent here. Most of it is still most of the time: the connection dialog waiting for a choice, the
compare view, the chrome and panel around a page whose marquee moves. The scene names what its still part
shows with a key; once the same key was drawn in two frames in a row the pixels are copied into a kept
surface and later frames with that key blit it (one blit) and draw only the live parts on top. A key that
changes every frame (loading status, handshake progress) costs nothing extra: it is never copied.
"""

from __future__ import annotations

from collections.abc import Hashable

import pygame

from kiosk.scene import Target


class StillLayer:
    def __init__(self) -> None:
        self._surface: pygame.Surface | None = None
        self._key: Hashable | None = None
        self._previous: Hashable | None = None
        self._targets: list[Target] = []
        self.copies = 0
        """How often the layer was (re)captured (tests check that a still screen is captured once)."""

    def blit(self, surface: pygame.Surface, key: Hashable) -> list[Target] | None:
        """Blit the kept layer if it shows `key`; returns its targets, or None (draw the still part)."""
        if self._surface is None or key != self._key or self._surface.get_size() != surface.get_size():
            return None
        surface.blit(self._surface, (0, 0))
        self._previous = key
        return list(self._targets)

    def drawn(self, surface: pygame.Surface, key: Hashable, targets: list[Target]) -> None:
        """The still part for `key` was just drawn on `surface` (nothing else yet): keep it if `key` is steady."""
        if key == self._previous:
            if self._surface is None or self._surface.get_size() != surface.get_size():
                self._surface = surface.copy()  # allocated once; later captures blit into it
            else:
                self._surface.blit(surface, (0, 0))
            self._key = key
            self._targets = list(targets)
            self.copies += 1
        self._previous = key

    def forget(self) -> None:
        self._key = self._previous = None


def desktop(size: tuple[int, int], fill: pygame.Color, dot: pygame.Color, step: int, top_bar: pygame.Rect,
            bar: pygame.Color) -> pygame.Surface:
    """The period desktop behind the browser: a dotted colour field with the kiosk's top bar."""
    surface = pygame.Surface(size)
    surface.fill(fill)
    for y in range(0, size[1], step):
        for x in range((y // step % 2) * step // 2, size[0], step):
            surface.set_at((x, y), dot)
    pygame.draw.rect(surface, bar, top_bar)
    return surface
