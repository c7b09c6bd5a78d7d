"""`bench --scenario timeline`: the real app on generated content, under continuous flings and zooms.

Builds a content folder in a temporary directory (args.events events, 300 distinct generated JPEG/PNG
illustrations, the real ui.yaml), starts the real App headless at the requested size on it, and plays a
scripted visitor who keeps flinging both ways and zooming (pinch and the +/- buttons) for args.seconds of
program time. Returns the work time of every frame after the first half second (start-up and the very first
render of the screen are `startup_s`'s business, not the scroll's).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
IMAGE_COUNT = 300
WARM_UP_S = 0.5

_WORDS_RU = ("сеть", "портал", "сервис", "город", "проект", "запуск", "связь", "сайт", "данные", "карта",
             "услуги", "школа", "поиск", "почта", "форум", "канал", "станция", "номер", "домен", "платформа")
_WORDS_EN = ("network", "portal", "service", "city", "project", "launch", "link", "site", "data", "map",
             "services", "school", "search", "mail", "forum", "channel", "station", "number", "domain", "platform")


def _phrase(rng: random.Random, words: tuple[str, ...], count: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[:1].upper() + text[1:]


def _make_images(folder: Path, count: int, rng: random.Random) -> list[str]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index in range(count):
        image = Image.new("RGB", (480, 320), (rng.randrange(20, 60), rng.randrange(30, 70), rng.randrange(60, 110)))
        draw = ImageDraw.Draw(image)
        for _ in range(6):
            x, y = rng.randrange(0, 440), rng.randrange(0, 280)
            r = rng.randrange(10, 80)
            draw.ellipse((x - r, y - r, x + r, y + r), outline=(rng.randrange(120, 255), rng.randrange(80, 200),
                                                                rng.randrange(60, 255)), width=4)
        draw.text((24, 250), f"{1990 + index % 35}", fill=(240, 240, 230))
        name = f"gen-{index:03d}.{'jpg' if index % 2 else 'png'}"
        image.save(folder / name, quality=80) if index % 2 else image.save(folder / name)
        names.append(f"images/{name}")
    return names


def make_content(root: Path, events: int, images: int = IMAGE_COUNT, seed: int = 30) -> Path:
    """A valid content folder with `events` generated timeline events sharing `images` illustrations."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config" / "content" / "ui.yaml", root / "ui.yaml")
    files = _make_images(root / "images", images, rng)
    items = []
    for index in range(events):
        year = rng.randrange(1990, 2026)
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        date = [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][index % 3]
        items.append({
            "id": f"ev-{index:04d}", "date": date, "lane": "runet" if index % 2 else "moscow",
            "title": {"ru": _phrase(rng, _WORDS_RU, 3), "en": _phrase(rng, _WORDS_EN, 3)},
            "teaser": {"ru": _phrase(rng, _WORDS_RU, 5), "en": _phrase(rng, _WORDS_EN, 5)},
            "text": {"ru": _phrase(rng, _WORDS_RU, 40) + ".", "en": _phrase(rng, _WORDS_EN, 40) + "."},
            "images": [{"file": files[index % len(files)], "caption": {"ru": "Иллюстрация", "en": "Illustration"},
                        "credit": {"ru": "Генератор", "en": "Generator"}}],
            "highlight": index % 50 == 0, "source": "bench-generated"})
    data: dict[str, Any] = {
        "settings": {"range_start_year": 1990, "range_end_year": 2025},
        "lanes": [{"id": "runet", "title": {"ru": "Рунет", "en": "Runet"}, "colour": "lane.runet"},
                  {"id": "moscow", "title": {"ru": "Москва", "en": "Moscow"}, "colour": "lane.moscow"}],
        "eras": [{"id": f"{d}s", "title": {"ru": f"{d}-е", "en": f"{d}s"}, "start": d, "end": d + 9}
                 for d in (1990, 2000, 2010, 2020)],
        "events": items,
    }
    (root / "timeline.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def write_bench_config(folder: Path, content: Path) -> Path:
    data = {
        "paths": {"content": str(content), "var": str(folder / "var"),
                  "theme": str(REPO / "config" / "theme.yaml")},
        "home": "timeline",
        "scenes": {"timeline": {"module": "scenes.timeline"}},
        "sound": {"enabled": False},
    }
    path = folder / "kiosk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def visitor_steps(width: int, height: int) -> list[dict[str, Any]]:
    """One round (~11 s) of a restless visitor: flings both ways at every zoom level, pinches in and out, the
    zoom buttons (decade → year → month and back)."""
    y = round(height * 0.45)
    left, right, middle = round(width * 0.15), round(width * 0.85), width // 2
    forward = {"swipe": {"from": [right, y], "to": [left, y], "ms": 140}}
    back = {"swipe": {"from": [left, y], "to": [right, y], "ms": 140}}
    pinch_in = {"pinch": {"center": [middle, y], "from": 200, "to": 460, "ms": 300}}
    pinch_out = {"pinch": {"center": [middle, y], "from": 460, "to": 200, "ms": 300}}
    return [forward, {"wait": 0.5}, forward, {"wait": 0.4}, pinch_in, {"wait": 0.4}, forward, {"wait": 0.5},
            back, {"wait": 0.4}, pinch_out, {"wait": 0.4}, forward, {"wait": 0.3}, forward, {"wait": 0.5},
            {"tap": {"target": "timeline.zoom_in"}}, {"wait": 0.4}, back, {"wait": 0.4},
            {"tap": {"target": "timeline.zoom_in"}}, {"wait": 0.4}, back, {"wait": 0.4}, forward, {"wait": 0.4},
            {"tap": {"target": "timeline.zoom_out"}}, {"wait": 0.4}, back, {"wait": 0.4},
            {"tap": {"target": "timeline.zoom_out"}}, {"wait": 0.4}, back, {"wait": 0.5}]


def run_scenario(args: argparse.Namespace, size: tuple[int, int]) -> list[float]:
    from kiosk.app import App, RunOptions
    from kiosk.config import load_config

    events = int(getattr(args, "events", 1000) or 1000)
    seconds = float(getattr(args, "seconds", 5.0) or 5.0)
    folder = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    try:
        content = make_content(folder / "content", events)
        config = load_config(write_bench_config(folder, content))
        app = App(config, RunOptions(headless=True, size=size, watch_content=False))
        try:
            app.advance(WARM_UP_S)
            times: list[float] = []
            end = app.clock.now() + seconds
            while app.running and app.clock.now() < end:
                before = app.stats.frames
                app.play(visitor_steps(*size), limit_s=max(0.1, end - app.clock.now()))
                new = app.stats.frames - before
                times.extend(list(app.stats.frame_ms)[-new:] if new else [])
            return times
        finally:
            app.content.stop()
            app.images.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


BENCH = {"timeline": run_scenario}
