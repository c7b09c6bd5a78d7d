"""Screenshots of every Active Citizen screen in RU and EN, landscape and portrait, written to /tmp/ac_shots/
for a person to look at; the test checks what can be checked by machine: no text cut to fit, touch targets
at least `min_target`, none under the language button, nothing outside the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.scenes.active_citizen.conftest import AcDriver

SHOTS = Path("/tmp/ac_shots")
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def _check_layout(driver: AcDriver, screen: str) -> None:
    app = driver.app
    layout = app.layout
    lang_rect = layout.lang_toggle_rect
    screen_rect = layout.rect
    for target in driver.scene.targets():
        rect = target.rect
        assert min(rect.width, rect.height) >= layout.min_target, f"{screen}: {target.name} is too small: {rect}"
        assert not rect.colliderect(lang_rect), f"{screen}: {target.name} covers the language button"
        assert screen_rect.contains(rect), f"{screen}: {target.name} is off screen: {rect}"
    mine = [o for o in app.text.overflows if o.where.startswith("active_citizen.yaml")]
    assert mine == [], f"{screen}: text cut to fit: {[(o.where, o.text[:40]) for o in mine]}"


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_screens_in_both_languages(ac_app: Callable[..., AcDriver], orientation: str) -> None:
    driver = ac_app(size=SIZES[orientation])
    driver.app.text.record_overflow = True
    driver.open()
    for lang in ("ru", "en"):
        if driver.app.i18n.lang != lang:
            driver.tap("lang", wait=0.1)
        prefix = f"{orientation}_{lang}"
        pictures = []
        driver.tap("ac.back", wait=0.1) if driver.scene.section != "home" else None
        driver.app.advance(0.1)
        pictures.append(("home", driver.shot(SHOTS / f"{prefix}_1_home.png")))
        _check_layout(driver, f"{prefix} home")
        driver.tap("ac.section.history", "ac.next", wait=0.6)
        pictures.append(("history", driver.shot(SHOTS / f"{prefix}_2_history.png")))
        _check_layout(driver, f"{prefix} history")
        driver.tap("ac.back", "ac.section.decisions", wait=0.6)
        pictures.append(("decision", driver.shot(SHOTS / f"{prefix}_3_decision.png")))
        _check_layout(driver, f"{prefix} decision")
        driver.tap("ac.back", "ac.section.poll", "ac.question.mosru-services", wait=0.2)
        pictures.append(("question", driver.shot(SHOTS / f"{prefix}_4_question.png")))
        _check_layout(driver, f"{prefix} question")
        question = "river-tram-name" if lang == "ru" else "luzhniki-stands-colour"
        option = "sinichka" if lang == "ru" else "gold"
        driver.tap(f"ac.question.{question}", f"ac.option.{option}", wait=1.5)
        pictures.append(("result", driver.shot(SHOTS / f"{prefix}_5_result.png")))
        _check_layout(driver, f"{prefix} result")
        driver.tap("ac.question.metro-line-colour", wait=1.5)
        if lang == "ru":
            driver.tap("ac.option.pink", wait=1.5)
        pictures.append(("ring", driver.shot(SHOTS / f"{prefix}_6_ring.png")))
        _check_layout(driver, f"{prefix} ring")
        for name, path in pictures:
            assert path.stat().st_size > 10_000, f"{name} screenshot looks empty"
    assert driver.app.scene_errors == 0
