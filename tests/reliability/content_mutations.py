"""Hypothesis mutations of the REAL default content files, and the property every mutation must satisfy.

tests/content/test_property_mutations.py already fuzzes a small synthetic timeline at the character and
byte level. Here the input is the shipped content (config/content/*.yaml, every scene's file), mutated at
the level a curator or a broken tool works at: a value of the wrong type, a deleted key or list item, exotic
Unicode, huge numbers, strings and lists, deep nesting, an unknown key, a duplicated key, a duplicated
event (same id). The property: `check` (its `collect`, in-process) returns only `Problem`s located in a
content file (line and column inside it) — never an exception — and a valid mutation is simply valid.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from kiosk.content.problems import Problem
from kiosk.content.yaml_loader import parse_text

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "config" / "content"
CONTENT_FILES = ("ui.yaml", "timeline.yaml", "mosru.yaml", "active_citizen.yaml", "retro_pc.yaml")
KINDS = ("type", "delete", "unicode", "huge", "nest", "unknown_key", "duplicate_key", "duplicate_item")

ORIGINAL: dict[str, str] = {name: (CONTENT / name).read_text(encoding="utf-8") for name in CONTENT_FILES}
TREES: dict[str, Any] = {name: parse_text(text).data for name, text in ORIGINAL.items()}

Path_ = tuple[Any, ...]
HUGE_BYTES = 12_000_000
"""Repeated subtrees stop at about this much text: past the 10 MB file limit, without building gigabytes."""

SCALARS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(), st.text(max_size=20), st.sampled_from(["", " ", "yes", "no", "null", "~", "1994-13-45",
                                                                    "images/../../etc/passwd", "/etc/passwd"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=6)
UNICODE = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40) | st.sampled_from([
    "\u200b", "\u202e\u202dRTL", "e\u0301\u0301\u0301", "🇷🇺🇬🇧👩‍👩‍👧‍👦", "\ufeff", "\u00a0", "\t", "\x7f",
    "ﷺ" * 30, "𒐫" * 20, "Z̴̡̧̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ"])


def copy_content(folder: Path) -> Path:
    """A copy of the shipped content folder (images included)."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(CONTENT, folder)
    return folder


def restore(folder: Path) -> None:
    for name, text in ORIGINAL.items():
        (folder / name).write_text(text, encoding="utf-8")


def node_paths(tree: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path below the root, parents before children."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield (*prefix, key)
            yield from node_paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield (*prefix, index)
            yield from node_paths(value, (*prefix, index))


def _parent(tree: Any, path: Path_) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


def _deep_copy(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _deep_copy(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [_deep_copy(value) for value in tree]
    return tree


def mutate_tree(tree: Any, kind: str, data: st.DataObject) -> Any:
    """One structural mutation of a parsed content tree (returns the new tree)."""
    tree = _deep_copy(tree)
    paths = list(node_paths(tree))
    if not paths:
        return data.draw(VALUES)
    path = paths[data.draw(st.integers(0, len(paths) - 1), label="node")]
    parent, key = _parent(tree, path), path[-1]
    current = parent[key]
    if kind == "type":
        parent[key] = data.draw(VALUES, label="value")
    elif kind == "delete":
        del parent[key]
    elif kind == "unicode":
        parent[key] = data.draw(UNICODE, label="text")
    elif kind == "huge":
        copies = max(2, min(3000, HUGE_BYTES // max(1, len(repr(current)))))  # a big subtree: ~12 MB, over the limit
        parent[key] = data.draw(st.sampled_from([
            10**400, -(10**60), 1e308, float("inf"), "Ж" * 200_000, "word " * 20_000,
            [current] * copies, {f"k{i}": i for i in range(3000)}]), label="huge")
    elif kind == "nest":
        depth = data.draw(st.integers(20, 150), label="depth")
        for _ in range(depth):
            current = [current] if data.draw(st.booleans()) else {"x": current}
        parent[key] = current
    elif kind == "unknown_key":
        target = current if isinstance(current, dict) else parent if isinstance(parent, dict) else None
        if target is not None:
            target[data.draw(st.sampled_from(["titel", "Title", "ru ", "en\u200b", "<<", "id2", "éé"]))] = "x"
    elif kind == "duplicate_item":
        lists = [p for p in paths if isinstance(_parent(tree, p), list)]
        if lists:
            chosen = lists[data.draw(st.integers(0, len(lists) - 1), label="item")]
            holder = _parent(tree, chosen)
            holder.insert(chosen[-1], _deep_copy(holder[chosen[-1]]))  # same ids twice
    return tree


KEY_LINE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*)\s*:(.*)$")


def duplicate_a_key(text: str, data: st.DataObject) -> str:
    """Text level (a dict cannot hold a duplicate): repeat one 'key: value' line right after itself."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not candidates:
        return text
    index = candidates[data.draw(st.integers(0, len(candidates) - 1), label="line")]
    match = KEY_LINE.match(lines[index])
    assert match is not None
    indent = " " * len(match.group(1))
    value = match.group(3).strip() or "null"
    lines.insert(index + 1, f"{indent}{match.group(2)}: {value}")
    return "\n".join(lines)


def mutated_file(data: st.DataObject) -> tuple[str, str, list[str]]:
    """(file name, new text, kinds applied): 1–3 mutations of one real content file."""
    name = data.draw(st.sampled_from(CONTENT_FILES), label="file")
    kinds = data.draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3), label="kinds")
    tree = TREES[name]
    text_kinds = [k for k in kinds if k == "duplicate_key"]
    for kind in kinds:
        if kind != "duplicate_key":
            tree = mutate_tree(tree, kind, data)
    text = yaml.dump(tree, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=120)
    for _ in text_kinds:
        text = duplicate_a_key(text, data)
    return name, text, kinds


def assert_only_located_problems(problems: list[Any], root: Path) -> None:
    """Every problem is a `Problem` with a line and column inside the content file it names."""
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert problem.message and "Traceback" not in problem.message, problem
        assert problem.line >= 1 and problem.col >= 1, problem
        problem.format()
        if not problem.is_error:
            continue
        name = Path(problem.file).name
        assert name in CONTENT_FILES, f"error not located in a content file: {problem.format()}"
        lines = (root / name).read_text(encoding="utf-8", errors="replace").count("\n") + 1
        assert problem.line <= lines, f"line {problem.line} is past the end ({lines} lines): {problem.format()}"
