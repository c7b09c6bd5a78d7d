"""Gesture layer driven through the real app's event queue: taps, drags, flings, pinches, duplicates."""

from __future__ import annotations

import math

import pygame
import pytest

from kiosk.gestures import Drag, DragEnd, DragStart, Fling, LongPress, Pinch, Tap
from tests.engine import scenes_for_tests as rec

SCENES = {"rec": "tests.engine.scenes_for_tests", "boom": "tests.engine.boom"}


@pytest.fixture
def app(make_app):
    rec.EVENTS.clear()
    rec.LOG.clear()
    return make_app(scenes=SCENES, home="rec")


def finger(etype: int, fid: int, x: float, y: float, size=(1920, 1080)) -> pygame.event.Event:
    return pygame.event.Event(etype, touch_id=1, finger_id=fid, x=x / size[0], y=y / size[1], dx=0, dy=0,
                              pressure=1.0)


def of(kind):
    return [e for e in rec.EVENTS if isinstance(e, kind)]


def test_touch_with_synthesized_mouse_counts_once(app):
    pygame.event.post(finger(pygame.FINGERDOWN, 1, 900, 700))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(900, 700), button=1, touch=True))
    app.advance(0.05)
    pygame.event.post(finger(pygame.FINGERUP, 1, 900, 700))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(900, 700), button=1, touch=True))
    app.advance(0.1)
    assert of(Tap) == [Tap((900.0, 700.0))]
    assert app.gestures.dropped_synthetic == 2


def test_plain_mouse_click_is_a_tap(app):
    assert app.play([{"click": [800, 650]}]) == []
    assert [e.pos for e in of(Tap)] == [(800.0, 650.0)]


def test_double_tap_within_debounce_counts_once_but_later_tap_counts(app):
    for _ in range(2):
        pygame.event.post(finger(pygame.FINGERDOWN, 1, 900, 700))
        pygame.event.post(finger(pygame.FINGERUP, 1, 900, 700))
        app.advance(1 / 60)  # two taps 17 ms apart: a bounce
    app.advance(0.2)
    assert len(of(Tap)) == 1
    app.play([{"tap": [900, 700]}])
    assert len(of(Tap)) == 2


def test_third_finger_is_ignored(app):
    pygame.event.post(finger(pygame.FINGERDOWN, 1, 500, 500))
    pygame.event.post(finger(pygame.FINGERDOWN, 2, 700, 500))
    pygame.event.post(finger(pygame.FINGERDOWN, 3, 1500, 900))
    app.advance(0.05)
    pygame.event.post(finger(pygame.FINGERUP, 3, 1500, 900))
    pygame.event.post(finger(pygame.FINGERMOTION, 2, 900, 500))
    app.advance(0.05)
    for fid, x in ((1, 500), (2, 900)):
        pygame.event.post(finger(pygame.FINGERUP, fid, x, 500))
    app.advance(0.1)
    assert of(Tap) == []
    pinches = of(Pinch)
    assert pinches and math.isclose(pinches[-1].total, 400 / 200, rel_tol=0.01)


def test_drag_distance_matches_finger(app):
    app.play([{"swipe": {"from": [1400, 600], "to": [600, 650], "ms": 800}}])
    assert len(of(DragStart)) == 1
    dx = sum(e.delta[0] for e in of(Drag))
    dy = sum(e.delta[1] for e in of(Drag))
    assert math.isclose(dx, -800, abs_tol=1) and math.isclose(dy, 50, abs_tol=1)
    assert of(Tap) == []


def test_fling_velocity(app):
    app.play([{"swipe": {"from": [1500, 600], "to": [1100, 600], "ms": 200}}])
    flings = of(Fling)
    assert len(flings) == 1
    assert math.isclose(flings[0].velocity[0], -2000, rel_tol=0.1)
    assert abs(flings[0].velocity[1]) < 1


def test_pinch_scale_about_center(app):
    app.play([{"pinch": {"center": [960, 540], "from": 200, "to": 500, "ms": 400}}])
    pinches = of(Pinch)
    product = math.prod(p.scale for p in pinches)
    assert math.isclose(product, 2.5, rel_tol=0.01)
    assert math.isclose(pinches[-1].total, 2.5, rel_tol=0.01)
    # fingers report one after the other, so the centre wobbles by half a finger step at most
    assert all(abs(p.center[0] - 960) < 5 and abs(p.center[1] - 540) < 1 for p in pinches)


def test_long_press_is_not_a_tap(app):
    pygame.event.post(finger(pygame.FINGERDOWN, 1, 900, 700))
    app.advance(1.0)
    pygame.event.post(finger(pygame.FINGERUP, 1, 900, 700))
    app.advance(0.1)
    assert len(of(LongPress)) == 1 and of(Tap) == []


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotation_maps_touch_back_to_scene_coordinates(make_app, rotate):
    rec.EVENTS.clear()
    app = make_app(scenes=SCENES, home="rec", size=(1080, 1920) if rotate != 180 else (1920, 1080), rotate=rotate)
    logical = (300.0, 200.0)
    assert app.display.to_logical(app.display.to_physical(logical)) == pytest.approx(logical)
    app.play([{"tap": list(logical)}])
    assert of(Tap) and of(Tap)[0].pos == pytest.approx(logical, abs=1)


def test_resting_before_lifting_is_not_a_fling(app):
    pygame.event.post(finger(pygame.FINGERDOWN, 1, 1500, 600))
    for x in range(1460, 1100, -40):
        pygame.event.post(finger(pygame.FINGERMOTION, 1, x, 600))
        app.advance(1 / 60)
    app.advance(0.5)  # the finger rests
    pygame.event.post(finger(pygame.FINGERUP, 1, 1100, 600))
    app.advance(0.1)
    assert of(Fling) == []
    assert [e.velocity for e in rec.EVENTS if isinstance(e, DragEnd)] == [(0.0, 0.0)]
