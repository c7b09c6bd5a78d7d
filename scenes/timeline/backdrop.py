"""What lies behind the cards: era bands with their titles, lane strips with their names, and the year axis.

Every label is rendered once per language and kept; a frame is a handful of rectangle fills and blits. Titles
of eras and lanes stay pinned at the left edge while their band scrolls past ("sticky" labels).
"""

from __future__ import annotations

import math

import pygame

from kiosk.scene import SceneContext

from .geometry import ScreenGeometry
from .model import ContentModel
from .tuning import SCENE
from .viewport import Viewport

MONTHS_KEY = "timeline.months_short"
"""ui.yaml key: twelve short month names separated by spaces, e.g. "янв фев мар …"."""


class Backdrop:
    def __init__(self, ctx: SceneContext, geometry: ScreenGeometry) -> None:
        self.ctx = ctx
        self.geo = geometry
        self.content: ContentModel | None = None
        self._labels: dict[tuple[str, str], pygame.Surface] = {}

    def set_content(self, content: ContentModel) -> None:
        self.content = content
        self._labels.clear()

    def language_changed(self) -> None:
        self._labels.clear()

    def prepare(self) -> None:
        """Render every label the axis and strips can show now, so scrolling never renders text."""
        assert self.content is not None
        lang = self.ctx.i18n.lang
        settings = self.content.settings
        for year in range(settings.range_start_year - 1, settings.range_end_year + 3):
            self._label("year", str(year), "axis_label", "axis", True)
        for month in range(1, 12):
            self._label(f"month.{lang}.{month}", self._month_name(month), "axis_label", "axis")
        for era in self.content.eras:
            self._label(f"eras.{era.id}.{lang}", era.title.pick(lang), "era_title", "era_title", True)
        for lane in self.content.lanes:
            self._label(f"lanes.{lane.id}.{lang}", lane.title.pick(lang), "lane_title", "fg", True)

    # -- cached labels -------------------------------------------------------------------------------
    def _label(self, kind: str, text: str, font_token: str, color: str, bold: bool = False) -> pygame.Surface:
        key = (kind, text)
        surface = self._labels.get(key)
        if surface is None:
            theme = self.ctx.theme
            font = theme.font("sans_bold" if bold else "sans", font_token, SCENE)
            surface = self.ctx.text.block(text, font, theme.color(color, SCENE), 0, 1,
                                          where=f"timeline:{kind}").surface
            self._labels[key] = surface
        return surface

    def _month_name(self, month: int) -> str:
        names = self.ctx.i18n.t(MONTHS_KEY).split()
        return names[month] if len(names) == 12 else f"{month + 1:02d}"

    def _lane_color(self, token: str) -> pygame.Color:
        try:
            return self.ctx.theme.color(token, SCENE)
        except KeyError:
            return self.ctx.theme.color("accent", SCENE)

    # -- drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, view: Viewport) -> None:
        """Everything below the header: lanes and axis on the plain background, eras in the era strip.

        The lanes stay one plain colour so cards can be opaque surfaces with background-coloured corners (an
        opaque blit costs half an alpha blit); eras show as coloured segments of the strip above the lanes
        with a thin line through the lanes where each begins.
        """
        assert self.content is not None
        theme, geo = self.ctx.theme, self.geo
        lang = self.ctx.i18n.lang
        bg = theme.color("bg", SCENE)
        strip = geo.era_strip
        surface.fill(bg, (0, geo.header.bottom, geo.width, strip.top - geo.header.bottom))  # header: opaque
        surface.fill(bg, (0, strip.bottom, geo.width, geo.height - strip.bottom))
        covered_to = 0
        pad = geo.gap
        line = theme.color("era_line", SCENE)
        thickness = max(1, theme.px(2))
        for index, era in enumerate(self.content.eras):
            left = max(0, math.floor(view.x_of(era.start)))
            right = min(geo.width, math.floor(view.x_of(era.end + 1)))
            if right <= 0 or left >= geo.width or right <= left:
                continue
            if left > covered_to:
                surface.fill(bg, (covered_to, strip.top, left - covered_to, strip.height))
            token = "era_odd" if index % 2 else "era_even"
            surface.fill(theme.color(token, SCENE), (left, strip.top, right - left, strip.height))
            covered_to = max(covered_to, right)
            if left > 0:
                surface.fill(line, (left, strip.bottom, thickness, geo.axis.top - strip.bottom))
            title = self._label(f"eras.{era.id}.{lang}", era.title.pick(lang), "era_title", "era_title", True)
            x = min(max(left, 0) + pad, right - pad - title.get_width())
            if x + title.get_width() > 0:
                surface.blit(title, (x, strip.centery - title.get_height() // 2))
        if covered_to < geo.width:
            surface.fill(bg, (covered_to, strip.top, geo.width - covered_to, strip.height))
        self._draw_lanes(surface, lang)
        self._draw_axis(surface, view, lang)

    def _draw_lanes(self, surface: pygame.Surface, lang: str) -> None:
        assert self.content is not None
        theme, geo = self.ctx.theme, self.geo
        line = theme.color("lane_line", SCENE)
        thickness = max(1, theme.px(2))
        for box in geo.lanes:
            surface.fill(line, (0, box.rect.top, geo.width, thickness))
            lane = self.content.lane(box.lane_id)
            title = self._label(f"lanes.{lane.id}.{lang}", lane.title.pick(lang), "lane_title", "fg", True)
            dot = max(4, theme.px(9))
            x, cy = geo.margin, box.header.centery
            pygame.draw.circle(surface, self._lane_color(lane.colour), (x + dot, cy), dot)
            surface.blit(title, (x + 3 * dot, cy - title.get_height() // 2))

    def _draw_axis(self, surface: pygame.Surface, view: Viewport, lang: str) -> None:
        theme, geo = self.ctx.theme, self.geo
        axis = geo.axis
        major = theme.color("axis", SCENE)
        minor = theme.color("axis_minor", SCENE)
        thickness = max(1, theme.px(2))
        surface.fill(major, (0, axis.top, geo.width, thickness))
        tick, label_dx = theme.px(14), theme.px(6)
        label_y = axis.top + tick // 2
        first = math.floor(view.left_year)
        last = math.ceil(view.right_year)
        year_step = 1 if view.ppy >= theme.px(90) else 2 if view.ppy >= theme.px(45) else 5
        month_px = view.ppy / 12.0
        show_months = month_px >= theme.px(14)
        month_labels = month_px >= theme.px(110)
        minor_h = tick if month_labels else tick // 2
        months = [self._label(f"month.{lang}.{m}", self._month_name(m), "axis_label", "axis")
                  for m in range(1, 12)] if month_labels else []
        for year in range(first, last + 1):
            x = round(view.x_of(year))
            if show_months:
                for month in range(1, 12):
                    mx = round(view.x_of(year + month / 12.0))
                    if 0 <= mx < geo.width:
                        surface.fill(minor, (mx, axis.top, thickness, minor_h))
                        if months:
                            surface.blit(months[month - 1], (mx + label_dx, label_y))
            if year % year_step or not -geo.width <= x <= 2 * geo.width:
                continue
            surface.fill(major, (x, axis.top, thickness, tick))
            surface.blit(self._label("year", str(year), "axis_label", "axis", True), (x + label_dx, label_y))
        # zoomed in, the current year's tick may be off screen: keep its number pinned at the left edge
        sticky = self._label("year", str(first), "axis_label", "axis", True)
        next_x = view.x_of(first + 1)
        if view.x_of(first) < 0 and next_x > sticky.get_width() + 3 * label_dx:
            cover = sticky.get_width() + 2 * label_dx
            for month, label in enumerate(months, start=1):  # hide month names the pinned year would cut
                start = round(view.x_of(first + month / 12.0)) + label_dx
                if start < cover < start + label.get_width():
                    cover = start + label.get_width()
            surface.fill(theme.color("bg", SCENE), (0, label_y, cover, sticky.get_height()))
            surface.blit(sticky, (label_dx, label_y))
