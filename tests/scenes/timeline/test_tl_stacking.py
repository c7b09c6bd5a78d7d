"""Stacking: cards fill a lane's rows; what does not fit joins the card that frees up first as a stack."""

from __future__ import annotations

from scenes.timeline.stacking import Placeable, place


def test_cards_take_free_rows_and_overflow_into_stacks() -> None:
    events = [Placeable(f"e{i}", "runet", 2000.0 + i * 0.1) for i in range(6)]
    layout = place(events, {"runet": 2}, ppy=100.0, card_w=300.0, gap=10.0)
    items = list(layout.items())
    assert [item.row for item in items] == [0, 1]
    assert items[0].event_ids == ["e0", "e2", "e3", "e4", "e5"] and items[1].event_ids == ["e1"]
    assert items[0].is_stack and items[0].target_name == "stack.e0"
    assert layout.by_event["e4"] is items[0]


def test_far_apart_events_stay_single_cards_in_their_lanes() -> None:
    events = [Placeable("a", "runet", 1990.5), Placeable("b", "runet", 1995.5), Placeable("c", "moscow", 1991.0)]
    layout = place(events, {"runet": 1, "moscow": 1}, ppy=150.0, card_w=400.0, gap=14.0)
    assert all(not item.is_stack for item in layout.items())
    assert {item.target_name for item in layout.items()} == {"card.a", "card.b", "card.c"}


def test_visible_query_returns_only_items_overlapping_the_view() -> None:
    events = [Placeable(f"e{i}", "runet", 1990.0 + i) for i in range(30)]
    layout = place(events, {"runet": 1}, ppy=150.0, card_w=140.0, gap=5.0)
    seen = [item.first_id for item in layout.visible(2000.0, 2003.0, 140.0 / 150.0)]
    assert seen == ["e10", "e11", "e12", "e13"]
    seen = [item.first_id for item in layout.visible(2000.5, 2003.0, 140.0 / 150.0)]
    assert seen[0] == "e10"  # a card starting before the left edge still shows its right part
