"""The timeline under a visitor's finger: swipe, fling, rubber band, pinch, +/- buttons, scrubber (real app)."""

from __future__ import annotations

import pytest

from tests.scenes.timeline.conftest import Finger, scene_of, settle

Y = 520  # a height inside the lanes at 1920x1080


def test_drag_moves_the_view_by_exactly_the_finger_distance(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.view.center = 2005.0
    app.advance(0.1)
    start_center, ppy = scene.view_center_year, scene.px_per_year
    finger = Finger(app)
    finger.drag((1400, Y), (800, Y))
    # the content followed the finger 600 px to the left: the view shows 600 px worth of later years
    assert scene.view_center_year == pytest.approx(start_center + 600 / ppy, abs=1e-6)
    year_under_finger = scene.year_at(800)
    assert year_under_finger == pytest.approx(start_center + (1400 - 960) / ppy, abs=1e-6)


def test_swipe_moves_the_view_then_the_fling_coasts_and_stops(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.view.center = 2000.0
    app.advance(0.1)
    ppy = scene.px_per_year
    assert app.play([{"swipe": {"from": [1500, Y], "to": [700, Y], "ms": 160}}]) == []
    after_release = scene.view_center_year
    assert after_release >= 2000.0 + 800 / ppy - 0.05  # the swipe's own span (one frame may pass after it)
    assert scene.view.velocity > 0  # still coasting towards later years
    app.advance(0.3)
    assert scene.view_center_year > after_release + 0.5
    app.advance(4.0)
    assert not scene.view.moving
    stopped = scene.view_center_year
    app.advance(0.5)
    assert scene.view_center_year == stopped


def test_pulling_past_the_start_springs_back(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    low = scene.view.bounds()[0]
    assert scene.view_center_year == pytest.approx(low)
    finger = Finger(app)
    finger.drag((500, Y), (1100, Y))
    pulled = low - scene.view_center_year
    assert 0 < pulled < 600 / scene.px_per_year * 0.5  # resists: moves less than the finger
    finger.up((1100, Y))
    app.advance(1.5)
    assert scene.view_center_year == pytest.approx(low, abs=1e-3)


def test_pinch_zooms_about_its_centre(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.view.zoom_to("year", seconds=0)
    scene.view.center = 2011.3
    app.advance(0.1)
    anchor = scene.year_at(700)
    assert app.play([{"pinch": {"center": [700, Y], "from": 200, "to": 420, "ms": 300}}, {"wait": 0.6}]) == []
    assert scene.zoom_level == "month"
    assert scene.px_per_year == pytest.approx(scene.view.level_ppy["month"])
    assert scene.year_at(700) == pytest.approx(anchor, abs=2e-3)  # the year under the fingers stayed put
    assert app.play([{"pinch": {"center": [700, Y], "from": 420, "to": 150, "ms": 300}}, {"wait": 0.6}]) == []
    assert scene.zoom_level == "year"
    assert scene.year_at(700) == pytest.approx(anchor, abs=2e-3)


def test_zoom_buttons_step_through_the_levels_about_the_centre(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.view.center = 2008.0
    app.advance(0.1)
    for button, level in (("timeline.zoom_in", "year"), ("timeline.zoom_in", "month"),
                          ("timeline.zoom_in", "month"), ("timeline.zoom_out", "year"),
                          ("timeline.zoom_out", "decade")):
        assert app.play([{"tap": {"target": button}}, {"wait": 0.5}]) == []
        assert scene.zoom_level == level
        assert scene.view_center_year == pytest.approx(2008.0, abs=1e-6)
    rect = app.find_target("timeline.zoom_in")
    assert min(rect.size) >= app.layout.min_target


def test_scrubber_tap_jumps_and_drag_follows(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scrubber = app.find_target("timeline.scrubber")
    assert scrubber is not None and scrubber.height >= app.layout.min_target
    x2010 = scene.scrubber.x_of(2010.0)
    assert app.play([{"tap": [x2010, scrubber.centery]}, {"wait": 0.8}]) == []
    assert scene.view_center_year == pytest.approx(2010.0, abs=0.05)
    finger = Finger(app)
    finger.drag((x2010, scrubber.centery), (scene.scrubber.x_of(1998.5), scrubber.centery))
    assert scene.view_center_year == pytest.approx(1998.5, abs=0.05)
    finger.up((scene.scrubber.x_of(1998.5), scrubber.centery))
    settle(app, 0.5)
    assert scene.view_center_year == pytest.approx(1998.5, abs=0.05)
