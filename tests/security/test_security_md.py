"""SECURITY.md names a test for each defence: every `file::test` it cites must exist, so the table cannot drift
from the suite. A bare `::test` refers to the file named last before it."""

from __future__ import annotations

import ast
import re

from tests.security.conftest import REPO

REFERENCE = re.compile(r"(tests/[\w/]+\.py)?::(test_\w+)")


def cited() -> list[tuple[str, str]]:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    found, current = [], ""
    for match in REFERENCE.finditer(text):
        current = match.group(1) or current
        found.append((current, match.group(2)))
    return found


def test_every_cited_test_exists() -> None:
    references = cited()
    assert len(references) > 40
    missing = []
    for file, name in references:
        path = REPO / file
        tests = {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef)} if path.is_file() else set()
        if name not in tests:
            missing.append(f"{file}::{name}")
    assert missing == []


def test_every_security_test_is_cited() -> None:
    named = {(file, name) for file, name in cited()}
    uncited = []
    for path in sorted((REPO / "tests" / "security").glob("test_*.py")):
        file = path.relative_to(REPO).as_posix()
        if file.endswith("test_security_md.py"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and (file, node.name) not in named:
                uncited.append(f"{file}::{node.name}")
    assert uncited == []
