"""Visitor session rules with a fake clock: tap interval, one vote per question, points, idle reset."""

from __future__ import annotations

import itertools

import pytest

from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.session import PointsRule, VisitorSession, new_session_id

RULE = PointsRule(per_vote=20, status_threshold=1000)


def _session(now: float = 0.0, interval: float = 1.0) -> VisitorSession:
    ids = (f"visit-{n}" for n in itertools.count())
    return VisitorSession.start(RULE, interval, now, id_factory=lambda: next(ids))


def test_session_ids_are_random_and_anonymous() -> None:
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)
    assert VisitorSession.start(RULE, 1.0, 0.0).session_id != VisitorSession.start(RULE, 1.0, 0.0).session_id


def test_hammering_a_button_counts_once() -> None:
    session = _session()
    taps = [10.0 + 0.15 * n for n in range(20)]  # a child tapping ~7 times a second for 3 s
    accepted = [session.accept_tap("poll:q1", now) for now in taps]
    assert accepted == [True] + [False] * 19


def test_taps_slower_than_the_interval_count() -> None:
    session = _session()
    assert session.accept_tap("poll:q1", 1.0)
    assert not session.accept_tap("poll:q1", 1.99)
    assert session.accept_tap("poll:q1", 2.99)  # 1.0 s after the previous tap
    assert session.accept_tap("poll:q1", 4.5)


def test_interval_is_per_screen() -> None:
    session = _session()
    assert session.accept_tap("poll:q1", 5.0)
    assert session.accept_tap("poll:q2", 5.1)
    assert not session.accept_tap("poll:q1", 5.2)


def test_interval_comes_from_content(content: ContentModel) -> None:
    session = _session(interval=content.settings.tap_interval_s)
    assert session.accept_tap("s", 0.0) and not session.accept_tap("s", 0.5) and session.accept_tap("s", 1.5)


def test_clock_going_back_does_not_lock_the_screen() -> None:
    session = _session()
    assert session.accept_tap("s", 100.0)
    assert session.accept_tap("s", 3.0)  # simulated clock restarted


def test_one_vote_per_question_and_points() -> None:
    session = _session()
    assert session.can_vote("q1")
    assert session.vote_acknowledged("q1") == 20
    assert not session.can_vote("q1")
    assert session.vote_acknowledged("q1") == 0
    assert session.points == 20
    session.mark_answered("q2")  # the store said this visit already voted: no points
    assert not session.can_vote("q2") and session.points == 20
    assert session.vote_acknowledged("q3") == 20
    assert session.points == 40
    assert session.progress == pytest.approx(0.04)
    assert session.points_to_status == 960 and not session.status_reached


def test_status_threshold_and_progress_cap() -> None:
    session = VisitorSession.start(PointsRule(per_vote=400, status_threshold=1000), 1.0, 0.0)
    for question in ("a", "b"):
        session.vote_acknowledged(question)
    assert not session.status_reached and session.progress == pytest.approx(0.8)
    session.vote_acknowledged("c")
    assert session.status_reached and session.progress == 1.0 and session.points_to_status == 0


def test_idle_resets_points_answers_and_id() -> None:
    session = _session(now=0.0)
    session.accept_tap("poll:q1", 10.0)
    session.vote_acknowledged("q1")
    first_id = session.session_id
    assert not session.reset_if_idle(now=99.0, idle_after_s=90.0)
    session.note_activity(99.0)
    assert not session.reset_if_idle(now=150.0, idle_after_s=90.0)
    assert session.reset_if_idle(now=189.0, idle_after_s=90.0)
    assert session.session_id != first_id
    assert session.points == 0 and session.answered == set() and session.progress == 0.0
    assert session.can_vote("q1")
    assert session.accept_tap("poll:q1", 189.1)  # tap history is gone too


def test_reset_gives_a_new_visit() -> None:
    session = _session()
    session.vote_acknowledged("q1")
    session.reset(now=5.0)
    assert session.session_id == "visit-1" and session.started_at == 5.0 and session.can_vote("q1")
