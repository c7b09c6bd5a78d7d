"""`check` and `schema` end to end, the scene registry, and the check-pass extension point."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.commands import check, schema
from kiosk.config import load_config
from kiosk.content import passes
from kiosk.content.problems import Problem, display_path
from kiosk.content.registry import content_specs
from tests.content.conftest import make_content

REPO = Path(__file__).resolve().parents[2]
UI = "back: {ru: Назад, en: Back}\n"
TIMELINE = ("title: {ru: Рунет, en: Runet}\nevents:\n  - id: relcom\n    date: 1990-08\n"
            "    title: {ru: Релком, en: Relcom}\n    highlight: true\n    image: images/relcom.png\n")
EXTRAS = "items:\n  - id: moscow\n    date: 1997\n    title: {ru: Москва, en: Moscow}\n"


def write_config(folder: Path, scenes: dict[str, str], extra: str = "") -> Path:
    lines = ["paths:", f"  content: {folder / 'content'}", f"  var: {folder / 'var'}", "home: timeline",
             "scenes:"] + [f"  {name}: {{module: {module}}}" for name, module in scenes.items()]
    path = folder / "kiosk.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


SCENES = {"timeline": "tests.content.fake_scenes.timeline_like", "extras": "tests.content.fake_scenes.extras_like",
          "menu": "tests.content.fake_scenes.no_content"}


@pytest.fixture
def kiosk(tmp_path: Path) -> Path:
    content = make_content(tmp_path / "content")
    (content / "ui.yaml").write_text(UI, encoding="utf-8")
    (content / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (content / "extras.yaml").write_text(EXTRAS, encoding="utf-8")
    return write_config(tmp_path, SCENES)


def run_check(config: Path, capsys: pytest.CaptureFixture[str], fmt: str = "text",
              content: Path | None = None) -> tuple[int, str]:
    code = check.run(argparse.Namespace(config=config, content=content, format=fmt))
    return code, capsys.readouterr().out


def test_clean_content_exits_0(kiosk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(kiosk, capsys)
    assert (code, out) == (0, "content OK: 4 files\n")


def test_errors_exit_1_sorted_by_file_and_line(kiosk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = kiosk.parent / "content"
    (content / "timeline.yaml").write_text(TIMELINE.replace("1990-08", "1990-13").replace("highlight: true",
                                                                                          "highlight: no"))
    (content / "extras.yaml").write_text(EXTRAS.replace("id: moscow", "idd: moscow"))
    code, out = run_check(kiosk, capsys)
    ex, tl = display_path(content / "extras.yaml"), display_path(content / "timeline.yaml")
    assert code == 1
    assert out.splitlines() == [
        f"{ex}:2:5: error: 'id' is missing: add 'id:' here",
        f"{ex}:2:5: error: unknown key 'idd' — did you mean 'id'?",
        f"{tl}:4:11: error: '1990-13' has month 13: months go from 01 to 12",
        f"{tl}:6:16: error: expected true or false, got 'no': write true or false (yes/no/on/off are not accepted)",
        "4 errors in 2 files"]


def test_json_format(kiosk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = kiosk.parent / "content"
    (content / "timeline.yaml").write_text(TIMELINE.replace("highlight: true", "highlight: false"))
    code, out = run_check(kiosk, capsys, "json")
    report = json.loads(out)
    assert code == 0  # warnings are allowed
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] == 1
    assert report["summary"] == "content OK: 4 files, 1 warning"
    assert report["problems"] == [{"file": "timeline.yaml", "line": 2, "col": 1, "severity": "warning",
                                   "message": "no event has highlight: true: the attract tour is empty"}]


def test_registered_pass_runs_and_a_crashing_pass_is_one_line(kiosk: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def plain_pin(config: object, bundle: object) -> list[Problem]:
        return [Problem("kiosk.yaml", 7, 3, "error", "plain PIN refused")]

    def crashing(config: object, bundle: object) -> list[Problem]:
        raise ValueError("oops")

    monkeypatch.setattr(passes, "PASSES", [])
    passes.register_pass(plain_pin)
    passes.register_pass(plain_pin)
    passes.register_pass(crashing)
    code, out = run_check(kiosk, capsys)
    lines = out.splitlines()
    assert code == 1
    assert "kiosk.yaml:7:3: error: plain PIN refused" in lines
    assert sum("test_commands.test_registered_pass_runs_and_a_crashing_pass_is_one_line.<locals>.crashing' failed "
               "(ValueError: oops)" in line for line in lines) == 1
    assert lines[-1] == "2 errors in 2 files"


def test_config_errors_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, SCENES, extra="idle:\n  idle_secs: 5\n")
    code, out = run_check(config, capsys)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{display_path(config)}:")
    assert "did you mean 'idle_seconds'?" in out
    assert "content not checked: fix the config first" in out


def test_broken_scene_is_a_problem_at_its_config_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_content(tmp_path / "content")
    (content / "ui.yaml").write_text(UI)
    (content / "timeline.yaml").write_text(TIMELINE)
    config = write_config(tmp_path, {"timeline": "tests.content.fake_scenes.timeline_like",
                                     "broken": "tests.content.fake_scenes.explodes",
                                     "gone": "tests.content.fake_scenes.does_not_exist"})
    specs = content_specs(load_config(config))
    assert [spec.file for spec in specs] == ["ui.yaml", "timeline.yaml"]
    messages = [(p.line, p.col, p.message.split(" (")[0]) for p in specs.problems]
    assert messages == [(7, 3, "scene 'broken': module 'tests.content.fake_scenes.explodes' cannot be loaded"),
                        (8, 3, "scene 'gone': there is no module 'tests.content.fake_scenes.does_not_exist': fix "
                               "the module name or disable the scene")]
    code, out = run_check(config, capsys)
    assert code == 1 and out.splitlines()[-1] == "2 errors in 1 file"


def test_content_flag_overrides_the_config(kiosk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(kiosk, capsys, content=tmp_path / "elsewhere")
    assert code == 1
    assert "content folder not found" in out


def test_schema_writes_one_file_per_content_type(kiosk: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "schemas"
    code = schema.run(argparse.Namespace(config=kiosk, content=None, out=out_dir))
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["extras.schema.json", "kiosk.schema.json", "timeline.schema.json", "ui.schema.json"]
    timeline = json.loads((out_dir / "timeline.schema.json").read_text(encoding="utf-8"))
    assert timeline["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(timeline["properties"]) == {"title", "events"}
    assert timeline["additionalProperties"] is False
    event = timeline["$defs"]["Event"]
    assert event["properties"]["date"]["pattern"] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    assert set(event["required"]) == {"id", "date", "title"}
    kiosk_schema = json.loads((out_dir / "kiosk.schema.json").read_text(encoding="utf-8"))
    assert "screen" in kiosk_schema["properties"] and "base_dir" not in kiosk_schema["properties"]
    assert str(out_dir / "timeline.schema.json") in capsys.readouterr().out


@pytest.fixture
def garbage(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


@pytest.mark.parametrize("config_bytes", [b"\x00\xff\xfe garbage", b"- just\n- a list\n", b"screen: [", b""])
def test_check_never_prints_a_traceback(garbage: Path, config_bytes: bytes) -> None:
    config = garbage / "kiosk.yaml"
    config.write_bytes(config_bytes)
    proc = subprocess.run([sys.executable, str(REPO / "run_kiosk.py"), "check", "--config", str(config)],
                          cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert proc.returncode in (1, 2)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert (proc.stdout + proc.stderr).strip()
