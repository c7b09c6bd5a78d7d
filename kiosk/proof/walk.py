"""Walks the proof screens in a running headless kiosk and hands back what each one showed.

Shared by `export` (keeps the pictures) and `check --layout` (keeps the measurements), so both look at the
same screens reached the same way. One App per screen size and language; a screen that cannot be reached is
reported with the reason and the walk goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from kiosk.proof.contrast import ContrastFinding, measure
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofError, ProofScreen
from kiosk.scene import Target
from kiosk.text import Overflow


@dataclass
class Taken:
    """One proof screen in one language at one size."""

    screen: ProofScreen
    size: tuple[int, int]
    lang: str
    picture: pygame.Surface | None = None
    """What the screen showed (a copy); None when it could not be reached."""
    error: str = ""
    whole_screen: bool = True
    """The picture is the whole screen (touch targets are measured then)."""
    targets: list[Target] = field(default_factory=list)
    overflows: list[Overflow] = field(default_factory=list)
    contrast: list[ContrastFinding] = field(default_factory=list)


@dataclass
class RunRecord:
    """What one App noticed over all its screens (image requests are per run, not per screen)."""

    size: tuple[int, int]
    lang: str
    image_requests: dict[tuple[str, tuple[int, int], str], str]
    px_per_mm: float
    start_error: str = ""


Progress = Callable[[str, int, int], None]
"""progress(label, done, total)."""


def _picture(driver: ProofDriver, shot: Any) -> tuple[pygame.Surface, bool]:
    frame = driver.frame()
    if isinstance(shot, pygame.Surface):
        return shot.copy(), False
    if isinstance(shot, pygame.Rect):
        return frame.subsurface(shot.clip(frame.get_rect())).copy(), False
    return frame.copy(), True


def walk(config: Any, screens: Sequence[ProofScreen], size: tuple[int, int], lang: str,
         content_dir: Path | None = None, measure_contrast: float | None = None,
         progress: Progress | None = None, records: list[RunRecord] | None = None) -> Iterator[Taken]:
    """Show every screen in one App at `size` and `lang`; yields a Taken per screen.

    `measure_contrast`: the minimum ratio to look for (None: do not measure)."""
    try:
        driver = ProofDriver(config, size, lang, content_dir)
    except Exception as exc:  # the kiosk itself does not start: every screen fails with the reason
        reason = f"the kiosk did not start: {type(exc).__name__}: {exc}"
        if records is not None:
            records.append(RunRecord(size, lang, {}, 0.0, reason))
        for screen in screens:
            yield Taken(screen, size, lang, error=reason)
        return
    try:
        if not driver.app.content.ok:
            reason = "the content has errors: run `run_kiosk.py check`"
            for screen in screens:
                yield Taken(screen, size, lang, error=reason)
            return
        label = f"{size[0]}x{size[1]} {lang}"
        for index, screen in enumerate(screens):
            if progress is not None:
                progress(f"{label} {screen.scene}", index, len(screens))
            yield _take(driver, screen, measure_contrast)
        if progress is not None:
            progress(f"{label} done", len(screens), len(screens))
        if records is not None:
            records.append(RunRecord(size, lang, dict(driver.images.requests), driver.app.layout.px_per_mm))
    finally:
        driver.close()


def exempt_colours(driver: ProofDriver, scene: str) -> set[tuple[int, int, int]]:
    """Colours of `layout_lint.contrast_exempt` tokens ('token' or 'scene:token') as this scene resolves them."""
    found = set()
    for entry in driver.app.config.layout_lint.contrast_exempt:
        owner, _, token = entry.rpartition(":")
        if owner and owner != scene:
            continue
        try:
            colour = driver.app.theme.color(token, scene)
        except KeyError:
            continue
        found.add((colour.r, colour.g, colour.b))
    return found


def _take(driver: ProofDriver, screen: ProofScreen, contrast_minimum: float | None) -> Taken:
    taken = Taken(screen, driver.size, driver.lang)
    driver.text.overflows.clear()
    driver.images.screen_id = screen.id
    try:
        shot = screen.show(driver)
        taken.picture, taken.whole_screen = _picture(driver, shot)
    except ProofError as exc:
        taken.error = str(exc)
    except Exception as exc:  # a proof module or scene bug: this screen fails, the walk goes on
        taken.error = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(Exception):
            driver.home()
    taken.overflows = list(driver.text.overflows)
    if taken.picture is None:
        return taken
    if taken.whole_screen:
        taken.targets = list(driver.app.all_targets())
    if contrast_minimum is not None:
        scene = driver.scene_name if taken.whole_screen else screen.scene
        colours = driver.text.colours.get(scene, set()) - exempt_colours(driver, scene)
        taken.contrast = measure(taken.picture, colours, driver.text.index, contrast_minimum)
    return taken
