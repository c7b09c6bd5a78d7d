"""The monkey soak: the real default exhibit under a random visitor; no crash, no leak, no jank, still answering.

The 2-minute run is part of the normal suite; `make soak` runs the long one (10 minutes by default,
SOAK_MINUTES / --soak-minutes for the release check) and writes out/soak/summary.json. How to read the
summary and why the thresholds are what they are: docs/reliability.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.soak.conftest import soak_minutes, soak_out, soak_seed
from tests.soak.runner import SoakSettings, headline, run_soak

SHORT_RUN_S = 120.0
CI_FRAME_MARGIN = 2.0
"""The normal suite runs on shared 2-core CI machines next to other work: p99 may use two frame budgets."""


def check(summary: dict) -> None:
    print("\n" + headline(summary))
    for warning in summary["warnings"]:
        print(f"warning: {warning}")
    assert summary["failures"] == [], "\n".join(summary["failures"])
    assert summary["scene_errors"] == 0 and summary["crashes_logged"] == []
    assert summary["final_tap"]["ok"] and summary["final_tap"]["screen_changed"]
    assert summary["rss_mb"]["growth_after_warm_up_pct"] <= 5.0
    assert summary["frame_ms"]["p99"] <= summary["frame_budget_ms"]
    assert set(summary["warm_up_tour"]["scenes"]) >= {"mosru", "active_citizen", "retro_pc"}
    assert all(count >= 80 for count in summary["warm_up_tour"]["details_shown"].values())
    assert summary["stuck_fingers_after_lift"] == {"pointers": 0, "ignored": 0}
    sent = summary["events_sent"]
    assert sent.get("fingerdown", 0) > 0 and sent.get("fingerdown") == sent.get("fingerup")


def test_two_minute_soak(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """2 minutes of program time after the warm-up tour; idle shortened to 20 s + 5 s so that countdowns and
    resets happen within two minutes, 8 s per scene in the tour (the long soak: the shipped 90 s + 10 s, 30 s)."""
    out = tmp_path / "summary.json"
    summary = run_soak(tmp_path / "run", SoakSettings(seconds=SHORT_RUN_S, seed=soak_seed(request.config),
                                                      idle_seconds=20, countdown_seconds=5, tour_scene_s=8,
                                                      frame_margin=CI_FRAME_MARGIN), out)
    check(summary)
    assert json.loads(out.read_text(encoding="utf-8"))["seed"] == summary["seed"]
    assert summary["duration_s"] >= SHORT_RUN_S
    assert summary["countdowns"] >= 1


@pytest.mark.slow
def test_long_soak(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    minutes = soak_minutes(request.config)
    out = soak_out(request.config)
    summary = run_soak(tmp_path / "run", SoakSettings(seconds=minutes * 60, seed=soak_seed(request.config)), out)
    print(f"summary written to {out}")
    check(summary)
    assert summary["duration_s"] >= minutes * 60
