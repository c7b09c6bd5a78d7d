"""deploy/: the install script's dry run, and the settings the units and the Xorg snippet must keep."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"


def unit_settings(path: Path) -> dict[str, list[str]]:
    """key -> every value it is given (systemd allows repeated keys), section names ignored."""
    settings: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def dry_run(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(DEPLOY / "install.sh"), "--dry-run", "--prefix", str(tmp_path / "opt"),
                           *extra], capture_output=True, text=True, timeout=60)


def test_install_dry_run_lists_every_step_and_changes_nothing(tmp_path: Path) -> None:
    result = dry_run(tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    prefix = tmp_path / "opt"
    assert "dry run: nothing is changed" in out
    assert "useradd --system" in out or "== 2. service user 'kiosk'" in out and "exists" in out
    assert f"+ install -d -m 0700 -o kiosk -g kiosk {prefix}/var" in out
    assert f"+ python3 -m venv {prefix}/.venv" in out
    assert "deploy/runet30-kiosk.service /etc/systemd/system/runet30-kiosk.service" in out
    assert "deploy/x11/10-runet30-kiosk.conf /etc/X11/xorg.conf.d/10-runet30-kiosk.conf" in out
    assert "+ systemctl mask ctrl-alt-del.target" in out
    assert "+ systemctl enable runet30-x11.service runet30-kiosk.service" in out
    assert not prefix.exists()


def test_install_dry_run_cage_variant(tmp_path: Path) -> None:
    result = dry_run(tmp_path, "--variant", "cage", "--no-apt", "--user", "exhibit")
    assert result.returncode == 0, result.stderr
    assert "deploy/wayland/runet30-kiosk-cage.service /etc/systemd/system/runet30-kiosk-cage.service" in result.stdout
    assert "+ systemctl enable runet30-kiosk-cage.service" in result.stdout
    assert "apt-get" not in result.stdout
    assert "-o exhibit -g exhibit" in result.stdout


@pytest.mark.parametrize("argv", [["--variant", "gnome"], ["--prefix", "relative/path"], ["--bogus"]])
def test_install_refuses_bad_options(tmp_path: Path, argv: list[str]) -> None:
    result = subprocess.run(["bash", str(DEPLOY / "install.sh"), "--dry-run", *argv], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 2
    assert "install.sh:" in result.stderr


def test_shell_scripts_parse() -> None:
    assert subprocess.run(["bash", "-n", str(DEPLOY / "install.sh")], timeout=30).returncode == 0
    assert subprocess.run(["sh", "-n", str(DEPLOY / "x11" / "xsession")], timeout=30).returncode == 0
    assert (DEPLOY / "install.sh").stat().st_mode & 0o111
    assert (DEPLOY / "x11" / "xsession").stat().st_mode & 0o111


def test_kiosk_unit_is_watched_restarted_and_sandboxed() -> None:
    unit = unit_settings(DEPLOY / "runet30-kiosk.service")
    expected = {
        "Type": ["notify"], "Restart": ["always"], "RestartSec": ["1"], "WatchdogSec": ["30"], "User": ["kiosk"],
        "NoNewPrivileges": ["yes"], "ProtectSystem": ["strict"], "ProtectHome": ["yes"], "PrivateTmp": ["yes"],
        "PrivateNetwork": ["yes"], "ReadWritePaths": ["/opt/runet30-kiosk/var"], "StartLimitIntervalSec": ["0"],
        "CapabilityBoundingSet": [""], "UMask": ["0077"],
    }
    for key, values in expected.items():
        assert unit.get(key) == values, key
    assert "SDL_FRAMEBUFFER_ACCELERATION=0" in unit["Environment"]
    assert unit["ExecStart"] == ["/opt/runet30-kiosk/.venv/bin/python run_kiosk.py run --kiosk"]
    assert unit["WorkingDirectory"] == ["/opt/runet30-kiosk"]


def test_cage_unit_lets_the_program_feed_the_watchdog() -> None:
    unit = unit_settings(DEPLOY / "wayland" / "runet30-kiosk-cage.service")
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["all"] and unit["WatchdogSec"] == ["30"]
    command = unit["ExecStart"][0]
    assert command.startswith("/usr/bin/env -u WATCHDOG_PID ")
    assert "/usr/bin/cage -d -- /opt/runet30-kiosk/.venv/bin/python run_kiosk.py run --kiosk" in command
    assert " -s " not in command  # cage -s would allow VT switching
    assert unit["ReadWritePaths"] == ["/opt/runet30-kiosk/var"] and unit["PrivateNetwork"] == ["yes"]


def test_x_lockdown_settings() -> None:
    text = (DEPLOY / "x11" / "10-runet30-kiosk.conf").read_text(encoding="utf-8")
    for option in ('"DontVTSwitch" "true"', '"DontZap" "true"', '"DontZoom" "true"', '"BlankTime" "0"',
                   '"OffTime" "0"', '"XkbOptions" "srvrkeys:none"'):
        assert f"Option {option}" in text
    x11 = unit_settings(DEPLOY / "x11" / "runet30-x11.service")
    assert "-nocursor" in x11["ExecStart"][0] and "-nolisten tcp" in x11["ExecStart"][0]
    assert x11["Conflicts"] == ["getty@tty1.service"] and x11["User"] == ["kiosk"]
    session = (DEPLOY / "x11" / "xsession").read_text(encoding="utf-8")
    assert 'xsetroot -solid "$BACKGROUND"' in session and "xset s off s noblank -dpms" in session


def test_units_pass_systemd_analyze_when_available(tmp_path: Path) -> None:
    """`systemd-analyze verify` on copies whose programs exist here; CI machines without systemd only run the
    parsing checks above (this test then checks the copies were made)."""
    copies = []
    for source in (DEPLOY / "runet30-kiosk.service", DEPLOY / "x11" / "runet30-x11.service",
                   DEPLOY / "wayland" / "runet30-kiosk-cage.service"):
        text = source.read_text(encoding="utf-8")
        text = text.replace("/opt/runet30-kiosk/.venv/bin/python", "/bin/sh").replace("/usr/bin/xinit", "/bin/sh")
        copy = tmp_path / source.name
        copy.write_text(text, encoding="utf-8")
        copies.append(copy)
    assert all(copy.stat().st_size > 500 for copy in copies)
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return
    result = subprocess.run([analyze, "verify", *map(str, copies)], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Unknown key" not in result.stderr and "Unknown lvalue" not in result.stderr


def test_reinstall_keeps_this_pcs_config(tmp_path: Path) -> None:
    config = tmp_path / "opt" / "config" / "kiosk.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("schedule: {restart_at: '05:00'}\n", encoding="utf-8")
    result = dry_run(tmp_path, "--no-apt")
    assert result.returncode == 0, result.stderr
    assert "--exclude=/config/kiosk.yaml" in result.stdout
    assert f"+ install -m 0644 {REPO}/config/kiosk.yaml {config}.dist" in result.stdout
    assert config.read_text(encoding="utf-8") == "schedule: {restart_at: '05:00'}\n"
