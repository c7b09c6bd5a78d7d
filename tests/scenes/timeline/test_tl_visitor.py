"""What a visitor does with the cards: open an event, read its QR, open its scene and come back, expand a
stack, get picked up by the attract tour, switch language — through the real app, asserted on state and pixels."""

from __future__ import annotations

import pygame
import pytest
import segno

from scenes.timeline import detail
from tests.conftest import pixel
from tests.scenes.timeline import standin
from tests.scenes.timeline.conftest import scene_of, settle


def bright_pixels(app, rect: pygame.Rect) -> int:
    """How many near-white pixels (text) are inside rect on screen."""
    area = app.display.screen.subsurface(rect.clip(app.display.screen.get_rect()))
    return sum(1 for x in range(0, area.get_width(), 2) for y in range(0, area.get_height(), 2)
               if min(area.get_at((x, y))[:3]) > 200)


def color_of(app, token: str) -> tuple[int, int, int]:
    color = app.theme.color(token, "timeline")
    return (color.r, color.g, color.b)


def test_tapping_a_card_opens_that_event(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.show_event("glasnet", level="month", seconds=0)
    settle(app)
    rect = app.find_target("card.glasnet")
    assert rect is not None and min(rect.size) >= app.layout.min_target
    assert app.play([{"tap": {"target": "card.glasnet"}}, {"wait": 0.2}]) == []
    assert scene.open_event_id == "glasnet"
    settle(app)
    layout = scene.detail.layout
    # the detail panel covers the timeline, with the event's title in large light text in the text column
    assert pixel(app, layout.panel.centerx, layout.panel.top + 4) == color_of(app, "detail_bg")
    title_area = pygame.Rect(layout.text.left, layout.text.top, layout.text.width, app.theme.px(160))
    assert bright_pixels(app, title_area) > 200
    assert app.find_target(detail.CLOSE) is not None and app.find_target("card.glasnet") is None
    assert app.play([{"tap": {"target": detail.CLOSE}}, {"wait": 0.2}]) == []
    assert scene.open_event_id is None and scene.zoom_level == "month"
    assert app.find_target("card.glasnet") is not None


def test_a_mouse_click_opens_a_card_too(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.show_event("aport", level="month", seconds=0)
    settle(app)
    rect = app.find_target("card.aport")
    assert app.play([{"click": [rect.centerx, rect.centery]}, {"wait": 0.2}]) == []
    assert scene.open_event_id == "aport"


def test_detail_view_shows_a_scannable_qr_for_an_event_with_a_link(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    event = scene.by_id["new-mosru"]
    assert event.link
    scene.open_detail("new-mosru")
    settle(app)
    qr = scene.detail.qr_rect
    assert qr is not None
    rows = list(segno.make(event.link, error="m", micro=False).matrix_iter(scale=1, border=4))
    module = qr.width // len(rows)
    assert module >= 3
    for y, row in enumerate(rows):  # every module on screen matches the code for the link
        for x, dark in enumerate(row):
            r, g, b = pixel(app, qr.left + x * module + module // 2, qr.top + y * module + module // 2)
            assert (r + g + b < 150) == bool(dark), (x, y)
    scene.open_detail("glasnet")  # no link: no QR
    settle(app)
    assert scene.detail.qr_rect is None


def test_no_qr_code_for_a_host_off_the_allow_list(timeline_app) -> None:
    app = timeline_app(extra={"allowed_link_hosts": ["example.org"]})
    scene = scene_of(app)
    assert scene.by_id["new-mosru"].link
    scene.open_detail("new-mosru")
    settle(app)
    assert scene.open_event_id == "new-mosru" and scene.detail.qr_rect is None


def test_open_button_goes_to_the_scene_and_back_to_the_same_event_and_zoom(timeline_app) -> None:
    standin.OPENED.clear()
    app = timeline_app()
    scene = scene_of(app)
    scene.show_event("first-mosru", level="month", seconds=0)
    settle(app)
    center, level = scene.view_center_year, scene.zoom_level
    assert app.play([{"tap": {"target": "card.first-mosru"}}, {"wait": 0.2},
                     {"tap": {"target": detail.OPEN}}, {"wait": 0.4}, {"expect_scene": "mosru"}]) == []
    assert standin.OPENED[-1] == ("mosru", {"event": "first-mosru"})
    assert pixel(app, 960, 900) == standin.COLOR
    assert app.play([{"tap": {"target": "standin.back"}}, {"wait": 0.5}, {"expect_scene": "timeline"}]) == []
    assert scene.open_event_id == "first-mosru"
    assert (scene.view_center_year, scene.zoom_level) == (center, level)
    assert app.play([{"tap": {"target": detail.CLOSE}}, {"wait": 0.5}]) == []
    assert (scene.view_center_year, scene.zoom_level) == (center, level)
    assert app.find_target("card.first-mosru") is not None


def test_next_and_previous_walk_through_events_in_date_order(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    ids = [event.id for event in scene.events]
    scene.open_detail(ids[10])
    app.advance(0.1)
    assert app.play([{"tap": {"target": detail.NEXT}}, {"wait": 0.2}]) == []
    assert scene.open_event_id == ids[11]
    assert app.play([{"tap": {"target": detail.PREV}}, {"tap": {"target": detail.PREV}}, {"wait": 0.2}]) == []
    assert scene.open_event_id == ids[9]
    assert app.play([{"tap": {"target": detail.CLOSE}}, {"wait": 0.6}]) == []
    assert app.find_target(f"card.{ids[9]}") is not None or any(
        ids[9] in item.event_ids for item in scene.visible_items())


def test_a_stack_expands_on_tap_and_its_cards_open(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    stack = next(item for item in scene.visible_items() if item.is_stack)
    assert app.find_target(stack.target_name) is not None
    assert app.play([{"tap": {"target": stack.target_name}}, {"wait": 0.3}]) == []
    assert scene.open_stack_id == stack.first_id
    shown = scene.stack_view.page_ids()
    assert shown and shown == stack.event_ids[:len(shown)]
    for event_id in shown:
        assert app.find_target(f"card.{event_id}") is not None
    second = shown[1]
    assert app.play([{"tap": {"target": f"card.{second}"}}, {"wait": 0.2}]) == []
    assert scene.open_event_id == second
    assert app.play([{"tap": {"target": detail.CLOSE}}, {"wait": 0.2}]) == []
    assert scene.open_stack_id == stack.first_id  # back to the expanded stack
    assert app.play([{"tap": {"target": "stack.close"}}, {"wait": 0.2}]) == []
    assert scene.open_stack_id is None and app.find_target(stack.target_name) is not None


def test_idle_starts_the_attract_tour_and_a_touch_stops_it_where_it_is(timeline_app) -> None:
    app = timeline_app(extra={"idle": {"idle_seconds": 5, "countdown_seconds": 2}})
    scene = scene_of(app)
    highlighted = [event.id for event in scene.content.highlighted()]
    app.advance(7.5)
    assert scene.attract_active and scene.attract_event_id == highlighted[0]
    assert scene.zoom_level == "year"
    banner = scene.banner.rect()
    assert bright_pixels(app, banner) > 50 or app.display.screen.get_at(banner.center)[:3] != (0, 0, 0)
    per_event = scene.content.settings.attract_seconds_per_event
    app.advance(per_event + 1.0)
    assert scene.attract_event_id == highlighted[1]
    item = scene.layout_for("year").by_event[highlighted[1]]
    assert 0 <= scene.item_rect(item).centerx <= app.layout.width
    app.advance(per_event * 0.02)  # mid-pan
    assert app.play([{"tap": [960, 300]}]) == []
    assert not scene.attract_active and scene.open_event_id is None  # the waking touch opens nothing
    stopped = scene.view_center_year
    app.advance(1.0)
    assert scene.view_center_year == pytest.approx(stopped)


def test_language_switch_rerenders_in_place(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.show_event("yandex", level="year", seconds=0)
    settle(app)
    center, level = scene.view_center_year, scene.zoom_level
    visible = [item.first_id for item in scene.visible_items()]
    assert app.play([{"tap": {"target": "lang"}}, {"wait": 0.1}, {"expect_lang": "en"}]) == []
    assert (scene.view_center_year, scene.zoom_level) == (center, level)
    assert all(scene.cards.has(event_id, level, "en") for event_id in visible)
    scene.open_detail("yandex")
    settle(app)
    assert app.play([{"tap": {"target": "lang"}}, {"wait": 0.1}, {"expect_lang": "ru"}]) == []
    assert scene.open_event_id == "yandex" and (scene.view_center_year, scene.zoom_level) == (center, level)


def test_scrolling_back_reuses_rendered_cards(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.view.center = 2000.0
    settle(app, 0.5)
    rendered = scene.cards.rendered
    scene.view.center = 2001.0
    app.advance(0.3)
    scene.view.center = 2000.0
    app.advance(0.3)
    visible = [item.first_id for item in scene.visible_items()]
    assert all(scene.cards.has(event_id, "decade", "ru") for event_id in visible)
    assert scene.cards.rendered - rendered <= 4 * len(visible)
