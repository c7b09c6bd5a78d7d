"""QR codes (segno) turned into crisp pygame Surfaces, rendered once per link and size.

Modules are scaled by a whole number of pixels (nearest neighbour) so phones read the code from a distance;
the quiet zone of 4 modules is part of the surface.
"""

from __future__ import annotations

import pygame
import segno

_CACHE: dict[tuple[str, int, tuple[int, ...], tuple[int, ...]], pygame.Surface] = {}


def qr_surface(link: str, max_side: int, dark: pygame.Color, light: pygame.Color) -> pygame.Surface:
    """A square QR surface of at most `max_side` pixels (at least one pixel per module)."""
    key = (link, max_side, tuple(dark), tuple(light))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    code = segno.make(link, error="m", micro=False)
    rows = list(code.matrix_iter(scale=1, border=4))
    modules = len(rows)
    small = pygame.Surface((modules, modules))
    small.fill(light)
    for y, row in enumerate(rows):
        for x, value in enumerate(row):
            if value:
                small.set_at((x, y), dark)
    scale = max(1, max_side // modules)
    surface = pygame.transform.scale(small, (modules * scale, modules * scale))
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = surface
    return surface
