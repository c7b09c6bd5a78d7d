"""Gesture layer: raw touch or mouse events in, tap / long-press / drag / fling / pinch out.

One physical tap must arrive once: SDL also synthesizes mouse events for touches (their `touch`
attribute is true), so those are dropped and touch wins. A third simultaneous finger is ignored
(children mash the screen); taps closer together than the debounce time at the same place count once.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

Point = tuple[float, float]


@dataclass(frozen=True)
class PointerDown:
    pos: Point


@dataclass(frozen=True)
class PointerUp:
    pos: Point


@dataclass(frozen=True)
class Tap:
    pos: Point


@dataclass(frozen=True)
class LongPress:
    pos: Point


@dataclass(frozen=True)
class DragStart:
    pos: Point


@dataclass(frozen=True)
class Drag:
    pos: Point
    delta: Point


@dataclass(frozen=True)
class DragEnd:
    pos: Point
    velocity: Point
    """Pixels per second at release (0 when released still)."""


@dataclass(frozen=True)
class Fling:
    pos: Point
    velocity: Point


@dataclass(frozen=True)
class Pinch:
    center: Point
    scale: float
    """Change since the previous Pinch event (multiply your zoom by it)."""
    total: float


@dataclass(frozen=True)
class PinchEnd:
    center: Point


@dataclass(frozen=True)
class KeyPress:
    key: int
    text: str
    mod: int = 0


Gesture = PointerDown | PointerUp | Tap | LongPress | DragStart | Drag | DragEnd | Fling | Pinch | PinchEnd
InputEvent = Gesture | KeyPress

MOUSE_ID = ("mouse", 0)
SDL_MOUSE_TOUCH_ID = -1
"""Touch device id SDL gives the touches it makes from mouse input (SDL_MOUSE_TOUCH_EVENTS=1)."""
TOUCH_SHADOW_S = 0.5


@dataclass(frozen=True)
class RawTouch:
    """One finger (or the left mouse button) as the panel reports it, before any gesture is recognised.

    Only for diagnostics (the installer's multi-touch test): scenes normally take gestures."""

    pointer: object
    kind: str
    """"down", "move" or "up"."""
    pos: Point


def raw_touch(event: pygame.event.Event, to_logical: Callable[[Point], Point],
              window_size: Callable[[], tuple[int, int]]) -> RawTouch | None:
    """The event as a RawTouch, or None; SDL's mouse copies of touches (and touch copies of the mouse) are
    dropped so one finger is one pointer."""
    kinds = {pygame.FINGERDOWN: "down", pygame.FINGERMOTION: "move", pygame.FINGERUP: "up",
             pygame.MOUSEBUTTONDOWN: "down", pygame.MOUSEMOTION: "move", pygame.MOUSEBUTTONUP: "up"}
    kind = kinds.get(event.type)
    if kind is None:
        return None
    if event.type in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
        touch_id = getattr(event, "touch_id", 0)
        if touch_id == SDL_MOUSE_TOUCH_ID:
            return None
        w, h = window_size()
        return RawTouch((touch_id, event.finger_id), kind, to_logical((event.x * w, event.y * h)))
    if getattr(event, "touch", False):
        return None
    if event.type == pygame.MOUSEMOTION:
        if not event.buttons[0]:
            return None
    elif event.button != 1:
        return None
    return RawTouch(MOUSE_ID, kind, to_logical((float(event.pos[0]), float(event.pos[1]))))
"""Mouse events this soon after a finger event belong to that touch and are dropped."""


@dataclass
class _Pointer:
    start: Point
    start_t: float
    pos: Point
    samples: deque[tuple[float, Point]] = field(default_factory=lambda: deque(maxlen=12))
    dragging: bool = False
    long_fired: bool = False
    pinching: bool = False


@dataclass
class GestureSettings:
    slop_px: float = 20.0
    long_press_s: float = 0.6
    fling_min_px_s: float = 300.0
    debounce_s: float = 0.08
    mouse: bool = True
    max_fingers: int = 2


class GestureRecognizer:
    """Feed it pygame events with `feed(event, now)` and call `update(now)` each frame."""

    def __init__(self, settings: GestureSettings, to_logical: Callable[[Point], Point],
                 window_size: Callable[[], tuple[int, int]]) -> None:
        self.s = settings
        self.to_logical = to_logical
        self.window_size = window_size
        self.pointers: dict[tuple[object, int], _Pointer] = {}
        self.ignored: set[tuple[object, int]] = set()
        self._pinch_prev = 0.0
        self._pinch_start = 0.0
        self._last_tap: tuple[float, Point] | None = None
        self.out: list[Gesture] = []
        self.dropped_synthetic = 0
        self._last_finger_t = -1e9

    # -- input -------------------------------------------------------------------------------------
    def feed(self, event: pygame.event.Event, now: float) -> bool:
        """Returns True if the event was a pointer event (used or deliberately dropped)."""
        etype = event.type
        if etype in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            touch_recent = now - self._last_finger_t < TOUCH_SHADOW_S or any(
                pid != MOUSE_ID for pid in self.pointers)
            if getattr(event, "touch", False) or not self.s.mouse or (touch_recent and MOUSE_ID not in self.pointers):
                self.dropped_synthetic += 1
                return True
            if etype != pygame.MOUSEMOTION and event.button != 1:
                return True
            pos = self.to_logical((float(event.pos[0]), float(event.pos[1])))
            if etype == pygame.MOUSEBUTTONDOWN:
                self._down(MOUSE_ID, pos, now)
            elif etype == pygame.MOUSEBUTTONUP:
                self._up(MOUSE_ID, pos, now)
            elif MOUSE_ID in self.pointers:
                self._move(MOUSE_ID, pos, now)
            return True
        if etype in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            w, h = self.window_size()
            pos = self.to_logical((event.x * w, event.y * h))
            pid = (getattr(event, "touch_id", 0), event.finger_id)
            self._last_finger_t = now
            if etype == pygame.FINGERDOWN and MOUSE_ID in self.pointers and pid[0] == SDL_MOUSE_TOUCH_ID:
                self.ignored.add(pid)  # SDL's touch copy of the mouse button already being tracked
                return True
            if etype == pygame.FINGERDOWN:
                self._down(pid, pos, now)
            elif etype == pygame.FINGERUP:
                self._up(pid, pos, now)
            else:
                self._move(pid, pos, now)
            return True
        return False

    def _down(self, pid: tuple[object, int], pos: Point, now: float) -> None:
        if pid in self.pointers:
            return
        if len(self.pointers) >= self.s.max_fingers:
            self.ignored.add(pid)
            return
        pointer = _Pointer(pos, now, pos)
        pointer.samples.append((now, pos))
        self.pointers[pid] = pointer
        if len(self.pointers) == 1:
            self.out.append(PointerDown(pos))
        else:
            for other in self.pointers.values():
                if other.dragging:
                    self.out.append(DragEnd(other.pos, (0.0, 0.0)))
                    other.dragging = False
                other.pinching = True
            self._pinch_prev = self._pinch_start = max(1.0, self._spread())

    def _move(self, pid: tuple[object, int], pos: Point, now: float) -> None:
        if pid in self.ignored:
            return
        pointer = self.pointers.get(pid)
        if pointer is None:
            return
        prev = pointer.pos
        pointer.pos = pos
        pointer.samples.append((now, pos))
        if len(self.pointers) >= 2:
            spread = max(1.0, self._spread())
            factor = spread / self._pinch_prev
            if abs(factor - 1.0) > 1e-4:
                self.out.append(Pinch(self._center(), factor, spread / self._pinch_start))
                self._pinch_prev = spread
            return
        if pointer.pinching or pointer.long_fired:
            return
        if not pointer.dragging and math.dist(pointer.start, pos) > self.s.slop_px:
            pointer.dragging = True
            self.out.append(DragStart(pointer.start))
            prev = pointer.start
        if pointer.dragging:
            self.out.append(Drag(pos, (pos[0] - prev[0], pos[1] - prev[1])))

    def _up(self, pid: tuple[object, int], pos: Point, now: float) -> None:
        if pid in self.ignored:
            self.ignored.discard(pid)
            return
        pointer = self.pointers.pop(pid, None)
        if pointer is None:
            return
        self._outcome(pointer, pos, now)
        if not self.pointers:
            self.out.append(PointerUp(pos))  # always last, so whoever swallows a touch sees its end

    def _outcome(self, pointer: _Pointer, pos: Point, now: float) -> None:
        if pointer.pinching:
            if len(self.pointers) == 1:
                self.out.append(PinchEnd(self._center_of([pointer.pos, *[p.pos for p in self.pointers.values()]])))
            return
        if pointer.dragging:
            if pointer.pos != pos:
                self._move_final(pointer, pos, now)
            velocity = self._velocity(pointer, now)
            speed = math.hypot(*velocity)
            self.out.append(Fling(pos, velocity) if speed >= self.s.fling_min_px_s else DragEnd(pos, velocity))
            return
        if pointer.long_fired:
            return
        last = self._last_tap
        if last and now - last[0] < self.s.debounce_s and math.dist(last[1], pos) < self.s.slop_px * 2:
            return
        self._last_tap = (now, pos)
        self.out.append(Tap(pointer.start))

    def _move_final(self, pointer: _Pointer, pos: Point, now: float) -> None:
        prev = pointer.pos
        pointer.pos = pos
        pointer.samples.append((now, pos))
        self.out.append(Drag(pos, (pos[0] - prev[0], pos[1] - prev[1])))

    # -- time --------------------------------------------------------------------------------------
    def update(self, now: float) -> list[Gesture]:
        """Emit long-presses that became due and return (and clear) the gestures since the last call."""
        if len(self.pointers) == 1:
            pointer = next(iter(self.pointers.values()))
            if (not pointer.dragging and not pointer.long_fired and not pointer.pinching
                    and now - pointer.start_t >= self.s.long_press_s):
                pointer.long_fired = True
                self.out.append(LongPress(pointer.pos))
        out, self.out = self.out, []
        return out

    def hold(self, now: float) -> tuple[Point, float] | None:
        """Position and duration of a single finger held still (for the hidden admin gesture)."""
        if len(self.pointers) != 1:
            return None
        pointer = next(iter(self.pointers.values()))
        if pointer.dragging or pointer.pinching:
            return None
        return pointer.pos, now - pointer.start_t

    def reset(self) -> None:
        self.pointers.clear()
        self.ignored.clear()

    # -- geometry ----------------------------------------------------------------------------------
    def _spread(self) -> float:
        points = [p.pos for p in self.pointers.values()][:2]
        return math.dist(points[0], points[1]) if len(points) == 2 else 0.0

    def _center(self) -> Point:
        return self._center_of([p.pos for p in self.pointers.values()][:2])

    @staticmethod
    def _center_of(points: list[Point]) -> Point:
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))

    @staticmethod
    def _velocity(pointer: _Pointer, now: float) -> Point:
        recent = [(t, p) for t, p in pointer.samples if now - t <= 0.1]
        if len(recent) < 2:
            return (0.0, 0.0)  # the finger rested before lifting: no fling
        (t0, p0), (t1, p1) = recent[0], recent[-1]
        span = max(t1 - t0, 1e-3)
        return ((p1[0] - p0[0]) / span, (p1[1] - p0[1]) / span)
