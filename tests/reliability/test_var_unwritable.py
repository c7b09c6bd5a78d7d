"""var/ missing, read-only, or impossible: the exhibit runs and answers; the admin overlay says what is wrong.

Each case runs the shipped exhibit in a child process (tests/reliability/var_child.py) with a scripted
visitor: language button, Active Citizen poll with a vote, mos.ru opened and closed, language back. Root
ignores file permissions, so the read-only case drops CAP_DAC_OVERRIDE with setpriv, as
tests/scenes/active_citizen/test_ac_store.py does for a read-only votes file. Read-only database files
alone are covered there and in tests/ops/test_analytics.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.soak.runner import REPO


def run_child(folder: Path, var: Path, drop_root_override: bool = False) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.reliability.var_child", str(folder), str(var)]
    if drop_root_override and os.geteuid() == 0:
        command = ["setpriv", "--inh-caps=-dac_override", "--bounding-set=-dac_override", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO,
                            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stdout + result.stderr
    report: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    assert "crash" not in report, report.get("crash")
    assert "Traceback" not in result.stderr, result.stderr
    return report


def assert_exhibit_answers(report: dict[str, Any]) -> None:
    assert report["failures"] == [] and report["scene_errors"] == 0 and report["running"]
    assert report["scene"] == "timeline"
    assert len(report["options"]) >= 2  # the poll was shown


def notes(report: dict[str, Any]) -> list[str]:
    return [line for line in report["status"] if line.startswith(("note:", "analytics:"))]


def test_missing_var_is_created(tmp_path: Path) -> None:
    var = tmp_path / "not" / "yet" / "var"
    report = run_child(tmp_path, var)
    assert_exhibit_answers(report)
    assert report["var_exists"] and (var / "analytics.sqlite").is_file()
    assert not any("disabled" in line or "error" in line for line in notes(report)), notes(report)
    assert "ac.retry" not in report["after_vote"]  # the vote was saved


def test_read_only_var_is_named_on_the_admin_overlay(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o700)
    tmp_path.chmod(0o755)
    var.chmod(0o500)  # r-x: nothing can be created inside
    try:
        report = run_child(tmp_path, var, drop_root_override=True)
    finally:
        var.chmod(0o700)
    assert_exhibit_answers(report)
    lines = notes(report)
    assert any(line.startswith("note: log files disabled") and str(var) in line and "Permission denied" in line
               for line in lines), lines
    assert any(line.startswith("analytics:") and "write error" in line and str(var) in line for line in lines)
    assert any("Active Citizen votes" in line and "folder permissions" in line for line in lines), lines
    assert "ac.retry" in report["after_vote"]  # the visitor sees "vote not saved, try again", calmly
    assert any(line.startswith("content:") and "could not save the last good copy" in line
               and "write access" in line for line in report["status"]), report["status"]
    assert list(var.iterdir()) == []


def test_var_inside_a_file_is_named_on_the_admin_overlay(tmp_path: Path) -> None:
    """paths.var pointing where no folder can be made, even by root (a regular file in the way)."""
    blocker = tmp_path / "usb-stick-image"
    blocker.write_text("not a folder")
    var = blocker / "var"
    report = run_child(tmp_path, var)
    assert_exhibit_answers(report)
    lines = notes(report)
    assert any(line.startswith("note: log files disabled") and "Not a directory" in line for line in lines), lines
    assert any("Active Citizen votes" in line for line in lines), lines
    assert any(line.startswith("content:") and "could not save the last good copy" in line
               for line in report["status"]), report["status"]
    assert not report["var_exists"] and blocker.read_text() == "not a folder"
    shutil.rmtree(tmp_path / "content")
