"""Then and now: a split view with the reconstructed 1990s start page and the dated facts about the first
site on one side, today's mos.ru (press-release figures, the most used services, what is new) on the other.
Side by side on landscape screens, one above the other on portrait ones; a side that is longer than its
half scrolls by drag.

Each side is rendered once into a surface per (language, size) from mosru.yaml and only blitted per frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pygame

from kiosk.pages import PageRenderer
from kiosk.pages.layout import WidgetOp
from kiosk.pages.model import MarqueeBlock
from kiosk.scene import SceneContext
from scenes.mosru.chrome import badge as reconstruction_badge
from scenes.mosru.geometry import S
from scenes.mosru.model import ContentModel


@dataclass
class Pane:
    rect: pygame.Rect
    content: pygame.Surface | None = None
    scroll: float = 0.0

    @property
    def max_scroll(self) -> float:
        if self.content is None:
            return 0.0
        return max(0.0, self.content.get_height() - self.rect.height)


@dataclass
class CompareView:
    ctx: SceneContext
    panes: dict[str, Pane] = field(default_factory=dict)
    _key: tuple[str, tuple[int, int, int, int], int] | None = None
    _fades: dict[tuple[int, int, tuple[int, ...]], pygame.Surface] = field(default_factory=dict)

    def layout(self, area: pygame.Rect, now_height: int | None = None) -> None:
        """Split `area`: side by side (landscape) or one above the other (portrait, where today's side gets
        the height its text needs, up to 62 %, and the 1990s side the rest)."""
        gap = self.ctx.theme.size("gap")
        if self.ctx.layout.portrait:
            wanted = now_height if now_height is not None else round(area.height * 0.58)
            now_h = min(wanted, round(area.height * 0.62))
            then = pygame.Rect(area.x, area.y, area.width, area.height - now_h - gap)
            now = pygame.Rect(area.x, then.bottom + gap, area.width, now_h)
        else:
            then_w = round(area.width * 0.42)
            then = pygame.Rect(area.x, area.y, then_w, area.height)
            now = pygame.Rect(then.right + gap, area.y, area.width - then_w - gap, area.height)
        for name, rect in (("then", then), ("now", now)):
            pane = self.panes.get(name)
            if pane is None:
                self.panes[name] = Pane(rect)
            elif pane.rect != rect:
                pane.rect = rect
                pane.scroll = min(pane.scroll, pane.max_scroll)

    def reset_scroll(self) -> None:
        for pane in self.panes.values():
            pane.scroll = 0.0

    def drag(self, pos: tuple[float, float], dy: float) -> None:
        for pane in self.panes.values():
            if pane.rect.collidepoint(pos):
                pane.scroll = min(pane.max_scroll, max(0.0, pane.scroll - dy))

    # ------------------------------------------------------------------------------------------ render

    def draw(self, surface: pygame.Surface, area: pygame.Rect, model: ContentModel,
             thumbnail: pygame.Surface | Callable[[], pygame.Surface | None] | None) -> None:
        """`thumbnail` may be a function: it is only called when the panes are composed (language, size)."""
        key = (self.ctx.i18n.lang, (area.x, area.y, area.width, area.height), id(model))
        if key != self._key or len(self.panes) < 2:
            self.layout(area)
            picture = thumbnail() if callable(thumbnail) else thumbnail
            self.panes["then"].content = self._then(model, self.panes["then"].rect.width, picture)
            now = self.panes["now"].content = self._now(model, self.panes["now"].rect.width)
            self.layout(area, now.get_height())
            for pane in self.panes.values():
                pane.scroll = min(pane.scroll, pane.max_scroll)
            self._key = key
        theme = self.ctx.theme
        for name, pane in self.panes.items():
            pygame.draw.rect(surface, theme.color(f"{name}_bg", S), pane.rect, border_radius=theme.size("radius"))
            if pane.content is None:
                continue
            clip = surface.get_clip()
            surface.set_clip(pane.rect)
            surface.blit(pane.content, (pane.rect.x, pane.rect.y - round(pane.scroll)))
            surface.set_clip(clip)
            if pane.max_scroll > 0:
                self._scroll_mark(surface, pane)
                if pane.scroll < pane.max_scroll - 1:
                    self._fade(surface, pane, theme.color(f"{name}_bg", S))

    def _fade(self, surface: pygame.Surface, pane: Pane, colour: pygame.Color) -> None:
        """The last lines fade out when more follows below (a hint to scroll)."""
        height = self.ctx.theme.size("panel_pad", S) * 3
        key = (pane.rect.width, height, tuple(colour))
        fade = self._fades.get(key)
        if fade is None:
            fade = pygame.Surface((pane.rect.width, height), pygame.SRCALPHA)
            for y in range(height):
                fade.fill((colour.r, colour.g, colour.b, round(255 * y / max(1, height - 1))), (0, y, pane.rect.width, 1))
            self._fades[key] = fade
        surface.blit(fade, (pane.rect.x, pane.rect.bottom - height))

    def _scroll_mark(self, surface: pygame.Surface, pane: Pane) -> None:
        assert pane.content is not None
        theme = self.ctx.theme
        width = theme.px(8)
        track = pane.rect.inflate(0, -2 * theme.size("radius"))
        thumb_h = max(width * 4, round(track.height * pane.rect.height / pane.content.get_height()))
        y = track.y + round((track.height - thumb_h) * pane.scroll / pane.max_scroll)
        pygame.draw.rect(surface, theme.color("muted"), (track.right - 2 * width, y, width, thumb_h),
                         border_radius=width // 2)

    def _column(self, width: int) -> tuple[int, int, list[tuple[pygame.Surface, int, int]]]:
        pad = self.ctx.theme.size("panel_pad", S)
        return pad, width - 2 * pad, []

    def _text(self, text: str, role: str, size: str, colour: pygame.Color, width: int, where: str,
              max_lines: int = 8) -> pygame.Surface:
        font = self.ctx.theme.font(role, size, S)
        return self.ctx.text.block(text, font, colour, width, max_lines, where=where).surface

    def _then(self, model: ContentModel, width: int, thumbnail: pygame.Surface | None) -> pygame.Surface:
        ctx, theme = self.ctx, self.ctx.theme
        lang = ctx.i18n.lang
        pad, inner, items = self._column(width)
        gap = theme.size("gap")
        fg, muted = theme.color("fg"), theme.color("muted")
        items.append((self._text(model.chrome.then_label.pick(lang), "sans_bold", "compare_label",
                                 theme.color("badge_bg", S), inner, "mosru.yaml:chrome.then_label", 1), pad, gap))
        if thumbnail is not None:
            thumb_w = min(inner, theme.size("thumb_w", S))
            thumb_h = round(thumbnail.get_height() * thumb_w / thumbnail.get_width())
            framed = pygame.Surface((thumb_w, thumb_h))
            framed.blit(pygame.transform.smoothscale(thumbnail, (thumb_w, thumb_h)), (0, 0))
            badge = reconstruction_badge(ctx, model.label.badge.pick(lang))
            framed.blit(badge, (thumb_w - badge.get_width() - gap // 2, gap // 2))
            items.append((framed, pad, gap))
        items.append((self._text(model.chrome.then_facts_title.pick(lang), "sans_bold", "compare_title", fg, inner,
                                 "mosru.yaml:chrome.then_facts_title", 2), pad, gap // 2))
        for index, fact in enumerate(model.then):
            items.append((self._text(fact.date.format(lang), "sans_bold", "compare_text", theme.color("accent"),
                                     inner, f"mosru.yaml:then.{index}.date", 1), pad, 0))
            items.append((self._text(fact.text.pick(lang), "sans", "compare_text", fg, inner,
                                     f"mosru.yaml:then.{index}.text", 5), pad, gap))
        items.append((self._text(model.label.note.pick(lang), "sans", "compare_text", muted, inner,
                                 "mosru.yaml:label.note", 12), pad, 0))
        return self._stack(width, items)

    def _now(self, model: ContentModel, width: int) -> pygame.Surface:
        ctx, theme = self.ctx, self.ctx.theme
        lang = ctx.i18n.lang
        today = model.today
        pad, inner, items = self._column(width)
        gap = theme.size("gap")
        fg, muted = theme.color("fg"), theme.color("muted")
        items.append((self._text(model.chrome.now_label.pick(lang), "sans_bold", "compare_label",
                                 theme.color("figure_value", S), inner, "mosru.yaml:chrome.now_label", 1), pad, gap))
        items.append((self._text(today.title.pick(lang), "sans_bold", "compare_title", fg, inner,
                                 "mosru.yaml:today.title", 2), pad, gap // 2))
        items.append((self._text(today.intro.pick(lang), "sans", "compare_text", fg, inner,
                                 "mosru.yaml:today.intro", 4), pad, gap))
        items.append((self._figures(model, inner), pad, gap))
        items.append((self._text(today.top_title.pick(lang), "sans_bold", "compare_title", fg, inner,
                                 "mosru.yaml:today.top_title", 2), pad, gap // 2))
        for index, service in enumerate(today.top_services):
            line = f"{index + 1}. {service.name.pick(lang)}"
            if service.uses.pick(lang):
                line += f" — {service.uses.pick(lang)}"
            items.append((self._text(line, "sans", "compare_text", fg, inner, f"mosru.yaml:today.top_services.{index}",
                                     4), pad, gap // 2))
        if today.new_services:
            items.append((self._text(today.new_title.pick(lang), "sans_bold", "compare_title", fg, inner,
                                     "mosru.yaml:today.new_title", 2), pad + 0, gap // 2))
            for index, service in enumerate(today.new_services):
                items.append((self._text(f"• {service.name.pick(lang)}", "sans", "compare_text", fg, inner,
                                         f"mosru.yaml:today.new_services.{index}", 4), pad, gap // 2))
        items.append((self._text(today.as_of.pick(lang), "sans", "compare_text", muted, inner,
                                 "mosru.yaml:today.as_of", 3), pad, 0))
        return self._stack(width, items)

    def _figures(self, model: ContentModel, width: int) -> pygame.Surface:
        """The press-release figures as big numbers with a line under each, two per row when there is room."""
        theme, lang = self.ctx.theme, self.ctx.i18n.lang
        gap = theme.size("gap")
        columns = 2 if width >= 2 * theme.px(320) + gap else 1
        cell_w = (width - (columns - 1) * gap * 2) // columns
        cells: list[pygame.Surface] = []
        for index, figure in enumerate(model.today.figures):
            value = self._text(figure.value.pick(lang), "sans_bold", "figure_value", theme.color("figure_value", S),
                               cell_w, f"mosru.yaml:today.figures.{index}.value", 1)
            text = self._text(figure.text.pick(lang), "sans", "compare_text", theme.color("fg"), cell_w,
                              f"mosru.yaml:today.figures.{index}.text", 4)
            cell = pygame.Surface((cell_w, value.get_height() + text.get_height()), pygame.SRCALPHA)
            cell.blit(value, (0, 0))
            cell.blit(text, (0, value.get_height()))
            cells.append(cell)
        rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
        heights = [max(c.get_height() for c in row) for row in rows]
        grid = pygame.Surface((width, sum(heights) + gap * 2 * max(0, len(rows) - 1)), pygame.SRCALPHA)
        y = 0
        for row, height in zip(rows, heights, strict=True):
            for column, cell in enumerate(row):
                grid.blit(cell, (column * (cell_w + 2 * gap), y))
            y += height + 2 * gap
        return grid

    def _stack(self, width: int, items: list[tuple[pygame.Surface, int, int]]) -> pygame.Surface:
        pad = self.ctx.theme.size("panel_pad", S)
        height = pad + sum(s.get_height() + after for s, _, after in items) + pad
        column = pygame.Surface((width, height), pygame.SRCALPHA)
        y = pad
        for surface, x, after in items:
            column.blit(surface, (x, y))
            y += surface.get_height() + after
        return column


def start_page_picture(renderer: PageRenderer, model: ContentModel, lang: str, visited: Iterable[str],
                       visits: int) -> pygame.Surface:
    """The start page as the compare view shows it: the visit count in its counter, the marquee caught with
    the text in the middle."""
    page = renderer.render(model.site.start, lang, visited)
    page.set_hit_counter(visits)
    t = 0.0
    for op in page.layout.ops:
        if isinstance(op, WidgetOp) and op.kind == "marquee" and page.page.blocks:
            block = page.page.blocks[op.block_index]
            if isinstance(block, MarqueeBlock):
                width = renderer.fonts.width("serif-bold", model.site.style.font_size, block.text.pick(lang))
                t = (op.rect[2] + width) / 2 / block.speed
            break
    return page.frame(t)
