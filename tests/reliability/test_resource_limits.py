"""A big content pack — 5,000 timeline events and 1,000 distinct images — starts and stays under a memory cap.

The pack is the shipped content with timeline.yaml replaced by 5,000 generated events (valid, bilingual) that
share 1,000 small generated PNGs. One child process (big_pack_child.py) runs the shipped exhibit on it: process
start to first frame is timed as `bench` times `startup_s` (the content validated, every image checked); the
content must be the pack itself (no problems, all 5,000 events); then a visitor scrolls through the whole axis —
flings both ways at every zoom level, scrubber jumps across the decades, pinches, zoom buttons, a detail view
now and then — while the child samples its RSS. The bound: MEMORY_CAP_MB.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageDraw

from tests.reliability.content_mutations import copy_content
from tests.soak.runner import REPO, SoakSettings, write_default_config

EVENTS = 5000
IMAGES = 1000
MEMORY_CAP_MB = 550.0
"""Measured: ~250 MB right after boot (program, fonts, the 5,000 validated events and their layout), then the
bounded caches fill — image cache 96 MB + text cache 48 MB + timeline cards 64 MB + strip composites 16 MB as
configured — to a plateau of ~490 MB after two minutes of scrolling. The cap leaves ~60 MB of headroom."""
STARTUP_LIMIT_S = 15.0
"""Generous for a loaded 2-core CI machine; the figure is printed (and reported in docs/reliability.md)."""
SCROLL_S = 60.0


def make_images(folder: Path, count: int, rng: random.Random) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index in range(count):
        image = Image.new("RGB", (240, 160), (rng.randrange(20, 70), rng.randrange(30, 80), rng.randrange(60, 120)))
        draw = ImageDraw.Draw(image)
        for _ in range(3):
            x, y, r = rng.randrange(0, 240), rng.randrange(0, 160), rng.randrange(8, 50)
            draw.ellipse((x - r, y - r, x + r, y + r), outline=(rng.randrange(120, 255), 160, 200), width=3)
        draw.text((12, 130), f"{index:04d}", fill=(240, 240, 230))
        name = f"gen-{index:04d}.png"
        image.save(folder / name, compress_level=1)
        names.append(f"images/big/{name}")
    return names


def make_big_pack(folder: Path) -> Path:
    """The shipped content folder with a generated 5,000-event timeline.yaml."""
    rng = random.Random(5000)
    root = copy_content(folder / "content")
    files = make_images(root / "images" / "big", IMAGES, rng)
    shipped = yaml.safe_load((root / "timeline.yaml").read_text(encoding="utf-8"))
    events = []
    for index in range(EVENTS):
        year = rng.randrange(1990, 2026)
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        date = [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][index % 3]
        events.append({
            "id": f"gen-{index:04d}", "date": date, "lane": shipped["lanes"][index % len(shipped["lanes"])]["id"],
            "title": {"ru": f"Событие {index}", "en": f"Event {index}"},
            "teaser": {"ru": f"Строка под заголовком {index}", "en": f"The line under the title {index}"},
            "text": {"ru": "Длинный текст события. " * 12, "en": "The long text of the event. " * 12},
            "images": [{"file": files[index % IMAGES], "caption": {"ru": "Иллюстрация", "en": "Illustration"},
                        "credit": {"ru": "Генератор", "en": "Generator"}}],
            "highlight": index % 250 == 0, "source": "generated for the reliability test"})
    shipped["events"] = events
    (root / "timeline.yaml").write_text(yaml.dump(shipped, Dumper=yaml.CSafeDumper, allow_unicode=True,
                                                  sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder with kiosk.yaml (the shipped config) and content/ (the big pack)."""
    folder = tmp_path_factory.mktemp("big")
    started = time.perf_counter()
    make_big_pack(folder)
    write_default_config(folder, SoakSettings())
    print(f"\ngenerated {EVENTS} events and {IMAGES} images in {time.perf_counter() - started:.1f} s")
    return folder


def test_the_big_pack_starts_and_scrolls_under_the_memory_cap(big: Path) -> None:
    command = [sys.executable, "-m", "tests.reliability.big_pack_child", str(big), str(SCROLL_S)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                             env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    assert child.stdout is not None
    startup = -1.0
    report: dict[str, Any] = {}
    for line in child.stdout:
        if line.startswith("first-frame") and startup < 0:
            startup = time.perf_counter() - started
        elif line.startswith("RESULT "):
            report = json.loads(line.removeprefix("RESULT "))
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and report, err
    rss = report["rss_mb"]
    print(f"\nprocess start to first frame {startup:.2f} s; RSS after boot {rss[0]:.0f} MB, peak {max(rss):.0f} MB, "
          f"end {rss[-1]:.0f} MB over {SCROLL_S:.0f} s of scrolling ({len(rss) - 1} rounds, {report['details']} "
          f"details, image cache {report['image_cache_mb']} MB)")
    assert report["source"] == "content" and report["problems"] == [] and report["events"] == EVENTS
    assert report["failures"] == [] and report["scene_errors"] == 0 and report["scene"] == "timeline"
    assert 0 < startup < STARTUP_LIMIT_S
    assert report["details"] >= 3
    assert max(rss) < MEMORY_CAP_MB
