"""What the app loop does for operations: systemd readiness and watchdog, opening hours, daily restart,
screen blanking, and anonymous visit analytics with their retention limit. Each call is cheap and never raises.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from kiosk.analytics import FILE_NAME, Analytics, retention_cutoff
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
        settings = config.analytics
        self.keep_days = settings.keep_days
        self.analytics = Analytics(config.var_dir / FILE_NAME, clock=lambda: wall_clock().timestamp(),
                                   enabled=settings.enabled)
        self._cleaned_on: dt.date | None = None
        self._start_cleanup(self.started)
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
        self.analytics.poll_prune()
        if self.analytics.session_id is None:  # between visitors: a visit's rows wait in memory while it runs
            self._start_cleanup(wall)

    def opens_at(self) -> dt.datetime | None:
        return self.schedule.next_change(self.wall_clock()) if not self.open else None

    def status_lines(self) -> list[str]:
        lines = [self.analytics.status_line()]
        if self.notifier.enabled:
            lines.append(f"systemd: notified {self.notifier.sent}x, errors {self.notifier.errors}")
        lines.append(f"opening hours: {'open' if self.open else 'closed'}")
        return lines

    def _start_cleanup(self, wall: dt.datetime) -> None:
        """Once a day (the first time on a new date, and at start-up): delete analytics older than keep_days
        on the analytics worker thread."""
        day = wall.date()
        if day == self._cleaned_on or not self.keep_days or not self.analytics.enabled:
            return
        cutoff = retention_cutoff(day, self.keep_days)
        if cutoff is None:
            LOG.warning("analytics: the clock says %s, so old visits are kept until it is set", day.isoformat())
            self._cleaned_on = day
        elif self.analytics.prune_in_background(cutoff):
            self._cleaned_on = day

    def shutdown(self) -> None:
        self.analytics.session_end(0.0)
        self.analytics.close()
        self.notifier.stopping()
        self.notifier.close()
