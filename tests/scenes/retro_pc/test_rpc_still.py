"""The computer's screen kept as one layer while nothing on it changes: the kept frame has the same pixels
as a live drawing (prompt, typed text with a pressed key's flash, a listing; landscape and portrait), and a
still prompt is not captured again every frame."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from tests.scenes.retro_pc.scene_helpers import (
    SCENES_WITHOUT_MOSRU,
    open_scene,
    skip_boot,
    tap_keys,
    tap_text,
)

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)


def _kept_equals_live(app: Any, scene: Any, where: str) -> None:
    display = app.display.surface
    kept, live = display.copy(), display.copy()
    scene.draw(kept)
    scene._draw_screen(live)
    assert pygame.image.tobytes(kept, "RGB") == pygame.image.tobytes(live, "RGB"), f"{where}: pixels differ"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_still_screens_are_kept_with_the_same_pixels(make_app: Any, size: tuple[int, int]) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=size, lang="en", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    app.advance(0.3)
    _kept_equals_live(app, scene, "prompt")
    copies = scene.still.copies
    for _ in range(5):
        app.advance(1 / 30)
    assert scene.still.copies == copies  # the cursor blinks in the picture, drawn over the kept layer
    tap_text(app, "dir", enter=False)
    app.advance(0.1)
    _kept_equals_live(app, scene, "typed text with a key flash")
    app.advance(1.0)
    _kept_equals_live(app, scene, "typed text")
    tap_keys(app, ["ENTER"])
    app.advance(1.0)
    _kept_equals_live(app, scene, "a listing")
    assert scene.still.copies > copies
