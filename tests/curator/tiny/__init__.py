"""A stand-in scene for the layout lint's target checks: one 30x30-pixel button at the top edge."""

from __future__ import annotations

import pygame

from kiosk.scene import Scene, Target

CONTENT_FILE = None
ContentModel = None
BUTTON = pygame.Rect(200, 0, 30, 30)
"""19x19 mm on a 55-inch 1920x1080 screen, its centre 10 mm below the screen's upper edge."""


class TinyScene(Scene):
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((20, 24, 32))
        pygame.draw.rect(surface, (200, 200, 200), BUTTON)

    def targets(self) -> list[Target]:
        return [Target("tiny.button", BUTTON.copy(), "tiny")]


SCENE = TinyScene
