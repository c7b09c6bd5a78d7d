"""`selftest --quick`: exit 0 with only `ok` lines on this checkout, a clear FAIL line for broken fonts,
content, var/ or clock, and a report file in var/."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kiosk.commands import selftest
from kiosk.ops import selfchecks

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "assets" / "fonts"


def make_args(argv: list[str], config: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, default=config)
    parser.add_argument("--content", type=Path, default=None)
    selftest.add_arguments(parser)
    return parser.parse_args(argv)


def fake_check(code: int, lines: list[str]) -> types.ModuleType:
    module = types.ModuleType("kiosk.commands.check")

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--strict", action="store_true")

    def run(args: argparse.Namespace) -> int:
        assert args.strict is False and hasattr(args, "config")  # defaults of the real command are filled in
        for line in lines:
            print(line)
        return code

    module.add_arguments = add_arguments  # type: ignore[attr-defined]
    module.run = run  # type: ignore[attr-defined]
    return module


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text("{}\n", encoding="utf-8")
    return path


@pytest.fixture
def content_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kiosk.commands.check", fake_check(0, ["content ok: 5 files, 0 problems"]))


def run_selftest(argv: list[str], config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = selftest.run(make_args(argv, config))
    return code, capsys.readouterr().out.splitlines()


def test_quick_passes_on_this_checkout(tmp_path: Path, config: Path, content_ok: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    var = tmp_path / "var"
    code, lines = run_selftest(["--quick", "--fonts", str(FONTS), "--var-dir", str(var)], config, capsys)
    checks = [line for line in lines if not line.startswith("report written")]
    assert code == 0, "\n".join(lines)
    names = [line[5:].split(":")[0] for line in checks]
    assert names == ["config", "python", "pygame", "fonts", "content", "disk", "var", "clock", "display", "audio"]
    assert all(line.startswith("ok   ") for line in checks)
    assert "ok   fonts: 8 fonts" in "\n".join(lines)
    assert "ok   content: content ok: 5 files, 0 problems" in lines
    reports = list(var.glob("selftest-*.txt"))
    assert len(reports) == 1 and (reports[0].stat().st_mode & 0o777) == 0o600
    assert (var.stat().st_mode & 0o777) == 0o700
    written = reports[0].read_text(encoding="utf-8").splitlines()
    assert written[1:-1] == checks and written[-1] == "result: ok"


def test_broken_fonts_dir_fails_with_a_clear_line(tmp_path: Path, config: Path, content_ok: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "fonts"
    broken.mkdir()
    (broken / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00 not really a font" * 10)
    code, lines = run_selftest(["--quick", "--fonts", str(broken), "--var-dir", str(tmp_path / "var")], config,
                               capsys)
    assert code == 1
    fail = [line for line in lines if line.startswith("FAIL")]
    assert len(fail) == 1 and fail[0].startswith("FAIL fonts: Broken.ttf cannot be loaded")
    assert str(broken) in fail[0]


def test_fonts_dir_from_the_environment(tmp_path: Path, config: Path, content_ok: None,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv(selftest.FONTS_ENV, str(empty))
    code, lines = run_selftest(["--quick", "--var-dir", str(tmp_path / "var")], config, capsys)
    assert code == 1
    assert f"FAIL fonts: no *.ttf files in {empty}; restore assets/fonts from the release" in lines


def test_content_problem_fails_with_its_first_error(tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "kiosk.commands.check", fake_check(1, [
        "content/timeline.yaml:12:5: error: date '1994-13' has no month 13 — write YYYY-MM", "1 problem"]))
    code, lines = run_selftest(["--quick", "--fonts", str(FONTS), "--var-dir", str(tmp_path / "var")], config,
                               capsys)
    assert code == 1
    assert ("FAIL content: check exited 1: content/timeline.yaml:12:5: error: date '1994-13' has no month 13"
            " — write YYYY-MM (+1 more lines: run `run_kiosk.py check`)") in lines


def test_unwritable_var_fails_var_and_report(tmp_path: Path, config: Path, content_ok: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "var"
    blocker.write_text("a file where the folder should be")
    code, lines = run_selftest(["--quick", "--fonts", str(FONTS), "--var-dir", str(blocker)], config, capsys)
    assert code == 1
    assert any(line.startswith(f"FAIL var: {blocker} is not writable") for line in lines)
    assert f"FAIL report: cannot write the report file into {blocker}" in lines


def test_broken_config_is_a_fail_line(tmp_path: Path, content_ok: None, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kiosk.yaml"
    bad.write_text("screen:\n  fps: fast\n", encoding="utf-8")
    code, lines = run_selftest(["--quick", "--fonts", str(FONTS), "--var-dir", str(tmp_path / "var")], bad, capsys)
    assert code == 1
    assert lines[0].startswith(f"FAIL config: {bad}:2:")


def test_single_checks_fail_with_a_reason(tmp_path: Path) -> None:
    assert selfchecks.check_clock(dt.datetime(2000, 1, 1)).line().startswith(
        "FAIL clock: system clock says 2000-01-01 00:00; set the time")
    assert selfchecks.check_clock(dt.datetime(2024, 9, 2)).ok
    low = selfchecks.check_disk(tmp_path, min_free_mb=10 ** 12)
    assert not low.ok and "at least" in low.detail
    assert selfchecks.check_display({}).ok  # headless is noted, not failed
    assert "headless" in selfchecks.check_display({"DISPLAY": ":0", "SDL_VIDEODRIVER": "dummy"}).detail


def test_cyrillic_lookup_reads_the_font_cmap() -> None:
    font = FONTS / "DejaVuSans.ttf"
    assert selfchecks.font_codepoints_has(font, "Ж")
    assert selfchecks.font_codepoints_has(font, "A")
    assert not selfchecks.font_codepoints_has(font, "中")  # DejaVu has no CJK


def test_real_command_line_fails_on_broken_fonts(tmp_path: Path) -> None:
    broken = tmp_path / "fonts"
    broken.mkdir()
    (broken / "Empty.ttf").write_bytes(b"")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    result = subprocess.run([sys.executable, str(REPO / "run_kiosk.py"), "selftest", "--quick", "--fonts", str(broken),
                             "--var-dir", str(tmp_path / "var")], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith("FAIL fonts: Empty.ttf cannot be loaded") for line in result.stdout.splitlines())
