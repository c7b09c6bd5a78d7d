"""--kiosk in a real X server (Xvfb): key chords and a window stealing the focus leave the exhibit running,
fullscreen and focused; the chords never reach the scene. Keys arrive as real X input (xdotool)."""

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

from tests.security import key_probe
from tests.security.conftest import REAL_CONTENT, REPO, kiosk_yaml

CHORDS = ["alt+F4", "ctrl+alt+BackSpace", "alt+Tab", "super", "ctrl+alt+F1", "ctrl+alt+F7", "ctrl+alt+Delete",
          "Escape", "ctrl+q", "alt+space", "ctrl+Escape", "super+d"]
NEVER_SEEN = {"f4", "backspace", "tab", "left gui", "left meta", "left super", "f1", "f7", "delete", "space"}
THIEF = """
import time, pygame
pygame.display.init()
pygame.display.set_mode((200, 200)).fill((255, 0, 0))
pygame.display.flip()
window = pygame.Window.from_display_module()
window.focus()
window.focus(input_only=True)
end = time.time() + 1.5
while time.time() < end:
    for event in pygame.event.get():
        if event.type in (pygame.WINDOWFOCUSGAINED, pygame.WINDOWFOCUSLOST):
            print("gained" if event.type == pygame.WINDOWFOCUSGAINED else "lost", flush=True)
    time.sleep(0.01)
"""

def xdo(env: dict[str, str], *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=10,
                          check=True).stdout.strip()


@pytest.mark.xvfb
def test_chords_and_a_focus_thief_leave_the_exhibit_running_and_focused(xserver: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REAL_CONTENT / "ui.yaml", content / "ui.yaml")
    config = kiosk_yaml(tmp_path, content, scenes={"probe": "tests.security.key_probe"}, home="probe")
    script = tmp_path / "script.yaml"
    script.write_text(yaml.safe_dump([{"wait": 6.5}, {"screenshot": "after"}]), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER")}
    env.update(DISPLAY=xserver, SDL_AUDIODRIVER="dummy", PYTHONWARNINGS="ignore")
    shots = tmp_path / "shots"
    proc = subprocess.Popen([sys.executable, str(REPO / "run_kiosk.py"), "run", "--kiosk", "--config", str(config),
                             "--script", str(script), "--screenshots", str(shots), "--seconds", "8"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = xdo(env, "search", "--sync", "--classname", "run_kiosk").split()[0]
        deadline = time.time() + 5
        while xdo(env, "getwindowfocus") != window and time.time() < deadline:
            time.sleep(0.05)
        assert xdo(env, "getwindowfocus") == window, "the exhibit did not get the keyboard focus"

        # another program opens a window and grabs the focus: the exhibit takes it back
        thief = subprocess.run([sys.executable, "-c", THIEF], env=env, capture_output=True, text=True, timeout=20)
        assert thief.stdout.split()[:2] == ["gained", "lost"], thief.stdout + thief.stderr
        assert xdo(env, "getwindowfocus") == window, "the exhibit did not take the focus back"

        for chord in CHORDS:
            xdo(env, "key", chord)
            time.sleep(0.05)
            assert proc.poll() is None, f"the program ended after {chord}"
        xdo(env, "key", "a")  # an ordinary key does arrive: proof the probe listens
        time.sleep(0.3)
        assert proc.poll() is None
        assert xdo(env, "getwindowfocus") == window
        assert window in xdo(env, "search", "--onlyvisible", "--classname", "run_kiosk").split()
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == 0, err

    seen = [line.rsplit(" ", 1)[0] for line in (tmp_path / "var" / key_probe.LOG_NAME).read_text().splitlines()]
    assert "a" in seen and "escape" in seen
    assert not NEVER_SEEN & set(seen), seen

    image = pygame.image.load(str(shots / "after.png"))
    assert image.get_size() == (1024, 768), "fullscreen on the whole X screen"
    for point in [(5, 5), (512, 384), (1018, 762)]:
        assert tuple(image.get_at(point))[:3] == key_probe.COLOR, point
