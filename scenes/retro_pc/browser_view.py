"""The period browser the dialer opens: an early-GUI window on the CRT showing a page-engine site.

The site is the mos.ru reconstruction when that scene is enabled (its content is shared), else the small
site of retro_pc.yaml's `browser:` section. Pages arrive at the modem's speed (text first, then pictures, as
kiosk.pages reveals them); pages already seen come from the cache at once. The window shows the page title,
the address with the reconstruction label, and a status line; Back, scrolling, "skip the wait" and Exit are
big buttons on the desk where the keyboard was (see `buttons`). Links on the page are tapped directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from kiosk.content.types import Bilingual
from kiosk.pages import History, PageRenderer, RenderedPage, Site
from kiosk.scene import SceneContext, Target

from .geometry import SCENE
from .keyboard_view import ButtonSet
from .ui_model import SceneTexts

SCROLL_STEP = 0.8
"""Up/Down move the page by this share of the visible height."""


@dataclass(frozen=True)
class BrowserSource:
    site: Site
    content_root: Path
    badge: Bilingual
    address: str


def find_source(ctx: SceneContext, content: Any) -> BrowserSource | None:
    """The mos.ru reconstruction if that scene's content is loaded, else retro_pc.yaml's own small site."""
    mosru = ctx.content("mosru.yaml") if ctx.router.available("mosru") else None
    if mosru is not None and getattr(mosru, "site", None) is not None:
        return BrowserSource(mosru.site, ctx.content_root, mosru.label.badge, mosru.address.url)
    own = getattr(content, "browser", None)
    if own is not None:
        return BrowserSource(own.site, ctx.content_root, own.badge, own.address)
    return None


@dataclass(frozen=True)
class WindowParts:
    frame: pygame.Rect
    title: pygame.Rect
    address: pygame.Rect
    viewport: pygame.Rect
    scrollbar: pygame.Rect
    status: pygame.Rect


class BrowserView:
    """History, the page on its way over the modem, scrolling, drawing and taps of the in-monitor browser."""

    def __init__(self, ctx: SceneContext, source: BrowserSource, texts: SceneTexts, bits_per_second: int) -> None:
        self.ctx = ctx
        self.source = source
        self.texts = texts
        self.bytes_per_second = max(1.0, bits_per_second / 8)
        self.renderer = PageRenderer(source.site, source.content_root)
        self.history = History(source.site.start)
        self.cached: set[str] = set()
        self.loading: str | None = None
        self.received = 0.0
        self.scroll = 0.0
        self.t = 0.0
        self._view: pygame.Surface | None = None
        self._load(self.history.current)

    # --- state -------------------------------------------------------------------------------------------------
    @property
    def current(self) -> str:
        return self.history.current

    def total_bytes(self, page_id: str | None = None) -> int:
        return max(1, self.renderer.page_bytes(page_id or self.current).total)

    @property
    def fraction(self) -> float:
        if self.loading is None:
            return 1.0
        return min(1.0, self.received / self.total_bytes())

    def page(self, lang: str) -> RenderedPage:
        return self.renderer.render(self.current, lang, self.history.visited)

    def _load(self, page_id: str) -> None:
        self.scroll = 0.0
        if page_id in self.cached:
            self.loading = None
            return
        self.loading = page_id
        self.received = 0.0

    def navigate(self, page_id: str) -> None:
        if page_id in self.source.site.pages:
            self.history.visit(page_id)
            self._load(page_id)

    def back(self) -> None:
        if self.history.can_back:
            self._load(self.history.back())

    def skip(self) -> None:
        if self.loading is not None:
            self.received = float(self.total_bytes())
            self._settle()

    def update(self, dt: float) -> None:
        self.t += dt
        if self.loading is not None:
            self.received += dt * self.bytes_per_second
            self._settle()

    def _settle(self) -> None:
        if self.loading is not None and self.received >= self.total_bytes():
            self.cached.add(self.loading)
            self.loading = None

    # --- geometry ----------------------------------------------------------------------------------------------
    def _size(self, token: str) -> int:
        return self.ctx.theme.size(token, SCENE)

    def parts(self, rect: pygame.Rect) -> WindowParts:
        border = self._size("browser_border")
        inner = rect.inflate(-2 * border, -2 * border)
        title = pygame.Rect(inner.left, inner.top, inner.width, self._size("browser_title_h"))
        address = pygame.Rect(inner.left, title.bottom, inner.width, self._size("browser_bar_h"))
        status = pygame.Rect(inner.left, inner.bottom - self._size("browser_status_h"), inner.width,
                             self._size("browser_status_h"))
        bar_w = self._size("browser_scrollbar_w")
        viewport = pygame.Rect(inner.left + border, address.bottom + border, inner.width - 2 * border - bar_w,
                               max(1, status.top - border - address.bottom - border))
        scrollbar = pygame.Rect(viewport.right, viewport.top, bar_w, viewport.height)
        return WindowParts(rect, title, address, viewport, scrollbar, status)

    def page_scale(self, viewport: pygame.Rect) -> float:
        return viewport.width / max(1, self.source.site.canvas_size[0])

    def max_scroll(self, page: RenderedPage, viewport: pygame.Rect) -> float:
        return max(0.0, page.size[1] - viewport.height / self.page_scale(viewport))

    def scroll_by(self, page_px: float, page: RenderedPage, viewport: pygame.Rect) -> None:
        self.scroll = max(0.0, min(self.max_scroll(page, viewport), self.scroll + page_px))

    # --- buttons on the desk -----------------------------------------------------------------------------------
    def buttons(self, lang: str) -> ButtonSet:
        t = self.texts
        if self.loading is not None:
            ids: tuple[str, ...] = ("back", "skip", "exit")
            labels: tuple[str, ...] = (t.browser_back.pick(lang), t.browser_skip.pick(lang), t.browser_exit.pick(lang))
        else:
            ids = ("back", "up", "down", "exit")
            labels = ("◄ " + t.browser_back.pick(lang), "▲ " + t.browser_up.pick(lang),
                      "▼ " + t.browser_down.pick(lang), t.browser_exit.pick(lang))
        disabled = frozenset() if self.history.can_back else frozenset({"back"})
        return ButtonSet(ids, labels, disabled)

    def press(self, button: str, rect: pygame.Rect, lang: str) -> bool:
        """A desk button; returns True when the visitor leaves the browser."""
        viewport = self.parts(rect).viewport
        step = SCROLL_STEP * viewport.height / self.page_scale(viewport)
        if button == "back":
            self.back()
        elif button == "skip":
            self.skip()
        elif button == "up":
            self.scroll_by(-step, self.page(lang), viewport)
        elif button == "down":
            self.scroll_by(step, self.page(lang), viewport)
        return button == "exit"

    # --- touch on the page -------------------------------------------------------------------------------------
    def _to_page(self, viewport: pygame.Rect, pos: tuple[float, float]) -> tuple[float, float]:
        scale = self.page_scale(viewport)
        return (pos[0] - viewport.left) / scale, self.scroll + (pos[1] - viewport.top) / scale

    def _link_spots(self, page: RenderedPage, viewport: pygame.Rect) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
        """(target page, link rect on screen, touch rect) of links already shown and inside the viewport."""
        scale, need = self.page_scale(viewport), self.ctx.layout.min_target
        spots = []
        for link in page.layout.links:
            if page.box_progress(link.box, self.fraction) < 1:
                continue
            x, y, w, h = link.rect
            shown = pygame.Rect(viewport.left + round(x * scale), viewport.top + round((y - self.scroll) * scale),
                                max(1, round(w * scale)), max(1, round(h * scale)))
            if shown.clip(viewport).height < shown.height // 2 + 1:
                continue
            touch = shown.inflate(max(0, need - shown.width), max(0, need - shown.height))
            spots.append((link.target, shown, touch.clip(viewport)))
        return spots

    def tap(self, pos: tuple[float, float], rect: pygame.Rect, lang: str) -> bool:
        """A tap inside the window: follow the link under the finger (or the nearest within a finger's reach)."""
        viewport = self.parts(rect).viewport
        if not viewport.collidepoint(pos):
            return False
        page = self.page(lang)
        target = page.hit_test(self._to_page(viewport, pos), self.fraction)
        if target is None:
            best: tuple[float, str] | None = None
            for page_id, shown, touch in self._link_spots(page, viewport):
                if touch.collidepoint(pos):
                    dx = max(shown.left - pos[0], 0.0, pos[0] - shown.right)
                    dy = max(shown.top - pos[1], 0.0, pos[1] - shown.bottom)
                    if best is None or dx * dx + dy * dy < best[0]:
                        best = (dx * dx + dy * dy, page_id)
            target = best[1] if best else None
        if target is not None:
            self.navigate(target)
        return True

    def drag(self, pos: tuple[float, float], dy: float, rect: pygame.Rect, lang: str) -> None:
        viewport = self.parts(rect).viewport
        if viewport.collidepoint(pos):
            self.scroll_by(-dy / self.page_scale(viewport), self.page(lang), viewport)

    def link_targets(self, rect: pygame.Rect, lang: str) -> list[Target]:
        """Links as targets browser.link.<page> (then .2, .3 for repeats), centred on the link text."""
        seen: dict[str, int] = {}
        targets = []
        viewport = self.parts(rect).viewport
        for page_id, shown, touch in self._link_spots(self.page(lang), viewport):
            seen[page_id] = seen.get(page_id, 0) + 1
            suffix = "" if seen[page_id] == 1 else f".{seen[page_id]}"
            centred = touch.copy()
            centred.center = shown.center
            targets.append(Target(f"browser.link.{page_id}{suffix}", centred.clip(viewport), page_id))
        return targets

    # --- drawing -----------------------------------------------------------------------------------------------
    def _color(self, token: str) -> pygame.Color:
        return self.ctx.theme.color(token, SCENE)

    def _bevel(self, surface: pygame.Surface, rect: pygame.Rect, sunken: bool) -> None:
        light, dark = self._color("win_light"), self._color("win_dark")
        top_left, bottom_right = (dark, light) if sunken else (light, dark)
        pygame.draw.line(surface, top_left, rect.topleft, (rect.right - 1, rect.top))
        pygame.draw.line(surface, top_left, rect.topleft, (rect.left, rect.bottom - 1))
        pygame.draw.line(surface, bottom_right, (rect.left, rect.bottom - 1), (rect.right - 1, rect.bottom - 1))
        pygame.draw.line(surface, bottom_right, (rect.right - 1, rect.top), (rect.right - 1, rect.bottom - 1))

    def _line(self, text: str, bold: bool, color: pygame.Color, width: int, where: str) -> pygame.Surface:
        font = self.ctx.theme.font("sans_bold" if bold else "sans", "browser_text", SCENE)
        return self.ctx.text.block(text, font, color, width, 1, where=where).surface

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, lang: str) -> None:
        parts = self.parts(rect)
        pad = self.ctx.theme.px(8)
        surface.fill(self._color("win_face"), rect)
        self._bevel(surface, rect, sunken=False)
        page = self.page(lang)
        surface.fill(self._color("win_title"), parts.title)
        title = f"{page.title} - {self.texts.browser_title.pick(lang)}"
        line = self._line(title, True, self._color("win_title_fg"), parts.title.width - 2 * pad,
                          "retro_pc.yaml:ui.browser_title")
        surface.blit(line, line.get_rect(midleft=(parts.title.left + pad, parts.title.centery)))
        self._draw_address(surface, parts.address, lang, pad)
        self._draw_page(surface, page, parts.viewport)
        self._draw_scrollbar(surface, page, parts)
        self._draw_status(surface, parts.status, lang, pad)

    def _draw_address(self, surface: pygame.Surface, rect: pygame.Rect, lang: str, pad: int) -> None:
        badge_text = self.source.badge.pick(lang)
        badge = self._line(badge_text, True, self._color("badge_fg"), 0, "browser:badge")
        badge_rect = badge.get_rect(midright=(rect.right - pad, rect.centery)).inflate(2 * pad, pad // 2)
        field = pygame.Rect(rect.left + pad // 2, rect.top + pad // 2, badge_rect.left - pad - rect.left - pad // 2,
                            rect.height - pad)
        surface.fill(self._color("win_light"), field)
        self._bevel(surface, field, sunken=True)
        url = self._line(self.source.address, False, self._color("win_fg"), max(1, field.width - pad),
                         "browser:address")
        surface.blit(url, url.get_rect(midleft=(field.left + pad // 2, field.centery)))
        pygame.draw.rect(surface, self._color("badge_bg"), badge_rect, border_radius=pad // 2)
        surface.blit(badge, badge.get_rect(center=badge_rect.center))

    def _draw_page(self, surface: pygame.Surface, page: RenderedPage, viewport: pygame.Rect) -> None:
        if self._view is None or self._view.get_size() != viewport.size:
            self._view = pygame.Surface(viewport.size)
        view = self._view
        view.fill(page.background)
        scale = self.page_scale(viewport)
        self.scroll = max(0.0, min(self.max_scroll(page, viewport), self.scroll))
        source = page.frame(self.t, self.fraction)
        top = int(self.scroll)
        rows = min(source.get_height() - top, int(viewport.height / scale) + 1)
        if rows > 0:
            strip = source.subsurface((0, top, source.get_width(), rows))
            height = min(viewport.height, round(rows * scale))
            pygame.transform.smoothscale(strip, (viewport.width, height), view.subsurface((0, 0, viewport.width,
                                                                                           height)))
        surface.blit(view, viewport.topleft)
        self._bevel(surface, viewport.inflate(2, 2), sunken=True)

    def _draw_scrollbar(self, surface: pygame.Surface, page: RenderedPage, parts: WindowParts) -> None:
        bar = parts.scrollbar
        surface.fill(self._color("win_light"), bar)
        total = max(1.0, float(page.size[1]))
        visible = parts.viewport.height / self.page_scale(parts.viewport)
        if visible >= total:
            return
        thumb_h = max(bar.width, round(bar.height * visible / total))
        thumb_y = bar.top + round((bar.height - thumb_h) * self.scroll / max(1.0, total - visible))
        thumb = pygame.Rect(bar.left, thumb_y, bar.width, thumb_h)
        surface.fill(self._color("win_face"), thumb)
        self._bevel(surface, thumb, sunken=False)

    def _draw_status(self, surface: pygame.Surface, rect: pygame.Rect, lang: str, pad: int) -> None:
        self._bevel(surface, rect.inflate(-pad // 2, -pad // 4), sunken=True)
        if self.loading is not None:
            total = self.total_bytes()
            text = self.texts.browser_loading.pick(lang).format(received=f"{min(total, int(self.received)):,}"
                                                                .replace(",", " "), total=f"{total:,}"
                                                                .replace(",", " "))
            bar = pygame.Rect(0, 0, rect.width // 4, rect.height - pad)
            bar.midright = (rect.right - pad, rect.centery)
            self._bevel(surface, bar, sunken=True)
            filled = bar.inflate(-4, -4)
            filled.width = round(filled.width * self.fraction)
            surface.fill(self._color("progress"), filled)
            width = bar.left - rect.left - 2 * pad
        else:
            text = self.texts.browser_done.pick(lang)
            width = rect.width - 2 * pad
        line = self._line(text, False, self._color("win_fg"), max(1, width), "retro_pc.yaml:ui.browser_loading")
        surface.blit(line, line.get_rect(midleft=(rect.left + pad, rect.centery)))
