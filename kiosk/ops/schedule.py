"""Opening hours of the pavilion: when the exhibit shows itself and when it shows the "closed" screen.

Why: the kiosk runs unattended for months; installers write the hours once in config/kiosk.yaml
(`schedule:`), and the app loop asks `is_open(now)` and `restart_due(...)`. Pure: no clock of its own,
every answer is a function of the datetimes passed in, so tests cover weekdays, holidays and midnight.

Rules:
- `weekdays`: per day `{open: "10:00", close: "22:00"}`; a day left out or set to null/"closed" is closed
  (but no `weekdays` at all, or an empty mapping, means every day round the clock).
  A close time at or before the open time means the day's hours run past midnight ("10:00"–"02:00" is open
  until 02:00 the next morning); "24:00" closes at midnight.
- `holidays`: dates closed all day. Hours that started the evening before and run past midnight into a
  holiday still end at their own close time (the evening session belongs to the day it started).
- `special_days`: dates with their own hours (`{open, close}`, or null for closed), overriding the weekday.
- `restart_at`: optional time of day for a clean daily restart (choose one when the pavilion is closed).
- An empty or missing `schedule:` means always open.
Datetimes are local wall-clock time; naive datetimes are compared as they are, aware ones keep their tzinfo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_ALIASES = {
    **{name: i for i, name in enumerate(WEEKDAY_KEYS)},
    **{name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))},
}
_KNOWN_KEYS = ("weekdays", "holidays", "special_days", "restart_at")
_SEARCH_DAYS = 800  # next_change looks this far ahead before answering "no change"


class ScheduleError(ValueError):
    """A schedule value that cannot be understood; the message names the key and says how to fix it."""


@dataclass(frozen=True)
class Hours:
    """Opening hours of one day: `open` until `close`, where close <= open runs past midnight."""

    open: dt.time
    close: dt.time
    close_at_midnight: bool = False  # "24:00"

    def interval(self, day: dt.date, tzinfo: dt.tzinfo | None) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(day, self.open, tzinfo)
        if self.close_at_midnight:
            end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo)
        elif self.close > self.open:
            end = dt.datetime.combine(day, self.close, tzinfo)
        else:
            end = dt.datetime.combine(day + dt.timedelta(days=1), self.close, tzinfo)
        return start, end


ALL_DAY = Hours(dt.time(0, 0), dt.time(0, 0), close_at_midnight=True)


def parse_time(value: Any, where: str, allow_24: bool = False) -> tuple[dt.time, bool]:
    """'HH:MM' (or a datetime.time) → (time, is_24:00). Unquoted 10:00 in YAML 1.1 arrives as 600 (minutes)."""
    if isinstance(value, dt.time):
        return value, False
    if isinstance(value, int) and not isinstance(value, bool):
        hours, minutes = divmod(value, 60)
    elif isinstance(value, str):
        text = value.strip()
        parts = text.split(":")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ScheduleError(f"{where}: '{value}' is not a time; write it as \"HH:MM\", e.g. \"10:00\"")
        hours, minutes = int(parts[0]), int(parts[1])
    else:
        raise ScheduleError(f"{where}: expected a time like \"10:00\", got {value!r}")
    if allow_24 and (hours, minutes) == (24, 0):
        return dt.time(0, 0), True
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ScheduleError(f"{where}: {hours:02d}:{minutes:02d} is not a time of day (00:00–23:59"
                            f"{', or 24:00 to close at midnight' if allow_24 else ''})")
    return dt.time(hours, minutes), False


def parse_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ScheduleError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-31")


def parse_hours(value: Any, where: str) -> Hours | None:
    """`{open, close}` → Hours; None / "closed" / false → None (closed all day)."""
    if value is None or value is False or (isinstance(value, str) and value.strip().lower() == "closed"):
        return None
    if not isinstance(value, Mapping):
        raise ScheduleError(f"{where}: expected {{open: \"10:00\", close: \"22:00\"}} or null for closed,"
                            f" got {value!r}")
    unknown = sorted(set(map(str, value)) - {"open", "close"})
    if unknown:
        raise ScheduleError(f"{where}: unknown key '{unknown[0]}'; only 'open' and 'close' are allowed")
    if "open" not in value or "close" not in value:
        raise ScheduleError(f"{where}: both 'open' and 'close' are needed, e.g. {{open: \"10:00\", close: \"22:00\"}}")
    opens, _ = parse_time(value["open"], f"{where}.open")
    closes, at_midnight = parse_time(value["close"], f"{where}.close", allow_24=True)
    if closes == opens and not at_midnight:
        raise ScheduleError(f"{where}: open and close are both {opens:%H:%M}; for all day write"
                            " {open: \"00:00\", close: \"24:00\"}")
    return Hours(opens, closes, at_midnight)


@dataclass(frozen=True)
class Schedule:
    """Opening hours for the whole year. Build with `Schedule.from_config(config.schedule)`."""

    weekdays: tuple[Hours | None, ...] = (ALL_DAY,) * 7
    holidays: frozenset[dt.date] = frozenset()
    special_days: Mapping[dt.date, Hours | None] = field(default_factory=dict)
    restart_at: dt.time | None = None

    @classmethod
    def from_config(cls, mapping: Mapping[str, Any] | None) -> Schedule:
        """Parse the `schedule:` section; raises ScheduleError naming the bad key."""
        if mapping is None:
            return cls()
        if hasattr(mapping, "model_dump"):
            mapping = mapping.model_dump()
        if not isinstance(mapping, Mapping):
            raise ScheduleError(f"schedule: expected a mapping with {', '.join(_KNOWN_KEYS)}")
        unknown = sorted(set(map(str, mapping)) - set(_KNOWN_KEYS))
        if unknown:
            raise ScheduleError(f"schedule: unknown key '{unknown[0]}'; known keys: {', '.join(_KNOWN_KEYS)}")

        weekdays: list[Hours | None] = [ALL_DAY] * 7
        raw_days = mapping.get("weekdays")
        if raw_days:  # absent or empty: every weekday open round the clock
            if not isinstance(raw_days, Mapping):
                raise ScheduleError("schedule.weekdays: expected a mapping like {mon: {open: \"10:00\", close:"
                                    " \"22:00\"}, ...}")
            weekdays = [None] * 7
            for key, value in raw_days.items():
                index = _WEEKDAY_ALIASES.get(str(key).strip().lower())
                if index is None:
                    raise ScheduleError(f"schedule.weekdays: unknown day '{key}'; use {', '.join(WEEKDAY_KEYS)}")
                weekdays[index] = parse_hours(value, f"schedule.weekdays.{key}")

        holidays_raw = mapping.get("holidays") or []
        if not isinstance(holidays_raw, list | tuple):
            raise ScheduleError("schedule.holidays: expected a list of dates like [2024-12-31, 2025-01-01]")
        holidays = frozenset(parse_date(v, f"schedule.holidays[{i}]") for i, v in enumerate(holidays_raw))

        special_raw = mapping.get("special_days") or {}
        if not isinstance(special_raw, Mapping):
            raise ScheduleError("schedule.special_days: expected a mapping like {2024-12-30: {open: \"10:00\","
                                " close: \"18:00\"}}")
        special: dict[dt.date, Hours | None] = {}
        for key, value in special_raw.items():
            day = parse_date(key, f"schedule.special_days.{key}")
            if day in holidays:
                raise ScheduleError(f"schedule.special_days.{key}: this date is also in holidays; keep it in"
                                    " one list only")
            special[day] = parse_hours(value, f"schedule.special_days.{key}")

        restart_raw = mapping.get("restart_at")
        restart_at = None if restart_raw in (None, "", False) else parse_time(restart_raw, "schedule.restart_at")[0]
        return cls(tuple(weekdays), holidays, special, restart_at)

    # -- questions the app loop asks -------------------------------------------------------------------

    def hours_on(self, day: dt.date) -> Hours | None:
        """The hours that start on `day` (None: closed that day)."""
        if day in self.special_days:
            return self.special_days[day]
        if day in self.holidays:
            return None
        return self.weekdays[day.weekday()]

    def _intervals(self, first: dt.date, last: dt.date,
                   tzinfo: dt.tzinfo | None) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        day = first
        while day <= last:
            hours = self.hours_on(day)
            if hours is not None:
                yield hours.interval(day, tzinfo)
            day += dt.timedelta(days=1)

    def is_open(self, when: dt.datetime) -> bool:
        """True while the exhibit should run; False: show the closed screen."""
        today = when.date()
        return any(start <= when < end
                   for start, end in self._intervals(today - dt.timedelta(days=1), today, when.tzinfo))

    def next_change(self, when: dt.datetime) -> dt.datetime | None:
        """The first moment after `when` at which is_open changes; None if it never changes (always open,
        or closed for the next ~2 years)."""
        if self.always_open:
            return None
        current = self.is_open(when)
        today = when.date()
        boundaries: set[dt.datetime] = set()
        for start, end in self._intervals(today - dt.timedelta(days=1), today + dt.timedelta(days=_SEARCH_DAYS),
                                          when.tzinfo):
            boundaries.update((start, end))
        for moment in sorted(b for b in boundaries if b > when):
            if self.is_open(moment) != current:
                return moment
        return None

    def restart_due(self, last_start: dt.datetime, now: dt.datetime) -> bool:
        """True when a `restart_at` moment has passed since the program started (once per day, no loops)."""
        if self.restart_at is None or now <= last_start:
            return False
        latest = dt.datetime.combine(now.date(), self.restart_at, now.tzinfo)
        if latest > now:
            latest -= dt.timedelta(days=1)
        return last_start < latest <= now

    @property
    def always_open(self) -> bool:
        return all(h == ALL_DAY for h in self.weekdays) and not self.holidays and not self.special_days
