"""The mos.ru scene in the real app (headless, simulated clock): dial-up timing at every speed, Skip, links,
Back/Forward, Reload, hotspots, scrolling, then-and-now, exit, idle, sound and language switching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from kiosk.pages.layout import ImageOp
from scenes.mosru.scene import IDLE_REASON
from tests.scenes.mosru.conftest import SCENES, connect, loaded, open_scene, run_until

SMALL = (960, 540)


def banner_rect(scene: Any) -> pygame.Rect:
    """Where the start page's banner picture is on screen (inside the viewport)."""
    page = scene.view.page
    op = next(o for o in page.layout.ops if isinstance(o, ImageOp) and o.src.endswith("banner.png"))
    return scene.view.to_screen(scene.geo, op.rect).clip(scene.geo.viewport)


def brightness(app: Any, rect: pygame.Rect) -> float:
    colour = pygame.transform.average_color(app.display.screen, rect)
    return sum(colour[:3]) / 3


def test_page_time_is_handshake_plus_size_over_speed_at_every_modem_speed(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    scene = open_scene(app)
    model = scene.model
    for index, speed in enumerate(model.dialup.speeds):
        if index:
            assert app.play([{"tap": {"target": "mosru.redial"}}]) == []
            assert scene.dialog_open and not scene.browser.connected
        connect(app, speed.id)
        assert scene.speed_id == speed.id and scene.browser.dialling
        took = run_until(app, lambda: scene.browser.connected and scene.browser.loading is None)
        size = scene.renderer.page_bytes("home").total
        expected = scene.browser.link.handshake_seconds + size * 8 / speed.bits_per_second
        assert abs(took - expected) <= 0.10 * expected, (speed.id, took, expected)
        assert scene.browser.current == "home" and scene.browser.fraction == 1.0


def test_text_arrives_first_and_skip_shows_the_whole_page_at_once(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    scene = open_scene(app)
    connect(app, "v32bis")
    run_until(app, lambda: not scene.browser.dialling)
    app.advance(0.3)  # HTML still arriving, the banner picture not yet
    browser = scene.browser
    assert browser.loading == "home" and 0 < browser.fraction < 0.1
    assert app.find_target("mosru.skip") is not None
    waiting = brightness(app, banner_rect(scene))
    assert app.play([{"tap": {"target": "mosru.skip"}}]) == []
    assert browser.loading is None and browser.fraction == 1.0
    shown = brightness(app, banner_rect(scene))
    assert waiting > 150 and shown < 90, (waiting, shown)  # night-blue banner replaced the empty placeholder
    assert app.find_target("mosru.skip") is None


def test_skip_in_the_dialog_finishes_handshake_and_page(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    scene = open_scene(app)
    connect(app, "28k8")
    app.advance(1.0)
    assert scene.browser.dialling and scene.browser.link.stage in ("dial", "ring")
    assert app.play([{"tap": {"target": "mosru.skip"}}]) == []
    assert scene.browser.connected and scene.browser.loading is None
    assert IDLE_REASON not in app.ctx.idle.holders
    assert brightness(app, banner_rect(scene)) < 90


def test_links_navigate_and_back_forward_come_from_the_cache(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080))
    scene = loaded(app)
    browser = scene.browser
    banner = banner_rect(scene)
    assert brightness(app, banner) < 90
    assert app.play([{"tap": {"target": "mosru.link.reference"}}]) == []
    assert browser.current == "reference" and browser.loading == "reference"  # first visit: downloaded
    app.advance(0.5)
    assert browser.loading is None and brightness(app, banner) > 150  # no banner on a section page
    assert scene.view.page.page_id == "reference"
    assert app.play([{"tap": {"target": "mosru.back"}}]) == []
    assert browser.current == "home" and browser.loading is None and browser.loads == 2
    assert brightness(app, banner) < 90
    assert app.play([{"tap": {"target": "mosru.forward"}}]) == []
    assert browser.current == "reference" and browser.loading is None
    assert app.play([{"tap": {"target": "mosru.home"}}]) == []
    assert browser.current == "home" and browser.history.entries == ("home", "reference", "home")


def test_a_finger_just_above_a_small_link_still_follows_it(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080))
    scene = loaded(app)
    spot = next(s for s in scene.view.links(scene.geo, 1.0) if s.target == "mayors-office")
    text = scene.view.to_screen(scene.geo, spot.region.rect)
    assert text.height < app.layout.min_target  # period-sized on screen
    assert spot.screen.height >= app.layout.min_target  # but the touch area is finger-sized
    assert scene.view.page.hit_test(scene.view.to_page(scene.geo, (text.centerx, text.top - 8))) is None
    assert app.play([{"tap": [text.centerx, text.top - 8]}]) == []
    assert scene.browser.current == "mayors-office"


def test_reload_downloads_the_page_again_at_the_modem_speed(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    scene = loaded(app, "v32bis")
    browser = scene.browser
    assert app.play([{"tap": {"target": "mosru.reload"}}]) == []
    assert browser.loading == "home" and browser.fraction < 0.05
    assert brightness(app, banner_rect(scene)) > 150  # the picture has to come again
    took = run_until(app, lambda: browser.loading is None)
    expected = scene.renderer.page_bytes("home").total * 8 / 14400
    assert abs(took - expected) <= 0.10 * expected
    assert brightness(app, banner_rect(scene)) < 90


HOTSPOT_PAGE = """    map:
      title: {ru: Карта сервера, en: Server map}
      image:
        src: mosru/banner.png
        alt: {ru: Карта, en: Map}
        width: 640
        height: 480
      hotspots:
        - rect: [0, 0, 320, 480]
          target: reference
        - rect: [320, 0, 320, 480]
          target: economy
"""


def hotspot_content(tmp: Path) -> Path:
    """A copy of the content whose start page is one picture with two tappable halves."""
    import shutil

    from tests.conftest import CONFIG_DIR

    root = tmp / "hotspot_content"
    shutil.copytree(CONFIG_DIR / "content", root)
    path = root / "mosru.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  start: home\n") == 1 and text.count("  pages:\n") == 1
    text = text.replace("  start: home\n", "  start: map\n").replace("  pages:\n", "  pages:\n" + HOTSPOT_PAGE)
    path.write_text(text, encoding="utf-8")
    return root


def test_hotspot_pages_route_taps(make_app: Any, tmp_path: Path) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080), content=hotspot_content(tmp_path))
    scene = loaded(app)
    assert scene.browser.current == "map"
    names = {t.name for t in app.all_targets()}
    assert {"mosru.link.reference", "mosru.link.economy"} <= names
    viewport = scene.geo.viewport
    left = (scene.geo.page_x + round(100 * scene.geo.scale), viewport.y + viewport.height // 2)
    right = (scene.geo.page_x + round(500 * scene.geo.scale), viewport.y + viewport.height // 2)
    assert app.play([{"tap": list(left)}]) == []
    assert scene.browser.current == "reference"
    assert app.play([{"tap": {"target": "mosru.back"}}, {"tap": list(right)}]) == []
    assert scene.browser.current == "economy"
    assert scene.browser.history.entries == ("map", "economy")


def test_vertical_drag_scrolls_a_long_page(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080), lang="en")
    scene = loaded(app)
    assert scene.view.max_scroll(scene.geo) > 20  # the English start page is longer than the canvas
    viewport = scene.geo.viewport
    top = pygame.Rect(viewport.x, viewport.y, viewport.width, viewport.height // 4)
    before = pygame.image.tobytes(app.display.screen.subsurface(top), "RGB")
    x = viewport.centerx
    assert app.play([{"swipe": {"from": [x, viewport.centery + 150], "to": [x, viewport.centery - 150],
                                "ms": 400}}, {"wait": 0.5}]) == []
    assert scene.view.scroll == scene.view.max_scroll(scene.geo)
    assert pygame.image.tobytes(app.display.screen.subsurface(top), "RGB") != before
    assert scene.browser.current == "home"  # a drag is not a tap on a link


def test_then_and_now_opens_with_the_press_release_figures_and_closes(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080))
    scene = loaded(app)
    assert app.play([{"tap": {"target": "mosru.compare"}}]) == []
    assert scene.comparing and app.find_target("mosru.compare.close") is not None
    assert app.find_target("mosru.back") is None
    now = scene.compare.panes["now"].rect
    figure = app.ctx.theme.color("figure_value", "mosru")
    shot = app.display.screen.subsurface(now)
    mask = pygame.mask.from_threshold(shot, figure, (24, 24, 24, 255))
    assert mask.count() > 2000  # the big blue numbers (425 million, ...) are drawn
    assert app.play([{"tap": {"target": "mosru.compare.close"}}]) == []
    assert not scene.comparing and scene.browser.current == "home" and scene.browser.connected


def test_exit_returns_to_the_menu_hangs_up_and_stops_the_handshake_sound(make_app: Any) -> None:
    class FakeSound:
        enabled = available = True

        def __init__(self) -> None:
            self.played: list[bytes] = []
            self.stopped = 0

        def play(self, pcm: bytes, loops: int = 0) -> Any:
            self.played.append(pcm)
            return self

        def stop(self) -> None:
            self.stopped += 1

    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    fake = FakeSound()
    app.ctx.sound = fake
    scene = open_scene(app)
    connect(app, "v90")
    assert len(fake.played) == 1
    seconds = len(fake.played[0]) / 2 / 22050
    assert abs(seconds - scene.browser.link.handshake_seconds) < 0.05  # the stages follow the sound
    assert IDLE_REASON in app.ctx.idle.holders
    assert app.play([{"tap": {"target": "mosru.exit"}}, {"wait": 0.3}]) == []
    assert app.scene_name() == "menu"
    assert fake.stopped == 1 and IDLE_REASON not in app.ctx.idle.holders
    assert not scene.browser.connected and not scene.browser.busy


def test_idle_is_held_during_the_handshake_and_the_idle_reset_closes_the_scene(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30,
                   extra={"idle": {"idle_seconds": 5, "countdown_seconds": 1}})
    scene = open_scene(app)
    connect(app, "v32bis")
    assert IDLE_REASON in app.ctx.idle.holders  # muted in headless runs, but the line is still dialling
    app.advance(5.2)
    assert app.scene_name() == "mosru" and not app.idle_overlay.visible and scene.browser.dialling
    run_until(app, lambda: not scene.browser.dialling)
    assert IDLE_REASON not in app.ctx.idle.holders
    run_until(app, lambda: app.scene_name() == "menu", limit_s=8.0)  # before the 8.6 s page is in
    assert not scene.browser.connected and scene.browser.link.transfer is None


def test_language_switch_keeps_the_page_and_the_connection(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080))
    scene = loaded(app)
    assert app.play([{"tap": {"target": "mosru.link.economy"}}, {"wait": 0.5}]) == []
    title_bar = scene.geo.title_bar
    before = pygame.image.tobytes(app.display.screen.subsurface(title_bar), "RGB")
    assert scene.view.page.title == "Экономика и инвестиции"
    assert app.play([{"tap": {"target": "lang"}}]) == []
    assert app.i18n.lang == "en" and scene.browser.current == "economy"
    assert scene.view.page.lang == "en" and scene.view.page.title == "Economy and investment"
    assert scene.browser.connected and scene.browser.loading is None
    assert pygame.image.tobytes(app.display.screen.subsurface(title_bar), "RGB") != before
    assert app.play([{"tap": {"target": "mosru.back"}}]) == []
    assert scene.browser.current == "home" and scene.view.page.title == "Moscow Mayor's Office WWW server"


def test_the_hit_counter_counts_this_scenes_visitors_in_a_private_file(make_app: Any, tmp_path: Path) -> None:
    import os
    import stat

    from scenes.mosru.visits import VISITS_FILE

    app = make_app(scenes=SCENES, home="menu", size=SMALL, fps=30)
    old = os.umask(0o022)
    try:
        first = open_scene(app)
        assert app.play([{"tap": {"target": "mosru.exit"}}, {"wait": 0.3}]) == []
        second = open_scene(app)
    finally:
        os.umask(old)
    assert (first.visits, second.visits) == (1, 2)
    path = tmp_path / "var" / VISITS_FILE
    assert path.read_text(encoding="ascii") == "2" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
