"""The default content end to end (the long curator-tools tests, about three minutes on 2 cores):
- `check --layout --strict` passes at every size in config/kiosk.yaml's layout_lint (1920x1080, 1080x1920):
  no text cut, no missing translation, no small image or target, no unreadable text;
- `export` shows every proof screen of every scene in both languages: one PNG each, and a proof.pdf with the
  cover plus the items two to a page (a new page where cards give way to whole screens)."""

from __future__ import annotations

import json
import math
import time
from itertools import groupby
from pathlib import Path

import pytest
from PIL import PdfParser

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.loader import load_bundle
from kiosk.content.registry import content_specs, make_context
from kiosk.proof.screens import all_screens
from tests.conftest import CONFIG_DIR


def test_the_default_content_passes_the_layout_lint_at_both_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    code = main(["check", "--layout", "--strict", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == [], "\n".join(f"{p['file']}:{p['line']}:{p['col']}: {p['message']}"
                                              for p in report["problems"])
    assert code == 0
    assert any("at 1920x1080, 1080x1920" in note for note in report["notes"])
    print(f"check --layout on the default content: {time.monotonic() - started:.0f} s")


def test_the_default_content_exports_every_screen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = load_config(CONFIG_DIR / "kiosk.yaml")
    bundle = load_bundle(config.content_dir, content_specs(config), make_context(config)).bundle
    assert bundle is not None
    screens = all_screens(config, bundle)
    scenes = {screen.scene for screen in screens}
    assert scenes == set(config.enabled_scenes())  # every scene has proof screens
    started = time.monotonic()
    code = main(["export", "--out", str(tmp_path)])
    seconds = time.monotonic() - started
    said = capsys.readouterr().out
    assert code == 0, said
    pictures = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.png")}
    assert pictures == {f"{screen.id}.{lang}.png" for screen in screens for lang in ("ru", "en")}
    expected_pages = 1 + sum(math.ceil(len(list(run)) / 2) for _, run in groupby(s.kind for s in screens))
    assert len(PdfParser.PdfParser(str(tmp_path / "proof.pdf")).pages) == expected_pages
    assert seconds < 300, f"export took {seconds:.0f} s"
    print(f"export of the default content: {len(screens)} screens, {seconds:.0f} s")
