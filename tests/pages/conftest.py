"""Headless pygame and a content folder holding the sample site's picture."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from kiosk.pages import PageRenderer, Site  # noqa: E402
from tests.pages.sample_site import all_blocks_site, make_picture  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _pygame() -> None:
    pygame.font.init()


@pytest.fixture(scope="session")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages_content")
    make_picture(root / "img" / "picture.png")
    return root


@pytest.fixture(scope="session")
def site() -> Site:
    return Site.model_validate(all_blocks_site())


@pytest.fixture
def renderer(site: Site, content_dir: Path) -> PageRenderer:
    return PageRenderer(site, content_dir)
