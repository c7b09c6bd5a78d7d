"""Soak options: `make soak` runs the long monkey (slow-marked) tests; the normal suite runs the 2-minute one.

    make soak                              # 10 minutes of program time (default)
    make soak ARGS="--soak-minutes 60"     # the release check; or SOAK_MINUTES=60 make soak
    SOAK_SEED=1234 make soak               # replay a run (the seed is printed and in the summary)

Tests marked `slow` in this folder are deselected unless the marker expression asks for them (`-m slow`),
so a plain `pytest` / `make test` keeps to the short run.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_MINUTES = 10.0


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("soak", "monkey soak (tests/soak)")
    group.addoption("--soak-minutes", type=float, default=None,
                    help=f"program minutes of the long soak (default: $SOAK_MINUTES or {DEFAULT_MINUTES:g})")
    group.addoption("--soak-seed", type=int, default=None, help="seed of the monkey (default: $SOAK_SEED or random)")
    group.addoption("--soak-out", type=Path, default=None,
                    help="where the long soak writes its JSON summary (default: out/soak/summary.json)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.getoption("markexpr", "") or ""):
        return
    mine = [item for item in items if item.get_closest_marker("slow") and HERE in Path(str(item.path)).parents]
    if mine:
        config.hook.pytest_deselected(items=mine)
        items[:] = [item for item in items if item not in mine]


def soak_minutes(config: pytest.Config) -> float:
    value = config.getoption("soak_minutes", None) or os.environ.get("SOAK_MINUTES")
    return float(value) if value else DEFAULT_MINUTES


def soak_seed(config: pytest.Config) -> int | None:
    value = config.getoption("soak_seed", None) or os.environ.get("SOAK_SEED")
    return int(value) if value not in (None, "") else None


def soak_out(config: pytest.Config) -> Path:
    value = config.getoption("soak_out", None)
    return Path(value) if value else HERE.parents[1] / "out" / "soak" / "summary.json"
