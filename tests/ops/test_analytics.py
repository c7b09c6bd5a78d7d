"""Analytics store: what a visit writes, dwell without the idle wait, and failures that never raise."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from kiosk.analytics import MAX_BUFFERED_ROWS, Analytics
from tests.ops.analytics_data import FakeClock


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_a_visit_is_written_when_it_ends(tmp_path: Path) -> None:
    clock = FakeClock()
    clock.now = 1_725_000_000.0
    db = tmp_path / "var" / "analytics.sqlite"
    analytics = Analytics(db, clock)
    visit = analytics.session_start("ru")
    assert len(visit) == 16 and int(visit, 16) >= 0
    clock.now += 10
    analytics.scene_opened("timeline")
    analytics.event_viewed("ru-domain-1994")
    analytics.language_chosen("en")
    analytics.poll_answered("q1")
    assert rows(db, "SELECT count(*) FROM events") == [(0,)]  # buffered: no fsync while a finger is on the glass
    clock.now += 140  # 50 s of use + 90 s idle wait
    assert analytics.session_end(idle_wait_s=90) == 60.0
    assert rows(db, "SELECT id, dwell_s, lang FROM sessions") == [(visit, 60.0, "en")]
    assert rows(db, "SELECT session_id, kind, value FROM events ORDER BY id") == [
        (visit, "scene_opened", "timeline"), (visit, "event_viewed", "ru-domain-1994"),
        (visit, "language_chosen", "en"), (visit, "poll_answered", "q1")]
    assert analytics.last_error is None and analytics.status_line() == "analytics: ok"
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert (db.stat().st_mode & 0o777) == 0o600 and (db.parent.stat().st_mode & 0o777) == 0o700


def test_nothing_personal_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "analytics.sqlite"
    analytics = Analytics(db, FakeClock())
    analytics.session_start("ru")
    analytics.event_viewed("x" * 5000)
    analytics.session_end(0)
    columns = {name for table in ("sessions", "events")
               for _cid, name, *_ in rows(db, f"PRAGMA table_info({table})")}
    assert columns == {"id", "started_at", "ended_at", "dwell_s", "lang", "session_id", "at", "kind", "value"}
    assert rows(db, "SELECT max(length(value)) FROM events") == [(200,)]


def test_dwell_never_negative_and_new_start_ends_the_old_visit(tmp_path: Path) -> None:
    clock = FakeClock()
    analytics = Analytics(tmp_path / "a.sqlite", clock)
    first = analytics.session_start("ru")
    clock.now = 30
    assert analytics.session_end(idle_wait_s=100) == 0.0
    assert analytics.session_end(5) is None  # no visit running
    analytics.session_start("ru")
    clock.now = 50
    second = analytics.session_start("en")
    analytics.close()
    ids = [r[0] for r in rows(tmp_path / "a.sqlite", "SELECT id FROM sessions ORDER BY started_at")]
    assert ids[0] == first and ids[-1] == second and len(set(ids)) == 3


def test_disabled_writes_nothing(tmp_path: Path) -> None:
    analytics = Analytics(tmp_path / "off.sqlite", FakeClock(), enabled=False)
    analytics.session_start("ru")
    analytics.event_viewed("e")
    analytics.session_end(0)
    analytics.close()
    assert not (tmp_path / "off.sqlite").exists()
    assert analytics.status_line() == "analytics: off"


def test_corrupt_file_is_counted_not_raised(tmp_path: Path) -> None:
    db = tmp_path / "analytics.sqlite"
    db.write_bytes(b"this is not a database, it is a shopping list" * 100)
    analytics = Analytics(db, FakeClock())
    analytics.session_start("ru")
    analytics.event_viewed("e")
    analytics.session_end(0)
    analytics.close()
    assert analytics.error_count >= 1
    assert analytics.last_error is not None and "not a database" in analytics.last_error
    assert "write error" in analytics.status_line()


def test_disk_full_is_counted_and_memory_stays_bounded(tmp_path: Path) -> None:
    clock = FakeClock()
    analytics = Analytics(tmp_path / "full.sqlite", clock, retry_after_s=0.0)
    conn = analytics._conn
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")  # SQLite answers SQLITE_FULL, as on a full disk
    analytics.session_start("ru")
    for i in range(MAX_BUFFERED_ROWS + 500):
        analytics.event_viewed(f"event-{i} " + "x" * 150)
    analytics.session_end(0)
    assert analytics.error_count >= 1
    assert analytics.last_error is not None and "full" in analytics.last_error
    assert len(analytics._events) + len(analytics._sessions) <= MAX_BUFFERED_ROWS
    assert analytics.dropped_rows > 0


def _readonly_attempt(db: Path) -> tuple[int, str]:
    analytics = Analytics(db, FakeClock())
    analytics.session_start("en")
    analytics.event_viewed("e")
    analytics.session_end(0)
    analytics.close()
    return analytics.error_count, analytics.last_error or ""


def test_read_only_database_file_does_not_raise() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ro-analytics-"))
    db = folder / "analytics.sqlite"
    seed = Analytics(db, FakeClock())
    seed.session_start("ru")
    seed.session_end(0)
    seed.close()
    for leftover in folder.glob("analytics.sqlite-*"):
        leftover.unlink()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            errors, message = _readonly_attempt(db)
        else:  # root writes through file modes: run the attempt in a child that has dropped to 'nobody'
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - child
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    errors, message = _readonly_attempt(db)
                    os.write(write_end, f"{errors}|{message}".encode())
                finally:
                    os._exit(0)
            os.close(write_end)
            os.waitpid(pid, 0)
            raw = os.read(read_end, 65536).decode()
            os.close(read_end)
            count, _, message = raw.partition("|")
            errors = int(count)
        assert errors >= 1
        assert message  # e.g. "attempt to write a readonly database" / "unable to open database file"
        assert rows(db, "SELECT count(*) FROM sessions") == [(1,)]
    finally:
        folder.chmod(0o755)
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()
