"""Command buttons beside the monitor ("Or tap a command: NC, BLOCKS, DIALER, HELP") for visitors who have
never seen DOS: a tap types the command at the prompt and presses Enter, exactly as the keyboard would.

Shown only while the prompt waits for a command; targets are named retro.run.<COMMAND>. The commands and
their labels are `ui.quick` in retro_pc.yaml.
"""

from __future__ import annotations

import math

import pygame

from kiosk import widgets
from kiosk.scene import SceneContext, Target

from .geometry import SCENE, SceneGeometry
from .ui_model import SceneTexts


class QuickBar:
    def __init__(self, ctx: SceneContext, texts: SceneTexts) -> None:
        self.ctx = ctx
        self.texts = texts
        self.targets: list[Target] = []

    def draw(self, surface: pygame.Surface, geo: SceneGeometry, lang: str) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        commands = self.texts.quick
        self.targets = []
        if not commands:
            return self.targets
        area, gap = geo.quick, theme.size("gap", SCENE)
        title_h = theme.size("quick_title_h", SCENE)
        title = ctx.text.block(self.texts.quick_title.pick(lang), theme.font("sans", "hint", SCENE),
                               theme.color("fg", SCENE), area.width, 1, where="retro_pc.yaml:ui.quick_title")
        surface.blit(title.surface, title.surface.get_rect(midleft=(area.left, area.top + title_h // 2)))
        chip_h = max(ctx.layout.min_target, theme.size("chip_h", SCENE))
        rows = max(1, (area.height - title_h + gap) // (chip_h + gap))
        cols = math.ceil(len(commands) / rows)
        chip_w = (area.width - gap * (cols - 1)) // cols
        for index, quick in enumerate(commands):
            row, col = divmod(index, cols)
            rect = pygame.Rect(area.left + col * (chip_w + gap), area.top + title_h + row * (chip_h + gap), chip_w,
                               chip_h)
            self.targets.append(widgets.button(surface, ctx, f"retro.run.{quick.command.upper()}", rect,
                                               quick.label.pick(lang), primary=False, scene=SCENE, size="chip_label"))
        return self.targets

    def command_at(self, pos: tuple[float, float]) -> str | None:
        name = widgets.hit(self.targets, pos)
        return name.removeprefix("retro.run.") if name else None
