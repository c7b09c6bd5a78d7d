"""A monkey visitor: random touches at human pace and in 20-per-second bursts, posted as real FINGER events.

Why: the kiosk runs 12 hours a day with children pressing everything at once. The monkey drives the real
App through SDL's event queue (the same path as a finger on the glass), so gestures, overlays, scenes and the
router all see what they would see in the pavilion. Everything it does comes from one seeded
`random.Random`: the same seed against the same code replays the same run.

What it does (weights in `HUMAN_WEIGHTS`): taps on real targets (`app.all_targets()`) and anywhere, drags,
flings, pinches, long presses, mashes of 3–10 fingers (the engine tracks two and must ignore the rest),
language switches, scene opens (the deep link a timeline card's "open" button uses) and closes (the
scenes' own exit buttons), and idle gaps long enough for the "are you still there?" countdown and for the
full reset into the attract tour. The admin corner is never held for 5 s (the admin overlay has its own
tests; a monkey typing PINs would only lock it).
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

Point = tuple[float, float]

HUMAN_WEIGHTS: dict[str, float] = {
    "tap_target": 38, "tap_anywhere": 10, "drag": 10, "fling": 10, "pinch": 7, "long_press": 3,
    "mash": 5, "lang": 5, "open_scene": 6, "close_scene": 6,
}
"""Relative frequency of each action at human pace."""
BURST_WEIGHTS: dict[str, float] = {
    "tap_target": 30, "tap_anywhere": 35, "fling": 15, "drag": 5, "mash": 10, "lang": 5,
}
"""In a burst (20 actions a second, overlapping) a child slaps the glass: short gestures only."""
BURST_RATE_HZ = 20.0
MAX_FINGERS = 10
EXIT_SUFFIXES = (".exit", ".close", ".back")


@dataclass
class Pace:
    """How the visitor's time is split. Seconds are program time."""

    human_gap_s: tuple[float, float] = (0.3, 2.5)
    """Pause between gestures at human pace."""
    human_stretch_s: tuple[float, float] = (8.0, 40.0)
    burst_stretch_s: tuple[float, float] = (2.0, 8.0)
    burst_share: float = 0.5
    """Chance that a burst (20 actions a second) follows a stretch at human pace."""
    scene_dwell_s: tuple[float, float] = (15.0, 60.0)
    """How long a visitor stays in a scene opened from the timeline before leaving with its exit button."""
    idle_seconds: float = 90.0
    countdown_seconds: float = 10.0
    idle_every_s: tuple[float, float] | None = None
    """Activity between two idle gaps (default: 1–3 × idle_seconds)."""

    def between_idle_gaps(self) -> tuple[float, float]:
        return self.idle_every_s or (1.0 * self.idle_seconds, 3.0 * self.idle_seconds)


class Monkey:
    """Call `tick(now)` before every frame: posts due events and starts new actions."""

    def __init__(self, app: Any, seed: int, pace: Pace | None = None) -> None:
        self.app = app
        self.seed = seed
        self.rng = random.Random(seed)
        self.pace = pace or Pace(idle_seconds=app.config.idle.idle_seconds,
                                 countdown_seconds=app.config.idle.countdown_seconds)
        self.actions: Counter[str] = Counter()
        """Actions started, by kind."""
        self.events: Counter[str] = Counter()
        """Raw SDL events posted, by type (fingerdown, fingermotion, fingerup)."""
        self.idle_gaps: list[dict[str, Any]] = []
        self._queue: list[tuple[float, int, pygame.event.Event]] = []
        self._order = itertools.count()
        self._finger_ids = itertools.count(1)
        self._next_action = 0.0
        self._stretch_end = 0.0
        self._burst = False
        self._next_idle = 0.0
        self._scene_links = self._linked_scenes()
        self._started = False
        self._scene_since = 0.0
        self._scene_seen = ""
        self._dwell = 0.0
        self.burst_s = 0.0
        """Program seconds spent in bursts."""
        self.bursts = 0

    # -- the clock -------------------------------------------------------------------------------------
    def tick(self, now: float, act: bool = True) -> None:
        """Post the events due by `now`; with `act`, start the next action when it is time."""
        if not self._started:
            self._started = True
            self._next_idle = now + self.rng.uniform(*self.pace.between_idle_gaps())
            self._new_stretch(now, burst=False)
        while self._queue and self._queue[0][0] <= now + 1e-9:
            _, _, event = heapq.heappop(self._queue)
            pygame.event.post(event)
            self.events[pygame.event.event_name(event.type).lower()] += 1
        scene = self.app.scene_name()
        if scene != self._scene_seen:
            self._scene_seen, self._scene_since = scene, now
            self._dwell = self.rng.uniform(*self.pace.scene_dwell_s)
        if not act or now < self._next_action:
            return
        if now >= self._next_idle and not self._queue:
            self._idle_gap(now)
            return
        if now >= self._stretch_end:
            self._new_stretch(now, burst=not self._burst and self.rng.random() < self.pace.burst_share)
        kind = self._choose(BURST_WEIGHTS if self._burst else HUMAN_WEIGHTS)
        if scene != self.app.router.home and now - self._scene_since > self._dwell and not self._burst:
            kind = "close_scene"  # this visitor has seen enough of the scene
        busy_until = getattr(self, f"_do_{kind}")(now)
        self.actions[kind] += 1
        if self._burst:
            self._next_action = now + 1.0 / BURST_RATE_HZ
        else:
            self._next_action = max(now, busy_until) + self.rng.uniform(*self.pace.human_gap_s)

    def defer_idle(self, now: float) -> None:
        """No idle gap before the next stretch of activity (the warm-up tour keeps the visitor busy)."""
        if self._started and self._next_idle <= now + 1.0:
            self._next_idle = now + 1.0

    def drain(self, app: Any) -> None:
        """Run frames until every scheduled event was posted (all fingers lifted); starts nothing new."""
        while self._queue and app.running:
            self.tick(app.clock.now(), act=False)
            app.frame(app.clock.tick())

    # -- choosing ---------------------------------------------------------------------------------------
    def _choose(self, weights: dict[str, float]) -> str:
        kinds = list(weights)
        return self.rng.choices(kinds, weights=[weights[k] for k in kinds])[0]

    def _new_stretch(self, now: float, burst: bool) -> None:
        self._burst = burst
        span = self.pace.burst_stretch_s if burst else self.pace.human_stretch_s
        self._stretch_end = now + self.rng.uniform(*span)
        if burst:
            self.burst_s += self._stretch_end - now
            self.bursts += 1

    def _idle_gap(self, now: float) -> None:
        """Hands off the glass: a short pause, into the countdown (then touch again), or past the reset."""
        idle, countdown = self.pace.idle_seconds, self.pace.countdown_seconds
        kind = self._choose({"pause": 1, "countdown": 1, "reset": 2})
        if kind == "pause":
            length = self.rng.uniform(5.0, max(6.0, idle * 0.5))
        elif kind == "countdown":
            length = idle + self.rng.uniform(0.2, 0.8) * countdown
        else:
            length = idle + countdown + self.rng.uniform(2.0, 2.0 + 0.3 * idle)  # then the attract tour runs
        self.idle_gaps.append({"at_s": round(now, 2), "kind": kind, "seconds": round(length, 2)})
        self._next_action = now + length
        self._next_idle = self._next_action + self.rng.uniform(*self.pace.between_idle_gaps())
        self._burst = False
        self._stretch_end = self._next_action + self.rng.uniform(*self.pace.human_stretch_s)

    # -- geometry -----------------------------------------------------------------------------------------
    def _size(self) -> tuple[int, int]:
        return self.app.layout.width, self.app.layout.height

    def _anywhere(self) -> Point:
        w, h = self._size()
        return (self.rng.uniform(0, w - 1), self.rng.uniform(0, h - 1))

    def _inside(self, rect: pygame.Rect) -> Point:
        """A point inside a target, usually near its centre (fingers are not precise)."""
        jitter = self.rng.uniform(0.0, 0.4)
        return (rect.centerx + self.rng.uniform(-jitter, jitter) * rect.width,
                rect.centery + self.rng.uniform(-jitter, jitter) * rect.height)

    def _targets(self, accept: Callable[[str], bool] = lambda _name: True) -> list[Any]:
        return [t for t in self.app.all_targets() if accept(t.name) and t.rect.width > 0 and t.rect.height > 0]

    # -- events -------------------------------------------------------------------------------------------
    def _finger(self, etype: int, finger: int, at: float, point: Point) -> None:
        px, py = self.app.display.to_physical(point)
        w, h = self.app.display.physical_size
        event = pygame.event.Event(etype, touch_id=1, finger_id=finger, x=min(max(px / w, 0.0), 1.0),
                                   y=min(max(py / h, 0.0), 1.0), dx=0.0, dy=0.0, pressure=1.0)
        heapq.heappush(self._queue, (at, next(self._order), event))

    def _press(self, now: float, point: Point, hold_s: float) -> float:
        finger = next(self._finger_ids)
        self._finger(pygame.FINGERDOWN, finger, now, point)
        self._finger(pygame.FINGERUP, finger, now + hold_s, point)
        return now + hold_s

    def _path(self, now: float, start: Point, end: Point, seconds: float, rest_s: float = 0.0) -> float:
        finger = next(self._finger_ids)
        self._finger(pygame.FINGERDOWN, finger, now, start)
        steps = max(2, round(seconds * 60))
        for i in range(1, steps + 1):
            f = i / steps
            self._finger(pygame.FINGERMOTION, finger, now + seconds * f,
                         (start[0] + (end[0] - start[0]) * f, start[1] + (end[1] - start[1]) * f))
        self._finger(pygame.FINGERUP, finger, now + seconds + rest_s, end)
        return now + seconds + rest_s

    # -- actions (each returns when its fingers are off the glass) -------------------------------------
    def _do_tap_target(self, now: float) -> float:
        targets = self._targets(lambda name: name != "lang")
        if not targets:
            return self._do_tap_anywhere(now)
        return self._press(now, self._inside(self.rng.choice(targets).rect), self.rng.uniform(0.03, 0.15))

    def _do_tap_anywhere(self, now: float) -> float:
        return self._press(now, self._anywhere(), self.rng.uniform(0.03, 0.15))

    def _do_long_press(self, now: float) -> float:
        w, h = self._size()
        x, y = self._anywhere()
        corner = min(w, h) * 0.15  # keep clear of the admin corner: a 5 s hold there opens the PIN pad
        if x < corner and y > h - corner:
            x += corner
        return self._press(now, (x, y), self.rng.uniform(0.7, 1.6))

    def _do_drag(self, now: float) -> float:
        start = self._anywhere()
        angle = self.rng.uniform(0, 2 * math.pi)
        length = self.rng.uniform(40, 700)
        end = (start[0] + math.cos(angle) * length, start[1] + math.sin(angle) * length)
        return self._path(now, start, end, self.rng.uniform(0.3, 1.2), rest_s=self.rng.choice([0.0, 0.2]))

    def _do_fling(self, now: float) -> float:
        w, h = self._size()
        y = self.rng.uniform(h * 0.15, h * 0.85)
        left, right = (w * self.rng.uniform(0.05, 0.3), y), (w * self.rng.uniform(0.7, 0.95), y)
        start, end = (left, right) if self.rng.random() < 0.5 else (right, left)
        if self.rng.random() < 0.2:  # sometimes vertical (lists, pages)
            x = self.rng.uniform(w * 0.1, w * 0.9)
            start, end = (x, h * 0.8), (x, h * 0.2)
            if self.rng.random() < 0.5:
                start, end = end, start
        return self._path(now, start, end, self.rng.uniform(0.06, 0.2))

    def _do_pinch(self, now: float) -> float:
        w, h = self._size()
        cx, cy = self.rng.uniform(w * 0.2, w * 0.8), self.rng.uniform(h * 0.2, h * 0.8)
        d0, d1 = self.rng.uniform(80, 300), self.rng.uniform(80, 700)
        if self.rng.random() < 0.5:
            d0, d1 = d1, d0
        seconds = self.rng.uniform(0.2, 0.8)
        a, b = next(self._finger_ids), next(self._finger_ids)
        self._finger(pygame.FINGERDOWN, a, now, (cx - d0 / 2, cy))
        self._finger(pygame.FINGERDOWN, b, now, (cx + d0 / 2, cy))
        steps = max(2, round(seconds * 60))
        for i in range(1, steps + 1):
            d, t = d0 + (d1 - d0) * i / steps, now + seconds * i / steps
            self._finger(pygame.FINGERMOTION, a, t, (cx - d / 2, cy))
            self._finger(pygame.FINGERMOTION, b, t, (cx + d / 2, cy))
        lift = now + seconds + self.rng.uniform(0.0, 0.1)
        self._finger(pygame.FINGERUP, a, lift, (cx - d1 / 2, cy))
        self._finger(pygame.FINGERUP, b, lift + self.rng.uniform(0.0, 0.1), (cx + d1 / 2, cy))
        return lift + 0.1

    def _do_mash(self, now: float) -> float:
        """3–10 fingers land within 0.2 s, wiggle, and leave in any order (the palm of a hand)."""
        count = self.rng.randint(3, MAX_FINGERS)
        end = now
        for _ in range(count):
            finger = next(self._finger_ids)
            down = now + self.rng.uniform(0.0, 0.2)
            point = self._anywhere()
            self._finger(pygame.FINGERDOWN, finger, down, point)
            for step in range(self.rng.randint(0, 4)):
                point = (point[0] + self.rng.uniform(-60, 60), point[1] + self.rng.uniform(-60, 60))
                self._finger(pygame.FINGERMOTION, finger, down + 0.03 * (step + 1), point)
            up = down + self.rng.uniform(0.1, 0.9)
            self._finger(pygame.FINGERUP, finger, up, point)
            end = max(end, up)
        return end

    def _do_lang(self, now: float) -> float:
        rect = self.app.find_target("lang")
        if rect is None:
            return self._do_tap_anywhere(now)
        return self._press(now, self._inside(rect), 0.06)

    def _do_open_scene(self, now: float) -> float:
        """What a timeline card's "open" button does (router.push(scene, {"event": id})), from the home scene
        only, as a visitor would; elsewhere a random target tap instead."""
        router = self.app.router
        if not self._scene_links or len(router.stack) != 1 or router.pending or self.app.scene_name() != router.home:
            return self._do_tap_target(now)
        scene, event_id = self.rng.choice(self._scene_links)
        router.push(scene, {"event": event_id})
        return now + 0.3

    def _do_close_scene(self, now: float) -> float:
        exits = self._targets(lambda name: name.endswith(EXIT_SUFFIXES))
        if not exits:
            return self._do_tap_target(now)
        return self._press(now, self._inside(self.rng.choice(exits).rect), 0.06)

    def _linked_scenes(self) -> list[tuple[str, str]]:
        """(scene, event id) for every timeline event with an "open" button to an available scene."""
        timeline = self.app.content.get("timeline.yaml")
        events = getattr(timeline, "events", None) or []
        return [(e.scene, e.id) for e in events if e.scene and self.app.router.available(e.scene)]

    def scene_links(self) -> list[tuple[str, str]]:
        return list(self._scene_links)

    def linked_scene_names(self) -> set[str]:
        return {scene for scene, _ in self._scene_links}
