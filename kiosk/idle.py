"""Idle → "Are you still there?" countdown → reset and attract tour; any touch leaves it.

A scene may hold the timer while it plays media (SceneContext.idle.hold).
"""

from __future__ import annotations

from enum import Enum


class IdleState(Enum):
    ACTIVE = "active"
    COUNTDOWN = "countdown"
    ATTRACT = "attract"


class IdleController:
    def __init__(self, idle_seconds: float, countdown_seconds: float) -> None:
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.state = IdleState.ACTIVE
        self.last_input = 0.0
        self.countdown_start = 0.0

    def touch(self, now: float) -> IdleState:
        """A visitor touched something; returns the state it was in (COUNTDOWN/ATTRACT consume the touch)."""
        previous = self.state
        self.last_input = now
        self.state = IdleState.ACTIVE
        return previous

    def seconds_left(self, now: float) -> int:
        return max(0, int(self.countdown_seconds - (now - self.countdown_start) + 0.999))

    def update(self, now: float, held: bool) -> str | None:
        """Returns 'countdown' when the overlay should appear, 'reset' when the session is over."""
        if held:
            self.last_input = now
            if self.state is IdleState.COUNTDOWN:
                self.state = IdleState.ACTIVE
            return None
        if self.state is IdleState.ACTIVE and now - self.last_input >= self.idle_seconds:
            self.state = IdleState.COUNTDOWN
            self.countdown_start = now
            return "countdown"
        if self.state is IdleState.COUNTDOWN and now - self.countdown_start >= self.countdown_seconds:
            self.state = IdleState.ATTRACT
            return "reset"
        return None

    def start_attract(self, now: float) -> None:
        self.state = IdleState.ATTRACT
        self.last_input = now
