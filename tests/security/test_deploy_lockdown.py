"""deploy/: the parts of the lockdown this issue added — the branded console while cage restarts, the warning
about desktop pieces a visitor could reach, and a bare X session that starts nothing but the background.
(The units' sandbox and Xorg settings are checked in tests/ops/test_deploy.py.)"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.security.conftest import REPO

DEPLOY = REPO / "deploy"
VGA = [(0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170),
       (170, 170, 170), (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255),
       (255, 85, 255), (85, 255, 255), (255, 255, 255)]


def test_console_palette_makes_black_the_brand_background() -> None:
    rows = [[int(v) for v in line.split(",")] for line in
            (DEPLOY / "wayland" / "vtrgb-runet30").read_text(encoding="ascii").splitlines()]
    assert len(rows) == 3 and all(len(row) == 16 and all(0 <= v <= 255 for v in row) for row in rows)
    colours = list(zip(*rows, strict=True))
    bg = yaml.safe_load((REPO / "config" / "theme.yaml").read_text(encoding="utf-8"))["defaults"]["colors"]["bg"]
    assert colours[0] == tuple(int(bg[i:i + 2], 16) for i in (1, 3, 5)) == (14, 22, 38)
    assert colours[1:] == VGA[1:]  # every other console colour stays standard
    session = (DEPLOY / "x11" / "xsession").read_text(encoding="utf-8")
    assert 'BACKGROUND="${RUNET30_BACKGROUND:-#0e1626}"' in session  # the same colour under X


def test_cage_unit_sets_the_palette_before_each_start() -> None:
    unit = (DEPLOY / "wayland" / "runet30-kiosk-cage.service").read_text(encoding="utf-8")
    pre = [line for line in unit.splitlines() if line.startswith("ExecStartPre=")]
    assert pre == ["ExecStartPre=-+/usr/bin/setvtrgb /opt/runet30-kiosk/deploy/wayland/vtrgb-runet30"]
    assert "RestartSec=1" in unit.splitlines()


def test_install_brings_setvtrgb_for_cage_and_looks_for_reachable_desktop_pieces(tmp_path: Path) -> None:
    result = subprocess.run(["bash", str(DEPLOY / "install.sh"), "--dry-run", "--prefix", str(tmp_path / "opt"),
                             "--variant", "cage"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    apt = next(line for line in result.stdout.splitlines() if "apt-get install" in line)
    assert apt.split()[-2:] == ["cage", "kbd"]
    assert ("no desktop, panel or on-screen keyboard packages installed" in result.stdout
            or "WARNING: desktop packages a visitor could reach are installed" in result.stdout)
    script = (DEPLOY / "install.sh").read_text(encoding="utf-8")
    for package in ("onboard", "florence", "squeekboard", "gnome-shell", "plasma-workspace", "xfce4-panel"):
        assert package in script


def test_bare_x_session_starts_nothing_a_visitor_could_use() -> None:
    commands = [line.split()[0] for line in (DEPLOY / "x11" / "xsession").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#") and "=" not in line.split()[0]]
    assert commands == ["xsetroot", "xset", "xhost", "xhost", "exec"]
    assert (DEPLOY / "x11" / "xsession").read_text(encoding="utf-8").rstrip().endswith("exec sleep infinity")
