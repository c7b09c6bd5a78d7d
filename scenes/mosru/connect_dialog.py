"""The dial-up connection dialog drawn over the browser window before the first page: choose a modem speed
(14.4 / 28.8 / 33.6 / 56 kbit/s from mosru.yaml) and Connect; then the handshake stages (dialling,
ringing, the modem answers, negotiating) with a progress bar, Cancel and Skip.

Period dialog look (grey, bevels, gradient title) with kiosk-size options; texts from chrome.connect_dialog.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext, Target
from scenes.mosru.chrome import bevel, colour, gradient, segmented_progress, sunken_field
from scenes.mosru.geometry import Geometry, S
from scenes.mosru.model import ContentModel


@dataclass
class DialogState:
    selected: str
    dialling: bool
    stage: str | None
    """dial / ring / answer / negotiate while dialling."""
    progress: float
    number: str
    pressed: str | None


class ConnectDialog:
    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self._gradient: pygame.Surface | None = None

    def rect(self, geo: Geometry, model: ContentModel, dialling: bool = False) -> pygame.Rect:
        theme = self.ctx.theme
        margin = theme.size("gap")
        width = min(theme.size("dialog_w", S), geo.window.width - 2 * margin)
        height = min(self._height(width, model, dialling), geo.window.height - 2 * margin)
        rect = pygame.Rect(0, 0, width, height)
        rect.center = geo.viewport.center
        rect.top = max(geo.window.y + margin, min(rect.top, geo.window.bottom - margin - height))
        return rect

    def _columns(self, width: int) -> int:
        return 2 if width >= 2 * self.ctx.theme.px(340) else 1

    def _height(self, width: int, model: ContentModel, dialling: bool) -> int:
        theme = self.ctx.theme
        pad, gap = theme.size("panel_pad", S), theme.size("gap")
        line = theme.font("sans", "dialog_text", S).get_linesize()
        button_h = max(self.ctx.layout.min_target, theme.size("button_h"))
        frame = 2 * theme.size("window_border", S) + theme.size("title_bar_h", S) + 2 * pad
        if dialling:  # stage (2 lines), speed, progress bar, buttons
            return frame + 3 * line + 3 * gap + theme.size("status_h", S) + 2 * gap + button_h
        option_h = max(self.ctx.layout.min_target, theme.size("option_h", S))
        rows = -(-len(model.dialup.speeds) // self._columns(width))
        return frame + 2 * line + gap + rows * (option_h + gap) + gap + button_h

    def draw(self, surface: pygame.Surface, geo: Geometry, model: ContentModel, state: DialogState) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        box = self.rect(geo, model, state.dialling)
        pygame.draw.rect(surface, colour(ctx, "window"), box)
        bevel(surface, ctx, box, raised=True)
        border = theme.size("window_border", S)
        title = pygame.Rect(box.x + border, box.y + border, box.width - 2 * border, theme.size("title_bar_h", S))
        if self._gradient is None or self._gradient.get_size() != title.size:
            self._gradient = gradient(title.size, colour(ctx, "title_bar"), colour(ctx, "title_bar_end"))
        surface.blit(self._gradient, title)
        pad = theme.size("panel_pad", S)
        texts = model.chrome.connect_dialog
        heading = ctx.text.block(ctx.i18n.pick(texts.title), theme.font("sans_bold", "dialog_title", S),
                                 colour(ctx, "title_fg"), title.width - 2 * pad, 1,
                                 where="mosru.yaml:chrome.connect_dialog.title")
        surface.blit(heading.surface, (title.x + pad // 2, title.centery - heading.surface.get_height() // 2))
        body = pygame.Rect(box.x + pad, title.bottom + pad, box.width - 2 * pad, box.bottom - title.bottom - 2 * pad)
        if state.dialling:
            return self._dialling(surface, body, model, state)
        return self._choose(surface, body, model, state)

    def _choose(self, surface: pygame.Surface, body: pygame.Rect, model: ContentModel,
                state: DialogState) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        gap = theme.size("gap")
        font = theme.font("sans", "dialog_text", S)
        prompt = ctx.text.block(ctx.i18n.pick(model.chrome.connect_dialog.prompt), font, colour(ctx, "chrome_fg"),
                                body.width, 2, where="mosru.yaml:chrome.connect_dialog.prompt")
        surface.blit(prompt.surface, body.topleft)
        y = body.y + prompt.surface.get_height() + gap
        columns = self._columns(body.width + 2 * theme.size("panel_pad", S))
        option_h = max(ctx.layout.min_target, theme.size("option_h", S))
        option_w = (body.width - (columns - 1) * gap) // columns
        targets: list[Target] = []
        for index, speed in enumerate(model.dialup.speeds):
            row, column = divmod(index, columns)
            rect = pygame.Rect(body.x + column * (option_w + gap), y + row * (option_h + gap), option_w, option_h)
            name = f"mosru.speed.{speed.id}"
            label = ctx.i18n.pick(speed.label)
            self._option(surface, rect, label, speed.id == state.selected, f"dialup.speeds.{speed.id}.label")
            targets.append(Target(name, rect, label))
        button_h = max(ctx.layout.min_target, theme.size("button_h"))
        connect = pygame.Rect(0, 0, min(body.width, theme.px(420)), button_h)
        connect.midbottom = body.midbottom
        label = ctx.i18n.pick(model.chrome.connect_dialog.connect)
        self._push_button(surface, connect, label, "connect", default=True, pressed=state.pressed == "mosru.connect")
        targets.append(Target("mosru.connect", connect, label))
        return targets

    def _option(self, surface: pygame.Surface, rect: pygame.Rect, label: str, selected: bool, where: str) -> None:
        """A radio choice: sunken white box, the chosen one filled with the title-bar blue and a dot."""
        ctx, theme = self.ctx, self.ctx.theme
        sunken_field(surface, ctx, rect, "option_selected" if selected else "option")
        fg = colour(ctx, "option_selected_fg" if selected else "chrome_fg")
        radius = max(6, rect.height // 6)
        centre = (rect.x + theme.size("gap") + radius, rect.centery)
        pygame.draw.circle(surface, colour(ctx, "field"), centre, radius)
        pygame.draw.circle(surface, colour(ctx, "bevel_dark"), centre, radius, 2)
        if selected:
            pygame.draw.circle(surface, colour(ctx, "chrome_fg"), centre, max(2, radius // 2))
        text_x = centre[0] + radius + theme.size("gap")
        fonts = [theme.font("sans_bold", "option", S), theme.font("sans_bold", "chrome_text", S)]
        block = ctx.text.fit(label, fonts, fg, rect.right - text_x - theme.size("gap"), 2, where=f"mosru.yaml:{where}")
        surface.blit(block.surface, (text_x, rect.centery - block.surface.get_height() // 2))

    def _push_button(self, surface: pygame.Surface, rect: pygame.Rect, label: str, name: str, default: bool = False,
                     pressed: bool = False) -> None:
        ctx, theme = self.ctx, self.ctx.theme
        pygame.draw.rect(surface, colour(ctx, "chrome_pressed" if pressed else "window"), rect)
        if default:
            pygame.draw.rect(surface, colour(ctx, "bevel_darker"), rect, max(1, theme.size("bevel", S) // 2 + 1))
        bevel(surface, ctx, rect.inflate(-4, -4) if default else rect, raised=not pressed)
        fonts = [theme.font("sans_bold", "dialog_text", S), theme.font("sans_bold", "chrome_text", S)]
        block = ctx.text.fit(label, fonts, colour(ctx, "chrome_fg"), rect.width - 2 * theme.size("gap"), 1,
                             where=f"mosru.yaml:chrome.{name}", align="center")
        surface.blit(block.surface, block.surface.get_rect(center=rect.center))

    def _dialling(self, surface: pygame.Surface, body: pygame.Rect, model: ContentModel,
                  state: DialogState) -> list[Target]:
        ctx, theme = self.ctx, self.ctx.theme
        gap = theme.size("gap")
        texts = model.chrome.connect_dialog
        stage = state.stage or "dial"
        template = ctx.i18n.pick(getattr(texts, stage, texts.dial))
        line = template.format(number=state.number) if stage == "dial" else template
        font = theme.font("sans_bold", "dialog_text", S)
        block = ctx.text.block(line, font, colour(ctx, "chrome_fg"), body.width, 2,
                               where=f"mosru.yaml:chrome.connect_dialog.{stage}")
        surface.blit(block.surface, body.topleft)
        speed = ctx.i18n.pick(model.dialup.speed(state.selected).label)
        chosen = ctx.text.block(speed, theme.font("sans", "dialog_text", S), colour(ctx, "chrome_fg"), body.width, 1,
                                where=f"mosru.yaml:dialup.speeds.{state.selected}.label")
        y = body.y + block.surface.get_height() + gap
        surface.blit(chosen.surface, (body.x, y))
        y += chosen.surface.get_height() + 2 * gap
        bar = pygame.Rect(body.x, y, body.width, theme.size("status_h", S))
        sunken_field(surface, ctx, bar, "window")
        segmented_progress(surface, ctx, bar.inflate(-gap, -gap), state.progress)
        button_h = max(ctx.layout.min_target, theme.size("button_h"))
        width = (body.width - gap) // 2
        cancel = pygame.Rect(body.x, body.bottom - button_h, width, button_h)
        skip = pygame.Rect(cancel.right + gap, cancel.y, width, button_h)
        cancel_label, skip_label = ctx.i18n.pick(texts.cancel), ctx.i18n.pick(model.chrome.skip)
        self._push_button(surface, cancel, cancel_label, "connect_dialog.cancel", pressed=state.pressed == "mosru.cancel")
        self._push_button(surface, skip, skip_label, "skip", default=True, pressed=state.pressed == "mosru.skip")
        return [Target("mosru.cancel", cancel, cancel_label), Target("mosru.skip", skip, skip_label)]
