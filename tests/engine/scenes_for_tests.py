"""Scenes used by the engine tests: one records its lifecycle, one crashes on demand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pygame

from kiosk.gestures import InputEvent, Tap
from kiosk.scene import Scene, Target

CONTENT_FILE = None
ContentModel = None
LOG: list[str] = []
EVENTS: list[InputEvent] = []


class RecorderScene(Scene):
    """Fills the screen with a colour that shows its state; a tap on 'child' pushes 'boom'."""

    color = (20, 120, 60)

    def enter(self, params: Mapping[str, Any]) -> None:
        LOG.append(f"enter {self.name}")
        self.attract = False
        self.zoom = params.get("zoom", 1.0)

    def exit(self) -> None:
        LOG.append(f"exit {self.name}")

    def resume(self, result: Any) -> None:
        LOG.append(f"resume {self.name} {result}")

    def handle(self, event: InputEvent) -> None:
        EVENTS.append(event)
        if isinstance(event, Tap) and pygame.Rect(100, 300, 300, 200).collidepoint(event.pos):
            self.ctx.router.push("boom")

    def update(self, dt: float) -> None:
        pass

    def start_attract(self) -> None:
        self.attract = True
        LOG.append("attract")

    def stop_attract(self) -> None:
        self.attract = False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((200, 160, 0) if self.attract else self.color)

    def targets(self) -> list[Target]:
        return [Target("child", pygame.Rect(100, 300, 300, 200))]


class BoomScene(Scene):
    """Red screen; a tap anywhere raises — the engine must send the visitor home."""

    def enter(self, params: Mapping[str, Any]) -> None:
        LOG.append("enter boom")

    def handle(self, event: InputEvent) -> None:
        if isinstance(event, Tap):
            raise RuntimeError("deliberate failure in a scene")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((200, 30, 30))


class EnterFails(Scene):
    """Raises while being opened: the router runs enter() between frames."""

    def enter(self, params: Mapping[str, Any]) -> None:
        raise RuntimeError("deliberate failure while entering")


SCENE = RecorderScene
