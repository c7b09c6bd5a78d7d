"""Small period drawings the page engine makes in code: bevels (the 3-D look of 1990s tables and rules), the
image placeholder a browser showed before a picture arrived, the "under construction" banner, the odometer
hit counter and the scrolling marquee strip. Original art in code; no product artwork is copied."""

from __future__ import annotations

import pygame

from kiosk.pages.fonts import Fonts
from kiosk.pages.model import rgb

RGB = tuple[int, int, int]

BEVEL_DARK: RGB = (128, 128, 128)
COUNTER_BACK: RGB = (0, 0, 0)
COUNTER_DIGIT: RGB = (255, 255, 255)
COUNTER_SEPARATOR: RGB = (96, 96, 96)
CONSTRUCTION_YELLOW: RGB = (255, 204, 0)
CONSTRUCTION_BLACK: RGB = (0, 0, 0)
PLACEHOLDER_ICON: tuple[RGB, RGB, RGB] = ((0, 128, 0), (0, 0, 192), (192, 0, 0))


def bevel_light(background: RGB) -> RGB:
    """The light edge of a bevel: white on grey pages, a visible grey on white ones."""
    return (255, 255, 255) if sum(background) < 3 * 235 else (200, 200, 200)


def draw_bevel(surface: pygame.Surface, rect: pygame.Rect, *, raised: bool, width: int, background: RGB) -> None:
    light, dark = bevel_light(background), BEVEL_DARK
    top_left, bottom_right = (light, dark) if raised else (dark, light)
    for i in range(width):
        r = rect.inflate(-2 * i, -2 * i)
        if r.width <= 1 or r.height <= 1:
            break
        pygame.draw.line(surface, top_left, r.topleft, (r.right - 1, r.top))
        pygame.draw.line(surface, top_left, r.topleft, (r.left, r.bottom - 1))
        pygame.draw.line(surface, bottom_right, (r.left, r.bottom - 1), (r.right - 1, r.bottom - 1))
        pygame.draw.line(surface, bottom_right, (r.right - 1, r.top), (r.right - 1, r.bottom - 1))


def draw_placeholder(surface: pygame.Surface, rect: pygame.Rect, alt: str, fonts: Fonts, *,
                     text_colour: RGB, background: RGB, antialias: bool) -> None:
    """A sunken frame with a tiny picture icon and the alt text, as browsers drew images not yet loaded."""
    pygame.draw.rect(surface, background, rect)
    draw_bevel(surface, rect, raised=False, width=1, background=background)
    if rect.width < 20 or rect.height < 18:
        return
    icon = pygame.Rect(rect.x + 4, rect.y + 4, 14, 12)
    pygame.draw.rect(surface, (255, 255, 255), icon)
    pygame.draw.rect(surface, BEVEL_DARK, icon, 1)
    pygame.draw.circle(surface, PLACEHOLDER_ICON[2], (icon.x + 4, icon.y + 4), 2)
    pygame.draw.polygon(surface, PLACEHOLDER_ICON[0], [(icon.x + 2, icon.bottom - 2), (icon.x + 7, icon.y + 5),
                                                       (icon.right - 2, icon.bottom - 2)])
    pygame.draw.rect(surface, PLACEHOLDER_ICON[1], (icon.right - 5, icon.y + 2, 3, 3))
    if alt and rect.width > 40:
        font = fonts.get("serif", 12)
        label = font.render(alt, antialias, text_colour)
        clip = surface.get_clip()
        surface.set_clip(rect.inflate(-4, -4).clip(clip) if clip else rect.inflate(-4, -4))
        surface.blit(label, (icon.right + 4, rect.y + 3))
        surface.set_clip(clip)


def draw_construction_sign(surface: pygame.Surface, centre: tuple[int, int], size: int) -> None:
    """A diamond road-works sign with a digging figure (drawn from simple shapes)."""
    cx, cy = centre
    half = size // 2
    diamond = [(cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy)]
    pygame.draw.polygon(surface, CONSTRUCTION_YELLOW, diamond)
    pygame.draw.polygon(surface, CONSTRUCTION_BLACK, diamond, 2)
    unit = max(1, size // 20)
    pygame.draw.circle(surface, CONSTRUCTION_BLACK, (cx - 2 * unit, cy - 5 * unit), 2 * unit)
    pygame.draw.line(surface, CONSTRUCTION_BLACK, (cx - 2 * unit, cy - 3 * unit), (cx, cy + 2 * unit), 2 * unit)
    pygame.draw.line(surface, CONSTRUCTION_BLACK, (cx, cy + 2 * unit), (cx - 3 * unit, cy + 6 * unit), 2 * unit)
    pygame.draw.line(surface, CONSTRUCTION_BLACK, (cx, cy + 2 * unit), (cx + 2 * unit, cy + 6 * unit), 2 * unit)
    pygame.draw.line(surface, CONSTRUCTION_BLACK, (cx - unit, cy - unit), (cx + 4 * unit, cy + unit), unit)
    pygame.draw.line(surface, CONSTRUCTION_BLACK, (cx + 4 * unit, cy - 2 * unit), (cx + 5 * unit, cy + 5 * unit), unit)
    pygame.draw.polygon(surface, CONSTRUCTION_BLACK, [(cx + 3 * unit, cy + 5 * unit), (cx + 7 * unit, cy + 5 * unit),
                                                      (cx + 6 * unit, cy + 7 * unit)])


def draw_under_construction(surface: pygame.Surface, rect: pygame.Rect, text: str, fonts: Fonts, *,
                            background: RGB, text_colour: RGB, antialias: bool) -> None:
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    pygame.draw.rect(surface, CONSTRUCTION_YELLOW, rect)
    stripe = 14
    for x in range(rect.x - rect.height, rect.right + rect.height, 2 * stripe):
        pygame.draw.polygon(surface, CONSTRUCTION_BLACK, [(x, rect.bottom), (x + stripe, rect.bottom),
                                                          (x + stripe + rect.height, rect.y), (x + rect.height, rect.y)])
    inner = rect.inflate(-16, -16)
    pygame.draw.rect(surface, background, inner)
    surface.set_clip(inner.clip(clip) if clip else inner)
    sign = min(inner.height - 4, 40)
    draw_construction_sign(surface, (inner.x + 6 + sign // 2, inner.centery), sign)
    font = fonts.get("serif-bold", 18)
    label = font.render(text, antialias, text_colour)
    surface.blit(label, (inner.x + sign + 16, inner.centery - label.get_height() // 2))
    surface.set_clip(clip)


def draw_hit_counter(surface: pygame.Surface, rect: pygame.Rect, value: int, digits: int, fonts: Fonts, *,
                     antialias: bool) -> None:
    """Odometer-style digits, white on black, each in its own cell; too-large values show all nines."""
    text = str(min(value, 10 ** digits - 1)).rjust(digits, "0")
    pygame.draw.rect(surface, COUNTER_BACK, rect)
    font = fonts.get("mono-bold", 16)
    cell_w = (rect.width - 4) // digits
    for i, char in enumerate(text):
        cell = pygame.Rect(rect.x + 2 + i * cell_w, rect.y + 2, cell_w, rect.height - 4)
        if i:
            pygame.draw.line(surface, COUNTER_SEPARATOR, (cell.x, cell.y), (cell.x, cell.bottom - 1))
        glyph = font.render(char, antialias, COUNTER_DIGIT)
        surface.blit(glyph, glyph.get_rect(center=cell.center))


def draw_marquee(surface: pygame.Surface, rect: pygame.Rect, strip_text: pygame.Surface, offset: float,
                 background: RGB) -> None:
    """Text entering from the right and leaving on the left, then starting again (like <marquee>)."""
    pygame.draw.rect(surface, background, rect)
    cycle = rect.width + strip_text.get_width()
    x = rect.right - (offset % cycle)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    surface.blit(strip_text, (round(x), rect.y + (rect.height - strip_text.get_height()) // 2))
    surface.set_clip(clip)


def colour(value: str | None, fallback: RGB) -> RGB:
    return rgb(value) if value else fallback
