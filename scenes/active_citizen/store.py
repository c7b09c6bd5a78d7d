"""Durable vote store of the live poll: one SQLite transaction per vote, acknowledged only after COMMIT.

Why: the kiosk can lose power or be killed at any moment; a vote the visitor saw acknowledged must be on
disk. Votes are keyed by question id and anonymous visit ids (random per session, no personal data).
Each question's option list is remembered on its first vote so that a curator changing the options of an
existing id is caught by `check` instead of silently mixing old and new answers.

This module imports only the standard library and kiosk.db, so a writer process starts fast.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.db import StorageError, open_durable

if TYPE_CHECKING:
    from scenes.active_citizen.model import ContentModel

DB_FOLDER = "active_citizen"
DB_NAME = "votes.sqlite3"
SIGNATURE_SEPARATOR = "|"

# migrations[i] takes the schema from version i to i+1 (PRAGMA user_version). Never edit a released entry;
# append a new one. Statements are split on ';' by open_durable: no ';' inside statements.
MIGRATIONS: tuple[str, ...] = (
    # v1: one row per (question, visit); the chosen options of that vote in vote_options.
    """
    CREATE TABLE votes (
        id INTEGER PRIMARY KEY,
        question_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        created_at REAL NOT NULL,
        UNIQUE (question_id, session_id)
    );
    CREATE TABLE vote_options (
        vote_id INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
        option_id TEXT NOT NULL,
        PRIMARY KEY (vote_id, option_id)
    ) WITHOUT ROWID
    """,
    # v2: the option list each question had on its first vote. Questions voted under v1 get NULL
    # (unknown): the next vote records it.
    """
    CREATE TABLE questions (
        question_id TEXT PRIMARY KEY,
        options_signature TEXT,
        first_vote_at REAL
    );
    INSERT INTO questions (question_id, options_signature, first_vote_at)
        SELECT question_id, NULL, MIN(created_at) FROM votes GROUP BY question_id
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class OptionsChangedError(StorageError):
    """A vote arrived with an option list different from the one stored for that question id."""


def db_path_for(var_dir: Path) -> Path:
    """Where the kiosk keeps the votes: `<var>/active_citizen/votes.sqlite3`."""
    return var_dir / DB_FOLDER / DB_NAME


def options_signature(option_ids: Iterable[str]) -> str:
    """Order-free key of an option list: reordering options is fine, adding/removing/renaming ids is not."""
    return SIGNATURE_SEPARATOR.join(sorted(option_ids))


def signature_ids(signature: str) -> list[str]:
    return signature.split(SIGNATURE_SEPARATOR) if signature else []


@dataclass(frozen=True)
class QuestionStats:
    """What the report needs about one stored question."""

    question_id: str
    options_signature: str | None
    respondents: int
    first_vote_at: float | None
    last_vote_at: float | None


class VoteStore:
    """Votes of the live poll in `path` (WAL, synchronous=FULL). Thread-safe; every method may raise
    StorageError (corrupt, locked, read-only, disk full) — the scene then shows "results unavailable".

    Call record_vote off the frame loop (a worker thread): a commit waits for the disk, and a locked
    database waits up to `busy_timeout_s`.
    """

    def __init__(self, path: Path, busy_timeout_s: float = 0.5) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._conn = open_durable(path, MIGRATIONS, timeout_s=busy_timeout_s)
        except StorageError as exc:
            if isinstance(exc.__cause__, sqlite3.Error):
                raise self._error("cannot be opened", exc.__cause__) from exc
            raise StorageError(f"votes database {path} cannot be opened: {exc}") from exc
        try:
            self._probe()
        except StorageError:
            self._conn.close()
            raise

    def _probe(self) -> None:
        """Fail at start-up, not at the first visitor's vote: readable, undamaged, writable."""
        try:
            verdict = self._conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise StorageError(f"votes database {self.path} is damaged ({verdict}) — move the file aside "
                                   "(the kiosk starts a new one) and keep it for recovery")
            # A read-only file only fails on a real page write: rewrite the schema version, then roll back.
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(f"PRAGMA user_version={int(version)}")
            finally:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            raise self._error("cannot be opened for voting", exc) from exc

    def _error(self, what: str, exc: sqlite3.Error) -> StorageError:
        text = str(exc)
        if "readonly" in text or "read-only" in text:
            hint = "the file or its folder is read-only: give the kiosk user write access"
        elif "locked" in text or "busy" in text:
            hint = "another program holds the database: close it (sqlite3 shell, backup tool) and retry"
        elif "not a database" in text or "malformed" in text:
            hint = "the file is damaged: move it aside (the kiosk starts a new one) and keep it for recovery"
        elif "disk" in text or "full" in text:
            hint = "the disk is full or failing: free space or check the drive"
        else:
            hint = "check the file and the folder permissions, or move the file aside"
        return StorageError(f"votes database {self.path} {what}: {text} — {hint}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> VoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _rollback_quietly(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def record_vote(self, question_id: str, option_ids: Sequence[str], session_id: str,
                    options_signature: str) -> bool:
        """Store one vote in its own transaction. True only after COMMIT succeeded; False (nothing written)
        when this session already voted on this question. Raises OptionsChangedError when the question's
        stored option list differs from `options_signature`, StorageError on any database failure."""
        allowed = set(signature_ids(options_signature))
        chosen = list(dict.fromkeys(option_ids))
        if not chosen or len(chosen) != len(option_ids) or not set(chosen) <= allowed:
            raise ValueError(f"vote on '{question_id}' names options {list(option_ids)}; "
                             f"allowed are {sorted(allowed)}, each at most once")
        now = time.time()
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute("SELECT options_signature FROM questions WHERE question_id = ?",
                                   (question_id,)).fetchone()
                if row is None:
                    conn.execute("INSERT INTO questions (question_id, options_signature, first_vote_at) "
                                 "VALUES (?, ?, ?)", (question_id, options_signature, now))
                elif row[0] is None:
                    conn.execute("UPDATE questions SET options_signature = ? WHERE question_id = ?",
                                 (options_signature, question_id))
                elif row[0] != options_signature:
                    self._rollback_quietly()
                    raise OptionsChangedError(
                        f"question '{question_id}' was first voted with options {row[0]!r}, now it has "
                        f"{options_signature!r}: give the changed question a new id (run check)")
                try:
                    cursor = conn.execute("INSERT INTO votes (question_id, session_id, created_at) "
                                          "VALUES (?, ?, ?)", (question_id, session_id, now))
                except sqlite3.IntegrityError:
                    self._rollback_quietly()
                    return False
                conn.executemany("INSERT INTO vote_options (vote_id, option_id) VALUES (?, ?)",
                                 [(cursor.lastrowid, option_id) for option_id in chosen])
                conn.execute("COMMIT")
                return True
            except sqlite3.Error as exc:
                self._rollback_quietly()
                raise self._error("could not store a vote", exc) from exc

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._error("could not be read", exc) from exc

    def counts(self, question_id: str) -> dict[str, int]:
        """Votes per option id (only options that got at least one vote)."""
        rows = self._query("SELECT o.option_id, COUNT(*) FROM vote_options AS o JOIN votes AS v ON v.id = o.vote_id "
                           "WHERE v.question_id = ? GROUP BY o.option_id ORDER BY o.option_id", (question_id,))
        return {str(option_id): int(count) for option_id, count in rows}

    def total(self, question_id: str) -> int:
        """Number of visitors who answered (for multiple choice, less than the sum of counts)."""
        rows = self._query("SELECT COUNT(*) FROM votes WHERE question_id = ?", (question_id,))
        return int(rows[0][0])

    def questions_seen(self) -> list[str]:
        """Every question id that has stored votes, sorted."""
        rows = self._query("SELECT question_id FROM questions UNION SELECT question_id FROM votes ORDER BY 1")
        return [str(row[0]) for row in rows]

    def signature(self, question_id: str) -> str | None:
        rows = self._query("SELECT options_signature FROM questions WHERE question_id = ?", (question_id,))
        return None if not rows or rows[0][0] is None else str(rows[0][0])

    def stats(self, question_id: str) -> QuestionStats:
        rows = self._query("SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM votes WHERE question_id = ?",
                           (question_id,))
        count, first, last = rows[0]
        return QuestionStats(question_id, self.signature(question_id), int(count),
                             None if first is None else float(first), None if last is None else float(last))

    def has_vote(self, question_id: str, session_id: str) -> bool:
        rows = self._query("SELECT 1 FROM votes WHERE question_id = ? AND session_id = ?", (question_id, session_id))
        return bool(rows)

    def integrity_ok(self) -> bool:
        rows = self._query("PRAGMA integrity_check")
        return rows == [("ok",)]


Loc = tuple[str | int, ...]


def option_changes(content: ContentModel, signatures: Mapping[str, str | None]) -> list[tuple[Loc, str]]:
    """(location in the content, message) for every question whose option ids differ from the ones stored
    with its votes. `signatures`: question id -> stored signature (VoteStore.signature / read_signatures)."""
    problems: list[tuple[Loc, str]] = []
    for index, question in enumerate(content.poll.questions):
        stored = signatures.get(question.id)
        if stored is None or stored == question.options_signature:
            continue
        before, now = signature_ids(stored), question.option_ids()
        removed = [option for option in before if option not in now]
        added = [option for option in now if option not in before]
        change = "; ".join(part for part in (
            f"removed {', '.join(removed)}" if removed else "",
            f"added {', '.join(added)}" if added else "") if part)
        problems.append((("poll", "questions", index, "options"),
                         f"question '{question.id}' changed its options since visitors voted on it ({change}) — "
                         "give it a new id; to keep the old results on record, keep the old question with its "
                         "old options and `retired: true`"))
    return problems


def check_option_changes(content: ContentModel, store: VoteStore) -> list[str]:
    """One message per question whose options changed since visitors voted on it (for the check pass)."""
    signatures = {question.id: store.signature(question.id) for question in content.poll.questions}
    return [f"poll.questions[{loc[2]}].options: {message}" for loc, message in option_changes(content, signatures)]


def read_signatures(path: Path) -> dict[str, str | None]:
    """Stored option signatures, read without writing anything (for `check`, which may run as another user
    while the kiosk is up). A missing file means no votes yet. Raises StorageError if unreadable."""
    if not path.exists():
        return {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise StorageError(f"votes database {path} cannot be read: {exc}") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "questions" not in tables:  # schema 1 kept no signatures
            return {}
        return {str(qid): None if sig is None else str(sig)
                for qid, sig in conn.execute("SELECT question_id, options_signature FROM questions")}
    except sqlite3.Error as exc:
        raise StorageError(f"votes database {path} cannot be read: {exc} — move the file aside if it is "
                           "damaged") from exc
    finally:
        conn.close()


def benchmark_votes(path: Path, seconds: float = 2.0) -> float:
    """Sustained committed votes per second on this machine (each vote its own durable transaction).
    Writes throw-away votes: point it at a scratch file, never at the kiosk's database."""
    with VoteStore(path) as store:
        signature = options_signature(["a", "b"])
        started = time.perf_counter()
        done = 0
        while time.perf_counter() - started < seconds:
            store.record_vote("bench", ["a" if done % 2 else "b"], f"bench-{done}", signature)
            done += 1
        return done / (time.perf_counter() - started)
