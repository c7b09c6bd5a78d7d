"""Fixtures for the curator tools' tests: a tiny content pack with deliberate mistakes, its config and theme.

The pack (tests/curator/pack/timeline.yaml) is copied with the real ui.yaml; its pictures are drawn here (a
large one and a 60x40 one); the theme is the real theme with one colour made unreadable (card_muted).
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import shutil  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.conftest import CONFIG_DIR, write_config  # noqa: E402

HERE = Path(__file__).resolve().parent
PACK = HERE / "pack"
LOW_CONTRAST = "#34405c"
"""card_muted in the test theme: about 1.6:1 on the card colour #1c2944."""
SCENES = {"timeline": "scenes.timeline", "mosru": "tests.scenes.timeline.standin"}


@dataclass
class Pack:
    config: Path
    content: Path
    theme: Path

    def position(self, file: Path, needle: str) -> tuple[int, int]:
        """(line, column) of the first `needle` in `file`, 1-based, as check reports them."""
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number, line.index(needle) + 1
        raise AssertionError(f"{needle!r} not in {file}")

    def value(self, file: Path, key: str) -> tuple[int, int]:
        """Where the value after `key` (e.g. 'en: ') starts on the first line containing `key`."""
        line, col = self.position(file, key)
        return line, col + len(key.split(": ")[0]) + 2


def _picture(path: Path, size: tuple[int, int]) -> None:
    pygame.init()
    picture = pygame.Surface(size)
    picture.fill((40, 60, 90))
    pygame.draw.circle(picture, (230, 200, 120), (size[0] // 2, size[1] // 2), min(size) // 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(picture, str(path))


def _theme(target: Path) -> Path:
    lines = (CONFIG_DIR / "theme.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [f'      card_muted: "{LOW_CONTRAST}"\n' if line.strip().startswith("card_muted:") else line
               for line in lines]
    assert changed != lines, "config/theme.yaml has no card_muted colour any more"
    target.write_text("".join(changed), encoding="utf-8")
    return target


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(PACK / "timeline.yaml", content / "timeline.yaml")
    shutil.copy(CONFIG_DIR / "content" / "ui.yaml", content / "ui.yaml")
    _picture(content / "images" / "big.png", (1500, 1000))
    _picture(content / "images" / "small.png", (60, 40))
    theme = _theme(tmp_path / "theme.yaml")
    config = write_config(tmp_path, SCENES, "timeline", {"paths": {"theme": str(theme)},
                                                         "layout_lint": {"sizes": ["1920x1080"]}}, content)
    return Pack(config, content, theme)
