"""The proof sheet: one PDF (Pillow) with a cover and, per item, its id, where it comes from in the content
(file:line), and the Russian and English pictures side by side.

Items of one kind share pages: whole screens go two to a page (one for portrait screens), cards two. The
pictures are kept as small JPEG thumbnails while the export runs, and each page is appended to the PDF as
soon as it is composed, so memory stays small whatever the number of screens.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame
from PIL import Image, ImageDraw, ImageFont

from kiosk.theme import FONT_DIR

PAGE = (2000, 1414)
"""Page size in pixels (A4 landscape at about 170 dpi)."""
DPI = 170
MARGIN = 48
HEADER = 64
"""Room for an item's id and source line above its pictures."""
THUMB_QUALITY = 85
INK, FAINT, PAPER, MISSING = (20, 24, 32), (96, 104, 120), (255, 255, 255), (236, 238, 242)


@dataclass
class SheetItem:
    """One proof screen: its pictures by language (JPEG bytes) or the reason one is missing."""

    id: str
    title: str
    cite: str
    kind: str
    thumbs: dict[str, bytes] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def thumbnail(picture: pygame.Surface, box: tuple[int, int]) -> bytes:
    """A JPEG of `picture` scaled to fit `box` (never enlarged)."""
    width, height = picture.get_size()
    scale = min(box[0] / width, box[1] / height, 1.0)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = pygame.transform.smoothscale(picture.convert(24) if picture.get_bitsize() not in (24, 32) else picture,
                                         size) if scale < 1.0 else picture
    image = Image.frombytes("RGB", small.get_size(), pygame.image.tobytes(small, "RGB"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=THUMB_QUALITY)
    return buffer.getvalue()


def rows_per_page(kind: str, screen_size: tuple[int, int]) -> int:
    if kind == "card":
        return 2
    return 1 if screen_size[1] > screen_size[0] else 2


def cell_size(kind: str, screen_size: tuple[int, int], columns: int) -> tuple[int, int]:
    """The box one picture gets on a page."""
    rows = rows_per_page(kind, screen_size)
    width = (PAGE[0] - 2 * MARGIN - (columns - 1) * MARGIN // 2) // columns
    height = (PAGE[1] - 2 * MARGIN - HEADER - rows * HEADER - (rows - 1) * MARGIN // 2) // rows
    return width, height


LABEL_H = 28
"""Room for the language label above a picture."""


def picture_box(kind: str, screen_size: tuple[int, int], columns: int) -> tuple[int, int]:
    """The largest a picture is shown on a page (thumbnails are made this size)."""
    width, height = cell_size(kind, screen_size, columns)
    return width, height - LABEL_H


def page_count(kinds: Sequence[str], screen_size: tuple[int, int]) -> int:
    """Pages of a sheet whose items have these kinds, in order (the cover included)."""
    pages, run_kind, run = 1, None, 0
    for kind in [*kinds, None]:
        if kind != run_kind:
            if run_kind is not None:
                pages += math.ceil(run / rows_per_page(run_kind, screen_size))
            run_kind, run = kind, 0
        run += 1
    return pages


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)
    except OSError:
        return ImageFont.load_default()


class SheetWriter:
    """Appends pages to `path` as items arrive (call `add` in order, then `close`)."""

    def __init__(self, path: Path, screen_size: tuple[int, int], langs: Sequence[str], cover_lines: list[str]) -> None:
        self.path = path
        self.screen_size = screen_size
        self.langs = list(langs)
        self.pages = 0
        self._pending: list[SheetItem] = []
        self._title, self._text, self._small = _font(40, bold=True), _font(24), _font(20)
        self._cover(cover_lines)

    def _append(self, page: Image.Image) -> None:
        page.save(self.path, "PDF", resolution=DPI, append=self.pages > 0)
        self.pages += 1

    def _cover(self, lines: list[str]) -> None:
        page = Image.new("RGB", PAGE, PAPER)
        draw = ImageDraw.Draw(page)
        draw.text((MARGIN, MARGIN), lines[0] if lines else "Proof sheets", font=self._title, fill=INK)
        y = MARGIN + 80
        for line in lines[1:]:
            if y > PAGE[1] - MARGIN - 30:
                draw.text((MARGIN, y), "…", font=self._text, fill=FAINT)
                break
            draw.text((MARGIN, y), line, font=self._text, fill=INK if not line.startswith(" ") else FAINT)
            y += 34
        self._append(page)

    def add(self, item: SheetItem) -> None:
        if self._pending and (self._pending[0].kind != item.kind or
                              len(self._pending) == rows_per_page(self._pending[0].kind, self.screen_size)):
            self._flush()
        self._pending.append(item)

    def close(self) -> int:
        self._flush()
        return self.pages

    def _flush(self) -> None:
        if not self._pending:
            return
        kind = self._pending[0].kind
        columns = max(1, len(self.langs))
        cell = cell_size(kind, self.screen_size, columns)
        page = Image.new("RGB", PAGE, PAPER)
        draw = ImageDraw.Draw(page)
        y = MARGIN
        for item in self._pending:
            draw.text((MARGIN, y), item.id, font=self._text, fill=INK)
            draw.text((MARGIN, y + 30), f"{item.cite}   {item.title}", font=self._small, fill=FAINT)
            y += HEADER
            for column, lang in enumerate(self.langs):
                x = MARGIN + column * (cell[0] + MARGIN // 2)
                self._picture(page, draw, item, lang, (x, y), cell)
            y += cell[1] + MARGIN // 2
        self._append(page)
        self._pending = []

    def _picture(self, page: Image.Image, draw: ImageDraw.ImageDraw, item: SheetItem, lang: str,
                 at: tuple[int, int], cell: tuple[int, int]) -> None:
        data = item.thumbs.get(lang)
        x, y = at
        label_h = LABEL_H
        draw.text((x, y), lang.upper(), font=self._small, fill=FAINT)
        box = (cell[0], cell[1] - label_h)
        if data is None:
            draw.rectangle((x, y + label_h, x + box[0], y + label_h + box[1]), fill=MISSING)
            reason = item.errors.get(lang, "not exported")
            draw.text((x + 16, y + label_h + 16), f"missing: {reason}"[:110], font=self._small, fill=INK)
            return
        with Image.open(io.BytesIO(data)) as image:
            scale = min(box[0] / image.width, box[1] / image.height, 1.0)
            shown = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                                 Image.Resampling.LANCZOS) if scale < 1.0 else image.copy()
        page.paste(shown, (x, y + label_h))
        draw.rectangle((x - 1, y + label_h - 1, x + shown.width, y + label_h + shown.height), outline=FAINT)
