"""The visible window onto time: year ↔ pixel mapping, zoom levels, kinetic scrolling and rubber band.

Pure arithmetic with no drawing, so it is easy to test and cheap per frame. A drag moves the view by exactly
the finger's distance; a fling keeps the release velocity and decays exponentially; past either end the view
resists the finger and springs back. Zoom changes pixels-per-year about a screen point (the year under the
pinch centre stays put) and snaps to the nearest of the three levels (decade, year, month) afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .tuning import LEVELS, Tuning


@dataclass
class _Animation:
    seconds: float
    elapsed: float
    from_center: float
    from_ppy: float
    to_center: float
    to_ppy: float
    anchor_x: float | None
    """Zoom animations keep the year under this screen x fixed; None: pan and zoom together."""
    anchor_year: float = 0.0


def _ease_out(t: float) -> float:
    return 1.0 - (1.0 - t) ** 3


class Viewport:
    """Maps years to x pixels across a strip `width` wide; the view centre is at width / 2."""

    OVERLAP = 1.3

    def __init__(self, start_year: float, end_year: float, width: int, level_ppy: dict[str, float],
                 tuning: Tuning, level: str = "decade") -> None:
        self.start = start_year
        self.end = end_year
        self.width = width
        self.level_ppy = dict(level_ppy)
        self.t = tuning
        self.ppy = self.level_ppy[level]
        self.center = start_year + self.half_span()
        self.velocity = 0.0
        """Years per second (positive: the view moves towards later years)."""
        self.dragging = False
        self.end_pad_px = 0.0
        """Extra room after the last year so a card starting there is fully visible."""
        self._anim: _Animation | None = None
        self.center = self.clamp_center(self.center)

    # -- mapping -------------------------------------------------------------------------------------
    def half_span(self, ppy: float | None = None) -> float:
        return self.width / 2.0 / (ppy or self.ppy)

    def x_of(self, year: float) -> float:
        return self.width / 2.0 + (year - self.center) * self.ppy

    def year_at(self, x: float) -> float:
        return self.center + (x - self.width / 2.0) / self.ppy

    @property
    def left_year(self) -> float:
        return self.year_at(0.0)

    @property
    def right_year(self) -> float:
        return self.year_at(float(self.width))

    # -- bounds --------------------------------------------------------------------------------------
    def bounds(self, ppy: float | None = None) -> tuple[float, float]:
        ppy = ppy or self.ppy
        half = self.half_span(ppy)
        low, high = self.start + half, self.end + self.end_pad_px / ppy - half
        if low > high:
            middle = (self.start + self.end + self.end_pad_px / ppy) / 2.0
            return middle, middle
        return low, high

    def clamp_center(self, center: float, ppy: float | None = None) -> float:
        low, high = self.bounds(ppy)
        return min(max(center, low), high)

    def overshoot(self) -> float:
        """Years beyond the nearest end (negative before the start, positive after the end, 0 inside)."""
        low, high = self.bounds()
        if self.center < low:
            return self.center - low
        if self.center > high:
            return self.center - high
        return 0.0

    # -- levels --------------------------------------------------------------------------------------
    def nearest_level(self, ppy: float | None = None) -> str:
        ppy = ppy or self.ppy
        return min(LEVELS, key=lambda name: abs(math.log(ppy / self.level_ppy[name])))

    @property
    def level(self) -> str:
        """The level whose cards are shown: the nearest one whose cards overlap by at most OVERLAP.

        A level's layout keeps its cards apart at its own scale; shown at a smaller scale they overlap and
        many more fit on screen. Switching to the farther level as soon as that happens keeps both the
        picture tidy and the number of cards per frame bounded while zooming out.
        """
        for name in reversed(LEVELS):
            if self.level_ppy[name] <= self.ppy * self.OVERLAP:
                return name
        return LEVELS[0]

    def _index(self, level: str) -> int:
        return LEVELS.index(level)

    # -- input ---------------------------------------------------------------------------------------
    def stop(self) -> None:
        """A finger touched the view: stop any fling or animation right where it is."""
        self.velocity = 0.0
        self._anim = None

    def begin_drag(self) -> None:
        self.stop()
        self.dragging = True

    def drag_by(self, dx_px: float) -> None:
        """Follow the finger: the content moves by exactly dx (with resistance beyond the ends)."""
        delta = -dx_px / self.ppy
        low, high = self.bounds()
        resist = self.t.rubber_band_resistance
        if delta < 0:
            free = max(0.0, min(-delta, self.center - low))
            self.center -= free + (-delta - free) * resist
        elif delta > 0:
            free = max(0.0, min(delta, high - self.center))
            self.center += free + (delta - free) * resist
        limit = self.t.rubber_band_max_screens * self.width / self.ppy
        self.center = min(max(self.center, low - limit), high + limit)

    def end_drag(self, velocity_px_s: float = 0.0) -> None:
        self.dragging = False
        self.velocity = -velocity_px_s / self.ppy

    def zoom_about(self, x: float, factor: float) -> None:
        """Scale about screen x (the year under x stays under x)."""
        self._anim = None
        self.velocity = 0.0
        anchor = self.year_at(x)
        low_ppy = self.level_ppy[LEVELS[0]] / 1.5
        high_ppy = self.level_ppy[LEVELS[-1]] * 1.5
        self.ppy = min(max(self.ppy * factor, low_ppy), high_ppy)
        self.center = anchor - (x - self.width / 2.0) / self.ppy

    def snap_level(self, x: float, start_level: str) -> str:
        """After a pinch: settle on a level (at least one step if the pinch went past the snap ratio)."""
        target = self.nearest_level()
        ratio = self.ppy / self.level_ppy[start_level]
        index = self._index(start_level)
        if target == start_level and ratio > self.t.zoom_snap_ratio:
            target = LEVELS[min(index + 1, len(LEVELS) - 1)]
        elif target == start_level and ratio < 1.0 / self.t.zoom_snap_ratio:
            target = LEVELS[max(index - 1, 0)]
        self.zoom_to(target, x)
        return target

    def zoom_to(self, level: str, x: float | None = None, seconds: float | None = None) -> None:
        """Animate to a level keeping the year under screen x (default: the centre) in place."""
        x = self.width / 2.0 if x is None else x
        to_ppy = self.level_ppy[level]
        anchor = self.year_at(x)
        self.velocity = 0.0
        self._anim = _Animation(self.t.zoom_seconds if seconds is None else seconds, 0.0, self.center, self.ppy,
                                anchor - (x - self.width / 2.0) / to_ppy, to_ppy, x, anchor)
        if self._anim.seconds <= 0:
            self._finish(self._anim)

    def step_level(self, direction: int) -> str:
        """+1: one level nearer (zoom in), -1: one level farther, about the screen centre."""
        index = self._index(self.target_level) + direction
        level = LEVELS[min(max(index, 0), len(LEVELS) - 1)]
        self.zoom_to(level)
        return level

    @property
    def target_center(self) -> float:
        """Where the view is heading (the centre itself when not animating)."""
        return self._anim.to_center if self._anim else self.center

    @property
    def target_level(self) -> str:
        return self.nearest_level(self._anim.to_ppy) if self._anim else self.nearest_level()

    def jump_to(self, year: float, level: str | None = None, seconds: float | None = None) -> None:
        """Animate the view to centre `year` (optionally changing level), kept inside the ends."""
        to_ppy = self.level_ppy[level] if level else self.ppy
        to_center = self.clamp_center(year, to_ppy)
        self.velocity = 0.0
        self._anim = _Animation(self.t.jump_seconds if seconds is None else seconds, 0.0, self.center, self.ppy,
                                to_center, to_ppy, None)
        if self._anim.seconds <= 0:
            self._finish(self._anim)

    @property
    def animating(self) -> bool:
        return self._anim is not None

    @property
    def moving(self) -> bool:
        return bool(self._anim or self.velocity or self.dragging or abs(self.overshoot() * self.ppy) > 0.5)

    # -- time ----------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self._anim is not None:
            self._step_animation(self._anim, dt)
            return
        if self.dragging:
            return
        if self.velocity:
            self.center += self.velocity * dt
            decay = self.t.fling_decay_per_s
            if self.overshoot():
                decay += 4.0 * self.t.spring_per_s  # past an end: the rubber band eats the fling
            self.velocity *= math.exp(-decay * dt)
            if abs(self.velocity * self.ppy) < self.t.stop_speed_px_s:
                self.velocity = 0.0
        over = self.overshoot()
        if over:
            if abs(over * self.ppy) < 0.5:
                self.center -= over
            else:
                self.center -= over * (1.0 - math.exp(-self.t.spring_per_s * dt))

    def _step_animation(self, anim: _Animation, dt: float) -> None:
        anim.elapsed += dt
        if anim.elapsed >= anim.seconds:
            self._finish(anim)
            return
        f = _ease_out(anim.elapsed / anim.seconds)
        self.ppy = math.exp(math.log(anim.from_ppy) + (math.log(anim.to_ppy) - math.log(anim.from_ppy)) * f)
        if anim.anchor_x is not None:
            self.center = anim.anchor_year - (anim.anchor_x - self.width / 2.0) / self.ppy
        else:
            self.center = anim.from_center + (anim.to_center - anim.from_center) * f

    def _finish(self, anim: _Animation) -> None:
        self.ppy, self.center = anim.to_ppy, anim.to_center
        self._anim = None
