"""Drawing the cards that are on screen: finished cards, "+N" stacks, placeholders, the tour's highlight.

A stack is drawn from one cached composite (the first card, the edges of the cards beneath it and the "+N"
badge), so it costs one blit like a card. Cards not rendered yet show as a calm placeholder of the same size in
the lane's colour; the card cache fills them in within a frame or two. Returns the drawn items' screen rects,
from which the scene builds its touch targets.
"""

from __future__ import annotations

import time
from collections import OrderedDict

import pygame

from kiosk.scene import SceneContext

from .cards import CardCache, CardStyle
from .stacking import Item
from .tuning import SCENE

Drawn = tuple[Item, pygame.Rect]


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class CardStrip:
    COMPOSITE_MB = 16.0
    """Memory for stack composites at 1080p (scaled with the screen area); least recently drawn go first."""

    def __init__(self, ctx: SceneContext, cards: CardCache, styles: dict[str, CardStyle]) -> None:
        self.ctx = ctx
        self.cards = cards
        self.styles = styles
        theme = ctx.theme
        self.edge = max(3, theme.px(6))
        self.badge_pad = theme.px(8)
        self.highlight_w = max(3, theme.px(5))
        self._composites: OrderedDict[tuple[str, str, str, int], tuple[pygame.Surface, tuple[int, int]]] = \
            OrderedDict()
        self._composite_bytes = 0
        self._max_bytes = int(self.COMPOSITE_MB * 1024 * 1024 * max(1.0, ctx.layout.scale ** 2))
        self._badges: dict[int, pygame.Surface] = {}
        self._colors: dict[str, pygame.Color] = {}
        self._pending: list[tuple[Item, str, str]] = []

    def forget(self) -> None:
        self._composites.clear()
        self._composite_bytes = 0

    def _color(self, token: str) -> pygame.Color:
        color = self._colors.get(token)
        if color is None:
            try:
                color = self.ctx.theme.color(token, SCENE)
            except KeyError:
                color = self.ctx.theme.color("accent", SCENE)
            self._colors[token] = color
        return color

    def _badge(self, more: int) -> pygame.Surface:
        badge = self._badges.get(more)
        if badge is None:
            theme = self.ctx.theme
            text = self.ctx.text.line(f"+{more}", theme.font("sans_bold", "badge", SCENE),
                                      self._color("stack_badge_fg"))
            pad = theme.px(10)
            badge = pygame.Surface((max(text.get_width() + 2 * pad, text.get_height() + pad),
                                    text.get_height() + pad), pygame.SRCALPHA)
            pygame.draw.rect(badge, self._color("stack_badge"), badge.get_rect(),
                             border_radius=badge.get_height() // 2)
            badge.blit(text, text.get_rect(center=badge.get_rect().center))
            self._badges[more] = badge
        return badge

    def _cached_stack(self, item: Item, level: str, lang: str) -> pygame.Surface | None:
        key = (item.first_id, level, lang, len(item.event_ids))
        cached = self._composites.get(key)
        if cached is not None and cached[1] == self.cards.revision(item.first_id, level, lang):
            self._composites.move_to_end(key)
            return cached[0]
        return None

    def compose_pending(self, budget_ms: float) -> int:
        """Build the stack composites the last frames had to draw without, within `budget_ms`."""
        started = time.perf_counter()
        done = 0
        while self._pending and (time.perf_counter() - started) * 1000.0 < budget_ms:
            item, level, lang = self._pending.pop()
            card = self.cards.get(item.first_id, level, lang)
            if card is not None and self._cached_stack(item, level, lang) is None:
                self._stack(item, card, level, lang)
                done += 1
        self._pending.clear()
        return done

    def _stack(self, item: Item, card: pygame.Surface, level: str, lang: str) -> pygame.Surface:
        """The stack's look, composed once: edges of the cards beneath, the top card, the "+N" badge."""
        count = len(item.event_ids)
        key = (item.first_id, level, lang, count)
        revision = self.cards.revision(item.first_id, level, lang)
        style = self.styles[level]
        layers = 2 if count > 2 else 1
        surface = pygame.Surface((style.width + layers * self.edge, style.height + layers * self.edge))
        surface.fill(self._color("bg"))  # opaque like the cards: the gaps around are the lanes' background
        for layer in range(layers, 0, -1):
            shift = layer * self.edge
            pygame.draw.rect(surface, self._color("card_edge"), (shift, shift, style.width, style.height),
                             border_radius=style.radius)
        surface.blit(card, (0, 0))
        badge = self._badge(count - 1)
        surface.blit(badge, (style.width - badge.get_width() - self.badge_pad, self.badge_pad))
        if pygame.display.get_surface() is not None:
            surface = surface.convert()
        old = self._composites.pop(key, None)
        if old is not None:
            self._composite_bytes -= _bytes(old[0])
        self._composites[key] = (surface, revision)
        self._composite_bytes += _bytes(surface)
        while self._composite_bytes > self._max_bytes and len(self._composites) > 1:
            _, (dropped, _) = self._composites.popitem(last=False)
            self._composite_bytes -= _bytes(dropped)
        return surface

    def _placeholder(self, surface: pygame.Surface, rect: pygame.Rect, style: CardStyle, lane_colour: str) -> None:
        surface.fill(self._color("card"), rect)  # a plain fill: shown for a frame or two, must cost nothing
        surface.fill(self._color(lane_colour), (rect.left, rect.top, style.strip, rect.height))

    def draw(self, surface: pygame.Surface, items: list[Drawn], level: str, lang: str,
             lane_colours: dict[str, str], highlight: str | None) -> None:
        style = self.styles[level]
        for item, rect in items:
            card = self.cards.get(item.first_id, level, lang)
            if card is None:
                self._placeholder(surface, rect, style, lane_colours.get(item.lane, "accent"))
            elif item.is_stack:
                composite = self._cached_stack(item, level, lang)
                if composite is None:  # composed in the background (compose_pending); meanwhile card and badge
                    self._pending.append((item, level, lang))
                    surface.blit(card, rect)
                    badge = self._badge(len(item.event_ids) - 1)
                    surface.blit(badge, (rect.left + style.width - badge.get_width() - self.badge_pad,
                                         rect.top + self.badge_pad))
                else:
                    surface.blit(composite, rect)
            else:
                surface.blit(card, rect)
            if highlight is not None and highlight in item.event_ids:
                width = self.highlight_w
                pygame.draw.rect(surface, self._color("highlight"), rect.inflate(width * 2, width * 2), width=width,
                                 border_radius=style.radius + width)
