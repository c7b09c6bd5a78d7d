"""Theme tokens and screen geometry of the Active Citizen UI, in one place for every view module.

Why: colours and sizes come only from config/theme.yaml (`scenes: active_citizen:`), and every rectangle is
derived from `ctx.layout` (landscape 1920×1080, portrait 1080×1920, any other size), so the views never carry
literal colours, font sizes or screen positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk import widgets
from kiosk.scene import SceneContext, Target
from kiosk.text import TextBlock, wrap

SCENE_KEY = "active_citizen"
WHERE = "active_citizen.yaml"


class Style:
    """Token lookup bound to this scene: `style.color('chosen')`, `style.font('bold', 'body')`."""

    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self._fits: dict[tuple[object, ...], tuple[int, int]] = {}
        """fit_height decisions (font index, lines) — wrapping long text every frame would cost ~1 ms."""

    def color(self, token: str) -> pygame.Color:
        return self.ctx.theme.color(token, SCENE_KEY)

    def size(self, token: str) -> int:
        return self.ctx.theme.size(token, SCENE_KEY)

    def font(self, weight: str, size: str) -> pygame.font.Font:
        role = "sans_bold" if weight == "bold" else "sans"
        return self.ctx.theme.font(role, size, SCENE_KEY)

    def px(self, reference: float) -> int:
        return self.ctx.theme.px(reference)

    @property
    def margin(self) -> int:
        return self.ctx.theme.size("margin", SCENE_KEY)

    @property
    def gap(self) -> int:
        return self.ctx.theme.size("gap", SCENE_KEY)

    @property
    def radius(self) -> int:
        return self.ctx.theme.size("radius", SCENE_KEY)

    @property
    def button_h(self) -> int:
        return max(self.ctx.layout.min_target, self.ctx.theme.size("button_h", SCENE_KEY))

    def button_width(self, label: str, minimum: int = 0) -> int:
        """Width that fits `label` on one line of the button font (never under a touch target)."""
        font = self.font("bold", "button")
        return max(self.ctx.layout.min_target, minimum, font.size(label)[0] + 2 * self.size("pad"))

    def button(self, surface: pygame.Surface, name: str, rect: pygame.Rect, label: str,
               primary: bool = False, enabled: bool = True) -> Target:
        """A themed button; a disabled one stays a target (tapping it does nothing) but looks inactive."""
        if enabled:
            return widgets.button(surface, self.ctx, name, rect, label, primary=primary, scene=SCENE_KEY)
        pygame.draw.rect(surface, self.color("panel"), rect, border_radius=self.radius)
        block = self.ctx.text.fit(label, [self.font("bold", "button"), self.font("bold", "small")],
                                  self.color("disabled_fg"), rect.width - 2 * self.px(12), 2, where=f"button:{name}",
                                  align="center")
        surface.blit(block.surface, block.surface.get_rect(center=rect.center))
        return Target(name, rect.copy(), label)

    def fit_height(self, text: str, fonts: list[pygame.font.Font], color: pygame.Color, width: int, height: int,
                   where: str, align: str = "left") -> TextBlock:
        """The largest font whose wrapped text fits `height` pixels; the last font (cut with an ellipsis, and
        reported to the layout lint) otherwise."""
        key = (text, tuple(id(font) for font in fonts), width, height)
        choice = self._fits.get(key)
        if choice is None:
            choice = _choose_fit(text, fonts, width, height)
            if len(self._fits) > 512:
                self._fits.clear()
            self._fits[key] = choice
        index, lines = choice
        return self.ctx.text.block(text, fonts[index], color, width, lines, align=align, where=where)


def _choose_fit(text: str, fonts: list[pygame.font.Font], width: int, height: int) -> tuple[int, int]:
    for index, font in enumerate(fonts):
        lines, broke = wrap(font, text, width)
        if not broke and _block_height(font, len(lines)) <= height:
            return index, len(lines)
    font = fonts[-1]
    fitting = 1
    while _block_height(font, fitting + 1) <= height:
        fitting += 1
    return len(fonts) - 1, fitting


def _block_height(font: pygame.font.Font, lines: int) -> int:
    """Height of a TextBlock of `lines` lines (as kiosk.text lays them out)."""
    return round(font.get_linesize() * 1.15) * (lines - 1) + font.get_height()


@dataclass(frozen=True)
class Frame:
    """The fixed parts of every screen: header (exit, title), body, footer (navigation)."""

    exit_button: pygame.Rect
    title: pygame.Rect
    body: pygame.Rect
    footer: pygame.Rect
    portrait: bool

    @property
    def width(self) -> int:
        return self.body.width


def frame_for(ctx: SceneContext, style: Style, exit_label: str) -> Frame:
    """Header row level with the engine's language button (kept free), footer row of buttons at the bottom."""
    layout = ctx.layout
    margin = style.margin
    lang = layout.lang_toggle_rect
    button_h = style.button_h
    top = lang.top
    exit_button = pygame.Rect(margin, top, style.button_width(exit_label), button_h)
    header_bottom = max(lang.bottom, exit_button.bottom) + style.gap
    title_left = exit_button.right + style.gap * 2
    title = pygame.Rect(title_left, top, max(1, lang.left - style.gap * 2 - title_left), button_h)
    footer = pygame.Rect(margin, layout.height - margin - button_h, layout.width - 2 * margin, button_h)
    body = pygame.Rect(margin, header_bottom + style.gap, layout.width - 2 * margin,
                       footer.top - style.gap * 2 - header_bottom - style.gap)
    return Frame(exit_button, title, body, footer, layout.portrait)


def source_text(texts_source_facts: str, texts_source_press: str, source: str) -> str:
    """'Источник: таблица фактов экспозиции (ag/launch)' or the press-release line."""
    if source.startswith("facts:"):
        return texts_source_facts.format(key=source.removeprefix("facts:"))
    return texts_source_press
