"""The default exhibit end to end: the timeline opens each scene from its event, and comes back to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import pixel

SCENES = {"timeline": "scenes.timeline", "mosru": "scenes.mosru", "active_citizen": "scenes.active_citizen",
          "retro_pc": "scenes.retro_pc", "menu": "scenes.menu"}


@pytest.mark.parametrize(("event", "scene"), [("first-mosru", "mosru"), ("ag-launch", "active_citizen"),
                                              ("norton-commander", "retro_pc")])
def test_scene_opens_from_its_event_and_returns_to_it(make_app, event: str, scene: str):
    app = make_app(scenes=SCENES, home="timeline")
    timeline = app.router.top
    assert app.scene_name() == "timeline"
    timeline.show_event(event, "month", 0.0)  # month zoom: no stacks hide the card
    app.advance(0.5)
    center, zoom = timeline.view_center_year, timeline.zoom_level
    if app.find_target(f"card.{event}") is None:  # it shares its date with others: open their stack first
        stack = next(t.name for t in app.all_targets() if t.name.startswith("stack.")
                     and timeline.layout_for(timeline.view.level).by_event.get(event) is not None
                     and t.label == timeline.layout_for(timeline.view.level).by_event[event].first_id)
        assert app.play([{"tap": {"target": stack}}, {"wait": 0.6}]) == []
    assert app.play([{"tap": {"target": f"card.{event}"}}, {"wait": 0.6}]) == []
    assert timeline.open_event_id == event
    before = pixel(app, 960, 540)
    assert app.play([{"tap": {"target": "detail.open"}}, {"wait": 1.0}, {"expect_scene": scene}]) == []
    assert pixel(app, 960, 540) != before
    app.router.pop()
    app.advance(0.6)
    assert app.scene_name() == "timeline"
    assert timeline.open_event_id == event
    assert timeline.zoom_level == zoom and timeline.view_center_year == pytest.approx(center, abs=0.01)
    assert app.scene_errors == 0


def test_default_exhibit_in_both_languages_and_orientations(make_app, tmp_path: Path):
    for size in ((1920, 1080), (1080, 1920)):
        for lang in ("ru", "en"):
            app = make_app(scenes=SCENES, home="timeline", size=size, lang=lang)
            app.text.record_overflow = True
            assert app.play([{"wait": 1.0}, {"expect_lang": lang}, {"expect_scene": "timeline"}]) == []
            assert app.find_target("lang") is not None
            colors = {pixel(app, x, y) for x in range(0, size[0], 23) for y in range(0, size[1], 23)}
            assert len(colors) > 20
            assert [o.where for o in app.text.overflows] == []
            app.shutdown()
