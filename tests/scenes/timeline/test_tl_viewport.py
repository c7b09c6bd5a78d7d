"""Viewport arithmetic: exact drags, decaying flings, rubber band at the ends, zoom about a point, snapping."""

from __future__ import annotations

import pytest

from scenes.timeline.tuning import Tuning
from scenes.timeline.viewport import Viewport

LEVELS = {"decade": 150.0, "year": 800.0, "month": 4000.0}


def make(level: str = "decade") -> Viewport:
    view = Viewport(1990.0, 2026.0, 1920, LEVELS, Tuning(), level=level)
    view.center = 2005.0
    return view


def run(view: Viewport, seconds: float) -> None:
    for _ in range(round(seconds * 60)):
        view.update(1 / 60)


def test_year_pixel_mapping_round_trips() -> None:
    view = make("year")
    assert view.x_of(2005.0) == pytest.approx(960.0)
    assert view.year_at(960.0 + 800.0) == pytest.approx(2006.0)
    assert view.x_of(view.year_at(123.4)) == pytest.approx(123.4)


def test_drag_follows_the_finger_exactly() -> None:
    view = make()
    view.begin_drag()
    view.drag_by(-300.0)  # finger moves left: later years come in
    view.drag_by(-150.0)
    assert view.center == pytest.approx(2005.0 + 450.0 / 150.0)
    view.end_drag(0.0)
    run(view, 1.0)
    assert view.center == pytest.approx(2008.0)


def test_fling_decays_smoothly_and_stops() -> None:
    view = make()
    view.begin_drag()
    view.end_drag(-1500.0)  # released moving left at 1500 px/s
    positions = []
    for _ in range(240):
        view.update(1 / 60)
        positions.append(view.center)
    steps = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    assert steps[0] > 0 and all(later <= earlier + 1e-12 for earlier, later in zip(steps, steps[1:], strict=False))
    assert view.velocity == 0.0 and not view.moving
    travelled = positions[-1] - 2005.0
    assert 1500.0 / Tuning().fling_decay_per_s / 150.0 * 0.8 < travelled < 1500.0 / 150.0


def test_rubber_band_resists_and_springs_back() -> None:
    view = make()
    low, _ = view.bounds()
    view.center = low
    view.begin_drag()
    view.drag_by(300.0)  # pull past the start: the view moves less than the finger
    assert low - view.center == pytest.approx(300.0 / 150.0 * Tuning().rubber_band_resistance)
    view.end_drag(0.0)
    run(view, 1.5)
    assert view.center == pytest.approx(low)


def test_fling_into_the_end_stops_at_the_end() -> None:
    view = make()
    view.end_drag(-20000.0)
    run(view, 4.0)
    assert view.center == pytest.approx(view.bounds()[1]) and not view.moving


def test_zoom_keeps_the_year_under_the_point() -> None:
    view = make("year")
    anchor = view.year_at(500.0)
    view.zoom_about(500.0, 1.7)
    assert view.year_at(500.0) == pytest.approx(anchor)
    assert view.ppy == pytest.approx(800.0 * 1.7)


def test_pinch_past_the_snap_ratio_moves_one_level_and_keeps_the_anchor() -> None:
    view = make("year")
    anchor = view.year_at(700.0)
    view.zoom_about(700.0, 1.5)
    assert view.snap_level(700.0, "year") == "month"
    run(view, 1.0)
    assert view.ppy == pytest.approx(4000.0) and view.level == "month"
    assert view.year_at(700.0) == pytest.approx(anchor, abs=1e-6)
    view.zoom_about(700.0, 1.05)  # a small pinch falls back to where it started
    assert view.snap_level(700.0, "month") == "month"


def test_step_and_jump_animate_to_their_targets() -> None:
    view = make()
    assert view.step_level(+1) == "year"
    assert view.target_level == "year"
    run(view, 1.0)
    assert view.level == "year" and view.center == pytest.approx(2005.0)
    view.jump_to(1995.25)
    run(view, 1.0)
    assert view.center == pytest.approx(1995.25)
    view.jump_to(1900.0)  # outside: the view stops at the start
    run(view, 1.0)
    assert view.center == pytest.approx(view.bounds()[0])
