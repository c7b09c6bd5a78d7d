"""The desk, the wall and a beige CRT monitor, drawn in code (original art, no photo or brand), and the text
screen shown inside it.

The art is pre-rendered once per screen geometry into one surface the scene blits first every frame. The
machine's 720x400 picture is scaled into a pre-allocated surface only when it changed (its rows carry
version numbers, the cursor blinks a few times a second), with the scanline and curved-tube overlays composed
in at the same moment, so an idle frame costs one blit.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

import pygame

from .geometry import SCENE, SceneGeometry
from .textscreen import make_scanline_overlay

if TYPE_CHECKING:
    from kiosk.theme import Theme

    from .machine import RetroMachine

_ART_CACHE: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
_ART_CACHE_SIZE = 2


def _blend(a: pygame.Color, b: pygame.Color, share: float) -> pygame.Color:
    return pygame.Color(a).lerp(b, max(0.0, min(1.0, share)))


def _soft_shadow(surface: pygame.Surface, rect: pygame.Rect, color: pygame.Color, spread: int,
                 radius: int) -> None:
    layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    steps = max(1, spread // 3)
    for step in range(steps, 0, -1):
        grown = rect.inflate(2 * step * 3, 2 * step * 3)
        alpha = round(color.a * (1 - step / (steps + 1)) / steps * 2)
        pygame.draw.rect(layer, (color.r, color.g, color.b, min(255, alpha)), grown, border_radius=radius + step * 3)
    surface.blit(layer, (0, 0))


def draw_backdrop(surface: pygame.Surface, geo: SceneGeometry, theme: Theme) -> None:
    """Wall and desk: a gentle gradient on the wall, a wooden desk with a front lip and a little grain."""
    def color(token: str) -> pygame.Color:
        return theme.color(token, SCENE)

    width, height = surface.get_size()
    wall, wall_low = color("wall"), color("wall_low")
    desk_top = max(0, min(height, geo.desk_top))
    for y in range(desk_top):
        surface.fill(_blend(wall, wall_low, y / max(1, desk_top)), (0, y, width, 1))
    surface.fill(color("desk"), (0, desk_top, width, height - desk_top))
    lip = max(2, theme.px(6))
    surface.fill(color("desk_edge"), (0, desk_top, width, lip))
    grain = color("desk_grain")
    spacing = max(6, theme.px(23))
    for index, y in enumerate(range(desk_top + lip + spacing, height, spacing)):
        start = (index * 397) % max(1, width // 3)
        surface.fill(grain, (start, y, width - start - (index * 211) % max(1, width // 4), max(1, theme.px(2))))


def draw_monitor(surface: pygame.Surface, geo: SceneGeometry, theme: Theme) -> None:
    """The CRT: shadow, beige case with lit and shaded edges, dark bezel, the tube, a power LED, the foot."""
    def color(token: str) -> pygame.Color:
        return theme.color(token, SCENE)

    def size(token: str) -> int:
        return theme.size(token, SCENE)

    case, radius = geo.monitor, size("case_radius")
    _soft_shadow(surface, case.move(theme.px(10), theme.px(14)), color("shadow"), theme.px(30), radius)
    foot = geo.foot
    neck = pygame.Rect(0, case.bottom - theme.px(4), round(foot.width * 0.6), foot.height // 2 + theme.px(4))
    neck.centerx = foot.centerx
    pygame.draw.rect(surface, color("case_dark"), neck)
    base = pygame.Rect(foot.left, foot.centery, foot.width, foot.height // 2)
    pygame.draw.rect(surface, color("case"), base, border_radius=max(2, base.height // 3))
    pygame.draw.rect(surface, color("case_dark"), base, width=max(1, theme.px(2)), border_radius=max(2, base.height // 3))
    pygame.draw.rect(surface, color("case_dark"), case, border_radius=radius)
    pygame.draw.rect(surface, color("case_light"), case.move(0, 0).inflate(-theme.px(4), -theme.px(6)).move(
        -theme.px(2), -theme.px(3)), border_radius=radius)
    pygame.draw.rect(surface, color("case"), case.inflate(-theme.px(10), -theme.px(12)), border_radius=radius)
    bezel = geo.screen.inflate(2 * size("bezel"), 2 * size("bezel"))
    pygame.draw.rect(surface, color("case_dark"), bezel.inflate(theme.px(6), theme.px(6)),
                     border_radius=size("glass_radius") + theme.px(8))
    pygame.draw.rect(surface, color("bezel"), bezel, border_radius=size("glass_radius") + theme.px(6))
    pygame.draw.rect(surface, color("bezel_edge"), geo.glass.inflate(theme.px(6), theme.px(6)),
                     border_radius=size("glass_radius") + theme.px(2))
    pygame.draw.rect(surface, color("glass"), geo.glass, border_radius=size("glass_radius"))
    chin_y = (bezel.bottom + case.bottom) // 2
    led = size("led")
    pygame.draw.circle(surface, color("led"), (case.right - size("case_border") - 4 * led, chin_y), led)
    button = pygame.Rect(0, 0, 5 * led, 2 * led)
    button.center = (case.right - size("case_border") - 11 * led, chin_y)
    pygame.draw.rect(surface, color("case_dark"), button, border_radius=led)
    vent_w = max(2, theme.px(4))
    for index in range(8):
        x = case.left + size("case_border") + index * 3 * vent_w
        pygame.draw.rect(surface, color("vent"), (x, chin_y - led, vent_w, 2 * led), border_radius=vent_w // 2)


def build_art(geo: SceneGeometry, theme: Theme) -> pygame.Surface:
    """The whole static picture for this geometry (cached: scene instances share it, it holds no visitor state)."""
    key = (repr(geo), id(theme), theme.lang)
    art = _ART_CACHE.get(key)
    if art is None:
        art = pygame.Surface(geo.size)
        draw_backdrop(art, geo, theme)
        draw_monitor(art, geo, theme)
        _ART_CACHE[key] = art
        while len(_ART_CACHE) > _ART_CACHE_SIZE:
            _ART_CACHE.popitem(last=False)
    else:
        _ART_CACHE.move_to_end(key)
    return art


def vignette_mask(size: tuple[int, int], color: pygame.Color, steps: tuple[int, int] = (64, 36)) -> pygame.Surface:
    """Darker corners and edges of a curved tube: a small mask computed per pixel, smoothly scaled up."""
    small = pygame.Surface(steps, pygame.SRCALPHA)
    cols, rows = steps
    for y in range(rows):
        ny = abs((y + 0.5) / rows * 2 - 1)
        for x in range(cols):
            nx = abs((x + 0.5) / cols * 2 - 1)
            reach = (nx ** 5 + ny ** 5) ** 0.2  # a rounded rectangle: 1.0 on the edges, more in the corners
            share = max(0.0, min(1.0, (reach - 0.82) / 0.3))
            small.set_at((x, y), (color.r, color.g, color.b, round(color.a * share * share)))
    return pygame.transform.smoothscale(small, size)


def tube_overlay(size: tuple[int, int], theme: Theme) -> pygame.Surface:
    """Scanlines and the darker corners of a curved tube, composed once for the picture size."""
    scan = theme.color("scanline", SCENE)
    overlay = make_scanline_overlay(size, darkness=scan.a, period=2) if scan.a else pygame.Surface(size,
                                                                                                  pygame.SRCALPHA)
    overlay.blit(vignette_mask(size, theme.color("vignette", SCENE)), (0, 0))
    return overlay


class MonitorView:
    """The art plus the machine's picture scaled into the tube, redrawn only when the picture changed."""

    def __init__(self, geo: SceneGeometry, theme: Theme) -> None:
        self.geo = geo
        self.art = build_art(geo, theme)
        self.picture = pygame.Surface(geo.screen.size)
        self.overlay = tube_overlay(geo.screen.size, theme)
        self._signature: tuple[object, ...] | None = None
        self.rescaled = 0
        """How many times the picture was scaled (tests check idle frames do not rescale)."""

    def invalidate(self) -> None:
        self._signature = None

    def refresh(self, machine: RetroMachine) -> None:
        screen = machine.screen
        signature = (tuple(screen.row_versions), screen.cursor_col, screen.cursor_row,
                     screen.cursor_visible and machine.cursor_on)
        if signature == self._signature:
            return
        self._signature = signature
        frame = machine.frame()
        size = self.geo.screen.size
        if self.geo.integer_scale:
            pygame.transform.scale(frame, size, self.picture)
        else:
            pygame.transform.smoothscale(frame, size, self.picture)
        self.picture.blit(self.overlay, (0, 0))
        self.rescaled += 1

    def draw_art(self, surface: pygame.Surface) -> None:
        surface.blit(self.art, (0, 0))

    def draw_picture(self, surface: pygame.Surface) -> None:
        surface.blit(self.picture, self.geo.screen.topleft)
