"""`bench`: frame times as a ratio to a bare full-screen blit+flip measured in the same run.

Figures are noisy on shared machines, so every result is relative to the floor measured right before
it. Scenes add scenarios by exporting `BENCH = {"name": function(args, size) -> list[float] frame ms}`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

NAME = "bench"
HELP = "measure frame times (ratio to a bare blit+flip), start-up time and memory"

Scenario = Callable[[argparse.Namespace, tuple[int, int]], list[float]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli import size_arg

    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--size", type=size_arg, default=(1920, 1080), help="WxH (default 1920x1080)")
    parser.add_argument("--scenario", default="synthetic", help="synthetic (default) or one a scene provides")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to run the scenario")
    parser.add_argument("--events", type=int, default=1000, help="generated events (timeline scenario)")
    parser.add_argument("--real-window", action="store_true", help="use the real display instead of SDL dummy")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100.0 * (len(ordered) - 1))))
    return ordered[index]


def _screen() -> Any:
    import pygame

    screen = pygame.display.get_surface()
    if screen is None:
        raise RuntimeError("no display surface: call pygame.display.set_mode first")
    return screen


def bare_flip_ms(frames: int = 240) -> list[float]:
    """The floor: blit one pre-rendered full-screen surface and flip."""
    import pygame

    screen = _screen()
    image = pygame.Surface(screen.get_size()).convert()
    image.fill((40, 60, 90))
    times = []
    for i in range(frames):
        start = time.perf_counter()
        screen.blit(image, (i % 2, 0))
        pygame.display.flip()
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def synthetic(args: argparse.Namespace, size: tuple[int, int]) -> list[float]:
    """1000 pre-rendered cards on a strip scrolled at a constant fling speed; only visible ones drawn."""
    import pygame

    from kiosk.theme import Theme

    screen = _screen()
    theme = Theme(scale=min(size) / 1080)
    card_w, card_h, gap = theme.px(360), theme.px(220), theme.px(24)
    title_font, body_font = theme.font("sans_bold", 30), theme.font("sans", 24)
    cards = []
    for i in range(1000):
        card = pygame.Surface((card_w, card_h)).convert()
        card.fill((24, 35, 58))
        pygame.draw.rect(card, (79, 179, 255), (0, 0, card_w, theme.px(8)))
        card.blit(title_font.render(f"{1990 + i % 35}", True, (243, 245, 249)), (theme.px(16), theme.px(24)))
        card.blit(body_font.render(f"Событие {i + 1} / Event {i + 1}", True, (180, 191, 210)),
                  (theme.px(16), theme.px(80)))
        cards.append(card)
    background = pygame.Surface(size).convert()
    background.fill((14, 22, 38))
    pitch = card_w + gap
    speed = 2400.0 * theme.scale  # px per second: a brisk fling
    offset, dt, times = 0.0, 1 / 60, []
    frames = max(60, int(args.seconds * 60))
    rows = max(1, (size[1] - theme.px(200)) // (card_h + gap))
    for _ in range(frames):
        start = time.perf_counter()
        offset = (offset + speed * dt) % (pitch * 1000 / rows)
        screen.blit(background, (0, 0))
        first = int(offset // pitch)
        for column in range(first, first + size[0] // pitch + 2):
            x = column * pitch - offset
            for row in range(rows):
                index = (column * rows + row) % 1000
                screen.blit(cards[index], (x, theme.px(100) + row * (card_h + gap)))
        pygame.display.flip()
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def scene_scenarios(args: argparse.Namespace) -> dict[str, Scenario]:
    from kiosk.content.benchmark import content_scenario

    found: dict[str, Scenario] = {"synthetic": synthetic, "content": content_scenario}
    try:
        from kiosk.config import load_config

        config = load_config(args.config)
        modules = [config.scenes[name].module for name in config.enabled_scenes()]
    except Exception:
        modules = []
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except Exception:
            continue
        found.update(getattr(module, "BENCH", {}) or {})
    return found


def startup_seconds(config: Path, size: tuple[int, int]) -> float:
    """Process start to first frame, measured from outside (interpreter start included)."""
    cmd = [sys.executable, str(Path(__file__).resolve().parents[2] / "run_kiosk.py"), "run", "--headless",
           "--seconds", "0", "--print-first-frame", "--config", str(config), "--size", f"{size[0]}x{size[1]}"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert proc.stdout is not None
    elapsed = -1.0
    for line in proc.stdout:
        if line.startswith("first-frame"):
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=60)
    return elapsed


def run(args: argparse.Namespace) -> int:
    from kiosk.app import rss_mb
    from kiosk.display import prepare_sdl

    scenarios = scene_scenarios(args)
    if args.scenario not in scenarios:
        print(f"bench: unknown scenario '{args.scenario}'; known: {', '.join(sorted(scenarios))}", file=sys.stderr)
        return 2
    prepare_sdl(headless=not args.real_window, framebuffer_acceleration=False, kiosk=False)
    import pygame

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode(args.size)
    bare = bare_flip_ms()
    frames = scenarios[args.scenario](args, args.size)
    pygame.quit()
    bare_p50 = percentile(bare, 50)
    result: dict[str, Any] = {
        "scenario": args.scenario,
        "size": f"{args.size[0]}x{args.size[1]}",
        "driver": "x11" if args.real_window else "dummy",
        "bare_flip_ms": round(bare_p50, 3),
        "bare_flip_ms_p99": round(percentile(bare, 99), 3),
        "frame_ms_p50": round(percentile(frames, 50), 3),
        "frame_ms_p99": round(percentile(frames, 99), 3),
        "frame_ms_max": round(max(frames, default=0.0), 3),
        "frames": len(frames),
        "ratio_p99_to_bare": round(percentile(frames, 99) / bare_p50, 2) if bare_p50 else None,
        "startup_s": None if args.no_startup else round(startup_seconds(args.config, args.size), 3),
        "rss_mb": round(rss_mb(), 1),
    }
    if args.scenario == "content":
        from kiosk.content.benchmark import LAST_FIGURES

        result.update(LAST_FIGURES)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0
