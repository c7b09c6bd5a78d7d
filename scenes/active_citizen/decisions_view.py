"""What votes decided: one gallery card per real city vote — the question, the winning answer, its share as a
ring where the source gives it, the number of votes or participants, a note and the source.
"""

from __future__ import annotations

import pygame

from kiosk.scene import SceneContext
from scenes.active_citizen.chart_draw import blit_ring
from scenes.active_citizen.model import Decision, SceneTexts
from scenes.active_citizen.ui_style import WHERE, Style, source_text


def _count_line(texts: SceneTexts, decision: Decision, lang: str) -> str | None:
    if decision.votes is None:
        return None
    template = texts.participants_total if decision.votes.counts == "participants" else texts.votes_total
    return template.pick(lang).format(count=decision.votes.text(lang))


def render_page(ctx: SceneContext, style: Style, texts: SceneTexts, decision: Decision, index: int,
                size: tuple[int, int], portrait: bool) -> pygame.Surface:
    lang = ctx.i18n.lang
    where = f"{WHERE}:decisions.{index}"
    surface = pygame.Surface(size, pygame.SRCALPHA)
    card = pygame.Rect((0, 0), size)
    pygame.draw.rect(surface, style.color("panel"), card, border_radius=style.radius)
    pad = style.size("pad") * 2
    inner = card.inflate(-2 * pad, -2 * pad)
    if portrait:
        y = _draw_heading(surface, ctx, style, texts, decision, inner, where, lang)
        bottom = _draw_footnotes(surface, ctx, style, texts, decision, inner, where, lang,
                                 max_height=inner.height // 4)
        figure = pygame.Rect(inner.x, y + style.margin, inner.width, bottom - style.margin * 2 - y)
    else:
        text_box = pygame.Rect(inner.x, inner.y, round(inner.width * 0.6), inner.height)
        y = _draw_heading(surface, ctx, style, texts, decision, text_box, where, lang)
        _draw_footnotes(surface, ctx, style, texts, decision, text_box, where, lang,
                        max_height=text_box.bottom - y, note_y=y)
        figure = pygame.Rect(text_box.right + style.margin * 2, inner.y,
                             inner.right - text_box.right - style.margin * 2, inner.height)
    _draw_figure(surface, ctx, style, texts, decision, figure, where, lang)
    return surface


def _draw_heading(surface: pygame.Surface, ctx: SceneContext, style: Style, texts: SceneTexts, decision: Decision,
                  box: pygame.Rect, where: str, lang: str) -> int:
    """Date, question, "the winning answer", the answer; returns the y below them."""
    y = box.y
    if decision.date is not None:
        date = ctx.text.block(decision.date.format(lang), style.font("bold", "date"), style.color("date"), box.width,
                              1, where=f"{where}.date")
        surface.blit(date.surface, (box.x, y))
        y += date.surface.get_height() + style.gap
    question = ctx.text.fit(decision.question.pick(lang), [style.font("bold", "card_title"),
                                                           style.font("bold", "lead")],
                            style.color("fg"), box.width, 3, where=f"{where}.question")
    surface.blit(question.surface, (box.x, y))
    y += question.surface.get_height() + style.margin
    label = ctx.text.block(texts.winning_answer.pick(lang), style.font("regular", "small"), style.color("muted"),
                           box.width, 1, where=f"{WHERE}:texts.winning_answer")
    surface.blit(label.surface, (box.x, y))
    y += label.surface.get_height() + style.gap // 2
    answer = ctx.text.fit(decision.answer.pick(lang), [style.font("bold", "answer"), style.font("bold", "lead")],
                          style.color("answer"), box.width, 3, where=f"{where}.answer")
    surface.blit(answer.surface, (box.x, y))
    return y + answer.surface.get_height() + style.margin


def _draw_footnotes(surface: pygame.Surface, ctx: SceneContext, style: Style, texts: SceneTexts,
                    decision: Decision, box: pygame.Rect, where: str, lang: str, max_height: int,
                    note_y: int | None = None) -> int:
    """The source at the bottom of `box`, the note above it (or at `note_y`); returns the y above them."""
    source = ctx.text.block(source_text(texts.source_facts.pick(lang), texts.source_press.pick(lang),
                                        decision.source),
                            style.font("regular", "small"), style.color("muted"), box.width, 2,
                            where=f"{where}.source")
    top = box.bottom - source.surface.get_height()
    surface.blit(source.surface, (box.x, top))
    if decision.note is not None:
        note = style.fit_height(decision.note.pick(lang), [style.font("regular", "body"),
                                                           style.font("regular", "small")],
                                style.color("muted"), box.width, max_height - source.surface.get_height()
                                - style.gap, where=f"{where}.note")
        top -= note.surface.get_height() + style.gap
        surface.blit(note.surface, (box.x, top if note_y is None else note_y))
    return top


def _draw_figure(surface: pygame.Surface, ctx: SceneContext, style: Style, texts: SceneTexts, decision: Decision,
                 box: pygame.Rect, where: str, lang: str) -> None:
    """A ring filled to the winning share (with the share in its middle), or the count in big type."""
    count = _count_line(texts, decision, lang)
    count_block = None
    if count is not None:
        count_block = ctx.text.fit(count, [style.font("bold", "lead"), style.font("bold", "body")], style.color("fg"),
                                   box.width, 2, where=f"{where}.votes", align="center")
    if decision.share is None:
        if count_block is not None:
            surface.blit(count_block.surface, count_block.surface.get_rect(center=box.center))
        return
    below = style.font("regular", "body").get_linesize() + style.gap * 2
    below += count_block.surface.get_height() + style.gap if count_block is not None else 0
    outer = max(style.px(60), min(box.width, box.height - below, style.px(600)) // 2)
    inner = round(outer * 0.7)
    center = (box.centerx, box.y + (box.height - below - 2 * outer) // 2 + outer)
    sweep = 360.0 * decision.share.percent / 100.0
    blit_ring(surface, center, outer, inner, [(0.0, sweep, style.color("answer"))], style.color("track"))
    share = ctx.text.fit(decision.share.text(lang), [style.font("bold", "share"), style.font("bold", "ring_center"),
                                                     style.font("bold", "lead")],
                         style.color("fg"), 2 * inner - style.gap, 2, where=f"{where}.share", align="center")
    surface.blit(share.surface, share.surface.get_rect(center=center))
    y = center[1] + outer + style.gap
    label = ctx.text.block(texts.share_label.pick(lang), style.font("regular", "body"), style.color("muted"),
                           box.width, 1, where=f"{WHERE}:texts.share_label", align="center")
    surface.blit(label.surface, (box.x, y))
    y += label.surface.get_height() + style.gap
    if count_block is not None:
        surface.blit(count_block.surface, (box.x, y))
