"""Screenshots of every Active Citizen screen in RU and EN, landscape and portrait, written to /tmp/ac_shots/
for a person to look at; the test checks what can be checked by machine: no text cut to fit, touch targets
at least `min_target`, none under the language button, nothing outside the screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from scenes.active_citizen.store import db_path_for
from tests.scenes.active_citizen.conftest import AcDriver, content_variant

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
        if lang == "ru":
            driver.tap("ac.option.medical-record", "ac.option.active-citizen", wait=0.1)
            pictures.append(("selected", driver.shot(SHOTS / f"{prefix}_4b_selected.png")))
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


def _special_content(tmp_path: Path) -> Path:
    """Option pictures on the ring question, hidden results on the Luzhniki question."""

    def edit(data: dict[str, Any]) -> None:
        questions = {q["id"]: q for q in data["poll"]["questions"]}
        questions["metro-line-colour"]["options"][0]["image"] = "images/ac-pink.png"
        questions["metro-line-colour"]["options"][1]["image"] = "images/ac-black.png"
        questions["luzhniki-stands-colour"]["hide_results_until"] = 50

    content = content_variant(tmp_path, edit)
    (content / "images").mkdir(exist_ok=True)
    for name, rgb in (("ac-pink.png", (236, 72, 153)), ("ac-black.png", (30, 30, 30))):
        picture = pygame.Surface((96, 96))
        picture.fill(rgb)
        pygame.draw.circle(picture, (255, 255, 255), (48, 48), 30, 6)
        pygame.image.save(picture, str(content / "images" / name))
    return content


@pytest.mark.parametrize(("orientation", "lang"), [("landscape", "ru"), ("portrait", "en")])
def test_special_states(ac_app: Callable[..., AcDriver], tmp_path: Path, orientation: str, lang: str) -> None:
    """Single choice with pictures, results hidden until N votes, a broken database."""
    driver = ac_app(size=SIZES[orientation], lang=lang, content=_special_content(tmp_path))
    driver.app.text.record_overflow = True
    db = db_path_for(driver.app.config.var_dir)
    driver.open()
    prefix = f"{orientation}_{lang}"
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", wait=0.1)
    driver.app.advance(0.5)
    deadline = time.monotonic() + 15.0  # the pictures decode on a worker thread, in real time
    while driver.app.images.pending() and time.monotonic() < deadline:
        time.sleep(0.01)
        driver.app.advance(1 / 60)
    driver.app.advance(0.1)
    driver.shot(SHOTS / f"{prefix}_7_pictures.png")
    _check_layout(driver, f"{prefix} pictures")
    driver.tap("ac.question.luzhniki-stands-colour", "ac.option.graphite", wait=1.2)
    assert driver.scene.poll_view().votes_until_results == 49
    driver.shot(SHOTS / f"{prefix}_8_hidden.png")
    _check_layout(driver, f"{prefix} hidden")
    driver.scene.poll.close()  # let go of the file, then break it as a failing disk would
    db.write_bytes(b"not a database " * 500)
    driver.tap("ac.question.ag-participation", "ac.option.regularly", wait=0.2)
    assert driver.scene.poll_view().phase == "unavailable"
    driver.shot(SHOTS / f"{prefix}_9_unavailable.png")
    _check_layout(driver, f"{prefix} unavailable")
    assert driver.app.scene_errors == 0
