"""Menu scene: one large button per enabled scene, titles from ui.yaml (`scene.<name>`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pygame

from kiosk import widgets
from kiosk.gestures import InputEvent, Tap
from kiosk.scene import Scene, Target


class MenuScene(Scene):
    name = "menu"

    def enter(self, params: Mapping[str, Any]) -> None:
        self._targets: list[Target] = []
        self._attract = False
        self._t = 0.0

    def _entries(self) -> list[str]:
        enabled = self.ctx.config.enabled_scenes()
        return [n for n in enabled if n != self.name and self.ctx.router.available(n)]

    def handle(self, event: InputEvent) -> None:
        if isinstance(event, Tap):
            name = widgets.hit(self._targets, event.pos)
            if name and name.startswith("menu."):
                self.ctx.router.push(name.removeprefix("menu."))

    def update(self, dt: float) -> None:
        self._t += dt

    def start_attract(self) -> None:
        self._attract = True

    def stop_attract(self) -> None:
        self._attract = False

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, layout = self.ctx, self.ctx.theme, self.ctx.layout
        surface.fill(theme.color("bg"))
        margin = theme.size("margin")
        width = layout.width - 2 * margin - layout.lang_toggle_rect.width
        title = ctx.text.block(ctx.i18n.t("menu.title"), theme.font("sans_bold", "title"), theme.color("fg"),
                               width, 2, where="ui.yaml:menu.title")
        surface.blit(title.surface, (margin, margin))
        y = margin + title.surface.get_height() + theme.size("gap")
        sub = ctx.text.block(ctx.i18n.t("menu.subtitle"), theme.font("sans", "lead"), theme.color("muted"),
                             width, 1)
        surface.blit(sub.surface, (margin, y))
        y += sub.surface.get_height() + margin
        self._targets = []
        button_w = min(layout.width - 2 * margin, theme.px(900))
        for name in self._entries():
            rect = pygame.Rect((layout.width - button_w) // 2, y, button_w, theme.px(140))
            self._targets.append(widgets.button(surface, ctx, f"menu.{name}", rect, ctx.i18n.t(f"scene.{name}")))
            y += rect.height + theme.size("gap")
        if self._attract:
            alpha = 128 + round(127 * math.sin(self._t * 3))
            hint = ctx.text.line(ctx.i18n.t("attract.touch"), theme.font("sans_bold", "title"), theme.color("accent"))
            hint.set_alpha(alpha)
            surface.blit(hint, hint.get_rect(midbottom=(layout.width // 2, layout.height - margin)))

    def targets(self) -> list[Target]:
        return list(self._targets)
