"""The visitor's points panel: "Your points: 40", a progress bar toward the status threshold (animated),
what the threshold means, and the curator's explanation of the real project's points.
"""

from __future__ import annotations

import math

import pygame

from kiosk.scene import SceneContext
from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.ui_style import WHERE, Style

PROGRESS_PER_S = 6.0
"""How fast the bar moves to a new value (exponential approach rate)."""


class PointsPanel:
    def __init__(self, ctx: SceneContext, style: Style) -> None:
        self.ctx = ctx
        self.style = style
        self.shown_progress = 0.0

    def update(self, target: float, dt: float) -> None:
        if target < self.shown_progress:  # a new visitor: no slide back
            self.shown_progress = target
            return
        self.shown_progress += (target - self.shown_progress) * (1.0 - math.exp(-PROGRESS_PER_S * dt))
        if abs(target - self.shown_progress) < 1e-3:
            self.shown_progress = target

    def _fonts(self) -> list[pygame.font.Font]:
        return [self.style.font("regular", "body"), self.style.font("regular", "small")]

    def natural_height(self, content: ContentModel, width: int) -> int:
        """Height the panel needs at `width` with the explanation in body type (portrait layout)."""
        style = self.style
        pad = style.size("pad")
        block = self.ctx.text.block(content.points.explanation.pick(self.ctx.i18n.lang), self._fonts()[0],
                                    style.color("muted"), width - 2 * pad)
        head = style.font("bold", "points").get_linesize() + style.size("progress_h") + \
            style.font("regular", "small").get_linesize() * 2 + style.gap * 4
        return head + block.surface.get_height() + 2 * pad

    def draw(self, surface: pygame.Surface, content: ContentModel, rect: pygame.Rect, points: int,
             status_reached: bool) -> pygame.Rect:
        """Returns the progress bar's filled rectangle (for tests)."""
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        texts = content.texts
        pygame.draw.rect(surface, style.color("panel"), rect, border_radius=style.radius)
        pad = style.size("pad")
        inner = rect.inflate(-2 * pad, -2 * pad)
        y = inner.y
        title = ctx.text.fit(texts.points.pick(lang).format(points=points),
                             [style.font("bold", "points"), style.font("bold", "body")], style.color("fg"),
                             inner.width, 1, where=f"{WHERE}:texts.points")
        surface.blit(title.surface, (inner.x, y))
        y += title.surface.get_height() + style.gap
        bar_h = style.size("progress_h")
        track = pygame.Rect(inner.x, y, inner.width, bar_h)
        pygame.draw.rect(surface, style.color("progress_track"), track, border_radius=bar_h // 2)
        fill = pygame.Rect(inner.x, y, round(inner.width * self.shown_progress), bar_h)
        if fill.width > 0:
            fill.width = max(fill.width, bar_h)
            pygame.draw.rect(surface, style.color("progress_fill"), fill, border_radius=bar_h // 2)
        y += bar_h + style.gap // 2
        goal_text = texts.points_goal.pick(lang).format(threshold=content.points.status_threshold)
        if status_reached:
            goal_text = texts.status_reached.pick(lang)
        goal = ctx.text.fit(goal_text, [style.font("bold" if status_reached else "regular", "small")],
                            style.color("check" if status_reached else "muted"), inner.width, 2,
                            where=f"{WHERE}:texts.{'status_reached' if status_reached else 'points_goal'}")
        surface.blit(goal.surface, (inner.x, y))
        y += goal.surface.get_height() + style.gap * 2
        explanation = style.fit_height(content.points.explanation.pick(lang), self._fonts(), style.color("muted"),
                                       inner.width, inner.bottom - y, where=f"{WHERE}:points.explanation")
        surface.blit(explanation.surface, (inner.x, y))
        return fill
