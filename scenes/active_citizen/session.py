"""One visitor's stay at the poll: anonymous visit id, answered questions, points, tap rate limit.

Why: the rules "one vote per question per visit", "taps faster than the interval on the same screen are
ignored" and "points live only for the visit and reset on idle" must hold whatever the UI does, and be
testable with the engine's simulated clock — so every method takes the time (`now`, seconds) as an argument.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field


def new_session_id() -> str:
    """Random visit id: 16 hex digits, nothing about the visitor."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class PointsRule:
    """Points per acknowledged vote and the status threshold (from the content's `points` section)."""

    per_vote: int
    status_threshold: int


@dataclass
class VisitorSession:
    """State of one visit. Create with `VisitorSession.start(rule, tap_interval_s, now)`."""

    rule: PointsRule
    tap_interval_s: float
    started_at: float
    session_id: str = field(default_factory=new_session_id)
    points: int = 0
    answered: set[str] = field(default_factory=set)
    last_activity: float = 0.0
    _last_tap: dict[str, float] = field(default_factory=dict, repr=False)
    _id_factory: Callable[[], str] = field(default=new_session_id, repr=False)

    @classmethod
    def start(cls, rule: PointsRule, tap_interval_s: float, now: float,
              id_factory: Callable[[], str] = new_session_id) -> VisitorSession:
        return cls(rule=rule, tap_interval_s=tap_interval_s, started_at=now, session_id=id_factory(),
                   last_activity=now, _id_factory=id_factory)

    def accept_tap(self, screen: str, now: float) -> bool:
        """False for a tap on `screen` less than `tap_interval_s` after the previous tap on it (accepted or
        not, so a child hammering a button counts once). Taps on another screen are independent."""
        previous = self._last_tap.get(screen)
        self._last_tap[screen] = now
        self.last_activity = now
        if previous is None or now < previous:  # first tap, or the clock was reset
            return True
        return now - previous >= self.tap_interval_s

    def note_activity(self, now: float) -> None:
        """Any input that is not a rate-limited tap (swipes, scrolling) keeps the visit alive."""
        self.last_activity = now

    def can_vote(self, question_id: str) -> bool:
        return question_id not in self.answered

    def vote_acknowledged(self, question_id: str) -> int:
        """Call after the store confirmed the vote (record_vote returned True). Returns the points earned:
        `per_vote` the first time, 0 if this question was already counted for this visit."""
        if question_id in self.answered:
            return 0
        self.answered.add(question_id)
        self.points += self.rule.per_vote
        return self.rule.per_vote

    def mark_answered(self, question_id: str) -> None:
        """The store said this visit had already voted (record_vote returned False): no points, no new vote."""
        self.answered.add(question_id)

    @property
    def progress(self) -> float:
        """Share of the status threshold reached, 0..1 (for the progress bar)."""
        return min(1.0, self.points / self.rule.status_threshold)

    @property
    def status_reached(self) -> bool:
        return self.points >= self.rule.status_threshold

    @property
    def points_to_status(self) -> int:
        return max(0, self.rule.status_threshold - self.points)

    def reset(self, now: float) -> None:
        """New visitor: new id, no points, nothing answered, no tap history."""
        self.session_id = self._id_factory()
        self.points = 0
        self.answered = set()
        self._last_tap = {}
        self.started_at = now
        self.last_activity = now

    def reset_if_idle(self, now: float, idle_after_s: float) -> bool:
        """Reset when nothing happened for `idle_after_s` seconds; True if it did. A safety net beside the
        engine's idle reset (which closes the scene and starts a fresh session on the next visit)."""
        if now - self.last_activity >= idle_after_s:
            self.reset(now)
            return True
        return False
