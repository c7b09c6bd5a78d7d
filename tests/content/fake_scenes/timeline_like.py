"""A scene exporting the test Timeline model as timeline.yaml, plus one extra check pass."""

from __future__ import annotations

from typing import Any

from kiosk.content.problems import Problem
from tests.content.models import Timeline

CONTENT_FILE = "timeline.yaml"
ContentModel = Timeline


def _warn_without_highlight(config: Any, bundle: Any) -> list[Problem]:
    model = bundle.models[CONTENT_FILE]
    if any(event.highlight for event in model.events):
        return []
    line, col = bundle.where(CONTENT_FILE, ("events",))
    return [Problem("timeline.yaml", line, col, "warning", "no event has highlight: true: the attract tour is empty")]


CHECKS = [_warn_without_highlight]
