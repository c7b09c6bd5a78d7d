"""What every program of the machine gets and offers: one context in, key/tap/update calls out.

Programs (file manager, editor, game, dialer) draw only on the text screen and are driven by the same key
events a physical keyboard or the on-screen keyboard produces, plus `tap_cell` for touch. When a program sets
`finished`, the machine returns to the prompt; `opens` asks the machine to start another program instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .keyboard import KeyEvent
from .model import ContentModel
from .textscreen import TextScreen
from .vfs import VirtualFS


@dataclass
class ProgramContext:
    screen: TextScreen
    vfs: VirtualFS
    content: ContentModel
    lang: str
    now: Callable[[], dt.datetime]
    sounds: list[str] = field(default_factory=list)

    def t(self, key: str, **values: object) -> str:
        return str(getattr(self.content.texts, key).pick(self.lang)).format(**values)

    def labels(self, key: str) -> list[str]:
        """A '|'-separated text as a list (F-key bars, column titles)."""
        return self.t(key).split("|")


@dataclass(frozen=True)
class OpenRequest:
    """A program asks the machine to run another one (the file manager opening the editor)."""

    program: str
    file: str | None = None


class Program:
    """Base class: a program that does nothing until it is told to finish."""

    keyset = "shell"

    def __init__(self, ctx: ProgramContext, file: str | None = None) -> None:
        self.ctx = ctx
        self.file = file
        self.finished = False
        self.exit_message: str | None = None
        self.opens: OpenRequest | None = None

    @property
    def screen(self) -> TextScreen:
        return self.ctx.screen

    def start(self) -> None:
        """Draw the first screen."""

    def handle_key(self, event: KeyEvent) -> None:
        if event.key == "ESC":
            self.finished = True

    def tap_cell(self, col: int, row: int, double: bool = False) -> None:
        """A touch on a character cell; `double` when the same cell was tapped twice quickly."""

    def update(self, dt: float) -> None:
        """Advance time-driven behaviour (falling pieces, modem sounds)."""

    def resume(self) -> None:
        """Redraw after another program that this one opened has finished."""
        self.start()


def fkey_bar(screen: TextScreen, row: int, labels: list[str], number_color: int, label_color: int) -> list[
        tuple[int, int, str]]:
    """Draw a '1Help 2Save ... 10Quit' bar across the row; returns (start col, end col, key) for taps."""
    width = screen.cols // 10
    spans: list[tuple[int, int, str]] = []
    screen.put(0, row, " " * screen.cols, label_color)
    for index in range(10):
        number = str(index + 1)
        label = labels[index] if index < len(labels) else ""
        col = index * width
        screen.put(col, row, number, number_color)
        screen.put(col + len(number), row, label[:width - len(number)].ljust(width - len(number)), label_color)
        spans.append((col, col + width, f"F{index + 1}"))
    return spans
