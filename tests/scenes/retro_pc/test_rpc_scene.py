"""The 1990s computer in the real app (headless, simulated clock), driven like a visitor: boot, typing by taps
and by a physical keyboard, the game, the file manager, the dialer and its browser, idle reset, leaving."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from scenes.retro_pc.audio import IDLE_REASON
from scenes.retro_pc.blocks import BlocksProgram
from scenes.retro_pc.commander import Commander
from scenes.retro_pc.editor import Viewer
from scenes.retro_pc.vfs import VirtualFS

from .scene_helpers import (
    LANDSCAPE,
    PORTRAIT,
    SCENES,
    SCENES_WITHOUT_MOSRU,
    cell_point,
    open_scene,
    press_keys,
    run_until,
    screen_pixels_differ,
    shot,
    skip_boot,
    tap_keys,
    tap_text,
)


def test_boot_reaches_the_prompt_on_the_simulated_clock(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=LANDSCAPE, lang="en", fps=30)
    scene = open_scene(app)
    machine = scene.machine
    app.advance(1.5)
    assert machine.state == "boot" and "Memory Test" in machine.screen.text()
    assert screen_pixels_differ(app, scene.geo.screen, (0, 0, 0)) > 20  # POST lines are on the tube
    took = run_until(app, lambda: machine.state == "shell", limit=15)
    app.advance(0.2)
    assert took < 8.0
    assert machine.screen.text().rstrip().endswith("C:\\>")
    assert screen_pixels_differ(app, scene.geo.screen, (0, 0, 0)) > 40
    shot(app, "test_boot_prompt")
    rescaled = scene.monitor.rescaled
    app.advance(0.1)  # nothing changed but maybe the cursor blink: at most one rescale in 3 frames
    assert scene.monitor.rescaled - rescaled <= 1


@pytest.mark.parametrize(("size", "layout"), [(LANDSCAPE, "en"), (PORTRAIT, "ru")],
                         ids=["landscape-LAT", "portrait-RUS"])
def test_typing_by_taps_equals_typing_on_a_keyboard(make_app: Any, size: tuple[int, int], layout: str) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=size, lang="ru", fps=30)
    screens = []
    for by_taps in (True, False):
        scene = open_scene(app)
        skip_boot(app)
        machine = scene.machine
        assert machine.keys.layout == "en"  # the Cyrillic driver starts in LAT
        if layout == "ru":
            tap_keys(app, ["LAYOUT"]) if by_taps else press_keys(app, ["right ctrl"])
            assert machine.keys.layout == "ru" and machine.layout_indicator == "РУС"
        if by_taps:
            tap_keys(app, ["D", "I", "R", "ENTER"])
        else:
            press_keys(app, ["d", "i", "r", "return"])
        app.advance(0.1)
        screens.append(machine.screen.text())
        assert app.play([{"tap": {"target": "retro.exit"}}, {"wait": 0.4}]) == []
        assert app.scene_name() == "menu"
    assert screens[0] == screens[1]
    if layout == "en":
        assert "DOS          <КАТ>" in screens[0] and "байт свободно" in screens[0]
    else:
        assert "C:\\>вшк" in screens[0] and "Неверная команда или имя файла" in screens[0]


def test_the_game_is_played_by_taps(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=LANDSCAPE, lang="en", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    tap_text(app, "blocks")
    program = scene.machine.program
    assert isinstance(program, BlocksProgram)
    names = {t.name for t in app.all_targets()}
    assert {"key.LEFT", "key.RIGHT", "key.UP", "key.DOWN", "key.SPACE", "key.ESC"} <= names
    assert "key.Q" not in names and "key.F1" not in names  # the game shows only its own keys
    game = program.game
    start_x = game.piece.x
    before = pygame.image.tobytes(app.display.screen.subsurface(scene.geo.screen), "RGB")
    tap_keys(app, ["LEFT", "LEFT"])
    assert game.piece.x == start_x - 2
    tap_keys(app, ["RIGHT"])
    assert game.piece.x == start_x - 1
    rotation = game.piece.rotation
    tap_keys(app, ["UP"])
    assert game.piece.rotation == (rotation + 1) % 4
    filled = sum(cell is not None for row in game.grid for cell in row)
    tap_keys(app, ["SPACE"])
    assert sum(cell is not None for row in game.grid for cell in row) == filled + 4  # dropped and locked
    app.advance(0.1)
    after = pygame.image.tobytes(app.display.screen.subsurface(scene.geo.screen), "RGB")
    assert after != before
    tap_keys(app, ["ESC"])
    assert scene.machine.state == "shell"
    assert "key.Q" in {t.name for t in app.all_targets()}  # the full keyboard is back


def test_the_file_manager_opens_a_file_by_double_tap(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=PORTRAIT, lang="ru", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    machine = scene.machine
    tap_text(app, "xyz", enter=False)  # something half-typed: the command button clears it first
    assert app.play([{"tap": {"target": "retro.run.NC"}}]) == []  # "Or tap a command: NC - files"
    assert isinstance(machine.program, Commander)
    assert app.find_target("retro.run.NC") is None  # command buttons only at the prompt
    found = machine.screen.find("README   TXT")
    assert found is not None
    point = cell_point(scene, found[0] + 2, found[1])
    assert app.play([{"tap": point}]) == []
    assert isinstance(machine.program, Commander)  # one tap selects
    selected = machine.program.selected()
    assert selected is not None and selected.name == "README.TXT"
    assert app.play([{"tap": point}, {"tap": point}]) == []
    assert isinstance(machine.program, Viewer), machine.screen.text()
    assert "README.TXT" in machine.screen.text()
    names = {t.name for t in app.all_targets()}
    assert {"key.UP", "key.DOWN", "key.ESC"} <= names and "key.A" not in names
    tap_keys(app, ["ESC"])
    assert isinstance(machine.program, Commander)


def test_the_dialer_leads_to_the_browser_and_back_and_exit_work(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=LANDSCAPE, lang="ru", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    tap_text(app, "dialer")
    machine = scene.machine
    assert machine.program is not None and machine.program.keyset == "dialer"
    app.advance(1.5)
    assert IDLE_REASON in app.ctx.idle.holders  # the handshake plays: no idle countdown meanwhile
    run_until(app, lambda: scene.browser is not None, limit=12)
    browser = scene.browser
    assert browser.source.address == "http://www.mos.ru/"  # the mos.ru scene's reconstruction
    assert "CONNECT 14400" in machine.screen.text()
    names = {t.name for t in app.all_targets()}
    assert {"browser.back", "browser.skip", "browser.exit"} <= names and "key.A" not in names
    assert browser.loading == "home" and 0 < browser.fraction < 1
    assert app.play([{"tap": {"target": "browser.skip"}}]) == []
    assert browser.loading is None and browser.fraction == 1.0
    for _ in range(3):
        if app.find_target("browser.link.reference"):
            break
        assert app.play([{"tap": {"target": "browser.down"}}]) == []
    assert app.play([{"tap": {"target": "browser.link.reference"}}]) == []
    assert browser.current == "reference" and browser.history.can_back
    run_until(app, lambda: browser.loading is None, limit=5)
    assert app.play([{"tap": {"target": "browser.back"}}]) == []
    assert browser.current == "home" and browser.loading is None  # from the cache
    assert IDLE_REASON not in app.ctx.idle.holders
    assert app.play([{"tap": {"target": "browser.exit"}}]) == []
    assert scene.browser is None and machine.state == "shell"
    assert machine.screen.text().rstrip().endswith("C:\\>")
    assert app.scene_name() == "retro_pc"


def test_without_the_mosru_scene_the_browser_shows_the_local_start_page(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=PORTRAIT, lang="en", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    scene.machine.type_command("DIALER")
    run_until(app, lambda: scene.browser is not None, limit=12)
    browser = scene.browser
    assert browser.source.address == "C:\\INTERNET\\START.HTM" and browser.source.badge.en == "reconstruction"
    run_until(app, lambda: browser.loading is None, limit=10)
    assert app.play([{"tap": {"target": "browser.link.modem"}}]) == []
    run_until(app, lambda: browser.loading is None, limit=10)
    assert browser.current == "modem"
    press_keys(app, ["backspace"])
    assert browser.current == "start"
    press_keys(app, ["escape"])
    assert scene.browser is None and scene.machine.state == "shell"


def test_idle_gives_the_next_visitor_a_clean_machine(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=LANDSCAPE, lang="en", fps=20,
                   extra={"idle": {"idle_seconds": 5, "countdown_seconds": 2}})
    scene = open_scene(app)
    skip_boot(app)
    machine = scene.machine
    tap_text(app, "cd games")
    machine.type_command("EDIT NOTE.TXT")
    machine.type_command("visitor was here", enter=False)
    tap_keys(app, ["F2"])
    machine.type_command("NOTE.TXT")  # the name prompt
    tap_keys(app, ["ESC"])
    assert machine.vfs.resolve("C:\\GAMES\\NOTE.TXT") is not None and machine.vfs.cwd_path() == "C:\\GAMES"
    app.advance(8.0)
    assert app.scene_name() == "menu"
    assert app.play([{"tap": [app.layout.width // 2, 5]}]) == []  # the next visitor wakes the attract tour
    again = open_scene(app)
    assert again is not scene and again.machine is not machine
    skip_boot(app)
    fresh = again.machine
    assert fresh.lang == "ru"  # idle also returned the kiosk to its default language
    assert fresh.vfs.fingerprint() == VirtualFS.from_content(fresh.content, "ru").fingerprint()
    assert fresh.vfs.root is not machine.vfs.root
    assert fresh.vfs.resolve("C:\\GAMES\\NOTE.TXT") is None and fresh.vfs.cwd_path() == "C:\\"
    assert fresh.shell.history == []
    machine.vfs.write_text("C:\\LEAK.TXT", "x", machine.now())  # the old machine cannot reach the new one
    assert fresh.vfs.resolve("C:\\LEAK.TXT") is None


def test_as_the_home_scene_idle_resets_the_machine_in_place(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="retro_pc", size=LANDSCAPE, lang="en", fps=20,
                   extra={"idle": {"idle_seconds": 5, "countdown_seconds": 2}})
    app.advance(0.2)
    scene = app.router.top
    skip_boot(app)
    machine = scene.machine
    tap_text(app, "cd games")
    tap_text(app, "blocks")
    assert machine.state == "program" and machine.vfs.cwd_path() == "C:\\GAMES"
    app.advance(8.0)
    assert app.router.top is scene and machine.state == "boot"  # the attract tour shows the machine booting
    assert machine.lang == "ru"  # the kiosk's default language is back
    assert machine.vfs.fingerprint() == VirtualFS.from_content(machine.content, "ru").fingerprint()
    assert machine.vfs.cwd_path() == "C:\\" and machine.programs == [] and machine.shell.history == []


def test_leaving_returns_to_the_menu_and_crashes_return_to_the_prompt(make_app: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=LANDSCAPE, lang="en", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    machine = scene.machine
    tap_text(app, "nc")

    def broken(self: Any, event: Any) -> None:
        raise RuntimeError("a bug in the file manager")

    monkeypatch.setattr(Commander, "handle_key", broken)
    tap_keys(app, ["DOWN"])
    assert machine.state == "shell" and "Abnormal program termination" in machine.screen.text()
    monkeypatch.undo()
    calls = {"n": 0}
    original = machine.update

    def fails_once(dt: float) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug outside any program")
        original(dt)

    machine.update = fails_once
    app.advance(0.2)
    assert app.scene_name() == "retro_pc" and calls["n"] > 1  # caught by the scene, not the engine
    assert app.scene_errors == 0 and "Abnormal program termination" in machine.screen.text()
    assert app.play([{"tap": {"target": "retro.exit"}}, {"wait": 0.4}]) == []
    assert app.scene_name() == "menu"


def test_language_switch_restarts_at_the_prompt_in_that_language(make_app: Any) -> None:
    app = make_app(scenes=SCENES_WITHOUT_MOSRU, home="menu", size=LANDSCAPE, lang="ru", fps=30)
    scene = open_scene(app)
    skip_boot(app)
    tap_text(app, "nc")
    assert app.play([{"tap": {"target": "lang"}}, {"wait": 0.1}]) == []
    machine = scene.machine
    assert machine.lang == "en" and machine.state == "shell"
    tap_text(app, "ver")
    assert "MS-DOS Version 6.22" in machine.screen.text()
    assert any(t.name == "retro.exit" and t.label == "Leave" for t in app.all_targets())
