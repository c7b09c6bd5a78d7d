"""Figures for `bench --scenario content`: 1000-event load + validate, and a 6000×4000 JPEG decoded to a
1920-wide card in the background while frames keep flipping.

The timeline model here is a stand-in with the shape of a real timeline (bilingual texts, dates, images), so
the figure does not depend on which scenes are enabled. `content_scenario` follows the bench plug-in
signature `(args, size) -> list[frame ms]`; the other figures are left in `LAST_FIGURES`:
jpeg_6000x4000_to_1920_ms (the worker's decode, the issue #4 figure), jpeg_to_surface_main_thread_ms (what
the frame that receives it pays), jpeg_request_to_shown_ms (request to the first frame drawing it: adds the
wait for a worker and up to two frames of pacing), frame_ms_max_during_decode.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from kiosk.content.loader import ContentSpec, load_bundle
from kiosk.content.types import AssetPath, Bilingual, DateField, NonEmptyText, Strict

LAST_FIGURES: dict[str, float] = {}


class BenchImage(Strict):
    file: AssetPath
    caption: Bilingual
    credit: Bilingual


class BenchEvent(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    date: DateField
    lane: Literal["runet", "moscow"]
    title: Bilingual
    teaser: Bilingual
    text: Bilingual
    images: list[BenchImage] = []
    link: str | None = None
    highlight: bool = False
    source: NonEmptyText
    reconstruction: bool = False


class BenchTimeline(Strict):
    lanes: list[str]
    events: list[BenchEvent]

    def content_ids(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        for index, event in enumerate(self.events):
            yield event.id, ("events", index, "id")


def generate_timeline(count: int, image: str = "images/card.png") -> str:
    """YAML text of `count` events, one in ten with an image."""
    lines = ["lanes: [runet, moscow]", "events:"]
    for i in range(count):
        year, month, day = 1990 + i % 35, 1 + i % 12, 1 + i % 28
        lines += [
            f"  - id: event-{i}",
            f"    date: {year}-{month:02d}-{day:02d}" if i % 3 else f"    date: {year}",
            f"    lane: {'runet' if i % 2 else 'moscow'}",
            f"    title: {{ru: \"Событие номер {i}\", en: \"Event number {i}\"}}",
            "    teaser:",
            f"      ru: Короткая строка о событии {i}",
            f"      en: A short line about event {i}",
            "    text:",
            "      ru: >-",
            "        Длинный текст события: что произошло, кто участвовал и почему это важно для истории",
            "        Рунета и Москвы. Второе предложение продолжает рассказ и добавляет подробности.",
            "      en: >-",
            "        A longer text: what happened, who took part and why it matters for the history of",
            "        the Runet and Moscow. A second sentence continues the story with more detail.",
            f"    source: 'facts:runet/item-{i}'",
            f"    highlight: {'true' if i % 10 == 0 else 'false'}",
        ]
        if i % 10 == 0:
            lines += ["    images:", f"      - file: {image}",
                      "        caption: {ru: Иллюстрация, en: Illustration}",
                      "        credit: {ru: Иллюстрация экспозиции, en: Exhibit illustration}"]
    return "\n".join(lines) + "\n"


def write_big_jpeg(path: Path, size: tuple[int, int] = (6000, 4000)) -> Path:
    """A photo-like JPEG (smooth shapes plus grain, ~7 MB at 6000×4000)."""
    from PIL import Image

    small = (size[0] // 10, size[1] // 10)
    smooth = Image.effect_noise(small, 90).convert("RGB").resize(size, Image.Resampling.BICUBIC)
    Image.blend(smooth, Image.effect_noise(size, 18).convert("RGB"), 0.25).save(path, quality=90)
    return path


def measure_load(root: Path, events: int = 1000, repeats: int = 3) -> float:
    """Best load + validate time in seconds of a generated timeline under `root`."""
    from PIL import Image

    (root / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (90, 120, 160)).save(root / "images" / "card.png")
    (root / "timeline.yaml").write_text(generate_timeline(events), encoding="utf-8")
    specs = [ContentSpec("timeline.yaml", BenchTimeline)]
    timings = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        result = load_bundle(root, specs)
        timings.append(time.perf_counter() - started)
        if result.bundle is None:
            raise RuntimeError(f"generated content did not validate: {result.problems[:3]}")
    return min(timings[1:])  # the first run warms imports and caches


def content_scenario(args: Any, size: tuple[int, int]) -> list[float]:
    """Bench plug-in: frame times while a 6000×4000 JPEG decodes in the background (display must be set)."""
    import pygame

    from kiosk.images import ImageCache

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        root = Path(folder)
        events = int(getattr(args, "events", 1000))
        LAST_FIGURES["events"] = events
        LAST_FIGURES["load_events_ms"] = round(measure_load(root, events) * 1000, 1)
        big = write_big_jpeg(root / "big.jpg")
        screen = pygame.display.get_surface()
        if screen is None:
            raise RuntimeError("no display surface: call pygame.display.set_mode first")
        background = pygame.Surface(screen.get_size()).convert()
        background.fill((14, 22, 38))
        cache = ImageCache(max_mb=256, workers=2)
        frames: list[float] = []
        try:
            started = time.perf_counter()
            surface = None
            while surface is None and time.perf_counter() - started < 10:
                frame_start = time.perf_counter()
                surface = cache.request(big, (1920, 1280))
                cache.pump(2.0)
                screen.blit(background, (0, 0))
                if surface is not None:
                    screen.blit(surface, (0, 0))
                pygame.display.flip()
                frames.append((time.perf_counter() - frame_start) * 1000.0)
                time.sleep(max(0.0, 1 / 60 - frames[-1] / 1000))
            shown_after = time.perf_counter() - started
            LAST_FIGURES["jpeg_6000x4000_to_1920_ms"] = round(cache.decode_ms[-1], 1) if cache.decode_ms else -1
            LAST_FIGURES["jpeg_to_surface_main_thread_ms"] = round(cache.surface_ms[-1], 1) if cache.surface_ms else -1
            LAST_FIGURES["jpeg_request_to_shown_ms"] = round(shown_after * 1000, 1) if surface is not None else -1
            LAST_FIGURES["frame_ms_max_during_decode"] = round(max(frames, default=0.0), 2)
        finally:
            cache.shutdown()
    return frames
