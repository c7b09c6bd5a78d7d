"""Placing cards in a lane's rows at one zoom level, and grouping cards that would overlap into stacks.

Each card starts at its event's date and is as wide as the level's card style. Cards fill the lane's rows
left to right; an event that finds no free row joins the card that frees up first, which becomes a "+N" stack
(tap to expand). Computed once per level (positions are kept in years, so a pinch in progress only rescales
them), and queried per frame with a binary search so only what is on screen is touched.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Placeable:
    """What stacking needs to know about an event."""

    event_id: str
    lane: str
    year: float


@dataclass
class Item:
    """A card (one event) or a stack (several) in one row of one lane."""

    lane: str
    row: int
    year: float
    event_ids: list[str] = field(default_factory=list)

    @property
    def is_stack(self) -> bool:
        return len(self.event_ids) > 1

    @property
    def first_id(self) -> str:
        return self.event_ids[0]

    @property
    def target_name(self) -> str:
        return f"stack.{self.first_id}" if self.is_stack else f"card.{self.first_id}"


@dataclass
class LaneItems:
    items: list[Item]
    years: list[float]

    def between(self, first_year: float, last_year: float) -> Iterator[Item]:
        lo = bisect_left(self.years, first_year)
        hi = bisect_right(self.years, last_year)
        yield from self.items[lo:hi]


@dataclass
class LevelLayout:
    """All items of one level; `visible` returns those overlapping the given years."""

    card_years: float
    """Card width in years at the level's own scale."""
    lanes: dict[str, LaneItems]
    by_event: dict[str, Item]

    def visible(self, left_year: float, right_year: float, card_years: float) -> Iterator[Item]:
        for lane in self.lanes.values():
            yield from lane.between(left_year - card_years, right_year)

    def items(self) -> Iterator[Item]:
        for lane in self.lanes.values():
            yield from lane.items


def place(events: Iterable[Placeable], lane_rows: dict[str, int], ppy: float, card_w: float,
          gap: float) -> LevelLayout:
    """Greedy row assignment per lane at `ppy` pixels per year for cards `card_w` pixels wide."""
    by_lane: dict[str, list[Placeable]] = {lane: [] for lane in lane_rows}
    for event in events:
        by_lane.setdefault(event.lane, []).append(event)
    lanes: dict[str, LaneItems] = {}
    by_event: dict[str, Item] = {}
    for lane, lane_events in by_lane.items():
        rows = max(1, lane_rows.get(lane, 1))
        row_end = [float("-inf")] * rows
        row_last: list[Item | None] = [None] * rows
        items: list[Item] = []
        for event in sorted(lane_events, key=lambda e: (e.year, e.event_id)):
            x = event.year * ppy
            row = next((r for r in range(rows) if row_end[r] + gap <= x), None)
            if row is None:
                row = min(range(rows), key=lambda r: row_end[r])
                item = row_last[row]
                assert item is not None
                item.event_ids.append(event.event_id)
            else:
                item = Item(lane, row, event.year, [event.event_id])
                items.append(item)
                row_last[row] = item
                row_end[row] = x + card_w
            by_event[event.event_id] = item
        lanes[lane] = LaneItems(items, [item.year for item in items])
    return LevelLayout(card_w / ppy, lanes, by_event)
