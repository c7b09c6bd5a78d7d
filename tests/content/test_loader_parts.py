"""Loader pieces: Problem formatting, the generic AssetPath walk, messages through unions, bundle lookups."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import RootModel

from kiosk.content.assets import iter_asset_paths
from kiosk.content.loader import ContentSpec, load_bundle, load_file
from kiosk.content.problems import Problem, summary
from kiosk.content.types import AssetPath, Bilingual, Strict
from tests.content.models import CONTEXT, TIMELINE, Timeline


def test_problem_format_sort_and_json() -> None:
    problems = [Problem("b.yaml", 2, 1, "error", "x"), Problem("a.yaml", 10, 3, "warning", "w"),
                Problem("a.yaml", 9, 5, "error", "y")]
    assert [p.format() for p in sorted(problems)] == [
        "a.yaml:9:5: error: y", "a.yaml:10:3: warning: w", "b.yaml:2:1: error: x"]
    assert json.loads(json.dumps(problems[1].to_json())) == {
        "file": "a.yaml", "line": 10, "col": 3, "severity": "warning", "message": "w"}
    assert summary(problems, 4) == "2 errors, 1 warning in 2 files"
    assert summary([problems[1]], 4) == "content OK: 4 files, 1 warning"
    assert summary([], 1) == "content OK: 1 file"


class Card(Strict):
    image: AssetPath


class Nested(Strict):
    hero: AssetPath | None = None
    cards: list[Card] = []
    by_name: dict[str, AssetPath] = {}
    pair: tuple[AssetPath, str] | None = None
    either: AssetPath | int = 0
    plain: str = "images/not-an-asset.png"


class Gallery(RootModel[list[Card]]):
    pass


def test_asset_paths_are_found_anywhere_in_a_model() -> None:
    model = Nested.model_validate({"hero": "a.png", "cards": [{"image": "b.png"}, {"image": "c.png"}],
                                   "by_name": {"x": "d.png"}, "pair": ["e.png", "f.png"], "either": "g.png"})
    assert sorted(iter_asset_paths(model)) == sorted([
        (("hero",), "a.png"), (("cards", 0, "image"), "b.png"), (("cards", 1, "image"), "c.png"),
        (("by_name", "x"), "d.png"), (("pair", 0), "e.png"), (("either",), "g.png")])
    assert list(iter_asset_paths(Gallery.model_validate([{"image": "z.png"}]))) == [((0, "image"), "z.png")]


class Strings(RootModel[dict[str, Bilingual]]):
    pass


def test_root_model_errors_are_located(tmp_path: Path) -> None:
    (tmp_path / "ui.yaml").write_text("lang.toggle: {ru: EN, en: RU}\nback:\n  ru: Назад\n  eng: Back\n")
    model, problems, _ = load_file(tmp_path / "ui.yaml", Strings)
    assert model is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (2, 1, "'en' is missing: every visitor text needs both ru and en"),
        (4, 3, "unknown key 'eng' — did you mean 'en'?")]


def test_bundle_where_and_cite(tmp_path: Path) -> None:
    (tmp_path / "timeline.yaml").write_text(
        "title: {ru: а, en: b}\nevents:\n" + "".join(
            f"  - id: e{i}\n    date: {1990 + i}\n    title: {{ru: а, en: b}}\n" for i in range(5)))
    result = load_bundle(tmp_path, [TIMELINE], CONTEXT)
    assert result.bundle is not None and result.problems == []
    assert result.bundle.where("timeline.yaml", ("events", 3)) == (12, 5)
    assert result.bundle.cite("timeline.yaml", ("events", 3, "date")) == "timeline.yaml:13:11"
    assert result.bundle.where("nope.yaml", ("x",)) == (1, 1)
    assert isinstance(result.bundle.get("timeline.yaml", Timeline), Timeline)


def test_missing_files_and_folder_are_problems(tmp_path: Path) -> None:
    result = load_bundle(tmp_path / "nowhere", [TIMELINE], CONTEXT)
    assert result.bundle is None
    assert [p.message for p in result.problems] == [
        "content folder not found: give --content DIR or fix paths.content in kiosk.yaml"]
    result = load_bundle(tmp_path, [TIMELINE], CONTEXT)
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (1, 1, "file is missing: create it (see docs/content.md)")]


class Crashing(Strict):
    value: int

    def model_post_init(self, _context: object) -> None:
        raise KeyError("bug in a scene")


def test_a_crashing_validator_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("value: 1\n")
    result = load_bundle(tmp_path, [ContentSpec("c.yaml", Crashing)])
    assert result.bundle is None
    assert result.problems[0].message.startswith("internal error while checking this file (KeyError")


def test_warnings_do_not_block_the_bundle(tmp_path: Path) -> None:
    class Specs(list[ContentSpec]):
        problems = [Problem("x.yaml", 1, 1, "warning", "just so you know")]

    (tmp_path / "timeline.yaml").write_text("title: {ru: а, en: b}\n")
    result = load_bundle(tmp_path, Specs([TIMELINE]), CONTEXT)
    assert result.bundle is not None
    assert result.bundle.warnings == result.problems == [Problem("x.yaml", 1, 1, "warning", "just so you know")]
