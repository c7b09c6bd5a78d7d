"""The installer's self-test screen: a touch grid, a multi-touch test, a test tone and the results.

Opened by `run_kiosk.py selftest` (never part of the exhibit). Four tabs, each with large targets so it is
usable with the touch panel alone; the engine's RU/EN button works here as everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import pygame

from kiosk import widgets
from kiosk.diagnostics import strings
from kiosk.diagnostics.session import SelftestSession
from kiosk.diagnostics.tone import sine_pcm
from kiosk.diagnostics.touch_grid import TouchGrid
from kiosk.gestures import InputEvent, RawTouch, Tap
from kiosk.scene import Scene, Target

TABS = ("touch", "multi", "sound", "summary")
FINGER_COLOURS = ("accent", "ok", "warn", "moscow", "runet", "danger", "fg", "muted")


class SelftestScene(Scene):
    name = "selftest"
    wants_raw_input = True

    def enter(self, params: Mapping[str, Any]) -> None:
        session = params.get("session")
        self.session: SelftestSession = session if isinstance(session, SelftestSession) else SelftestSession()
        self.tab = "touch"
        self._targets: list[Target] = []
        self._pending_latency: list[float] = []
        self._tone = b""
        self.ctx.idle.hold("selftest")  # an installer reading the results is not an idle visitor
        self.session.target_fps = self.ctx.config.screen.fps
        self.session.display = self._display_line()
        if not self.ctx.config.sound.enabled:
            self.session.sound = "muted"
        elif self.ctx.headless:
            self.session.sound = "headless"
        self._layout_grid()

    def exit(self) -> None:
        self.ctx.idle.release("selftest")

    # -- geometry ----------------------------------------------------------------------------------------
    def _header_bottom(self) -> int:
        theme, layout = self.ctx.theme, self.ctx.layout
        return theme.size("margin") + layout.lang_toggle_rect.height + theme.size("gap") + layout.min_target

    def _body(self) -> pygame.Rect:
        margin, gap = self.ctx.theme.size("margin"), self.ctx.theme.size("gap")
        top = self._header_bottom() + gap
        layout = self.ctx.layout
        return pygame.Rect(margin, top, layout.width - 2 * margin, layout.height - top - margin)

    def _footer(self) -> pygame.Rect:
        body = self._body()
        height = self.ctx.layout.min_target
        return pygame.Rect(body.x, body.bottom - height, body.width, height)

    def _layout_grid(self) -> None:
        layout = self.ctx.layout
        body = self._body()
        gap = self.ctx.theme.size("gap")
        hint_h = self._hint_height()
        area = pygame.Rect(body.x, body.y + hint_h + gap, body.width,
                           body.height - hint_h - self._footer().height - 2 * gap)
        cols, rows = (5, 8) if layout.portrait else (8, 5)
        old = self.session.grid
        if old is None or old.area != area:
            self.session.grid = TouchGrid(area, cols, rows, ring_radius=layout.min_target // 2,
                                          px_per_mm=layout.px_per_mm)

    def _hint_height(self) -> int:
        """Room for two lines of hint above the grid."""
        font = self.ctx.theme.font("sans", "body")
        return font.get_linesize() * 2

    def _display_line(self) -> str:
        layout = self.ctx.layout
        try:
            refresh = pygame.display.get_current_refresh_rate()
        except pygame.error:
            refresh = 0
        driver = pygame.display.get_driver()
        rate = f"{refresh} Hz" if refresh else "refresh unknown"
        return f"{driver} {layout.width}x{layout.height}, {layout.diagonal_inch:g}\" configured, {rate}"

    # -- input -------------------------------------------------------------------------------------------
    def raw_input(self, touch: RawTouch) -> None:
        if self.tab == "multi" and self._body().collidepoint(touch.pos) or touch.kind == "up":
            self.session.fingers.feed(touch)
        grid = self.session.grid
        if self.tab == "touch" and touch.kind == "down" and grid is not None and grid.area.collidepoint(touch.pos):
            grid.touch(touch.pos)
            self._pending_latency.append(time.perf_counter())

    def handle(self, event: InputEvent) -> None:
        if not isinstance(event, Tap):
            return
        name = widgets.hit(self._targets, event.pos) or ""
        if name.startswith("selftest.tab."):
            self.tab = name.removeprefix("selftest.tab.")
        elif name == "selftest.again":
            if self.tab == "touch" and self.session.grid is not None:
                self.session.grid.reset()
            else:
                self.session.fingers.reset()
        elif name == "selftest.tone":
            self._play_tone()
        elif name in ("selftest.heard", "selftest.not_heard"):
            self.session.sound = name.removeprefix("selftest.")
        elif name == "selftest.finish":
            self.session.finished = True
            self.session.on_finish()

    def _play_tone(self) -> None:
        if self.session.sound in ("muted", "headless"):
            return
        if not self.ctx.sound.available:
            self.session.sound = "no_device"
            return
        self._tone = self._tone or sine_pcm()
        self.ctx.sound.play(self._tone)

    def update(self, dt: float) -> None:
        if dt > 0:
            self.session.frame_s.append(dt)

    def language_changed(self, lang: str) -> None:
        """Texts are looked up at draw time from the cached renderer: nothing to rebuild."""

    # -- drawing ---------------------------------------------------------------------------------------
    def _t(self, key: str, **values: object) -> str:
        return strings.text(key, self.ctx.i18n.lang, **values)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, layout = self.ctx, self.ctx.theme, self.ctx.layout
        surface.fill(theme.color("bg"))
        self._layout_grid()
        self._targets = []
        margin = theme.size("margin")
        title_w = layout.lang_toggle_rect.x - 2 * margin
        title = ctx.text.fit(self._t("title"), [theme.font("sans_bold", "title"), theme.font("sans_bold", "lead")],
                             theme.color("fg"), title_w, 1, where="selftest:title")
        surface.blit(title.surface, title.surface.get_rect(midleft=(margin, layout.lang_toggle_rect.centery)))
        self._draw_tabs(surface, pygame.Rect(margin, self._header_bottom() - layout.min_target,
                                             layout.width - 2 * margin, layout.min_target))
        body = self._body()
        {"touch": self._draw_touch, "multi": self._draw_multi, "sound": self._draw_sound,
         "summary": self._draw_summary}[self.tab](surface, body)
        now = time.perf_counter()
        grid = self.session.grid
        for started in self._pending_latency:
            if grid is not None:
                grid.record_latency((now - started) * 1000.0)
        self._pending_latency.clear()

    def _draw_tabs(self, surface: pygame.Surface, row: pygame.Rect) -> None:
        gap = self.ctx.theme.size("gap")
        width = (row.width - gap * (len(TABS) - 1)) // len(TABS)
        checks = dict(zip(("touch", "multi", "sound", "summary"),
                          (c.ok for c in self.session.interactive_checks()), strict=False))
        for index, tab in enumerate(TABS):
            rect = pygame.Rect(row.x + index * (width + gap), row.y, width, row.height)
            mark = " ✓" if checks.get(tab) and tab != "summary" else ""
            self._targets.append(widgets.button(surface, self.ctx, f"selftest.tab.{tab}", rect,
                                                self._t(f"tab.{tab}") + mark, primary=tab == self.tab))

    def _hint(self, surface: pygame.Surface, rect: pygame.Rect, text: str, colour: str = "fg") -> int:
        theme = self.ctx.theme
        block = self.ctx.text.block(text, theme.font("sans", "body"), theme.color(colour), rect.width, 3,
                                    where="selftest:hint")
        surface.blit(block.surface, rect.topleft)
        return block.surface.get_height()

    def _footer_bar(self, surface: pygame.Surface, text: str, again: bool) -> None:
        theme, footer = self.ctx.theme, self._footer()
        button_w = max(self.ctx.layout.min_target * 2, theme.px(220))
        text_w = footer.width - (button_w + theme.size("gap") if again else 0)
        fonts = [theme.font("sans", "body"), theme.font("sans", "small")]
        block = self.ctx.text.fit(text, fonts, theme.color("fg"), text_w, 2, where="selftest:footer")
        surface.blit(block.surface, block.surface.get_rect(midleft=(footer.x, footer.centery)))
        if again:
            rect = pygame.Rect(footer.right - button_w, footer.y, button_w, footer.height)
            self._targets.append(widgets.button(surface, self.ctx, "selftest.again", rect, self._t("again"),
                                                primary=False))

    def _draw_touch(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        grid = self.session.grid
        assert grid is not None
        theme = self.ctx.theme
        for cell in grid.cells:
            hit = cell.hit_offset is not None
            pygame.draw.rect(surface, theme.color("surface" if not hit else "placeholder"), cell.rect.inflate(-4, -4),
                             border_radius=theme.size("radius") // 2)
            centre = cell.rect.center
            colour = theme.color("ok" if hit else "accent")
            pygame.draw.circle(surface, colour, centre, grid.ring_radius, width=max(3, theme.px(4)))
            pygame.draw.line(surface, colour, (centre[0] - 10, centre[1]), (centre[0] + 10, centre[1]), 2)
            pygame.draw.line(surface, colour, (centre[0], centre[1] - 10), (centre[0], centre[1] + 10), 2)
            if hit and cell.hit_offset is not None:
                dot = (round(centre[0] + cell.hit_offset[0]), round(centre[1] + cell.hit_offset[1]))
                pygame.draw.circle(surface, theme.color("fg"), dot, max(4, theme.px(6)))
            self._targets.append(Target(cell.name, cell.rect.copy(), ""))
        cross = max(6, theme.px(10))
        for miss in grid.misses[-40:]:  # where the panel put the touches that hit no ring
            x, y = round(miss.pos[0]), round(miss.pos[1])
            pygame.draw.line(surface, theme.color("danger"), (x - cross, y - cross), (x + cross, y + cross), 3)
            pygame.draw.line(surface, theme.color("danger"), (x - cross, y + cross), (x + cross, y - cross), 3)
        left = len(grid.cells) - grid.done
        hint = self._t("touch.done") if grid.complete else self._t("touch.hint", left=left, total=len(grid.cells))
        theme = self.ctx.theme
        block = self.ctx.text.fit(hint, [theme.font("sans", "body"), theme.font("sans", "small")], theme.color("fg"),
                                  body.width, 2, where="selftest:hint")
        surface.blit(block.surface, body.topleft)
        offsets = grid.offsets_mm()
        shift = "—"
        if offsets:
            shift = self._t("touch.shift", x=sum(x for x, _ in offsets) / len(offsets),
                            y=sum(y for _, y in offsets) / len(offsets))
        latencies = sorted(grid.latencies_ms)
        latency = self._t("touch.latency", ms=latencies[len(latencies) // 2]) if latencies else "—"
        stats = self._t("touch.stats", misses=len(grid.misses), shift=shift, latency=latency)
        self._footer_bar(surface, stats, again=True)

    def _draw_multi(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        theme, fingers = self.ctx.theme, self.session.fingers
        canvas = pygame.Rect(body.x, body.y, body.width, body.height - self._footer().height - theme.size("gap"))
        widgets.panel(surface, self.ctx, canvas)
        self._hint(surface, canvas.inflate(-2 * theme.size("margin"), -2 * theme.size("margin")),
                   self._t("multi.hint"), "muted")
        radius = self.ctx.layout.min_target // 2 + theme.px(10)
        for index, pos in enumerate(fingers.active.values()):
            colour = theme.color(FINGER_COLOURS[index % len(FINGER_COLOURS)])
            centre = (round(pos[0]), round(pos[1]))
            pygame.draw.circle(surface, colour, centre, radius, width=max(4, theme.px(8)))
            label = self.ctx.text.line(str(index + 1), theme.font("sans_bold", "title"), colour)
            surface.blit(label, label.get_rect(center=centre))
        stats = self._t("multi.stats", now=len(fingers.active), most=fingers.most, needed=fingers.needed)
        self._footer_bar(surface, stats, again=True)

    def _draw_sound(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        theme, layout = self.ctx.theme, self.ctx.layout
        gap = theme.size("gap")
        y = body.y + self._hint(surface, body, self._t("sound.hint")) + 2 * gap
        width = min(body.width, theme.px(520))
        height = max(layout.min_target, theme.size("button_h"))
        state = self.session.sound
        if state not in ("muted", "headless"):
            tone = pygame.Rect(body.x, y, width, height)
            self._targets.append(widgets.button(surface, self.ctx, "selftest.tone", tone, self._t("sound.play")))
            y += height + gap
            half = (width - gap) // 2
            for index, answer in enumerate(("heard", "not_heard")):
                rect = pygame.Rect(body.x + index * (half + gap), y, half, height)
                self._targets.append(widgets.button(surface, self.ctx, f"selftest.{answer}", rect,
                                                    self._t(f"sound.{answer}"), primary=False))
            y += height + 2 * gap
        message = {"untested": "sound.untested", "heard": "sound.answer_heard",
                   "not_heard": "sound.answer_not_heard", "no_device": "sound.no_device",
                   "muted": "sound.muted", "headless": "sound.headless"}[state]
        colour = {"heard": "ok", "not_heard": "danger", "no_device": "danger"}.get(state, "fg")
        self._hint(surface, pygame.Rect(body.x, y, body.width, body.bottom - y), self._t(message), colour)

    def _draw_summary(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        theme = self.ctx.theme
        gap = theme.size("gap")
        footer = self._footer()
        y = body.y + self._hint(surface, body, self._t("summary.hint"), "muted") + gap
        font = theme.font("mono", "small")
        max_lines = 3 if self.ctx.layout.portrait else 2
        for check in self.session.checks():
            colour = theme.color("ok" if check.ok else "danger")
            block = self.ctx.text.block(check.line(), font, colour, body.width, max_lines,
                                        where="selftest:check")
            if y + block.surface.get_height() > footer.y - gap:
                break
            surface.blit(block.surface, (body.x, y))
            y += block.surface.get_height() + gap // 2
        width = min(footer.width, theme.px(640))
        rect = pygame.Rect(footer.right - width, footer.y, width, footer.height)
        self._targets.append(widgets.button(surface, self.ctx, "selftest.finish", rect, self._t("summary.save")))

    def targets(self) -> list[Target]:
        return list(self._targets)
