"""Engine overlays drawn above every scene: the language toggle and the idle countdown.

Overlays see input before the scene; one that consumes an event keeps it from the scene.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kiosk import widgets
from kiosk.gestures import InputEvent, Tap
from kiosk.scene import SceneContext, Target


class Overlay:
    visible = False

    def handle(self, event: InputEvent) -> bool:
        return False

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def targets(self) -> list[Target]:
        return []


class LanguageToggle(Overlay):
    """RU/EN button in the top-right corner of every screen."""

    def __init__(self, ctx: SceneContext, on_switch: Callable[[], None]) -> None:
        self.ctx = ctx
        self.on_switch = on_switch
        self.visible = len(ctx.i18n.available) > 1
        self._target: Target | None = None

    def handle(self, event: InputEvent) -> bool:
        if self.visible and isinstance(event, Tap) and self.ctx.layout.lang_toggle_rect.collidepoint(event.pos):
            self.on_switch()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        if self.visible:
            self._target = widgets.button(surface, self.ctx, "lang", self.ctx.layout.lang_toggle_rect,
                                          self.ctx.i18n.t("lang.toggle"), primary=False)

    def targets(self) -> list[Target]:
        return [Target("lang", self.ctx.layout.lang_toggle_rect, "lang")] if self.visible else []


class IdleOverlay(Overlay):
    """"Are you still there?" with a countdown; any touch dismisses it."""

    def __init__(self, ctx: SceneContext, seconds_left: Callable[[], int], on_continue: Callable[[], None]) -> None:
        self.ctx = ctx
        self.seconds_left = seconds_left
        self.on_continue = on_continue
        self._scrim: dict[tuple[int, int], pygame.Surface] = {}

    def handle(self, event: InputEvent) -> bool:
        if not self.visible:
            return False
        if isinstance(event, Tap):
            self.on_continue()
        return True

    def _box(self) -> pygame.Rect:
        layout = self.ctx.layout
        width = min(layout.width - 2 * self.ctx.theme.size("margin"), round(900 * layout.scale))
        box = pygame.Rect(0, 0, width, round(440 * layout.scale))
        box.center = layout.rect.center
        return box

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        ctx, theme = self.ctx, self.ctx.theme
        widgets.scrim(surface, ctx, self._scrim)
        box = self._box()
        widgets.panel(surface, ctx, box)
        pad = theme.size("margin")
        inner = box.width - 2 * pad
        title = ctx.text.block(ctx.i18n.t("idle.title"), theme.font("sans_bold", "title"), theme.color("fg"),
                               inner, 2, align="center", where="ui.yaml:idle.title")
        surface.blit(title.surface, (box.x + pad, box.y + pad))
        body = ctx.text.block(ctx.i18n.t("idle.body", seconds=self.seconds_left()), theme.font("sans", "body"),
                              theme.color("muted"), inner, 3, align="center", where="ui.yaml:idle.body")
        surface.blit(body.surface, (box.x + pad, box.y + pad + title.surface.get_height() + theme.size("gap")))
        widgets.button(surface, ctx, "idle.continue", self._button_rect(box), ctx.i18n.t("idle.continue"))

    def _button_rect(self, box: pygame.Rect) -> pygame.Rect:
        theme = self.ctx.theme
        rect = pygame.Rect(0, 0, round(box.width * 0.6), theme.size("button_h"))
        rect.midbottom = (box.centerx, box.bottom - theme.size("margin"))
        return rect

    def targets(self) -> list[Target]:
        return [Target("idle.continue", self._button_rect(self._box()))] if self.visible else []


class ClosedOverlay(Overlay):
    """Outside opening hours: a dim bilingual notice (or black); input does nothing."""

    def __init__(self, ctx: SceneContext, mode: str, brightness: float,
                 opens_at: Callable[[], object | None]) -> None:
        self.ctx = ctx
        self.mode = mode
        self.brightness = brightness
        self.opens_at = opens_at

    def handle(self, event: InputEvent) -> bool:
        return self.visible

    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible:
            return
        surface.fill((0, 0, 0))
        if self.mode == "black":
            return
        ctx, theme = self.ctx, self.ctx.theme
        fg = theme.color("fg")
        dim = pygame.Color(round(fg.r * self.brightness), round(fg.g * self.brightness),
                           round(fg.b * self.brightness))
        width = ctx.layout.width - 4 * theme.size("margin")
        y = ctx.layout.height // 3
        opens = self.opens_at()
        for lang in ctx.i18n.available:
            entry = ctx.i18n.strings.get("closed.title")
            text = entry.pick(lang) if entry is not None else ctx.i18n.t("closed.title")
            if opens is not None and hasattr(opens, "strftime"):
                hint = ctx.i18n.strings.get("closed.opens")
                if hint is not None:
                    text += "\n" + hint.pick(lang).format(time=opens.strftime("%H:%M"))
            block = ctx.text.block(text, theme.font("sans", "lead"), dim, width, 4, align="center")
            surface.blit(block.surface, block.surface.get_rect(midtop=(ctx.layout.width // 2, y)))
            y += block.surface.get_height() + theme.size("margin")
