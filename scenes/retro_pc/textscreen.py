"""The 80x25 colour text screen of the emulated PC: a character buffer with attributes, and its renderer.

Every program of the machine (boot, shell, commander, editor, game) draws characters here and never touches
pixels; the renderer turns the buffer into a 720x400 surface (9x16 cells, as the VGA text mode did). Rows
carry a version number so that the renderer redraws only the rows that changed: redrawing all 2000 cells every
frame costs 5-12 ms, blitting cached rows costs well under a millisecond.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

import pygame
import pygame.freetype

COLS = 80
ROWS = 25
CELL_W = 9
CELL_H = 16

# The 16 colours of the CGA/EGA/VGA text mode (index = colour number, brown is the famous dark yellow).
CGA_PALETTE: tuple[tuple[int, int, int], ...] = (
    (0, 0, 0), (0, 0, 170), (0, 170, 0), (0, 170, 170),
    (170, 0, 0), (170, 0, 170), (170, 85, 0), (170, 170, 170),
    (85, 85, 85), (85, 85, 255), (85, 255, 85), (85, 255, 255),
    (255, 85, 85), (255, 85, 255), (255, 255, 85), (255, 255, 255),
)


class Color(IntEnum):
    BLACK = 0
    BLUE = 1
    GREEN = 2
    CYAN = 3
    RED = 4
    MAGENTA = 5
    BROWN = 6
    LIGHT_GRAY = 7
    DARK_GRAY = 8
    LIGHT_BLUE = 9
    LIGHT_GREEN = 10
    LIGHT_CYAN = 11
    LIGHT_RED = 12
    LIGHT_MAGENTA = 13
    YELLOW = 14
    WHITE = 15


def attr(fg: int, bg: int = Color.BLACK) -> int:
    """One attribute byte: background in the high nibble, foreground in the low one."""
    return ((bg & 0x0F) << 4) | (fg & 0x0F)


DEFAULT_ATTR = attr(Color.LIGHT_GRAY, Color.BLACK)

SINGLE_BOX = "┌┐└┘─│"
DOUBLE_BOX = "╔╗╚╝═║"


class TextScreen:
    """A grid of characters with attributes, a teletype cursor and per-row change versions."""

    def __init__(self, cols: int = COLS, rows: int = ROWS, default_attr: int = DEFAULT_ATTR) -> None:
        self.cols = cols
        self.rows = rows
        self.attr = default_attr
        self.cursor_col = 0
        self.cursor_row = 0
        self.cursor_visible = True
        self._chars: list[list[str]] = [[" "] * cols for _ in range(rows)]
        self._attrs: list[bytearray] = [bytearray([default_attr] * cols) for _ in range(rows)]
        self._clock = 0
        self.row_versions: list[int] = [0] * rows

    # --- change tracking -------------------------------------------------------------------------------------
    def _touch(self, row: int) -> None:
        self._clock += 1
        self.row_versions[row] = self._clock

    def row_key(self, row: int) -> tuple[str, bytes]:
        """What a row shows: equal keys render to equal pixels (used as the renderer's cache key)."""
        return "".join(self._chars[row]), bytes(self._attrs[row])

    # --- reading ---------------------------------------------------------------------------------------------
    def char_at(self, col: int, row: int) -> str:
        return self._chars[row][col]

    def attr_at(self, col: int, row: int) -> int:
        return self._attrs[row][col]

    def row_text(self, row: int) -> str:
        return "".join(self._chars[row])

    def text(self) -> str:
        """The whole screen as text, trailing spaces removed (handy in tests and logs)."""
        return "\n".join(self.row_text(r).rstrip() for r in range(self.rows))

    def find(self, needle: str) -> tuple[int, int] | None:
        """(col, row) of the first occurrence of `needle`, or None."""
        for row in range(self.rows):
            col = self.row_text(row).find(needle)
            if col >= 0:
                return col, row
        return None

    # --- writing at positions --------------------------------------------------------------------------------
    def clear(self, color: int | None = None) -> None:
        if color is not None:
            self.attr = color
        for row in range(self.rows):
            self._chars[row] = [" "] * self.cols
            self._attrs[row] = bytearray([self.attr] * self.cols)
            self._touch(row)
        self.cursor_col = self.cursor_row = 0

    def put(self, col: int, row: int, text: str, color: int | None = None) -> None:
        """Write text at a position without moving the cursor; whatever falls outside is clipped."""
        if not 0 <= row < self.rows:
            return
        value = self.attr if color is None else color
        chars, attrs = self._chars[row], self._attrs[row]
        changed = False
        for i, ch in enumerate(text):
            c = col + i
            if c >= self.cols:
                break
            if c < 0:
                continue
            ch = ch if ch.isprintable() else " "
            if chars[c] != ch or attrs[c] != value:
                chars[c] = ch
                attrs[c] = value
                changed = True
        if changed:
            self._touch(row)

    def set_attr(self, col: int, row: int, width: int, color: int) -> None:
        """Recolour cells without changing their characters (selection bars, highlights)."""
        if not 0 <= row < self.rows:
            return
        attrs = self._attrs[row]
        for c in range(max(0, col), min(self.cols, col + width)):
            attrs[c] = color
        self._touch(row)

    def fill(self, col: int, row: int, width: int, height: int, ch: str = " ", color: int | None = None) -> None:
        for r in range(row, row + height):
            self.put(col, r, ch * width, color)

    def box(self, col: int, row: int, width: int, height: int, color: int | None = None,
            double: bool = True, fill: bool = True) -> None:
        """A frame of box-drawing characters; the inside is blanked unless fill=False."""
        tl, tr, bl, br, h, v = tuple(DOUBLE_BOX if double else SINGLE_BOX)
        self.put(col, row, tl + h * (width - 2) + tr, color)
        for r in range(row + 1, row + height - 1):
            if fill:
                self.put(col, r, v + " " * (width - 2) + v, color)
            else:
                self.put(col, r, v, color)
                self.put(col + width - 1, r, v, color)
        self.put(col, row + height - 1, bl + h * (width - 2) + br, color)

    # --- teletype output -------------------------------------------------------------------------------------
    def set_cursor(self, col: int, row: int) -> None:
        self.cursor_col = max(0, min(self.cols - 1, col))
        self.cursor_row = max(0, min(self.rows - 1, row))

    def scroll_up(self, lines: int = 1) -> None:
        for _ in range(lines):
            self._chars.pop(0)
            self._attrs.pop(0)
            self._chars.append([" "] * self.cols)
            self._attrs.append(bytearray([self.attr] * self.cols))
        for row in range(self.rows):
            self._touch(row)

    def newline(self) -> None:
        self.cursor_col = 0
        if self.cursor_row == self.rows - 1:
            self.scroll_up()
        else:
            self.cursor_row += 1

    def write(self, text: str, color: int | None = None) -> None:
        """Print like a terminal: wrap at the right edge, scroll at the bottom, honour \\n, \\r and \\b."""
        for ch in text:
            if ch == "\n":
                self.newline()
            elif ch == "\r":
                self.cursor_col = 0
            elif ch == "\b":
                self.cursor_col = max(0, self.cursor_col - 1)
            else:
                if self.cursor_col >= self.cols:
                    self.newline()
                self.put(self.cursor_col, self.cursor_row, ch, color)
                self.cursor_col += 1
        if self.cursor_col >= self.cols:
            self.newline()

    def writeln(self, text: str = "", color: int | None = None) -> None:
        self.write(text + "\n", color)


# ======================================================================================================
# Rendering
# ======================================================================================================

DEFAULT_FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "retro" / "terminus-normal.otb"
FALLBACK_FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "DejaVuSansMono.ttf"
FONT_SIZE = 16


def _is_line_graphic(ch: str) -> bool:
    """Characters whose 8th pixel column the VGA repeats into the 9th so that lines and blocks join."""
    code = ord(ch)
    return 0x2500 <= code <= 0x257F or (0x2580 <= code <= 0x259F and not 0x2591 <= code <= 0x2593)


@dataclass(frozen=True)
class CellFont:
    """A font able to draw one character into a 9x16 cell."""

    font: pygame.freetype.Font
    baseline: int
    x_offset: int

    @classmethod
    def load(cls, path: Path | None = None) -> CellFont:
        if not pygame.freetype.get_init():
            pygame.freetype.init()
        for candidate in (path or DEFAULT_FONT, FALLBACK_FONT):
            try:
                font = pygame.freetype.Font(str(candidate), FONT_SIZE if candidate.suffix == ".otb" else 14)
            except (OSError, FileNotFoundError, pygame.error):
                continue
            font.antialiased = candidate.suffix != ".otb"
            font.origin = True
            font.pad = False
            ascender = font.get_sized_ascender(0)
            descender = -font.get_sized_descender(0)
            baseline = ascender + max(0, (CELL_H - ascender - descender) // 2)
            return cls(font, baseline, 0)
        raise FileNotFoundError(f"no usable text-mode font: {path or DEFAULT_FONT}")

    def draw(self, ch: str, fg: tuple[int, int, int], bg: tuple[int, int, int]) -> pygame.Surface:
        cell = pygame.Surface((CELL_W, CELL_H))
        cell.fill(bg)
        if ch != " ":
            try:
                self.font.render_to(cell, (self.x_offset, self.baseline), ch, fg)
            except pygame.error:
                self.font.render_to(cell, (self.x_offset, self.baseline), "?", fg)
            if _is_line_graphic(ch):
                column = cell.subsurface((CELL_W - 2, 0, 1, CELL_H)).copy()
                cell.blit(column, (CELL_W - 1, 0))
        return cell


class TextRenderer:
    """Draws a TextScreen into a 720x400 surface, re-rendering only rows whose content changed."""

    ROW_CACHE_SIZE = 160

    def __init__(self, font: CellFont | None = None, cols: int = COLS, rows: int = ROWS) -> None:
        self.font = font or CellFont.load()
        self.size = (cols * CELL_W, rows * CELL_H)
        self.surface = pygame.Surface(self.size)
        self._glyphs: dict[tuple[str, int], pygame.Surface] = {}
        self._row_cache: OrderedDict[tuple[str, bytes], pygame.Surface] = OrderedDict()
        self._seen_versions: list[int] = [-1] * rows
        self._shown_keys: list[tuple[str, bytes] | None] = [None] * rows
        self.rows_rendered = 0  # rows built from glyphs since creation (for tests and the bench)

    def glyph(self, ch: str, color: int) -> pygame.Surface:
        key = (ch, color)
        cell = self._glyphs.get(key)
        if cell is None:
            cell = self.font.draw(ch, CGA_PALETTE[color & 0x0F], CGA_PALETTE[(color >> 4) & 0x0F])
            self._glyphs[key] = cell
        return cell

    def _build_row(self, key: tuple[str, bytes]) -> pygame.Surface:
        text, attrs = key
        row = pygame.Surface((len(text) * CELL_W, CELL_H))
        row.fblits([(self.glyph(ch, attrs[i]), (i * CELL_W, 0)) for i, ch in enumerate(text)])
        self.rows_rendered += 1
        return row

    def _row_surface(self, key: tuple[str, bytes]) -> pygame.Surface:
        cached = self._row_cache.get(key)
        if cached is not None:
            self._row_cache.move_to_end(key)
            return cached
        built = self._build_row(key)
        self._row_cache[key] = built
        if len(self._row_cache) > self.ROW_CACHE_SIZE:
            self._row_cache.popitem(last=False)
        return built

    def update(self, screen: TextScreen) -> pygame.Surface:
        """Bring the internal 720x400 surface up to date with the screen (no cursor) and return it."""
        for row in range(screen.rows):
            version = screen.row_versions[row]
            if version == self._seen_versions[row]:
                continue
            self._seen_versions[row] = version
            key = screen.row_key(row)
            if key == self._shown_keys[row]:
                continue
            self._shown_keys[row] = key
            self.surface.blit(self._row_surface(key), (0, row * CELL_H))
        return self.surface

    def render(self, screen: TextScreen, target: pygame.Surface, dest: tuple[int, int] = (0, 0),
               cursor_on: bool = True) -> None:
        """Draw the screen onto `target` at `dest` (unscaled), with the underline cursor when it is on."""
        target.blit(self.update(screen), dest)
        if cursor_on and screen.cursor_visible:
            col, row = screen.cursor_col, screen.cursor_row
            if 0 <= col < screen.cols and 0 <= row < screen.rows:
                fg = CGA_PALETTE[screen.attr_at(col, row) & 0x0F]
                x, y = dest[0] + col * CELL_W, dest[1] + row * CELL_H
                target.fill(fg, (x, y + CELL_H - 3, CELL_W - 1, 2))


def cell_at(x: float, y: float, rect: tuple[int, int, int, int], cols: int = COLS,
            rows: int = ROWS) -> tuple[int, int] | None:
    """Which (col, row) a touch at (x, y) hits when the screen is shown scaled into `rect`; None if outside."""
    left, top, width, height = rect
    if width <= 0 or height <= 0 or not (left <= x < left + width and top <= y < top + height):
        return None
    return int((x - left) * cols / width), int((y - top) * rows / height)


def make_scanline_overlay(size: tuple[int, int], darkness: int = 70, period: int = 2) -> pygame.Surface:
    """A transparent surface with a dark line every `period` pixels; build once, blit over the scaled screen."""
    overlay = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(period - 1, size[1], period):
        overlay.fill((0, 0, 0, max(0, min(255, darkness))), (0, y, size[0], 1))
    return overlay

