"""One run in a real X window under Xvfb, with touch delivered as X input (xdotool) — not the dummy driver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest
import yaml

from tests.conftest import REPO, write_config


def _xvfb_or_fail():
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        if os.environ.get("KIOSK_REQUIRE_XVFB"):
            pytest.fail("Xvfb/xdotool are required (KIOSK_REQUIRE_XVFB=1): apt-get install xvfb xdotool")
        pytest.skip("Xvfb/xdotool not installed; CI installs them and sets KIOSK_REQUIRE_XVFB=1")


@pytest.fixture
def xserver():
    _xvfb_or_fail()
    display = f":{90 + os.getpid() % 50}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists() and time.time() < deadline:
        time.sleep(0.1)
    yield display
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.xvfb
def test_real_window_click_opens_scene_and_screenshot(xserver, tmp_path: Path, make_app):
    scenes = {"menu": "scenes.menu", "rec": "tests.engine.scenes_for_tests"}
    probe = make_app(scenes=scenes, home="menu", size=(1024, 768))
    probe.advance(0.1)
    button = probe.find_target("menu.rec")
    assert button is not None
    config = write_config(tmp_path / "real", scenes, "menu")
    script = tmp_path / "s.yaml"
    (tmp_path / "real").mkdir(exist_ok=True)
    script.write_text(yaml.safe_dump([{"wait": 6}, {"screenshot": "after"}]), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER")}
    env.update(DISPLAY=xserver, SDL_AUDIODRIVER="dummy", SDL_MOUSE_TOUCH_EVENTS="1")
    shots = tmp_path / "shots"
    proc = subprocess.Popen([sys.executable, str(REPO / "run_kiosk.py"), "run", "--windowed", "--config",
                             str(config), "--size", "1024x768", "--script", str(script), "--screenshots",
                             str(shots)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(2.5)
    # click the menu's 'rec' button as X input (SDL turns it into touch with SDL_MOUSE_TOUCH_EVENTS=1)
    window = subprocess.run(["xdotool", "search", "--sync", "--classname", "run_kiosk"], env=env, capture_output=True,
                            text=True, timeout=10).stdout.split()
    assert window, "the kiosk window did not appear"
    subprocess.run(["xdotool", "mousemove", "--window", window[0], str(button.centerx), str(button.centery), "click", "1"], env=env,
                   check=True, timeout=10)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    image = pygame.image.load(str(shots / "after.png"))
    assert image.get_size() == (1024, 768)
    assert tuple(image.get_at((900, 700)))[:3] == (20, 120, 60), "the click opened the 'rec' scene"
