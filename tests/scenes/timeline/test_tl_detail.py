"""The detail view's parts: gallery swipes with caption and credit per image, the reconstruction label, and a
content reload that keeps the visitor where they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import yaml

from tests.conftest import CONFIG_DIR
from tests.scenes.timeline.conftest import scene_of, settle


def colour_count(app, rect: pygame.Rect, rgb: tuple[int, int, int], tolerance: int = 10) -> int:
    area = app.display.screen.subsurface(rect.clip(app.display.screen.get_rect()))
    return sum(1 for x in range(0, area.get_width(), 2) for y in range(0, area.get_height(), 2)
               if all(abs(a - b) <= tolerance for a, b in zip(area.get_at((x, y))[:3], rgb, strict=False)))


def content_with_gallery(tmp_path: Path) -> Path:
    """The default content, with a second image (own caption and credit) on the 'glasnet' event."""
    root = tmp_path / "gallery-content"
    shutil.copytree(CONFIG_DIR / "content", root)
    path = root / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if e["id"] == "glasnet")
    event["images"].append({"file": "images/dendy.png",
                            "caption": {"ru": "Вторая картинка галереи", "en": "Second gallery picture"},
                            "credit": {"ru": "Проверочный автор", "en": "Test credit"}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_gallery_swipes_between_images_each_with_caption_and_credit(timeline_app, tmp_path) -> None:
    app = timeline_app(content=content_with_gallery(tmp_path), lang="en")
    scene = scene_of(app)
    scene.open_detail("glasnet")
    settle(app)
    detail = scene.detail
    box = detail.layout.image
    first = app.display.screen.subsurface(box).copy()
    caption_rect = pygame.Rect(detail.layout.caption.left, box.top, detail.layout.caption.width,
                               detail.layout.caption.bottom - box.top)
    caption_first = app.display.screen.subsurface(caption_rect).copy()
    y = box.centery
    assert app.play([{"swipe": {"from": [box.right - 40, y], "to": [box.left + 40, y], "ms": 150}},
                     {"wait": 0.3}]) == []
    assert detail.image_index == 1 and scene.open_event_id == "glasnet"  # the gallery moved, not the event
    settle(app)
    second = app.display.screen.subsurface(box).copy()
    assert pygame.image.tobytes(first, "RGB") != pygame.image.tobytes(second, "RGB")
    caption_second = app.display.screen.subsurface(caption_rect).copy()
    assert pygame.image.tobytes(caption_first, "RGB") != pygame.image.tobytes(caption_second, "RGB")
    block = app.text.block("Test credit", app.theme.font("sans", "detail_meta", "timeline"),
                           app.theme.color("muted", "timeline"), detail.layout.caption.width, 1)
    assert block.lines == ["Test credit"]
    assert app.play([{"swipe": {"from": [box.left + 40, y], "to": [box.right - 40, y], "ms": 150}},
                     {"wait": 0.3}]) == []
    assert detail.image_index == 0
    assert app.play([{"tap": [box.centerx, y]}, {"wait": 0.2}]) == []
    assert detail.image_index == 1  # a tap on the picture shows the next one


def test_swipe_on_a_single_image_event_goes_to_the_next_event(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    ids = [event.id for event in scene.events]
    scene.open_detail(ids[5])
    settle(app)
    text = scene.detail.layout.text
    assert app.play([{"swipe": {"from": [text.right - 40, text.centery], "to": [text.left + 40, text.centery],
                                "ms": 150}}, {"wait": 0.3}]) == []
    assert scene.open_event_id == ids[6]


def test_reconstruction_label_shows_only_for_reconstructions(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    label = app.theme.color("reconstruction_bg", "timeline")
    rgb = (label.r, label.g, label.b)
    scene.open_detail("first-mosru")
    settle(app)
    assert scene.by_id["first-mosru"].reconstruction
    assert colour_count(app, scene.detail.layout.text, rgb) > 100
    scene.open_detail("new-mosru")
    settle(app)
    assert not scene.by_id["new-mosru"].reconstruction
    assert colour_count(app, scene.detail.layout.text, rgb) == 0


def test_content_reload_keeps_the_place_and_the_open_event(timeline_app) -> None:
    app = timeline_app()
    scene = scene_of(app)
    scene.show_event("yandex", level="year", seconds=0)
    settle(app)
    scene.open_detail("yandex")
    center, level = scene.view_center_year, scene.zoom_level
    scene.content_changed()
    settle(app)
    assert (scene.view_center_year, scene.zoom_level) == (center, level)
    assert scene.open_event_id == "yandex"


def test_a_still_detail_view_is_one_composed_frame_redrawn_only_when_it_changes(timeline_app) -> None:
    """The soak's slow frames were the detail view re-blitting snapshot, panel, picture and buttons every frame
    (3 ms at 1080p, p99 6 ms): a still view is now composed once and blitted. It must look the same as a fresh
    composition and follow every change (next event, language, closing and opening again)."""
    app = timeline_app()
    scene = scene_of(app)
    ids = [event.id for event in scene.events]
    composed: list[str] = []
    draw = scene.detail.draw

    def counting_draw(surface: pygame.Surface) -> None:
        composed.append(scene.open_event_id or "")
        draw(surface)

    scene.detail.draw = counting_draw
    scene.open_detail(ids[3])
    settle(app)
    before = len(composed)
    still = pygame.image.tobytes(app.display.screen, "RGB")
    app.advance(0.5)
    assert len(composed) == before  # 30 frames, no composition
    assert pygame.image.tobytes(app.display.screen, "RGB") == still
    scene.still.forget()  # a fresh composition of the same state gives the same pixels (live, then kept)
    app.advance(2 / 60)
    assert len(composed) == before + 2 and pygame.image.tobytes(app.display.screen, "RGB") == still
    app.advance(0.2)
    assert len(composed) == before + 2
    assert app.play([{"tap": {"target": "detail.next"}}]) == []
    settle(app)
    assert scene.open_event_id == ids[4] and composed[-1] == ids[4]
    assert pygame.image.tobytes(app.display.screen, "RGB") != still
    assert app.play([{"tap": {"target": "lang"}}, {"wait": 0.2}]) == [] and app.i18n.lang == "en"
    text = scene.detail.layout.text
    english = pygame.image.tobytes(app.display.screen.subsurface(text), "RGB")
    assert app.play([{"tap": {"target": "detail.close"}}, {"wait": 0.2}]) == []
    assert not scene.detail.is_open and app.find_target("detail.close") is None
    scene.open_detail(ids[4])
    settle(app)
    assert app.find_target("detail.close") is not None  # the buttons are targets again after reopening
    assert pygame.image.tobytes(app.display.screen.subsurface(text), "RGB") == english
