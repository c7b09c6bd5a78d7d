"""Child process for test_resource_limits: the shipped exhibit on the big pack, scrolled; one JSON report.

`python -m tests.reliability.big_pack_child FOLDER SECONDS` prints "first-frame" when the first frame is on
screen (the parent times process start to that line, as `bench` does for `startup_s`), then scrolls for
SECONDS of program time and prints "RESULT {json}" with RSS samples (a clean process: no test runner's memory).
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def scroll_steps(width: int, height: int, rng: random.Random) -> list[dict[str, Any]]:
    """One restless round: flings both ways, a scrubber jump, a pinch, a zoom button."""
    y = round(height * 0.45)
    left, right = round(width * 0.12), round(width * 0.88)
    steps: list[dict[str, Any]] = []
    for _ in range(3):
        a, b = (right, left) if rng.random() < 0.7 else (left, right)
        steps += [{"swipe": {"from": [a, y], "to": [b, y], "ms": 120}}, {"wait": rng.uniform(0.2, 0.6)}]
    steps += [{"tap": [round(width * rng.uniform(0.05, 0.95)), round(height * 0.94)]}, {"wait": 0.4}]  # scrubber
    steps += [{"pinch": {"center": [width // 2, y], "from": 200, "to": rng.choice([80, 460]), "ms": 300}},
              {"wait": 0.4}, {"tap": {"target": rng.choice(["timeline.zoom_in", "timeline.zoom_out"])}},
              {"wait": 0.3}]
    return steps


def main(folder: Path, seconds: float) -> dict[str, Any]:
    from kiosk.app import App, RunOptions, rss_mb
    from kiosk.config import load_config

    app = App(load_config(folder / "kiosk.yaml"),
              RunOptions(headless=True, size=(1920, 1080), watch_content=False,
                         on_first_frame=lambda: print("first-frame", flush=True)))
    try:
        app.advance(0.5)
        rng = random.Random(7)
        samples = [rss_mb()]
        details = 0
        failures: list[str] = []
        end = app.clock.now() + seconds
        while app.clock.now() < end:
            failures += app.play(scroll_steps(1920, 1080, rng))
            cards = [t.name for t in app.all_targets() if t.name.startswith("card.")]
            if cards and rng.random() < 0.5:
                failures += app.play([{"tap": {"target": rng.choice(cards)}}, {"wait": 0.5}])
                details += app.find_target("detail.close") is not None
                app.play([{"tap": {"target": "detail.close"}}, {"wait": 0.3}])
            samples.append(rss_mb())
        timeline = app.content.get("timeline.yaml")
        return {"rss_mb": [round(s, 1) for s in samples], "details": details, "failures": failures,
                "scene_errors": app.scene_errors, "events": len(timeline.events) if timeline else 0,
                "source": app.content.source, "problems": app.content.problems(),
                "image_cache_mb": round(app.images.used_bytes / 2**20, 1), "scene": app.scene_name()}
    finally:
        app.shutdown()


if __name__ == "__main__":
    print("RESULT " + json.dumps(main(Path(sys.argv[1]), float(sys.argv[2]))), flush=True)
