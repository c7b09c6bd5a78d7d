"""Anonymous visitor analytics in SQLite (var/analytics.sqlite): what visitors open, how long they stay.

Why: curators want to know which stories work; nothing personal is collected. A visit gets a random id
(`secrets.token_hex`) that links its events and nothing else — no time-of-day-to-person link, no device
ids, no free text from visitors. Events are buffered in memory and written in one transaction when a visit
ends (the kiosk is idle then, so the fsync of synchronous=FULL never costs a frame while a finger is on the
glass), or when the buffer fills. A broken disk never reaches the visitor: failures are counted and shown
on the admin overlay through `last_error`.

Retention (`analytics.keep_days` in kiosk.yaml): `retention_cutoff` turns the setting into a local midnight and
`prune_in_background` deletes older visits and events in one transaction on a worker thread with a
connection of its own, so the frame thread never waits for it (docs/operations.md, "Visitor report").

The read side for `run_kiosk.py report` is in kiosk/analytics_summary.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.db import StorageError, open_durable

LOG = logging.getLogger("kiosk.analytics")

FILE_NAME = "analytics.sqlite"

MIGRATIONS = [
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        started_at REAL NOT NULL,
        ended_at REAL NOT NULL,
        dwell_s REAL NOT NULL,
        lang TEXT NOT NULL
    );
    CREATE INDEX sessions_started ON sessions(started_at);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        session_id TEXT,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL
    );
    CREATE INDEX events_kind_at ON events(kind, at)
    """,
]

KINDS = ("scene_opened", "event_viewed", "language_chosen", "poll_answered")
MAX_VALUE_CHARS = 200
MAX_BUFFERED_ROWS = 10_000
FLUSH_AT_ROWS = 200


@dataclass
class _Visit:
    id: str
    started_at: float
    lang: str


class Analytics:
    """Records one visit at a time. All methods are cheap and never raise.

    `clock` returns wall-clock seconds since the epoch (time.time, or a fake one in tests).
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time, enabled: bool = True,
                 retry_after_s: float = 60.0) -> None:
        self.path = Path(path)
        self.clock = clock
        self.enabled = enabled
        self.retry_after_s = retry_after_s
        self.error_count = 0
        self.dropped_rows = 0
        self.last_error: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._next_open_try = float("-inf")
        self._next_flush_try = float("-inf")
        self._visit: _Visit | None = None
        self._sessions: list[tuple[str, float, float, float, str]] = []
        self._events: list[tuple[str | None, float, str, str]] = []
        self._prune_thread: threading.Thread | None = None
        self._prune_result: PruneResult | None = None
        self._prune_conns: list[sqlite3.Connection] = []
        self._closing = False
        self.last_prune: PruneResult | None = None
        if enabled:
            self._connect()

    # -- visits -------------------------------------------------------------------------------------------

    @property
    def session_id(self) -> str | None:
        return self._visit.id if self._visit else None

    def session_start(self, lang: str) -> str:
        """A visitor touched the idle screen. Returns the new random visit id."""
        if self._visit is not None:
            self.session_end(0.0)
        self._visit = _Visit(secrets.token_hex(8), self._now(), _clip(lang, 8))
        return self._visit.id

    def session_end(self, idle_wait_s: float = 0.0) -> float | None:
        """The visit ended. `idle_wait_s`: how long the kiosk waited without a touch before deciding the
        visitor had gone (idle timeout + countdown); it is not counted as dwell. Returns the dwell seconds."""
        visit, self._visit = self._visit, None
        if visit is None:
            return None
        ended = self._now()
        dwell = max(0.0, ended - visit.started_at - max(0.0, idle_wait_s))
        if self.enabled:
            self._sessions.append((visit.id, visit.started_at, ended, dwell, visit.lang))
            self.flush()
        return dwell

    # -- events -------------------------------------------------------------------------------------------

    def scene_opened(self, name: str) -> None:
        self._record("scene_opened", name)

    def event_viewed(self, event_id: str) -> None:
        self._record("event_viewed", event_id)

    def language_chosen(self, lang: str) -> None:
        if self._visit is not None:
            self._visit.lang = _clip(lang, 8)
        self._record("language_chosen", lang)

    def poll_answered(self, question_id: str) -> None:
        """Which question got an answer — never the answer itself (the poll store keeps the votes)."""
        self._record("poll_answered", question_id)

    # -- storage ------------------------------------------------------------------------------------------

    def status_line(self) -> str:
        """One line for the admin overlay."""
        if not self.enabled:
            return "analytics: off"
        if self.last_error is None:
            return "analytics: ok"
        return (f"analytics: {self.error_count} write error(s), {self.dropped_rows} record(s) dropped;"
                f" last: {self.last_error}")

    def flush(self) -> bool:
        """Write buffered rows in one transaction; True when the buffer is empty afterwards."""
        if not self.enabled:
            return True
        if not self._sessions and not self._events:
            return True
        if self.pruning and not self._closing:  # never wait for the clean-up's write lock; poll_prune flushes
            self._bound_buffer()
            return False
        conn = self._connect() if self._now() >= self._next_flush_try else None
        if conn is None:
            self._bound_buffer()
            return False
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?)", self._sessions)
                conn.executemany("INSERT INTO events (session_id, at, kind, value) VALUES (?, ?, ?, ?)",
                                 self._events)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back itself (disk full)
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError) as exc:
            self._fail(f"{self.path}: {exc}")
            self._next_flush_try = self._now() + self.retry_after_s  # keep the rows; try again later
            self._bound_buffer()
            return False
        self._sessions.clear()
        self._events.clear()
        return True

    def close(self) -> None:
        """End the current visit (program shutdown), stop a running clean-up (it is rolled back and done again
        at the next start), write everything, close the file."""
        self._closing = True
        for conn in list(self._prune_conns):
            with contextlib.suppress(sqlite3.Error):
                conn.interrupt()
        self.wait_for_prune(PRUNE_STOP_WAIT_S)
        if self._visit is not None:
            self.session_end(0.0)
        self.flush()
        self._disconnect()

    # -- retention ----------------------------------------------------------------------------------------

    @property
    def pruning(self) -> bool:
        """A background clean-up is running."""
        return self._prune_thread is not None and self._prune_thread.is_alive()

    def prune_in_background(self, cutoff: float) -> bool:
        """Start deleting visits and events older than `cutoff` (epoch seconds, see `retention_cutoff`) on a
        worker thread. While it runs, flush() keeps rows in memory rather than wait for its write lock.
        False when analytics are off, the file cannot be opened, or a clean-up is still running."""
        if not self.enabled or self._closing or self._prune_thread is not None or self._connect() is None:
            return False
        self._prune_result = None
        self._prune_thread = threading.Thread(target=self._prune_worker, args=(cutoff,), daemon=True,
                                              name="analytics-retention")
        self._prune_thread.start()
        return True

    def poll_prune(self) -> PruneResult | None:
        """The result of a finished clean-up, once: logged, a failure counted like a write error (admin
        overlay); then the rows held back while it ran are written. None while running or when none ran."""
        if self._prune_thread is None or self._prune_thread.is_alive():
            return None
        self._prune_thread.join()
        self._prune_thread = None
        result, self._prune_result = self._prune_result, None
        if result is None:  # the worker died on something prune_file does not catch
            result = PruneResult(0.0, error=f"{self.path}: cleanup of old visits stopped unexpectedly")
        if result.error and self._closing:
            LOG.info("analytics: cleanup stopped for shutdown, it runs again at the next start (%s)", result.error)
        elif result.error:
            self._fail(result.error)
        elif result.visits or result.events:
            LOG.info("analytics: deleted %d visit(s) and %d event(s) from before %s in %.0f ms", result.visits,
                     result.events, datetime.fromtimestamp(result.cutoff).isoformat(" "), result.ms)
        self.last_prune = result
        self.flush()
        return result

    def wait_for_prune(self, timeout_s: float = 60.0) -> PruneResult | None:
        """Block until a running clean-up ends (tests, shutdown), then `poll_prune`."""
        if self._prune_thread is not None:
            self._prune_thread.join(timeout_s)
        return self.poll_prune()

    def _prune_worker(self, cutoff: float) -> None:
        with contextlib.suppress(OSError, AttributeError):  # Linux: lowest CPU priority, for this thread only
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        try:
            self._prune_result = prune_file(self.path, cutoff, self._prune_conns.append)
        finally:
            self._prune_conns.clear()

    def _record(self, kind: str, value: str) -> None:
        if not self.enabled:
            return
        self._events.append((self.session_id, self._now(), kind, _clip(value, MAX_VALUE_CHARS)))
        if len(self._events) >= FLUSH_AT_ROWS:
            self.flush()

    def _now(self) -> float:
        try:
            return float(self.clock())
        except Exception:
            return time.time()

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        now = self._now()
        if now < self._next_open_try:
            return None
        self._next_open_try = now + self.retry_after_s
        try:
            self._conn = open_durable(self.path, MIGRATIONS)
        except (StorageError, sqlite3.Error, OSError) as exc:
            self._fail(str(exc))
        return self._conn

    def _disconnect(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def _fail(self, message: str) -> None:
        self.error_count += 1
        if message != self.last_error:
            LOG.warning("analytics not saved: %s", message)
        self.last_error = message

    def _bound_buffer(self) -> None:
        overflow = len(self._sessions) + len(self._events) - MAX_BUFFERED_ROWS
        if overflow > 0:
            from_events = min(overflow, len(self._events))
            del self._events[:from_events]
            del self._sessions[:overflow - from_events]
            self.dropped_rows += overflow


def _clip(value: object, limit: int) -> str:
    return str(value)[:limit]


# -- retention ------------------------------------------------------------------------------------------

EARLIEST_PLAUSIBLE_YEAR = 2024
"""A clock before this was never set (flat CMOS battery, no network time yet): keep everything, do not guess."""
PRUNE_STOP_WAIT_S = 5.0

# Every kind present, found through the (kind, at) index in a few steps, so the DELETE below walks that index
# only over the rows it removes (a plain `at < ?` reads the whole table: 60 ms instead of 8 ms for a year).
_DELETE_EVENTS = """
    DELETE FROM events WHERE at < :cutoff AND kind IN (
        WITH RECURSIVE present(kind) AS (
            SELECT min(kind) FROM events
            UNION ALL
            SELECT (SELECT min(kind) FROM events WHERE kind > present.kind) FROM present WHERE present.kind IS NOT NULL
        ) SELECT kind FROM present WHERE kind IS NOT NULL)
"""


def retention_cutoff(today: date, keep_days: int | None) -> float | None:
    """Local midnight at the start of the day `keep_days` before `today`, in epoch seconds. Visits that started
    and events recorded before it are deleted, so today and the `keep_days` whole days before it are kept
    (`report --days keep_days` is always complete). None: keep everything (keep_days 0 or None, or a clock
    that was never set)."""
    if not keep_days or keep_days < 0 or today.year < EARLIEST_PLAUSIBLE_YEAR:
        return None
    return datetime.combine(today - timedelta(days=keep_days), datetime.min.time()).timestamp()


@dataclass(frozen=True)
class PruneResult:
    """What one clean-up did; `ms` is the DELETE transaction (BEGIN to COMMIT, the fsync included)."""

    cutoff: float
    visits: int = 0
    events: int = 0
    ms: float = 0.0
    error: str | None = None


def prune_file(path: Path, cutoff: float,
               on_connect: Callable[[sqlite3.Connection], None] | None = None) -> PruneResult:
    """Delete visits started and events recorded before `cutoff` in one transaction, on a connection of its
    own; never raises. Then the WAL is checkpointed and truncated: a big first clean-up would otherwise leave
    a `-wal` file as large as what it deleted. The freed pages are reused by later visits, so the file stops
    growing; there is no VACUUM (docs/operations.md says why)."""
    conn: sqlite3.Connection | None = None
    try:
        conn = open_durable(path, MIGRATIONS)
        if on_connect is not None:
            on_connect(conn)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        try:
            visits = conn.execute("DELETE FROM sessions WHERE started_at < ?", (cutoff,)).rowcount
            events = conn.execute(_DELETE_EVENTS, {"cutoff": cutoff}).rowcount
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
        ms = (time.perf_counter() - started) * 1000
        if visits or events:  # a reader (the report) may keep it from truncating: that is not an error
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except (StorageError, sqlite3.Error, OSError) as exc:
        return PruneResult(cutoff, error=f"{path}: cleanup of old visits failed: {exc}")
    finally:
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
    return PruneResult(cutoff, visits, events, ms)
