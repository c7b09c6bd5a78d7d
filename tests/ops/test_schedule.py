"""Opening hours: weekdays, holidays, special days, hours past midnight, next change, daily restart."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kiosk.ops.schedule import Schedule, ScheduleError

# 2024-09-02 is a Monday.
MON = dt.date(2024, 9, 2)


def at(day: dt.date, hhmm: str, days: int = 0) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hours, minutes))


PAVILION = {
    "weekdays": {
        "mon": None,  # closed on Mondays
        "tue": {"open": "10:00", "close": "22:00"},
        "wed": {"open": "10:00", "close": "22:00"},
        "thu": {"open": "10:00", "close": "22:00"},
        "fri": {"open": "10:00", "close": "02:00"},  # late night: until 02:00 on Saturday
        "sat": {"open": "11:00", "close": "02:00"},
        "sun": {"open": "11:00", "close": "20:00"},
    },
    "holidays": ["2024-09-04"],  # the Wednesday
    "special_days": {"2024-09-05": {"open": "12:00", "close": "16:00"}},  # the Thursday
    "restart_at": "05:30",
}


@pytest.fixture
def schedule() -> Schedule:
    return Schedule.from_config(PAVILION)


def test_weekday_hours_open_and_close_edges(schedule: Schedule) -> None:
    tue = MON + dt.timedelta(days=1)
    assert not schedule.is_open(at(tue, "09:59"))
    assert schedule.is_open(at(tue, "10:00"))
    assert schedule.is_open(at(tue, "21:59"))
    assert not schedule.is_open(at(tue, "22:00"))


def test_closed_weekday(schedule: Schedule) -> None:
    assert not any(schedule.is_open(at(MON, f"{h:02d}:00")) for h in range(24))


def test_holiday_closes_the_whole_day(schedule: Schedule) -> None:
    wed = MON + dt.timedelta(days=2)
    assert not any(schedule.is_open(at(wed, f"{h:02d}:30")) for h in range(24))
    # the same weekday a week later is a normal day
    assert schedule.is_open(at(wed, "12:00", days=7))


def test_special_day_has_its_own_hours(schedule: Schedule) -> None:
    thu = MON + dt.timedelta(days=3)
    assert not schedule.is_open(at(thu, "11:00"))
    assert schedule.is_open(at(thu, "12:00"))
    assert not schedule.is_open(at(thu, "16:00"))
    assert schedule.is_open(at(thu, "11:00", days=7))


def test_hours_past_midnight_belong_to_the_day_they_started(schedule: Schedule) -> None:
    fri = MON + dt.timedelta(days=4)
    assert schedule.is_open(at(fri, "23:59"))
    assert schedule.is_open(at(fri, "00:00", days=1))  # Saturday 00:00, still Friday's night
    assert schedule.is_open(at(fri, "01:59", days=1))
    assert not schedule.is_open(at(fri, "02:00", days=1))
    assert not schedule.is_open(at(fri, "10:59", days=1))
    assert schedule.is_open(at(fri, "11:00", days=1))
    # Saturday night runs into Sunday; Sunday opens again at 11:00
    assert schedule.is_open(at(fri, "01:00", days=2))
    assert not schedule.is_open(at(fri, "02:30", days=2))
    # Thursday does not run past midnight
    assert not schedule.is_open(at(fri, "00:30"))


def test_night_before_a_holiday_keeps_its_hours() -> None:
    sched = Schedule.from_config({"weekdays": {d: {"open": "18:00", "close": "03:00"} for d in
                                               ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                                  "holidays": [MON + dt.timedelta(days=1)]})
    assert sched.is_open(at(MON, "02:00", days=1))  # Monday's night runs into the Tuesday holiday
    assert not sched.is_open(at(MON, "18:00", days=1))  # the holiday itself does not open
    assert not sched.is_open(at(MON, "02:00", days=2))  # so nothing spills into Wednesday


def test_next_change_walks_over_closed_days_and_holidays(schedule: Schedule) -> None:
    # Sunday 20:00 closes; Monday closed; Tuesday opens 10:00
    sun = MON - dt.timedelta(days=1)
    assert schedule.next_change(at(sun, "19:00")) == at(sun, "20:00")
    assert schedule.next_change(at(sun, "20:00")) == at(MON, "10:00", days=1)
    # Tuesday 22:00 closes; Wednesday is a holiday; Thursday (special) opens at 12:00
    assert schedule.next_change(at(MON, "22:00", days=1)) == at(MON, "12:00", days=3)
    # Friday open → closes Saturday 02:00
    assert schedule.next_change(at(MON, "15:00", days=4)) == at(MON, "02:00", days=5)


def test_next_change_matches_is_open_minute_by_minute(schedule: Schedule) -> None:
    moment = at(MON, "00:00")
    end = moment + dt.timedelta(days=8)
    step = dt.timedelta(minutes=15)
    while moment < end:
        change = schedule.next_change(moment)
        assert change is not None and change > moment
        state = schedule.is_open(moment)
        probe = moment
        while probe + step < change:
            probe += step
            assert schedule.is_open(probe) == state
        assert schedule.is_open(change) != state
        moment += dt.timedelta(minutes=45)


def test_adjacent_days_round_the_clock_merge_into_one_opening() -> None:
    sched = Schedule.from_config({"weekdays": {"sat": {"open": "00:00", "close": "24:00"},
                                               "sun": {"open": "00:00", "close": "24:00"}}})
    sat = MON + dt.timedelta(days=5)
    assert sched.is_open(at(sat, "23:59")) and sched.is_open(at(sat, "00:00", days=1))
    assert sched.next_change(at(sat, "09:00")) == at(sat, "00:00", days=2)


def test_empty_schedule_is_always_open() -> None:
    configs: tuple[dict[str, object] | None, ...] = (
        None, {}, {"weekdays": {}, "holidays": [], "special_days": {}, "restart_at": None})
    for config in configs:
        sched = Schedule.from_config(config)
        assert sched.always_open
        assert sched.is_open(at(MON, "03:00")) and sched.is_open(at(MON, "23:59", days=3))
        assert sched.next_change(at(MON, "03:00")) is None
        assert not sched.restart_due(at(MON, "03:00"), at(MON, "03:00", days=3))


def test_restart_due_once_per_day(schedule: Schedule) -> None:
    started = at(MON, "12:00")
    assert not schedule.restart_due(started, at(MON, "23:00"))
    assert not schedule.restart_due(started, at(MON, "05:29", days=1))
    assert schedule.restart_due(started, at(MON, "05:30", days=1))
    assert schedule.restart_due(started, at(MON, "18:00", days=3))  # missed while off: restart at once
    # after the restart the new start time is past the restart moment: no loop
    restarted = at(MON, "05:30", days=1) + dt.timedelta(seconds=3)
    assert not schedule.restart_due(restarted, at(MON, "05:31", days=1))
    assert not schedule.restart_due(restarted, at(MON, "05:29", days=2))
    assert schedule.restart_due(restarted, at(MON, "05:30", days=2))
    # a clock that went backwards never triggers
    assert not schedule.restart_due(at(MON, "12:00", days=2), at(MON, "11:00", days=2))


def test_yaml_as_installers_write_it() -> None:
    text = """
    weekdays:
      tue: {open: 10:00, close: "22:00"}
      fri: {open: "10:00", close: "24:00"}
    holidays: [2024-09-03]
    special_days:
      2024-09-07: {open: "09:00", close: "12:00"}
      2024-09-10: closed
    restart_at: 05:00
    """
    sched = Schedule.from_config(yaml.safe_load(text))  # unquoted 10:00 is sexagesimal 600 in YAML 1.1
    assert sched.weekdays[1] is not None and sched.weekdays[1].open == dt.time(10, 0)
    assert not sched.is_open(at(MON, "12:00", days=1))  # holiday
    assert sched.is_open(at(MON, "23:59", days=4)) and not sched.is_open(at(MON, "00:00", days=5))
    assert sched.is_open(at(MON, "09:00", days=5))  # special Saturday
    assert not sched.is_open(at(MON, "12:00", days=8))  # special Tuesday closed
    assert sched.restart_at == dt.time(5, 0)


@pytest.mark.parametrize(("config", "words"), [
    ({"weekdays": {"mon": {"open": "25:00", "close": "22:00"}}}, "schedule.weekdays.mon.open"),
    ({"weekdays": {"funday": None}}, "unknown day 'funday'"),
    ({"weekdays": {"mon": {"open": "10:00"}}}, "both 'open' and 'close'"),
    ({"weekdays": {"mon": {"open": "10:00", "close": "10:00"}}}, "24:00"),
    ({"weekdays": {"mon": {"open": "10:00", "close": "22:00", "lunch": "13:00"}}}, "unknown key 'lunch'"),
    ({"holidays": ["31.12.2024"]}, "schedule.holidays[0]"),
    ({"holidays": ["2024-12-31"], "special_days": {"2024-12-31": None}}, "also in holidays"),
    ({"restart": "05:00"}, "unknown key 'restart'"),
    ({"restart_at": "5 am"}, "schedule.restart_at"),
])
def test_bad_values_name_the_key(config: dict[str, object], words: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        Schedule.from_config(config)
    assert words in str(caught.value)


def test_aware_datetimes_keep_their_timezone(schedule: Schedule) -> None:
    msk = dt.timezone(dt.timedelta(hours=3))
    tue = MON + dt.timedelta(days=1)
    moment = dt.datetime.combine(tue, dt.time(9, 0), msk)
    assert not schedule.is_open(moment)
    change = schedule.next_change(moment)
    assert change == dt.datetime.combine(tue, dt.time(10, 0), msk)
