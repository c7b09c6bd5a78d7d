"""A writer killed with SIGKILL at random moments never loses an acknowledged vote nor damages the file.

Each round starts a fresh writer process that opens the store (recovering the previous writer's WAL),
records votes and prints each vote's id only after record_vote returned True (= after COMMIT); the test
kills it at a random moment — during start-up, migrations, or mid-stream — and finally checks that every
printed id is in the database and that `PRAGMA integrity_check` is ok.
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

import scenes.active_citizen.store as store_module

ROUNDS = 60
BUDGET_S = 25.0

# Load store.py by path: the writer skips the package __init__ (pydantic) to start in ~50 ms.
WRITER = textwrap.dedent("""
    import importlib.util, sys
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("ac_store", sys.argv[1])
    store = sys.modules["ac_store"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(store)
    round_id, db_path = sys.argv[2], Path(sys.argv[3])
    signature = store.options_signature(["a", "b", "c"])
    votes = store.VoteStore(db_path, busy_timeout_s=5.0)
    print("ready", flush=True)
    number = 0
    while True:
        session = f"{round_id}-{number}"
        question = f"q{number % 3}"
        chosen = ["a", "b", "c"][number % 3:][:1 + number % 2]
        if votes.record_vote(question, chosen, session, signature):
            print(session, question, flush=True)
        number += 1
""")


def _run_round(round_id: int, db_path: Path, rng: random.Random) -> tuple[list[tuple[str, str]], bool]:
    """Returns the acknowledged (session, question) pairs and whether the writer had reached 'ready'."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, store_module.__file__, str(round_id), str(db_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL, err.decode()
    lines = out.decode().split("\n")[:-1]  # text after the last newline was cut by the kill: not an ack
    acknowledged = []
    for line in lines[1:]:
        session, question = line.split()
        acknowledged.append((session, question))
    return acknowledged, bool(lines and lines[0] == "ready")


def test_sigkill_never_loses_an_acknowledged_vote(tmp_path: Path) -> None:
    db_path = tmp_path / "votes.sqlite3"
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    started = time.monotonic()
    acknowledged: list[tuple[str, str]] = []
    rounds_with_votes = 0
    rounds_before_ready = 0
    for round_id in range(ROUNDS):
        votes, ready = _run_round(round_id, db_path, rng)
        acknowledged += votes
        rounds_with_votes += bool(votes)
        rounds_before_ready += not ready
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET_S, f"{ROUNDS} rounds took {elapsed:.1f} s"
    assert rounds_with_votes >= ROUNDS // 3, "too few rounds were killed mid-stream to mean anything"

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = set(conn.execute("SELECT session_id, question_id FROM votes"))
    missing = [vote for vote in acknowledged if vote not in stored]
    assert not missing, f"{len(missing)} acknowledged votes lost, e.g. {missing[:3]}"
    orphans = conn.execute("SELECT COUNT(*) FROM votes v WHERE NOT EXISTS "
                           "(SELECT 1 FROM vote_options o WHERE o.vote_id = v.id)").fetchone()[0]
    assert orphans == 0, "a vote was stored without its options: the transaction was not atomic"
    conn.close()
    with store_module.VoteStore(db_path) as store:  # and the kiosk can still open and use it
        assert store.integrity_ok()
        assert store.record_vote("after", ["a"], "final", store_module.options_signature(["a", "b", "c"]))
    print(f"\n{ROUNDS} SIGKILL rounds in {elapsed:.1f} s: {len(acknowledged)} acknowledged votes, all present; "
          f"{rounds_before_ready} rounds killed before the store was open")
