"""The installer's self-test screen (`run_kiosk.py selftest` without --quick), driven like an installer would:
taps on every ring of the touch grid, several fingers at once, the sound tab, the summary and "save and exit".

Screenshots of every tab (RU/EN, landscape/portrait) go to /tmp/selftest_shots/ for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from kiosk.app import App, RunOptions
from kiosk.cli import main as cli_main
from kiosk.commands.selftest import _selftest_config
from kiosk.config import load_config
from kiosk.diagnostics.session import SelftestSession

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "assets" / "fonts"
SHOTS = Path("/tmp/selftest_shots")
OK_GREEN = (0x5B, 0xD6, 0x8A)
DANGER_RED = (0xFF, 0x6B, 0x6B)


def write_config(folder: Path, content: Path | None = None, **extra: Any) -> Path:
    data: dict[str, Any] = yaml.safe_load((REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8"))
    data["paths"] = {"content": str(content or REPO / "config" / "content"), "var": str(folder / "var"),
                     "theme": str(REPO / "config" / "theme.yaml")}
    data.update(extra)
    path = folder / "kiosk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def open_screen(folder: Path, size: tuple[int, int] = (1920, 1080), lang: str = "ru") -> tuple[App, SelftestSession]:
    session = SelftestSession()
    config = _selftest_config(load_config(write_config(folder)))
    app = App(config, RunOptions(headless=True, size=size, lang=lang, watch_content=False, needs_content=False,
                                 home_params={"session": session}))
    session.on_finish = app.quit
    app.advance(0.3)
    return app, session


def color_at(app: App, pos: tuple[int, int]) -> tuple[int, int, int]:
    return tuple(app.display.screen.get_at(pos))[:3]  # type: ignore[return-value]


def count_colour(surface: pygame.Surface, rgb: tuple[int, int, int]) -> int:
    mask = pygame.mask.from_threshold(surface, (*rgb, 255), (1, 1, 1, 255))
    return int(mask.count())


def post_finger(kind: int, finger: int, pos: tuple[float, float], size: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(kind, touch_id=7, finger_id=finger, x=pos[0] / size[0],
                                         y=pos[1] / size[1], dx=0.0, dy=0.0, pressure=1.0))


def script_file(folder: Path, steps: list[dict[str, Any]]) -> Path:
    path = folder / "installer.yaml"
    path.write_text(yaml.safe_dump(steps), encoding="utf-8")
    return path


def test_installer_walks_every_tab_and_the_report_says_what_was_found(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cells = [{"tap": {"target": f"selftest.cell.{c}.{r}"}} for r in range(5) for c in range(8)]
    steps: list[dict[str, Any]] = [{"wait": 0.5}, *cells, {"wait": 0.3}, {"screenshot": "grid_done"},
             {"tap": {"target": "selftest.tab.multi"}},
             {"pinch": {"center": [960, 600], "from": 200, "to": 500, "ms": 400}},
             {"tap": {"target": "selftest.tab.summary"}}, {"wait": 0.3}, {"screenshot": "summary"},
             {"tap": {"target": "selftest.finish"}}, {"wait": 0.5}]
    config = write_config(tmp_path)
    code = cli_main(["selftest", "--config", str(config), "--headless", "--size", "1920x1080", "--fonts", str(FONTS),
                     "--script", str(script_file(tmp_path, steps)), "--screenshots", str(tmp_path / "shots")])
    lines = capsys.readouterr().out.splitlines()
    text = "\n".join(lines)
    assert "ok   touch grid: 40/40 cells, 0 misses, off-centre median 0.0 mm" in text
    assert "ok   multi-touch: up to 2 finger(s) at once (2 needed for pinch)" in lines
    assert "FAIL sound: not tested: a headless run has no sound" in lines
    assert any(line.startswith("ok   screen: dummy 1920x1080") for line in lines)
    assert code == 1  # the tone cannot be tested headless: an honest FAIL, not a pass
    report = next((tmp_path / "var").glob("selftest-*.txt")).read_text(encoding="utf-8").splitlines()
    assert report[-1] == "result: FAIL"
    assert [line for line in report if line.startswith(("ok   touch grid", "FAIL sound", "ok   multi-touch"))]
    summary = pygame.image.load(str(tmp_path / "shots" / "summary.png"))
    assert count_colour(summary, OK_GREEN) > 200 and count_colour(summary, DANGER_RED) > 20  # ok and FAIL lines
    grid = pygame.image.load(str(tmp_path / "shots" / "grid_done.png"))
    assert count_colour(grid, OK_GREEN) > 40 * 100  # every ring turned green


def test_every_finger_is_drawn_and_the_most_at_once_counted(tmp_path: Path) -> None:
    app, session = open_screen(tmp_path)
    size = app.display.physical_size
    assert app.play([{"tap": {"target": "selftest.tab.multi"}}, {"wait": 0.3}]) == []
    spots = [(400 + 250 * i, 500 + 40 * i) for i in range(5)]
    for finger, spot in enumerate(spots):
        post_finger(pygame.FINGERDOWN, finger, spot, size)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=spots[0], button=1, touch=True))  # SDL's copy
    app.advance(0.1)
    assert session.fingers.most == 5 and len(session.fingers.active) == 5
    radius = app.layout.min_target // 2 + app.theme.px(10)
    for spot in spots:  # a ring around every finger, where the finger is
        assert color_at(app, (spot[0], spot[1] - radius + 2)) != color_at(app, (spot[0], spot[1] - radius - 40))
    for finger, spot in enumerate(spots):
        post_finger(pygame.FINGERUP, finger, spot, size)
    app.advance(0.1)
    assert session.fingers.active == {} and session.fingers.most == 5
    assert [c for c in session.interactive_checks() if c.name == "multi-touch"][0].ok
    app.shutdown()


def test_a_shifted_panel_fails_with_calibrate_and_misses_are_marked(tmp_path: Path) -> None:
    app, session = open_screen(tmp_path)
    grid = session.grid
    assert grid is not None
    shift = app.layout.mm(7)  # every touch lands 7 mm right of where the finger was aimed
    steps = [{"tap": [cell.centre[0] + shift, cell.centre[1]]} for cell in grid.cells]
    corner = (grid.cells[0].rect.right - 6, grid.cells[0].rect.bottom - 6)  # between rings
    steps.append({"tap": list(corner)})
    assert app.play([*steps, {"wait": 0.3}]) == []
    check = [c for c in session.interactive_checks() if c.name == "touch grid"][0]
    assert grid.complete and len(grid.misses) == 1
    assert not check.ok and "calibrate the touch overlay" in check.detail
    assert color_at(app, corner) == DANGER_RED  # the miss is marked where the panel put it
    assert grid.latencies_ms and max(grid.latencies_ms) < 1000
    app.play([{"tap": {"target": "selftest.again"}}, {"wait": 0.1}])
    assert grid.done == 0 and grid.misses == []
    app.shutdown()


def test_the_screen_opens_even_when_the_content_is_broken(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "config" / "content", content)
    (content / "timeline.yaml").write_text("events: [\n", encoding="utf-8")
    config = write_config(tmp_path, content)
    steps: list[dict[str, Any]] = [{"wait": 0.3}, {"expect_scene": "selftest"}, {"tap": {"target": "selftest.tab.summary"}},
             {"tap": {"target": "selftest.finish"}}]
    code = cli_main(["selftest", "--config", str(config), "--headless", "--fonts", str(FONTS),
                     "--script", str(script_file(tmp_path, steps))])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert any(line.startswith("FAIL content:") and "timeline.yaml" in line for line in lines)
    assert any(line.startswith("FAIL touch grid: not finished: 0/40 cells") for line in lines)


def test_without_a_display_only_the_quick_checks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code = cli_main(["selftest", "--config", str(write_config(tmp_path)), "--fonts", str(FONTS)])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("note: no display found") for line in lines)
    assert not any("touch grid" in line for line in lines)
    assert code == 0 and lines[-1].startswith("report written to")


@pytest.mark.parametrize(("size", "lang"), [((1920, 1080), "ru"), ((1920, 1080), "en"),
                                            ((1080, 1920), "ru"), ((1080, 1920), "en")])
def test_every_tab_fits_its_screen(tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    app, session = open_screen(tmp_path, size, lang)
    app.text.record_overflow = True
    SHOTS.mkdir(parents=True, exist_ok=True)
    grid = session.grid
    assert grid is not None
    app.play([{"tap": list(grid.cells[0].centre)}, {"tap": [grid.cells[1].rect.x + 4, grid.cells[1].rect.y + 4]},
              {"wait": 0.2}])
    for tab in ("touch", "multi", "sound", "summary"):
        assert app.play([{"tap": {"target": f"selftest.tab.{tab}"}}, {"wait": 0.2}]) == []
        pygame.image.save(app.display.screen, str(SHOTS / f"{size[0]}x{size[1]}_{lang}_{tab}.png"))
        for target in app.all_targets():
            assert min(target.rect.width, target.rect.height) >= app.layout.min_target, (tab, target.name)
            assert app.layout.rect.contains(target.rect), (tab, target.name)
    assert app.text.overflows == [], [(o.where, o.text) for o in app.text.overflows]
    app.shutdown()
