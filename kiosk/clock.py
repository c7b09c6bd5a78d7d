"""Program time: real (wall clock, frame-capped) or simulated (headless runs advance 1/fps a frame).

Everything that measures time in the kiosk asks this clock, so headless tests are deterministic.
"""

from __future__ import annotations

import time

import pygame


class Clock:
    def __init__(self, fps: int, simulated: bool) -> None:
        self.fps = fps
        self.simulated = simulated
        self._now = 0.0
        self._start = time.perf_counter()
        self._pg_clock = pygame.time.Clock()
        self._last_tick = 0.0

    def now(self) -> float:
        """Seconds since the program started (program time)."""
        return self._now if self.simulated else time.perf_counter() - self._start

    def tick(self) -> float:
        """Wait for the next frame and return dt in seconds (capped so a stall doesn't jump animations)."""
        if self.simulated:
            dt = 1.0 / self.fps
            self._now += dt
            return dt
        self._pg_clock.tick(self.fps)
        now = self.now()
        dt, self._last_tick = now - self._last_tick, now  # frame to frame, work included, not just the wait
        return min(dt, 0.1)
