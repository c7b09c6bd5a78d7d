"""A synthetic week of visits, written through the real Analytics API with a fake clock, and the figures
the report must show for it (counted here independently of the report code)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.analytics import Analytics

FIRST_DAY = dt.date(2024, 9, 2)
DAYS = 7
SCRIPT_TITLE = "<script>alert(1)</script>"
EVENT_IDS = ["ru-domain-1994", "yandex-1997", "mos-ru-1999", "gosuslugi-2009", "active-citizen-2014",
             SCRIPT_TITLE, "=HYPERLINK(\"http://evil\")"] + [f"event-{i:02d}" for i in range(30)]
SCENES = ["timeline", "mosru", "active_citizen", "retro_pc"]
IDLE_WAIT_S = 100.0  # idle 90 s + countdown 10 s


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Expected:
    visits: int = 0
    per_day: dict[dt.date, int] = field(default_factory=dict)
    per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    languages: dict[str, int] = field(default_factory=dict)
    event_views: dict[str, int] = field(default_factory=dict)
    scene_opens: dict[str, int] = field(default_factory=dict)
    dwell: list[float] = field(default_factory=list)


def write_week(path: Path, seed: int = 30, first_day: dt.date = FIRST_DAY, days: int = DAYS) -> Expected:
    """`days` days of visits (20 on the first day, 5 more each day after) from 10:00 to 22:00."""
    rng = random.Random(seed)
    clock = FakeClock()
    analytics = Analytics(path, clock)
    expected = Expected()
    for day_index in range(days):
        day = first_day + dt.timedelta(days=day_index)
        visits_today = 20 + 5 * day_index
        for _ in range(visits_today):
            start = dt.datetime.combine(day, dt.time(rng.randint(10, 21), rng.randint(0, 59), rng.randint(0, 59)))
            clock.now = start.timestamp()
            lang = "ru" if rng.random() < 0.7 else "en"
            analytics.session_start("ru")
            if lang == "en":
                analytics.language_chosen("en")
            active = rng.uniform(5, 400)
            for _ in range(rng.randint(1, 6)):
                clock.now += active / 8
                scene = rng.choice(SCENES)
                analytics.scene_opened(scene)
                expected.scene_opens[scene] = expected.scene_opens.get(scene, 0) + 1
                event = rng.choice(EVENT_IDS[:8]) if rng.random() < 0.6 else rng.choice(EVENT_IDS)
                analytics.event_viewed(event)
                expected.event_views[event] = expected.event_views.get(event, 0) + 1
            clock.now = start.timestamp() + active + IDLE_WAIT_S
            dwell = analytics.session_end(IDLE_WAIT_S)
            assert dwell is not None and abs(dwell - active) < 1e-6
            expected.visits += 1
            expected.per_day[day] = expected.per_day.get(day, 0) + 1
            expected.per_hour[start.hour] += 1
            expected.languages[lang] = expected.languages.get(lang, 0) + 1
            expected.dwell.append(active)
    analytics.close()
    assert analytics.error_count == 0, analytics.last_error
    return expected
