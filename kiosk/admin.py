"""Hidden admin overlay: a long hold in a configured corner, a PIN pad, then status and actions.

Visitors never see errors; this is where they go (content problems, scene crashes, missing hardware).
The overlay closes itself after `close_after_s` without input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from kiosk import widgets
from kiosk.gestures import InputEvent, KeyPress, PointerDown, Tap
from kiosk.overlays import Overlay
from kiosk.pin import PinGate
from kiosk.scene import SceneContext, Target

PAD_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"]


@dataclass
class AdminActions:
    status_lines: Callable[[], list[str]]
    frame_times: Callable[[], list[float]]
    reload: Callable[[], None]
    quit: Callable[[], None]


class AdminOverlay(Overlay):
    def __init__(self, ctx: SceneContext, gate: PinGate, actions: AdminActions) -> None:
        self.ctx = ctx
        self.gate = gate
        self.actions = actions
        self.mode = "hidden"  # hidden | pin | panel
        self.entry = ""
        self.message = ""
        self.last_input = 0.0
        self._scrim: dict[tuple[int, int], pygame.Surface] = {}
        self._targets: list[Target] = []

    @property
    def visible(self) -> bool:  # type: ignore[override]
        return self.mode != "hidden"

    def open(self) -> None:
        now = self.ctx.clock()
        self.mode = "pin"
        self.entry = ""
        locked = self.gate.locked_for(now)
        self.message = self.ctx.i18n.t("admin.locked", seconds=int(locked)) if locked else ""
        self.last_input = now

    def close(self) -> None:
        self.mode = "hidden"
        self.entry = ""

    # -- input -------------------------------------------------------------------------------------
    def handle(self, event: InputEvent) -> bool:
        if not self.visible:
            return False
        if isinstance(event, PointerDown | Tap | KeyPress):
            self.last_input = self.ctx.clock()
        if isinstance(event, KeyPress) and self.mode == "pin":
            if event.text.isdigit():
                self._press(event.text)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._press("OK")
            elif event.key == pygame.K_ESCAPE:
                self.close()
        if isinstance(event, Tap):
            name = widgets.hit(self._targets, event.pos)
            if name:
                self._tap(name)
        return True

    def _press(self, key: str) -> None:
        if key == "C":
            self.entry = ""
        elif key == "OK":
            now = self.ctx.clock()
            if self.gate.try_pin(self.entry, now):
                self.mode = "panel"
                self.message = ""
            else:
                locked = self.gate.locked_for(now)
                self.message = (self.ctx.i18n.t("admin.locked", seconds=int(locked)) if locked
                                else self.ctx.i18n.t("admin.pin_wrong", left=self.gate.attempts_left()))
            self.entry = ""
        elif len(self.entry) < 12:
            self.entry += key

    def _tap(self, name: str) -> None:
        if name.startswith("admin.key."):
            self._press(name.removeprefix("admin.key."))
        elif name == "admin.cancel" or name == "admin.close":
            self.close()
        elif name == "admin.reload":
            self.actions.reload()
        elif name == "admin.quit":
            self.actions.quit()

    def update(self, dt: float) -> None:
        if self.visible and self.ctx.clock() - self.last_input > self.ctx.config.admin.close_after_s:
            self.close()

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self._targets = []
        if not self.visible:
            return
        widgets.scrim(surface, self.ctx, self._scrim)
        if self.mode == "pin":
            self._draw_pin(surface)
        else:
            self._draw_panel(surface)

    def _draw_pin(self, surface: pygame.Surface) -> None:
        ctx, theme, layout = self.ctx, self.ctx.theme, self.ctx.layout
        key = max(layout.min_target, theme.px(110))
        gap = theme.size("gap")
        width = 3 * key + 2 * gap
        top = theme.size("margin") * 2
        left = (layout.width - width) // 2
        title = ctx.text.line(ctx.i18n.t("admin.pin_title"), theme.font("sans_bold", "title"), theme.color("fg"))
        surface.blit(title, title.get_rect(midtop=(layout.width // 2, top)))
        y = top + title.get_height() + gap
        dots = ctx.text.line("●" * len(self.entry) or " ", theme.font("sans", "title"), theme.color("accent"))
        surface.blit(dots, dots.get_rect(midtop=(layout.width // 2, y)))
        y += dots.get_height() + gap
        if self.message:
            msg = ctx.text.line(self.message, theme.font("sans", "body"), theme.color("warn"))
            surface.blit(msg, msg.get_rect(midtop=(layout.width // 2, y)))
        y += theme.size("body") * 2
        for index, label in enumerate(PAD_KEYS):
            rect = pygame.Rect(left + (index % 3) * (key + gap), y + (index // 3) * (key + gap), key, key)
            self._targets.append(widgets.button(surface, ctx, f"admin.key.{label}", rect, label,
                                                primary=label == "OK"))
        cancel = pygame.Rect(left, y + 4 * (key + gap), width, theme.size("button_h"))
        self._targets.append(widgets.button(surface, ctx, "admin.cancel", cancel, ctx.i18n.t("admin.cancel"),
                                            primary=False))

    def _draw_panel(self, surface: pygame.Surface) -> None:
        ctx, theme, layout = self.ctx, self.ctx.theme, self.ctx.layout
        margin = theme.size("margin")
        box = layout.rect.inflate(-2 * margin, -2 * margin)
        widgets.panel(surface, ctx, box)
        x, y = box.x + margin, box.y + margin
        title = ctx.text.line(ctx.i18n.t("admin.title"), theme.font("sans_bold", "title"), theme.color("fg"))
        surface.blit(title, (x, y))
        y += title.get_height() + theme.size("gap")
        graph = pygame.Rect(x, y, box.width - 2 * margin, theme.px(120))
        self._draw_graph(surface, graph)
        y = graph.bottom + theme.size("gap")
        font = theme.font("mono", "small")
        bottom_limit = box.bottom - theme.size("button_h") - 2 * margin
        for line in self.actions.status_lines():
            if y + font.get_linesize() > bottom_limit:
                break
            block = ctx.text.block(line, font, theme.color("fg"), graph.width, 1)
            surface.blit(block.surface, (x, y))
            y += font.get_linesize()
        buttons = [("admin.reload", "admin.reload", True), ("admin.quit", "admin.quit", False),
                   ("admin.close", "admin.close", False)]
        bw = (box.width - 2 * margin - 2 * theme.size("gap")) // 3
        for index, (name, key, primary) in enumerate(buttons):
            rect = pygame.Rect(x + index * (bw + theme.size("gap")), box.bottom - margin - theme.size("button_h"),
                               bw, theme.size("button_h"))
            self._targets.append(widgets.button(surface, ctx, name, rect, ctx.i18n.t(key), primary=primary))

    def _draw_graph(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        theme = self.ctx.theme
        pygame.draw.rect(surface, theme.color("bg"), rect)
        times = self.actions.frame_times()[-rect.width:]
        budget = 1000.0 / self.ctx.config.screen.fps
        top_ms = budget * 3
        y_budget = rect.bottom - round(rect.height * budget / top_ms)
        pygame.draw.line(surface, theme.color("muted"), (rect.x, y_budget), (rect.right, y_budget))
        for i, ms in enumerate(times):
            h = min(rect.height, round(rect.height * ms / top_ms))
            color = theme.color("accent") if ms <= budget else theme.color("warn")
            pygame.draw.line(surface, color, (rect.x + i, rect.bottom), (rect.x + i, rect.bottom - h))

    def targets(self) -> list[Target]:
        return list(self._targets)
