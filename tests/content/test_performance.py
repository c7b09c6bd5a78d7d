"""Load + validate a generated 1000-event file (target 0.4 s) and the bench scenario of the content system.

Timing targets are reported (printed), but only generous bounds are asserted so slow CI machines do not flake.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pygame

from kiosk.content import benchmark
from kiosk.content.loader import ContentSpec, load_bundle


def test_1000_events_load_and_validate_quickly(tmp_path: Path) -> None:
    best = benchmark.measure_load(tmp_path)
    result = load_bundle(tmp_path, [ContentSpec("timeline.yaml", benchmark.BenchTimeline)])
    assert result.problems == [] and result.bundle is not None
    timeline = result.bundle.models["timeline.yaml"]
    assert isinstance(timeline, benchmark.BenchTimeline) and len(timeline.events) == 1000
    assert result.bundle.where("timeline.yaml", ("events", 999, "id")) == (_line_of_event(999), 9)
    print(f"\n1000 events: load + validate best {best * 1000:.0f} ms")
    assert best < 2.0  # target 0.4 s


def _line_of_event(index: int) -> int:
    """Line of `- id:` of event `index` in the generated file (16 lines an event, 4 more with an image)."""
    return 3 + sum(16 + (4 if i % 10 == 0 else 0) for i in range(index))


def test_bench_content_scenario_reports_its_figures() -> None:
    pygame.display.init()
    pygame.display.set_mode((640, 360))
    try:
        frames = benchmark.content_scenario(argparse.Namespace(events=200), (640, 360))
    finally:
        pygame.display.quit()
    figures = benchmark.LAST_FIGURES
    print(f"\nbench content: {figures}")
    assert frames and max(frames) < 200
    assert figures["events"] == 200 and 0 < figures["load_events_ms"] < 2000
    assert 0 < figures["jpeg_6000x4000_to_1920_ms"] < 2000
