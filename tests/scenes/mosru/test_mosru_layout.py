"""What a visitor sees in RU and EN on landscape and portrait screens: every state of the scene saved as a PNG
in /tmp/mosru_shots/ (looked at by eye), with the checks a layout lint would make: touch targets at least
min_target, the language button's corner free, everything on screen, no text cut or overflowing."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from kiosk.theme import Theme
from tests.conftest import CONFIG_DIR
from tests.scenes.mosru.conftest import SCENES, SHOTS, connect, open_scene, run_until

TEXT_TOKENS = ("scene_title", "chrome_text", "chrome_title", "badge", "dialog_title", "dialog_text", "option",
               "panel_title", "panel_text", "compare_label", "compare_title", "compare_text", "figure_value")


def check_screen(app: Any, state: str) -> None:
    layout = app.layout
    screen = layout.rect
    names = []
    for target in app.all_targets():
        names.append(target.name)
        if target.name == "lang":
            continue
        rect = target.rect
        assert screen.contains(rect), (state, target)
        assert min(rect.width, rect.height) >= layout.min_target, (state, target, layout.min_target)
        assert not rect.colliderect(layout.lang_toggle_rect), (state, target)
    assert len(names) == len(set(names)), (state, names)
    overflow = [o for o in app.text.overflows if "mosru" in o.where]
    assert not overflow, (state, overflow[:3])


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_state_fits_the_screen(make_app: Any, size: tuple[int, int], lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    app = make_app(scenes=SCENES, home="menu", size=size, lang=lang, fps=20)
    app.text.record_overflow = True
    tag = f"{size[0]}x{size[1]}_{lang}"

    def shot(state: str) -> None:
        check_screen(app, state)
        pygame.image.save(app.display.screen, str(SHOTS / f"{state}_{tag}.png"))

    scene = open_scene(app)
    shot("1_connect_dialog")
    connect(app, "v32bis")
    app.advance(2.0)
    shot("2_dialling")
    run_until(app, lambda: not scene.browser.dialling)
    app.advance(3.0)
    assert scene.browser.loading == "home"
    shot("3_loading")
    assert app.play([{"tap": {"target": "mosru.skip"}}]) == []
    shot("4_start_page")
    assert app.play([{"tap": {"target": "mosru.link.reference"}}, {"wait": 1.5}]) == []
    assert scene.browser.current == "reference" and scene.browser.loading is None
    shot("5_section_page")
    assert app.play([{"tap": {"target": "mosru.compare"}}]) == []
    shot("6_then_and_now")
    now = scene.compare.panes["now"]
    if now.max_scroll > 0:
        x = now.rect.centerx
        assert app.play([{"swipe": {"from": [x, now.rect.bottom - 40], "to": [x, now.rect.y + 40], "ms": 300}},
                         {"wait": 0.3}]) == []
        assert now.scroll > 0
        shot("7_then_and_now_scrolled")


def test_ui_text_is_at_least_24_px_at_1080p() -> None:
    theme = Theme.load(CONFIG_DIR / "theme.yaml", scale=1.0)
    sizes = {token: theme.size(token, "mosru") for token in TEXT_TOKENS}
    assert all(px >= 24 for px in sizes.values()), sizes
