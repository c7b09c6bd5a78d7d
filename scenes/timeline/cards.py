"""Card surfaces: one pre-rendered picture per (event, zoom level, language), cached and built ahead of need.

Drawing a card every frame costs several times more than blitting a finished one, so each card is composed
once (background, lane-colour date marker, date, title, teaser and thumbnail) and kept in an LRU bounded in
bytes. Cards near the view are rendered a little every frame within a time budget, the ones on screen first;
a thumbnail that is still decoding is patched into the finished card when the image cache has it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path

import pygame

from kiosk.scene import SceneContext

from .model import Event
from .tuning import LEVELS, SCENE

CardKey = tuple[str, str, str]
"""(event id, level, language)."""


THUMB_ASPECT = 1.5
"""Thumbnails are 3:2, the shape of the exhibit's illustrations (a cover crop keeps their dates readable)."""
GROWTH = {"decade": 1.15, "year": 1.3, "month": 1.4}
"""How much taller than its minimum a card may grow to fill its lane's rows."""


@dataclass(frozen=True)
class CardStyle:
    """Geometry and fonts of the cards of one zoom level (all cards of a level are the same size)."""

    level: str
    width: int
    height: int
    rows: int
    """Rows of cards per lane."""
    row_offset: int
    """Top of the first row below the lane's rows area top (the rows are centred in the lane)."""
    pad: int
    strip: int
    radius: int
    thumb: pygame.Rect | None
    text_x: int
    text_w: int
    date_font: pygame.font.Font
    title_fonts: tuple[pygame.font.Font, ...]
    title_lines: int
    teaser_font: pygame.font.Font | None
    teaser_lines: int
    title_y: int
    teaser_y: int
    """Lowest top of the teaser (it follows the title directly when the title is shorter)."""

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def row_top(self, rows_top: int, row: int, gap: int) -> int:
        return rows_top + self.row_offset + row * (self.height + gap)


def _block_height(font: pygame.font.Font, lines: int) -> int:
    step = round(font.get_linesize() * 1.15)  # TextRenderer's default line spacing
    return step * (lines - 1) + font.get_height()


def build_styles(ctx: SceneContext, rows_h: int) -> dict[str, CardStyle]:
    """Card styles for a lane whose rows area is `rows_h` pixels tall: as many rows as fit, cards filling them."""
    theme = ctx.theme

    def size(token: str) -> int:
        return theme.size(token, SCENE)

    pad, strip, radius, gap = size("card_pad"), size("card_strip"), size("card_radius"), size("card_gap")
    date_font = theme.font("sans", "card_date", SCENE)
    title_fonts = (theme.font("condensed_bold", "card_title", SCENE),
                   theme.font("condensed_bold", "card_title_small", SCENE))
    teaser_font = theme.font("condensed", "card_teaser", SCENE)
    small_gap = max(2, pad // 3)
    date_h = date_font.get_height()
    title_step = round(title_fonts[0].get_linesize() * 1.15)
    styles: dict[str, CardStyle] = {}
    for level in LEVELS:
        text_w = size(f"card_text_w_{level}")
        with_thumb = level != "decade"
        base_h = pad + date_h + small_gap + _block_height(title_fonts[0], 2) + pad
        teaser_h = small_gap + _block_height(teaser_font, 2)
        # decade: date and title; year: + thumbnail (+ teaser if two rows still fit); month: + teaser
        with_teaser = level == "month" or (
            level == "year" and (rows_h + gap) // (base_h + teaser_h + gap) >= 2)
        min_h = base_h + (teaser_h if with_teaser else 0)
        rows = max(1, (rows_h + gap) // (min_h + gap))
        height = max(min_h, min((rows_h - (rows - 1) * gap) // rows, round(min_h * GROWTH[level])))
        spare_lines = (height - min_h) // title_step
        title_lines = 3 if spare_lines >= 1 else 2
        teaser_lines = 3 if with_teaser and spare_lines >= 2 else 2
        thumb: pygame.Rect | None = None
        text_x = strip + pad
        if with_thumb:
            thumb_h = height - 2 * pad
            thumb = pygame.Rect(strip + pad, pad, round(thumb_h * THUMB_ASPECT), thumb_h)
            text_x = thumb.right + pad
        title_y = pad + date_h + small_gap
        teaser_y = title_y + _block_height(title_fonts[0], title_lines) + small_gap
        used = rows * height + (rows - 1) * gap
        styles[level] = CardStyle(level, text_x + text_w + pad, height, rows, max(0, (rows_h - used) // 2), pad,
                                  strip, radius, thumb, text_x, text_w, date_font, title_fonts, title_lines,
                                  teaser_font if with_teaser else None, teaser_lines if with_teaser else 0, title_y, teaser_y)
    return styles


PaintSteps = Generator[None, None, tuple[pygame.Surface, bool]]


class CardPainter:
    """Composes one card surface from an event (text through ctx.text, thumbnail through ctx.images)."""

    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self._blanks: dict[tuple[str, str], pygame.Surface] = {}

    def _lane_color(self, token: str) -> pygame.Color:
        try:
            return self.ctx.theme.color(token, SCENE)
        except KeyError:
            return self.ctx.theme.color("accent", SCENE)

    def thumb_path(self, event: Event) -> Path | None:
        return self.ctx.content_root / event.images[0].file if event.images else None

    def _blank(self, style: CardStyle, lane_colour: str) -> pygame.Surface:
        """The empty card (rounded background and lane-colour date marker), drawn once per level and lane.

        Cards are opaque (half the cost of an alpha blit); their rounded corners show the lanes' background.
        """
        key = (style.level, lane_colour)
        blank = self._blanks.get(key)
        if blank is None:
            card = self.ctx.theme.color("card", SCENE)
            blank = pygame.Surface(style.size)
            blank.fill(self.ctx.theme.color("bg", SCENE))  # corners: the lanes' plain background (opaque card)
            pygame.draw.rect(blank, card, blank.get_rect(), border_radius=style.radius)
            pygame.draw.rect(blank, self._lane_color(lane_colour), (0, 0, style.strip + style.radius, style.height),
                             border_top_left_radius=style.radius, border_bottom_left_radius=style.radius)
            pygame.draw.rect(blank, card, (style.strip, 0, style.radius, style.height))
            if pygame.display.get_surface() is not None:
                blank = blank.convert()
            self._blanks[key] = blank
        return blank

    def paint(self, event: Event, lane_colour: str, style: CardStyle, lang: str) -> tuple[pygame.Surface, bool]:
        """The card surface, and whether its thumbnail is still decoding."""
        steps = self.paint_steps(event, lane_colour, style, lang)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value

    def paint_steps(self, event: Event, lane_colour: str, style: CardStyle, lang: str) -> PaintSteps:
        """`paint` in three similar-sized steps (title, other text, composing), so a frame can do one."""
        ctx, theme = self.ctx, self.ctx.theme
        where = f"timeline.yaml:events.{event.id}"
        title = ctx.text.fit(event.title.pick(lang), list(style.title_fonts), theme.color("card_fg", SCENE),
                             style.text_w, style.title_lines, where=f"{where}.title")
        yield
        date = ctx.text.block(event.date.format(lang), style.date_font, theme.color("card_muted", SCENE),
                              style.text_w, 1, where=f"{where}.date")
        teaser = None
        if style.teaser_font is not None:
            teaser = ctx.text.block(event.teaser.pick(lang), style.teaser_font, theme.color("card_muted", SCENE),
                                    style.text_w, style.teaser_lines, where=f"{where}.teaser")
        yield
        surface = self._blank(style, lane_colour).copy()
        surface.blit(date.surface, (style.text_x, style.pad))
        surface.blit(title.surface, (style.text_x, style.title_y))
        if teaser is not None:
            teaser_y = min(style.teaser_y, style.title_y + title.surface.get_height() + max(2, style.pad // 3))
            surface.blit(teaser.surface, (style.text_x, teaser_y))
        pending = self.patch_thumbnail(surface, event, style)
        return surface, pending

    def patch_thumbnail(self, surface: pygame.Surface, event: Event, style: CardStyle) -> bool:
        """Draw the thumbnail (or the placeholder while it decodes); True while still decoding."""
        if style.thumb is None:
            return False
        path = self.thumb_path(event)
        image = self.ctx.images.request(path, style.thumb.size, fit="cover") if path is not None else None
        if image is None:
            if path is None:
                surface.fill(self.ctx.theme.color("placeholder", SCENE), style.thumb)
                return False
            surface.fill(self.ctx.theme.color("placeholder", SCENE), style.thumb)
            return True
        surface.blit(image, image.get_rect(center=style.thumb.center))
        return False


@dataclass
class _Entry:
    surface: pygame.Surface
    pending_thumb: bool
    bytes: int
    revision: int = 0
    """Bumped when the thumbnail is patched in (composites built from the card redo themselves)."""


class CardCache:
    """LRU of finished card surfaces bounded in bytes, with a time-budgeted renderer for cards near the view."""

    TEXT_CACHE_RELEASE_EVERY = 60
    """Card text is baked into card surfaces, so ctx.text's copies are released every this many cards."""

    def __init__(self, ctx: SceneContext, styles: dict[str, CardStyle], max_mb: float) -> None:
        self.ctx = ctx
        self.styles = styles
        self.painter = CardPainter(ctx)
        self.max_bytes = int(max_mb * 1024 * 1024)
        self._entries: OrderedDict[CardKey, _Entry] = OrderedDict()
        self._bytes = 0
        self._events: dict[str, Event] = {}
        self._lane_colour: dict[str, str] = {}
        self._since_release = 0
        self._in_progress: tuple[CardKey, PaintSteps] | None = None
        self._satisfied: list[CardKey] | None = None
        self.rendered = 0
        """Cards composed so far (tests check that scrolling reuses them)."""

    def set_content(self, events: Iterable[Event], lane_colours: dict[str, str]) -> None:
        self._events = {event.id: event for event in events}
        self._lane_colour = dict(lane_colours)
        self.clear()

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._in_progress = None
        self._satisfied = None

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def get(self, event_id: str, level: str, lang: str) -> pygame.Surface | None:
        entry = self._entries.get((event_id, level, lang))
        if entry is None:
            return None
        self._entries.move_to_end((event_id, level, lang))
        return entry.surface

    def revision(self, event_id: str, level: str, lang: str) -> tuple[int, int]:
        """Changes whenever the cached card's pixels change (new surface or thumbnail patched in)."""
        entry = self._entries.get((event_id, level, lang))
        return (id(entry.surface), entry.revision) if entry is not None else (0, -1)

    def has(self, event_id: str, level: str, lang: str) -> bool:
        return (event_id, level, lang) in self._entries

    def _store(self, key: CardKey, surface: pygame.Surface, pending: bool) -> pygame.Surface:
        self._satisfied = None
        cost = surface.get_width() * surface.get_height() * 4
        while self._entries and self._bytes + cost > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.bytes
        self._entries[key] = _Entry(surface, pending, cost)
        self._bytes += cost
        self.rendered += 1
        self._since_release += 1
        if self._since_release >= self.TEXT_CACHE_RELEASE_EVERY:
            self._since_release = 0
            self.ctx.text.clear()
        return surface

    def _steps(self, key: CardKey) -> PaintSteps:
        event = self._events[key[0]]
        return self.painter.paint_steps(event, self._lane_colour.get(event.lane, "accent"), self.styles[key[1]],
                                        key[2])

    def render(self, event_id: str, level: str, lang: str) -> pygame.Surface:
        """The card, composed now if it is not cached yet."""
        key = (event_id, level, lang)
        cached = self.get(*key)
        if cached is not None:
            return cached
        steps = self._in_progress[1] if self._in_progress and self._in_progress[0] == key else self._steps(key)
        if self._in_progress and self._in_progress[0] == key:
            self._in_progress = None
        while True:
            try:
                next(steps)
            except StopIteration as done:
                surface, pending = done.value
                return self._store(key, surface, pending)

    def _advance(self) -> None:
        """One step of the card being composed in the background; stores it when finished."""
        assert self._in_progress is not None
        key, steps = self._in_progress
        try:
            next(steps)
        except StopIteration as done:
            self._in_progress = None
            surface, pending = done.value
            self._store(key, surface, pending)

    def pump(self, wanted: Iterable[CardKey], budget_ms: float, must: int = 0) -> int:
        """Render wanted cards in order, a step at a time, until the budget is spent; the first `must` at once.

        Also patches thumbnails that finished decoding into cards already made. Returns cards finished.
        """
        if wanted is self._satisfied:
            return 0
        started = time.perf_counter()
        before = self.rendered
        busy = False
        for index, key in enumerate(wanted):
            entry = self._entries.get(key)
            if entry is not None:
                if entry.pending_thumb and (index < must or (time.perf_counter() - started) * 1000.0 < budget_ms):
                    entry.pending_thumb = self.painter.patch_thumbnail(entry.surface, self._events[key[0]],
                                                                       self.styles[key[1]])
                    entry.revision += 0 if entry.pending_thumb else 1
                busy = busy or entry.pending_thumb
                continue
            if key[0] not in self._events:
                continue
            if index < must:
                self.render(*key)
                continue
            while (time.perf_counter() - started) * 1000.0 < budget_ms:
                if self._in_progress is None:
                    self._in_progress = (key, self._steps(key))
                self._advance()
                if self._in_progress is None and key in self._entries:
                    break
            if (time.perf_counter() - started) * 1000.0 >= budget_ms:
                break
        else:
            if not busy and self.rendered == before and isinstance(wanted, list):
                self._satisfied = wanted  # nothing to do until the list or the cache changes
        return self.rendered - before
