"""Headless pygame and the real mosru.yaml, loaded once through the shared content loader."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from scenes.mosru import CONTENT_FILE, ContentModel  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
CONTENT_DIR = REPO / "config" / "content"


@pytest.fixture(scope="session", autouse=True)
def _pygame_fonts() -> None:
    pygame.font.init()


@pytest.fixture(scope="session")
def mosru_data() -> dict[str, Any]:
    data = yaml.safe_load((CONTENT_DIR / CONTENT_FILE).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def mosru(mosru_data: dict[str, Any]) -> ContentModel:
    return ContentModel.model_validate(mosru_data)
