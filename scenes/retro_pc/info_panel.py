"""The words around the monitor: the scene title, the caption saying this is a typical machine of the time
(an illustration), the keyboard layout indicator (РУС · ЙЦУКЕН / LAT · QWERTY) and a short hint.

Landscape stacks them in the column beside the monitor; portrait puts the caption across the top of its
strip and the indicator beside the hint below it. All text goes through the kiosk's text cache with `where=`
labels so the layout lint can name an overflowing text by its place in the content.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext

from .geometry import SCENE, SceneGeometry
from .ui_model import SceneTexts


@dataclass(frozen=True)
class InfoState:
    lang: str
    caption: str
    layout: str
    """The machine's keyboard layout: 'ru' or 'en'."""
    short_keys: bool
    """The running program shows only a few keys (the hint says so)."""
    browsing: bool
    at_prompt: bool = True
    """DOS waits for a command (the hint mentions HELP); otherwise a program with the full keyboard runs."""


class InfoPanel:
    def __init__(self, ctx: SceneContext, texts: SceneTexts) -> None:
        self.ctx = ctx
        self.texts = texts

    def _font(self, role: str, size: str) -> pygame.font.Font:
        return self.ctx.theme.font(role, size, SCENE)

    def _color(self, token: str) -> pygame.Color:
        return self.ctx.theme.color(token, SCENE)

    def draw(self, surface: pygame.Surface, geo: SceneGeometry, state: InfoState) -> None:
        ctx = self.ctx
        title = ctx.text.fit(ctx.i18n.t("scene.retro_pc"), [self._font("sans_bold", "title"),
                                                             self._font("sans_bold", "hint")],
                             self._color("title"), geo.title.width, 1, where="ui.yaml:scene.retro_pc")
        surface.blit(title.surface, title.surface.get_rect(midleft=(geo.title.left, geo.title.centery)))
        info, gap = geo.info, ctx.theme.size("gap", SCENE)
        caption = ctx.text.block(state.caption, self._font("sans", "caption"), self._color("muted"), info.width, 3,
                                 where="retro_pc.yaml:machine.label")
        surface.blit(caption.surface, info.topleft)
        top = info.top + caption.surface.get_height() + gap
        if state.short_keys or state.browsing:  # no layout key on screen: the indicator would only puzzle
            self._hint(surface, pygame.Rect(info.left, top, info.width, info.bottom - top), state)
            return
        if geo.portrait:
            half = (info.width - gap) // 2
            panel = self._indicator(surface, pygame.Rect(info.left, top, half, info.bottom - top), state)
            hint_rect = pygame.Rect(panel.right + gap, top, info.right - panel.right - gap, info.bottom - top)
        else:
            panel = self._indicator(surface, pygame.Rect(info.left, top, min(info.width, ctx.theme.size("indicator_w", SCENE)),
                                                         info.bottom - top), state)
            hint_rect = pygame.Rect(info.left, panel.bottom + 2 * gap, info.width, info.bottom - panel.bottom - 2 * gap)
        self._hint(surface, hint_rect, state)

    def _indicator(self, surface: pygame.Surface, area: pygame.Rect, state: InfoState) -> pygame.Rect:
        ctx, lang, t = self.ctx, state.lang, self.texts
        pad = ctx.theme.px(14)
        width = area.width - 2 * pad
        label = ctx.text.block(t.layout_title.pick(lang), self._font("sans", "caption"), self._color("muted"),
                               width, 1, where="retro_pc.yaml:ui.layout_title").surface
        value_text = (t.layout_ru if state.layout == "ru" else t.layout_en).pick(lang)
        value = ctx.text.fit(value_text, [self._font("mono_bold", "indicator"), self._font("mono_bold", "caption")],
                             self._color("indicator_fg"), width, 1, where="retro_pc.yaml:ui.layout_ru").surface
        hint = ctx.text.block(t.layout_hint.pick(lang), self._font("sans", "key_label_small"), self._color("muted"),
                              width, 2, where="retro_pc.yaml:ui.layout_hint").surface
        height = min(area.height, 2 * pad + label.get_height() + value.get_height() + hint.get_height() + pad)
        panel = pygame.Rect(area.left, area.top, area.width, height)
        pygame.draw.rect(surface, self._color("indicator_bg"), panel, border_radius=ctx.theme.size("key_radius", SCENE))
        y = panel.top + pad
        surface.blit(label, (panel.left + pad, y))
        y += label.get_height()
        led = ctx.theme.size("led", SCENE)
        pygame.draw.circle(surface, self._color("led"), (panel.right - pad - led, y + value.get_height() // 2), led)
        surface.blit(value, (panel.left + pad, y))
        y += value.get_height() + pad // 2
        surface.blit(hint, (panel.left + pad, y), (0, 0, width, max(0, panel.bottom - y)))
        return panel

    def _hint(self, surface: pygame.Surface, area: pygame.Rect, state: InfoState) -> None:
        if area.height <= 0 or area.width <= 0:
            return
        t, lang = self.texts, state.lang
        text = (t.browser_hint if state.browsing else t.hint_keys if state.short_keys
                else t.hint if state.at_prompt else t.hint_program)
        font = self._font("sans", "hint")
        lines = max(1, area.height // font.get_linesize())
        block = self.ctx.text.fit(text.pick(lang), [font, self._font("sans", "caption")], self._color("fg"),
                                  area.width, min(5, lines), where="retro_pc.yaml:ui.hint")
        surface.blit(block.surface, area.topleft)
