"""The kiosk side of the scene, beside (landscape) or below (portrait) the browser window: the
"reconstruction" badge with its source note, the connection line, how long this page takes at the chosen
modem speed and today, a hint, and the big buttons "Change the modem speed" and "Then and now".

Modern kiosk style (default theme tokens), so visitors can tell the exhibit's voice from the 1990s artefact.
Items that do not fit on a small screen are left out from the least important up; nothing is cut mid-text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk import widgets
from kiosk.scene import SceneContext, Target
from kiosk.text import TextBlock
from scenes.mosru.chrome import badge as reconstruction_badge
from scenes.mosru.dialup import format_duration, transfer_seconds
from scenes.mosru.geometry import S
from scenes.mosru.model import ContentModel


@dataclass
class PanelState:
    speed_id: str
    connected: bool
    connection: str
    """The connection line: not connected / connecting / connected at … (the scene picks the text)."""
    page_bytes: int


def size_kb(n_bytes: int, lang: str) -> str:
    kb = n_bytes / 1024
    text = f"{kb:.0f}" if kb >= 10 else f"{kb:.1f}"
    return text.replace(".", ",") if lang == "ru" else text


def timing_text(model: ContentModel, lang: str, speed_id: str, n_bytes: int) -> str:
    """'This page is 15 KB. At 14.4 kbit/s: 8.6 s. Today (100 Mbit/s — for example): 1.2 ms.'"""
    dialup = model.dialup
    speed = dialup.speed(speed_id)
    units = model.chrome.units.pick(lang)
    then = format_duration(transfer_seconds(n_bytes, speed.bits_per_second, dialup.efficiency), lang, units)
    now = format_duration(transfer_seconds(n_bytes, dialup.today.bits_per_second), lang, units)
    return model.chrome.timing.pick(lang).format(size_kb=size_kb(n_bytes, lang), speed=speed.label.pick(lang),
                                                 then=then, today=dialup.today.label.pick(lang), now=now)


class SidePanel:
    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, model: ContentModel, state: PanelState) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        lang = ctx.i18n.lang
        widgets.panel(surface, ctx, rect, "panel", S)
        pad = theme.size("panel_pad", S)
        gap = theme.size("gap")
        inner = rect.inflate(-2 * pad, -2 * pad)
        targets = self._buttons(surface, inner, model, state)
        bottom = min(t.rect.y for t in targets) - gap
        body = theme.font("sans", "panel_text", S)
        bold = theme.font("sans_bold", "panel_title", S)
        fg, muted = theme.color("fg"), theme.color("muted")
        chrome = model.chrome
        connection = state.connection
        # (priority, block, gap after): lower priority numbers are dropped first when space runs out
        width = inner.width
        items: list[tuple[int, TextBlock | None, int, str]] = [
            (9, None, gap, "badge"),
            (8, ctx.text.block(model.label.note.pick(lang), body, fg, width, 24, where="mosru.yaml:label.note"),
             gap, ""),
            (3, ctx.text.block(model.address.note.pick(lang), body, muted, width, 4,
                               where="mosru.yaml:address.note"), 2 * gap, "rule"),
            (7, ctx.text.block(connection, bold, fg, width, 2, where="mosru.yaml:chrome.connect_dialog.connected|offline"),
             gap, ""),
            (6, ctx.text.block(timing_text(model, lang, state.speed_id, state.page_bytes), body, fg, width, 5,
                               where="mosru.yaml:chrome.timing"), gap // 2, ""),
            (4, ctx.text.block(chrome.timing_note.pick(lang), body, muted, width, 3,
                               where="mosru.yaml:chrome.timing_note"), gap, ""),
            (5, ctx.text.block(chrome.hint.pick(lang), body, muted, width, 3, where="mosru.yaml:chrome.hint"), 0, ""),
        ]
        badge = reconstruction_badge(ctx, model.label.badge.pick(lang))
        heights = [(badge.get_height() if block is None else block.surface.get_height()) + after
                   for _, block, after, _ in items]
        room = bottom - inner.y
        keep = set(range(len(items)))
        for index in sorted(range(len(items)), key=lambda i: items[i][0]):
            if sum(heights[i] for i in keep) <= room:
                break
            keep.discard(index)
        for index in sorted(set(range(len(items))) - keep, key=lambda i: -items[i][0]):
            if sum(heights[i] for i in keep) + heights[index] <= room:
                keep.add(index)  # a smaller, less important item may still fit where a bigger one did not
        y = inner.y
        for index, (_, block, after, extra) in enumerate(items):
            if index not in keep:
                continue
            surface.blit(badge if block is None else block.surface, (inner.x, y))
            y += heights[index]
            if extra == "rule":
                line_y = y - after // 2
                pygame.draw.line(surface, theme.color("panel_line", S), (inner.x, line_y), (inner.right, line_y), 2)
        return targets

    def _buttons(self, surface: pygame.Surface, inner: pygame.Rect, model: ContentModel,
                 state: PanelState) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        gap = theme.size("gap")
        height = max(ctx.layout.min_target, theme.size("button_h"))
        names = ["mosru.redial", "mosru.compare"] if state.connected else ["mosru.compare"]
        labels = {"mosru.redial": model.chrome.redial, "mosru.compare": model.chrome.compare}
        side_by_side = inner.width >= 2 * theme.px(360) + gap
        rects: list[pygame.Rect] = []
        if side_by_side:
            width = (inner.width - gap * (len(names) - 1)) // len(names)
            rects = [pygame.Rect(inner.x + i * (width + gap), inner.bottom - height, width, height)
                     for i in range(len(names))]
        else:
            rects = [pygame.Rect(inner.x, inner.bottom - (len(names) - i) * height - (len(names) - 1 - i) * gap,
                                 inner.width, height) for i in range(len(names))]
        return [widgets.button(surface, ctx, name, rect, ctx.i18n.pick(labels[name]), primary=name == "mosru.compare")
                for name, rect in zip(names, rects, strict=True)]
