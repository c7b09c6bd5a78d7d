"""History section: one page per step of the project's story (date, title, text, a big figure) and a
mini-timeline of all steps under it ("ac.history.<index>" targets).

Pages are rendered once into a surface (per language and size) so a swipe only blits them.
"""

from __future__ import annotations

import pygame

from kiosk.scene import SceneContext, Target
from scenes.active_citizen.model import HistoryStep, SceneTexts
from scenes.active_citizen.ui_style import WHERE, Style, source_text


def render_page(ctx: SceneContext, style: Style, texts: SceneTexts, step: HistoryStep, index: int,
                size: tuple[int, int], portrait: bool) -> pygame.Surface:
    lang = ctx.i18n.lang
    width, height = size
    surface = pygame.Surface(size, pygame.SRCALPHA)
    where = f"{WHERE}:history.{index}"
    gap, pad = style.gap, style.size("pad")
    if portrait:
        text_w = width
        figure_box = pygame.Rect(0, 0, width, 0)
    else:
        text_w = round(width * 0.58)
        figure_box = pygame.Rect(text_w + style.margin * 2, 0, width - text_w - style.margin * 2, height)
    y = 0
    date = ctx.text.block(step.date.format(lang), style.font("bold", "date"), style.color("date"), text_w, 1,
                          where=f"{where}.date")
    surface.blit(date.surface, (0, y))
    y += date.surface.get_height() + gap
    title = ctx.text.fit(step.title.pick(lang), [style.font("bold", "section_title"), style.font("bold", "lead")],
                         style.color("fg"), text_w, 2, where=f"{where}.title")
    surface.blit(title.surface, (0, y))
    y += title.surface.get_height() + gap * 2
    source = ctx.text.block(source_text(texts.source_facts.pick(lang), texts.source_press.pick(lang), step.source),
                            style.font("regular", "small"), style.color("muted"), text_w, 2, where=f"{where}.source")
    text_fonts = [style.font("regular", "lead"), style.font("regular", "body")]
    if portrait:
        # top to bottom: text, the figure panel, the source
        figure_h = style.size("figure") * 4
        room = height - y - figure_h - source.surface.get_height() - style.margin * 4
        body = style.fit_height(step.text.pick(lang), text_fonts, style.color("fg"), text_w, room,
                                where=f"{where}.text")
        surface.blit(body.surface, (0, y))
        figure_box = pygame.Rect(0, y + body.surface.get_height() + style.margin * 2, width, figure_h)
        surface.blit(source.surface, (0, figure_box.bottom + style.margin))
    else:
        source_y = height - source.surface.get_height()
        surface.blit(source.surface, (0, source_y))
        body = style.fit_height(step.text.pick(lang), text_fonts, style.color("fg"), text_w, source_y - gap - y,
                                where=f"{where}.text")
        surface.blit(body.surface, (0, y))
    _draw_figure(surface, ctx, style, step, figure_box, pad, where)
    return surface


def _draw_figure(surface: pygame.Surface, ctx: SceneContext, style: Style, step: HistoryStep, box: pygame.Rect,
                 pad: int, where: str) -> None:
    """The step's big number, or its year when the source gives no figure."""
    lang = ctx.i18n.lang
    pygame.draw.rect(surface, style.color("panel"), box, border_radius=style.radius)
    inner = box.width - 2 * pad
    value_text = step.figure.value_text(lang) if step.figure is not None else str(step.date.year)
    value = ctx.text.fit(value_text, [style.font("bold", "figure"), style.font("bold", "share"),
                                      style.font("bold", "section_title")],
                         style.color("figure" if step.figure is not None else "dot"), inner, 1,
                         where=f"{where}.figure.value", align="center")
    label = None
    if step.figure is not None:
        label = ctx.text.fit(step.figure.label.pick(lang), [style.font("regular", "figure_label"),
                                                            style.font("regular", "small")],
                             style.color("muted"), inner, 3, where=f"{where}.figure.label", align="center")
    total = value.surface.get_height() + (label.surface.get_height() + style.gap if label else 0)
    y = box.centery - total // 2
    surface.blit(value.surface, (box.x + pad, y))
    if label is not None:
        surface.blit(label.surface, (box.x + pad, y + value.surface.get_height() + style.gap))


def strip_height(ctx: SceneContext, style: Style) -> int:
    return max(ctx.layout.min_target, style.size("dot") * 2 + style.font("regular", "small").get_linesize()
               + style.gap * 2)


def draw_strip(surface: pygame.Surface, ctx: SceneContext, style: Style, steps: list[HistoryStep], current: int,
               rect: pygame.Rect) -> list[Target]:
    """Mini-timeline: a line with a dot and a year per step; the current step is larger and coloured."""
    count = len(steps)
    if count == 0:
        return []
    line_y = rect.y + style.size("dot") + style.gap // 2
    pygame.draw.line(surface, style.color("dot"), (rect.left, line_y), (rect.right, line_y), max(2, style.px(3)))
    column = rect.width / count
    targets = []
    year_font = style.font("regular", "small")
    for index, step in enumerate(steps):
        center_x = round(rect.x + column * (index + 0.5))
        active = index == current
        radius = style.size("dot") if active else max(3, style.size("dot") * 6 // 10)
        pygame.draw.circle(surface, style.color("dot_current" if active else "muted"), (center_x, line_y), radius)
        year = ctx.text.line(str(step.date.year), year_font, style.color("fg" if active else "muted"))
        surface.blit(year, year.get_rect(midtop=(center_x, line_y + style.size("dot") + style.gap // 2)))
        hit = pygame.Rect(round(rect.x + column * index), rect.y, max(1, round(column)), rect.height)
        targets.append(Target(f"ac.history.{index}", hit, str(step.date)))
    return targets
