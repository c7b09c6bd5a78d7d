"""The located YAML reader: values, locations, limits (alias bombs, file size, depth) and tags."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.content.yaml_loader import YamlError, parse_file, parse_text


def test_plain_scalars_follow_yaml_1_2_rules() -> None:
    data = parse_text("a: no\nb: Yes\nc: off\nd: True\ne: fAlSe\nf: 1994-04-07\ng: 1994\nh: 12:30\n"
                      "i: 010\nj: 1.5\nk: ~\nl:\nm: 1e3\nn: '5'\no: y\n").data
    assert data == {"a": "no", "b": "Yes", "c": "off", "d": True, "e": False, "f": "1994-04-07", "g": 1994,
                    "h": "12:30", "i": 10, "j": 1.5, "k": None, "l": None, "m": 1000.0, "n": "5", "o": "y"}


def test_every_value_has_a_location() -> None:
    parsed = parse_text("events:\n  - id: a\n    title:\n      ru: Привет\n      en: 'Hi'\n  - {id: b}\n")
    where = parsed.locations
    assert where.get(("events", 0, "id")) == (2, 9)
    assert where.get(("events", 0, "title", "ru")) == (4, 11)
    assert where.get(("events", 0, "title")) == (3, 5)  # a nested block points at its key
    assert where.key(("events", 0, "title", "en")) == (5, 7)
    assert where.get(("events", 1, "id")) == (6, 10)
    assert where.nearest(("events", 1, "missing", "deeper")) == (6, 5)
    assert where.nearest(("nothing",)) == (1, 1)


def test_columns_count_characters_not_bytes() -> None:
    parsed = parse_text("ключ: значение\nещё: [один, два]\n")
    assert parsed.locations.get(("ещё", 1)) == (2, 13)


def test_billion_laughs_is_an_error_within_a_second() -> None:
    text = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 10):
        text += f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    started = time.perf_counter()
    with pytest.raises(YamlError) as caught:
        parse_text(text)
    assert time.perf_counter() - started < 1.0
    assert "alias bomb" in caught.value.message


def test_merge_bomb_is_capped_too() -> None:
    text = "a0: &a0 {x: 1, y: 2, z: 3}\n"
    for i in range(1, 25):
        text += f"a{i}: &a{i} {{<<: [*a{i - 1}], k{i}: [*a{i - 1}, *a{i - 1}]}}\n"
    started = time.perf_counter()
    with pytest.raises(YamlError):
        parse_text(text, max_alias_nodes=10_000)
    assert time.perf_counter() - started < 1.0


def test_reasonable_anchors_are_fine() -> None:
    data = parse_text("base: &b {lane: runet, credit: {ru: а, en: b}}\nitems:\n"
                      + "".join(f"  - {{<<: *b, id: e{i}}}\n" for i in range(200))).data
    assert len(data["items"]) == 200
    assert data["items"][5] == {"id": "e5", "lane": "runet", "credit": {"ru": "а", "en": "b"}}


def test_file_size_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("items:\n" + "  - some text that repeats\n" * 50_000)
    with pytest.raises(YamlError) as caught:
        parse_file(path, max_file_mb=0.5)
    assert (caught.value.line, caught.value.col) == (1, 1)
    assert caught.value.message == "file is larger than 0.5 MB: split it or remove unused parts"
    assert len(parse_file(path, max_file_mb=10).data["items"]) == 50_000


def test_deep_nesting_is_a_located_error() -> None:
    with pytest.raises(YamlError) as caught:
        parse_text("a: " + "[" * 150 + "]" * 150 + "\n")
    assert caught.value.message == "content is nested more than 100 levels deep"
    with pytest.raises(YamlError) as caught:
        parse_text("[" * 5000 + "]" * 5000)
    assert caught.value.message == "content is nested too deeply"


@pytest.mark.parametrize("text, message", [
    ("a: !!binary aGVsbG8=\n", "the tag '!!binary' is not supported here: remove it and write a plain value"),
    ("a: !local x\n", "the tag '!local' is not supported here: remove it and write a plain value"),
    ("a: !!python/name:os.system x\n", "Python tags ('!!python/name:os.system') are not allowed in content files: "
     "write plain values"),
    ("? [a, b]\n: c\n", "a key must be plain text (a list or mapping cannot be a key)"),
    ("a: &x 1\nb: &x 2\n", "this anchor name ('&name') is already used above: give it another name"),
])
def test_refused_constructs(text: str, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_text(text)
    assert caught.value.message == message


def test_explicit_standard_tags_are_allowed() -> None:
    assert parse_text("a: !!str 1994\nb: !!int '7'\n").data == {"a": "1994", "b": 7}


def test_unreadable_file_is_an_oserror_for_the_loader(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        parse_file(tmp_path / "nothing.yaml")
