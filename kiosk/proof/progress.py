"""Progress of a long proof run on the terminal: one line that updates itself on a terminal, one line per
step otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    """progress(label, done, total): 'export 1920x1080 ru timeline  45/215  0:12'."""

    def __init__(self, prefix: str, stream: TextIO | None = None) -> None:
        self.prefix = prefix
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_label = ""
        self._width = 0

    def __call__(self, label: str, done: int, total: int) -> None:
        elapsed = int(time.monotonic() - self.started)
        line = f"{self.prefix} {label} {done}/{total}  {elapsed // 60}:{elapsed % 60:02d}"
        if self.tty:
            self.stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
            self.stream.flush()
        elif label != self._last_label:
            self.stream.write(line + "\n")
            self.stream.flush()
        self._last_label = label

    def finish(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
