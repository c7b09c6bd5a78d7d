"""Text rendered once and blitted from a cache: word wrap, line limits, ellipsis, overflow reports.

Wrapping 600 characters costs ~0.5 ms; blitting the cached result ~0.1 ms, so scenes ask for a
TextBlock whenever they need one and this module keeps the surfaces. Overflow (text cut to fit) is
recorded so the layout lint can report it with the content's location.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import pygame


@dataclass
class TextBlock:
    surface: pygame.Surface
    lines: list[str]
    overflow: bool
    """True when the text did not fit: lines were cut or a word was wider than the box."""
    natural_width: int
    """Width the text would need on one line per paragraph (for 'x % wider than its box' reports)."""


@dataclass
class Overflow:
    where: str
    text: str
    box_width: int
    natural_width: int
    lines_needed: int
    max_lines: int


def _size(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


def _split_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    parts, current = [], ""
    for ch in word:
        if current and font.size(current + ch)[0] > width:
            parts.append(current)
            current = ch
        else:
            current += ch
    return [*parts, current] if current else parts


def wrap(font: pygame.font.Font, text: str, width: int) -> tuple[list[str], bool]:
    """Greedy word wrap; returns lines and whether a single word had to be broken."""
    lines: list[str] = []
    broke = False
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if font.size(word)[0] > width:
                broke = True
                pieces = _split_word(font, word, width)
                lines.extend(pieces[:-1])
                current = pieces[-1] if pieces else ""
            else:
                current = word
        lines.append(current)
    return lines, broke


@dataclass
class TextRenderer:
    """Renders and caches text blocks (LRU bounded by count and by surface memory)."""

    max_items: int = 4000
    max_bytes: int = 48 * 1024 * 1024
    _bytes: int = 0
    _cache: OrderedDict[tuple, TextBlock] = field(default_factory=OrderedDict)
    overflows: list[Overflow] = field(default_factory=list)
    record_overflow: bool = False

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._cache)

    def clear(self) -> None:
        self._cache.clear()
        self._bytes = 0

    def line(self, text: str, font: pygame.font.Font, color: pygame.Color | tuple) -> pygame.Surface:
        """One line, no wrapping."""
        return self.block(text, font, color, width=0).surface

    def block(self, text: str, font: pygame.font.Font, color: pygame.Color | tuple, width: int = 0,
              max_lines: int = 0, align: str = "left", line_spacing: float = 1.15, where: str = "") -> TextBlock:
        """Wrap `text` into `width` px (0: no wrap), at most `max_lines` (0: no limit), with an ellipsis."""
        key = (text, id(font), tuple(color), width, max_lines, align, line_spacing)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            if cached.overflow and self.record_overflow and where:
                self._record(where, text, width, cached, max_lines, font)
            return cached
        natural = max((font.size(p)[0] for p in text.split("\n")), default=0)
        if width > 0:
            lines, broke = wrap(font, text, width)
        else:
            lines, broke = text.split("\n"), False
        overflow = broke
        if max_lines and len(lines) > max_lines:
            overflow = True
            lines = lines[:max_lines]
            last = lines[-1].rstrip()
            while last and font.size(last + "…")[0] > width > 0:
                last = last[:-1].rstrip()
            lines[-1] = last + "…"
        step = round(font.get_linesize() * line_spacing)
        surf_w = width if width > 0 else max((font.size(line)[0] for line in lines), default=1)
        surf_h = max(1, step * (len(lines) - 1) + font.get_height()) if lines else 1
        surface = pygame.Surface((max(1, surf_w), surf_h), pygame.SRCALPHA)
        for index, line in enumerate(lines):
            if not line:
                continue
            rendered = font.render(line, True, color)
            x = 0
            if align == "center":
                x = (surf_w - rendered.get_width()) // 2
            elif align == "right":
                x = surf_w - rendered.get_width()
            surface.blit(rendered, (x, index * step))
        block = TextBlock(surface, lines, overflow, natural)
        self._cache[key] = block
        self._bytes += _size(surface)
        while self._cache and (len(self._cache) > self.max_items or self._bytes > self.max_bytes):
            _, dropped = self._cache.popitem(last=False)
            self._bytes -= _size(dropped.surface)
        if overflow and self.record_overflow and where:
            self._record(where, text, width, block, max_lines, font)
        return block

    def _record(self, where: str, text: str, width: int, block: TextBlock, max_lines: int,
                font: pygame.font.Font) -> None:
        needed = len(wrap(font, text, width)[0]) if width > 0 else 1
        self.overflows.append(Overflow(where, text, width, block.natural_width, needed, max_lines))

    def fit(self, text: str, fonts: list[pygame.font.Font], color: pygame.Color | tuple, width: int,
            max_lines: int, where: str = "", align: str = "left") -> TextBlock:
        """First font (largest first) whose wrap fits; the last one is used with ellipsis otherwise."""
        for font in fonts[:-1]:
            lines, broke = wrap(font, text, width)
            if not broke and len(lines) <= max_lines:
                return self.block(text, font, color, width, max_lines, align=align, where=where)
        return self.block(text, fonts[-1], color, width, max_lines, align=align, where=where)
