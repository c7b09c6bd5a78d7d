"""The page engine's fonts: DejaVu Serif for body text (a 1990s page was Times on grey or white),
DejaVu Sans Mono for tables and counters; loaded once per (face, size) from assets/fonts/."""

from __future__ import annotations

from pathlib import Path

import pygame

DEFAULT_FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"

FACES: dict[str, str] = {
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono-bold": "DejaVuSansMono-Bold.ttf",
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
}


def bold_of(face: str) -> str:
    return face if face.endswith("-bold") else f"{face}-bold"


class Fonts:
    """Cache of pygame fonts; a missing font file falls back to pygame's built-in font (never crashes)."""

    def __init__(self, font_dir: Path | None = None) -> None:
        self.font_dir = font_dir or DEFAULT_FONT_DIR
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}
        self._widths: dict[tuple[str, int, str], int] = {}

    def get(self, face: str, size: int) -> pygame.font.Font:
        key = (face, size)
        font = self._cache.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            path = self.font_dir / FACES.get(face, FACES["serif"])
            try:
                font = pygame.font.Font(path, size)
            except (OSError, FileNotFoundError):
                font = pygame.font.Font(None, size)
            self._cache[key] = font
        return font

    def width(self, face: str, size: int, text: str) -> int:
        """Rendered width of `text` in px (memoised: layout measures the same words again and again)."""
        key = (face, size, text)
        width = self._widths.get(key)
        if width is None:
            width = self.get(face, size).size(text)[0]
            if len(self._widths) > 20000:
                self._widths.clear()
            self._widths[key] = width
        return width

    def line_height(self, face: str, size: int) -> int:
        return self.get(face, size).get_linesize()
