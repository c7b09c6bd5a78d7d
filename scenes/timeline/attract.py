"""Attract mode: a slow tour through the highlighted events with a pulsing "touch to explore" banner.

The tour only decides which event comes next and when; the scene pans the view there. The banner shows the
invitation in the current language (large) and the other languages (smaller), rendered once and pulsed by
changing its alpha. Any touch stops the tour where it is (the engine calls the scene's stop_attract()).
"""

from __future__ import annotations

import math

import pygame

from kiosk.scene import SceneContext

from .tuning import SCENE

TOUCH_KEY = "attract.touch"


class AttractTour:
    def __init__(self, seconds_per_event: float) -> None:
        self.seconds_per_event = seconds_per_event
        self.event_ids: list[str] = []
        self.index = -1
        self.active = False
        self.elapsed = 0.0
        self.clock = 0.0

    @property
    def current_id(self) -> str | None:
        if not self.active or not self.event_ids or self.index < 0:
            return None
        return self.event_ids[self.index % len(self.event_ids)]

    def start(self, event_ids: list[str]) -> str | None:
        """Begin with the first highlighted event; returns it (None if nothing is highlighted)."""
        self.event_ids = list(event_ids)
        self.active = True
        self.index = 0 if self.event_ids else -1
        self.elapsed = 0.0
        return self.current_id

    def stop(self) -> None:
        self.active = False

    def update(self, dt: float) -> str | None:
        """Advance time; returns the next event's id when it is time to move on."""
        self.clock += dt
        if not self.active or not self.event_ids:
            return None
        self.elapsed += dt
        if self.elapsed < self.seconds_per_event:
            return None
        self.elapsed = 0.0
        self.index = (self.index + 1) % len(self.event_ids)
        return self.current_id

    def pulse(self) -> float:
        """0..1, a slow breathing rhythm for the banner and the highlighted card."""
        return 0.5 + 0.5 * math.sin(self.clock * 2.6)


class AttractBanner:
    """The pulsing invitation, rendered once per language."""

    def __init__(self, ctx: SceneContext, area: pygame.Rect) -> None:
        self.ctx = ctx
        self.area = area
        self._surface: pygame.Surface | None = None
        self._lang = ""

    def forget(self) -> None:
        self._surface = None

    def _compose(self) -> pygame.Surface:
        ctx, theme = self.ctx, self.ctx.theme
        entry = ctx.i18n.strings.get(TOUCH_KEY)
        lang = ctx.i18n.lang
        main = ctx.i18n.t(TOUCH_KEY)
        others = [entry.pick(other) for other in ctx.i18n.available if other != lang] if entry else []
        gap = theme.size("gap", SCENE)
        width = min(self.area.width, theme.px(1100))
        title = ctx.text.block(main, theme.font("sans_bold", "attract_title", SCENE),
                               theme.color("attract_fg", SCENE), width - 4 * gap, 2, align="center",
                               where=f"ui.yaml:{TOUCH_KEY}")
        subs = [ctx.text.block(text, theme.font("sans", "attract_sub", SCENE), theme.color("fg", SCENE),
                               width - 4 * gap, 2, align="center", where=f"ui.yaml:{TOUCH_KEY}")
                for text in others if text and text != main]
        height = 2 * gap + title.surface.get_height() + sum(s.surface.get_height() + gap // 2 for s in subs) + gap
        surface = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(surface, theme.color("lane_title_bg", SCENE), surface.get_rect(),
                         border_radius=theme.size("radius", SCENE))
        pygame.draw.rect(surface, theme.color("attract_fg", SCENE), surface.get_rect(), width=max(2, theme.px(3)),
                         border_radius=theme.size("radius", SCENE))
        y = int(1.5 * gap)
        surface.blit(title.surface, ((width - title.surface.get_width()) // 2, y))
        y += title.surface.get_height() + gap // 2
        for sub in subs:
            surface.blit(sub.surface, ((width - sub.surface.get_width()) // 2, y))
            y += sub.surface.get_height() + gap // 2
        return surface

    def rect(self) -> pygame.Rect:
        if self._surface is None or self._lang != self.ctx.i18n.lang:
            self._surface = self._compose()
            self._lang = self.ctx.i18n.lang
        rect = self._surface.get_rect()
        rect.midbottom = (self.area.centerx, self.area.bottom)
        return rect

    def draw(self, surface: pygame.Surface, pulse: float) -> None:
        rect = self.rect()
        assert self._surface is not None
        self._surface.set_alpha(round(150 + 105 * pulse))
        surface.blit(self._surface, rect)
