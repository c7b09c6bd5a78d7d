"""Shared set-up for the security tests: headless SDL, a small kiosk config writer, and an Xvfb server."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
REAL_CONTENT = REPO / "config" / "content"
SCENES = {"timeline": "scenes.timeline", "mosru": "scenes.mosru", "active_citizen": "scenes.active_citizen",
          "retro_pc": "scenes.retro_pc", "menu": "scenes.menu"}


def kiosk_yaml(folder: Path, content: Path, scenes: dict[str, str] | None = None, home: str = "timeline",
               extra: str = "") -> Path:
    """A kiosk.yaml in `folder` with var/ beside it, the real theme and the given scenes (YAML text, so tests
    can point at lines)."""
    scenes = scenes or SCENES
    lines = ["paths:", f"  content: {content}", f"  var: {folder / 'var'}",
             f"  theme: {REPO / 'config' / 'theme.yaml'}", "allowed_link_hosts: [mos.ru, ag.mos.ru]",
             f"home: {home}", "scenes:", *[f"  {name}: {{module: {module}}}" for name, module in scenes.items()]]
    path = folder / "kiosk.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path, with its bytes (to prove a folder did not change)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _xvfb_or_fail() -> None:
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        if os.environ.get("KIOSK_REQUIRE_XVFB"):
            pytest.fail("Xvfb/xdotool are required (KIOSK_REQUIRE_XVFB=1): apt-get install xvfb xdotool")
        pytest.skip("Xvfb/xdotool not installed; CI installs them and sets KIOSK_REQUIRE_XVFB=1")


@pytest.fixture
def xserver() -> Iterator[str]:
    """A private Xvfb display (same pattern as tests/engine/test_real_window.py); its name, e.g. ':131'."""
    _xvfb_or_fail()
    display = f":{150 + os.getpid() % 50}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    deadline = time.time() + 10
    while not socket.exists() and time.time() < deadline:
        time.sleep(0.05)
    if not socket.exists():
        proc.terminate()
        pytest.fail(f"Xvfb did not start on {display}")
    yield display
    proc.terminate()
    proc.wait(timeout=10)
