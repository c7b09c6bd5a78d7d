"""What a visitor sees in RU and EN on landscape and portrait screens: boot, prompt, file manager, game,
keyboard and browser saved as PNGs in /tmp/retro_shots/ (looked at by eye), with the checks a layout lint
makes: every target on screen and clear of the language button, keys at least min_target where the key set
allows (the full keyboard at least 15 mm), no text cut or overflowing."""

from __future__ import annotations

from typing import Any

import pytest

from .scene_helpers import LANDSCAPE, PORTRAIT, SCENES, open_scene, run_until, shot, skip_boot, tap_keys


def check_screen(app: Any, state: str) -> None:
    layout = app.layout
    names = []
    full_keyboard = any(t.name == "key.Q" for t in app.all_targets())
    for target in app.all_targets():
        names.append(target.name)
        if target.name == "lang":
            continue
        rect = target.rect
        assert layout.rect.contains(rect), (state, target)
        assert not rect.colliderect(layout.lang_toggle_rect), (state, target)
        smaller = min(rect.width, rect.height)
        if target.name.startswith("key.") and full_keyboard:
            assert smaller >= layout.mm(15), (state, target, layout.mm(15))
        elif not target.name.startswith("browser.link."):
            assert smaller >= layout.min_target, (state, target, layout.min_target)
    assert len(names) == len(set(names)), (state, names)
    overflow = [o for o in app.text.overflows if "retro" in o.where or "browser" in o.where]
    assert not overflow, (state, overflow[:3])


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_state_fits_the_screen(make_app: Any, size: tuple[int, int], lang: str) -> None:
    app = make_app(scenes=SCENES, home="menu", size=size, lang=lang, fps=20)
    app.text.record_overflow = True
    tag = f"{size[0]}x{size[1]}_{lang}"

    def look(state: str) -> None:
        check_screen(app, state)
        shot(app, f"{state}_{tag}")

    scene = open_scene(app)
    machine = scene.machine
    app.advance(1.6)
    look("1_boot")
    skip_boot(app)
    machine.type_command("HELP")
    app.advance(0.1)
    look("2_prompt")
    machine.type_command("NC")
    app.advance(0.1)
    look("3_commander")
    tap_keys(app, ["F10"])
    machine.type_command("BLOCKS")
    tap_keys(app, ["LEFT", "UP"])
    app.advance(1.0)
    look("4_game")
    tap_keys(app, ["ESC", "LAYOUT", "SHIFT"])
    assert machine.keys.layout == "ru" and machine.on_screen.sticky == {"SHIFT"}
    look("5_keyboard")
    tap_keys(app, ["SHIFT", "LAYOUT"])
    machine.type_command("DIALER")
    run_until(app, lambda: scene.browser is not None, limit=12)
    app.advance(1.0)
    look("6_browser_loading")
    assert app.play([{"tap": {"target": "browser.skip"}}, {"tap": {"target": "browser.down"}}]) == []
    look("7_browser")
