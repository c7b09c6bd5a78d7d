"""Text contrast measured on the rendered pixels: each line of text against the background it is drawn on.

Method (also in docs/curator-tools.md):
1. The proof run keeps, for every text the scenes render (TextRenderer), the exact shape of each line's
   fully opaque glyph pixels ("cores") and its colour.
2. On the finished picture, the pixels of exactly a text colour are grouped sideways into lines. A group is
   text only if the cores of a rendered line of that colour match it pixel for pixel, so bevels, bars and
   dots of the same colour never count; text dimmed, faded or scaled after rendering no longer has its exact
   colour and is skipped (it is not meant to be read, e.g. the timeline behind a detail view).
3. The background is the per-channel median of the pixels around the line that are clearly not text (farther
   from the text colour than half the distance to the most common other colour, so antialiased edges do not
   count).
4. Contrast is the WCAG 2 ratio of the two relative luminances; below the configured minimum (4.5:1) it is a
   finding that names the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pygame
from PIL import Image

JOIN_EM = 0.8
"""Glyphs closer than this many font heights join into one line (word spaces are ~0.3)."""
MIN_BACKGROUND_SHARE = 0.1
MIN_SIDE = 3
MIN_CORE_PIXELS = 12
"""Lines with fewer fully opaque pixels (tiny glyphs) are not measured: they could match any speck."""
SLACK = 2
"""Antialiased pixels that round to the exact text colour may widen a line's group by this much."""

RGB = tuple[int, int, int]


def bounding_box(mask: pygame.Mask) -> pygame.Rect:
    """The box around all set pixels of `mask` (empty at 0, 0 when none are set)."""
    rects = mask.get_bounding_rects()
    return rects[0].unionall(rects[1:]) if rects else pygame.Rect(0, 0, 0, 0)


@dataclass(frozen=True)
class TextLine:
    core: pygame.Mask
    """The line's fully opaque glyph pixels, cropped to their bounding box."""
    footprint: pygame.Mask
    """Every pixel the line touches (antialiasing included), cropped to its own bounding box..."""
    footprint_at: tuple[int, int]
    """...which starts here relative to the core's box."""
    text: str
    where: str


@dataclass
class TextIndex:
    """Rendered lines by colour and core size, for recognising them on screen."""

    lines: dict[tuple[RGB, int, int], list[TextLine]] = field(default_factory=dict)
    heights: dict[RGB, int] = field(default_factory=dict)
    """Tallest font per colour (how far glyphs may be apart within a line)."""
    colours: set[RGB] = field(default_factory=set)

    def add_block(self, surface: pygame.Surface, lines: list[str], colour: RGB, font: pygame.font.Font,
                  line_spacing: float, where: str) -> None:
        step = round(font.get_linesize() * line_spacing)
        height = font.get_height()
        self.heights[colour] = max(self.heights.get(colour, 0), height)
        for index, text in enumerate(lines):
            if not text.strip():
                continue
            band = pygame.Rect(0, index * step, surface.get_width(), height).clip(surface.get_rect())
            if band.height <= 0:
                continue
            row = surface.subsurface(band)
            box = row.get_bounding_rect(255)
            if box.width < MIN_SIDE or box.height < MIN_SIDE:
                continue
            core = pygame.mask.from_surface(row.subsurface(box), 254)
            if core.count() < MIN_CORE_PIXELS:
                continue  # too few solid pixels to recognise the line on screen
            outer = row.get_bounding_rect(1)
            footprint = pygame.mask.from_surface(row.subsurface(outer), 0)
            line = TextLine(core, footprint, (outer.x - box.x, outer.y - box.y), text, where)
            self.lines.setdefault((colour, box.width, box.height), []).append(line)
            self.colours.add(colour)

    def match(self, glyphs: pygame.Mask, colour: RGB, box: pygame.Rect) -> tuple[pygame.Rect, TextLine] | None:
        """The rendered line drawn where `glyphs` (pixels of exactly `colour`) has the group `box`.

        The line's solid pixels must all be there, and no pixel of that colour may lie in the line's box
        outside its footprint (antialiased pixels that round to the exact colour are inside it)."""
        for shrink_w in range(SLACK + 1):
            for shrink_h in range(SLACK + 1):
                for line in self.lines.get((colour, box.width - shrink_w, box.height - shrink_h), ()):
                    for dx in range(shrink_w + 1):
                        for dy in range(shrink_h + 1):
                            if self._fits(glyphs, line, (box.x + dx, box.y + dy)):
                                return pygame.Rect(box.x + dx, box.y + dy, *line.core.get_size()), line
        return None

    @staticmethod
    def _fits(glyphs: pygame.Mask, line: TextLine, at: tuple[int, int]) -> bool:
        if glyphs.overlap_area(line.core, at) != line.core.count():
            return False
        outer = (at[0] + line.footprint_at[0], at[1] + line.footprint_at[1])
        inside = glyphs.overlap_area(line.footprint, outer)
        return inside == glyphs.overlap_area(pygame.Mask(line.footprint.get_size(), fill=True), outer)


@dataclass(frozen=True)
class ContrastFinding:
    text: RGB
    background: RGB
    ratio: float
    rect: pygame.Rect
    line: TextLine


def _linear(channel: int) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _distance(a: RGB, b: RGB) -> int:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2]))


def _weighted_median(pairs: list[tuple[int, int]]) -> int:
    """Median of values given as (count, value)."""
    pairs.sort(key=lambda pair: pair[1])
    half = sum(count for count, _ in pairs) / 2.0
    seen = 0
    for count, value in pairs:
        seen += count
        if seen >= half:
            return value
    return pairs[-1][1] if pairs else 0


def background_of(image: Image.Image, text: RGB) -> RGB | None:
    """Median colour of the pixels of `image` that are clearly not the text; None if too few of them."""
    found = image.getcolors(image.width * image.height)
    if not found:
        return None
    colours: list[tuple[int, RGB]] = [(count, (rgb[0], rgb[1], rgb[2])) for count, rgb in found
                                      if isinstance(rgb, tuple)]
    others = [(count, rgb) for count, rgb in colours if rgb != text]
    if not others:
        return None
    mode = max(others)[1]
    far = _distance(mode, text) / 2.0
    background = [(count, rgb) for count, rgb in others if _distance(rgb, text) >= far]
    total = sum(count for count, _ in colours)
    if sum(count for count, _ in background) < MIN_BACKGROUND_SHARE * total:
        return None
    return (_weighted_median([(count, rgb[0]) for count, rgb in background]),
            _weighted_median([(count, rgb[1]) for count, rgb in background]),
            _weighted_median([(count, rgb[2]) for count, rgb in background]))


def text_lines(surface: pygame.Surface, colour: RGB, index: TextIndex) -> list[tuple[pygame.Rect, TextLine]]:
    """Where rendered lines of `colour` appear on `surface`, pixel for pixel (steps 1-2 of the method)."""
    glyphs = pygame.mask.from_threshold(surface, colour, (1, 1, 1, 255))
    if glyphs.count() == 0:
        return []
    side = max(1, round(index.heights.get(colour, 10) * JOIN_EM / 2))
    joined = pygame.Mask(glyphs.get_size())
    glyphs.convolve(pygame.Mask((2 * side + 1, 1), fill=True), joined, (-side, 0))
    screen = surface.get_rect()
    found = []
    for rect in joined.get_bounding_rects():
        box = rect.inflate(-2 * side, 0)
        if box.left < 0 or box.right > screen.right or box.width <= 0:
            box = bounding_box(glyphs.overlap_mask(pygame.Mask(rect.size, fill=True), rect.topleft))
        matched = index.match(glyphs, colour, box)
        if matched is not None:
            found.append(matched)
    return found


def measure(surface: pygame.Surface, colours: Iterable[RGB], index: TextIndex,
            minimum: float) -> list[ContrastFinding]:
    """Lines of text in `colours` whose contrast with their background is below `minimum`."""
    colours = [c for c in colours if c in index.colours]
    if not colours:
        return []
    rgb = surface if surface.get_bitsize() in (24, 32) else surface.convert(24)
    image = Image.frombytes("RGB", rgb.get_size(), pygame.image.tobytes(rgb, "RGB"))
    findings: list[ContrastFinding] = []
    for colour in colours:
        for box, line in text_lines(surface, colour, index):
            margin = max(2, box.height // 2)
            around = box.inflate(2 * margin, 2 * margin).clip(surface.get_rect())
            background = background_of(image.crop((around.left, around.top, around.right, around.bottom)), colour)
            if background is None:
                continue
            ratio = contrast_ratio(colour, background)
            if ratio < minimum:
                findings.append(ContrastFinding(colour, background, ratio, box, line))
    return findings
