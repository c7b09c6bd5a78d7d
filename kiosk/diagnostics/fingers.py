"""The multi-touch test: every finger on the glass drawn where it is, and the most seen at once.

Why: the gesture layer deliberately ignores a third finger, so this test listens to raw touch events to
show what the panel itself reports (many overlays sold as multi-touch report one or two points).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.gestures import RawTouch

Point = tuple[float, float]


@dataclass
class FingerTracker:
    needed: int = 2
    """Fingers the exhibit needs at once (pinch to zoom)."""
    active: dict[object, Point] = field(default_factory=dict)
    most: int = 0

    def feed(self, touch: RawTouch) -> None:
        if touch.kind == "up":
            self.active.pop(touch.pointer, None)
            return
        if touch.kind == "move" and touch.pointer not in self.active:
            return
        self.active[touch.pointer] = touch.pos
        self.most = max(self.most, len(self.active))

    def reset(self) -> None:
        self.active.clear()
        self.most = 0

    @property
    def ok(self) -> bool:
        return self.most >= self.needed

    def summary(self) -> str:
        return f"up to {self.most} finger(s) at once ({self.needed} needed for pinch)"
