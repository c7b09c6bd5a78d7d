"""Analytics written by a process killed with SIGKILL at random moments: nothing acknowledged is lost.

Like tests/scenes/active_citizen/test_ac_killed_writer.py (the votes), for kiosk.analytics.Analytics: each
round starts a writer that opens the database (recovering the previous writer's WAL) and records visits —
session start, a few scene/event rows, session end — and prints a visit's id only after `flush()` returned
True (the COMMIT happened). The test kills it at a random moment and finally checks that every printed visit
is in the file with all its rows, that no visit was stored half (its events without it, or the reverse),
and that `PRAGMA integrity_check` is ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import kiosk.analytics as analytics_module
from kiosk.db import integrity_ok

ROUNDS = 50
BUDGET_S = 25.0
EVENTS_PER_VISIT = 3

# Load analytics.py and db.py by path: the writer starts in ~30 ms without importing the kiosk package.
WRITER = textwrap.dedent("""
    import importlib.util, itertools, sys, types
    from pathlib import Path
    def load(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    sys.modules["kiosk"] = types.ModuleType("kiosk")
    load("kiosk.db", sys.argv[2])
    analytics = load("kiosk.analytics", sys.argv[1])
    round_id, db_path = sys.argv[3], Path(sys.argv[4])
    tick = itertools.count(1_700_000_000)
    store = analytics.Analytics(db_path, clock=lambda: float(next(tick)))
    print("ready", flush=True)
    number = 0
    while True:
        visit = store.session_start("ru")
        for kind in range(int(sys.argv[5])):
            store.scene_opened(f"r{round_id}-v{number}-e{kind}")
        store.session_end(0.0)
        if store.flush():
            print(visit, flush=True)
        number += 1
""")


def run_round(round_id: int, db_path: Path, rng: random.Random) -> tuple[list[str], bool]:
    """The acknowledged visit ids, and whether the writer got as far as 'ready'."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, analytics_module.__file__,
                                str(Path(analytics_module.__file__).with_name("db.py")), str(round_id),
                                str(db_path), str(EVENTS_PER_VISIT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL, err.decode()
    lines = out.decode().split("\n")[:-1]  # a line cut by the kill is no acknowledgement
    return lines[1:], bool(lines and lines[0] == "ready")


def test_sigkill_never_loses_an_acknowledged_visit(tmp_path: Path) -> None:
    db_path = tmp_path / "var" / "analytics.sqlite"
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"\nseed {seed}")
    rng = random.Random(seed)
    started = time.monotonic()
    acknowledged: list[str] = []
    rounds_with_visits = 0
    for round_id in range(ROUNDS):
        visits, _ready = run_round(round_id, db_path, rng)
        acknowledged += visits
        rounds_with_visits += bool(visits)
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET_S, f"{ROUNDS} rounds took {elapsed:.1f} s"
    assert rounds_with_visits >= ROUNDS // 3, "too few rounds were killed mid-stream to mean anything"

    conn = sqlite3.connect(db_path)
    assert integrity_ok(conn)
    sessions = {row[0] for row in conn.execute("SELECT id FROM sessions")}
    missing = [visit for visit in acknowledged if visit not in sessions]
    assert not missing, f"{len(missing)} acknowledged visits lost, e.g. {missing[:3]}"
    per_session = dict(conn.execute("SELECT session_id, count(*) FROM events GROUP BY session_id").fetchall())
    half = [s for s in sessions | set(per_session) if per_session.get(s, 0) != EVENTS_PER_VISIT or s not in sessions]
    assert not half, f"visits stored in part (not one transaction): {half[:3]}"
    conn.close()
    store = analytics_module.Analytics(db_path)  # and the kiosk can open and use it
    store.session_start("en")
    store.scene_opened("after")
    store.session_end(0.0)
    assert store.flush() and store.last_error is None
    store.close()
    print(f"{ROUNDS} SIGKILL rounds in {elapsed:.1f} s: {len(acknowledged)} acknowledged visits, all present "
          f"with their {EVENTS_PER_VISIT} rows; {len(sessions)} visits stored")
