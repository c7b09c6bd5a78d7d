"""The title bar: exhibit title, zoom out / level name / zoom in — composed once per language and level.

The language button of the engine sits in the bar's right corner; the zoom buttons stay left of it. The whole
bar is one opaque surface, so a frame costs a single blit.
"""

from __future__ import annotations

import pygame

from kiosk import widgets
from kiosk.scene import SceneContext, Target

from .geometry import ScreenGeometry
from .tuning import LEVELS, SCENE

ZOOM_IN, ZOOM_OUT = "timeline.zoom_in", "timeline.zoom_out"
DISABLED_ALPHA = 90


class Header:
    def __init__(self, ctx: SceneContext, geometry: ScreenGeometry) -> None:
        self.ctx = ctx
        self.geo = geometry
        self._bars: dict[tuple[str, str], pygame.Surface] = {}

    def forget(self) -> None:
        self._bars.clear()

    def prepare(self) -> None:
        """Compose the bar for every level now (language change, start), not in the middle of a zoom."""
        for level in LEVELS:
            self._bar(level)

    def _bar(self, level: str) -> pygame.Surface:
        key = (self.ctx.i18n.lang, level)
        bar = self._bars.get(key)
        if bar is None:
            bar = self._bars[key] = self._compose(level)
        return bar

    def _compose(self, level: str) -> pygame.Surface:
        ctx, theme, geo = self.ctx, self.ctx.theme, self.geo
        bar = pygame.Surface(geo.header.size)
        bar.fill(theme.color("bg", SCENE))
        fonts = [theme.font("sans_bold", "header_title", SCENE), theme.font("sans_bold", "card_title", SCENE),
                 theme.font("sans_bold", "small", SCENE)]
        title = ctx.text.fit(ctx.i18n.t("timeline.title"), fonts, theme.color("fg", SCENE), geo.title.width, 2,
                             where="ui.yaml:timeline.title").surface
        bar.blit(title, (geo.title.left, geo.title.centery - title.get_height() // 2))
        for name, rect, key, enabled in ((ZOOM_OUT, geo.zoom_out, "timeline.zoom_out", level != LEVELS[0]),
                                         (ZOOM_IN, geo.zoom_in, "timeline.zoom_in", level != LEVELS[-1])):
            button = pygame.Surface(rect.size, pygame.SRCALPHA)
            widgets.button(button, ctx, name, button.get_rect(), ctx.i18n.t(key), primary=False, scene=SCENE)
            button.set_alpha(255 if enabled else DISABLED_ALPHA)
            bar.blit(button, rect.move(-geo.header.left, -geo.header.top))
        label = ctx.text.fit(ctx.i18n.t(f"timeline.zoom.{level}"),
                             [theme.font("sans_bold", "zoom_label", SCENE), theme.font("sans", "small", SCENE)],
                             theme.color("muted", SCENE), geo.zoom_label.width, 1, align="center",
                             where=f"ui.yaml:timeline.zoom.{level}").surface
        bar.blit(label, label.get_rect(center=geo.zoom_label.move(-geo.header.left, -geo.header.top).center))
        return bar.convert() if pygame.display.get_surface() is not None else bar

    def draw(self, surface: pygame.Surface, level: str) -> None:
        surface.blit(self._bar(level), self.geo.header)

    def targets(self) -> list[Target]:
        return [Target(ZOOM_OUT, self.geo.zoom_out.copy(), "zoom out"),
                Target(ZOOM_IN, self.geo.zoom_in.copy(), "zoom in")]
