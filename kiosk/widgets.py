"""Small drawing helpers shared by scenes and overlays: buttons, panels, scrims.

Buttons are drawn from theme tokens and cached text, and return their Target so scenes list what
they drew (scripts tap targets by name; the layout lint measures them).
"""

from __future__ import annotations

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
