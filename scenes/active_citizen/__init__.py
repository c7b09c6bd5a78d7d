"""Active Citizen scene: the project's story, what city votes decided, and a live poll with durable votes.

Exports for the engine: CONTENT_FILE, ContentModel, REPORTS (`run_kiosk.py report votes`). SCENE is added
with the scene UI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.report import write_vote_report

CONTENT_FILE = "active_citizen.yaml"
REPORTS: dict[str, Callable[..., Any]] = {"votes": write_vote_report}

__all__ = ["CONTENT_FILE", "REPORTS", "ContentModel", "write_vote_report"]
