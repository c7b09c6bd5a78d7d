"""The whole emulated PC: screen, drive, keyboard, boot, shell and the running program, behind one object.

The scene UI talks only to `RetroMachine`: it forwards physical keys (`key_down`), on-screen key taps
(`tap_key`), touches on the monitor (`tap_cell`), advances time (`update`), draws (`frame` / `render`), reads
`keyset`, `layout_indicator` and `drain_sounds()`, and calls `reset()` when the visitor leaves. A program
that raises is stopped with a DOS-like message and the prompt comes back; nothing reaches the engine.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pygame

from .blocks import BlocksProgram
from .boot import BootSequence
from .commander import Commander
from .dialer import Dialer
from .editor import Editor, Viewer
from .keyboard import KeyboardState, KeyEvent, OnScreenKeyboard, physical_key
from .model import ContentModel, KeySet
from .program import Program, ProgramContext
from .shell import LaunchRequest, Shell, era_now
from .textscreen import TextRenderer, TextScreen
from .vfs import Snapshot, VirtualFS

LOG = logging.getLogger("kiosk.retro_pc")
DOUBLE_TAP_SECONDS = 0.45
CURSOR_BLINK_HZ = 1.9

PROGRAMS: dict[str, Callable[[ProgramContext, str | None], Program]] = {
    "commander": Commander,
    "editor": Editor,
    "viewer": Viewer,
    "dialer": Dialer,
}


class RetroMachine:
    """One PC for one visitor at a time; `reset()` gives the next visitor a clean machine."""

    def __init__(self, content: ContentModel, lang: str = "ru", clock: Callable[[], dt.datetime] = dt.datetime.now,
                 seed: int = 1995, boot: bool = True) -> None:
        self.content = content
        self.clock = clock
        self.seed = seed
        self.screen = TextScreen()
        self.keys = KeyboardState()
        self.on_screen = OnScreenKeyboard(self.keys)
        self._clean: dict[str, Snapshot] = {}
        self._renderer: TextRenderer | None = None
        self._frame: pygame.Surface | None = None
        self.lang: str = lang
        self.reset(lang, boot=boot)

    # --- lifecycle ----------------------------------------------------------------------------------------
    def reset(self, lang: str | None = None, boot: bool = True) -> None:
        """A clean machine: pristine drive, no history, no program; boots again unless boot=False."""
        self.lang = lang or self.lang
        if self.lang not in self._clean:
            self._clean[self.lang] = VirtualFS.from_content(self.content, self.lang).snapshot()
        self.vfs = VirtualFS.from_content(self.content, self.lang)
        self.vfs.restore(self._clean[self.lang])
        self.keys.layout = self.content.machine.layout or ("ru" if self.lang == "ru" else "en")
        self.on_screen.sticky.clear()
        self.sounds: list[str] = []
        self.ctx = ProgramContext(self.screen, self.vfs, self.content, self.lang, self.now, self.sounds)
        self.shell = Shell(self.screen, self.vfs, self.content, self.lang, clock=self.clock)
        self.shell.sounds = self.sounds
        self.programs: list[Program] = []
        self.browser_requested = False
        self.time = 0.0
        self._last_tap: tuple[int, float] | None = None
        self.screen.clear()
        self.boot: BootSequence | None = BootSequence(self.screen, self.content, self.lang) if boot else None
        if self.boot is None:
            self.shell.prompt(blank_line=False)

    def set_language(self, lang: str) -> None:
        """The visitor switched RU/EN: the machine restarts in that language at the prompt."""
        if lang != self.lang:
            self.reset(lang, boot=False)

    def now(self) -> dt.datetime:
        return era_now(self.clock, self.content.machine.era_year) + self.shell.offset

    @property
    def state(self) -> str:
        if self.boot is not None:
            return "boot"
        return "program" if self.programs else "shell"

    @property
    def program(self) -> Program | None:
        return self.programs[-1] if self.programs else None

    # --- what the UI shows around the screen --------------------------------------------------------------
    @property
    def keyset_name(self) -> str:
        return self.program.keyset if self.program else "shell"

    @property
    def keyset(self) -> KeySet:
        return self.content.keyset(self.keyset_name)

    @property
    def layout_indicator(self) -> str:
        return self.on_screen.layout_indicator()

    def drain_sounds(self) -> list[str]:
        """Sound cues since the last call: 'beep', 'drop', 'line', 'dial', 'handshake'."""
        cues = list(self.sounds)
        self.sounds.clear()
        return cues

    # --- input --------------------------------------------------------------------------------------------
    def key_down(self, keycode: int, mod: int = 0, scancode: int | None = None) -> None:
        """A physical key (pygame KEYDOWN fields)."""
        self.handle_key(physical_key(self.keys, keycode, mod, scancode))

    def tap_key(self, key: str) -> None:
        """A tap on a key of the on-screen keyboard (key id as in KeyCap.key)."""
        self.handle_key(self.on_screen.tap(key))

    def handle_key(self, event: KeyEvent | None) -> None:
        if event is None:
            return
        if self.boot is not None:
            self.boot.skip()
            self._after_boot()
            return
        program = self.program
        if program is None:
            self._guard(lambda: self.shell.handle_key(event))
            self._start_launch()
        else:
            self._guard(lambda: program.handle_key(event))
            self._after_program()

    def type_command(self, line: str, enter: bool = True) -> None:
        """Type a line as key presses (scripted demos and tests)."""
        for ch in line:
            self.handle_key(KeyEvent("CHAR", ch))
        if enter:
            self.handle_key(KeyEvent("ENTER"))

    def tap_cell(self, col: int, row: int) -> None:
        """A touch on the monitor at a character cell (see textscreen.cell_at)."""
        double = (self._last_tap is not None and self._last_tap[0] == row
                  and self.time - self._last_tap[1] <= DOUBLE_TAP_SECONDS)
        self._last_tap = None if double else (row, self.time)
        if self.boot is not None:
            self.boot.skip()
            self._after_boot()
            return
        program = self.program
        if program is not None:
            self._guard(lambda: program.tap_cell(col, row, double))
            self._after_program()

    # --- time ---------------------------------------------------------------------------------------------
    def update(self, dt_seconds: float) -> None:
        self.time += dt_seconds
        if self.boot is not None:
            self.boot.update(dt_seconds)
            self._after_boot()
            return
        program = self.program
        if program is not None:
            self._guard(lambda: program.update(dt_seconds))
            self._after_program()

    # --- drawing ------------------------------------------------------------------------------------------
    @property
    def renderer(self) -> TextRenderer:
        if self._renderer is None:
            self._renderer = TextRenderer()
        return self._renderer

    @property
    def cursor_on(self) -> bool:
        return int(self.time * CURSOR_BLINK_HZ * 2) % 2 == 0

    def render(self, target: pygame.Surface, dest: tuple[int, int] = (0, 0)) -> None:
        """Draw the 720x400 screen unscaled onto `target` at `dest`, cursor included."""
        self.renderer.render(self.screen, target, dest, self.cursor_on)

    def frame(self) -> pygame.Surface:
        """The current 720x400 picture (reused surface: scale or blit it, do not keep it)."""
        if self._frame is None:
            self._frame = pygame.Surface(self.renderer.size)
        self.render(self._frame)
        return self._frame

    # --- running programs ---------------------------------------------------------------------------------
    def _after_boot(self) -> None:
        if self.boot is not None and self.boot.done:
            self.boot = None
            self.shell.prompt(blank_line=False)

    def _start_launch(self) -> None:
        request = self.shell.take_launch()
        if request is not None:
            self.run(request)

    def run(self, request: LaunchRequest) -> None:
        """Start a program the shell (or a test) asked for."""
        self._start(request.program, request.file)

    def _start(self, name: str, file: str | None) -> None:
        if name == "browser":
            self.browser_requested = True
            return
        if name == "blocks":
            program: Program = BlocksProgram(self.ctx, file, seed=self.seed)
        else:
            program = PROGRAMS[name](self.ctx, file)
        self.programs.append(program)
        self._guard(program.start)

    def _after_program(self) -> None:
        program = self.program
        if program is None:
            return
        if program.opens is not None:
            request, program.opens = program.opens, None
            self._start(request.program, request.file)
            return
        if program.finished:
            self.programs.pop()
            if self.programs:
                self._guard(self.programs[-1].resume)
            else:
                self._back_to_prompt(program.exit_message)

    def _back_to_prompt(self, message: str | None = None) -> None:
        self.screen.clear()
        self.screen.cursor_visible = True
        if message:
            self.screen.writeln(message)
        self.shell.mode = "prompt"
        self.shell.prompt(blank_line=False)

    def recover(self) -> None:
        """After an error outside program code (the scene's last line of defence): DOS's message, the prompt."""
        self.boot = None
        self.programs.clear()
        self.browser_requested = False
        self._back_to_prompt(self.shell.t("abnormal_termination"))

    def _guard(self, action: Callable[[], None]) -> None:
        """Run program code; a crash ends all programs with DOS's message instead of reaching the engine."""
        try:
            action()
        except Exception:
            LOG.exception("retro_pc program crashed")
            self.programs.clear()
            self._back_to_prompt(self.shell.t("abnormal_termination"))
