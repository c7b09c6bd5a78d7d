"""The swipe pager without a window: drags follow the finger, far or fast releases turn the page, short ones
spring back, the ends resist."""

from __future__ import annotations

from scenes.active_citizen.pager import EDGE_RESISTANCE, Pager

WIDTH = 1000.0


def settle(pager: Pager, seconds: float = 1.0) -> None:
    for _ in range(round(seconds * 60)):
        pager.update(1 / 60)


def test_far_drag_turns_the_page_and_slides_home() -> None:
    pager = Pager(5)
    pager.drag(-300)
    assert pager.offset == -300 and pager.moving
    assert pager.release(0.0, WIDTH) == 1
    assert pager.index == 1 and pager.offset == WIDTH - 300  # the new page starts where the finger left it
    settle(pager)
    assert pager.offset == 0.0 and not pager.moving


def test_fast_short_flick_turns_slow_short_drag_springs_back() -> None:
    pager = Pager(5, index=2)
    pager.drag(40)
    assert pager.release(900.0, WIDTH) == -1 and pager.index == 1
    pager = Pager(5, index=2)
    pager.drag(40)
    assert pager.release(100.0, WIDTH) == 0 and pager.index == 2
    settle(pager)
    assert pager.offset == 0.0


def test_ends_resist_and_do_not_turn() -> None:
    pager = Pager(3)
    pager.drag(200)
    assert pager.offset == 200 * EDGE_RESISTANCE
    assert pager.release(2000.0, WIDTH) == 0 and pager.index == 0
    pager = Pager(3, index=2)
    assert not pager.go(1, WIDTH) and pager.index == 2
    assert pager.jump(0, WIDTH) and pager.index == 0 and pager.offset == -WIDTH
    assert not pager.jump(7, WIDTH)


def test_clamp_after_content_shrinks() -> None:
    pager = Pager(10, index=8)
    pager.count = 4
    pager.clamp()
    assert pager.index == 3
