"""The touch grid of the installer's self-test: tap the ring in every cell; misses, accuracy and latency.

Why: a touch overlay that is mis-calibrated, rotated or dead near an edge shows up as cells that cannot be
hit, taps landing off the rings in one direction (a systematic offset) or slow answers. The grid spans the
whole test area, edges included, because overlays usually fail at the edges first.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

import pygame

Point = tuple[float, float]


@dataclass
class Cell:
    col: int
    row: int
    rect: pygame.Rect
    hit_offset: Point | None = None
    """Where the hit landed relative to the ring centre (px); None until hit."""

    @property
    def name(self) -> str:
        return f"selftest.cell.{self.col}.{self.row}"

    @property
    def centre(self) -> Point:
        return (float(self.rect.centerx), float(self.rect.centery))


@dataclass(frozen=True)
class Miss:
    pos: Point
    offset: Point
    """From the nearest ring centre (px)."""


@dataclass
class TouchGrid:
    """Cells over `area`, each with a ring of `ring_radius` px at its centre."""

    area: pygame.Rect
    cols: int
    rows: int
    ring_radius: int
    px_per_mm: float
    cells: list[Cell] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    """Touch-downs inside the grid but off every ring."""
    latencies_ms: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells = [Cell(c, r, self._cell_rect(c, r)) for r in range(self.rows) for c in range(self.cols)]

    def _cell_rect(self, col: int, row: int) -> pygame.Rect:
        x0 = self.area.x + self.area.width * col // self.cols
        x1 = self.area.x + self.area.width * (col + 1) // self.cols
        y0 = self.area.y + self.area.height * row // self.rows
        y1 = self.area.y + self.area.height * (row + 1) // self.rows
        return pygame.Rect(x0, y0, x1 - x0, y1 - y0)

    # -- input ---------------------------------------------------------------------------------------------
    def touch(self, pos: Point) -> Cell | None:
        """A finger (or the mouse) went down at pos: the cell it hit, or None for a miss or a repeat."""
        if not self.area.collidepoint(pos):
            return None
        nearest = min(self.cells, key=lambda cell: math.dist(cell.centre, pos))
        offset = (pos[0] - nearest.centre[0], pos[1] - nearest.centre[1])
        if math.hypot(*offset) > self.ring_radius:
            self.misses.append(Miss(pos, offset))
            return None
        if nearest.hit_offset is not None:
            return None  # tapped again: neither a new hit nor a miss
        nearest.hit_offset = offset
        return nearest

    def record_latency(self, ms: float) -> None:
        """Time from the touch event reaching the program to the frame that answers it being drawn."""
        self.latencies_ms.append(ms)

    def reset(self) -> None:
        for cell in self.cells:
            cell.hit_offset = None
        self.misses.clear()
        self.latencies_ms.clear()

    # -- results ---------------------------------------------------------------------------------------
    @property
    def done(self) -> int:
        return sum(cell.hit_offset is not None for cell in self.cells)

    @property
    def complete(self) -> bool:
        return self.done == len(self.cells)

    def offsets_mm(self) -> list[Point]:
        """Every touch's distance from the ring it was meant for: hits and misses, in mm."""
        offsets = [cell.hit_offset for cell in self.cells if cell.hit_offset is not None]
        offsets += [miss.offset for miss in self.misses]
        return [(dx / self.px_per_mm, dy / self.px_per_mm) for dx, dy in offsets]

    def summary(self) -> str:
        parts = [f"{self.done}/{len(self.cells)} cells", f"{len(self.misses)} misses"]
        offsets = self.offsets_mm()
        if offsets:
            error = statistics.median(math.hypot(dx, dy) for dx, dy in offsets)
            mean_dx = statistics.fmean(dx for dx, _ in offsets)
            mean_dy = statistics.fmean(dy for _, dy in offsets)
            parts.append(f"off-centre median {error:.1f} mm (mean shift x {mean_dx:+.1f}, y {mean_dy:+.1f} mm)")
        if self.latencies_ms:
            parts.append(f"event-to-screen median {statistics.median(self.latencies_ms):.0f} ms, "
                         f"max {max(self.latencies_ms):.0f} ms")
        return ", ".join(parts)
