"""Shared fixtures for the Active Citizen tests: the default content, variants of it, scratch databases."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest
import yaml

from scenes.active_citizen import CONTENT_FILE, ContentModel

REPO = Path(__file__).resolve().parents[3]
CONTENT_PATH = REPO / "config" / "content" / CONTENT_FILE
FACTS_PATH = REPO.parent / "shared" / "sources" / "facts.md"


@pytest.fixture(scope="session")
def content_data() -> dict[str, Any]:
    data = yaml.safe_load(CONTENT_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def content(content_data: dict[str, Any]) -> ContentModel:
    return ContentModel.model_validate(content_data)


@pytest.fixture
def variant(content_data: dict[str, Any]) -> Callable[[Callable[[dict[str, Any]], None]], dict[str, Any]]:
    """A deep copy of the default content changed by `edit` (for validation tests)."""

    def make(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        data = copy.deepcopy(content_data)
        edit(data)
        return data

    return make


@pytest.fixture(scope="session")
def facts_path() -> Path:
    """The project's facts table (../shared/sources/facts.md next to the repository)."""
    assert FACTS_PATH.is_file(), f"facts table missing: {FACTS_PATH}"
    return FACTS_PATH


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "active_citizen" / "votes.sqlite3"


# -- the scene UI running in the real app (headless, simulated clock) ------------------------------------------

SCENES = {"active_citizen": "scenes.active_citizen", "menu": "scenes.menu"}


class AcDriver:
    """The real app with the menu as home and the Active Citizen scene one tap away."""

    def __init__(self, app: Any) -> None:
        self.app = app

    @property
    def scene(self) -> Any:
        top = self.app.router.top
        assert top is not None and top.name == "active_citizen", f"top scene is {self.app.scene_name()!r}"
        return top

    def open(self) -> AcDriver:
        """From the menu, tap the Active Citizen button (a first tap after attract only wakes the screen)."""
        self.app.advance(0.05)  # the menu lays out its buttons on its first frame
        failures = self.app.play([{"tap": {"target": "menu.active_citizen"}}, {"wait": 0.3}])
        assert failures == []
        if self.app.scene_name() != "active_citizen":
            assert self.app.play([{"tap": {"target": "menu.active_citizen"}}, {"wait": 0.3}]) == []
        assert self.app.scene_name() == "active_citizen"
        return self

    def tap(self, *targets: str, wait: float = 0.0) -> None:
        steps: list[dict[str, Any]] = [{"tap": {"target": name}} for name in targets]
        if wait:
            steps.append({"wait": wait})
        failures = self.app.play(steps)
        assert failures == [], failures

    def swipe(self, direction: int, ms: int = 250) -> None:
        """direction +1: finger moves right to left (next page); -1: left to right."""
        layout = self.app.layout
        y = layout.height * 0.45
        left, right = layout.width * 0.2, layout.width * 0.8
        start, end = (right, left) if direction > 0 else (left, right)
        assert self.app.play([{"swipe": {"from": [start, y], "to": [end, y], "ms": ms}}, {"wait": 0.6}]) == []

    def shot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        return self.app.display.screenshot(path)


@pytest.fixture
def ac_app(make_app: Callable[..., Any]) -> Callable[..., AcDriver]:
    """ac_app(size=(w, h), lang=..., extra=..., content=...) -> AcDriver with the scene not yet opened."""

    def factory(**options: Any) -> AcDriver:
        options.setdefault("scenes", SCENES)
        options.setdefault("home", "menu")
        options.setdefault("fps", 30)  # simulated time: half the frames of the exhibit, same behaviour, faster tests
        return AcDriver(make_app(**options))

    return factory


def stored_counts(app: Any, question_id: str) -> tuple[dict[str, int], int]:
    """(votes per option, respondents) of a question, read from the kiosk's vote database."""
    from scenes.active_citizen.store import VoteStore, db_path_for

    with VoteStore(db_path_for(app.config.var_dir)) as store:
        return store.counts(question_id), store.total(question_id)


def theme_rgb(app: Any, token: str) -> tuple[int, int, int]:
    color = app.theme.color(token, "active_citizen")
    return (color.r, color.g, color.b)


def content_variant(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the real content folder with active_citizen.yaml changed by `edit`."""
    import shutil

    folder = tmp_path / "content_variant"
    shutil.copytree(REPO / "config" / "content", folder)
    path = folder / CONTENT_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
