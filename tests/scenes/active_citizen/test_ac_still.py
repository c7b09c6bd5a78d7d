"""The Active Citizen screen kept as one layer while nothing moves: the kept frame has the same pixels as a
live redraw on every settled screen (home, a history page, a decision, a question with choices, results),
it is captured once per still screen, and a page being swiped is drawn live."""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from tests.scenes.active_citizen.conftest import AcDriver


def _kept_equals_live(driver: AcDriver, screen: str) -> None:
    scene = driver.scene
    display = driver.app.display.surface
    kept, live = display.copy(), display.copy()
    copies = scene.still.copies
    scene.draw(kept)
    assert scene.still.copies == copies, f"{screen}: a still screen was captured again"
    targets = scene.targets()
    scene._draw_screen(live, scene.poll_view() if scene.section == "poll" else None)
    assert pygame.image.tobytes(kept, "RGB") == pygame.image.tobytes(live, "RGB"), f"{screen}: pixels differ"
    assert [(t.name, tuple(t.rect)) for t in targets] == [(t.name, tuple(t.rect)) for t in scene.targets()]


def _wait_for_pictures(driver: AcDriver) -> None:
    deadline = time.monotonic() + 10
    while driver.app.images.pending and time.monotonic() < deadline:
        time.sleep(0.02)
        driver.app.advance(0.05)
    driver.app.advance(0.2)


def test_settled_screens_are_kept_with_the_same_pixels(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app(size=(1920, 1080))
    driver.open()
    driver.app.advance(0.2)
    _kept_equals_live(driver, "home")
    assert driver.scene.still.copies >= 1
    driver.tap("ac.section.history", "ac.next", wait=0.8)
    _kept_equals_live(driver, "history")
    driver.tap("ac.back", "ac.section.decisions", wait=0.8)
    _kept_equals_live(driver, "decision")
    driver.tap("ac.back", "ac.section.poll", "ac.question.mosru-services", wait=0.2)
    _wait_for_pictures(driver)
    _kept_equals_live(driver, "question")
    driver.tap("ac.option.medical-record", wait=0.3)
    _kept_equals_live(driver, "question with a choice")
    driver.tap("ac.vote", wait=3.0)
    assert driver.scene.poll_view() is not None and driver.scene.poll_view().phase == "results"
    _kept_equals_live(driver, "results")
    assert driver.scene.poll_screen.chart is not None
    driver.tap("ac.back", wait=0.3)
    _kept_equals_live(driver, "home with points")


def test_a_swiped_page_is_drawn_live(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app(size=(1920, 1080))
    driver.open()
    driver.tap("ac.section.history", wait=0.8)
    scene = driver.scene
    assert scene._still_key(driver.app.display.surface.get_size(), None) is not None
    scene.history.drag(-200.0)
    assert scene._still_key(driver.app.display.surface.get_size(), None) is None
    scene.history.release(0.0, scene._page_width() + scene.style.margin)
    driver.app.advance(1.0)
    assert not scene.history.moving
    _kept_equals_live(driver, "history after the swipe")
