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
