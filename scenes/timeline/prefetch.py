"""Which cards to render next: those on screen, then the zoom target's, then neighbours ahead of the motion.

The card cache renders this list in order within its per-frame budget. The list is rebuilt only when the view
has moved by a quarter card or changed level, so most frames reuse it (and the cache can tell at a glance
that nothing is missing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cards import CardKey, CardStyle
from .stacking import LevelLayout
from .viewport import Viewport

STACK_LEVEL = "month"
"""Card style of an expanded stack (scene.StackView)."""


class Prefetch:
    def __init__(self, styles: dict[str, CardStyle], layout_for: Callable[[str], LevelLayout]) -> None:
        self.styles = styles
        self.layout_for = layout_for
        self._key: tuple[Any, ...] | None = None
        self._wanted: list[CardKey] = []

    def wanted(self, view: Viewport, lang: str, stack_ids: list[str]) -> list[CardKey]:
        level, target = view.level, view.target_level
        quantum = self.styles[level].width / 4
        key = (level, target, lang, round(view.center * view.ppy / quantum), round(view.ppy),
               view.velocity >= 0, tuple(stack_ids))
        if key == self._key:
            return self._wanted
        wanted: list[CardKey] = [(event_id, STACK_LEVEL, lang) for event_id in stack_ids]
        style = self.styles[level]
        layout = self.layout_for(level)
        span = view.right_year - view.left_year
        card_years = style.width / view.ppy
        margin = quantum / view.ppy
        wanted.extend((item.first_id, level, lang)
                      for item in layout.visible(view.left_year - margin, view.right_year + margin, card_years))
        if target != level:
            t_style, t_layout = self.styles[target], self.layout_for(target)
            t_span = view.width / view.level_ppy[target] / 2
            center = view.target_center
            wanted.extend((item.first_id, target, lang)
                          for item in t_layout.visible(center - t_span, center + t_span,
                                                       t_style.width / view.level_ppy[target]))
        ahead = 1 if view.velocity >= 0 else -1
        near = list(layout.visible(view.left_year - span, view.right_year + span, card_years))
        near.sort(key=lambda item: abs(item.year - view.center - ahead * span * 0.5))
        wanted.extend((item.first_id, level, lang) for item in near)
        self._key, self._wanted = key, wanted
        return wanted
