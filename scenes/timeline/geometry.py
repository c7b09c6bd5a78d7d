"""Where each part of the timeline screen goes, derived from the screen size and theme sizes.

One place computes the header (title and zoom buttons, leaving the engine's language button free), the era
strip, the lanes, the year axis and the scrubber, so landscape, portrait, 4K and small screens all follow the
same rules instead of fixed pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext

from .tuning import SCENE


@dataclass(frozen=True)
class LaneBox:
    lane_id: str
    rect: pygame.Rect
    """The whole lane (header and rows)."""
    header: pygame.Rect
    """Strip at the top of the lane with its title."""
    rows: pygame.Rect
    """Where the cards go."""


@dataclass(frozen=True)
class ScreenGeometry:
    width: int
    height: int
    margin: int
    gap: int
    header: pygame.Rect
    title: pygame.Rect
    zoom_out: pygame.Rect
    zoom_label: pygame.Rect
    zoom_in: pygame.Rect
    era_strip: pygame.Rect
    lanes_area: pygame.Rect
    lanes: tuple[LaneBox, ...]
    axis: pygame.Rect
    scrubber: pygame.Rect
    timeline: pygame.Rect
    """Everything that pans with a drag: era strip, lanes and axis, full width."""

    def lane(self, lane_id: str) -> LaneBox:
        return next(box for box in self.lanes if box.lane_id == lane_id)


def compute(ctx: SceneContext, lane_ids: list[str]) -> ScreenGeometry:
    theme, layout = ctx.theme, ctx.layout

    def size(token: str) -> int:
        return theme.size(token, SCENE)

    width, height = layout.width, layout.height
    margin, gap = size("margin"), size("gap")
    lang = layout.lang_toggle_rect
    button = max(layout.min_target, lang.height)
    header_h = max(size("header_h"), lang.bottom + gap // 2)
    header = pygame.Rect(0, 0, width, header_h)
    button_y = lang.y if lang.bottom <= header_h else max(0, (header_h - button) // 2)
    zoom_in = pygame.Rect(lang.left - gap - button, button_y, button, button)
    label_w = max(theme.px(190), button)
    zoom_label = pygame.Rect(zoom_in.left - gap // 2 - label_w, button_y, label_w, button)
    zoom_out = pygame.Rect(zoom_label.left - gap // 2 - button, button_y, button, button)
    title = pygame.Rect(margin, 0, max(theme.px(120), zoom_out.left - 2 * margin), header_h)

    scrubber_h = max(layout.min_target, size("scrubber_h"))
    scrubber = pygame.Rect(margin, height - gap - scrubber_h, width - 2 * margin, scrubber_h)
    axis = pygame.Rect(0, scrubber.top - gap - size("axis_h"), width, size("axis_h"))
    era_strip = pygame.Rect(0, header.bottom, width, size("era_strip_h"))
    lanes_area = pygame.Rect(0, era_strip.bottom, width, max(1, axis.top - era_strip.bottom))
    count = max(1, len(lane_ids))
    lane_h = lanes_area.height // count
    lane_header_h = size("lane_header_h")
    lanes = []
    for index, lane_id in enumerate(lane_ids):
        rect = pygame.Rect(0, lanes_area.top + index * lane_h, width, lane_h)
        lane_header = pygame.Rect(0, rect.top, width, min(lane_header_h, rect.height))
        rows = pygame.Rect(0, lane_header.bottom, width, max(1, rect.bottom - lane_header.bottom - gap // 2))
        lanes.append(LaneBox(lane_id, rect, lane_header, rows))
    timeline = pygame.Rect(0, era_strip.top, width, axis.bottom - era_strip.top)
    return ScreenGeometry(width, height, margin, gap, header, title, zoom_out, zoom_label, zoom_in, era_strip,
                          lanes_area, tuple(lanes), axis, scrubber, timeline)
