"""Power cuts during hot reload: a content file left cut short never reaches the visitors.

The shipped exhibit runs with its content watcher on (make_app's watch_content=True, here the shipped config).
A content file is then left as a power cut leaves it — cut at a random byte, cut with a tail of zero bytes
(the file's size reached the disk, its data did not), or empty — while the kiosk keeps running frames. The
watcher validates it: the visitors keep the last good content (the same bundle; the timeline with all its
cards, a card still opens), the admin overlay names the file and line, and var/last_good_content keeps the
good copy. Restoring the file swaps good content back in. Finally the kiosk is restarted on the broken file
(the power came back) and shows the last good copy.

A cut that happens to leave valid YAML (e.g. right after a complete event) is valid content with fewer events:
the kiosk cannot tell it from an edit, so it is shown — the test checks that case against `load_bundle`
itself. Editors and copies that write in several steps are covered by tests/content/test_reload.py.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.loader import load_bundle
from kiosk.content.registry import content_specs, make_context
from kiosk.content.reload import snapshot

FILES = ("timeline.yaml", "ui.yaml", "active_citizen.yaml", "mosru.yaml", "retro_pc.yaml")
CASES = 6


def write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    stamp = time.time_ns() + 2_000_000_000  # a coarse file-system clock must not hide the change
    os.utime(path, ns=(stamp, stamp))


def watcher_idle(app: Any) -> bool:
    watcher = app.content.watcher
    return (not watcher.loading and not watcher._pending
            and watcher._seen == snapshot(app.content.root))


def wait_until(app: Any, condition: Callable[[], bool], limit_s: float = 15.0, steady_s: float = 0.15) -> None:
    """Run frames (real time passes for the watcher thread) until the condition has held for `steady_s` (the
    watcher publishes a load's problems a moment after counting it)."""
    deadline = time.monotonic() + limit_s
    held_since = None
    while True:
        now = time.monotonic()
        if condition():
            held_since = held_since or now
            if now - held_since >= steady_s:
                return
        else:
            held_since = None
        if now > deadline:
            raise AssertionError("the content watcher did not settle")
        app.advance(1 / 60)
        time.sleep(0.005)


def rewrite(app: Any, path: Path, data: bytes) -> None:
    """Write the file once the watcher is idle, then wait until it has loaded exactly this state."""
    wait_until(app, lambda: watcher_idle(app))
    loads = app.content.watcher.loads
    write(path, data)
    wait_until(app, lambda: app.content.watcher.loads > loads and watcher_idle(app))
    app.advance(0.1)  # the frame that swaps a new bundle in


def cut(original: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["cut", "cut+zeros", "empty"])
    pos = rng.randrange(1, len(original))
    if kind == "cut":
        return f"cut at byte {pos}", original[:pos]
    if kind == "cut+zeros":
        return f"cut at byte {pos} + zeros", original[:pos] + b"\0" * (len(original) - pos)
    return "empty", b""


@pytest.fixture
def live_app(shipped_app: Callable[..., Any]) -> Any:
    app = shipped_app(watch=True)
    app.content.watcher.poll_s = 0.05  # the real watcher, polled faster (defaults: 0.5 s, 1 s of quiet)
    app.content.watcher.debounce_s = 0.3
    app.advance(0.5)
    return app


def timeline_cards(app: Any) -> list[str]:
    return [t.name for t in app.all_targets() if t.name.startswith(("card.", "stack."))]


def test_cut_files_keep_the_last_good_content_on_screen(live_app: Any, tmp_path: Path) -> None:
    app = live_app
    root = app.config.content_dir
    last_good = app.config.var_dir / "last_good_content"
    originals = {name: (root / name).read_bytes() for name in FILES}
    events = len(app.content.get("timeline.yaml").events)
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"\nseed {seed}")
    rng = random.Random(seed)
    shown_broken = 0
    for _ in range(CASES):
        name = rng.choice(FILES)
        what, data = cut(originals[name], rng)
        scratch = tmp_path / "scratch"  # what the loader itself says about this state
        if not scratch.exists():
            shutil.copytree(root, scratch)
        (scratch / name).write_bytes(data)
        expected = load_bundle(scratch, content_specs(app.config), make_context(app.config, scratch))
        (scratch / name).write_bytes(originals[name])

        before = app.content.bundle
        rewrite(app, root / name, data)
        print(f"{name}: {what}: {'valid (shown)' if expected.bundle else 'broken (kept the last good)'}")
        if expected.bundle is not None:  # a valid prefix: shown like any edit
            assert app.content.bundle is not before, what
        else:
            shown_broken += 1
            assert app.content.bundle is before, f"{name} {what}: broken content reached the visitors"
            problems = app.content.problems()
            assert problems and all(name in line and ": error: " in line for line in problems if "error" in line)
            assert any(line.startswith(f"content: {problems[0]}") for line in app.status_lines())
            assert (last_good / name).read_bytes() == originals[name], "the last good copy was overwritten"
            assert app.scene_name() == "timeline" and len(app.content.get("timeline.yaml").events) == events
            cards = [c for c in timeline_cards(app) if c.startswith("card.")]
            assert cards and app.play([{"tap": {"target": cards[0]}}, {"wait": 0.4}]) == []
            assert app.find_target("detail.close") is not None  # a card still opens
            assert app.play([{"tap": {"target": "detail.close"}}, {"wait": 0.3}]) == []
        rewrite(app, root / name, originals[name])
        assert app.content.problems() == [] and app.content.bundle is not None
        assert len(app.content.get("timeline.yaml").events) == events
    assert app.scene_errors == 0
    assert shown_broken >= 1 or CASES < 3


def test_power_back_on_a_cut_file_boots_on_the_last_good_copy(shipped_app: Callable[..., Any]) -> None:
    app = shipped_app()
    root = app.config.content_dir
    events = len(app.content.get("timeline.yaml").events)
    app.shutdown()
    original = (root / "timeline.yaml").read_bytes()
    write(root / "timeline.yaml", original[: len(original) // 3] + b"\0" * 4096)
    app = shipped_app()
    app.advance(0.5)
    assert app.content.source == "last_good"
    assert len(app.content.get("timeline.yaml").events) == events
    assert app.scene_name() == "timeline" and timeline_cards(app)
    assert any("timeline.yaml" in line and "error" in line for line in app.status_lines())


def test_cut_file_and_damaged_last_good_copy_show_the_calm_updating_screen(shipped_app: Callable[..., Any]) -> None:
    app = shipped_app()
    root, last_good = app.config.content_dir, app.config.var_dir / "last_good_content"
    app.shutdown()
    write(root / "ui.yaml", b"")
    write(last_good / "timeline.yaml", (last_good / "timeline.yaml").read_bytes()[:500])
    app = shipped_app()
    assert app.content.source == "none"
    assert app.play([{"wait": 0.5}, {"expect_scene": "updating"}, {"tap": [960, 540]}, {"wait": 0.5},
                     {"tap": {"target": "lang"}}, {"wait": 0.3}]) == []
    assert app.scene_errors == 0 and app.running
    assert any("ui.yaml" in line for line in app.status_lines())
