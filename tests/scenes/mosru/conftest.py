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


# ------------------------------------------------------------------------------------ the scene in the app

SCENES = {"mosru": "scenes.mosru", "menu": "scenes.menu"}
SHOTS = Path("/tmp/mosru_shots")


def open_scene(app: Any) -> Any:
    """From the menu, tap the mos.ru button like a visitor; returns the scene."""
    app.advance(0.1)
    assert app.play([{"tap": {"target": "menu.mosru"}}, {"wait": 0.3}]) == []
    assert app.scene_name() == "mosru"
    return app.router.top


def connect(app: Any, speed_id: str) -> None:
    assert app.play([{"tap": {"target": f"mosru.speed.{speed_id}"}}, {"tap": {"target": "mosru.connect"}}]) == []


def run_until(app: Any, done: Any, limit_s: float = 60.0) -> float:
    """Run frames until done() is true; returns the simulated seconds it took."""
    start = app.clock.now()
    while not done():
        app.frame(app.clock.tick())
        assert app.clock.now() - start < limit_s, "condition never became true"
    return app.clock.now() - start


def loaded(app: Any, speed_id: str = "v90") -> Any:
    """Open the scene, connect and Skip to the complete start page."""
    scene = open_scene(app)
    connect(app, speed_id)
    assert app.play([{"tap": {"target": "mosru.skip"}}]) == []
    assert scene.browser.connected and scene.browser.loading is None
    return scene
