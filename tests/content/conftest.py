"""Set-up for the content-system tests: headless SDL before pygame is imported, and a content folder factory."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

CASES = Path(__file__).parent / "cases"


def make_content(root: Path) -> Path:
    """A content folder with the images the test cases refer to (good and bad)."""
    images = root / "images"
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (200, 80, 40)).save(images / "relcom.png")
    Image.new("RGB", (64, 48), (40, 80, 200)).save(images / "domain.jpg", quality=90)
    (images / "broken.png").write_bytes(b"this is not a png at all\n" * 10)
    whole = (images / "domain.jpg").read_bytes()
    (images / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    return root


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    return make_content(tmp_path / "content")


def copy_case(name: str, root: Path, as_name: str = "timeline.yaml") -> Path:
    """Copy a case file (or every file of a case folder) into the content folder."""
    source = CASES / name
    if source.is_dir():
        for item in source.iterdir():
            shutil.copy(item, root / item.name)
        return root
    shutil.copy(source, root / as_name)
    return root / as_name
