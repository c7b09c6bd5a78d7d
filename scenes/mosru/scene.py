"""The first mos.ru scene: a period desktop with a 1990s browser that dials up (speed menu, synthesized
handshake), loads the reconstructed first site at the modem's speed, browses it (links, hotspots, Back,
Forward, Home, Reload, Skip) and compares it with today's mos.ru.

This module only wires things together: state is in browser.py (history, cache, modem), geometry in
geometry.py, drawing in chrome.py / viewport.py / connect_dialog.py / panel.py / compare.py.
Targets (tap by name in scripts): mosru.exit, mosru.speed.<id>, mosru.connect, mosru.cancel, mosru.skip,
mosru.back, mosru.forward, mosru.reload, mosru.home, mosru.redial, mosru.compare, mosru.compare.close,
mosru.link.<page>[.n].
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pygame

from kiosk import widgets
from kiosk.gestures import Drag, DragStart, Fling, InputEvent, PointerDown, PointerUp, Tap
from kiosk.pages import PageRenderer
from kiosk.scene import Scene, Target
from kiosk.widgets import StillLayer
from scenes.mosru.browser import Browser
from scenes.mosru.chrome import BrowserChrome, ChromeState
from scenes.mosru.compare import CompareView, start_page_picture
from scenes.mosru.connect_dialog import ConnectDialog, DialogState
from scenes.mosru.dialup import ModemLink
from scenes.mosru.geometry import Geometry, S, compute
from scenes.mosru.model import ContentModel
from scenes.mosru.panel import PanelState, SidePanel, size_kb
from scenes.mosru.still import desktop
from scenes.mosru.synth import SAMPLE_RATE, HandshakeSound, handshake_sound, plan
from scenes.mosru.viewport import PageView
from scenes.mosru.visits import count_visit

CONTENT_FILE = "mosru.yaml"
IDLE_REASON = "mosru-dialup"
PANEL_TARGETS = ("mosru.redial", "mosru.compare")


def handshake_stages(digits: str) -> list[tuple[str, float]]:
    """The handshake's (stage, seconds) without rendering the sound (the plan alone gives the timing)."""
    return HandshakeSound(b"", SAMPLE_RATE, plan(digits)).stages()


def phone_number(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 7 and digits.isdigit() else digits


class MosruScene(Scene):
    name = "mosru"

    def enter(self, params: Mapping[str, Any]) -> None:
        self._t = 0.0
        self._targets: list[Target] = []
        self._pressed: str | None = None
        self._sound: Any = None
        self._held = False
        self._desktop: pygame.Surface | None = None
        self.still = StillLayer()
        self.comparing = False
        self.chrome = BrowserChrome(self.ctx)
        self.dialog = ConnectDialog(self.ctx)
        self.panel = SidePanel(self.ctx)
        self.compare = CompareView(self.ctx)
        self.visits = count_visit(self.ctx.var_dir)
        self.broken = not self._load_model()
        if self.broken:  # never raise from enter(): the router calls it outside the crash guard
            self.ctx.note(f"mosru: {CONTENT_FILE} is missing or invalid; run `run_kiosk.py check`")
            self.close()
        elif self._sound_wanted() and not self.ctx.headless:
            # ~0.3 s of synthesis, done while the visitor reads the dialog (cached for later visits);
            # headless runs make it on Connect instead, so they stay deterministic
            settings = self.model.dialup.sound
            threading.Thread(target=handshake_sound, args=(settings.digits, settings.peak_dbfs, settings.seed),
                             name="mosru-handshake", daemon=True).start()

    def _sound_wanted(self) -> bool:
        sound = self.ctx.sound
        return bool(getattr(sound, "enabled", False) and getattr(sound, "available", False))

    def _load_model(self) -> bool:
        model = self.ctx.content(CONTENT_FILE)
        if not isinstance(model, ContentModel):
            return False
        self.model = model
        self.renderer = PageRenderer(model.site, self.ctx.content_root)
        self.geo: Geometry = compute(self.ctx, model.site.canvas_size)
        speed_ids = [s.id for s in model.dialup.speeds]
        if getattr(self, "speed_id", None) not in speed_ids:
            self.speed_id = model.dialup.default_speed
        self.browser = Browser(model.site.start, lambda page: self.renderer.page_bytes(page).total,
                               self._new_link())
        self.view = PageView(self.ctx)
        self._page_key: tuple[str, str, int] | None = None
        return True

    def _new_link(self) -> ModemLink:
        dialup = self.model.dialup
        return ModemLink(dialup.speed(self.speed_id).bits_per_second, handshake_stages(dialup.sound.digits),
                         dialup.efficiency)

    # ------------------------------------------------------------------------------------- lifecycle

    def exit(self) -> None:
        self._hang_up()

    def language_changed(self, lang: str) -> None:
        if self.broken:
            return
        self._page_key = None
        self._sync_page()

    def content_changed(self) -> None:
        if not self.broken and self.ctx.content(CONTENT_FILE) is self.model:
            return  # another file changed: keep the visitor's connection and page
        current = None if self.broken else self.browser.current
        self._hang_up()
        if not self._load_model():
            raise RuntimeError(f"{CONTENT_FILE} is missing or invalid after a reload")
        self.broken = False
        if current in self.model.site.pages and current != self.browser.current:
            self.browser.history.visit(current)

    # ---------------------------------------------------------------------------------------- actions

    @property
    def dialog_open(self) -> bool:
        return not self.browser.connected

    def connect(self) -> None:
        """The Connect button: dial at the chosen speed (with the handshake sound), then load the start page."""
        self._stop_sound()
        self.browser.link = self._new_link()
        self.browser.start()
        self._page_key = None
        self._hold(True)
        if self._sound_wanted():
            settings = self.model.dialup.sound
            pcm = handshake_sound(settings.digits, settings.peak_dbfs, settings.seed).pcm
            self._sound = self.ctx.sound.play(pcm)

    def skip(self) -> None:
        self.browser.skip()
        self._stop_sound()
        self._hold(False)

    def _hang_up(self) -> None:
        if hasattr(self, "browser"):
            self.browser.hang_up()
        self._stop_sound()
        self._hold(False)

    def _stop_sound(self) -> None:
        if self._sound is not None:
            with contextlib.suppress(pygame.error, AttributeError):
                self._sound.stop()
            self._sound = None

    def _hold(self, on: bool) -> None:
        if on and not self._held:
            self.ctx.idle.hold(IDLE_REASON)
        elif not on and self._held:
            self.ctx.idle.release(IDLE_REASON)
        self._held = on

    def _act(self, name: str) -> None:
        browser = self.browser
        if name == "mosru.exit":
            self._hang_up()
            self.close()
        elif name == "mosru.compare":
            self.comparing = True
            self.compare.reset_scroll()
        elif name == "mosru.compare.close":
            self.comparing = False
        elif name.startswith("mosru.speed."):
            self.speed_id = name.removeprefix("mosru.speed.")
        elif name == "mosru.connect":
            self.connect()
        elif name in ("mosru.cancel", "mosru.redial"):
            self._hang_up()
        elif name == "mosru.skip":
            self.skip()
        elif name == "mosru.back":
            browser.back()
        elif name == "mosru.forward":
            browser.forward()
        elif name == "mosru.home":
            browser.home()
        elif name == "mosru.reload":
            browser.reload()
        elif name.startswith("mosru.link."):
            browser.navigate(name.removeprefix("mosru.link.").split(".")[0])

    # ------------------------------------------------------------------------------------------ input

    def handle(self, event: InputEvent) -> None:
        if self.broken:
            return
        if isinstance(event, PointerDown):
            self._pressed = self._button_at(event.pos)
        elif isinstance(event, PointerUp):
            self._pressed = None
        elif isinstance(event, Tap):
            self._pressed = None
            name = self._button_at(event.pos)
            if name is not None:
                self._act(name)
            elif self._page_interactive():
                target = self.view.hit(self.geo, event.pos, self.browser.fraction)
                if target is not None and target in self.model.site.pages:
                    self.browser.navigate(target)
        elif isinstance(event, DragStart):
            self._pressed = None
            self.view.velocity = 0.0
        elif isinstance(event, Drag):
            if self.comparing:
                self.compare.drag(event.pos, event.delta[1])
            elif self._page_interactive() and self.geo.viewport.collidepoint(event.pos):
                self.view.drag(self.geo, event.delta[1])
        elif isinstance(event, Fling) and not self.comparing and self._page_interactive() \
                and self.geo.viewport.collidepoint(event.pos):
            self.view.fling(self.geo, event.velocity[1])

    def _button_at(self, pos: tuple[float, float]) -> str | None:
        buttons = [t for t in self._targets if not t.name.startswith("mosru.link.")]
        return widgets.hit(buttons, pos)

    def _page_interactive(self) -> bool:
        return not self.comparing and not self.dialog_open

    # ----------------------------------------------------------------------------------------- update

    def update(self, dt: float) -> None:
        if self.broken:
            return
        self._t += dt
        was_dialling = self.browser.dialling
        self.browser.update(dt)
        if was_dialling and not self.browser.dialling:
            self._hold(False)
            self._sound = None  # it has played to its end
        self._sync_page()
        self.view.update(self.geo, dt)

    def _sync_page(self) -> None:
        """Show the browser's current page (re-rendered on navigation, language or visited-link changes)."""
        if not self.browser.connected and self.view.page is None:
            return
        lang = self.ctx.i18n.lang
        key = (self.browser.current, lang, len(self.browser.history.visited))
        if key == self._page_key:
            return
        page = self.renderer.render(self.browser.current, lang, self.browser.history.visited)
        page.set_hit_counter(self.visits)
        same_page = self._page_key is not None and self._page_key[0] == key[0]
        self.view.show(page, keep_scroll=same_page)
        self._page_key = key

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        """The still part from the kept layer when it has not changed (scenes/mosru/still.py), then the live
        parts: the page (marquee, reveal), the dialog over it or while dialling, the spinning throbber."""
        if self.broken:
            surface.fill(self.ctx.theme.color("bg"))
            return
        view_live = not self.comparing and self.view.page is not None
        dialog_live = not self.comparing and self.dialog_open and (view_live or self.browser.dialling)
        chrome = None if self.comparing else self._chrome_state()
        key = self._still_key(surface.get_size(), chrome, view_live, dialog_live)
        still = self.still.blit(surface, key)
        if still is None:
            still = self._draw_still(surface, chrome, view_live, dialog_live)
            self.still.drawn(surface, key, still)
        if chrome is None:
            self._targets = still
            return
        live: list[Target] = []
        if chrome.busy:
            self.chrome.throbber(surface, self.geo, chrome.t, True)
        if view_live:
            self.view.draw(surface, self.geo, self._t, self.browser.fraction)
        if dialog_live:
            live = self.dialog.draw(surface, self.geo, self.model, self._dialog_state())
        elif not self.dialog_open:
            live = self.view.link_targets(self.geo, self.browser.fraction)
        panel = [t for t in still if t.name in PANEL_TARGETS]
        self._targets = [t for t in still if t.name not in PANEL_TARGETS] + live + panel

    def _still_key(self, size: tuple[int, int], chrome: ChromeState | None, view_live: bool,
                   dialog_live: bool) -> tuple[object, ...]:
        """Everything the still part shows (the same key means the same pixels)."""
        common = (size, id(self.model), self.ctx.i18n.lang, self.comparing)
        if chrome is None:
            return (*common, tuple((name, pane.scroll) for name, pane in self.compare.panes.items()))
        dialog = self._dialog_state() if self.dialog_open and not dialog_live else None
        return (*common, replace(chrome, t=0.0), self._panel_state(), view_live, dialog)

    def _draw_still(self, surface: pygame.Surface, chrome: ChromeState | None, view_live: bool,
                    dialog_live: bool) -> list[Target]:
        surface.blit(self._desktop_surface(surface.get_size()), (0, 0))
        targets = self._top_bar(surface)
        if chrome is None:
            return targets + self._draw_compare(surface)
        targets += self.chrome.draw(surface, self.geo, self.model, chrome)
        if not view_live:
            self.view.draw(surface, self.geo, self._t, self.browser.fraction)
        if self.dialog_open and not dialog_live:
            targets += self.dialog.draw(surface, self.geo, self.model, self._dialog_state())
        # the panel sits beside (or below) the browser window: drawing it before the page changes no pixel
        return targets + self.panel.draw(surface, self.geo.panel, self.model, self._panel_state())

    def _desktop_surface(self, size: tuple[int, int]) -> pygame.Surface:
        if self._desktop is None or self._desktop.get_size() != size:
            theme = self.ctx.theme
            self._desktop = desktop(size, theme.color("desktop", S), theme.color("desktop_dot", S), theme.px(12),
                                    self.geo.top_bar, theme.color("bg"))
        return self._desktop

    def _top_bar(self, surface: pygame.Surface) -> list[Target]:
        ctx, theme, geo = self.ctx, self.ctx.theme, self.geo
        exit_label = ctx.i18n.pick(self.model.chrome.back_to_timeline)
        targets = [widgets.button(surface, ctx, "mosru.exit", geo.exit_button, exit_label, primary=False)]
        title = self.model.chrome.compare if self.comparing else self.model.title
        fonts = [theme.font("sans_bold", "scene_title", S), theme.font("sans_bold", "panel_title", S)]
        block = ctx.text.fit(ctx.i18n.pick(title), fonts, theme.color("fg"), geo.title_area.width, 2,
                             where="mosru.yaml:title")
        surface.blit(block.surface, block.surface.get_rect(midleft=geo.title_area.midleft))
        return targets

    def _chrome_state(self) -> ChromeState:
        browser = self.browser
        page = self.view.page
        title = page.title if page is not None else ""
        return ChromeState(title=self.ctx.i18n.pick(self.model.chrome.window_title).format(title=title),
                           status=self._status(), progress=browser.fraction if browser.loading else None,
                           can_back=browser.history.can_back, can_forward=browser.history.can_forward,
                           busy=browser.busy, show_skip=browser.loading is not None and not browser.dialling,
                           enabled=not self.dialog_open, pressed=self._pressed, t=self._t)

    def _dialog_state(self) -> DialogState:
        link = self.browser.link
        return DialogState(self.speed_id, self.browser.dialling, link.stage, link.handshake_fraction,
                           phone_number(self.model.dialup.sound.digits), self._pressed)

    def _panel_state(self) -> PanelState:
        return PanelState(self.speed_id, self.browser.connected, self._connection_line(), self.browser.total_bytes)

    def _connection_line(self) -> str:
        chrome, lang = self.model.chrome, self.ctx.i18n.lang
        if self.browser.dialling:
            return self._status()
        if self.browser.connected:
            speed = self.model.dialup.speed(self.speed_id).label.pick(lang)
            return chrome.connect_dialog.connected.pick(lang).format(speed=speed)
        return chrome.offline.pick(lang)

    def _status(self) -> str:
        chrome, lang, browser = self.model.chrome, self.ctx.i18n.lang, self.browser
        if browser.dialling:
            host = self.model.address.url.split("//")[-1].strip("/")
            return chrome.status_connecting.pick(lang).format(host=host)
        if not browser.connected:
            return chrome.offline.pick(lang)
        if browser.loading is not None:
            total = browser.total_bytes
            return chrome.status_loading.pick(lang).format(percent=int(browser.fraction * 100),
                                                           received_kb=size_kb(browser.received_bytes, lang),
                                                           total_kb=size_kb(total, lang))
        return chrome.status_done.pick(lang)

    def _draw_compare(self, surface: pygame.Surface) -> list[Target]:
        ctx, theme, geo = self.ctx, self.ctx.theme, self.geo
        margin, gap = theme.size("margin"), theme.size("gap")
        button_h = max(ctx.layout.min_target, theme.size("button_h"))
        area = pygame.Rect(margin, geo.top_bar.bottom + gap, ctx.layout.width - 2 * margin,
                           ctx.layout.height - geo.top_bar.bottom - 2 * gap - margin - button_h)
        self.compare.draw(surface, area, self.model, self._thumbnail)
        close = pygame.Rect(0, 0, min(area.width, theme.px(620)), button_h)
        close.midtop = (area.centerx, area.bottom + gap)
        return [widgets.button(surface, ctx, "mosru.compare.close", close,
                               ctx.i18n.pick(self.model.chrome.compare_close))]

    def _thumbnail(self) -> pygame.Surface:
        """The start page for the compare view, its marquee caught with the text in the middle."""
        return start_page_picture(self.renderer, self.model, self.ctx.i18n.lang, self.browser.history.visited,
                                  self.visits)

    def targets(self) -> list[Target]:
        return list(self._targets)
