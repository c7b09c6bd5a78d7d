"""Vote store: one vote per visit and question, counts, option-list changes, migrations, broken files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.db import StorageError, open_durable
from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    OptionsChangedError,
    VoteStore,
    benchmark_votes,
    check_option_changes,
    db_path_for,
    options_signature,
)

AB = options_signature(["a", "b"])
ABC = options_signature(["c", "b", "a"])


def test_db_lives_under_var(tmp_path: Path) -> None:
    assert db_path_for(tmp_path) == tmp_path / "active_citizen" / "votes.sqlite3"


def test_durable_settings(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: fsync on every commit
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_record_count_total(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        assert store.record_vote("q1", ["a"], "s1", AB) is True
        assert store.record_vote("q1", ["b"], "s2", AB) is True
        assert store.record_vote("q1", ["a"], "s3", AB) is True
        assert store.record_vote("q2", ["b"], "s1", AB) is True
        assert store.counts("q1") == {"a": 2, "b": 1}
        assert store.total("q1") == 3 and store.total("q2") == 1 and store.total("never") == 0
        assert store.counts("never") == {}
        assert store.questions_seen() == ["q1", "q2"]
        assert store.has_vote("q1", "s2") and not store.has_vote("q2", "s2")


def test_second_vote_of_a_session_is_refused_without_writing(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        assert store.record_vote("q1", ["a"], "s1", AB) is True
        assert store.record_vote("q1", ["b"], "s1", AB) is False
        assert store.counts("q1") == {"a": 1}
        assert store.total("q1") == 1
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT COUNT(*) FROM vote_options").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):  # the rule lives in the schema, not only in Python
        raw.execute("INSERT INTO votes (question_id, session_id, created_at) VALUES ('q1', 's1', 0)")
    raw.close()


def test_multiple_choice_counts_each_option_and_one_respondent(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        assert store.record_vote("multi", ["a", "c"], "s1", ABC)
        assert store.record_vote("multi", ["c"], "s2", ABC)
        assert store.counts("multi") == {"a": 1, "c": 2}
        assert store.total("multi") == 2


@pytest.mark.parametrize("options", [[], ["a", "a"], ["z"]])
def test_malformed_vote_is_a_programming_error(db_path: Path, options: list[str]) -> None:
    with VoteStore(db_path) as store:
        with pytest.raises(ValueError, match="allowed are"):
            store.record_vote("q1", options, "s1", AB)
        assert store.total("q1") == 0


def test_votes_persist_across_restarts_and_content_edits(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        store.record_vote("q1", ["a"], "s1", AB)
    with VoteStore(db_path) as store:
        assert store.counts("q1") == {"a": 1}
        assert store.record_vote("q1", ["a"], "s1", AB) is False  # same visit after a restart: still one vote
        assert store.record_vote("new-question", ["b"], "s1", AB) is True
        assert store.questions_seen() == ["new-question", "q1"]


def test_changed_option_list_is_refused_and_reported(db_path: Path, content: ContentModel) -> None:
    question = content.poll.question("metro-line-colour")
    assert question is not None
    with VoteStore(db_path) as store:
        assert store.record_vote(question.id, ["pink"], "s1", question.options_signature)
        assert check_option_changes(content, store) == []
        with pytest.raises(OptionsChangedError, match="give the changed question a new id"):
            store.record_vote(question.id, ["pink"], "s2", options_signature(["pink", "black", "red"]))
        assert store.total(question.id) == 1

        data = content.model_dump(mode="json")
        options = data["poll"]["questions"][4]["options"]
        options[1]["id"] = "dark"
        options[0]["text"]["en"] = "Rose"  # rewording alone is fine
        changed = ContentModel.model_validate(data)
        problems = check_option_changes(changed, store)
        assert problems == [
            "poll.questions[4].options: question 'metro-line-colour' changed its options since visitors voted on it "
            "(removed black; added dark) — give it a new id; to keep the old results on record, keep the old "
            "question with its old options and `retired: true`"]

        data["poll"]["questions"][4]["options"][1]["id"] = "black"
        assert check_option_changes(ContentModel.model_validate(data), store) == []


def _make_v1_database(path: Path) -> None:
    conn = open_durable(path, MIGRATIONS[:1])
    conn.execute("INSERT INTO votes (id, question_id, session_id, created_at) VALUES (1, 'old-q', 's1', 100.0)")
    conn.execute("INSERT INTO vote_options (vote_id, option_id) VALUES (1, 'b')")
    conn.close()


def test_migration_from_schema_1_keeps_votes(db_path: Path) -> None:
    _make_v1_database(db_path)
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()
    with VoteStore(db_path) as store:
        assert store.counts("old-q") == {"b": 1}
        assert store.questions_seen() == ["old-q"]
        assert store.signature("old-q") is None  # unknown under v1
        assert store.stats("old-q").first_vote_at == 100.0
        assert store.record_vote("old-q", ["a"], "s2", AB)  # first vote after the upgrade records it
        assert store.signature("old-q") == AB
        assert store.integrity_ok()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    raw.close()


def test_random_bytes_file_gives_a_clear_error(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(os.urandom(64 * 1024))
    with pytest.raises(StorageError) as caught:
        VoteStore(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "not a database" in message
    assert "the file is damaged: move it aside" in message


def test_damaged_pages_are_caught_at_start(db_path: Path) -> None:
    with VoteStore(db_path) as store:
        for number in range(300):
            store.record_vote(f"q{number % 5}", ["a"], f"s{number}", AB)
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    size = db_path.stat().st_size
    assert size >= 4 * page_size
    with db_path.open("r+b") as handle:  # keep the header page, scramble the rest
        handle.seek(page_size)
        handle.write(os.urandom(size - page_size))
    with pytest.raises(StorageError) as caught:
        VoteStore(db_path)
    message = str(caught.value)
    assert str(db_path) in message and ("damaged" in message or "malformed" in message)


def test_read_only_file_gives_a_clear_error(tmp_path: Path) -> None:
    """Run as an ordinary user would: root ignores file permissions, so drop that capability."""
    folder = tmp_path / "ro"
    path = folder / "votes.sqlite3"
    with VoteStore(path) as store:
        store.record_vote("q1", ["a"], "s1", AB)
    path.chmod(0o444)
    script = textwrap.dedent(f"""
        from pathlib import Path
        from kiosk.db import StorageError
        from scenes.active_citizen.store import VoteStore
        try:
            VoteStore(Path({str(path)!r}))
        except StorageError as exc:
            print("StorageError:", exc)
        else:
            print("opened")
    """)
    command = [sys.executable, "-c", script]
    if os.geteuid() == 0:
        command = ["setpriv", "--inh-caps=-dac_override", "--bounding-set=-dac_override", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.stdout.startswith("StorageError:"), result
    assert "read-only" in result.stdout and "give the kiosk user write access" in result.stdout
    path.chmod(0o600)
    with VoteStore(path) as store:  # nothing was lost
        assert store.counts("q1") == {"a": 1}


def test_locked_database_gives_a_clear_error_then_recovers(db_path: Path) -> None:
    with VoteStore(db_path, busy_timeout_s=0.2) as store:
        store.record_vote("q1", ["a"], "s1", AB)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            store.record_vote("q1", ["b"], "s2", AB)
        assert time.monotonic() - started < 2.0
        assert "locked" in str(caught.value) and "another program holds the database" in str(caught.value)
        with pytest.raises(StorageError, match="locked"):
            VoteStore(db_path, busy_timeout_s=0.1)
        assert store.counts("q1") == {"a": 1}  # reading still works in WAL mode
        other.execute("ROLLBACK")
        other.close()
        assert store.record_vote("q1", ["b"], "s2", AB) is True
        assert store.counts("q1") == {"a": 1, "b": 1}


def test_missing_folder_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "var" / "votes.sqlite3"
    with VoteStore(path) as store:
        assert store.record_vote("q", ["a"], "s", AB)
    assert path.stat().st_mode & 0o077 == 0


def test_sustained_votes_per_second(tmp_path: Path) -> None:
    rate = benchmark_votes(tmp_path / "bench.sqlite3", seconds=1.0)
    print(f"\nsustained durable votes/s (synchronous=FULL): {rate:.0f}")
    assert rate >= 20  # a kiosk needs about one vote per second; anything slower means a broken disk setup
