"""A stand-in for the scenes the timeline opens (mosru, retro_pc, active_citizen) in the timeline's tests.

It fills the screen with one colour, remembers the parameters it was opened with, and closes on "standin.back".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pygame

from kiosk import widgets
from kiosk.gestures import InputEvent, Tap
from kiosk.scene import Scene, Target

CONTENT_FILE = None
ContentModel = None
COLOR = (120, 20, 140)
OPENED: list[tuple[str, dict[str, Any]]] = []


class StandinScene(Scene):
    def enter(self, params: Mapping[str, Any]) -> None:
        OPENED.append((self.name, dict(params)))

    def _back(self) -> pygame.Rect:
        return pygame.Rect(40, 200, 400, 200)

    def handle(self, event: InputEvent) -> None:
        if isinstance(event, Tap) and widgets.hit(self.targets(), event.pos) == "standin.back":
            self.close()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(COLOR)

    def targets(self) -> list[Target]:
        return [Target("standin.back", self._back())]


SCENE = StandinScene
