"""`run_kiosk.py admin-pin`: the PIN becomes a salted hash in kiosk.yaml, one line changes, comments stay,
a plain `pin:` line goes, the PIN is never shown, and a bad PIN changes nothing."""

from __future__ import annotations

import argparse
import getpass
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kiosk.commands import admin_pin
from kiosk.config import load_config
from kiosk.pin import verify_pin
from kiosk.security import plain_pin_problems
from tests.security.conftest import REPO

REAL_CONFIG = REPO / "config" / "kiosk.yaml"


def run(config: Path, pin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(pin + "\n"))
    code = admin_pin.run(argparse.Namespace(config=config, content=None, pin_stdin=True))
    out, err = capsys.readouterr()
    return code, out, err


def stored_hash(config: Path) -> str:
    return str(yaml.safe_load(config.read_text(encoding="utf-8-sig"))["admin"]["pin_hash"])


def test_real_config_changes_in_one_line_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_bytes(REAL_CONFIG.read_bytes())
    os.chmod(config, 0o640)
    code, out, err = run(config, "480913", monkeypatch, capsys)
    assert code == 0 and err == ""
    assert out.count("\n") == 1 and out.startswith("admin PIN set: ") and "480913" not in out
    before, after = REAL_CONFIG.read_text().splitlines(), config.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].lstrip().startswith("pin_hash:")
    assert changed[0][1].startswith('  pin_hash: "pbkdf2_sha256$')
    assert verify_pin("480913", stored_hash(config)) and not verify_pin("2024", stored_hash(config))
    assert "480913" not in config.read_text()
    assert (config.stat().st_mode & 0o777) == 0o640
    assert load_config(config).admin.pin_hash == stored_hash(config)
    assert plain_pin_problems(config) == []


def test_plain_pin_line_is_removed_and_comments_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("# top comment\nadmin:\n  corner: top-left   # where to hold\n  pin: '1234'   # temporary!\n"
                      "  hold_seconds: 5\nhome: menu\n", encoding="utf-8")
    assert plain_pin_problems(config) != []
    code, out, _ = run(config, "5566", monkeypatch, capsys)
    assert code == 0 and "plain `pin:` line is gone" in out
    lines = config.read_text().splitlines()
    assert lines[:3] == ["# top comment", "admin:", "  corner: top-left   # where to hold"]
    assert lines[3].startswith('  pin_hash: "pbkdf2_sha256$') and lines[4:] == ["  hold_seconds: 5", "home: menu"]
    assert verify_pin("5566", stored_hash(config)) and plain_pin_problems(config) == []


@pytest.mark.parametrize(("text", "expect_admin"), [
    ("home: menu\n", None),                                   # no admin: section at all
    ("home: menu", None),                                     # …and no newline at the end
    ("admin:\nhome: menu\n", None),                           # an empty section
    ("admin: {corner: top-left, pin: 1234}\nhome: menu\n", {"corner": "top-left"}),   # flow style
    ("admin:\r\n  corner: top-left\r\nhome: menu\r\n", {"corner": "top-left"}),       # Windows line ends
    ("\ufeffadmin:\n  pin_hash: ''\n  corner: top-left\n", {"corner": "top-left"}),   # BOM, empty hash
    ("", None),                                               # an empty file
])
def test_layouts(text: str, expect_admin: dict[str, str] | None, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_bytes(text.encode("utf-8"))
    code, _, err = run(config, "9182", monkeypatch, capsys)
    assert code == 0, err
    raw = config.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8-sig"))
    admin = data["admin"]
    assert verify_pin("9182", admin.pop("pin_hash"))
    assert admin == (expect_admin or {})
    assert raw.startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")
    assert (b"\r\n" in raw) == ("\r\n" in text)
    if "home" in text:
        assert data["home"] == "menu"


@pytest.mark.parametrize("pin", ["", "123", "12a4", "1234567890123", "١٢٣٤", "2024", " "])
def test_bad_pins_change_nothing(pin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_bytes(REAL_CONFIG.read_bytes())
    code, out, err = run(config, pin, monkeypatch, capsys)
    assert code == 1 and out == ""
    assert err.startswith("admin-pin: ") and err.rstrip().endswith("nothing changed") and err.count("\n") == 1
    if pin.strip():
        assert pin not in err
    assert config.read_bytes() == REAL_CONFIG.read_bytes()


def test_asked_twice_without_echo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_bytes(REAL_CONFIG.read_bytes())
    answers = iter(["7391", "7392"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    code = admin_pin.run(argparse.Namespace(config=config, content=None, pin_stdin=False))
    assert code == 1 and "the two PINs differ" in capsys.readouterr().err
    assert config.read_bytes() == REAL_CONFIG.read_bytes() and len(prompts) == 2
    answers = iter(["7391", "7391"])
    assert admin_pin.run(argparse.Namespace(config=config, content=None, pin_stdin=False)) == 0
    assert verify_pin("7391", stored_hash(config))


def test_broken_config_and_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("admin: [unclosed\n", encoding="utf-8")
    code, _, err = run(config, "4455", monkeypatch, capsys)
    assert code == 1 and "not valid YAML at line" in err and config.read_text() == "admin: [unclosed\n"
    code, _, err = run(tmp_path / "nope.yaml", "4455", monkeypatch, capsys)
    assert code == 1 and "not found" in err


def test_the_real_command_line(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_bytes(REAL_CONFIG.read_bytes())
    result = subprocess.run([sys.executable, str(REPO / "run_kiosk.py"), "admin-pin", "--config", str(config),
                             "--pin-stdin"], input="602214\n", capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "602214" not in result.stdout + result.stderr
    assert verify_pin("602214", stored_hash(config))


def test_the_new_pin_opens_the_admin_overlay(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "pin.yaml"
    config.write_text("admin:\n  corner: bottom-left\n", encoding="utf-8")
    assert run(config, "8080", monkeypatch, capsys)[0] == 0
    app = make_app(scenes={"rec": "tests.engine.scenes_for_tests"}, home="rec",
                   extra={"admin": {"pin_hash": stored_hash(config)}})
    app.admin.open()
    app.advance(0.1)
    app.play([*[{"tap": {"target": f"admin.key.{d}"}} for d in "8080"], {"tap": {"target": "admin.key.OK"}}])
    assert app.admin.mode == "panel"
