"""The window: SDL settings, fullscreen/windowed/headless, rotation, presenting and screenshots.

Scenes draw on a logical surface whose size follows the rotation; this module turns it to the
physical screen and maps touch coordinates back.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pygame

LOG = logging.getLogger("kiosk.display")


def prepare_sdl(headless: bool, framebuffer_acceleration: bool, kiosk: bool) -> None:
    """Set SDL environment before pygame.display.init()."""
    if headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not framebuffer_acceleration:
        # Without a GPU SDL presents through software GL: ~10 ms a 1080p flip instead of ~0.4 ms.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    os.environ.setdefault("SDL_MOUSE_TOUCH_EVENTS", "0")
    if kiosk:
        os.environ.setdefault("SDL_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR", "1")


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Display:
    def __init__(self, size: tuple[int, int], rotate: int, fullscreen: bool, display_index: int = 0,
                 title: str = "Runet-30") -> None:
        self.rotate = rotate
        self.notes: list[str] = []
        flags = 0
        if fullscreen:
            flags |= pygame.FULLSCREEN
            desktop = pygame.display.get_desktop_sizes()
            if desktop:
                size = desktop[min(display_index, len(desktop) - 1)]
        else:
            desktop = pygame.display.get_desktop_sizes() if os.environ.get("SDL_VIDEODRIVER") != "dummy" else []
            if desktop:
                dw, dh = desktop[min(display_index, len(desktop) - 1)]
                if size[0] > dw or size[1] > dh:
                    factor = min(dw / size[0], dh / size[1]) * 0.95
                    scaled = (int(size[0] * factor), int(size[1] * factor))
                    self.notes.append(f"display {dw}x{dh} is smaller than {size[0]}x{size[1]}: "
                                      f"window scaled to {scaled[0]}x{scaled[1]}")
                    LOG.warning(self.notes[-1])
                    size = scaled
        pygame.display.set_caption(title)
        self.screen = pygame.display.set_mode(size, flags, display=display_index)
        pygame.display.set_caption(title)
        w, h = self.screen.get_size()
        self.logical_size = (h, w) if rotate in (90, 270) else (w, h)
        self.surface = self.screen if rotate == 0 else pygame.Surface(self.logical_size).convert()

    @property
    def physical_size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def to_logical(self, point: tuple[float, float]) -> tuple[float, float]:
        """Physical window pixel → logical (scene) pixel."""
        px, py = point
        w, h = self.physical_size
        if self.rotate == 90:
            return (py, w - px)
        if self.rotate == 180:
            return (w - px, h - py)
        if self.rotate == 270:
            return (h - py, px)
        return (px, py)

    def to_physical(self, point: tuple[float, float]) -> tuple[float, float]:
        lx, ly = point
        w, h = self.physical_size
        if self.rotate == 90:
            return (w - ly, lx)
        if self.rotate == 180:
            return (w - lx, h - ly)
        if self.rotate == 270:
            return (ly, h - lx)
        return (lx, ly)

    def present(self) -> None:
        if self.rotate:
            self.screen.blit(pygame.transform.rotate(self.surface, -self.rotate), (0, 0))
        pygame.display.flip()

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path
