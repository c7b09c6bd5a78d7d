"""The still part of the mos.ru screen is kept as one layer (scenes/mosru/still.py): a still screen costs one
blit a frame, looks exactly like a fresh drawing, and follows every change a visitor makes."""

from __future__ import annotations

from typing import Any

import pygame

from tests.scenes.mosru.conftest import SCENES, loaded, open_scene

SIZE = (1280, 720)


def pixels(app: Any, hide: pygame.Rect | None = None) -> bytes:
    """The screen; `hide`: an area left out (the page, whose marquee moves every frame)."""
    screen = app.display.screen.copy()
    if hide is not None:
        screen.fill((0, 0, 0), hide)
    return pygame.image.tobytes(screen, "RGB")


def fresh(app: Any, scene: Any, hide: pygame.Rect | None = None) -> bytes:
    """The next frame drawn without the kept layer."""
    scene.still.forget()
    app.advance(1 / 60)
    return pixels(app, hide)


def test_the_waiting_dialog_is_captured_once_and_follows_the_visitors_choice(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SIZE)
    scene = open_scene(app)
    app.advance(0.2)
    copies = scene.still.copies
    still = pixels(app)
    app.advance(0.5)
    assert scene.still.copies == copies  # 30 frames of a still dialog: no new capture
    assert pixels(app) == still == fresh(app, scene)
    other = next(s.id for s in scene.model.dialup.speeds if s.id != scene.speed_id)
    assert app.play([{"tap": {"target": f"mosru.speed.{other}"}}, {"wait": 0.2}]) == []
    assert scene.speed_id == other and pixels(app) != still
    assert pixels(app) == fresh(app, scene)
    assert {t.name for t in scene.targets()} >= {"mosru.exit", "mosru.connect", "mosru.compare"}


def test_page_and_compare_views_show_what_a_fresh_drawing_shows(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=SIZE)
    scene = loaded(app)
    app.advance(0.5)
    page = scene.geo.viewport
    kept = pixels(app, page)
    assert kept == fresh(app, scene, page)  # the page's marquee is live: only the frame around it is kept
    assert any(t.name.startswith("mosru.link.") for t in scene.targets())
    assert app.play([{"tap": {"target": "mosru.compare"}}, {"wait": 0.3}]) == []
    compare = pixels(app)
    assert compare != pixels(app, page) and compare == fresh(app, scene)
    pane = scene.compare.panes["now"].rect
    assert app.play([{"swipe": {"from": [pane.centerx, pane.bottom - 20], "to": [pane.centerx, pane.top + 20],
                                "ms": 300}}, {"wait": 0.3}]) == []
    assert scene.compare.panes["now"].scroll > 0 and pixels(app) != compare
    assert pixels(app) == fresh(app, scene)
    assert app.play([{"tap": {"target": "lang"}}, {"wait": 0.3}]) == []
    assert pixels(app) == fresh(app, scene)
    assert app.play([{"tap": {"target": "mosru.compare.close"}}, {"wait": 0.3}]) == []
    assert not scene.comparing and pixels(app, page) == fresh(app, scene, page)


def test_layers_share_one_kept_surface_and_a_layer_that_lost_it_draws_live() -> None:
    from kiosk.widgets import StillLayer

    screen = pygame.Surface((64, 48))
    first, second = StillLayer(), StillLayer()
    screen.fill((200, 0, 0))
    first.drawn(screen, "red", [])
    first.drawn(screen, "red", [])
    screen.fill((0, 0, 0))
    assert first.blit(screen, "red") == [] and screen.get_at((3, 3))[:3] == (200, 0, 0)
    screen.fill((0, 200, 0))
    second.drawn(screen, "green", [])
    second.drawn(screen, "green", [])
    assert second.blit(screen, "green") == []
    assert first.blit(screen, "red") is None  # its pixels were replaced: it must draw again
    screen.fill((200, 0, 0))
    first.drawn(screen, "red", [])
    screen.fill((0, 0, 0))
    assert first.blit(screen, "red") == [] and screen.get_at((3, 3))[:3] == (200, 0, 0)
