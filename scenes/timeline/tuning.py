"""Motion numbers of the timeline an installer may tune (fling, rubber band, animations, render budget).

They live in config/theme.yaml under `scenes: timeline: motion:` next to the timeline's colours and sizes; the
defaults below apply when a key is missing, and a wrong value falls back to its default with a log line
(the exhibit never stops over a typo in a tuning number).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from typing import Any

LOG = logging.getLogger("kiosk.timeline")
SCENE = "timeline"
"""Theme section name (config/theme.yaml `scenes: timeline:`)."""
CONTENT_FILE = "timeline.yaml"
LEVELS = ("decade", "year", "month")
"""Zoom levels from far to near; each has its own card style and pixels-per-year size token."""


@dataclass(frozen=True)
class Tuning:
    fling_decay_per_s: float = 3.2
    stop_speed_px_s: float = 8.0
    rubber_band_resistance: float = 0.35
    rubber_band_max_screens: float = 0.25
    spring_per_s: float = 14.0
    zoom_seconds: float = 0.3
    jump_seconds: float = 0.45
    zoom_snap_ratio: float = 1.2
    attract_level: str = "year"
    card_render_ms_per_frame: float = 0.6
    card_cache_mb: float = 64.0

    @classmethod
    def from_theme(cls, theme: Any) -> Tuning:
        scene_data = getattr(theme, "scenes", {}).get(SCENE, {}) or {}
        raw = scene_data.get("motion", {}) or {}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in raw:
                continue
            default: Any = f.default
            try:
                value = type(default)(raw[f.name])
            except (TypeError, ValueError):
                LOG.warning("theme.yaml scenes.timeline.motion.%s: %r is not a %s; using %r",
                            f.name, raw[f.name], type(default).__name__, default)
                continue
            if isinstance(value, float) and value < 0:
                LOG.warning("theme.yaml scenes.timeline.motion.%s must not be negative; using %r", f.name, default)
                continue
            values[f.name] = value
        if values.get("attract_level", "year") not in LEVELS:
            LOG.warning("theme.yaml scenes.timeline.motion.attract_level must be one of %s", ", ".join(LEVELS))
            values.pop("attract_level")
        return cls(**values)
