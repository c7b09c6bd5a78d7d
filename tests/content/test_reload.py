"""Hot reload and last good content: visitors keep valid content while curators edit."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.content.loader import ContentBundle
from kiosk.content.reload import ContentWatcher, boot_load, save_last_good, snapshot
from tests.content.models import CONTEXT, TIMELINE, Timeline

GOOD = "title: {ru: Версия 1, en: Version 1}\nevents:\n  - id: relcom\n    date: 1990-08\n    title: {ru: Р, en: R}\n"
BROKEN = "title: {ru: Версия 2, en: Version 2}\nevents:\n  - id: relcom\n    date: 1997-02-30\n    title: {ru: Р}\n"
FIXED = GOOD.replace("1", "3")


def title(bundle: ContentBundle | None) -> str:
    assert bundle is not None
    model = bundle.models["timeline.yaml"]
    assert isinstance(model, Timeline)
    return model.title.en


def wait_until(condition: Callable[[], object], seconds: float = 5.0) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000_000  # mtime granularity must not hide a change
    os.utime(path, ns=(stamp, stamp))


def test_broken_edit_keeps_old_content_and_fix_swaps_in(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    write(root / "timeline.yaml", GOOD)
    last_good = tmp_path / "var" / "last_good"
    boot = boot_load(root, [TIMELINE], CONTEXT, last_good)
    assert boot.source == "content" and title(boot.bundle) == "Version 1"
    assert (last_good / "timeline.yaml").read_text(encoding="utf-8") == GOOD

    watcher = ContentWatcher(root, lambda: [TIMELINE], lambda: CONTEXT, last_good, poll_s=0.05, debounce_s=0.2)
    watcher.start()
    try:
        write(root / "timeline.yaml", BROKEN)
        problems = wait_until(watcher.problems)
        assert [(p.line, p.col, p.message) for p in problems] == [  # type: ignore[attr-defined]
            (4, 11, "'1997-02-30' is not a real day: check the day of the month"),
            (5, 5, "'en' is missing: every visitor text needs both ru and en")]
        assert watcher.take_update() is None  # visitors keep version 1
        assert (last_good / "timeline.yaml").read_text(encoding="utf-8") == GOOD

        write(root / "timeline.yaml", FIXED)
        update = wait_until(watcher.take_update)
        assert title(update) == "Version 3"  # type: ignore[arg-type]
        assert watcher.problems() == []
        assert watcher.take_update() is None  # handed over once
        wait_until(lambda: (last_good / "timeline.yaml").read_text(encoding="utf-8") == FIXED)
    finally:
        watcher.stop()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_debounce_waits_for_a_quiet_second(tmp_path: Path) -> None:
    write(tmp_path / "timeline.yaml", GOOD)
    clock = FakeClock()
    watcher = ContentWatcher(tmp_path, lambda: [TIMELINE], lambda: CONTEXT, tmp_path.parent / "lg1", clock=clock)
    watcher._seen = snapshot(tmp_path)
    write(tmp_path / "timeline.yaml", FIXED)
    assert watcher.tick() is False
    clock.now += 0.6
    write(tmp_path / "timeline.yaml", GOOD.replace("1", "4"))  # still typing
    assert watcher.tick() is False
    clock.now += 0.6
    assert watcher.tick() is False  # only 0.6 s of quiet
    clock.now += 0.5
    assert watcher.tick() is True
    assert title(watcher.take_update()) == "Version 4"


def test_a_file_still_being_written_never_swaps(tmp_path: Path) -> None:
    write(tmp_path / "timeline.yaml", GOOD)
    clock = FakeClock()
    calls = []

    def specs() -> list:
        calls.append(1)
        if len(calls) == 1:  # the editor writes again while we validate the first version
            write(tmp_path / "timeline.yaml", GOOD + "  - id: half\n")
        return [TIMELINE]

    watcher = ContentWatcher(tmp_path, specs, lambda: CONTEXT, tmp_path.parent / "lg2", clock=clock)
    watcher.request_reload()
    assert watcher.tick() is True
    assert watcher.take_update() is None and watcher.problems() == []
    clock.now += 1.1
    assert watcher.tick() is True  # the half-written version is loaded after a quiet second: invalid
    assert watcher.take_update() is None
    assert [p.message for p in watcher.problems()] == ["'date' is missing: add 'date:' here",
                                                       "'title' is missing: add 'title:' here"]


def test_boot_falls_back_to_last_good_then_to_nothing(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    write(root / "timeline.yaml", GOOD)
    last_good = tmp_path / "var" / "last_good"
    assert save_last_good(root, last_good) is True
    assert save_last_good(root, last_good) is False  # unchanged: no copy
    write(root / "timeline.yaml", BROKEN)
    boot = boot_load(root, [TIMELINE], CONTEXT, last_good)
    assert boot.source == "last_good"
    assert title(boot.bundle) == "Version 1"
    assert boot.bundle is not None and boot.bundle.root == last_good
    assert [p.severity for p in boot.problems] == ["error", "error", "warning"]

    nothing = boot_load(root, [TIMELINE], CONTEXT, tmp_path / "var" / "never_saved")
    assert nothing.source == "none" and nothing.bundle is None and len(nothing.problems) == 2


def test_interrupted_save_still_leaves_a_copy(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    write(root / "timeline.yaml", GOOD)
    last_good = tmp_path / "var" / "last_good"
    save_last_good(root, last_good)
    os.replace(last_good, last_good.parent / ".last_good.old")  # power cut between the two renames
    write(root / "timeline.yaml", BROKEN)
    boot = boot_load(root, [TIMELINE], CONTEXT, last_good)
    assert boot.source == "last_good" and title(boot.bundle) == "Version 1"


def test_editor_temp_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path / "timeline.yaml", GOOD)
    before = snapshot(tmp_path)
    for name in (".timeline.yaml.swp", "timeline.yaml~", "4913", "#timeline.yaml#", "x.tmp"):
        (tmp_path / name).write_text("junk")
    assert snapshot(tmp_path) == before


def test_watcher_survives_a_crashing_factory(tmp_path: Path) -> None:
    write(tmp_path / "timeline.yaml", GOOD)

    def broken_specs() -> list:
        raise RuntimeError("scene import exploded")

    watcher = ContentWatcher(tmp_path, broken_specs, lambda: CONTEXT, tmp_path.parent / "lg3", poll_s=0.02)
    watcher.start()
    try:
        watcher.request_reload()
        problems = wait_until(watcher.problems)
        assert "scene import exploded" in problems[0].message  # type: ignore[index]
        assert watcher._thread is not None and watcher._thread.is_alive()
    finally:
        watcher.stop()
