"""tools/make_illustrations.py draws the same original cards on every run, with the lane's look."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from .conftest import CONTENT_DIR, REPO

TWO_EVENTS = ["ru-domain", "mosru-h1-2024"]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_illustrations", REPO / "tools" / "make_illustrations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pixel(image: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    value = image.getpixel((x, y))
    assert isinstance(value, tuple) and len(value) == 3
    return (int(value[0]), int(value[1]), int(value[2]))


def run(tool: ModuleType, out: Path, ids: list[str]) -> dict[str, bytes]:
    assert tool.main(["--content", str(CONTENT_DIR), "--out", str(out), "--only", *ids]) == 0
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_two_runs_give_identical_bytes(tool: ModuleType, tmp_path: Path) -> None:
    first = run(tool, tmp_path / "a", TWO_EVENTS)
    second = run(tool, tmp_path / "b", TWO_EVENTS)
    assert sorted(first) == ["mosru-h1-2024.png", "ru-domain.png"]
    assert first == second
    assert first["ru-domain.png"] != first["mosru-h1-2024.png"]


def test_cards_are_small_flat_images_with_the_lane_stripe(tool: ModuleType, tmp_path: Path) -> None:
    files = run(tool, tmp_path, TWO_EVENTS)
    stripes: dict[str, tuple[int, int, int]] = {}
    for name, data in files.items():
        assert len(data) < 60_000, name
        with Image.open(tmp_path / name) as card:
            assert card.size == (1200, 800) and card.mode == "P"
            rgb = card.convert("RGB")
            stripes[name] = pixel(rgb, 5, 400)
            # big light year digits in the lower left, dark background at the top left
            assert sum(pixel(rgb, 30, 20)) < 300
            light = sum(1 for x in range(60, 700, 4) if sum(pixel(rgb, x, 620)) > 600)
            assert light > 20, name
    runet, moscow = stripes["ru-domain.png"], stripes["mosru-h1-2024.png"]
    assert runet[2] > runet[0] and moscow[0] > moscow[2]  # blue-ish Runet, red-orange Moscow


def test_only_generated_names_are_drawn_and_unknown_ids_fail(tool: ModuleType, tmp_path: Path) -> None:
    specs = tool.card_specs(CONTENT_DIR)
    assert all(spec.file == f"images/{spec.event_id}.png" for spec in specs)
    assert tool.main(["--content", str(CONTENT_DIR), "--out", str(tmp_path), "--only", "no-such-event"]) == 1
    assert not list(tmp_path.iterdir())
