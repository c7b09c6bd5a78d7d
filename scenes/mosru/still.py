"""The period desktop behind the mos.ru browser, drawn once (the scene keeps its still parts with
kiosk.widgets.StillLayer)."""

from __future__ import annotations

import pygame


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
