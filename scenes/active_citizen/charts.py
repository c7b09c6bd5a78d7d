"""Geometry of the animated poll result: a ring for two options, horizontal bars for more.

Why: the drawing code should only paint shapes; what share each option gets, how far the animation has
grown it, and which percentages to print (summing to exactly 100 for a single-choice question) are pure
functions here, tested without a window. Angles are degrees, 0 = 12 o'clock, growing clockwise.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

FULL_TURN = 360.0


def ease_out_cubic(progress: float) -> float:
    """0..1 -> 0..1, fast start, soft landing; input clamped."""
    p = min(1.0, max(0.0, progress))
    return 1.0 - (1.0 - p) ** 3


def largest_remainder(counts: Sequence[int], total: int = 100, decimals: int = 0) -> list[float]:
    """Shares of `total` that add up to exactly `total` after rounding to `decimals` places
    (Hamilton's method: floor everything, then give the leftover units to the largest remainders;
    ties go to the earlier option). All zeros when nothing was counted."""
    if any(count < 0 for count in counts):
        raise ValueError("counts cannot be negative")
    whole = sum(counts)
    scale = 10 ** decimals
    if whole == 0:
        return [0.0 for _ in counts]
    units = total * scale
    floors = [count * units // whole for count in counts]
    remainders = [count * units % whole for count in counts]
    leftover = units - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:leftover]:
        floors[index] += 1
    return [value / scale for value in floors]


def respondent_percentages(counts: Sequence[int], respondents: int, decimals: int = 0) -> list[float]:
    """Multiple choice: share of visitors who picked each option (each rounded; they need not sum to 100)."""
    if respondents <= 0:
        return [0.0 for _ in counts]
    return [round(100.0 * count / respondents, decimals) for count in counts]


@dataclass(frozen=True)
class RingSlice:
    option_id: str
    count: int
    percent: float  # as printed
    start_deg: float
    end_deg: float
    chosen: bool

    @property
    def sweep_deg(self) -> float:
        return self.end_deg - self.start_deg

    @property
    def mid_deg(self) -> float:
        """Where a label for this slice goes."""
        return (self.start_deg + self.end_deg) / 2


@dataclass(frozen=True)
class Bar:
    option_id: str
    count: int
    percent: float  # as printed
    fraction: float  # of the full bar length, final value (0..1)
    length: float  # at this animation progress, in the caller's units
    chosen: bool


@dataclass(frozen=True)
class ResultChart:
    kind: Literal["ring", "bars"]
    respondents: int
    slices: tuple[RingSlice, ...] = ()
    bars: tuple[Bar, ...] = ()


def ring_slices(option_ids: Sequence[str], counts: Mapping[str, int], chosen: Collection[str],
                progress: float = 1.0, start_deg: float = 0.0) -> list[RingSlice]:
    """Slices in option order. While animating, every slice grows together: at progress p the ring covers
    ease(p)·360° and each slice keeps its share of that. Zero votes -> zero-width slices."""
    values = [max(0, counts.get(option_id, 0)) for option_id in option_ids]
    whole = sum(values)
    percents = largest_remainder(values)
    sweep = FULL_TURN * ease_out_cubic(progress)
    slices = []
    cursor = 0
    for option_id, value, percent in zip(option_ids, values, percents, strict=True):
        start = start_deg + (sweep * cursor / whole if whole else 0.0)
        cursor += value
        end = start_deg + (sweep * cursor / whole if whole else 0.0)
        slices.append(RingSlice(option_id, value, percent, start, end, option_id in chosen))
    return slices


def bar_lengths(option_ids: Sequence[str], counts: Mapping[str, int], respondents: int, chosen: Collection[str],
                max_length: float, progress: float = 1.0, multiple: bool = False) -> list[Bar]:
    """Bars in option order, full length = 100 % of respondents. Single choice: percentages sum to 100;
    multiple choice: percent of visitors who picked each option."""
    values = [max(0, counts.get(option_id, 0)) for option_id in option_ids]
    if multiple:
        percents = respondent_percentages(values, respondents)
        base = max(respondents, 1)
    else:
        percents = largest_remainder(values)
        base = max(sum(values), 1)
    grow = ease_out_cubic(progress)
    bars = []
    for option_id, value, percent in zip(option_ids, values, percents, strict=True):
        fraction = min(1.0, value / base)
        bars.append(Bar(option_id, value, percent, fraction, max_length * fraction * grow, option_id in chosen))
    return bars


def result_chart(option_ids: Sequence[str], counts: Mapping[str, int], respondents: int, chosen: Collection[str],
                 multiple: bool = False, progress: float = 1.0, bar_max_length: float = 1.0) -> ResultChart:
    """The chart the poll shows after a vote: a ring for a two-option single-choice question, else bars."""
    if len(option_ids) == 2 and not multiple:
        return ResultChart("ring", respondents, slices=tuple(ring_slices(option_ids, counts, chosen, progress)))
    return ResultChart("bars", respondents, bars=tuple(
        bar_lengths(option_ids, counts, respondents, chosen, bar_max_length, progress, multiple)))


@dataclass(frozen=True)
class CityBar:
    """One bar of the city's real result ("then and now"); option_id None = options whose split is unknown."""

    option_id: str | None
    percent: float
    length: float


def city_result_bars(option_ids: Sequence[str], shares: Mapping[str, float], max_length: float,
                     progress: float = 1.0) -> list[CityBar]:
    """Bars for the known city shares in option order, then one bar for the rest when the shares given
    do not reach 100 % (the sources name only the winner for most city votes)."""
    grow = ease_out_cubic(progress)
    bars = [CityBar(option_id, shares[option_id], max_length * shares[option_id] / 100.0 * grow)
            for option_id in option_ids if option_id in shares]
    rest = round(100.0 - sum(shares.values()), 2)
    if rest > 0.005:
        bars.append(CityBar(None, rest, max_length * rest / 100.0 * grow))
    return bars
