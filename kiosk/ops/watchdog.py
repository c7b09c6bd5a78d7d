"""systemd notifications (READY, WATCHDOG, STATUS, STOPPING) over $NOTIFY_SOCKET, with plain socket code.

Why: the unit runs with Type=notify and WatchdogSec=30; if the frame loop hangs, the pings stop and systemd
restarts the exhibit. No dependency on python-systemd: the protocol is one AF_UNIX datagram per message.
Outside systemd (no $NOTIFY_SOCKET) every call is a cheap no-op. Nothing here ever raises to the caller.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Mapping

LOG = logging.getLogger("kiosk.ops.watchdog")


class Notifier:
    """Talks to systemd. The app loop calls `maybe_ping(now)` every frame; it sends WATCHDOG=1 at most once
    per `interval_s()` (half of $WATCHDOG_USEC), so a frame costs one float comparison."""

    def __init__(self, address: str | None, watchdog_usec: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.address = address or None
        self.watchdog_usec = watchdog_usec if watchdog_usec and watchdog_usec > 0 else None
        self.clock = clock
        self.sent = 0
        self.errors = 0
        self.last_error: str | None = None
        self._socket: socket.socket | None = None
        self._next_ping = float("-inf")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> Notifier:
        """Read $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID (the watchdog is ours only if the pid matches)."""
        env = os.environ if environ is None else environ
        usec: int | None = None
        try:
            usec = int(env.get("WATCHDOG_USEC", "") or 0) or None
        except ValueError:
            LOG.warning("WATCHDOG_USEC=%r is not a number; watchdog pings off", env.get("WATCHDOG_USEC"))
        pid = env.get("WATCHDOG_PID", "")
        if usec and pid and pid.isdigit() and int(pid) != os.getpid():
            usec = None  # the watchdog belongs to another process (e.g. a wrapper)
        return cls(env.get("NOTIFY_SOCKET"), usec, clock)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def interval_s(self) -> float | None:
        """Seconds between pings: half the watchdog timeout systemd gave us; None when there is no watchdog."""
        return None if self.watchdog_usec is None else self.watchdog_usec / 2_000_000

    # -- messages -----------------------------------------------------------------------------------------

    def ready(self) -> bool:
        """Call once when the first frame is on screen: systemd then counts the start as successful."""
        return self._send("READY=1")

    def watchdog_ping(self) -> bool:
        return self._send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        """One line shown by `systemctl status` (e.g. "open, 3 scenes" or "closed until 10:00")."""
        return self._send("STATUS=" + " ".join(text.split()))

    def stopping(self) -> bool:
        return self._send("STOPPING=1")

    def maybe_ping(self, now: float | None = None) -> bool:
        """Send WATCHDOG=1 if the interval has passed since the last ping; True when a ping was sent."""
        interval = self.interval_s()
        if interval is None or self.address is None:
            return False
        moment = self.clock() if now is None else now
        if moment < self._next_ping:
            return False
        self._next_ping = moment + interval
        return self.watchdog_ping()

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    # -- transport ----------------------------------------------------------------------------------------

    def _target(self) -> str:
        assert self.address is not None
        # "@name" is a socket in the abstract namespace: the kernel wants a leading NUL byte instead.
        return "\0" + self.address[1:] if self.address.startswith("@") else self.address

    def _send(self, message: str) -> bool:
        if self.address is None:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._socket.setblocking(False)  # never stall a frame on a busy systemd
            self._socket.sendto(message.encode("utf-8"), self._target())
            self.sent += 1
            return True
        except OSError as exc:
            self.errors += 1
            if self.last_error is None:
                LOG.warning("systemd notify to %s failed: %s", self.address, exc)
            self.last_error = str(exc)
            self.close()
            return False
