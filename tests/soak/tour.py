"""The warm-up tour: fills every cache a visitor can fill before the monkey's memory is watched.

A soak's memory rule ("RSS after warm-up grows ≤ 5 %") only means something once the bounded caches (decoded
images, rendered text, timeline cards, scene state) have reached the size a day's visitors give them. So
before the random part, this tour:

1. in each language, opens the first event's card and walks the whole timeline with the detail view's
   "next" button (every event's text and image decoded and cached);
2. jumps to events across the axis at each zoom level (decade, year, month), so card thumbnails of every
   level are rendered;
3. opens every scene a timeline card links to and lets the monkey play in it (30 s by default; the one-time
   allocations of a scene's programs and screens happen then), then leaves with its exit button.

Taps are real FINGER events through the script runner; only the jumps along the axis use the timeline's
`show_event` (what the scrubber and a long fling do, without their wall time).
"""

from __future__ import annotations

import time
from typing import Any

from tests.soak.monkey import EXIT_SUFFIXES, Monkey

LEVELS = ("decade", "year", "month")
DECODE_WAIT_S = 3.0


def settle(app: Any, seconds: float = 0.2) -> None:
    """Run frames for `seconds`, then until no image is decoding (at most DECODE_WAIT_S of wall time)."""
    app.advance(seconds)
    deadline = time.monotonic() + DECODE_WAIT_S
    while app.images.pending() and time.monotonic() < deadline:
        time.sleep(0.002)
        app.advance(1 / app.clock.fps)


def _timeline(app: Any) -> Any:
    return app.router.stack[0]


def _walk_details(app: Any, events: list[str]) -> int:
    """Open the first card on screen near the start, "previous" back to the first event, then "next" through
    every event. Returns how many details were shown."""
    scene = _timeline(app)
    scene.show_event(events[0], level="month", seconds=0)
    settle(app, 0.1)
    cards = [t.name for t in app.all_targets() if t.name.startswith("card.")]
    if not cards or app.play([{"tap": {"target": cards[0]}}]) != []:
        return 0
    settle(app)
    shown = 1
    for button in ("detail.prev", "detail.next"):
        while app.find_target(button) is not None and shown < 3 * len(events):
            app.play([{"tap": {"target": button}}])
            settle(app, 0.05)
            shown += 1
    app.play([{"tap": {"target": "detail.close"}}, {"wait": 0.3}])
    return shown


def _sweep_levels(app: Any, events: list[str]) -> None:
    scene = _timeline(app)
    for level in LEVELS:
        step = {"decade": 12, "year": 4, "month": 1}[level]
        for event_id in events[::step]:
            scene.show_event(event_id, level=level, seconds=0)
            settle(app, 0.05)


def _visit_scenes(app: Any, monkey: Monkey, seconds_each: float) -> list[str]:
    """Each linked scene gets `seconds_each` of monkey play (entered again whenever the monkey leaves it)."""
    visited = []
    for scene_name, event_id in sorted(dict(monkey.scene_links()).items()):
        spent = 0.0
        while spent < seconds_each:
            app.router.push(scene_name, {"event": event_id})
            settle(app, 0.5)
            started = app.clock.now()
            while app.clock.now() - started < seconds_each - spent and app.scene_name() == scene_name:
                monkey.defer_idle(app.clock.now())
                monkey.tick(app.clock.now())
                app.frame(app.clock.tick())
            spent += max(1.0, app.clock.now() - started)
            monkey.drain(app)
            exits = [t.name for t in app.all_targets() if t.name.endswith(EXIT_SUFFIXES)] \
                if app.scene_name() == scene_name else []
            if exits:
                app.play([{"tap": {"target": exits[0]}}, {"wait": 0.5}])
            if app.scene_name() != app.router.home:
                app.router.reset_home()
                settle(app, 0.5)
        visited.append(scene_name)
    return visited


def warm_up_tour(app: Any, monkey: Monkey, scene_seconds: float = 30.0) -> dict[str, Any]:
    """Run the tour; returns what it did (for the summary)."""
    started, wall = app.clock.now(), time.perf_counter()
    events = [event.id for event in sorted(_timeline(app).events, key=lambda e: e.date.as_float())]
    details = {}
    for lang in app.i18n.available:
        if app.i18n.lang != lang:
            app.play([{"tap": {"target": "lang"}}, {"wait": 0.3}])
        details[app.i18n.lang] = _walk_details(app, events)
        _sweep_levels(app, events)
    visited = _visit_scenes(app, monkey, scene_seconds)
    return {"program_s": round(app.clock.now() - started, 1), "wall_s": round(time.perf_counter() - wall, 1),
            "details_shown": details, "scenes": visited}
