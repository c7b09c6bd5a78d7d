"""`check` pass: a question whose options changed after it got votes is a located error; the database is
only read."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

from kiosk.content.loader import ContentSpec, load_bundle
from kiosk.db import open_durable
from scenes.active_citizen import CHECKS, CONTENT_FILE, ContentModel
from scenes.active_citizen.store import MIGRATIONS, VoteStore, db_path_for, options_signature, read_signatures

from .conftest import CONTENT_PATH


def _run_checks(content_dir: Path, var_dir: Path) -> list[str]:
    result = load_bundle(content_dir, [ContentSpec(CONTENT_FILE, ContentModel)])
    assert result.bundle is not None, result.problems
    config = SimpleNamespace(var_dir=var_dir)
    return [problem.format() for check in CHECKS for problem in check(config, result.bundle)]


def test_no_database_no_problem(tmp_path: Path) -> None:
    assert _run_checks(CONTENT_PATH.parent, tmp_path / "var") == []
    assert not (tmp_path / "var").exists()  # check never creates the database


def test_changed_options_point_at_the_question(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    content_dir.mkdir()
    shutil.copy(CONTENT_PATH, content_dir / CONTENT_FILE)
    var_dir = tmp_path / "var"
    with VoteStore(db_path_for(var_dir)) as store:
        store.record_vote("metro-line-colour", ["pink"], "s1", options_signature(["pink", "black"]))
    assert _run_checks(content_dir, var_dir) == []

    text = (content_dir / CONTENT_FILE).read_text(encoding="utf-8")
    (content_dir / CONTENT_FILE).write_text(text.replace("        - id: black", "        - id: dark"), encoding="utf-8")
    lines = text.splitlines()
    question_line = lines.index("    - id: metro-line-colour") + 1
    options_line = next(n for n in range(question_line, len(lines)) if lines[n - 1].strip() == "options:")
    problems = _run_checks(content_dir, var_dir)
    assert len(problems) == 1
    assert problems[0].startswith(f"{content_dir / CONTENT_FILE}:{options_line}:7: error: question "
                                  "'metro-line-colour' changed its options since visitors voted on it "
                                  "(removed black; added dark) — give it a new id")


def test_unreadable_database_is_a_warning(tmp_path: Path) -> None:
    path = db_path_for(tmp_path / "var")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    problems = _run_checks(CONTENT_PATH.parent, tmp_path / "var")
    assert len(problems) == 1 and ": warning: votes database" in problems[0]
    assert "could not be checked" in problems[0]


def test_read_signatures_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    assert read_signatures(path) == {}
    conn = open_durable(path, MIGRATIONS[:1])  # an old schema: no signatures yet
    conn.close()
    assert read_signatures(path) == {}
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1  # not migrated by a read
    raw.close()
    with VoteStore(path) as store:
        store.record_vote("q", ["b"], "s", options_signature(["b", "a"]))
    assert read_signatures(path) == {"q": "a|b"}
