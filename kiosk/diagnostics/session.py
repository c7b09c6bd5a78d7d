"""What one self-test run found: the quick checks, the touch grid, multi-touch, the tone, the display.

Why: the screen fills it in while the installer works through the tabs; the `selftest` command reads it
back afterwards to print the same `ok`/`FAIL` lines as `--quick` and write them into the report file.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.diagnostics.fingers import FingerTracker
from kiosk.diagnostics.touch_grid import TouchGrid
from kiosk.ops.selfchecks import Check

MAX_SHIFT_MM = 5.0
"""A mean shift larger than this means the touch overlay needs calibrating (or --rotate is wrong)."""


@dataclass
class SelftestSession:
    quick: list[Check] = field(default_factory=list)
    on_finish: Callable[[], None] = lambda: None
    """Called by "save and exit": the command stops the app and writes the report."""
    grid: TouchGrid | None = None
    fingers: FingerTracker = field(default_factory=FingerTracker)
    sound: str = "untested"
    """untested | heard | not_heard | no_device | muted | headless"""
    display: str = ""
    frame_s: deque[float] = field(default_factory=lambda: deque(maxlen=240))
    target_fps: int = 60
    finished: bool = False

    def measured_fps(self) -> float:
        if not self.frame_s:
            return 0.0
        return 1.0 / max(1e-6, statistics.fmean(self.frame_s))

    def interactive_checks(self) -> list[Check]:
        return [self._touch_check(), Check("multi-touch", self.fingers.ok, self.fingers.summary()),
                self._sound_check(), self._display_check()]

    def checks(self) -> list[Check]:
        return [*self.quick, *self.interactive_checks()]

    def _touch_check(self) -> Check:
        grid = self.grid
        if grid is None:
            return Check("touch grid", False, "not started")
        offsets = grid.offsets_mm()
        shift = math.hypot(statistics.fmean(x for x, _ in offsets), statistics.fmean(y for _, y in offsets)) \
            if offsets else 0.0
        if not grid.complete:
            return Check("touch grid", False, f"not finished: {grid.summary()}")
        if shift > MAX_SHIFT_MM:
            return Check("touch grid", False, f"touches land {shift:.1f} mm off target on average: calibrate the "
                         f"touch overlay or check --rotate; {grid.summary()}")
        return Check("touch grid", True, grid.summary())

    def _sound_check(self) -> Check:
        details = {"heard": (True, "the test tone was heard"),
                   "muted": (True, "muted in config (sound: enabled: false): not tested"),
                   "not_heard": (False, "the test tone was NOT heard: check speakers, cable and volume"),
                   "no_device": (False, "no audio device: check the cable and the driver"),
                   "headless": (False, "not tested: a headless run has no sound"),
                   "untested": (False, "not tested")}
        ok, detail = details[self.sound]
        return Check("sound", ok, detail)

    def _display_check(self) -> Check:
        fps = self.measured_fps()
        ok = fps >= 0.8 * self.target_fps
        detail = f"{self.display}, measured {fps:.0f} fps (cap {self.target_fps})"
        return Check("screen", ok, detail if ok else f"{detail}: too slow, see docs/operations.md")
