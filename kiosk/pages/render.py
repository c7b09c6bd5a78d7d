"""Draw a laid-out page onto a pygame Surface (the full page height; the browser UI scrolls and scales it),
reveal it progressively as dial-up bytes arrive, animate marquees cheaply, and answer taps.

`PageRenderer.render(page_id, lang, visited)` is cached, so navigating back costs nothing. A RenderedPage
keeps two surfaces: the finished page and a "skeleton" in which images are still placeholders; the
dial-up reveal uncovers skeleton text block by block (line by line) and then paints images top-down or
interlaced (GIF pass order with row replication, as browsers of the time did).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import pygame

from kiosk.pages import widgets
from kiosk.pages.fonts import Fonts
from kiosk.pages.layout import (
    BevelOp,
    BulletOp,
    FillOp,
    ImageOp,
    PageLayout,
    TextOp,
    WidgetOp,
    contains,
    layout_page,
)
from kiosk.pages.model import (
    HitCounterBlock,
    MarqueeBlock,
    Page,
    PageBytes,
    Site,
    UnderConstructionBlock,
    page_bytes,
    rgb,
)

Point = tuple[float, float]


def interlace_order(height: int) -> list[tuple[int, int]]:
    """(row, rows it fills until refined) in GIF interlace order: every 8th row, then 4th, 2nd, odd rows."""
    order: list[tuple[int, int]] = []
    for start, step, fill in ((0, 8, 8), (4, 8, 4), (2, 4, 2), (1, 2, 1)):
        order.extend((row, min(fill, height - row)) for row in range(start, height, step))
    return order


class _ImageReveal:
    """Paints an image's rows as they arrive; incremental while progress only grows."""

    def __init__(self, image: pygame.Surface, interlaced: bool, background: tuple[int, int, int]) -> None:
        self.image = image
        self.interlaced = interlaced
        self.order = interlace_order(image.get_height()) if interlaced else []
        self.canvas = pygame.Surface(image.get_size())
        self.canvas.fill(background)
        self.drawn = 0
        self.bottom = 0  # rows of the canvas already painted (from the top)

    def rows(self, fraction: float) -> int:
        return int(self.image.get_height() * min(1.0, max(0.0, fraction)))

    def blit(self, target: pygame.Surface, pos: tuple[int, int], fraction: float) -> None:
        rows = self.rows(fraction)
        if rows <= 0:
            return
        width = self.image.get_width()
        if not self.interlaced or rows >= self.image.get_height():
            target.blit(self.image, pos, (0, 0, width, rows))
            return
        if rows < self.drawn:
            self.drawn = self.bottom = 0
        for row, fill in self.order[self.drawn:rows]:
            strip = self.image.subsurface((0, row, width, 1))
            self.canvas.blit(pygame.transform.scale(strip, (width, fill)), (0, row))
            self.bottom = max(self.bottom, row + fill)
        self.drawn = rows
        target.blit(self.canvas, pos, (0, 0, width, self.bottom))


class RenderedPage:
    """One page in one language, drawn once; cheap per-frame calls for animation and dial-up reveal."""

    def __init__(self, renderer: PageRenderer, page_id: str, page: Page, lang: str, layout: PageLayout,
                 visited: frozenset[str]) -> None:
        self.renderer = renderer
        self.page_id = page_id
        self.page = page
        self.lang = lang
        self.layout = layout
        self.title = page.title.pick(lang)
        self.bytes: PageBytes = page_bytes(renderer.site, page)
        self.visited = visited
        style = renderer.site.style
        self.background = rgb(page.background or style.background)
        size = (layout.width, layout.height)
        self.surface = pygame.Surface(size)
        self.skeleton = pygame.Surface(size)
        self._work = pygame.Surface(size)
        self._counters: dict[int, int] = {}
        self._marquee_text: dict[int, pygame.Surface] = {}
        self._image_ops = [op for op in layout.ops if isinstance(op, ImageOp)]
        self._reveals: dict[int, _ImageReveal] = {}
        weights = [box.weight for box in layout.boxes]
        self._cumulative = [sum(weights[:i]) for i in range(len(weights) + 1)]
        self._draw_all()

    # ------------------------------------------------------------------------------------------ drawing

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def _draw_all(self) -> None:
        r = self.renderer
        style = r.site.style
        text_rgb = rgb(style.text)
        for surface in (self.surface, self.skeleton):
            surface.fill(self.background)
        for op in self.layout.ops:
            if isinstance(op, ImageOp):
                rect = pygame.Rect(op.rect)
                image = r.image(op.src, rect.size)
                widgets.draw_placeholder(self.skeleton, rect, op.alt, r.fonts, text_colour=text_rgb,
                                         background=self.background, antialias=style.antialias)
                if image is None:
                    widgets.draw_placeholder(self.surface, rect, op.alt, r.fonts, text_colour=text_rgb,
                                             background=self.background, antialias=style.antialias)
                else:
                    self.surface.blit(image, rect)
                    self._reveals[id(op)] = _ImageReveal(image, style.image_reveal == "interlaced",
                                                           self.background)
                continue
            for surface in (self.surface, self.skeleton):
                self._draw_op(surface, op)

    def _draw_op(self, surface: pygame.Surface, op: object) -> None:
        r = self.renderer
        style = r.site.style
        if isinstance(op, TextOp):
            if op.target is not None:
                colour = rgb(style.visited if op.target in self.visited else style.link)
            else:
                colour = rgb(op.colour or style.text)
            font = r.fonts.get(op.face, op.size)
            image = r.text(op.face, op.size, op.text, colour)
            surface.blit(image, (op.x, op.y))
            if op.target is not None:
                underline_y = op.y + font.get_ascent() + max(1, op.size // 10)
                pygame.draw.line(surface, colour, (op.x, underline_y), (op.x + image.get_width() - 1, underline_y),
                                 max(1, op.size // 16))
        elif isinstance(op, FillOp):
            pygame.draw.rect(surface, rgb(op.colour), op.rect)
        elif isinstance(op, BevelOp):
            widgets.draw_bevel(surface, pygame.Rect(op.rect), raised=op.raised, width=op.width,
                               background=self.background)
        elif isinstance(op, BulletOp):
            colour = rgb(op.colour or style.text)
            if op.kind == "disc":
                pygame.draw.circle(surface, colour, (op.x + op.size // 2, op.y + op.size // 2), op.size // 2)
            else:
                pygame.draw.rect(surface, colour, (op.x, op.y, op.size, op.size))
        elif isinstance(op, WidgetOp):
            self._draw_widget(surface, op, 0.0)

    def _block(self, index: int) -> object:
        return (self.page.blocks or [])[index]

    def _draw_widget(self, surface: pygame.Surface, op: WidgetOp, t: float) -> None:
        r = self.renderer
        style = r.site.style
        block = self._block(op.block_index)
        rect = pygame.Rect(op.rect)
        if isinstance(block, UnderConstructionBlock):
            widgets.draw_under_construction(surface, rect, block.text.pick(self.lang), r.fonts,
                                            background=self.background, text_colour=rgb(style.text),
                                            antialias=style.antialias)
        elif isinstance(block, HitCounterBlock):
            value = self._counters.get(op.block_index, block.value)
            widgets.draw_hit_counter(surface, rect, value, block.digits, r.fonts, antialias=style.antialias)
        elif isinstance(block, MarqueeBlock):
            strip = self._marquee_text.get(op.block_index)
            if strip is None:
                colour = widgets.colour(block.colour, rgb(style.text))
                strip = r.fonts.get("serif-bold", style.font_size).render(block.text.pick(self.lang),
                                                                          style.antialias, colour)
                self._marquee_text[op.block_index] = strip
            widgets.draw_marquee(surface, rect, strip, t * block.speed,
                                 widgets.colour(block.background, self.background))

    # ---------------------------------------------------------------------------------------- animation

    def animate(self, surface: pygame.Surface, t: float, fraction: float = 1.0) -> list[pygame.Rect]:
        """Redraw the marquee strips of `surface` (this page's full or progress surface) for time `t` s."""
        dirty = []
        for op in self.layout.ops:
            if isinstance(op, WidgetOp) and op.kind == "marquee" and self.box_progress(op.block_index, fraction) >= 1:
                self._draw_widget(surface, op, t)
                dirty.append(pygame.Rect(op.rect))
        return dirty

    def frame(self, t: float, fraction: float = 1.0) -> pygame.Surface:
        """The page surface to show now: progressive while loading, with marquees moved to time `t`."""
        surface = self.render_progress(fraction)
        self.animate(surface, t, fraction)
        return surface

    def set_hit_counter(self, value: int) -> None:
        """Show `value` in every hit counter of the page (e.g. the kiosk's own visit count)."""
        for op in self.layout.ops:
            if isinstance(op, WidgetOp) and op.kind == "hit_counter":
                self._counters[op.block_index] = max(0, int(value))
                for surface in (self.surface, self.skeleton):
                    self._draw_widget(surface, op, 0.0)

    # ----------------------------------------------------------------------------------- dial-up reveal

    def _text_position(self, fraction: float) -> float:
        received = min(1.0, max(0.0, fraction)) * self.bytes.total
        html_part = min(1.0, received / self.bytes.html) if self.bytes.html else 1.0
        return html_part * self._cumulative[-1]

    def box_progress(self, index: int, fraction: float) -> float:
        """How much of a block's HTML has arrived at `fraction` of the page's bytes (0..1)."""
        if fraction >= 1.0:
            return 1.0
        if not 0 <= index < len(self.layout.boxes):
            return 0.0
        start, end = self._cumulative[index], self._cumulative[index + 1]
        return min(1.0, max(0.0, (self._text_position(fraction) - start) / max(1e-9, end - start)))

    def image_progress(self, image_number: int, fraction: float) -> float:
        """How much of the n-th image (document order) has arrived at `fraction` of the page's bytes."""
        if fraction >= 1.0:
            return 1.0
        received = max(0.0, fraction) * self.bytes.total
        sizes = self.bytes.images
        if not 0 <= image_number < len(sizes):
            return 0.0
        start = self.bytes.html + sum(sizes[:image_number])
        return min(1.0, max(0.0, (received - start) / sizes[image_number]))

    def render_progress(self, fraction: float) -> pygame.Surface:
        """The page as a browser showed it with `fraction` of its bytes received: text first, then images."""
        if fraction >= 1.0:
            return self.surface
        work = self._work
        work.fill(self.background)
        for box in self.layout.boxes:
            part = self.box_progress(box.index, fraction)
            if part <= 0:
                break
            x, y, w, h = box.band
            if part < 1:
                lines = int(part * len(box.line_bottoms))
                if lines <= 0:
                    break
                h = box.line_bottoms[lines - 1] - y
            work.blit(self.skeleton, (x, y), (x, y, w, h))
            if part < 1:
                break
        for number, op in enumerate(self._image_ops):
            reveal = self._reveals.get(id(op))
            if reveal is None or self.box_progress(op.box, fraction) < 1:
                continue
            reveal.blit(work, op.rect[:2], self.image_progress(number, fraction))
        return work

    # ------------------------------------------------------------------------------------------- taps

    def hit_test(self, point: Point, fraction: float = 1.0) -> str | None:
        """The page id a tap at `point` (page px) leads to, or None; only links already shown count."""
        for link in self.layout.links:
            if contains(link.rect, point) and self.box_progress(link.box, fraction) >= 1:
                return link.target
        return None

    def block_rect(self, index: int) -> pygame.Rect:
        """Where block `index` is drawn (page px): the content area of its band."""
        return pygame.Rect(self.layout.boxes[index].content)


class PageRenderer:
    """Renders the pages of one site; keeps the last few rendered pages, images and text strips."""

    def __init__(self, site: Site, content_dir: Path | str, *, fonts: Fonts | None = None,
                 cache_size: int = 8) -> None:
        self.site = site
        self.content_dir = Path(content_dir)
        self.fonts = fonts or Fonts()
        self.cache_size = max(1, cache_size)
        self._pages: OrderedDict[tuple[str, str, frozenset[str]], RenderedPage] = OrderedDict()
        self._images: dict[tuple[str, tuple[int, int]], pygame.Surface | None] = {}
        self._texts: dict[tuple[str, int, str, tuple[int, int, int]], pygame.Surface] = {}

    def render(self, page_id: str, lang: str, visited: Iterable[str] = ()) -> RenderedPage:
        """The page drawn in `lang`; links to `visited` pages in the visited colour. Unknown id: KeyError."""
        page = self.site.pages[page_id]
        seen = frozenset(visited) & frozenset(page.links())
        key = (page_id, lang, seen)
        rendered = self._pages.get(key)
        if rendered is not None:
            self._pages.move_to_end(key)
            return rendered
        layout = layout_page(self.site, page, lang, self.fonts)
        rendered = RenderedPage(self, page_id, page, lang, layout, seen)
        self._pages[key] = rendered
        while len(self._pages) > self.cache_size:
            self._pages.popitem(last=False)
        return rendered

    def page_bytes(self, page_id: str) -> PageBytes:
        return page_bytes(self.site, self.site.pages[page_id])

    def clear(self) -> None:
        self._pages.clear()
        self._images.clear()
        self._texts.clear()

    def image(self, src: str, size: tuple[int, int]) -> pygame.Surface | None:
        """An image file of the content folder scaled to `size`, or None if it cannot be read."""
        key = (src, size)
        if key not in self._images:
            try:
                loaded = pygame.image.load(self.content_dir / src)
                rgba = pygame.Surface(loaded.get_size(), pygame.SRCALPHA, 32)  # any file format -> 32 bit
                rgba.blit(loaded, (0, 0))
                self._images[key] = rgba if rgba.get_size() == size else pygame.transform.smoothscale(rgba, size)
            except (pygame.error, OSError, ValueError):
                self._images[key] = None
        return self._images[key]

    def text(self, face: str, size: int, text: str, colour: tuple[int, int, int]) -> pygame.Surface:
        key = (face, size, text, colour)
        image = self._texts.get(key)
        if image is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            image = self.fonts.get(face, size).render(text, self.site.style.antialias, colour)
            self._texts[key] = image
        return image
