"""Chart geometry and number formatting: percentages sum to 100, ring angles, bar lengths, animation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.active_citizen.charts import (
    city_result_bars,
    ease_out_cubic,
    largest_remainder,
    respondent_percentages,
    result_chart,
)
from scenes.active_citizen.formatting import format_count, format_percent, plural_ru, votes_phrase


def test_largest_remainder_classic_case() -> None:
    assert largest_remainder([1, 1, 1]) == [34, 33, 33]
    assert largest_remainder([2, 1]) == [67, 33]
    assert largest_remainder([0, 0, 0]) == [0, 0, 0]
    assert largest_remainder([1, 1, 1], decimals=1) == [33.4, 33.3, 33.3]
    assert largest_remainder([5]) == [100]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6),
       st.integers(min_value=0, max_value=2))
def test_percentages_always_sum_to_100_and_stay_close(counts: list[int], decimals: int) -> None:
    percents = largest_remainder(counts, decimals=decimals)
    whole = sum(counts)
    if whole == 0:
        assert percents == [0] * len(counts)
        return
    assert round(sum(percents), decimals) == 100
    step = 10 ** -decimals
    for count, percent in zip(counts, percents, strict=True):
        assert abs(percent - 100 * count / whole) < step + 1e-9


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        largest_remainder([1, -1])


def test_two_options_make_a_ring_with_the_visitor_choice_highlighted() -> None:
    chart = result_chart(["pink", "black"], {"pink": 3, "black": 1}, 4, chosen={"black"})
    assert chart.kind == "ring" and chart.bars == ()
    pink, black = chart.slices
    assert (pink.start_deg, pink.end_deg, pink.percent, pink.chosen) == (0.0, 270.0, 75, False)
    assert (black.start_deg, black.end_deg, black.percent, black.chosen) == (270.0, 360.0, 25, True)
    assert black.mid_deg == 315.0 and black.sweep_deg == 90.0


def test_ring_grows_with_progress_keeping_proportions() -> None:
    start = result_chart(["a", "b"], {"a": 1, "b": 1}, 2, chosen={"a"}, progress=0.0)
    assert all(s.sweep_deg == 0 for s in start.slices)
    half = result_chart(["a", "b"], {"a": 1, "b": 1}, 2, chosen={"a"}, progress=0.5)
    swept = sum(s.sweep_deg for s in half.slices)
    assert swept == pytest.approx(360 * ease_out_cubic(0.5)) and 0 < swept < 360
    assert half.slices[0].sweep_deg == pytest.approx(half.slices[1].sweep_deg)
    assert half.slices[0].percent == 50  # labels show final values while the shape animates


def test_ring_with_no_votes_is_empty() -> None:
    chart = result_chart(["a", "b"], {}, 0, chosen=set())
    assert [(s.start_deg, s.end_deg, s.percent) for s in chart.slices] == [(0.0, 0.0, 0), (0.0, 0.0, 0)]


def test_more_options_make_bars() -> None:
    chart = result_chart(["a", "b", "c"], {"a": 2, "c": 1, "stale": 9}, 3, chosen={"c"}, bar_max_length=600)
    assert chart.kind == "bars" and chart.slices == ()
    assert [(b.option_id, b.count, b.percent, b.chosen) for b in chart.bars] == [
        ("a", 2, 67, False), ("b", 0, 0, False), ("c", 1, 33, True)]
    assert [b.length for b in chart.bars] == pytest.approx([400.0, 0.0, 200.0])


def test_bars_animate_from_zero() -> None:
    chart = result_chart(["a", "b", "c"], {"a": 1}, 1, chosen={"a"}, progress=0.0, bar_max_length=500)
    assert chart.bars[0].length == 0.0 and chart.bars[0].fraction == 1.0
    later = result_chart(["a", "b", "c"], {"a": 1}, 1, chosen={"a"}, progress=0.3, bar_max_length=500)
    assert 0 < later.bars[0].length < 500
    assert result_chart(["a", "b", "c"], {"a": 1}, 1, chosen={"a"}, progress=1.7, bar_max_length=500).bars[0].length \
        == 500


def test_multiple_choice_uses_bars_and_percent_of_visitors() -> None:
    chart = result_chart(["a", "b"], {"a": 3, "b": 2}, 4, chosen={"a", "b"}, multiple=True, bar_max_length=100)
    assert chart.kind == "bars"
    assert [(b.percent, b.fraction, b.chosen) for b in chart.bars] == [(75, 0.75, True), (50, 0.5, True)]
    assert respondent_percentages([1, 2], 0) == [0.0, 0.0]


def test_city_result_bars_show_the_unknown_rest() -> None:
    bars = city_result_bars(["sinichka", "yauza"], {"sinichka": 28.77}, max_length=1000)
    assert [(b.option_id, b.percent) for b in bars] == [("sinichka", 28.77), (None, 71.23)]
    assert bars[0].length == pytest.approx(287.7)
    complete = city_result_bars(["a", "b"], {"b": 40, "a": 60}, max_length=10)
    assert [(b.option_id, b.percent) for b in complete] == [("a", 60), ("b", 40)]


def test_easing_is_clamped_and_monotonic() -> None:
    values = [ease_out_cubic(p / 10) for p in range(-2, 13)]
    assert values[0] == 0.0 and values[-1] == 1.0
    assert values == sorted(values)


def test_numbers_in_russian_and_english() -> None:
    assert format_count(154000, "ru") == "154\u00a0000" and format_count(154000, "en") == "154,000"
    assert format_percent(28.77, "ru") == "28,77\u00a0%" and format_percent(28.77, "en") == "28.77%"
    assert format_percent(80.0, "ru") == "80\u00a0%" and format_percent(0, "en") == "0%"
    assert format_percent(33.3333, "en", decimals=1) == "33.3%"
    forms = [plural_ru(n, "голос", "голоса", "голосов") for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 101)]
    assert forms == ["голос", "голоса", "голосов", "голосов", "голосов", "голос", "голоса", "голосов", "голосов",
                     "голос"]
    assert votes_phrase(1, "en") == "1 vote" and votes_phrase(1234, "en") == "1,234 votes"
    assert votes_phrase(3, "ru") == "3 голоса"
