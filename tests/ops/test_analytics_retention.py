"""Analytics retention (`analytics.keep_days`): rows before the cut-off go, the report of the kept days does not
change, the frame thread never waits for the clean-up, failures are counted, and the setting is checked."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kiosk.analytics as analytics_module
from kiosk.analytics import Analytics, PruneResult, retention_cutoff
from kiosk.analytics_summary import open_for_reading, summarize
from kiosk.commands.report import render_html
from kiosk.config import ConfigError, load_config
from kiosk.ops.runtime import OpsRuntime
from tests.ops.analytics_data import FIRST_DAY, Expected, FakeClock, write_week

WRITTEN_DAYS = 10  # 2024-09-02 … 2024-09-11
LAST_DAY = FIRST_DAY + dt.timedelta(days=WRITTEN_DAYS - 1)
GENERATED_AT = dt.datetime(2024, 9, 12, 9, 0)


def midnight(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time()).timestamp()


def count(db: Path, sql: str, *params: object) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql, params).fetchone()[0])


@pytest.fixture(scope="module")
def ten_days(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    db = tmp_path_factory.mktemp("ten-days") / "analytics.sqlite"
    return db, write_week(db, days=WRITTEN_DAYS)


@pytest.fixture
def db(ten_days: tuple[Path, Expected], tmp_path: Path) -> Path:
    copy = tmp_path / "var" / "analytics.sqlite"
    copy.parent.mkdir()
    shutil.copy(ten_days[0], copy)
    return copy


def test_cutoff_keeps_today_and_keep_days_whole_days_before_it() -> None:
    today = dt.date(2025, 3, 10)
    assert retention_cutoff(today, 7) == midnight(dt.date(2025, 3, 3))
    assert retention_cutoff(today, 1) == midnight(dt.date(2025, 3, 9))
    assert retention_cutoff(today, 400) == midnight(dt.date(2024, 2, 4))
    assert retention_cutoff(today, 0) is None and retention_cutoff(today, None) is None  # keep forever
    assert retention_cutoff(dt.date(2000, 1, 1), 7) is None  # a clock that was never set deletes nothing


def test_rows_before_the_cutoff_go_and_the_kept_days_report_the_same(ten_days: tuple[Path, Expected],
                                                                     db: Path) -> None:
    expected = ten_days[1]
    keep_days = 4
    cutoff_day = LAST_DAY - dt.timedelta(days=keep_days)  # 2024-09-07: kept, with the four days after it
    kept_days = WRITTEN_DAYS - (cutoff_day - FIRST_DAY).days
    conn = open_for_reading(db)
    kept_before = summarize(conn, LAST_DAY, kept_days)
    conn.close()
    visits_before = count(db, "SELECT count(*) FROM sessions")
    assert visits_before == expected.visits

    analytics = Analytics(db, FakeClock())
    cutoff = retention_cutoff(LAST_DAY, keep_days)
    assert cutoff == midnight(cutoff_day)
    assert analytics.prune_in_background(cutoff)
    result = analytics.wait_for_prune()
    wal = db.parent / "analytics.sqlite-wal"
    assert wal.stat().st_size == 0  # checkpointed and truncated: the big delete leaves no large -wal behind
    analytics.close()

    deleted_days = [FIRST_DAY + dt.timedelta(days=i) for i in range(WRITTEN_DAYS) if FIRST_DAY
                    + dt.timedelta(days=i) < cutoff_day]
    assert result is not None and result.error is None and analytics.error_count == 0
    assert result.visits == sum(expected.per_day[day] for day in deleted_days) > 0
    assert result.events > 0
    assert count(db, "SELECT count(*) FROM sessions WHERE started_at < ?", cutoff) == 0
    assert count(db, "SELECT count(*) FROM events WHERE at < ?", cutoff) == 0
    assert count(db, "SELECT count(*) FROM sessions") == visits_before - result.visits
    assert count(db, "SELECT min(started_at) FROM sessions") >= cutoff
    assert count(db, "SELECT count(*) FROM events WHERE kind = 'event_viewed'") > 0

    conn = open_for_reading(db)
    kept_after = summarize(conn, LAST_DAY, kept_days)
    whole = summarize(conn, LAST_DAY, WRITTEN_DAYS)
    conn.close()
    assert kept_after == kept_before  # every figure of the kept days, unchanged
    assert render_html(kept_after, GENERATED_AT) == render_html(kept_before, GENERATED_AT)
    assert [n for day, n in kept_after.visits_per_day] == [expected.per_day[day] for day, _ in
                                                           kept_after.visits_per_day]
    assert whole.visits_per_day == [(day, 0 if day < cutoff_day else expected.per_day[day])
                                    for day, _ in whole.visits_per_day]


def test_a_visit_ending_during_the_cleanup_waits_in_memory(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real_prune = analytics_module.prune_file

    def held_prune(path: Path, cutoff: float, on_connect: Callable[[sqlite3.Connection], None] | None = None
                   ) -> PruneResult:
        assert gate.wait(30)
        return real_prune(path, cutoff, on_connect)

    monkeypatch.setattr(analytics_module, "prune_file", held_prune)
    clock = FakeClock()
    clock.now = midnight(LAST_DAY) + 15 * 3600
    analytics = Analytics(db, clock)
    visits_before = count(db, "SELECT count(*) FROM sessions")
    assert analytics.prune_in_background(midnight(LAST_DAY))
    assert analytics.pruning and not analytics.prune_in_background(midnight(LAST_DAY))  # one at a time
    visit = analytics.session_start("ru")
    analytics.event_viewed("ru-domain-1994")
    clock.now += 30
    analytics.session_end(0)
    assert analytics.poll_prune() is None  # still running
    assert count(db, "SELECT count(*) FROM sessions WHERE id = ?", visit) == 0  # held back, not waited for
    assert len(analytics._sessions) == 1 and analytics.error_count == 0

    gate.set()
    result = analytics.wait_for_prune()
    assert result is not None and result.error is None and not analytics.pruning
    today = count(db, "SELECT count(*) FROM sessions WHERE started_at >= ?", midnight(LAST_DAY))
    assert count(db, "SELECT count(*) FROM sessions") == today == visits_before - result.visits + 1
    assert count(db, "SELECT count(*) FROM sessions WHERE id = ?", visit) == 1  # written as soon as it ended
    assert count(db, "SELECT count(*) FROM events WHERE session_id = ?", visit) == 1
    analytics.close()


def test_a_failing_cleanup_is_counted_and_deletes_nothing(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    visits = count(db, "SELECT count(*) FROM sessions")
    analytics = Analytics(db, FakeClock())
    assert analytics.prune_in_background(midnight(LAST_DAY))
    result = analytics.wait_for_prune()
    assert result is not None and result.error is not None and "disk says no" in result.error
    assert analytics.error_count == 1 and "write error" in analytics.status_line()
    assert count(db, "SELECT count(*) FROM sessions") == visits  # the sessions' DELETE was rolled back too
    analytics.close()


def test_closing_during_a_cleanup_loses_no_visit(db: Path) -> None:
    clock = FakeClock()
    clock.now = midnight(LAST_DAY) + 16 * 3600
    cutoff = midnight(LAST_DAY - dt.timedelta(days=2))
    old_before = count(db, "SELECT count(*) FROM sessions WHERE started_at < ?", cutoff)
    analytics = Analytics(db, clock)
    assert analytics.prune_in_background(cutoff)
    visit = analytics.session_start("en")
    analytics.scene_opened("timeline")
    analytics.close()  # the clean-up is stopped or finished, whichever comes first; the visit is written
    assert not analytics.pruning
    assert count(db, "SELECT count(*) FROM sessions WHERE id = ?", visit) == 1
    old_after = count(db, "SELECT count(*) FROM sessions WHERE started_at < ?", cutoff)
    assert old_before > 0 and old_after in (0, old_before)  # all deleted, or none (rolled back): never half
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- the setting and the running kiosk -----------------------------------------------------------------------

def write_config(folder: Path, analytics_yaml: str) -> Path:
    path = folder / "kiosk.yaml"
    path.write_text(f"paths:\n  var: var\n{analytics_yaml}", encoding="utf-8")
    return path


class WallClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def make_runtime(tmp_path: Path, analytics_yaml: str, now: dt.datetime,
                 monkeypatch: pytest.MonkeyPatch) -> tuple[OpsRuntime, WallClock, list[str]]:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    config = load_config(write_config(tmp_path, analytics_yaml))
    wall = WallClock(now)
    notes: list[str] = []
    return OpsRuntime(config, wall, notes, kiosk_mode=False), wall, notes


def started_days(db: Path) -> list[dt.date]:
    with sqlite3.connect(db) as conn:
        return sorted({dt.datetime.fromtimestamp(t).date() for (t,) in conn.execute("SELECT started_at FROM sessions")})


def test_kiosk_cleans_up_at_startup_and_once_a_day(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = db.parent.parent
    ops, wall, notes = make_runtime(tmp_path, "analytics: {enabled: true, keep_days: 3}\n",
                                    dt.datetime.combine(LAST_DAY, dt.time(9, 30)), monkeypatch)
    assert ops.keep_days == 3 and notes == []
    assert ops.analytics.wait_for_prune() is not None  # started while the kiosk was starting
    kept = [LAST_DAY - dt.timedelta(days=n) for n in (3, 2, 1, 0)]
    assert started_days(db) == kept

    program_time = 0.0
    for hours in (2, 8, 14):  # later the same day: nothing more to do
        wall.now = dt.datetime.combine(LAST_DAY, dt.time(9, 30)) + dt.timedelta(hours=hours)
        program_time += 5
        ops.per_frame(program_time)
        assert not ops.analytics.pruning
    assert started_days(db) == kept

    wall.now = dt.datetime.combine(LAST_DAY + dt.timedelta(days=1), dt.time(0, 5))
    ops.analytics.session_start("ru")  # a visitor at five past midnight: the clean-up waits for them to leave
    program_time += 5
    ops.per_frame(program_time)
    assert not ops.analytics.pruning and started_days(db) == kept
    ops.analytics.session_end(0)
    program_time += 5
    ops.per_frame(program_time)
    assert ops.analytics.wait_for_prune() is not None
    assert started_days(db) == [*kept[1:], wall.now.date()]  # the day that fell out, and only that one, went
    assert ops.analytics.error_count == 0 and ops.status_lines()[0] == "analytics: ok"
    ops.shutdown()


@pytest.mark.parametrize("analytics_yaml", ["analytics: {keep_days: 0}\n", "analytics:\n  keep_days: null\n",
                                            "analytics: {enabled: false}\n"])
def test_keep_forever_or_off_deletes_nothing(db: Path, analytics_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = count(db, "SELECT count(*) FROM sessions")
    ops, wall, _notes = make_runtime(db.parent.parent, analytics_yaml,
                                     dt.datetime.combine(LAST_DAY + dt.timedelta(days=900), dt.time(12)), monkeypatch)
    assert not ops.analytics.pruning and ops.analytics.wait_for_prune() is None
    ops.per_frame(10.0)
    assert ops.analytics.wait_for_prune() is None
    ops.shutdown()
    assert count(db, "SELECT count(*) FROM sessions") == before


def test_a_clock_that_was_never_set_deletes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = count(db, "SELECT count(*) FROM sessions")
    ops, wall, _notes = make_runtime(db.parent.parent, "analytics: {keep_days: 1}\n",
                                     dt.datetime(2000, 1, 1, 0, 1), monkeypatch)
    assert ops.analytics.wait_for_prune() is None
    ops.shutdown()
    assert count(db, "SELECT count(*) FROM sessions") == before


def test_default_is_400_days(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, ""))
    assert config.analytics.enabled is True and config.analytics.keep_days == 400
    shipped = load_config(Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml")
    assert shipped.analytics.keep_days == 400


@pytest.mark.parametrize(("analytics_yaml", "where", "message"), [
    ("analytics:\n  enabled: true\n  keep_day: 30\n", (5, 3), "unknown key 'keep_day' — did you mean 'keep_days'?"),
    ("analytics:\n  keep_days: -1\n", (4, 14), "analytics.keep_days: Input should be greater than or equal to 0"),
    ("analytics:\n  keep_days: true\n", (4, 14), "analytics.keep_days: Input should be a valid integer"),
    ("analytics:\n  keep_days: 30 days\n", (4, 14), "analytics.keep_days: Input should be a valid integer"),
    ("analytics:\n  enabled: yes\n", (4, 12), "analytics.enabled: Input should be a valid boolean"),
])
def test_a_mistake_in_the_setting_is_a_located_error(tmp_path: Path, analytics_yaml: str, where: tuple[int, int],
                                                     message: str) -> None:
    path = write_config(tmp_path, analytics_yaml)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error: Any = caught.value
    assert (error.line, error.col) == where
    assert str(error) == f"{path}:{where[0]}:{where[1]}: error: {message}"
