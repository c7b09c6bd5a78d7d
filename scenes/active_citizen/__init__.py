"""Active Citizen scene: the project's story, what city votes decided, and a live poll with durable votes.

Exports for the engine: SCENE, CONTENT_FILE, ContentModel, REPORTS (`run_kiosk.py report votes --out DIR`),
CHECKS (`check`: option lists changed after votes). SCENE is imported on first use, so a process that only
needs the vote store (a writer, the report) does not load pygame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scenes.active_citizen.checks import option_change_problems
from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.report import report_votes, write_vote_report

CONTENT_FILE = "active_citizen.yaml"
REPORTS: dict[str, Callable[..., Any]] = {"votes": report_votes}
CHECKS: list[Callable[..., Any]] = [option_change_problems]

__all__ = ["CHECKS", "CONTENT_FILE", "REPORTS", "SCENE", "ContentModel", "report_votes", "write_vote_report"]


def __getattr__(name: str) -> Any:
    if name == "SCENE":
        from scenes.active_citizen.scene import ActiveCitizenScene

        return ActiveCitizenScene
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
