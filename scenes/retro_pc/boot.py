"""Power-on of the emulated PC: the BIOS self-test screen, then DOS boot lines, as a timed script.

Driven only by `update(dt)` (the engine's simulated clock in tests), so a test can advance N seconds and
know the prompt is there. Any key or tap skips to the end. The screen says the machine is a typical one.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import ContentModel
from .textscreen import Color, TextScreen, attr

MEMORY_STEP_KB = 64
LINE_GAP = 0.25


class BootSequence:
    """A list of timed actions on the text screen; `done` once the last DOS line is printed."""

    def __init__(self, screen: TextScreen, content: ContentModel, lang: str) -> None:
        self.screen = screen
        self.content = content
        self.lang = lang
        self.elapsed = 0.0
        self.done = False
        self._steps: list[tuple[float, Callable[[], None]]] = []
        self._memory_row = 0
        self._memory_from = 0.0
        self._memory_until = 0.0
        self._memory_finished = False
        self._build()

    # --- the script -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        machine, boot = self.content.machine, self.content.boot
        t = 0.0
        self._at(t, self._post_header)
        t += 0.3
        self._memory_from, self._memory_until = t, t + boot.memory_test_seconds
        self._memory_row = len(machine.bios) + 1
        t = self._memory_until
        self._at(t, self._memory_ok)
        row = self._memory_row + 2
        for drive in machine.drives:
            t += LINE_GAP
            self._at(t, self._putter(row, drive.pick(self.lang)))
            row += 1
        t += LINE_GAP
        self._at(t, self._putter(row + 1, machine.label.pick(self.lang), attr(Color.YELLOW)))
        t += boot.pause_after_post
        self._at(t, self._dos_start)
        for line in boot.dos:
            t += line.delay
            self._at(t, self._writer(line.text.pick(self.lang)))
        self._at(t, self._finish)

    def _at(self, when: float, action: Callable[[], None]) -> None:
        self._steps.append((when, action))

    def _post_header(self) -> None:
        screen = self.screen
        screen.clear(attr(Color.LIGHT_GRAY))
        screen.cursor_visible = False
        for row, line in enumerate(self.content.machine.bios):
            screen.put(0, row, line, attr(Color.WHITE) if row == 0 else None)
        hint = self.content.boot.skip_hint.pick(self.lang)
        screen.put(0, screen.rows - 1, hint, attr(Color.DARK_GRAY))
        self._show_memory(0)

    def _show_memory(self, kb: int) -> None:
        self.screen.put(0, self._memory_row, f"Memory Test : {kb:>6}K")

    def _memory_ok(self) -> None:
        self._memory_finished = True
        self._show_memory(self.content.machine.ram_kb)
        self.screen.put(22, self._memory_row, "OK")

    def _putter(self, row: int, text: str, color: int | None = None) -> Callable[[], None]:
        return lambda: self.screen.put(0, row, text, color)

    def _writer(self, text: str) -> Callable[[], None]:
        return lambda: self.screen.writeln(text)

    def _dos_start(self) -> None:
        self.screen.clear(attr(Color.LIGHT_GRAY))
        self.screen.cursor_visible = True

    def _finish(self) -> None:
        self.done = True

    # --- driving ----------------------------------------------------------------------------------------------
    @property
    def total_seconds(self) -> float:
        return self._steps[-1][0]

    def update(self, dt: float) -> None:
        if self.done:
            return
        self.elapsed += max(0.0, dt)
        while self._steps and self._steps[0][0] <= self.elapsed:
            _, action = self._steps.pop(0)
            action()
        if not self._memory_finished and self.elapsed >= self._memory_from:
            span = max(1e-6, self._memory_until - self._memory_from)
            share = min(1.0, (self.elapsed - self._memory_from) / span)
            ram = self.content.machine.ram_kb
            self._show_memory(min(ram, int(ram * share) // MEMORY_STEP_KB * MEMORY_STEP_KB))

    def skip(self) -> None:
        """Jump to the end: every remaining line appears at once, as after a key press."""
        self.update(self.total_seconds - self.elapsed + 1.0)
