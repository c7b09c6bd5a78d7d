"""Painting the poll results: an antialiased ring for two options, horizontal bars for more, the city's real
result beside the visitors' ("then and now"). Geometry comes from charts.py; this module only paints it.

The last drawn geometry is returned (option id -> filled rectangle, ring centre and radii) so tests can look
at the very pixels a visitor sees.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from kiosk.scene import SceneContext
from scenes.active_citizen.charts import Bar, CityBar, ResultChart, RingSlice
from scenes.active_citizen.formatting import format_percent, votes_phrase
from scenes.active_citizen.ui_style import WHERE, Style

SUPERSAMPLE = 2
ARC_STEP_DEG = 2.0
_RING_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_RING_CACHE_SIZE = 24

Segment = tuple[float, float, pygame.Color]
"""(start degrees, end degrees, colour); 0° = 12 o'clock, clockwise."""


@dataclass
class ChartGeometry:
    """Where the chart was painted (for tests and the layout lint)."""

    bars: dict[str, pygame.Rect] = field(default_factory=dict)
    city: dict[str, pygame.Rect] = field(default_factory=dict)
    ring_center: tuple[int, int] | None = None
    ring_radii: tuple[int, int] = (0, 0)
    slices: dict[str, tuple[float, float]] = field(default_factory=dict)


def _arc_points(cx: float, cy: float, radius: float, start: float, end: float) -> list[tuple[float, float]]:
    steps = max(1, math.ceil((end - start) / ARC_STEP_DEG))
    points = []
    for i in range(steps + 1):
        angle = math.radians(start + (end - start) * i / steps)
        points.append((cx + radius * math.sin(angle), cy - radius * math.cos(angle)))
    return points


def ring_surface(outer: int, inner: int, segments: Sequence[Segment], track: pygame.Color) -> pygame.Surface:
    """A ring of `segments` over a full `track` ring, drawn large and scaled down for smooth edges."""
    key = (outer, inner, tuple((round(s, 1), round(e, 1), tuple(c)) for s, e, c in segments), tuple(track))
    cached = _RING_CACHE.get(key)
    if cached is not None:
        _RING_CACHE.move_to_end(key)
        return cached
    big_outer, big_inner = outer * SUPERSAMPLE, inner * SUPERSAMPLE
    side = 2 * big_outer + 4
    big = pygame.Surface((side, side), pygame.SRCALPHA)
    center = side / 2
    band = big_outer - big_inner
    pygame.draw.circle(big, track, (center, center), big_outer, width=band)
    for start, end, color in segments:
        if end - start <= 0.05:
            continue
        if end - start >= 359.95:
            pygame.draw.circle(big, color, (center, center), big_outer, width=band)
            continue
        outline = _arc_points(center, center, big_outer, start, end)
        outline += list(reversed(_arc_points(center, center, big_inner, start, end)))
        pygame.draw.polygon(big, color, outline)
    small_side = 2 * outer + 2
    surface = pygame.transform.smoothscale(big, (small_side, small_side))
    _RING_CACHE[key] = surface
    if len(_RING_CACHE) > _RING_CACHE_SIZE:
        _RING_CACHE.popitem(last=False)
    return surface


def blit_ring(surface: pygame.Surface, center: tuple[int, int], outer: int, inner: int,
              segments: Sequence[Segment], track: pygame.Color) -> None:
    ring = ring_surface(outer, inner, segments, track)
    surface.blit(ring, ring.get_rect(center=center))


@dataclass(frozen=True)
class ChartLabels:
    """Words the chart needs, already in the visitor's language."""

    option_text: Callable[[str], str]
    your_choice: str
    visitors: str
    city: str
    city_other: str
    then_and_now: str
    total: str


def _slice_color(style: Style, piece: RingSlice | Bar, index: int, any_chosen: bool) -> pygame.Color:
    if piece.chosen:
        return style.color("chosen")
    if not any_chosen and index % 2:
        return style.color("visitors_alt")
    return style.color("visitors")


def draw_ring_chart(surface: pygame.Surface, ctx: SceneContext, style: Style, chart: ResultChart,
                    labels: ChartLabels, rect: pygame.Rect, qid: str,
                    city: Sequence[CityBar] = ()) -> ChartGeometry:
    """Ring on the left, legend (swatch, answer, percent and votes, "your choice") on the right; the city's
    share of an option, where known, under its legend entry."""
    lang = ctx.i18n.lang
    geometry = ChartGeometry()
    city_by_option = {bar.option_id: bar for bar in city}
    if city:
        top = _legend(surface, ctx, style, labels, rect, rect.y)
        rect = pygame.Rect(rect.x, top, rect.width, rect.bottom - top)
    outer = max(style.px(60), min(rect.height, round(rect.width * 0.42)) // 2)
    inner = round(outer * 0.6)
    center = (rect.x + outer, rect.centery)
    any_chosen = any(s.chosen for s in chart.slices)
    segments = [(s.start_deg, s.end_deg, _slice_color(style, s, i, any_chosen)) for i, s in enumerate(chart.slices)]
    blit_ring(surface, center, outer, inner, segments, style.color("track"))
    geometry.ring_center, geometry.ring_radii = center, (outer, inner)
    geometry.slices = {s.option_id: (s.start_deg, s.end_deg) for s in chart.slices}
    total = ctx.text.fit(labels.total, [style.font("bold", "lead"), style.font("bold", "chart_value"),
                                        style.font("bold", "small")],
                         style.color("fg"), inner * 2 - style.gap, 2, where=f"{WHERE}:texts.votes_total",
                         align="center")
    surface.blit(total.surface, total.surface.get_rect(center=center))
    legend_x = rect.x + 2 * outer + style.margin * 2
    text_w = max(1, rect.right - legend_x - style.size("bar_h") - style.gap)
    entries = [_ring_entry(ctx, style, piece, segments[index][2], labels, city_by_option.get(piece.option_id),
                           text_w, qid, lang) for index, piece in enumerate(chart.slices)]
    height = sum(entry.get_height() for entry in entries) + style.margin * 2 * (len(entries) - 1)
    y = center[1] - height // 2
    for entry in entries:
        surface.blit(entry, (legend_x, y))
        y += entry.get_height() + style.margin * 2
    return geometry


def _ring_entry(ctx: SceneContext, style: Style, piece: RingSlice, color: pygame.Color, labels: ChartLabels,
                city_bar: CityBar | None, text_w: int, qid: str, lang: str) -> pygame.Surface:
    """One legend entry: swatch, answer, "55 % · 12 votes", the city's share, "your choice"."""
    swatch = style.size("bar_h")
    lines = [ctx.text.fit(labels.option_text(piece.option_id),
                          [style.font("bold" if piece.chosen else "regular", "lead"),
                           style.font("regular", "small")], style.color("fg"), text_w, 2,
                          where=f"{WHERE}:poll.{qid}.options.{piece.option_id}.text").surface,
             ctx.text.block(f"{format_percent(piece.percent, lang)} · {votes_phrase(piece.count, lang)}",
                            style.font("bold", "chart_label"), color, text_w, 1, where=f"{WHERE}:chart.value").surface]
    if city_bar is not None:
        lines.append(ctx.text.block(f"{labels.city}: {format_percent(city_bar.percent, lang)}",
                                    style.font("bold", "small"), style.color("city"), text_w, 1,
                                    where=f"{WHERE}:texts.city_result").surface)
    if piece.chosen:
        lines.append(ctx.text.block(f"✓ {labels.your_choice}", style.font("bold", "small"), style.color("chosen"),
                                    text_w, 1, where=f"{WHERE}:texts.your_choice").surface)
    height = sum(line.get_height() for line in lines) + style.gap // 2 * (len(lines) - 1)
    entry = pygame.Surface((swatch + style.gap + text_w, max(height, swatch)), pygame.SRCALPHA)
    pygame.draw.rect(entry, color, (0, style.gap // 2, swatch, swatch), border_radius=swatch // 4)
    y = 0
    for line in lines:
        entry.blit(line, (swatch + style.gap, y))
        y += line.get_height() + style.gap // 2
    return entry


def bars_rows(chart: ResultChart, city: Sequence[CityBar]) -> int:
    return len(chart.bars) + (1 if any(bar.option_id is None for bar in city) else 0)


def draw_bar_chart(surface: pygame.Surface, ctx: SceneContext, style: Style, chart: ResultChart,
                   city: Sequence[CityBar], labels: ChartLabels, rect: pygame.Rect, qid: str) -> ChartGeometry:
    """Rows of [answer | bar (and the city's bar under it) | percent, votes]; a legend when the city's result
    is shown; the "other options" city bar last."""
    lang = ctx.i18n.lang
    geometry = ChartGeometry()
    y = rect.y
    city_by_option = {bar.option_id: bar for bar in city}
    if city:
        y = _legend(surface, ctx, style, labels, rect, y)
    rows = bars_rows(chart, city)
    row_h = max(1, (rect.bottom - y) // max(1, rows))
    label_w = round(rect.width * 0.36)
    value_w = style.size("value_w")
    track_x = rect.x + label_w + style.gap
    track_w = max(1, rect.right - value_w - style.gap - track_x)
    bar_h = min(style.size("bar_h"), max(style.px(12), row_h // 2 - style.gap))
    city_h = style.size("city_bar_h")
    label_fonts = [style.font("regular", "chart_label"), style.font("regular", "small")]
    for bar in chart.bars:
        city_bar = city_by_option.get(bar.option_id)
        block_h = bar_h + (city_h + style.gap // 2 if city_bar else 0)
        top = y + (row_h - block_h) // 2
        name_fonts = [style.font("bold", "chart_label"), style.font("bold", "small")] if bar.chosen else label_fonts
        lines = max(1, min(3, row_h // label_fonts[-1].get_linesize()))
        name = ctx.text.fit(labels.option_text(bar.option_id), name_fonts,
                            style.color("chosen" if bar.chosen else "fg"), label_w, lines,
                            where=f"{WHERE}:poll.{qid}.options.{bar.option_id}.text")
        surface.blit(name.surface, (rect.x, y + (row_h - name.surface.get_height()) // 2))
        track = pygame.Rect(track_x, top, track_w, bar_h)
        pygame.draw.rect(surface, style.color("track"), track, border_radius=bar_h // 4)
        fill = pygame.Rect(track_x, top, round(track_w * bar.length), bar_h)
        if fill.width > 0:
            pygame.draw.rect(surface, style.color("chosen" if bar.chosen else "visitors"), fill,
                             border_radius=bar_h // 4)
        geometry.bars[bar.option_id] = fill
        value_fonts = [style.font("bold", "chart_value"), style.font("bold", "small")]
        value = ctx.text.fit(format_percent(bar.percent, lang), value_fonts,
                             style.color("chosen" if bar.chosen else "fg"), value_w, 1, where=f"{WHERE}:chart.value")
        count = ctx.text.fit(votes_phrase(bar.count, lang), [style.font("regular", "small")], style.color("muted"),
                             value_w, 1, where=f"{WHERE}:chart.count")
        value_x = rect.right - value_w
        stack_h = value.surface.get_height() + count.surface.get_height()
        value_y = y + (row_h - stack_h) // 2
        surface.blit(value.surface, (value_x, value_y))
        surface.blit(count.surface, (value_x, value_y + value.surface.get_height()))
        if city_bar is not None:
            city_fill = _city_bar(surface, style, city_bar, track_x, track_w, top + bar_h + style.gap // 2, city_h)
            geometry.city[bar.option_id] = city_fill
            _city_value(surface, ctx, style, city_bar, city_fill, track.right, lang)
        if bar.chosen:
            pygame.draw.rect(surface, style.color("chosen"), track.inflate(style.px(6), style.px(6)),
                             width=max(1, style.px(2)), border_radius=bar_h // 4)
        y += row_h
    rest = city_by_option.get(None)
    if rest is not None:
        name = ctx.text.fit(labels.city_other, label_fonts, style.color("muted"), label_w, 2,
                            where=f"{WHERE}:texts.city_other")
        surface.blit(name.surface, (rect.x, y + (row_h - name.surface.get_height()) // 2))
        top = y + (row_h - city_h) // 2
        geometry.city["other"] = _city_bar(surface, style, rest, track_x, track_w, top, city_h)
        value = ctx.text.fit(format_percent(rest.percent, lang), [style.font("bold", "chart_value")],
                             style.color("city"), value_w, 1, where=f"{WHERE}:chart.value")
        surface.blit(value.surface, (rect.right - value_w, y + (row_h - value.surface.get_height()) // 2))
    return geometry


def _legend(surface: pygame.Surface, ctx: SceneContext, style: Style, labels: ChartLabels, rect: pygame.Rect,
            y: int) -> int:
    """"Then and now: ■ pavilion visitors  ■ the city vote, September 2021" in one line above the chart."""
    font = style.font("regular", "small")
    swatch = font.get_height() * 2 // 3
    heading = ctx.text.block(f"{labels.then_and_now}:", style.font("bold", "small"), style.color("fg"), 0, 1,
                             where=f"{WHERE}:texts.then_and_now")
    surface.blit(heading.surface, (rect.x, y))
    x = rect.x + heading.surface.get_width() + style.gap
    for text, token in ((labels.visitors, "visitors"), (labels.city, "city")):
        block = ctx.text.block(text, font, style.color("fg"), 0, 1, where=f"{WHERE}:texts.{token}_result")
        item_w = swatch + style.gap // 2 + block.surface.get_width()
        if x + item_w > rect.right and x > rect.x:
            x, y = rect.x, y + font.get_linesize()
        pygame.draw.rect(surface, style.color(token), (x, y + (font.get_height() - swatch) // 2, swatch, swatch),
                         border_radius=max(1, swatch // 4))
        surface.blit(block.surface, (x + swatch + style.gap // 2, y))
        x += item_w + style.margin
    return y + font.get_linesize() + style.gap


def _city_bar(surface: pygame.Surface, style: Style, bar: CityBar, x: int, width: int, y: int,
              height: int) -> pygame.Rect:
    fill = pygame.Rect(x, y, round(width * bar.length), height)
    if fill.width > 0:
        pygame.draw.rect(surface, style.color("city"), fill, border_radius=max(1, height // 3))
    return fill


def _city_value(surface: pygame.Surface, ctx: SceneContext, style: Style, bar: CityBar, fill: pygame.Rect,
                track_right: int, lang: str) -> None:
    """The city's percent just after its bar, or inside the bar's end when there is no room after it."""
    text = ctx.text.line(format_percent(bar.percent, lang), style.font("bold", "small"), style.color("city"))
    box = text.get_rect(midleft=(fill.right + style.gap // 2, fill.centery))
    if box.right > track_right:
        text = ctx.text.line(format_percent(bar.percent, lang), style.font("bold", "small"), style.color("chosen_fg"))
        box = text.get_rect(midright=(fill.right - style.gap // 2, fill.centery))
    surface.blit(text, box)
