"""Every screen size and language: text stays inside its boxes, targets are big enough and leave the language
corner free; screenshots of the timeline, a detail view and attract mode go to /tmp/timeline_shots/."""

from __future__ import annotations

import pygame
import pytest

from scenes.timeline.tuning import LEVELS
from tests.scenes.timeline.conftest import scene_of, settle, shot

BODY_TOKENS = ("card_date", "card_teaser", "card_title_small", "detail_body_small", "detail_meta", "axis_label",
               "zoom_label", "lane_title", "era_title")


def overflows(app) -> list[str]:
    return sorted({f"{o.where}: {o.text!r} ({o.natural_width}px in {o.box_width}px, {o.lines_needed} lines "
                   f"for {o.max_lines})" for o in app.text.overflows})


def check_targets(app) -> None:
    layout = app.layout
    screen = pygame.Rect(0, 0, layout.width, layout.height)
    for target in app.all_targets():
        assert screen.contains(target.rect), target
        assert min(target.rect.size) >= layout.min_target, target
        if target.name != "lang":
            assert not target.rect.colliderect(layout.lang_toggle_rect), target


def render_everything(app, details: int | None = None) -> None:
    """Every card at every level, the detail views (all, or the `details` with the longest texts) and the
    attract banner, in the app's language."""
    scene = scene_of(app)
    lang = app.i18n.lang
    for event in scene.events:
        for level in LEVELS:
            scene.cards.render(event.id, level, lang)
    longest = sorted(scene.events, key=lambda e: -len(e.text.pick(lang)) - len(e.title.pick(lang)))
    for event in longest[:details]:
        scene.open_detail(event.id)
        scene.detail.draw(app.display.surface)
    scene.detail.close()
    scene.banner.rect()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_screens_fit_and_are_recorded(timeline_app, size, lang) -> None:
    app = timeline_app(size=size, lang=lang)
    scene = scene_of(app)
    tag = f"{lang}_{'landscape' if size[0] > size[1] else 'portrait'}"
    check_targets(app)
    shot(app, f"timeline_decade_{tag}")
    scene.show_event("first-mosru", level="year", seconds=0)
    settle(app)
    check_targets(app)
    shot(app, f"timeline_year_{tag}")
    scene.show_event("new-mosru", level="month", seconds=0)
    settle(app)
    check_targets(app)
    shot(app, f"timeline_month_{tag}")
    scene.open_detail("first-mosru")  # reconstruction label and an "open" button
    settle(app)
    check_targets(app)
    shot(app, f"detail_open_{tag}")
    scene.open_detail("new-mosru")  # QR code
    settle(app)
    assert scene.detail.qr_rect is not None
    shot(app, f"detail_qr_{tag}")
    scene.detail.close()
    stack = next(item for item in scene.visible_items() if item.is_stack) if any(
        item.is_stack for item in scene.visible_items()) else None
    if stack is not None:
        scene.open_stack(list(stack.event_ids))
        settle(app)
        check_targets(app)
        shot(app, f"stack_{tag}")
        scene.stack_view.close()
    app._start_attract()
    settle(app, 1.0)
    assert scene.attract_active
    shot(app, f"attract_{tag}")
    render_everything(app)
    assert overflows(app) == []


@pytest.mark.parametrize("size", [(3840, 2160), (1366, 768)], ids=["4k", "small"])
def test_other_screen_sizes_scale_the_layout(timeline_app, size) -> None:
    app = timeline_app(size=size)
    scene = scene_of(app)
    check_targets(app)
    for token in BODY_TOKENS:
        assert app.theme.size(token, "timeline") >= round(24 * app.layout.scale) - 1, token
    for level in LEVELS:
        style = scene.styles[level]
        assert style.height <= min(box.rows.height for box in scene.geo.lanes)
    scene.show_event("first-mosru", level="year", seconds=0)
    settle(app)
    check_targets(app)
    scene.open_detail("first-mosru")
    settle(app)
    check_targets(app)
    render_everything(app, details=8)
    assert overflows(app) == []
