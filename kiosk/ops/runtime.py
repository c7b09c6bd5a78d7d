"""What the app loop does for operations: systemd readiness and watchdog, opening hours, daily restart,
screen blanking, and anonymous visit analytics. Each call is cheap and never raises.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from kiosk.analytics import Analytics
from kiosk.ops.display_power import disable_blanking
from kiosk.ops.schedule import Schedule, ScheduleError
from kiosk.ops.watchdog import Notifier

LOG = logging.getLogger("kiosk.ops")
SCHEDULE_CHECK_S = 1.0


class OpsRuntime:
    def __init__(self, config: Any, wall_clock: Callable[[], dt.datetime], notes: list[str],
                 kiosk_mode: bool) -> None:
        self.wall_clock = wall_clock
        self.notes = notes
        self.started = wall_clock()
        self.notifier = Notifier.from_env()
        try:
            self.schedule = Schedule.from_config(config.schedule)
        except ScheduleError as exc:
            notes.append(f"schedule ignored (always open): {exc}")
            LOG.error(notes[-1])
            self.schedule = Schedule()
        enabled = bool((config.analytics or {}).get("enabled", True))
        self.analytics = Analytics(config.var_dir / "analytics.sqlite", clock=lambda: wall_clock().timestamp(),
                                   enabled=enabled)
        if kiosk_mode:
            disable_blanking()
        self.open = True
        self.restart_requested = False
        self._next_check = float("-inf")

    def first_frame(self) -> None:
        self.notifier.ready()

    def per_frame(self, now: float) -> None:
        """`now` is program time; the wall clock is read at most once a second."""
        self.notifier.maybe_ping()
        if now < self._next_check:
            return
        self._next_check = now + SCHEDULE_CHECK_S
        wall = self.wall_clock()
        was_open, self.open = self.open, self.schedule.is_open(wall)
        if was_open != self.open:
            LOG.info("opening hours: now %s", "open" if self.open else "closed")
            self.notifier.status("open" if self.open else "closed (opening hours)")
        if self.schedule.restart_due(self.started, wall):
            LOG.info("daily restart time reached")
            self.restart_requested = True

    def opens_at(self) -> dt.datetime | None:
        return self.schedule.next_change(self.wall_clock()) if not self.open else None

    def status_lines(self) -> list[str]:
        lines = [f"analytics: {self.analytics.status_line()}"]
        if self.notifier.enabled:
            lines.append(f"systemd: notified {self.notifier.sent}x, errors {self.notifier.errors}")
        lines.append(f"opening hours: {'open' if self.open else 'closed'}")
        return lines

    def shutdown(self) -> None:
        self.analytics.session_end(0.0)
        self.analytics.close()
        self.notifier.stopping()
        self.notifier.close()
