"""Flow a page's blocks down the canvas width like a 1990s browser: word-wrapped serif text, bulleted link
lists, bevelled tables, images with a blue border when they are links.

The result is a list of draw operations plus link hit regions, all in page pixels, so that rendering,
progressive dial-up reveal and tap handling share one geometry. Each block owns a horizontal band of the
page (bands tile the page top to bottom), which is what the dial-up reveal uncovers block by block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from kiosk.pages.fonts import Fonts, bold_of
from kiosk.pages.model import (
    Align,
    HeadingBlock,
    HitCounterBlock,
    HrBlock,
    ImageBlock,
    LinkListBlock,
    MarqueeBlock,
    Page,
    ParagraphBlock,
    Site,
    Span,
    TableBlock,
    UnderConstructionBlock,
    image_page_size,
    parse_inline,
    plain_text,
)

Rect = tuple[int, int, int, int]  # x, y, width, height in page px

HEADING_SCALE = {1: 2.0, 2: 1.5, 3: 1.17}
SMALL_SCALE = 0.875  # 16 -> 14 px (DejaVu Serif at 13 px hints "и" into "п")
LIST_INDENT = 40
CELL_PADDING = 4
CELL_SPACING = 2
COUNTER_DIGIT_WIDTH = 14
COUNTER_HEIGHT = 22
CONSTRUCTION_HEIGHT = 60


@dataclass(frozen=True)
class TextOp:
    x: int
    y: int
    text: str
    face: str
    size: int
    colour: str | None = None  # None: the page's text colour
    target: str | None = None  # a link: link/visited colour, underlined


@dataclass(frozen=True)
class FillOp:
    rect: Rect
    colour: str


@dataclass(frozen=True)
class BevelOp:
    rect: Rect
    raised: bool
    width: int = 1


@dataclass(frozen=True)
class BulletOp:
    x: int
    y: int
    size: int
    kind: Literal["disc", "square"]
    colour: str | None = None


@dataclass(frozen=True)
class ImageOp:
    rect: Rect
    src: str
    alt: str
    box: int
    link: str | None = None


@dataclass(frozen=True)
class WidgetOp:
    kind: Literal["marquee", "hit_counter", "under_construction"]
    rect: Rect
    block_index: int


DrawOp = TextOp | FillOp | BevelOp | BulletOp | ImageOp | WidgetOp


@dataclass(frozen=True)
class LinkRegion:
    rect: Rect
    target: str
    box: int


@dataclass
class BlockBox:
    """One block's share of the page: `band` spans the full width from its top to the next block's top."""

    index: int
    kind: str
    band: Rect
    content: Rect
    line_bottoms: list[int] = field(default_factory=list)
    weight: int = 1  # characters of HTML that describe it (for the text phase of the dial-up reveal)


@dataclass
class PageLayout:
    width: int
    height: int
    ops: list[DrawOp]
    links: list[LinkRegion]
    boxes: list[BlockBox]


def contains(rect: Rect, point: tuple[float, float]) -> bool:
    x, y, w, h = rect
    return x <= point[0] < x + w and y <= point[1] < y + h


# ----------------------------------------------------------------------------------------- text flowing

_WORD_RE = re.compile(r"\n|[^\s]+")


@dataclass
class _Flowed:
    ops: list[TextOp]
    links: list[tuple[Rect, str]]
    line_bottoms: list[int]
    bottom: int
    widest: int


def _split_long(word: str, fonts: Fonts, face: str, size: int, width: int) -> list[str]:
    parts, current = [], ""
    for char in word:
        if current and fonts.width(face, size, current + char) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current] if current else parts


def flow_text(spans: list[Span], fonts: Fonts, *, face: str, size: int, x: int, y: int, width: int,
              align: Align = "left", colour: str | None = None) -> _Flowed:
    """Greedy word wrap of styled spans into lines; one TextOp per run of same-target words per line."""
    space = fonts.width(face, size, " ")
    line_h = fonts.line_height(face, size)
    width = max(width, 8)
    atoms: list[tuple[str, str | None, bool]] = []  # (word or "\n", target, glued to the previous word)
    space_before = True
    for span in spans:
        for match in _WORD_RE.finditer(span.text):
            word = match.group()
            glued = not space_before and match.start() == 0
            space_before = False
            if word != "\n" and fonts.width(face, size, word) > width:
                parts = _split_long(word, fonts, face, size, width)
                atoms.extend((part, span.target, glued and i == 0) for i, part in enumerate(parts))
            else:
                atoms.append((word, span.target, glued))
        space_before = not span.text or span.text[-1].isspace() or span.text[-1] == "\n"
    lines: list[list[tuple[int, int, str, str | None]]] = [[]]  # (x offset, width, word, target)
    cursor = 0
    for word, target, glued in atoms:
        if word == "\n":
            lines.append([])
            cursor = 0
            continue
        word_w = fonts.width(face, size, word)
        start = cursor + (0 if glued else space) if lines[-1] else 0
        if lines[-1] and start + word_w > width:
            lines.append([])
            start = 0
        lines[-1].append((start, word_w, word, target))
        cursor = start + word_w
    result = _Flowed([], [], [], y, 0)
    for number, line in enumerate(lines):
        top = y + number * line_h
        line_w = line[-1][0] + line[-1][1] if line else 0
        shift = {"left": 0, "center": (width - line_w) // 2, "right": width - line_w}[align]
        run: list[tuple[int, int, str, str | None]] = []
        for atom in [*line, None]:
            if run and (atom is None or atom[3] != run[0][3]):
                run_x = x + shift + run[0][0]
                run_w = run[-1][0] + run[-1][1] - run[0][0]
                text = "".join((" " if i and a[0] > run[i - 1][0] + run[i - 1][1] else "") + a[2]
                               for i, a in enumerate(run))
                result.ops.append(TextOp(run_x, top, text, face, size, colour, run[0][3]))
                if run[0][3] is not None:
                    result.links.append(((run_x, top, run_w, line_h), run[0][3]))
                run = []
            if atom is not None:
                run.append(atom)
        result.widest = max(result.widest, line_w)
        result.line_bottoms.append(top + line_h)
    result.bottom = y + len(lines) * line_h
    return result


# ----------------------------------------------------------------------------------------------- layout


class _Builder:
    def __init__(self, site: Site, fonts: Fonts, lang: str) -> None:
        self.site, self.fonts, self.lang = site, fonts, lang
        self.style = site.style
        self.width, self.canvas_height = site.canvas_size
        self.left = self.style.margin
        self.inner = self.width - 2 * self.style.margin
        self.ops: list[DrawOp] = []
        self.links: list[LinkRegion] = []
        self.boxes: list[BlockBox] = []
        self.gap = max(4, round(self.style.font_size * 0.75))

    def add_flow(self, flowed: _Flowed, box: int) -> None:
        self.ops.extend(flowed.ops)
        self.links.extend(LinkRegion(rect, target, box) for rect, target in flowed.links)

    def block(self, index: int, block: object, y: int) -> tuple[int, list[int], int]:
        """Lay out one block at `y`; returns its bottom, its line bottoms and its HTML weight."""
        size = self.style.font_size
        if isinstance(block, HeadingBlock):
            text = block.text.pick(self.lang)
            flowed = flow_text([Span(text)], self.fonts, face="serif-bold", size=round(size * HEADING_SCALE[block.level]),
                               x=self.left, y=y, width=self.inner, align=block.align, colour=block.colour)
            self.add_flow(flowed, index)
            return flowed.bottom, flowed.line_bottoms, len(text)
        if isinstance(block, ParagraphBlock):
            text = block.text.pick(self.lang)
            flowed = flow_text(parse_inline(text), self.fonts, face="serif-bold" if block.bold else "serif",
                               size=round(size * SMALL_SCALE) if block.small else size, x=self.left, y=y,
                               width=self.inner, align=block.align, colour=block.colour)
            self.add_flow(flowed, index)
            return flowed.bottom, flowed.line_bottoms, len(text)
        if isinstance(block, ImageBlock):
            return self.image(index, block, y)
        if isinstance(block, LinkListBlock):
            return self.link_list(index, block, y)
        if isinstance(block, TableBlock):
            return self.table(index, block, y)
        if isinstance(block, HrBlock):
            self.ops.append(BevelOp((self.left, y + 2, self.inner, 2), raised=False))
            return y + 6, [y + 6], 4
        if isinstance(block, UnderConstructionBlock):
            self.ops.append(WidgetOp("under_construction", (self.left, y, self.inner, CONSTRUCTION_HEIGHT), index))
            return y + CONSTRUCTION_HEIGHT, [y + CONSTRUCTION_HEIGHT], len(block.text.ru)
        if isinstance(block, HitCounterBlock):
            return self.hit_counter(index, block, y)
        if isinstance(block, MarqueeBlock):
            height = self.fonts.line_height("serif-bold", size) + 6
            self.ops.append(WidgetOp("marquee", (self.left, y, self.inner, height), index))
            return y + height, [y + height], len(block.text.ru)
        raise TypeError(f"unknown block {type(block).__name__}")

    def image(self, index: int, block: ImageBlock, y: int) -> tuple[int, list[int], int]:
        border = 2 if block.link else 0
        width, height = block.width, block.height
        if width + 2 * border > self.inner:  # scale down to fit like a browser would not; we keep it visible
            factor = (self.inner - 2 * border) / width
            width, height = max(1, int(width * factor)), max(1, int(height * factor))
        outer_w = width + 2 * border
        x = self.left + {"left": 0, "center": (self.inner - outer_w) // 2, "right": self.inner - outer_w}[block.align]
        rect = (x + border, y + border, width, height)
        if border:
            self.ops.append(FillOp((x, y, outer_w, height + 2 * border), self.style.link))
        self.ops.append(ImageOp(rect, block.src, block.alt.pick(self.lang), index, block.link))
        if block.link:
            self.links.append(LinkRegion((x, y, outer_w, height + 2 * border), block.link, index))
        bottom = y + height + 2 * border
        return bottom, [bottom], len(block.alt.ru) + len(block.src)

    def link_list(self, index: int, block: LinkListBlock, y: int) -> tuple[int, list[int], int]:
        size = self.style.font_size
        line_h = self.fonts.line_height("serif", size)
        text_x = self.left + (LIST_INDENT if block.bullet != "none" else 0)
        bottoms: list[int] = []
        weight = 0
        for number, item in enumerate(block.items, start=1):
            if block.bullet in ("disc", "square"):
                dot = max(4, size // 3)
                self.ops.append(BulletOp(text_x - 14 - dot // 2, y + line_h // 2 - dot // 2, dot, block.bullet))
            elif block.bullet == "number":
                label = f"{number}."
                label_x = text_x - 8 - self.fonts.width("serif", size, label)
                self.ops.append(TextOp(label_x, y, label, "serif", size))
            spans = [Span(item.text.pick(self.lang), item.target)]
            note = item.note.pick(self.lang)
            if note:
                spans.append(Span(f" — {note}"))
            flowed = flow_text(spans, self.fonts, face="serif", size=size, x=text_x, y=y,
                               width=self.left + self.inner - text_x)
            self.add_flow(flowed, index)
            bottoms.extend(flowed.line_bottoms)
            weight += len(item.text.ru) + len(item.note.ru) + len(item.target) + 20
            y = flowed.bottom + 2
        return y, bottoms, weight

    def table(self, index: int, block: TableBlock, y: int) -> tuple[int, list[int], int]:
        size = self.style.font_size if not block.monospace else round(self.style.font_size * 0.9)
        face = "mono" if block.monospace else "serif"
        columns = max(len(row) for row in block.rows)
        border = block.border
        spacing = CELL_SPACING if border else 0
        cells = [[plain_text(cell.pick(self.lang)) for cell in row] for row in block.rows]

        def cell_face(row: int) -> str:
            return bold_of(face) if block.header and row == 0 else face

        natural = [0] * columns
        minimum = [0] * columns
        for r, texts in enumerate(cells):
            for c, text in enumerate(texts):
                f = cell_face(r)
                words = text.split()
                one_line = sum(self.fonts.width(f, size, w) for w in words) + self.fonts.width(f, size, " ") * max(
                    0, len(words) - 1)  # measured like flow_text does, so a natural-width cell never wraps
                natural[c] = max(natural[c], one_line + 2 * CELL_PADDING + 1)
                longest = max((self.fonts.width(f, size, w) for w in words), default=0)
                minimum[c] = max(minimum[c], min(longest, 160) + 2 * CELL_PADDING)
        available = self.inner - 2 * border - (columns + 1) * spacing
        widths = natural
        if sum(natural) > available:
            spare = max(0, available - sum(minimum))
            stretch = sum(n - m for n, m in zip(natural, minimum, strict=True)) or 1
            widths = [m + (n - m) * spare // stretch for n, m in zip(natural, minimum, strict=True)]
        table_w = sum(widths) + (columns + 1) * spacing + 2 * border
        top = y
        y += border + spacing
        bottoms: list[int] = []
        row_ops: list[DrawOp] = []
        for r, row in enumerate(block.rows):
            x = self.left + border + spacing
            flows: list[_Flowed] = []
            for c in range(columns):
                text = row[c].pick(self.lang) if c < len(row) else ""
                flows.append(flow_text(parse_inline(text), self.fonts, face=cell_face(r), size=size,
                                       x=x + CELL_PADDING, y=y + CELL_PADDING, width=widths[c] - 2 * CELL_PADDING))
                x += widths[c] + spacing
            row_h = max(f.bottom for f in flows) - y + CELL_PADDING
            x = self.left + border + spacing
            for c, flowed in enumerate(flows):
                cell_rect = (x, y, widths[c], row_h)
                if block.header and r == 0 and block.header_background:
                    row_ops.append(FillOp(cell_rect, block.header_background))
                if border:
                    row_ops.append(BevelOp(cell_rect, raised=False))
                row_ops.extend(flowed.ops)
                self.links.extend(LinkRegion(rect, target, index) for rect, target in flowed.links)
                x += widths[c] + spacing
            y += row_h + spacing
            bottoms.append(y)
        bottom = y + border
        if border:
            self.ops.append(BevelOp((self.left, top, table_w, bottom - top), raised=True, width=border))
        self.ops.extend(row_ops)
        bottoms[-1] = bottom
        return bottom, bottoms, sum(len(cell.ru) + 9 for row in block.rows for cell in row) + 30

    def hit_counter(self, index: int, block: HitCounterBlock, y: int) -> tuple[int, list[int], int]:
        size = self.style.font_size
        label = block.label.pick(self.lang)
        label_w = self.fonts.width("serif", size, label) + 8 if label else 0
        counter_w = block.digits * COUNTER_DIGIT_WIDTH + 4
        total = label_w + counter_w
        x = self.left + {"left": 0, "center": (self.inner - total) // 2, "right": self.inner - total}[block.align]
        line_h = self.fonts.line_height("serif", size)
        height = max(line_h, COUNTER_HEIGHT)
        if label:
            self.ops.append(TextOp(x, y + (height - line_h) // 2, label, "serif", size))
        self.ops.append(WidgetOp("hit_counter", (x + label_w, y + (height - COUNTER_HEIGHT) // 2, counter_w,
                                                 COUNTER_HEIGHT), index))
        return y + height, [y + height], block.digits + len(block.label.ru) + 60


def layout_page(site: Site, page: Page, lang: str, fonts: Fonts) -> PageLayout:
    """Geometry of one page in one language. Deterministic; depends only on the model and the font files."""
    builder = _Builder(site, fonts, lang)
    width, canvas_h = site.canvas_size
    if page.image is not None:
        img_w, img_h = image_page_size(site, page)
        builder.ops.append(ImageOp((0, 0, img_w, img_h), page.image.src, page.image.alt.pick(lang), 0))
        builder.links.extend(LinkRegion(spot.rect, spot.target, 0) for spot in page.hotspots)
        height = max(img_h, canvas_h)
        box = BlockBox(0, "image", (0, 0, max(width, img_w), height), (0, 0, img_w, img_h), [img_h], 50)
        return PageLayout(max(width, img_w), height, builder.ops, builder.links, [box])
    y = builder.style.margin
    for index, block in enumerate(page.blocks or []):
        kind = str(getattr(block, "type", "block"))
        top = y
        bottom, line_bottoms, weight = builder.block(index, block, y)
        gap = builder.gap * (2 if isinstance(block, HeadingBlock) and block.level == 1 else 1)
        builder.boxes.append(BlockBox(index, kind, (0, top, width, 0), (builder.left, top, builder.inner, bottom - top),
                                      line_bottoms, max(1, weight)))
        y = bottom + gap
    height = max(canvas_h, y + builder.style.margin)
    for number, box in enumerate(builder.boxes):  # bands tile the page: each reaches the next block's top
        next_top = builder.boxes[number + 1].band[1] if number + 1 < len(builder.boxes) else height
        box.band = (0, box.band[1], width, next_top - box.band[1])
    if builder.boxes:
        first = builder.boxes[0]
        first.band = (0, 0, width, first.band[1] + first.band[3])
    return PageLayout(width, height, builder.ops, builder.links, builder.boxes)
