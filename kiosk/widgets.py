"""Small drawing helpers shared by scenes and overlays: buttons, panels, scrims.

Buttons are drawn from theme tokens and cached text, and return their Target so scenes list what
they drew (scripts tap targets by name; the layout lint measures them).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext, Target


def panel(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect, color: str = "surface",
          scene: str | None = None, radius: str = "radius") -> None:
    pygame.draw.rect(surface, ctx.theme.color(color, scene), rect, border_radius=ctx.theme.size(radius, scene))


def scrim(surface: pygame.Surface, ctx: SceneContext, cache: dict[tuple[int, int], pygame.Surface]) -> None:
    """Darken the whole frame (for modal overlays); the dark layer is built once per size."""
    size = surface.get_size()
    layer = cache.get(size)
    if layer is None:
        layer = pygame.Surface(size, pygame.SRCALPHA)
        layer.fill(ctx.theme.color("scrim"))
        cache[size] = layer
    surface.blit(layer, (0, 0))


def button(surface: pygame.Surface, ctx: SceneContext, name: str, rect: pygame.Rect, label: str,
           primary: bool = True, scene: str | None = None, font_role: str = "sans_bold",
           size: str = "button") -> Target:
    """Draw a button with its label fitted inside; returns its Target."""
    theme = ctx.theme
    bg = theme.color("accent" if primary else "surface_hi" if _has(ctx, "surface_hi", scene) else "surface",
                     scene)
    fg = theme.color("accent_fg" if primary else "fg", scene)
    pygame.draw.rect(surface, bg, rect, border_radius=theme.size("radius", scene))
    pad = theme.px(12)
    fonts = [theme.font(font_role, size, scene), theme.font(font_role, "small", scene)]
    block = ctx.text.fit(label, fonts, fg, rect.width - 2 * pad, 2, where=f"button:{name}", align="center")
    surface.blit(block.surface, block.surface.get_rect(center=rect.center))
    return Target(name, rect.copy(), label)


def _has(ctx: SceneContext, token: str, scene: str | None) -> bool:
    try:
        ctx.theme.color(token, scene)
        return True
    except KeyError:
        return False


def hit(targets: list[Target], pos: tuple[float, float]) -> str | None:
    """Name of the topmost target under pos (targets drawn later are on top)."""
    for target in reversed(targets):
        if target.rect.collidepoint(pos):
            return target.name
    return None


@dataclass
class _Kept:
    surface: pygame.Surface
    owner: object


_KEPT: dict[tuple[object, ...], _Kept] = {}
"""One kept full-screen surface per screen format, shared by every StillLayer: only the scene on top draws,
and a new scene instance (each visit opens one) reuses it instead of allocating ~8 MB at 1080p, which cost
up to ~11 ms of page faults in its first still frame. A layer whose surface another layer took draws live
again and recaptures."""


class StillLayer:
    """A still full-screen picture kept as one layer: the caller names what it shows with a hashable key;
    once the same key was drawn in two frames in a row the pixels are copied into the kept surface, and later
    frames with that key blit it instead of drawing. A key that changes every frame costs nothing extra: it
    is never copied."""

    def __init__(self) -> None:
        self._format: tuple[object, ...] | None = None
        self._key: Hashable | None = None
        self._previous: Hashable | None = None
        self._targets: list[Target] = []
        self.copies = 0
        """How often the layer was (re)captured (tests check that a still screen is captured once)."""

    def blit(self, surface: pygame.Surface, key: Hashable) -> list[Target] | None:
        """Blit the kept layer if it shows `key`; returns its targets, or None (draw the still part)."""
        kept = _KEPT.get(self._format) if self._format is not None else None
        if kept is None or kept.owner is not self or key != self._key or self._format != _format_of(surface):
            return None
        surface.blit(kept.surface, (0, 0))
        self._previous = key
        return list(self._targets)

    def drawn(self, surface: pygame.Surface, key: Hashable, targets: list[Target]) -> None:
        """The still part for `key` was just drawn on `surface` (nothing else yet): keep it if `key` is steady."""
        if key == self._previous:
            self._format = _format_of(surface)
            kept = _KEPT.get(self._format)
            if kept is None:
                _KEPT[self._format] = _Kept(surface.copy(), self)  # allocated once per screen format
            else:
                kept.surface.blit(surface, (0, 0))
                kept.owner = self
            self._key = key
            self._targets = list(targets)
            self.copies += 1
        self._previous = key

    def forget(self) -> None:
        self._key = self._previous = None


def _format_of(surface: pygame.Surface) -> tuple[object, ...]:
    return (surface.get_size(), surface.get_bitsize(), surface.get_masks(), surface.get_flags() & pygame.SRCALPHA)
