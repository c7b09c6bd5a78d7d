"""Schema of a small 1990s-style web site described in YAML: pages made of blocks, or one image with hotspots.

The page engine is shared by every in-kiosk browser (the first mos.ru scene, the 1990s computer), so the
site format lives here and not in a scene. Links and hotspots must name pages of the same site; the check
happens during validation so that `check` reports it at the exact YAML line of the bad target.
Also here: how many bytes a page "weighs" on a dial-up line (text first, then each image).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from kiosk.content.types import AssetPath, Bilingual, OptionalBilingual, Strict

# ----------------------------------------------------------------------------------------------- basics

PAGE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
PageKey = Annotated[str, StringConstraints(pattern=PAGE_ID_PATTERN)]

_SITE_PAGE_IDS: ContextVar[tuple[str, ...] | None] = ContextVar("_SITE_PAGE_IDS", default=None)


def _check_page_ref(value: str) -> str:
    """A link target must be a page of the site being validated (known while a Site validates)."""
    ids = _SITE_PAGE_IDS.get()
    if ids is not None and value not in ids:
        raise ValueError(
            f"there is no page '{value}' in this site; pages are: {', '.join(ids) or '(none)'} "
            f"(hint: fix the page id or add a page '{value}' under pages:)"
        )
    return value


PageRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_page_ref)]
"""The id of another page of the same site."""

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check_colour(value: Any) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value.strip()):
        raise ValueError(f"'{value}' is not a colour: write it as #rrggbb, e.g. #0000ee")
    return value.strip().lower()


Colour = Annotated[str, AfterValidator(_check_colour)]


def rgb(colour: str) -> tuple[int, int, int]:
    """'#0000ee' -> (0, 0, 238)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ------------------------------------------------------------------------------------- inline link markup

_LINK_RE = re.compile(r"\[([^\[\]]+)\]\(\s*([^()\s]+)\s*\)")


@dataclass(frozen=True)
class Span:
    """A piece of paragraph text; `target` is a page id for link text, None for plain text."""

    text: str
    target: str | None = None


def parse_inline(text: str) -> list[Span]:
    """Split 'See [the map](map) here' into plain and link spans. Malformed markup stays plain text."""
    spans: list[Span] = []
    pos = 0
    for match in _LINK_RE.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos:match.start()]))
        spans.append(Span(match.group(1), match.group(2)))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return spans


def plain_text(text: str) -> str:
    """The visible characters of marked-up text (link markup removed)."""
    return "".join(span.text for span in parse_inline(text))


def _check_inline_links(value: Bilingual) -> Bilingual:
    for lang in ("ru", "en"):
        for span in parse_inline(getattr(value, lang)):
            if span.target is not None:
                try:
                    _check_page_ref(span.target)
                except ValueError as exc:
                    raise ValueError(f"link [{span.text}]({span.target}) in '{lang}': {exc}") from None
    return value


LinkedText = Annotated[Bilingual, AfterValidator(_check_inline_links)]
"""Bilingual text that may contain links written as [text](page-id)."""

Align = Literal["left", "center", "right"]

# ------------------------------------------------------------------------------------------------ blocks


class HeadingBlock(Strict):
    type: Literal["heading"]
    level: int = Field(default=1, ge=1, le=3)
    text: Bilingual
    align: Align = "left"
    colour: Colour | None = None


class ParagraphBlock(Strict):
    type: Literal["paragraph"]
    text: LinkedText
    align: Align = "left"
    bold: bool = False
    small: bool = False
    colour: Colour | None = None


class ImageBlock(Strict):
    type: Literal["image"]
    src: AssetPath
    alt: Bilingual
    width: int = Field(ge=1, le=2000)
    height: int = Field(ge=1, le=4000)
    align: Align = "left"
    link: PageRef | None = None
    bytes: int | None = Field(default=None, ge=1, description="file size on the 1990s server; estimated if absent")


class LinkItem(Strict):
    text: Bilingual
    target: PageRef
    note: OptionalBilingual = OptionalBilingual()


class LinkListBlock(Strict):
    type: Literal["link_list"]
    items: list[LinkItem] = Field(min_length=1)
    bullet: Literal["disc", "square", "number", "none"] = "disc"


class TableBlock(Strict):
    type: Literal["table"]
    rows: list[list[LinkedText]] = Field(min_length=1)
    header: bool = False
    border: int = Field(default=1, ge=0, le=4)
    monospace: bool = False
    header_background: Colour | None = None

    @model_validator(mode="after")
    def _rows_not_empty(self) -> TableBlock:
        for number, row in enumerate(self.rows, start=1):
            if not row:
                raise ValueError(f"table row {number} has no cells: write at least one cell or remove the row")
        return self


class HrBlock(Strict):
    type: Literal["hr"]


class UnderConstructionBlock(Strict):
    type: Literal["under_construction"]
    text: Bilingual = Bilingual(ru="Страница в разработке", en="Under construction")


class HitCounterBlock(Strict):
    type: Literal["hit_counter"]
    value: int = Field(default=0, ge=0)
    digits: int = Field(default=6, ge=1, le=10)
    label: OptionalBilingual = OptionalBilingual()
    align: Align = "center"


class MarqueeBlock(Strict):
    type: Literal["marquee"]
    text: Bilingual
    speed: float = Field(default=60.0, gt=0, le=1000, description="page pixels per second")
    colour: Colour | None = None
    background: Colour | None = None


Block = Annotated[
    HeadingBlock | ParagraphBlock | ImageBlock | LinkListBlock | TableBlock | HrBlock | UnderConstructionBlock
    | HitCounterBlock | MarqueeBlock,
    Field(discriminator="type"),
]
BLOCK_TYPES: tuple[str, ...] = ("heading", "paragraph", "image", "link_list", "table", "hr",
                                "under_construction", "hit_counter", "marquee")

# ------------------------------------------------------------------------------------------------- pages


class PageImage(Strict):
    """The one picture of an image page (e.g. a curator's real screenshot)."""

    src: AssetPath
    alt: Bilingual
    width: int | None = Field(default=None, ge=1, le=4000, description="page px; default: the canvas width")
    height: int | None = Field(default=None, ge=1, le=8000, description="page px; default: the canvas height")
    bytes: int | None = Field(default=None, ge=1)


class Hotspot(Strict):
    rect: tuple[int, int, int, int] = Field(description="x, y, width, height in page px")
    target: PageRef
    label: OptionalBilingual = OptionalBilingual()

    @model_validator(mode="after")
    def _positive(self) -> Hotspot:
        x, y, w, h = self.rect
        if x < 0 or y < 0 or w <= 0 or h <= 0:
            raise ValueError(f"hotspot rect {list(self.rect)} must be [x, y, width, height] with x, y >= 0 "
                             "and a positive width and height")
        return self


class Page(Strict):
    """Either `blocks` (a flowed page) or `image` with `hotspots` (a picture with tappable areas)."""

    title: Bilingual
    blocks: list[Block] | None = None
    image: PageImage | None = None
    hotspots: list[Hotspot] = []
    byte_size: int | None = Field(default=None, ge=1, description="total bytes on the wire; estimated if absent")
    background: Colour | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Page:
        if (self.blocks is None) == (self.image is None):
            raise ValueError("a page needs either 'blocks:' (a list of blocks) or 'image:' (one picture with "
                             "'hotspots:'), not both and not neither")
        if self.blocks is not None and self.hotspots:
            raise ValueError("'hotspots:' only work on an image page: move them under a page with 'image:'")
        if self.blocks is not None and not self.blocks:
            raise ValueError("'blocks:' is empty: add at least one block, e.g. a heading")
        return self

    def links(self) -> Iterator[str]:
        """Every page id this page links to."""
        for hotspot in self.hotspots:
            yield hotspot.target
        for block in self.blocks or []:
            yield from block_links(block)


def block_links(block: Any) -> Iterator[str]:
    if isinstance(block, ParagraphBlock):
        yield from (s.target for lang in ("ru", "en") for s in parse_inline(block.text.pick(lang)) if s.target)
    elif isinstance(block, LinkListBlock):
        yield from (item.target for item in block.items)
    elif isinstance(block, ImageBlock) and block.link:
        yield block.link
    elif isinstance(block, TableBlock):
        for row in block.rows:
            for cell in row:
                yield from (s.target for lang in ("ru", "en") for s in parse_inline(cell.pick(lang)) if s.target)


class PageStyle(Strict):
    """Period defaults (mid-1990s browsers): light page, black serif text, blue underlined links."""

    background: Colour = "#ffffff"
    text: Colour = "#000000"
    link: Colour = "#0000ee"
    visited: Colour = "#551a8b"
    font_size: int = Field(default=16, ge=8, le=48, description="body text size in page px")
    margin: int = Field(default=10, ge=0, le=100, description="page margin in page px")
    antialias: bool = True
    image_reveal: Literal["top_down", "interlaced"] = "interlaced"
    html_overhead: float = Field(default=1.6, ge=1.0, le=10.0,
                                 description="HTML bytes per visible character (tags, attributes)")
    html_base_bytes: int = Field(default=400, ge=0, description="bytes of an empty page (head, title, body tags)")
    image_bytes_per_pixel: float = Field(default=0.25, gt=0, le=4.0,
                                         description="estimate of a GIF/JPEG size for images without bytes:")


Canvas = Literal["640x480", "800x600"]


class Site(Strict):
    canvas: Canvas = "640x480"
    start: PageRef
    style: PageStyle = PageStyle()
    pages: dict[PageKey, Page] = Field(min_length=1)

    @model_validator(mode="wrap")
    @classmethod
    def _know_page_ids(cls, data: Any, handler: Callable[[Any], Site]) -> Site:
        """Make the page ids visible to every PageRef validated inside this site."""
        ids = tuple(str(k) for k in data.get("pages") or {}) if isinstance(data, dict) else None
        token = _SITE_PAGE_IDS.set(ids)
        try:
            return handler(data)
        finally:
            _SITE_PAGE_IDS.reset(token)

    @model_validator(mode="after")
    def _hotspots_inside(self) -> Site:
        for page_id, page in self.pages.items():
            if page.image is None:
                continue
            width, height = image_page_size(self, page)
            for number, spot in enumerate(page.hotspots, start=1):
                x, y, w, h = spot.rect
                if x + w > width or y + h > height:
                    raise ValueError(f"page '{page_id}': hotspot {number} {list(spot.rect)} reaches outside the "
                                     f"{width}x{height} image: make it smaller or move it")
        return self

    @property
    def canvas_size(self) -> tuple[int, int]:
        width, height = self.canvas.split("x")
        return int(width), int(height)


def image_page_size(site: Site, page: Page) -> tuple[int, int]:
    assert page.image is not None
    canvas_w, canvas_h = site.canvas_size
    return page.image.width or canvas_w, page.image.height or canvas_h


# ------------------------------------------------------------------------------------------ byte budget


@dataclass(frozen=True)
class PageBytes:
    """What a page weighs on the wire, in the order a 1990s browser received it: HTML, then each image."""

    html: int
    images: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.html + sum(self.images)


def _block_chars(block: Any) -> int:
    """Visible characters of a block's Russian text (the site's language; one byte each in cp1251)."""
    if isinstance(block, HeadingBlock | MarqueeBlock | UnderConstructionBlock):
        return len(block.text.ru)
    if isinstance(block, ParagraphBlock):
        return len(plain_text(block.text.ru))
    if isinstance(block, LinkListBlock):
        return sum(len(item.text.ru) + len(item.note.ru) + len(item.target) for item in block.items)
    if isinstance(block, TableBlock):
        return sum(len(cell.ru) for row in block.rows for cell in row)
    if isinstance(block, HitCounterBlock):
        return block.digits + len(block.label.ru)
    if isinstance(block, ImageBlock):
        return len(block.alt.ru) + len(block.src)
    return 4  # hr


def page_bytes(site: Site, page: Page) -> PageBytes:
    """Bytes of a page: `byte_size` if the YAML gives it (split in the estimated proportions), else estimated."""
    style = site.style
    chars = sum(_block_chars(block) for block in page.blocks or []) + len(page.title.ru)
    html = style.html_base_bytes + int(chars * style.html_overhead)
    images: list[int] = []
    if page.image is not None:
        width, height = image_page_size(site, page)
        images.append(page.image.bytes or max(1, int(width * height * style.image_bytes_per_pixel)))
        html += 40 * len(page.hotspots)
    for block in page.blocks or []:
        if isinstance(block, ImageBlock):
            images.append(block.bytes or max(1, int(block.width * block.height * style.image_bytes_per_pixel)))
    estimated = PageBytes(html=max(1, html), images=tuple(images))
    if page.byte_size is None:
        return estimated
    scale = page.byte_size / estimated.total
    scaled_images = tuple(max(1, round(size * scale)) for size in images)
    return PageBytes(html=max(1, page.byte_size - sum(scaled_images)), images=scaled_images)
