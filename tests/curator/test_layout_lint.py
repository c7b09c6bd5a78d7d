"""`check --layout` on a tiny pack with four deliberate mistakes reports exactly those four, each at its line:
an English title too long for its card, an untranslated teaser, a 60x40 picture shown large, and a theme
colour that cannot be read on the card (tests/curator/pack, tests/curator/conftest.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.cli import main
from tests.curator.conftest import Pack


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _where(problem: dict[str, Any]) -> tuple[str, int, int]:
    return (problem["file"], problem["line"], problem["col"])


def test_the_pack_yields_exactly_its_four_mistakes_at_their_lines(pack: Pack,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _check(capsys, "--config", str(pack.config), "--layout")
    timeline = pack.content / "timeline.yaml"
    expected = {
        (str(timeline), *pack.position(timeline, "An extraordinarily long English title")): "en title needs",
        (str(timeline), *pack.value(timeline, "en: Этот тизер")): "missing translation",
        (str(timeline), *pack.position(timeline, "images/small.png")): "image 'images/small.png' is 60×40 px",
        (str(pack.theme), *pack.position(pack.theme, '"#34405c"')): "text colour #34405c (card_muted) on #1c2944",
    }
    found = {_where(p): p["message"] for p in report["problems"]}
    assert set(found) == set(expected), json.dumps(report["problems"], ensure_ascii=False, indent=1)
    for place, words in expected.items():
        assert words in found[place], found[place]
    assert all(p["severity"] == "warning" for p in report["problems"])
    assert report["errors"] == 0 and report["warnings"] == 4 and code == 0
    assert any(note.startswith("layout checked: 12 screens × 2 languages at 1920x1080") for note in report["notes"])


def test_warnings_fail_the_check_only_when_strict(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--config", str(pack.config), "--layout", "--size", "1280x720", "--strict"])
    out = capsys.readouterr().out
    assert code == 1
    assert "missing translation" in out and "content OK: 3 files, 4 warnings" in out.splitlines()[-1]
    assert "1280x720" in out and "1920x1080" not in out  # --size replaces layout_lint.sizes


def test_plain_check_does_not_lint_the_layout(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _check(capsys, "--config", str(pack.config))
    assert code == 0 and report["problems"] == [] and report["summary"] == "content OK: 3 files"


def test_content_errors_stop_the_layout_check_with_a_note(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = pack.content / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("lane: runet\n    title: {ru: Маленькая",
                                                                     "lane: nowhere\n    title: {ru: Маленькая"),
                        encoding="utf-8")
    code, report = _check(capsys, "--config", str(pack.config), "--layout")
    assert code == 1
    assert [p["message"].split(":")[0] for p in report["problems"]] == ["unknown lane 'nowhere'"]
    assert "layout not checked: fix the errors above first" in report["notes"]


def test_a_fixed_pack_is_clean(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = pack.content / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    text = text.replace("An extraordinarily long English title that goes on and on well beyond anything a card "
                        "can hold", "A short title")
    text = text.replace("en: Этот тизер забыли перевести", "en: This teaser is translated now")
    timeline.write_text(text, encoding="utf-8")
    shutil.copy(pack.content / "images" / "big.png", pack.content / "images" / "small.png")
    pack.theme.write_text(pack.theme.read_text(encoding="utf-8").replace('"#34405c"', '"#c3cbdb"'),
                          encoding="utf-8")
    code, report = _check(capsys, "--config", str(pack.config), "--layout", "--strict")
    assert report["problems"] == [] and code == 0, report["problems"]


def test_pack_files_are_where_the_tests_expect_them(pack: Pack) -> None:
    assert Path(pack.config).is_file() and (pack.content / "images" / "small.png").stat().st_size > 0


def test_targets_too_small_or_out_of_reach_are_named(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    """A stand-in scene with a 30x30-px button at the screen's top edge (tests/curator/tiny): with a 25 mm
    minimum, the screen's bottom at 1200 mm (its top at 1885 mm) and reach up to 1860 mm, it is too small and
    too high; the scenes' own targets (80 px and more: 51 mm; the language button's centre at 1844 mm) pass."""
    data = yaml.safe_load(pack.config.read_text(encoding="utf-8"))
    data["scenes"]["tiny"] = {"module": "tests.curator.tiny"}
    data["input"] = {"touch_target_mm": 25}
    data["layout_lint"].update({"screen_bottom_mm": 1200, "reach_mm": [400, 1860]})
    pack.config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, report = _check(capsys, "--config", str(pack.config), "--layout")
    targets = sorted(p["message"] for p in report["problems"] if "touch target" in p["message"])
    assert targets == [
        "touch target 'tiny.button' is 1875 mm above the floor, above the reach band 400–1860 mm "
        "(layout_lint.reach_mm, screen bottom at 1200 mm) (on tiny/screen (ru, 1920x1080))",
        "touch target 'tiny.button' is 19×19 mm, smaller than 25 mm (input.touch_target_mm) on a 55-inch screen "
        "(on tiny/screen (ru, 1920x1080))"]
    assert code == 0


def test_a_broken_proof_module_is_a_warning_and_the_rest_is_checked(pack: Pack,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = yaml.safe_load(pack.config.read_text(encoding="utf-8"))
    data["scenes"]["broken"] = {"module": "tests.curator.broken_proof"}
    pack.config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, report = _check(capsys, "--config", str(pack.config), "--layout")
    messages = [p["message"] for p in report["problems"]]
    assert "scene broken: its proof screens cannot be listed (RuntimeError: this proof module is broken on " \
           "purpose): not checked" in messages
    assert report["warnings"] == 5 and code == 0  # the pack's four, and this one
