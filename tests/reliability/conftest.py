"""Reliability tests: headless SDL before pygame loads; the shipped config on a temporary copy of content and var/.

Hypothesis example counts come from two profiles (tests/reliability/fuzz_profiles.py): modest here,
many more in the slow soak run (`make soak`).
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import contextlib  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from tests.soak.runner import SoakSettings, write_default_config  # noqa: E402


@pytest.fixture
def shipped_app(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """shipped_app(folder=None, size=(w, h), watch=False, **config overrides) → the real App on the shipped
    config/kiosk.yaml with content copied into the folder (or the folder's own content/) and var/ beside it."""
    from kiosk.app import App, RunOptions
    from kiosk.config import load_config

    apps: list[Any] = []

    def factory(folder: Path | None = None, size: tuple[int, int] = (1920, 1080), watch: bool = False,
                **extra: Any) -> Any:
        folder = folder or tmp_path
        config = load_config(write_default_config(folder, SoakSettings(extra_config=extra)))
        app = App(config, RunOptions(headless=True, size=size, watch_content=watch))
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with contextlib.suppress(Exception):
            app.shutdown()
