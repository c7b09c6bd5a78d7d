"""Swipeable pages (history screens, the decisions gallery): the finger drags the page, a release past a
threshold or a fling turns it, buttons slide it in; pure numbers, so it is tested without a window.

`offset` is where the current page is drawn, in pixels from its resting place (negative: moved left); the
neighbours are drawn one page width to either side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SETTLE_PER_S = 14.0
"""How fast a page slides home after a release (exponential approach rate)."""
TURN_FRACTION = 0.18
"""A drag farther than this share of the page width turns the page."""
FLING_PX_S = 600.0
"""A release faster than this (horizontally) turns the page whatever the distance."""
EDGE_RESISTANCE = 0.35
"""Past the first or last page the page follows the finger this much."""


@dataclass
class Pager:
    count: int
    index: int = 0
    offset: float = 0.0
    dragging: bool = False

    def clamp(self) -> None:
        self.count = max(1, self.count)
        self.index = min(max(0, self.index), self.count - 1)

    def go(self, delta: int, width: float) -> bool:
        """Next (+1) or previous (-1) page with a slide; False at the ends."""
        target = self.index + delta
        if not 0 <= target < self.count:
            return False
        self.index = target
        self.offset += width * delta
        return True

    def jump(self, index: int, width: float) -> bool:
        if not 0 <= index < self.count or index == self.index:
            return False
        direction = 1 if index > self.index else -1
        self.index = index
        self.offset = width * direction
        return True

    def drag(self, dx: float) -> None:
        self.dragging = True
        at_edge = (self.index == 0 and self.offset + dx > 0) or (self.index == self.count - 1
                                                                  and self.offset + dx < 0)
        self.offset += dx * (EDGE_RESISTANCE if at_edge else 1.0)

    def release(self, velocity_x: float, width: float) -> int:
        """End of a drag: turn the page if it went far or fast enough; returns the change (-1, 0, +1)."""
        self.dragging = False
        if self.offset <= -width * TURN_FRACTION or velocity_x <= -FLING_PX_S:
            return 1 if self.go(1, width) else 0
        if self.offset >= width * TURN_FRACTION or velocity_x >= FLING_PX_S:
            return -1 if self.go(-1, width) else 0
        return 0

    def update(self, dt: float) -> None:
        if self.dragging or self.offset == 0.0:
            return
        self.offset *= math.exp(-SETTLE_PER_S * dt)
        if abs(self.offset) < 0.5:
            self.offset = 0.0

    @property
    def moving(self) -> bool:
        return self.dragging or self.offset != 0.0
