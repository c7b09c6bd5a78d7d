"""Program time on the real clock: dt is the whole frame-to-frame interval, so animations keep real speed
even when a frame's work takes longer than the wait (dt used to count only the wait)."""

from __future__ import annotations

import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from kiosk.clock import Clock  # noqa: E402


def test_dt_adds_up_to_the_time_that_passed_with_busy_frames() -> None:
    pygame.init()
    clock = Clock(60, simulated=False)
    clock.tick()
    started = clock.now()
    total = 0.0
    for _ in range(20):
        time.sleep(0.012)  # a frame whose work takes most of the 16.7 ms budget
        total += clock.tick()
    elapsed = clock.now() - started
    assert abs(total - elapsed) < 0.005, (total, elapsed)
    assert total >= 20 * 0.012


def test_simulated_clock_steps_one_frame_per_tick() -> None:
    clock = Clock(50, simulated=True)
    assert [clock.tick() for _ in range(3)] == [0.02, 0.02, 0.02] and abs(clock.now() - 0.06) < 1e-9
