"""Finding one's way through the Active Citizen scene by touch: sections, swipes and buttons in History and
the decisions gallery, the mini-timeline, language switching in place, the exit, option pictures."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from tests.conftest import pixel
from tests.scenes.active_citizen.conftest import AcDriver, content_variant


def _page_pixels(driver: AcDriver) -> bytes:
    """The page area (between header and footer) as the visitor sees it."""
    scene = driver.scene
    body = scene._frame().body
    return pygame.image.tobytes(driver.app.display.screen.subsurface(body), "RGB")


def test_history_by_buttons_swipes_and_the_mini_timeline(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    driver.tap("ac.section.history", wait=0.1)
    scene = driver.scene
    assert scene.section == "history" and scene.history.index == 0
    first = _page_pixels(driver)
    driver.tap("ac.prev", wait=0.6)  # nothing before the first screen
    assert scene.history.index == 0 and _page_pixels(driver) == first
    driver.tap("ac.next", wait=0.6)
    assert scene.history.index == 1 and _page_pixels(driver) != first
    driver.swipe(+1)
    assert scene.history.index == 2 and scene.history.offset == 0.0
    driver.swipe(-1)
    driver.swipe(-1)
    assert scene.history.index == 0 and _page_pixels(driver) == first
    driver.swipe(-1)  # rubber band at the start: stays
    assert scene.history.index == 0 and _page_pixels(driver) == first
    driver.tap("ac.history.9", wait=0.6)
    assert scene.history.index == 9
    driver.tap("ac.next", wait=0.6)
    assert scene.history.index == 9
    driver.tap("ac.back", wait=0.1)
    assert scene.section == "home" and driver.app.find_target("ac.section.decisions") is not None


def test_a_short_drag_springs_back(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    driver.tap("ac.section.decisions", wait=0.1)
    layout = driver.app.layout
    y = layout.height * 0.5
    x = layout.width * 0.5
    assert driver.app.play([{"swipe": {"from": [x, y], "to": [x - 60, y], "ms": 800}}, {"wait": 0.8}]) == []
    assert driver.scene.decisions.index == 0 and driver.scene.decisions.offset == 0.0


def test_decisions_gallery_by_swipe_and_buttons(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app(size=(1080, 1920)).open()
    driver.tap("ac.section.decisions", wait=0.1)
    scene = driver.scene
    count = len(scene.content.decisions)
    pages = {0: _page_pixels(driver)}
    for index in range(1, count):
        driver.swipe(+1)
        assert scene.decisions.index == index
        pages[index] = _page_pixels(driver)
    assert len(set(pages.values())) == count  # every card looks different
    driver.swipe(+1)
    assert scene.decisions.index == count - 1
    driver.tap("ac.prev", wait=0.6)
    assert scene.decisions.index == count - 2 and _page_pixels(driver) == pages[count - 2]
    driver.tap("ac.next", wait=0.6)
    assert _page_pixels(driver) == pages[count - 1]


def test_language_switch_keeps_the_place(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    driver.tap("ac.section.history", "ac.next", "ac.next", wait=0.6)
    scene = driver.scene
    russian = _page_pixels(driver)
    driver.tap("lang", wait=0.1)
    assert driver.app.i18n.lang == "en"
    assert scene.section == "history" and scene.history.index == 2 and _page_pixels(driver) != russian
    driver.tap("lang", wait=0.1)
    assert _page_pixels(driver) == russian
    driver.tap("ac.back", "ac.section.poll", "ac.question.metro-line-colour", "ac.option.pink", wait=0.1)
    driver.tap("lang", wait=0.1)
    view = scene.poll_view()
    assert view.phase == "results" and view.selected == ("pink",) and scene.question_id == "metro-line-colour"


def test_exit_returns_to_the_scene_below(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    scene = driver.scene
    driver.tap("ac.section.poll", wait=0.1)
    driver.tap("ac.exit", wait=0.4)
    assert driver.app.scene_name() == "menu" and scene.poll is None and driver.app.scene_errors == 0


def test_option_pictures_come_from_the_image_cache(ac_app: Callable[..., AcDriver], tmp_path: Path) -> None:
    def with_images(data: dict[str, Any]) -> None:
        options = data["poll"]["questions"][4]["options"]
        options[0]["image"] = "images/ac-pink.png"
        options[1]["image"] = "images/ac-black.png"

    content = content_variant(tmp_path, with_images)
    (content / "images").mkdir(exist_ok=True)
    for name, rgb in (("ac-pink.png", (236, 72, 153)), ("ac-black.png", (20, 20, 20))):
        picture = pygame.Surface((64, 64))
        picture.fill(rgb)
        pygame.image.save(picture, str(content / "images" / name))
    driver = ac_app(content=content).open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", wait=0.1)
    option = driver.app.find_target("ac.option.pink")
    assert option is not None
    probe = (option.x + option.height // 2 + 8, option.centery)  # inside the thumbnail at the option's left
    deadline = time.monotonic() + 15.0  # decoding runs on a worker thread in real time, not program time
    while pixel(driver.app, *probe) != (236, 72, 153) and time.monotonic() < deadline:
        time.sleep(0.01)
        driver.app.advance(1 / 60)
    assert pixel(driver.app, *probe) == (236, 72, 153)
    assert option.height >= driver.app.layout.min_target


def test_hot_reload_keeps_the_visitor_and_the_points(ac_app: Callable[..., AcDriver], tmp_path: Path) -> None:
    import time

    import yaml

    driver = ac_app(watch_content=True).open()
    app = driver.app
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.pink", wait=0.2)
    driver.tap("ac.back", "ac.section.history", "ac.history.9", wait=0.6)
    scene = driver.scene
    path = tmp_path / "content" / "active_citizen.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["history"] = data["history"][:3]  # a curator shortens the story…
    data["poll"]["questions"][4]["text"]["ru"] = "Каким цветом обозначить линию на схеме?"  # …and rewords a question
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app.content.reload_now()
    deadline = time.monotonic() + 20.0
    while len(scene.content.history) != 3 and time.monotonic() < deadline:
        time.sleep(0.01)
        app.advance(0.05)
    assert len(scene.content.history) == 3 and scene.history.index == 2  # still in History, on the last screen
    assert app.scene_name() == "active_citizen" and app.scene_errors == 0
    assert scene.poll.session.points == 20
    driver.tap("ac.back", "ac.section.poll", "ac.question.metro-line-colour", wait=0.1)
    view = scene.poll_view()
    assert view.phase == "results" and view.question.text.ru == "Каким цветом обозначить линию на схеме?"
