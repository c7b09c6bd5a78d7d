"""Router, idle, crash isolation, language and admin — through scripted visitor input."""

from __future__ import annotations

from pathlib import Path

import pygame

from tests.conftest import pixel
from tests.engine import scenes_for_tests as rec

SCENES = {"rec": "tests.engine.scenes_for_tests", "boom": "tests.engine.boom", "menu": "scenes.menu"}
GREEN, RED, ATTRACT_YELLOW = (20, 120, 60), (200, 30, 30), (200, 160, 0)


def start(make_app, **kw):
    rec.LOG.clear()
    rec.EVENTS.clear()
    return make_app(scenes=SCENES, home="rec", **kw)


def test_scene_push_and_back_home_on_crash(make_app, tmp_path):
    app = start(make_app)
    assert app.play([{"tap": {"target": "child"}}, {"wait": 0.5}, {"expect_scene": "boom"}]) == []
    assert pixel(app, 1000, 900) == RED
    # a tap in the crashing scene raises inside handle(): the visitor lands home, the program lives on
    assert app.play([{"tap": [900, 600]}, {"wait": 0.5}, {"expect_scene": "rec"}]) == []
    assert app.running and app.scene_errors == 1
    assert pixel(app, 1000, 900) == GREEN
    assert [s.name for s in app.router.stack] == ["rec"]
    log = (tmp_path / "var" / "log" / "kiosk.log").read_text()
    assert "deliberate failure in a scene" in log and "Traceback" in log
    assert "resume rec None" in rec.LOG


def test_idle_countdown_then_reset_to_attract(make_app):
    app = start(make_app, extra={"idle": {"idle_seconds": 5, "countdown_seconds": 3}}, lang="en")
    app.play([{"tap": {"target": "child"}}, {"wait": 0.3}])
    assert app.scene_name() == "boom"
    app.advance(5.0)
    assert app.idle_overlay.visible
    app.advance(3.2)
    assert not app.idle_overlay.visible
    assert [s.name for s in app.router.stack] == ["rec"]
    assert app.i18n.lang == "ru"  # language returns to the default
    assert app.router.top.attract and pixel(app, 1000, 900) == ATTRACT_YELLOW
    # any touch leaves attract mode and is not passed on as a tap
    app.play([{"tap": {"target": "child"}}, {"wait": 0.3}])
    assert not app.router.top.attract and app.scene_name() == "rec"


def test_touch_during_countdown_keeps_the_session(make_app):
    app = start(make_app, extra={"idle": {"idle_seconds": 5, "countdown_seconds": 3}})
    app.play([{"tap": {"target": "child"}}, {"wait": 0.3}])
    app.advance(6.0)
    assert app.idle_overlay.visible
    app.play([{"tap": [960, 100]}])
    assert not app.idle_overlay.visible and app.scene_name() == "boom"
    app.advance(3.0)
    assert app.scene_name() == "boom"


def test_scene_can_hold_idle(make_app):
    app = start(make_app, extra={"idle": {"idle_seconds": 5, "countdown_seconds": 3}})
    app.ctx.idle.hold("video")
    app.advance(12)
    assert not app.idle_overlay.visible
    app.ctx.idle.release("video")
    app.advance(5.5)
    assert app.idle_overlay.visible


def test_language_toggle_on_every_screen(make_app):
    app = start(make_app)
    assert app.find_target("lang") is not None
    assert app.play([{"tap": {"target": "lang"}}, {"expect_lang": "en"}]) == []
    assert app.play([{"tap": {"target": "child"}}, {"wait": 0.4}, {"expect_scene": "boom"}]) == []
    assert app.find_target("lang") is not None
    assert app.play([{"tap": {"target": "lang"}}, {"expect_lang": "ru"}]) == []


def test_admin_corner_pin_and_lockout(make_app):
    app = start(make_app)
    corner = [20, 1060]  # bottom-left by default
    press = {"wait": 0}

    def hold_corner():
        pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, touch_id=1, finger_id=99, x=corner[0] / 1920,
                                             y=corner[1] / 1080, dx=0, dy=0, pressure=1))
        app.advance(5.2)
        pygame.event.post(pygame.event.Event(pygame.FINGERUP, touch_id=1, finger_id=99, x=corner[0] / 1920,
                                             y=corner[1] / 1080, dx=0, dy=0, pressure=1))
        app.advance(0.1)

    hold_corner()
    assert app.admin.mode == "pin"
    for _ in range(5):
        app.play([{"tap": {"target": "admin.key.1"}}, {"tap": {"target": "admin.key.OK"}}, press])
    assert app.admin.gate.locked_for(app.clock.now()) > 290
    app.play([*[{"tap": {"target": f"admin.key.{d}"}} for d in "2024"], {"tap": {"target": "admin.key.OK"}}])
    assert app.admin.mode == "pin"  # the right PIN is refused while locked
    app.advance(301)
    hold_corner()
    app.play([*[{"tap": {"target": f"admin.key.{d}"}} for d in "2024"], {"tap": {"target": "admin.key.OK"}}])
    assert app.admin.mode == "panel"
    assert any("FPS" in line for line in app.status_lines())
    app.play([{"tap": {"target": "admin.quit"}}])
    assert not app.running


def test_screenshot_step_writes_png_of_what_is_shown(make_app, tmp_path: Path):
    app = start(make_app, screenshots=tmp_path / "shots")
    app.play([{"screenshot": "home"}, {"tap": {"target": "child"}}, {"wait": 0.5}, {"screenshot": "boom"}])
    home = pygame.image.load(str(tmp_path / "shots" / "home.png"))
    boom = pygame.image.load(str(tmp_path / "shots" / "boom.png"))
    assert tuple(home.get_at((1000, 900)))[:3] == GREEN
    assert tuple(boom.get_at((1000, 900)))[:3] == RED


def test_text_cache_is_bounded_in_memory():
    from kiosk.text import TextRenderer

    pygame.font.init()
    renderer = TextRenderer(max_bytes=2 * 1024 * 1024)
    font = pygame.font.Font(str(Path(__file__).resolve().parents[2] / "assets/fonts/DejaVuSans.ttf"), 40)
    for i in range(400):
        renderer.block(f"Событие номер {i} — достаточно длинный заголовок карточки", font, (255, 255, 255), 600, 3)
    assert renderer.used_bytes <= 2 * 1024 * 1024 and len(renderer) < 400


def test_scene_failing_while_opening_sends_the_visitor_home(make_app):
    app = make_app(scenes={**SCENES, "bad": "tests.engine.enter_fails"}, home="rec")
    app.router.push("bad")
    app.advance(0.5)
    assert app.running and app.scene_name() == "rec" and app.scene_errors == 1
    assert pixel(app, 1000, 900) == GREEN
