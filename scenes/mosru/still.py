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

import pygame

from kiosk.widgets import StillLayer

__all__ = ["StillLayer", "desktop"]


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
