"""The screen shown when no valid content exists at all: a calm bilingual 'being updated' notice.

Its text comes from kiosk.yaml (fallback_message), because content itself is what is broken.
"""

from __future__ import annotations

import pygame

from kiosk.scene import Scene


class UpdatingScene(Scene):
    name = "updating"

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme = self.ctx, self.ctx.theme
        surface.fill(theme.color("bg"))
        width = ctx.layout.width - 4 * theme.size("margin")
        message = ctx.config.fallback_message
        blocks = [ctx.text.block(message.ru, theme.font("sans_bold", "title"), theme.color("fg"), width, 3,
                                 align="center"),
                  ctx.text.block(message.en, theme.font("sans", "lead"), theme.color("muted"), width, 3,
                                 align="center")]
        total = sum(b.surface.get_height() for b in blocks) + theme.size("margin")
        y = (ctx.layout.height - total) // 2
        for block in blocks:
            surface.blit(block.surface, block.surface.get_rect(midtop=(ctx.layout.width // 2, y)))
            y += block.surface.get_height() + theme.size("margin")
