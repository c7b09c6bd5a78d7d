"""The 1990s computer scene: a CRT on a desk showing the emulated PC, an on-screen keyboard, the period browser.

Targets (scripts tap them by name): key.<KEY_ID> for every drawn key (key.ENTER, key.D, key.LAYOUT, key.F10),
retro.screen (the monitor's text area), retro.run.<COMMAND> (at the prompt), retro.exit; in the browser: browser.back, browser.up, browser.down,
browser.skip, browser.exit and browser.link.<page>[.n].

Input: taps on keys go to `RetroMachine.tap_key`, taps on the picture to `tap_cell` (the file manager's rows,
double taps), physical keys to `key_down` — the machine translates all of them the same way. Anything the
machine raises outside its own program guard is caught here: DOS's "abnormal termination" message, the
prompt, and a note for the admin overlay; the engine's crash isolation stays the last resort. Every visitor
gets a new scene instance and so a clean machine; on idle the home-scene case resets the machine too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pygame

from kiosk import widgets
from kiosk.gestures import Drag, InputEvent, KeyPress, Tap
from kiosk.scene import Scene, Target

from .audio import SceneAudio
from .browser_view import BrowserView, find_source
from .dialer import Dialer
from .geometry import SCENE, SceneGeometry, compute
from .info_panel import InfoPanel, InfoState
from .keyboard import KeyboardState, KeyEvent, OnScreenKeyboard
from .keyboard_view import KeyboardView
from .machine import RetroMachine
from .model import ContentModel
from .monitor import MonitorView
from .quick_bar import QuickBar
from .textscreen import cell_at

LOG = logging.getLogger("kiosk.retro_pc")

BROWSER_KEYS = {pygame.K_ESCAPE: "exit", pygame.K_BACKSPACE: "back", pygame.K_UP: "up", pygame.K_DOWN: "down",
                pygame.K_PAGEUP: "up", pygame.K_PAGEDOWN: "down", pygame.K_SPACE: "skip"}


class RetroPcScene(Scene):
    name = "retro_pc"

    def enter(self, params: Mapping[str, Any]) -> None:
        ctx = self.ctx
        self.now = 0.0
        self.content: ContentModel | None = ctx.content("retro_pc.yaml")
        self.geo: SceneGeometry = compute(ctx.layout, ctx.theme)
        self.monitor = MonitorView(self.geo, ctx.theme)
        self.browser: BrowserView | None = None
        self._exit_target: Target | None = None
        self.still = widgets.StillLayer()
        """The whole screen while the monitor, keyboard and panels do not change (kiosk/widgets.py): one blit
        instead of ~3 ms of art, picture, keyboard, panel and button blits."""
        if self.content is None:
            ctx.note("retro_pc: retro_pc.yaml is not loaded - the computer shows an empty desk")
            self.machine: RetroMachine | None = None
            self.keys = KeyboardView(ctx, OnScreenKeyboard(KeyboardState()))
            return
        self.machine = RetroMachine(self.content, lang=ctx.i18n.lang)
        self.keys = KeyboardView(ctx, self.machine.on_screen)
        self.browser_keys = KeyboardView(ctx, self.machine.on_screen, prefix="browser.")
        self.info = InfoPanel(ctx, self.content.ui)
        self.quick = QuickBar(ctx, self.content.ui)
        self._quick_shown = False
        self.audio = SceneAudio(ctx, self.content.dialer.number)
        if self.audio.sound_on and not ctx.headless:
            threading.Thread(target=self.audio.warm_up, name="retro_pc-modem", daemon=True).start()

    def exit(self) -> None:
        if self.machine is not None:
            self.audio.stop()
        self.browser = None

    # --- the machine, guarded ----------------------------------------------------------------------------------
    def _run(self, action: Callable[[], None]) -> None:
        """Call into the machine; an error becomes DOS's message at the prompt instead of a crashed scene."""
        machine = self.machine
        if machine is None:
            return
        try:
            action()
        except Exception as exc:
            LOG.exception("retro_pc: the machine failed outside a program")
            self.ctx.note(f"retro_pc: {exc!r} - machine returned to the prompt")
            self.audio.stop()
            self.browser = None
            machine.recover()

    @property
    def lang(self) -> str:
        return self.ctx.i18n.lang

    # --- input -------------------------------------------------------------------------------------------------
    def handle(self, event: InputEvent) -> None:
        if isinstance(event, Tap):
            self._tap(event.pos)
        elif isinstance(event, KeyPress):
            self._key(event)
        elif isinstance(event, Drag) and self.browser is not None:
            self.browser.drag(event.pos, event.delta[1], self.geo.screen, self.lang)

    def _tap(self, pos: tuple[float, float]) -> None:
        if self._exit_target is not None and self._exit_target.rect.collidepoint(pos):
            self.close()
            return
        machine = self.machine
        if machine is None:
            return
        if self.browser is not None:
            button = self.browser_keys.key_at(pos)
            if button is not None:
                self.browser_keys.flash(button, self.now)
                if self.browser.press(button, self.geo.screen, self.lang):
                    self._close_browser()
            else:
                self.browser.tap(pos, self.geo.screen, self.lang)
            return
        command = self.quick.command_at(pos) if self._quick_shown else None
        if command is not None:
            self._run(lambda: self._type_command(command))
            return
        key = self.keys.key_at(pos)
        if key is not None:
            self.keys.flash(key, self.now)
            self._run(lambda: machine.tap_key(key))
            return
        cell = cell_at(pos[0], pos[1], tuple(self.geo.screen))  # type: ignore[arg-type]
        if cell is not None:
            self._run(lambda: machine.tap_cell(*cell))

    def _type_command(self, command: str) -> None:
        """A command button: clear the line (Esc, as in DOS), type the command, press Enter."""
        machine = self.machine
        assert machine is not None
        machine.handle_key(KeyEvent("ESC"))
        machine.type_command(command)

    def _key(self, event: KeyPress) -> None:
        machine = self.machine
        if machine is None:
            return
        if self.browser is not None:
            button = BROWSER_KEYS.get(event.key)
            if button is not None and self.browser.press(button, self.geo.screen, self.lang):
                self._close_browser()
            return
        self._run(lambda: machine.key_down(event.key, event.mod))

    # --- browser -----------------------------------------------------------------------------------------------
    def _open_browser(self) -> None:
        machine = self.machine
        assert machine is not None and self.content is not None
        machine.browser_requested = False
        source = find_source(self.ctx, self.content)
        if source is None:
            self.ctx.note("retro_pc: no site for the dial-up browser (enable mosru or add browser: to retro_pc.yaml)")
            return  # the dialer has already printed that the browser is not there
        self.browser = BrowserView(self.ctx, source, self.content.ui, self.content.dialer.connect_bps)

    def _close_browser(self) -> None:
        """Leave the browser: the modem hangs up and DOS's prompt comes back."""
        self.browser = None
        machine = self.machine
        if machine is not None and isinstance(machine.program, Dialer):
            self._run(lambda: machine.handle_key(KeyEvent("ESC")))
        self.monitor.invalidate()

    # --- time --------------------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.now += dt
        machine = self.machine
        if machine is None:
            return
        self._run(lambda: machine.update(dt))
        self.audio.play_cues(machine.drain_sounds())
        if self.audio.handshake_playing and not isinstance(machine.program, Dialer):
            self.audio.stop()  # hung up (Esc) before the line was up
        if machine.browser_requested and self.browser is None:
            self._open_browser()
        if self.browser is not None:
            self.browser.update(dt)
        self.audio.update(dt)

    def language_changed(self, lang: str) -> None:
        machine = self.machine
        if machine is not None:
            self._run(lambda: machine.set_language(lang))

    def start_attract(self) -> None:
        """Only when this scene is the home scene: the next visitor gets a clean machine."""
        machine = self.machine
        if machine is not None:
            self.audio.stop()
            self.browser = None
            self._run(lambda: machine.reset(self.ctx.i18n.lang))

    # --- drawing -----------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Everything around the monitor's picture, while still (same key two frames in a row), is kept and
        blitted, then the picture (changed or not) on top; the browser is always drawn."""
        key = self._still_key(surface.get_size())
        if key is not None and self.still.blit(surface, key) is not None:
            self.monitor.draw_picture(surface)  # nothing else overlaps the tube
            return
        self._draw_screen(surface)
        if key is None:
            self.still.forget()
        else:
            self.still.drawn(surface, key, [])

    def _still_key(self, size: tuple[int, int]) -> tuple[object, ...] | None:
        """Everything the screen shows around the monitor's picture (the same key means the same pixels)."""
        machine = self.machine
        if machine is None or self.browser is not None or self.content is None:
            return None
        self.monitor.refresh(machine)
        self.keys.prepare(self.geo.keyboard, machine.keyset, machine.keyset_name, self.lang, self.monitor.art)
        self._quick_shown = machine.state == "shell" and machine.shell.mode == "prompt"
        flashing = tuple(sorted(key for key, until in self.keys._flash.items() if until > self.now))
        return (size, id(self.ctx.theme), id(self.content), self.lang, self.keys._state, flashing,
                self._quick_shown, self._info_state(machine), self.content.ui.exit.pick(self.lang))

    def _info_state(self, machine: RetroMachine) -> InfoState:
        assert self.content is not None
        return InfoState(self.lang, self.content.machine.label.pick(self.lang), machine.keys.layout,
                         not machine.keyset.full, self.browser is not None, machine.state != "program")

    def _draw_screen(self, surface: pygame.Surface) -> None:
        geo, machine = self.geo, self.machine
        self.monitor.draw_art(surface)
        if machine is not None:
            if self.browser is not None:
                self.browser.draw(surface, geo.screen, self.lang)
                self.browser_keys.prepare(geo.keyboard, self.browser.buttons(self.lang), "browser", self.lang,
                                          self.monitor.art)
                self.browser_keys.draw(surface, self.now)
            else:
                self.monitor.refresh(machine)
                self.monitor.draw_picture(surface)
                self.keys.prepare(geo.keyboard, machine.keyset, machine.keyset_name, self.lang, self.monitor.art)
                self.keys.draw(surface, self.now)
            self._quick_shown = (self.browser is None and machine.state == "shell"
                                 and machine.shell.mode == "prompt")
            if self._quick_shown:
                self.quick.draw(surface, geo, self.lang)
            assert self.content is not None
            self.info.draw(surface, geo, self._info_state(machine))
        label = self.content.ui.exit.pick(self.lang) if self.content is not None else self.ctx.i18n.t("common.back")
        self._exit_target = widgets.button(surface, self.ctx, "retro.exit", geo.exit, label, primary=True,
                                           scene=SCENE)

    def targets(self) -> list[Target]:
        targets: list[Target] = []
        if self.machine is not None:
            if self.browser is not None:
                targets += self.browser_keys.targets()
                targets += self.browser.link_targets(self.geo.screen, self.lang)
            else:
                targets.append(Target("retro.screen", self.geo.screen.copy(), "screen"))
                targets += self.keys.targets()
                if self._quick_shown:
                    targets += self.quick.targets
        if self._exit_target is not None:
            targets.append(self._exit_target)
        return targets
