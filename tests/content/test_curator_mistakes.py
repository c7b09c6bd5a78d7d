"""Curator mistakes, one file each under cases/: every problem is asserted with its exact line, column and words.

The models are the small test models (tests/content/models.py), so these tests pin the content system itself.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kiosk.content.loader import load_bundle
from tests.content.conftest import CASES, copy_case
from tests.content.models import CONTEXT, EXTRAS, TIMELINE, Timeline

T = "timeline.yaml"
X = "extras.yaml"

EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "tab_indent.yaml": [
        (T, 4, 1, "a tab is used for indentation: YAML needs spaces, replace the tab with spaces")],
    "missing_colon.yaml": [
        (T, 4, 5, "a ':' is missing after the key on this line (write 'key: value'), or the next line is "
                  "indented wrong")],
    "unclosed_quote.yaml": [(T, 5, 17, "a quote opened here is never closed: add the closing quote")],
    "duplicate_key.yaml": [(T, 6, 5, "duplicate key 'date' (first at line 4, column 5): keep only one of them")],
    "duplicate_id_in_file.yaml": [
        (T, 6, 9, "duplicate id 'relcom': already used at line 3, column 9 — every id must be unique, "
                  "rename one of them")],
    "dup_id_across_files": [
        (X, 5, 9, "duplicate id 'ru': already used at timeline.yaml:6:9 — every id must be unique, "
                  "rename one of them"),
        (X, 9, 9, "file 'images/nothere.png' not found in the content folder")],
    "norway_bool.yaml": [
        (T, 6, 16, "expected true or false, got 'no': write true or false (yes/no/on/off are not accepted)")],
    "impossible_date.yaml": [(T, 4, 11, "'1997-02-30' is not a real day: check the day of the month")],
    "bad_month.yaml": [(T, 4, 11, "'1997-13' has month 13: months go from 01 to 12")],
    "timestamp_date.yaml": [
        (T, 4, 11, "'2001-09-11 10:00' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1994-04-07")],
    "missing_en.yaml": [(T, 5, 5, "'en' is missing: every visitor text needs both ru and en")],
    "empty_text.yaml": [(T, 5, 17, "this text is empty: write the text or remove the key")],
    "cp1251.yaml": [
        (T, 5, 17, "file is not UTF-8 (byte 0xD0 at line 5; it looks like Windows-1251): save it as UTF-8")],
    "utf16.yaml": [(T, 1, 1, "file is saved as UTF-16: save it as UTF-8")],
    "list_instead_of_mapping.yaml": [
        (T, 5, 5, "expected a mapping (lines 'key: value'), got a list: remove the '- ' in front of these lines")],
    "root_is_list.yaml": [
        (T, 1, 1, "expected a mapping (lines 'key: value'), got a list: remove the '- ' in front of these lines")],
    "path_escape.yaml": [
        (T, 6, 12, "'images/../../secret.png' leads out of the content folder ('..'): keep files inside it")],
    "absolute_path.yaml": [
        (T, 6, 12, "'/etc/passwd' is an absolute path: write it relative to the content folder")],
    "symlink_escape.yaml": [
        (T, 6, 12, "'images/outside.png' is a link that leads outside the content folder: copy the file into "
                   "the folder instead")],
    "missing_image.yaml": [
        (T, 6, 12, "file 'images/Relcom.png' not found in the content folder — did you mean 'images/relcom.png'?")],
    "corrupt_image.yaml": [
        (T, 7, 15, "image 'images/broken.png' cannot be shown: this is not an image the kiosk can read (damaged, "
                   "or not really a PNG file): save it again as PNG or JPEG"),
        (T, 9, 15, "image 'images/cut.jpg' cannot be shown: the file is cut off (an incomplete copy or "
                   "download?): copy it again")],
    "alias_bomb.yaml": [
        (T, 7, 1, "aliases ('*name') expand to more than 100000 values (an 'alias bomb'): copy the text instead "
                  "of repeating anchors")],
    "recursive_anchor.yaml": [(T, 3, 5, "an anchor ('&') is used inside itself: this would never end")],
    "python_tag.yaml": [
        (T, 5, 12, "Python tags ('!!python/object/apply:os.system') are not allowed in content files: "
                   "write plain values")],
    "unknown_key_suggestion.yaml": [
        (T, 3, 5, "'title' is missing: add 'title:' here"),
        (T, 5, 5, "unknown key 'titel' — did you mean 'title'?")],
    "unknown_key_no_suggestion.yaml": [(T, 2, 1, "unknown key 'colour': allowed keys here are events, title")],
    "wrong_type_number_for_text.yaml": [
        (T, 5, 17, "expected text, got the number 2000: put it in quotes, e.g. '2000'")],
    "wrong_type_text_for_number.yaml": [(T, 6, 12, "expected a whole number, got 'first'")],
    "wrong_lane.yaml": [(T, 5, 11, "'internet' is not allowed here: use one of 'runet' or 'moscow'")],
    "bad_id.yaml": [(T, 3, 9, "'Relcom 1990' does not have the expected form (pattern ^[a-z0-9][a-z0-9-]*$)")],
    "disabled_scene.yaml": [
        (T, 6, 12, "unknown or disabled scene 'mosru': enabled scenes are active_citizen, timeline")],
    "missing_field.yaml": [(T, 3, 5, "'date' is missing: add 'date:' here")],
    "empty.yaml": [(T, 1, 1, "the file is empty: it must contain the content (see docs/content.md)")],
    "only_comments.yaml": [(T, 1, 1, "the file is empty: it must contain the content (see docs/content.md)")],
    "bad_indent.yaml": [
        (T, 5, 4, "the indentation of this line does not match the lines above it: keys of one block, and '- ' "
                  "items of one list, must start in the same column")],
    "control_char.yaml": [
        (T, 5, 28, "the file contains an invisible control character (U+0007): delete it (it often comes from "
                   "copy-pasting)")],
    "two_documents.yaml": [(T, 6, 1, "the file contains a second document ('---'): keep one document per file")],
    "undefined_alias.yaml": [
        (T, 5, 12, "this '*name' refers to an anchor '&name' that is not defined above it")],
    "colon_in_text.yaml": [
        (T, 5, 12, "a mapping in {braces} is not closed, or a text in it contains ': ': add the '}' or put the "
                   "text in quotes")],
    "crlf_error.yaml": [
        (T, 3, 5, "'title' is missing: add 'title:' here"),
        (T, 5, 5, "unknown key 'titel' — did you mean 'title'?")],
}

VALID = ["valid.yaml", "bom.yaml", "crlf.yaml", "norway_text.yaml", "merge_keys.yaml"]


def _load(name: str, root: Path):
    outside = root.parent / "secret.png"
    outside.write_bytes((root / "images" / "relcom.png").read_bytes())
    os.symlink(outside, root / "images" / "outside.png")
    copy_case(name, root)
    specs = [TIMELINE, EXTRAS] if (CASES / name).is_dir() else [TIMELINE]
    return load_bundle(root, specs, CONTEXT)


def test_there_are_at_least_25_mistake_files() -> None:
    assert len(EXPECTED) >= 25
    for name in [*EXPECTED, *VALID]:
        assert (CASES / name).exists(), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_mistake_is_reported_at_the_right_place(name: str, content_root: Path) -> None:
    started = time.perf_counter()
    result = _load(name, content_root)
    assert time.perf_counter() - started < 2.0
    assert result.bundle is None
    got = [(Path(p.file).name, p.line, p.col, p.message) for p in result.problems]
    assert got == EXPECTED[name]
    for problem in result.problems:
        assert problem.severity == "error"
        assert problem.format().startswith(f"{problem.file}:{problem.line}:{problem.col}: error: ")
        assert problem.file.endswith(Path(problem.file).name) and "content" in problem.file


@pytest.mark.parametrize("name", VALID)
def test_valid_variants_load(name: str, content_root: Path) -> None:
    result = _load(name, content_root)
    assert result.problems == []
    assert result.bundle is not None
    timeline = result.bundle.models["timeline.yaml"]
    assert isinstance(timeline, Timeline)
    assert timeline.events[0].id == "relcom"


def test_bom_and_crlf_keep_the_same_values_and_lines(content_root: Path, tmp_path: Path) -> None:
    plain = _load("valid.yaml", content_root).bundle
    for name in ("bom.yaml", "crlf.yaml"):
        other_root = tmp_path / name
        other_root.mkdir()
        from tests.content.conftest import make_content

        make_content(other_root)
        bundle = _load(name, other_root).bundle
        assert bundle is not None and plain is not None
        assert bundle.models[T] == plain.models[T]
        assert bundle.where(T, ("events", 0, "image")) == plain.where(T, ("events", 0, "image")) == (6, 12)


def test_norway_values_stay_text_where_text_is_expected(content_root: Path) -> None:
    bundle = _load("norway_text.yaml", content_root).bundle
    assert bundle is not None
    timeline = bundle.models[T]
    assert isinstance(timeline, Timeline)
    assert (timeline.title.ru, timeline.title.en) == ("no", "yes")
    event = timeline.events[0]
    assert (event.title.ru, event.title.en) == ("off", "ON")
    assert event.highlight is True  # TRUE is a boolean (any case)
    assert event.tags == ["y", "n", "on", "off"]


def test_merge_keys_take_the_anchored_values(content_root: Path) -> None:
    bundle = _load("merge_keys.yaml", content_root).bundle
    assert bundle is not None
    timeline = bundle.models[T]
    assert isinstance(timeline, Timeline)
    second = timeline.events[1]
    assert (second.id, str(second.date), second.lane, second.title.en) == ("ru", "1994-04-07", "moscow", "Relcom")
