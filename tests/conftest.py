"""Shared test set-up: headless SDL, and a factory that starts the real kiosk app on a given config."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import contextlib  # noqa: E402
import shutil  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CONFIG_DIR = REPO / "config"
REAL_CONFIG = yaml.safe_load((CONFIG_DIR / "kiosk.yaml").read_text(encoding="utf-8"))


def write_config(tmp: Path, scenes: dict[str, str], home: str, extra: dict[str, Any] | None = None,
                 content: Path | None = None) -> Path:
    """A kiosk.yaml in tmp pointing at a content folder (default: a copy of the real one)."""
    content_dir = tmp / "content"
    if content is None:
        shutil.copytree(CONFIG_DIR / "content", content_dir, dirs_exist_ok=True)
    else:
        content_dir = content
    data: dict[str, Any] = {
        "paths": {"content": str(content_dir), "var": str(tmp / "var"), "theme": str(CONFIG_DIR / "theme.yaml")},
        "home": home,
        "scenes": {name: {"module": module} for name, module in scenes.items()},
        "admin": {"pin_hash": REAL_CONFIG["admin"]["pin_hash"]},
        "allowed_link_hosts": REAL_CONFIG["allowed_link_hosts"],
    }
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    path = tmp / "kiosk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """make_app(scenes={...}, home=..., size=(w, h), **RunOptions) → a running App (headless, simulated)."""
    from kiosk.app import App, RunOptions
    from kiosk.config import load_config

    apps: list[Any] = []

    def factory(scenes: dict[str, str] | None = None, home: str = "menu", size: tuple[int, int] = (1920, 1080),
                extra: dict[str, Any] | None = None, content: Path | None = None, **options: Any) -> Any:
        scenes = scenes or {"menu": "scenes.menu"}
        config = load_config(write_config(tmp_path, scenes, home, extra, content))
        options.setdefault("watch_content", False)
        app = App(config, RunOptions(headless=True, size=size, **options))
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with contextlib.suppress(Exception):
            app.shutdown()


def pixel(app: Any, x: int, y: int) -> tuple[int, int, int]:
    color = app.display.screen.get_at((x, y))
    return (color.r, color.g, color.b)
