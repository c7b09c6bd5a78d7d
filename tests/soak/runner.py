"""Runs the monkey visitor against the real App and writes the soak summary (JSON).

The App is the default one: config/kiosk.yaml (every scene it enables, home = timeline) on a copy of the
default content, with var/ in a temporary folder, headless on the simulated clock (each frame is 1/fps of
program time, so a 10-minute soak takes as long as the frames take to compute, not 10 minutes).

Every `sample_every_s` of program time it records RSS, the frames' work time since the previous sample
(p50/p99/max of `app.stats.frame_ms`), the image cache fill and the scene on screen. The summary's verdict
(`failures`, built in summary.py) follows the pass rules in docs/reliability.md. Run by tests/soak/test_soak.py; by hand:

    .venv/bin/python -m tests.soak.runner --minutes 10 --seed 1234 --out out/soak/summary.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.soak.summary import build_summary, headline, percentile

REPO = Path(__file__).resolve().parents[2]

WARM_UP_SHARE = 0.5
"""Warm-up = the tour plus this share of the random part. Besides the bounded caches (filled by the tour), the
exhibit takes ~20 MB more in its first 10–20 minutes of use (allocator fragmentation and one-time allocations;
two 30-minute runs are flat after that — docs/reliability.md), so leaks are judged on the second half."""
SETTLE_S = 2.0
"""Leaks are judged on memory the bounded caches do not explain. At the end of warm-up and at the end, the exhibit goes
home, runs SETTLE_S, and RSS is read (the process's real RSS); then the home scene is replaced by a fresh one,
the image and text caches are emptied, it runs SETTLE_S again, gc.collect() and malloc_trim(0) return freed
pages, and RSS is read again ("without caches"). Growth = the change of the second figure as a share of the
first (summary.py). Raw RSS at any moment swings by ±15 % with how full the bounded caches happen to be (the
text cache empties on language switches) and which scene is open, so raw samples are reported, not compared."""


@dataclass
class SoakSettings:
    seconds: float = 600.0
    """Program time of the random part (the warm-up tour runs before it)."""
    seed: int | None = None
    sample_every_s: float = 10.0
    size: tuple[int, int] | None = None
    idle_seconds: float | None = None
    """Override config idle.idle_seconds (short runs: so a 2-minute run still sees countdowns and resets)."""
    countdown_seconds: float | None = None
    tour_scene_s: float = 30.0
    """Program seconds the warm-up tour spends in each linked scene (its one-time allocations happen there)."""
    frame_margin: float = 1.0
    """Multiplies the frame budget in the p99 rule (a loaded CI machine gets a margin; docs/reliability.md)."""
    extra_config: dict[str, Any] = field(default_factory=dict)


def write_default_config(folder: Path, settings: SoakSettings) -> Path:
    """config/kiosk.yaml as shipped, with content copied into `folder` and var/ inside it."""
    data: dict[str, Any] = yaml.safe_load((REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8"))
    content = folder / "content"
    if not content.exists():
        shutil.copytree(REPO / "config" / "content", content)
    data["paths"] = {"content": str(content), "var": str(folder / "var"),
                     "theme": str(REPO / "config" / "theme.yaml")}
    idle = dict(data.get("idle") or {})
    if settings.idle_seconds is not None:
        idle["idle_seconds"] = settings.idle_seconds
    if settings.countdown_seconds is not None:
        idle["countdown_seconds"] = settings.countdown_seconds
    data["idle"] = idle
    for key, value in settings.extra_config.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    path = folder / "kiosk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def start_app(folder: Path, settings: SoakSettings) -> Any:
    from kiosk.app import App, RunOptions
    from kiosk.config import load_config

    config = load_config(write_default_config(folder, settings))
    return App(config, RunOptions(headless=True, size=settings.size, watch_content=False))


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc malloc_trim), so RSS shows what the process
    holds rather than what malloc keeps cached after a scene's big surfaces were freed."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):  # not glibc: the raw figure is all there is
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)


class SoakRun:
    """One soak: the app, the monkey, the samples. `run()` returns the summary dict."""

    def __init__(self, folder: Path, settings: SoakSettings) -> None:
        from tests.soak.monkey import Monkey, Pace

        self.folder = folder
        self.settings = settings
        self.seed = settings.seed if settings.seed is not None else random.SystemRandom().randrange(2**31)
        print(f"soak: seed {self.seed} (replay with --seed {self.seed} / SOAK_SEED={self.seed})", flush=True)
        started = time.perf_counter()
        self.app = start_app(folder, settings)
        self.app.advance(1.0 / self.app.clock.fps)
        self.startup_s = time.perf_counter() - started
        self.monkey = Monkey(self.app, self.seed, Pace(idle_seconds=self.app.config.idle.idle_seconds,
                                                        countdown_seconds=self.app.config.idle.countdown_seconds))
        self.entered: Counter[str] = Counter({self.app.scene_name(): 1})
        self.app.router.listeners.append(self._listen)
        self.by_scene: dict[str, list[float]] = {}
        self.langs_seen: set[str] = {self.app.i18n.lang}
        self.frames: list[float] = []
        self.samples: list[dict[str, Any]] = []
        self.countdowns = 0
        self.resets = 0
        self.uncaught: str | None = None
        self.tour: dict[str, Any] = {}
        self.tour_end = 0.0
        self.rss_after_tour: tuple[float, float] | None = None
        self.rss_warm: tuple[float, float] | None = None
        self.warm_end = 0.0
        self.rss_end: tuple[float, float] | None = None
        self.stuck: dict[str, int] = {}

    def _listen(self, kind: str, scene: Any) -> None:
        if kind == "enter":
            self.entered[scene.name] += 1

    # -- measuring ---------------------------------------------------------------------------------------
    def _bare_flip(self) -> list[float]:
        from kiosk.commands.bench import bare_flip_ms

        return bare_flip_ms(240)

    def _sample(self, window: list[float]) -> dict[str, Any]:
        from kiosk.app import rss_mb

        app = self.app
        return {"t_s": round(app.clock.now(), 1), "rss_mb": round(rss_mb(), 1),
                "frames": len(window), "frame_ms_p50": percentile(window, 50),
                "frame_ms_p99": percentile(window, 99), "frame_ms_max": round(max(window, default=0.0), 3),
                "image_cache_mb": round(app.images.used_bytes / 2**20, 1), "scene": app.scene_name(),
                "stack": len(app.router.stack), "lang": app.i18n.lang, "idle": app.idle.state.value}

    def _warm(self) -> bool:
        """The tour showed every linked scene, and every event in every language."""
        linked = self.monkey.linked_scene_names() | {self.app.router.home}
        walked = {lang for lang, shown in self.tour.get("details_shown", {}).items() if shown}
        self.langs_seen |= walked
        return linked <= set(self.entered) and walked >= set(self.app.i18n.available)

    def _settled_rss(self, empty_caches: bool = True) -> tuple[float, float]:
        """(RSS at home, RSS with the bounded caches emptied) — see SETTLE_S. Without `empty_caches` only the
        first figure is measured (and returned twice)."""
        import gc

        from kiosk.app import rss_mb

        app = self.app
        self.monkey.drain(app)
        app.router.reset_home()
        app.advance(SETTLE_S)
        gc.collect()
        raw = rss_mb()
        if not empty_caches:
            return round(raw, 1), round(raw, 1)
        app.router.replace(app.router.home)  # a fresh home scene: its card caches go with the old one
        app.images.clear()
        app.text.clear()
        app.advance(SETTLE_S)
        gc.collect()
        trim_heap()
        return round(raw, 1), round(rss_mb(), 1)

    # -- running ----------------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        from kiosk.idle import IdleState
        from tests.soak.tour import warm_up_tour

        app, monkey = self.app, self.monkey
        wall_started = time.perf_counter()
        bare = self._bare_flip()
        self.samples.append(self._sample([]))
        try:
            self.tour = warm_up_tour(app, monkey, self.settings.tour_scene_s)
        except Exception:
            self.uncaught = traceback.format_exc()
            self.tour = {}
        self.langs_seen.add(app.i18n.lang)
        toured = self._warm() and self.uncaught is None
        self.rss_after_tour = self._settled_rss(empty_caches=False) if toured else None
        self.tour_end = app.clock.now()
        self.samples.append(self._sample(list(app.stats.frame_ms)))
        next_sample = app.clock.now() + self.settings.sample_every_s
        end = app.clock.now() + self.settings.seconds
        warm_at = app.clock.now() + self.settings.seconds * WARM_UP_SHARE
        window: list[float] = []
        previous_idle = app.idle.state
        try:
            while self.uncaught is None and app.running and app.clock.now() < end - 1e-9:
                monkey.tick(app.clock.now())
                app.frame(app.clock.tick())
                window.append(app.stats.frame_ms[-1])
                self.by_scene.setdefault(app.scene_name(), []).append(window[-1])
                self.langs_seen.add(app.i18n.lang)
                state = app.idle.state
                if state is not previous_idle:
                    self.countdowns += state is IdleState.COUNTDOWN
                    self.resets += state is IdleState.ATTRACT and previous_idle is IdleState.COUNTDOWN
                    previous_idle = state
                now = app.clock.now()
                if toured and self.rss_warm is None and now >= warm_at:
                    self.rss_warm, self.warm_end = self._settled_rss(), app.clock.now()
                if now >= next_sample - 1e-9:
                    self.frames.extend(window)
                    self.samples.append(self._sample(window))
                    window = []
                    next_sample += self.settings.sample_every_s
            self.frames.extend(window)
            if window:
                self.samples.append(self._sample(window))
            monkey.drain(app)  # every finger lifted
            self.stuck = {"pointers": len(app.gestures.pointers), "ignored": len(app.gestures.ignored)}
        except Exception:
            self.uncaught = traceback.format_exc()
        bare += self._bare_flip()
        final = self._final_tap() if self.uncaught is None else {"ok": False, "failures": ["not reached"]}
        self.rss_end = self._settled_rss() if self.uncaught is None else None
        return build_summary(self, bare, final, time.perf_counter() - wall_started)

    def _final_tap(self) -> dict[str, Any]:
        """After the monkey (every finger lifted), let the screen settle, then a scripted visitor taps the
        language button and expects the other language (a first tap that only wakes the exhibit from the
        countdown or the attract tour is allowed, as for any visitor)."""
        from kiosk.idle import IdleState

        app = self.app
        app.advance(1.0)
        before = app.i18n.lang
        steps: list[dict[str, Any]] = []
        if app.idle.state is not IdleState.ACTIVE:
            steps += [{"tap": {"target": "lang"}}, {"wait": 0.5}, {"expect_lang": before}]
        other = next(lang for lang in app.i18n.available if lang != before)
        steps += [{"tap": {"target": "lang"}}, {"wait": 0.5}, {"expect_lang": other}]
        screen_before = app.display.screen.copy()
        failures = app.play(steps)
        changed = screen_before.get_view("2").raw != app.display.screen.get_view("2").raw
        return {"ok": not failures and changed, "failures": failures, "lang_before": before,
                "lang_after": app.i18n.lang, "screen_changed": changed, "scene": app.scene_name()}

    def close(self) -> None:
        self.app.shutdown()


def run_soak(folder: Path, settings: SoakSettings, out: Path | None = None) -> dict[str, Any]:
    """Start the app in `folder`, run the monkey, shut down; write the summary to `out` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    soak = SoakRun(folder, settings)
    try:
        summary = soak.run()
    finally:
        soak.close()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=REPO / "out" / "soak" / "summary.json")
    parser.add_argument("--dir", type=Path, default=None, help="working folder (default: a new temp folder)")
    parser.add_argument("--frame-margin", type=float, default=1.0)
    args = parser.parse_args(argv)
    import tempfile

    folder = args.dir or Path(tempfile.mkdtemp(prefix="soak-"))
    summary = run_soak(folder, SoakSettings(seconds=args.minutes * 60, seed=args.seed,
                                            frame_margin=args.frame_margin), args.out)
    print(headline(summary))
    for warning in summary["warnings"]:
        print(f"warning: {warning}")
    for failure in summary["failures"]:
        print(f"FAIL: {failure}")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
