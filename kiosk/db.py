"""Durable SQLite for votes and analytics: WAL, synchronous=FULL, versioned migrations.

Why: the kiosk loses power without warning; a record acknowledged to a visitor must survive that.
Each store (votes, analytics) owns its own file and its list of migrations.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path


class StorageError(Exception):
    """The database cannot be used (corrupt, locked, read-only, missing folder); shown on the admin overlay."""


def open_durable(path: Path, migrations: Sequence[str], timeout_s: float = 2.0) -> sqlite3.Connection:
    """Open (creating if needed) a WAL database and bring it to the newest schema version.

    `migrations[i]` is the SQL script that takes the schema from version i to i+1; `PRAGMA user_version`
    stores the version reached. Raises StorageError with a plain-words message on any failure.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fresh = not path.exists()
        conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None, check_same_thread=False)
        if fresh:
            os.chmod(path, 0o600)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(migrations[version:], start=version):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, script.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={number + 1}")
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
        return conn
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"{path}: {exc} — check the file and the folder permissions, or move the file aside") \
            from exc


def integrity_ok(conn: sqlite3.Connection) -> bool:
    """True when `PRAGMA integrity_check` reports no problem."""
    return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
