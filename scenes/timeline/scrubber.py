"""The year scrubber: a minimap of the whole range (eras, every event as a tick) with the visible window.

Tap anywhere to jump there; drag to move the window with the finger. The minimap is drawn once per content
and language, so a frame costs one blit and a rectangle outline.
"""

from __future__ import annotations

import pygame

from kiosk.scene import SceneContext, Target

from .model import ContentModel
from .tuning import SCENE
from .viewport import Viewport

TARGET = "timeline.scrubber"


class Scrubber:
    def __init__(self, ctx: SceneContext, rect: pygame.Rect) -> None:
        self.ctx = ctx
        self.rect = rect.copy()
        theme = ctx.theme
        self.inner = rect.inflate(-2 * theme.px(16), -2 * theme.px(8))
        self.start = 0.0
        self.end = 1.0
        self._base: pygame.Surface | None = None
        self._content: ContentModel | None = None
        self.dragging = False

    def set_content(self, content: ContentModel) -> None:
        self._content = content
        self.start = float(content.settings.range_start_year)
        self.end = float(content.settings.range_end_year + 1)
        self._base = None

    def language_changed(self) -> None:
        self._base = None

    # -- mapping -------------------------------------------------------------------------------------
    def x_of(self, year: float) -> float:
        return self.inner.left + (year - self.start) / (self.end - self.start) * self.inner.width

    def year_at(self, x: float) -> float:
        f = (x - self.inner.left) / max(1, self.inner.width)
        return self.start + min(max(f, 0.0), 1.0) * (self.end - self.start)

    def contains(self, pos: tuple[float, float]) -> bool:
        return self.rect.collidepoint(pos)

    # -- drawing -------------------------------------------------------------------------------------
    def _lane_color(self, token: str) -> pygame.Color:
        try:
            return self.ctx.theme.color(token, SCENE)
        except KeyError:
            return self.ctx.theme.color("accent", SCENE)

    def _render_base(self) -> pygame.Surface:
        assert self._content is not None
        theme, content = self.ctx.theme, self._content
        surface = pygame.Surface(self.rect.size)
        surface.fill(theme.color("bg", SCENE))  # opaque: it sits on the plain background
        local = surface.get_rect()
        radius = theme.size("radius", SCENE)
        pygame.draw.rect(surface, theme.color("scrubber_bg", SCENE), local, border_radius=radius)
        ox, oy = self.rect.topleft
        inner = self.inner.move(-ox, -oy)
        for index, era in enumerate(content.eras):
            left = max(inner.left, round(self.x_of(era.start)) - ox)
            right = min(inner.right, round(self.x_of(era.end + 1)) - ox)
            if right > left and index % 2:
                surface.fill(theme.color("era_odd", SCENE), (left, inner.top, right - left, inner.height))
        label_font = theme.font("sans", "small", SCENE)
        label_color = theme.color("axis", SCENE)
        labels_h = label_font.get_height()
        marks = pygame.Rect(inner.left, inner.top + labels_h, inner.width, max(4, inner.height - labels_h))
        first_decade = int(self.start) // 10 * 10
        for year in range(first_decade, int(self.end) + 1, 10):
            if year < self.start:
                continue
            x = round(self.x_of(year)) - ox
            surface.fill(label_color, (x, inner.top, max(1, theme.px(2)), inner.height))
            label = self.ctx.text.line(str(year), label_font, label_color)
            if x + theme.px(6) + label.get_width() <= inner.right:
                surface.blit(label, (x + theme.px(6), inner.top))
        lanes = content.lanes
        lane_h = marks.height / max(1, len(lanes))
        mark_w = max(1, theme.px(3))
        lane_index = {lane.id: i for i, lane in enumerate(lanes)}
        colors = {lane.id: self._lane_color(lane.colour) for lane in lanes}
        for event in content.events:
            row = lane_index.get(event.lane, 0)
            x = round(self.x_of(event.date.as_float())) - ox
            y = round(marks.top + row * lane_h + lane_h * 0.15)
            surface.fill(colors.get(event.lane, label_color), (x, y, mark_w, max(2, round(lane_h * 0.7))))
        return surface.convert() if pygame.display.get_surface() else surface

    def draw(self, surface: pygame.Surface, view: Viewport) -> None:
        if self._content is None:
            return
        if self._base is None:
            self._base = self._render_base()
        surface.blit(self._base, self.rect.topleft)
        theme = self.ctx.theme
        left = max(self.inner.left, round(self.x_of(view.left_year)))
        right = min(self.inner.right, round(self.x_of(view.right_year)))
        min_w = theme.px(14)
        if right - left < min_w:
            middle = (left + right) // 2
            left, right = middle - min_w // 2, middle + min_w // 2
        window = pygame.Rect(left, self.rect.top + theme.px(3), right - left, self.rect.height - 2 * theme.px(3))
        pygame.draw.rect(surface, theme.color("scrubber_window", SCENE), window, width=max(2, theme.px(4)),
                         border_radius=theme.px(8))

    def target(self) -> Target:
        return Target(TARGET, self.rect.copy(), "scrubber")
