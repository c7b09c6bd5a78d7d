"""Fuzzed real content: any mutation of the shipped YAML gives valid content or located `check` errors.

The mutations and the property live in content_mutations.py (also run with many more examples by
`make soak`). Here: the shipped files round-trip unchanged, a modest number of mutations through `check`'s
own `collect`, and a few through the real `run_kiosk.py check` command line (exit 0 or 1, located lines, no
traceback). The character/byte fuzzing of tests/content/test_property_mutations.py is not repeated here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kiosk.commands.check import collect
from tests.reliability.content_mutations import (
    CONTENT_FILES,
    ORIGINAL,
    TREES,
    assert_only_located_problems,
    copy_content,
    mutated_file,
    restore,
)
from tests.reliability.fuzz_profiles import NORMAL, scaled
from tests.soak.runner import REPO, SoakSettings, write_default_config

ORIGINAL_TIMELINE = ORIGINAL["timeline.yaml"]
LOCATED_LINE = r"^[^:\n]+\.yaml:\d+:\d+: (error|warning): .+$"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content folder, kiosk.yaml) — the shipped config on a copy of the shipped content."""
    folder = tmp_path_factory.mktemp("fuzz")
    copy_content(folder / "content")
    return folder / "content", write_default_config(folder, SoakSettings())


def check_mutation(pack: tuple[Path, Path], name: str, text: str) -> list:
    root, config = pack
    restore(root)
    (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    problems, _files, _notes = collect(config, root)
    assert_only_located_problems(problems, root)
    return problems


def test_the_shipped_files_round_trip_valid(pack: tuple[Path, Path]) -> None:
    """The mutations start from the parsed-and-dumped files: unmutated, those are valid content."""
    for name in CONTENT_FILES:
        problems = check_mutation(pack, name, yaml.safe_dump(TREES[name], allow_unicode=True, sort_keys=False))
        assert [p for p in problems if p.is_error] == [], name


@NORMAL
@given(st.data())
def test_mutated_real_content_gives_only_located_problems(pack: tuple[Path, Path], data: st.DataObject) -> None:
    name, text, kinds = mutated_file(data)
    problems = check_mutation(pack, name, text)
    if "duplicate_key" in kinds and text.count("\n") > 2:
        assert any(p.is_error for p in problems)  # a repeated key is always an error


@scaled(NORMAL, 0.1)
@given(st.data())
def test_check_command_prints_located_lines_never_a_traceback(pack: tuple[Path, Path], data: st.DataObject) -> None:
    root, config = pack
    name, text, _kinds = mutated_file(data)
    restore(root)
    (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    result = subprocess.run([sys.executable, str(REPO / "run_kiosk.py"), "check", "--config", str(config)],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output and "Error:" not in output.replace("error:", ""), output
    lines = result.stdout.strip().splitlines()
    assert lines and (lines[-1].startswith("content OK") or " error" in lines[-1]), output
    if result.returncode == 1:
        import re

        assert any(re.match(LOCATED_LINE, line) for line in lines[:-1]), output


def test_a_file_name_too_long_for_the_disk_is_a_located_error_and_the_kiosk_boots(
        pack: tuple[Path, Path], shipped_app: Callable[..., Any]) -> None:
    """Found by the fuzzer: 'images/' + 130 Cyrillic letters (over 255 bytes) raised OSError from check and
    stopped the kiosk at boot. Now: a located error, and the kiosk shows its last good content."""
    root, _config = pack
    timeline = TREES["timeline.yaml"]
    first_image = next(i for i, e in enumerate(timeline["events"]) if e.get("images"))
    text = ORIGINAL_TIMELINE.replace(f"file: {timeline['events'][first_image]['images'][0]['file']}",
                                     "file: images/" + "Ж" * 130 + ".png", 1)
    problems = check_mutation(pack, "timeline.yaml", text)
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1 and "cannot be used as a file name" in errors[0].message
    assert errors[0].line > 1 and len(errors[0].format()) < 300

    app = shipped_app()  # a first boot on good content leaves a last good copy in var/
    app.shutdown()
    (app.config.content_dir / "timeline.yaml").write_text(text, encoding="utf-8")
    app = shipped_app()
    app.advance(0.5)
    assert app.content.source == "last_good" and app.scene_name() == "timeline"
    assert any("cannot be used as a file name" in line for line in app.status_lines())
