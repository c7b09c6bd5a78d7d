"""An expanded stack: the events a "+N" stack holds, laid out as full cards in a grid over the timeline.

Tapping one opens its detail view; tapping outside (or "close") folds the stack again. Large stacks are
paged. The cards are the same cached surfaces the timeline uses at the "year" level.
"""

from __future__ import annotations

import pygame

from kiosk import widgets
from kiosk.gestures import DragEnd, Fling, InputEvent, Tap
from kiosk.scene import SceneContext, Target

from .cards import CardCache, CardStyle
from .prefetch import STACK_LEVEL as LEVEL
from .tuning import SCENE

CLOSE, NEXT_PAGE, PREV_PAGE = "stack.close", "stack.next", "stack.prev"


class StackView:
    def __init__(self, ctx: SceneContext, cards: CardCache, style: CardStyle) -> None:
        self.ctx = ctx
        self.cards = cards
        self.style = style
        theme, layout = ctx.theme, ctx.layout
        margin, self.gap = theme.size("margin", SCENE), theme.size("gap", SCENE)
        lang = layout.lang_toggle_rect
        self.panel = pygame.Rect(margin, lang.bottom + self.gap, layout.width - 2 * margin,
                                 layout.height - lang.bottom - self.gap - margin)
        button_h = max(layout.min_target, theme.size("button_h", SCENE))
        pad = margin
        self.bar = pygame.Rect(self.panel.left + pad, self.panel.bottom - pad - button_h,
                               self.panel.width - 2 * pad, button_h)
        self.title_y = self.panel.top + pad
        title_h = theme.font("sans_bold", "title", SCENE).get_linesize()
        self.grid = pygame.Rect(self.panel.left + pad, self.title_y + title_h + self.gap,
                                self.panel.width - 2 * pad, 0)
        self.grid.height = max(1, self.bar.top - self.gap - self.grid.top)
        self.columns = max(1, (self.grid.width + self.gap) // (style.width + self.gap))
        self.rows = max(1, (self.grid.height + self.gap) // (style.height + self.gap))
        self.event_ids: list[str] = []
        self.title = ""
        self.page = 0
        self._targets: list[Target] = []

    @property
    def is_open(self) -> bool:
        return bool(self.event_ids)

    @property
    def first_id(self) -> str | None:
        return self.event_ids[0] if self.event_ids else None

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.event_ids) // self.per_page))

    def open(self, event_ids: list[str], title: str) -> None:
        self.event_ids = list(event_ids)
        self.title = title
        self.page = 0

    def close(self) -> None:
        self.event_ids = []
        self._targets = []

    def page_ids(self) -> list[str]:
        start = self.page * self.per_page
        return self.event_ids[start:start + self.per_page]

    def handle(self, event: InputEvent) -> str | None:
        """Returns CLOSE, or 'card.<id>' for a tapped card; paging is handled here."""
        if not self.is_open:
            return None
        if isinstance(event, Tap):
            name = widgets.hit(self._targets, event.pos)
            if name == NEXT_PAGE:
                self.page = min(self.page + 1, self.pages - 1)
            elif name == PREV_PAGE:
                self.page = max(self.page - 1, 0)
            elif name is not None:
                return name
            elif not self.panel.collidepoint(event.pos):
                return CLOSE
        elif isinstance(event, Fling | DragEnd) and abs(event.velocity[0]) >= self.ctx.layout.mm(60):
            step = 1 if event.velocity[0] < 0 else -1
            self.page = min(max(self.page + step, 0), self.pages - 1)
        return None

    def card_rect(self, slot: int) -> pygame.Rect:
        column, row = slot % self.columns, slot // self.columns
        used_w = self.columns * (self.style.width + self.gap) - self.gap
        x0 = self.grid.left + (self.grid.width - used_w) // 2
        return pygame.Rect(x0 + column * (self.style.width + self.gap),
                           self.grid.top + row * (self.style.height + self.gap), self.style.width, self.style.height)

    def frame_key(self) -> tuple[object, ...]:
        """Everything `draw` shows: the same key means the same pixels (the scene keeps the composed frame)."""
        lang = self.ctx.i18n.lang
        cards = tuple(self.cards.revision(event_id, LEVEL, lang) for event_id in self.page_ids())
        return (tuple(self.event_ids), self.page, self.title, lang, cards)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.is_open:
            return
        ctx, theme = self.ctx, self.ctx.theme
        lang = ctx.i18n.lang
        pygame.draw.rect(surface, theme.color("bg", SCENE), self.panel, border_radius=theme.size("radius"))
        title = ctx.text.block(self.title, theme.font("sans_bold", "title", SCENE), theme.color("fg", SCENE),
                               self.grid.width, 1, where="ui.yaml:timeline.stack_title")
        surface.blit(title.surface, (self.grid.left, self.title_y))
        targets: list[Target] = []
        for slot, event_id in enumerate(self.page_ids()):
            rect = self.card_rect(slot)
            surface.blit(self.cards.render(event_id, LEVEL, lang), rect)
            targets.append(Target(f"card.{event_id}", rect))
        close = pygame.Rect(0, self.bar.top, min(theme.px(420), self.bar.width // 3), self.bar.height)
        close.centerx = self.bar.centerx
        targets.append(widgets.button(surface, ctx, CLOSE, close, ctx.i18n.t("common.close"), primary=False,
                                      scene=SCENE))
        side = pygame.Rect(0, self.bar.top, max(self.bar.height, theme.px(220)), self.bar.height)
        if self.page > 0:
            targets.append(widgets.button(surface, ctx, PREV_PAGE, side.move(self.bar.left - side.left, 0),
                                          ctx.i18n.t("timeline.prev_page"), primary=False, scene=SCENE))
        if self.page < self.pages - 1:
            targets.append(widgets.button(surface, ctx, NEXT_PAGE, side.move(self.bar.right - side.right, 0),
                                          ctx.i18n.t("timeline.next_page"), primary=False, scene=SCENE))
        self._targets = targets

    def targets(self) -> list[Target]:
        return list(self._targets)
