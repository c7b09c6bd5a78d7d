"""systemd notify: messages reach a real AF_UNIX datagram socket; watchdog pings at half WATCHDOG_USEC."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ops.watchdog import Notifier


class FakeSystemd:
    """The receiving end of $NOTIFY_SOCKET, as systemd has it."""

    def __init__(self, address: str, bind_to: str) -> None:
        self.address = address
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(bind_to)
        self.sock.setblocking(False)

    def received(self) -> list[str]:
        messages = []
        while True:
            try:
                messages.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return messages


@pytest.fixture
def systemd() -> Iterator[FakeSystemd]:
    folder = tempfile.mkdtemp(prefix="nfy", dir="/tmp")  # short: AF_UNIX paths are limited to 107 bytes
    path = os.path.join(folder, "notify")
    fake = FakeSystemd(path, path)
    yield fake
    fake.sock.close()
    shutil.rmtree(folder)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ready_status_stopping_arrive(systemd: FakeSystemd) -> None:
    notifier = Notifier.from_env({"NOTIFY_SOCKET": systemd.address})
    assert notifier.enabled
    assert notifier.ready()
    assert notifier.status("open,\n3 scenes")
    assert notifier.stopping()
    assert systemd.received() == ["READY=1", "STATUS=open, 3 scenes", "STOPPING=1"]


def test_watchdog_pings_at_half_the_interval_with_a_fake_clock(systemd: FakeSystemd) -> None:
    clock = FakeClock()
    notifier = Notifier.from_env({"NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "30000000",
                                  "WATCHDOG_PID": str(os.getpid())}, clock=clock)
    assert notifier.interval_s() == 15.0
    notifier.ready()
    pings = []
    for frame in range(60 * 60):  # one minute at 60 fps
        clock.now = 1000.0 + frame / 60
        if notifier.maybe_ping():
            pings.append(clock.now - 1000.0)
    messages = systemd.received()
    assert messages[0] == "READY=1"
    assert messages[1:] == ["WATCHDOG=1"] * 4
    assert [round(p, 3) for p in pings] == [0.0, 15.0, 30.0, 45.0]
    # between pings maybe_ping is a no-op: nothing more is sent
    assert not notifier.maybe_ping(1000.0 + 59.9)
    assert systemd.received() == []


def test_a_stalled_loop_pings_once_when_it_resumes(systemd: FakeSystemd) -> None:
    notifier = Notifier(systemd.address, watchdog_usec=10_000_000)
    assert notifier.maybe_ping(0.0)
    assert not notifier.maybe_ping(4.9)
    assert notifier.maybe_ping(40.0)  # the loop hung for 35 s: systemd has already acted; one ping, not seven
    assert not notifier.maybe_ping(44.0)
    assert systemd.received() == ["WATCHDOG=1", "WATCHDOG=1"]


def test_abstract_namespace_address() -> None:
    name = f"runet30-test-{secrets.token_hex(6)}"
    fake = FakeSystemd("@" + name, "\0" + name)
    try:
        notifier = Notifier.from_env({"NOTIFY_SOCKET": fake.address})
        assert notifier.ready()
        assert fake.received() == ["READY=1"]
    finally:
        fake.sock.close()


def test_without_systemd_everything_is_a_quiet_no_op() -> None:
    notifier = Notifier.from_env({})
    assert not notifier.enabled
    assert notifier.interval_s() is None
    assert not notifier.ready() and not notifier.maybe_ping(0.0) and not notifier.stopping()
    assert notifier.errors == 0


def test_watchdog_for_another_pid_is_ignored(systemd: FakeSystemd) -> None:
    notifier = Notifier.from_env({"NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "2000000",
                                  "WATCHDOG_PID": str(os.getpid() + 1)})
    assert notifier.interval_s() is None
    assert not notifier.maybe_ping(0.0)
    assert notifier.ready()  # READY still goes to systemd
    assert systemd.received() == ["READY=1"]


def test_socket_gone_is_counted_not_raised(tmp_path: Path) -> None:
    notifier = Notifier.from_env({"NOTIFY_SOCKET": str(tmp_path / "missing"), "WATCHDOG_USEC": "bogus"})
    assert notifier.interval_s() is None
    assert not notifier.ready()
    assert not notifier.status("x")
    assert notifier.errors == 2 and notifier.last_error
