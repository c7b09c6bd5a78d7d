"""Screen blanking off under X: the right xset call, and a quiet no-op when it cannot run."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.ops.display_power import XSET_ARGS, disable_blanking


def test_runs_xset_under_x() -> None:
    calls: list[list[str]] = []

    def run(argv: Sequence[str]) -> int:
        calls.append(list(argv))
        return 0

    assert disable_blanking({"DISPLAY": ":0"}, which=lambda name: f"/usr/bin/{name}", run=run)
    assert calls == [["/usr/bin/xset", "s", "off", "s", "noblank", "-dpms"]]
    assert XSET_ARGS == ("s", "off", "s", "noblank", "-dpms")


def test_no_display_or_no_xset_is_a_no_op() -> None:
    def run(argv: Sequence[str]) -> int:
        raise AssertionError("must not run")

    assert not disable_blanking({}, which=lambda name: "/usr/bin/xset", run=run)
    assert not disable_blanking({"DISPLAY": ":0"}, which=lambda name: None, run=run)


def test_failures_never_raise() -> None:
    def broken(argv: Sequence[str]) -> int:
        raise OSError("exec format error")

    assert not disable_blanking({"DISPLAY": ":0"}, which=lambda name: "/usr/bin/xset", run=broken)
    assert not disable_blanking({"DISPLAY": ":0"}, which=lambda name: "/usr/bin/xset", run=lambda argv: 1)
