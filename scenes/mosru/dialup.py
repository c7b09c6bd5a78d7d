"""Dial-up connection as a pure model on a simulated clock: a handshake in named stages, then pages that
arrive at the modem's speed (time = bytes × 8 ÷ (bits per second × efficiency)), and Skip.

No pygame and no wall clock here: the scene calls `update(dt)` every frame, tests call it with any dt, and
both see the same numbers. Speeds, the efficiency factor and the handshake stages come from mosru.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Phase = Literal["idle", "handshake", "transfer", "done"]


def transfer_seconds(n_bytes: int, bits_per_second: float, efficiency: float = 1.0) -> float:
    """Seconds to move `n_bytes` over a line of `bits_per_second` (efficiency 1.0 = the nominal rate)."""
    if bits_per_second <= 0 or efficiency <= 0:
        raise ValueError("speed and efficiency must be positive")
    return n_bytes * 8 / (bits_per_second * efficiency)


@dataclass
class Transfer:
    """One page on its way: progress over simulated time; `skip()` delivers the rest at once."""

    n_bytes: int
    bits_per_second: float
    efficiency: float = 1.0
    elapsed: float = 0.0
    skipped: bool = False

    @property
    def duration(self) -> float:
        return transfer_seconds(self.n_bytes, self.bits_per_second, self.efficiency)

    @property
    def fraction(self) -> float:
        if self.skipped or self.duration <= 0:
            return 1.0
        return min(1.0, self.elapsed / self.duration)

    @property
    def bytes_received(self) -> int:
        return int(self.n_bytes * self.fraction)

    @property
    def remaining_seconds(self) -> float:
        return 0.0 if self.done else max(0.0, self.duration - self.elapsed)

    @property
    def done(self) -> bool:
        return self.fraction >= 1.0

    def update(self, dt: float) -> float:
        """Advance by dt seconds; returns the time left over after the transfer finished (for chaining)."""
        if self.done:
            return max(0.0, dt)
        left = self.duration - self.elapsed
        self.elapsed += max(0.0, dt)
        return max(0.0, dt - left) if self.elapsed >= self.duration else 0.0

    def skip(self) -> None:
        self.skipped = True


@dataclass
class ModemLink:
    """The connection: `connect()` runs the handshake stages once, `request(bytes)` loads a page.

    A page requested before the handshake finishes starts right after it. Skip finishes whatever is
    running (the handshake and the current page).
    """

    bits_per_second: float
    stages: Sequence[tuple[str, float]] = (("dial", 1.5), ("ring", 1.0), ("answer", 1.0), ("negotiate", 2.0))
    efficiency: float = 1.0
    handshake_elapsed: float = 0.0
    connected: bool = False
    dialling: bool = False
    transfer: Transfer | None = None
    _pending: int | None = field(default=None, repr=False)

    @property
    def handshake_seconds(self) -> float:
        return sum(seconds for _, seconds in self.stages)

    @property
    def phase(self) -> Phase:
        if self.dialling:
            return "handshake"
        if self.transfer is not None and not self.transfer.done:
            return "transfer"
        return "done" if self.connected and self.transfer is not None else "idle"

    @property
    def stage(self) -> str | None:
        """Name of the handshake stage now playing (for the dialog text), None when not dialling."""
        if not self.dialling:
            return None
        start = 0.0
        for name, seconds in self.stages:
            if self.handshake_elapsed < start + seconds:
                return name
            start += seconds
        return self.stages[-1][0] if self.stages else None

    @property
    def handshake_fraction(self) -> float:
        if self.connected:
            return 1.0
        total = self.handshake_seconds
        return min(1.0, self.handshake_elapsed / total) if total > 0 else 0.0

    @property
    def fraction(self) -> float:
        """Progress of the current page (0 while dialling)."""
        return self.transfer.fraction if self.transfer is not None else 0.0

    def connect(self) -> None:
        if not self.connected and not self.dialling:
            self.dialling = True
            self.handshake_elapsed = 0.0
            if self.handshake_seconds <= 0:
                self._finish_handshake()

    def request(self, n_bytes: int) -> None:
        """Start loading a page of `n_bytes` (dials first if needed); a running page is abandoned."""
        if self.connected:
            self.transfer = Transfer(max(1, n_bytes), self.bits_per_second, self.efficiency)
        else:
            self._pending = max(1, n_bytes)
            self.connect()

    def update(self, dt: float) -> None:
        dt = max(0.0, dt)
        if self.dialling:
            left = self.handshake_seconds - self.handshake_elapsed
            self.handshake_elapsed += dt
            if self.handshake_elapsed < self.handshake_seconds:
                return
            dt -= left
            self._finish_handshake()
        if self.transfer is not None:
            self.transfer.update(dt)

    def skip(self) -> None:
        if self.dialling:
            self._finish_handshake()
        if self.transfer is not None:
            self.transfer.skip()

    def cancel(self) -> None:
        """Drop the page on its way (the browser went to a page it already has); the line stays up."""
        self.transfer = None
        self._pending = None

    def hang_up(self) -> None:
        self.connected = self.dialling = False
        self.transfer = None
        self._pending = None
        self.handshake_elapsed = 0.0

    def _finish_handshake(self) -> None:
        self.dialling = False
        self.connected = True
        self.handshake_elapsed = self.handshake_seconds
        if self._pending is not None:
            self.transfer = Transfer(self._pending, self.bits_per_second, self.efficiency)
            self._pending = None


def format_duration(seconds: float, lang: str, units: Mapping[str, str]) -> str:
    """'2,4 с' / '2.4 s', '1 мин 05 с', '3 мс'. `units` holds templates 'ms', 's', 'min' from YAML with {n}
    (and {m}, {s} for 'min'); Russian uses a decimal comma."""
    def number(value: float, digits: int) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if lang == "ru" else text

    if seconds < 1.0:
        millis = seconds * 1000
        if millis < 1:
            return units["ms"].format(n=number(millis, 2 if millis >= 0.01 else 3))
        return units["ms"].format(n=number(millis, 0 if millis >= 10 else 1))
    if seconds < 60:
        return units["s"].format(n=number(seconds, 0 if seconds >= 10 else 1))
    whole = round(seconds)
    return units["min"].format(m=whole // 60, s=f"{whole % 60:02d}")
