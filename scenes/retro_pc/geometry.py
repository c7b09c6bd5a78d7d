"""Where everything of the 1990s computer scene goes on a landscape or portrait screen.

Landscape: the monitor top-left, the title, caption, layout indicator and Leave button in a column to its
right, the keyboard across the desk below. Portrait: title and Leave in a header beside the engine's language
button, the monitor below them, then the caption, then the keyboard using the remaining height. The text
screen is scaled by the largest factor that fits (whole numbers from 2x up, so pixels stay square and crisp).
All lengths come from theme tokens (scenes.retro_pc.sizes) scaled to the screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from kiosk.scene import Layout
from kiosk.theme import Theme

from .textscreen import CELL_H, CELL_W, COLS, ROWS

SCENE = "retro_pc"
TEXT_W = COLS * CELL_W
TEXT_H = ROWS * CELL_H


@dataclass(frozen=True)
class SceneGeometry:
    size: tuple[int, int]
    portrait: bool
    monitor: pygame.Rect
    """The monitor's plastic case (without the foot)."""
    glass: pygame.Rect
    """The dark picture tube inside the bezel."""
    screen: pygame.Rect
    """Where the scaled 720x400 picture goes (inside the glass)."""
    foot: pygame.Rect
    desk_top: int
    title: pygame.Rect
    info: pygame.Rect
    """Caption, layout indicator and hint."""
    exit: pygame.Rect
    quick: pygame.Rect
    """Buttons that type a command at the prompt, with their title line."""
    keyboard: pygame.Rect
    """The area the keyboard (or the browser's buttons) may use."""

    @property
    def integer_scale(self) -> bool:
        return self.screen.width % TEXT_W == 0 and self.screen.height % TEXT_H == 0


def _scale_for(width: float, height: float) -> float:
    scale = max(0.5, min(width / TEXT_W, height / TEXT_H))
    return float(math.floor(scale)) if scale >= 2 else scale


def compute(layout: Layout, theme: Theme) -> SceneGeometry:
    def size(token: str) -> int:
        return theme.size(token, SCENE)

    width, height = layout.width, layout.height
    margin, gap = size("margin"), size("gap")
    lang = layout.lang_toggle_rect
    frame = size("bezel") + size("case_border")
    chrome_w, chrome_h = 2 * frame, 2 * frame + size("chin")
    foot_h = size("foot_h")
    exit_h = max(layout.min_target, size("exit_h"))
    exit_w = max(layout.min_target, size("exit_w"))
    chip_h = max(layout.min_target, size("chip_h"))
    if not layout.portrait:
        keyboard = pygame.Rect(margin, height - margin - size("keyboard_h"), width - 2 * margin,
                               size("keyboard_h"))
        avail_h = keyboard.top - gap - margin - foot_h
        avail_w = width - 2 * margin - gap - size("side_min_w")
        scale = _scale_for(avail_w - chrome_w, avail_h - chrome_h)
        screen_w, screen_h = round(TEXT_W * scale), round(TEXT_H * scale)
        monitor = pygame.Rect(margin, margin, screen_w + chrome_w, screen_h + chrome_h)
        monitor.top = margin + max(0, (avail_h - monitor.height) // 2)
        column_x = monitor.right + 2 * gap
        title = pygame.Rect(column_x, lang.top, max(1, lang.left - gap - column_x), lang.height)
        exit_rect = pygame.Rect(column_x, keyboard.top - 2 * gap - exit_h, exit_w, exit_h)
        quick_h = size("quick_title_h") + chip_h
        quick = pygame.Rect(column_x, exit_rect.top - 2 * gap - quick_h, width - margin - column_x, quick_h)
        info = pygame.Rect(column_x, title.bottom + gap, width - margin - column_x,
                           max(1, quick.top - gap - title.bottom - gap))
    else:
        exit_rect = pygame.Rect(lang.left - gap - exit_w, lang.top, exit_w, max(exit_h, lang.height))
        title = pygame.Rect(margin, lang.top, max(1, exit_rect.left - gap - margin), exit_rect.height)
        scale = _scale_for(width - 2 * margin - chrome_w, height)
        screen_w, screen_h = round(TEXT_W * scale), round(TEXT_H * scale)
        monitor = pygame.Rect(0, max(lang.bottom, exit_rect.bottom) + 2 * gap, screen_w + chrome_w,
                              screen_h + chrome_h)
        monitor.centerx = width // 2
        info = pygame.Rect(margin, monitor.bottom + foot_h + gap, width - 2 * margin, size("info_h"))
        quick_h = size("quick_title_h") + chip_h
        quick = pygame.Rect(margin, info.bottom + gap, width - 2 * margin, quick_h)
        keyboard = pygame.Rect(margin, quick.bottom + gap, width - 2 * margin,
                               max(1, height - margin - quick.bottom - gap))
    screen = pygame.Rect(monitor.left + frame, monitor.top + frame, screen_w, screen_h)
    glass = screen.inflate(2 * size("overscan"), 2 * size("overscan"))
    foot = pygame.Rect(0, monitor.bottom, round(monitor.width * 0.42), foot_h)
    foot.centerx = monitor.centerx
    desk_top = foot.bottom - foot_h // 3 if not layout.portrait else info.top - gap // 2
    return SceneGeometry((width, height), layout.portrait, monitor, glass, screen, foot, desk_top, title, info,
                         exit_rect, quick, keyboard)
