"""A scene for the lockdown tests: a plain known colour, and a log of every key press that reaches it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pygame

from kiosk.gestures import InputEvent, KeyPress
from kiosk.scene import Scene

CONTENT_FILE = None
ContentModel = None
COLOR = (20, 120, 60)
LOG_NAME = "keys_seen.txt"


class KeyProbeScene(Scene):
    """Fills the screen with COLOR; appends 'key mod' of each KeyPress to var/keys_seen.txt."""

    def enter(self, params: Mapping[str, Any]) -> None:
        self.ctx.var_dir.mkdir(parents=True, exist_ok=True)
        (self.ctx.var_dir / LOG_NAME).write_text("", encoding="utf-8")

    def handle(self, event: InputEvent) -> None:
        if isinstance(event, KeyPress):
            with open(self.ctx.var_dir / LOG_NAME, "a", encoding="utf-8") as log:
                log.write(f"{pygame.key.name(event.key)} {event.mod}\n")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(COLOR)


SCENE = KeyProbeScene
