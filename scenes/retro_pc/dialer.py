"""DIALER.EXE: the modem's terminal dialogue (ATZ, OK, ATDT..., CONNECT) on the text screen.

When the line is up the program asks the machine for the period browser (`OpenRequest("browser")`); the
scene opens the page engine for it. Sounds ("dial", "handshake") are queued for the scene to synthesize.
"""

from __future__ import annotations

from collections.abc import Callable

from .keyboard import KeyEvent
from .program import OpenRequest, Program, ProgramContext
from .textscreen import Color, attr


class Dialer(Program):
    keyset = "dialer"

    def __init__(self, ctx: ProgramContext, file: str | None = None) -> None:
        super().__init__(ctx, file)
        self.elapsed = 0.0
        self.connected = False
        self._script: list[tuple[float, Callable[[], None]]] = []

    def start(self) -> None:
        screen, settings = self.screen, self.ctx.content.dialer
        screen.clear(attr(Color.LIGHT_GREEN, Color.BLACK))
        screen.cursor_visible = True
        screen.put(0, screen.rows - 1, self.ctx.t("dialer_cancel"), attr(Color.DARK_GRAY))
        screen.set_cursor(0, 0)
        handshake = settings.handshake_seconds
        self._script = [
            (0.2, lambda: screen.writeln(settings.init)),
            (0.7, lambda: screen.writeln("OK")),
            (1.2, lambda: self._dial(f"ATDT{settings.number}")),
            (1.2 + handshake, self._connect),
        ]

    def _dial(self, command: str) -> None:
        self.screen.writeln(command)
        self.ctx.sounds.extend(["dial", "handshake"])

    def _connect(self) -> None:
        self.screen.writeln(f"CONNECT {self.ctx.content.dialer.connect_bps}")
        self.screen.writeln()
        self.screen.writeln(self.ctx.t("dialer_no_browser"))
        self.connected = True
        self.opens = OpenRequest("browser")

    def update(self, dt: float) -> None:
        self.elapsed += dt
        while self._script and self._script[0][0] <= self.elapsed:
            _, action = self._script.pop(0)
            action()

    def handle_key(self, event: KeyEvent) -> None:
        if event.key == "ESC" or (self.connected and event.key == "ENTER"):
            if not self.connected:
                self.screen.writeln("NO CARRIER")
            self.finished = True
