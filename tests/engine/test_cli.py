"""run_kiosk.py as a user runs it: flags, exit codes, headless screenshots, bench output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import yaml

from tests.conftest import REPO, write_config

ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def kiosk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "run_kiosk.py"), *args], capture_output=True, text=True,
                          cwd=REPO, env=ENV, timeout=timeout)


def test_bogus_flag_is_one_line_and_exit_2():
    result = kiosk("--bogus")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--bogus" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_config_value_is_one_located_line(tmp_path: Path):
    bad = tmp_path / "kiosk.yaml"
    bad.write_text("screen:\n  fps: fast\n", encoding="utf-8")
    result = kiosk("run", "--headless", "--config", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"{bad}:2:8: error:") and "fps" in result.stderr
    unknown = tmp_path / "k2.yaml"
    unknown.write_text("idle:\n  idle_secs: 5\n", encoding="utf-8")
    result = kiosk("run", "--headless", "--config", str(unknown))
    assert result.returncode == 2 and "did you mean 'idle_seconds'" in result.stderr


def test_help_lists_subcommands():
    result = kiosk("--help")
    assert result.returncode == 0
    for name in ("run", "bench"):
        assert name in result.stdout


def test_headless_run_writes_screenshots(tmp_path: Path):
    shots = tmp_path / "shots"
    result = kiosk("--headless", "--seconds", "3", "--screenshots", str(shots))
    assert result.returncode == 0, result.stderr
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 3
    image = pygame.image.load(str(pngs[-1]))
    assert image.get_size() == (1920, 1080)
    colors = {tuple(image.get_at((x, y)))[:3] for x in range(0, 1920, 7) for y in range(0, 1080, 7)}
    assert len(colors) > 3, "the screenshot shows more than a blank screen"


def test_script_failure_exits_1_with_reason(tmp_path: Path):
    config = write_config(tmp_path, {"menu": "scenes.menu"}, "menu")
    script = tmp_path / "s.yaml"
    script.write_text(yaml.safe_dump([{"expect_scene": "nowhere"}]), encoding="utf-8")
    result = kiosk("run", "--headless", "--config", str(config), "--script", str(script))
    assert result.returncode == 1 and "expected scene 'nowhere'" in result.stdout


def test_bench_json_fields():
    result = kiosk("bench", "--json", "--seconds", "0.5", "--size", "800x600")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("bare_flip_ms", "frame_ms_p50", "frame_ms_p99", "ratio_p99_to_bare", "startup_s", "rss_mb",
                "scenario", "size"):
        assert key in data
    assert data["scenario"] == "synthetic" and data["size"] == "800x600"
    assert data["startup_s"] > 0 and data["bare_flip_ms"] > 0


def test_config_yes_no_are_not_booleans(tmp_path: Path):
    bad = tmp_path / "kiosk.yaml"
    bad.write_text("screen:\n  fullscreen: yes\n", encoding="utf-8")
    result = kiosk("run", "--headless", "--config", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:2:15: error:") and "fullscreen" in result.stderr
