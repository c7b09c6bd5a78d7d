"""The read side of the visitor analytics: figures for one reporting period, for `run_kiosk.py report`.

Why a module of its own: the kiosk writes (kiosk/analytics.py) and the curators' report reads; they share only
the file and its schema.
"""

from __future__ import annotations

import sqlite3
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.db import StorageError

# -- read side for the report ---------------------------------------------------------------------------

DWELL_BUCKETS: tuple[tuple[float, str], ...] = (
    (15, "< 15 s"), (30, "15–30 s"), (60, "30–60 s"), (120, "1–2 min"), (300, "2–5 min"),
    (600, "5–10 min"), (float("inf"), "≥ 10 min"),
)


@dataclass
class Summary:
    """Figures for one reporting period (local time of the kiosk PC)."""

    first_day: date
    last_day: date
    visits: int = 0
    visits_per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    visits_per_day: list[tuple[date, int]] = field(default_factory=list)
    dwell_buckets: list[tuple[str, int]] = field(default_factory=list)
    dwell_median_s: float = 0.0
    dwell_mean_s: float = 0.0
    top_events: list[tuple[str, int]] = field(default_factory=list)
    scenes: list[tuple[str, int]] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)
    poll_answers: list[tuple[str, int]] = field(default_factory=list)


def open_for_reading(path: Path) -> sqlite3.Connection:
    """Open an existing analytics file without creating one; raises StorageError with a hint."""
    if not Path(path).is_file():
        raise StorageError(f"{path}: no analytics database here — give --db PATH, or run the kiosk first")
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=rw", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM sessions").fetchone()
        return conn
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: {exc} — is this an analytics.sqlite file?") from exc


def summarize(conn: sqlite3.Connection, last_day: date, days: int, top: int = 20) -> Summary:
    """Counts for the `days` days ending with `last_day` (inclusive)."""
    first_day = last_day - timedelta(days=max(1, days) - 1)
    since = datetime.combine(first_day, datetime.min.time()).timestamp()
    until = datetime.combine(last_day + timedelta(days=1), datetime.min.time()).timestamp()
    summary = Summary(first_day, last_day)

    rows = conn.execute("SELECT started_at, dwell_s, lang FROM sessions WHERE started_at >= ? AND started_at < ?"
                        " ORDER BY started_at", (since, until)).fetchall()
    per_day: dict[date, int] = {}
    langs: dict[str, int] = {}
    dwells: list[float] = []
    for started_at, dwell_s, lang in rows:
        moment = datetime.fromtimestamp(started_at)
        summary.visits_per_hour[moment.hour] += 1
        per_day[moment.date()] = per_day.get(moment.date(), 0) + 1
        langs[lang] = langs.get(lang, 0) + 1
        dwells.append(float(dwell_s))
    summary.visits = len(rows)
    summary.visits_per_day = [(first_day + timedelta(days=i), per_day.get(first_day + timedelta(days=i), 0))
                              for i in range((last_day - first_day).days + 1)]
    counts = [0] * len(DWELL_BUCKETS)
    for dwell in dwells:
        counts[next(i for i, (edge, _) in enumerate(DWELL_BUCKETS) if dwell < edge)] += 1
    summary.dwell_buckets = [(label, n) for (_, label), n in zip(DWELL_BUCKETS, counts, strict=True)]
    if dwells:
        summary.dwell_median_s = statistics.median(dwells)
        summary.dwell_mean_s = statistics.fmean(dwells)
    summary.languages = sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))

    def counted(kind: str, limit: int | None) -> list[tuple[str, int]]:
        sql = ("SELECT value, count(*) AS n FROM events WHERE kind = ? AND at >= ? AND at < ?"
               " GROUP BY value ORDER BY n DESC, value")
        found = [(str(v), int(n)) for v, n in conn.execute(sql, (kind, since, until))]
        return found[:limit] if limit else found

    summary.top_events = counted("event_viewed", top)
    summary.scenes = counted("scene_opened", None)
    summary.poll_answers = counted("poll_answered", None)
    return summary
