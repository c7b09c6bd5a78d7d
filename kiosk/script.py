"""Scripted visitor: YAML steps turned into real input events on the program's own event queue.

Tests and the headless attract tour use this path, so they exercise exactly what a visitor's finger
does. Steps: tap [x, y] | tap {target: NAME}, click [x, y] (mouse), swipe {from, to, ms},
pinch {center, from, to, ms}, wait SECONDS, key NAME, screenshot NAME, expect_scene NAME,
expect_lang ru|en.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import yaml

Point = tuple[float, float]
STEP_KINDS = ("tap", "click", "swipe", "pinch", "wait", "key", "screenshot", "expect_scene", "expect_lang")


class ScriptError(Exception):
    pass


def load_script(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read the script: {exc}") from None
    steps = data.get("steps") if isinstance(data, dict) else data
    return parse_steps(steps, str(path))


def parse_steps(steps: Any, where: str = "script") -> list[dict[str, Any]]:
    if not isinstance(steps, list):
        raise ScriptError(f"{where}: a script is a list of steps like '- tap: [100, 200]'")
    for index, step in enumerate(steps):
        if not isinstance(step, dict) or len(step) != 1 or next(iter(step)) not in STEP_KINDS:
            raise ScriptError(f"{where}: step {index + 1} must be one of {', '.join(STEP_KINDS)}; got {step!r}")
    return steps


@dataclass
class ScriptHooks:
    now: Callable[[], float]
    find_target: Callable[[str], pygame.Rect | None]
    to_physical: Callable[[Point], Point]
    physical_size: Callable[[], tuple[int, int]]
    scene_name: Callable[[], str]
    lang: Callable[[], str]
    screenshot: Callable[[str], None]


@dataclass
class ScriptRunner:
    steps: list[dict[str, Any]]
    hooks: ScriptHooks
    failures: list[str] = field(default_factory=list)
    index: int = 0
    wait_until: float = 0.0
    _events: list[tuple[float, pygame.event.Event]] = field(default_factory=list)
    _finger: int = 0

    @property
    def done(self) -> bool:
        return self.index >= len(self.steps) and not self._events and self.hooks.now() >= self.wait_until

    def tick(self) -> None:
        """Post due events; run steps until one needs time to pass."""
        now = self.hooks.now()
        while self._events and self._events[0][0] <= now + 1e-9:
            pygame.event.post(self._events.pop(0)[1])
        while not self._events and now >= self.wait_until and self.index < len(self.steps):
            step = self.steps[self.index]
            self.index += 1
            kind, arg = next(iter(step.items()))
            try:
                getattr(self, f"_step_{kind}")(arg, now)
            except (ScriptError, TypeError, ValueError, KeyError, IndexError) as exc:
                self.failures.append(f"step {self.index} ({kind}): {exc}")
            if self._events and self._events[0][0] <= now + 1e-9:
                pygame.event.post(self._events.pop(0)[1])

    # -- helpers -----------------------------------------------------------------------------------
    def _point(self, arg: Any) -> Point:
        if isinstance(arg, dict) and "target" in arg:
            rect = self.hooks.find_target(str(arg["target"]))
            if rect is None:
                raise ScriptError(f"no target named '{arg['target']}' on screen")
            return (float(rect.centerx), float(rect.centery))
        x, y = arg
        return (float(x), float(y))

    def _norm(self, point: Point) -> Point:
        px, py = self.hooks.to_physical(point)
        w, h = self.hooks.physical_size()
        return (min(max(px / w, 0.0), 1.0), min(max(py / h, 0.0), 1.0))

    def _finger_event(self, etype: int, finger: int, point: Point) -> pygame.event.Event:
        x, y = self._norm(point)
        return pygame.event.Event(etype, touch_id=1, finger_id=finger, x=x, y=y, dx=0.0, dy=0.0, pressure=1.0)

    def _new_finger(self) -> int:
        self._finger += 1
        return self._finger

    def _schedule(self, at: float, event: pygame.event.Event) -> None:
        self._events.append((at, event))
        self._events.sort(key=lambda item: item[0])

    # -- steps -------------------------------------------------------------------------------------
    def _step_tap(self, arg: Any, now: float) -> None:
        point, finger = self._point(arg), self._new_finger()
        self._schedule(now, self._finger_event(pygame.FINGERDOWN, finger, point))
        self._schedule(now + 0.05, self._finger_event(pygame.FINGERUP, finger, point))
        self.wait_until = now + 0.15

    def _step_click(self, arg: Any, now: float) -> None:
        point = self.hooks.to_physical(self._point(arg))
        pos = (round(point[0]), round(point[1]))
        self._schedule(now, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
        self._schedule(now + 0.05, pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        self.wait_until = now + 0.15

    def _step_swipe(self, arg: dict[str, Any], now: float) -> None:
        start, end = self._point(arg["from"]), self._point(arg["to"])
        seconds = float(arg.get("ms", 300)) / 1000.0
        finger = self._new_finger()
        steps = max(2, round(seconds * 60))
        self._schedule(now, self._finger_event(pygame.FINGERDOWN, finger, start))
        for i in range(1, steps + 1):
            f = i / steps
            point = (start[0] + (end[0] - start[0]) * f, start[1] + (end[1] - start[1]) * f)
            self._schedule(now + seconds * f, self._finger_event(pygame.FINGERMOTION, finger, point))
        self._schedule(now + seconds, self._finger_event(pygame.FINGERUP, finger, end))
        self.wait_until = now + seconds + 0.05

    def _step_pinch(self, arg: dict[str, Any], now: float) -> None:
        cx, cy = self._point(arg.get("center", [0, 0]))
        d0, d1 = float(arg["from"]), float(arg["to"])
        seconds = float(arg.get("ms", 400)) / 1000.0
        a, b = self._new_finger(), self._new_finger()
        steps = max(2, round(seconds * 60))
        self._schedule(now, self._finger_event(pygame.FINGERDOWN, a, (cx - d0 / 2, cy)))
        self._schedule(now, self._finger_event(pygame.FINGERDOWN, b, (cx + d0 / 2, cy)))
        for i in range(1, steps + 1):
            d = d0 + (d1 - d0) * i / steps
            t = now + seconds * i / steps
            self._schedule(t, self._finger_event(pygame.FINGERMOTION, a, (cx - d / 2, cy)))
            self._schedule(t, self._finger_event(pygame.FINGERMOTION, b, (cx + d / 2, cy)))
        self._schedule(now + seconds + 0.02, self._finger_event(pygame.FINGERUP, a, (cx - d1 / 2, cy)))
        self._schedule(now + seconds + 0.02, self._finger_event(pygame.FINGERUP, b, (cx + d1 / 2, cy)))
        self.wait_until = now + seconds + 0.1

    def _step_wait(self, arg: Any, now: float) -> None:
        self.wait_until = now + float(arg)

    def _step_key(self, arg: Any, now: float) -> None:
        name = str(arg)
        key = pygame.key.key_code(name)
        text = name if len(name) == 1 else ""
        self._schedule(now, pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=text, scancode=0))
        self._schedule(now + 0.02, pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=text, scancode=0))
        self.wait_until = now + 0.05

    def _step_screenshot(self, arg: Any, now: float) -> None:
        self.hooks.screenshot(str(arg))

    def _step_expect_scene(self, arg: Any, now: float) -> None:
        actual = self.hooks.scene_name()
        if actual != str(arg):
            raise ScriptError(f"expected scene '{arg}', the visitor sees '{actual}'")

    def _step_expect_lang(self, arg: Any, now: float) -> None:
        actual = self.hooks.lang()
        if actual != str(arg):
            raise ScriptError(f"expected language '{arg}', got '{actual}'")
