"""Fixtures for the timeline content tests: the default timeline.yaml, the facts table and a valid model."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import copy  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from scenes.timeline import CONTENT_FILE, ContentModel  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO / "config" / "content"
FACTS = REPO / ".." / "shared" / "sources" / "facts.md"
SCENES = frozenset({"mosru", "active_citizen", "retro_pc", "timeline"})
PRESS_RELEASE = "press-release-2024"


def load_raw(path: Path = CONTENT_DIR / CONTENT_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=yaml.CSafeLoader)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def raw_content() -> dict[str, Any]:
    return load_raw()


@pytest.fixture
def raw_copy(raw_content: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the default content to break on purpose."""
    return copy.deepcopy(raw_content)


@pytest.fixture(scope="session")
def model(raw_content: dict[str, Any]) -> ContentModel:
    return ContentModel.model_validate(raw_content, context={"scenes": set(SCENES)})


@pytest.fixture(scope="session")
def facts_rows() -> dict[str, str]:
    """Row key -> confidence (C, C-w, X, M) read from the shared facts table."""
    if not FACTS.is_file():
        pytest.fail(f"facts table not found at {FACTS.resolve()}: the default content is checked against "
                    "../shared/sources/facts.md next to the repository; put the shared sources there")
    rows: dict[str, str] = {}
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 6:
            continue
        match = re.search(r"key: ([a-z0-9-]+/[a-z0-9-]+)", cells[5])
        if match:
            rows[match.group(1)] = cells[3]
    assert len(rows) > 50, f"could not read the row keys of {FACTS}"
    return rows
