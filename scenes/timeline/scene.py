"""The timeline scene: the exhibit's home, tying the viewport, cards, stacks, scrubber, detail and tour together.

Input goes to whatever is on top (detail view, expanded stack, or the timeline itself); the timeline turns
drags, flings and pinches into viewport motion. Each frame draws only what is on screen from cached surfaces,
and spends a small time budget rendering cards that are about to come into view.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import pygame

from kiosk import widgets
from kiosk.gestures import (
    Drag,
    DragEnd,
    DragStart,
    Fling,
    InputEvent,
    KeyPress,
    Pinch,
    PinchEnd,
    PointerDown,
    Tap,
)
from kiosk.scene import Scene, SceneContext, Target

from . import detail as detail_mod
from . import geometry
from .attract import AttractBanner, AttractTour
from .backdrop import Backdrop
from .cards import CardCache, CardKey, build_styles
from .detail import DetailView
from .header import ZOOM_IN, ZOOM_OUT, Header
from .model import ContentModel, Event
from .prefetch import STACK_LEVEL, Prefetch
from .scrubber import Scrubber
from .stack_view import StackView
from .stacking import Item, LevelLayout, Placeable, place
from .strip import CardStrip, Drawn
from .tuning import CONTENT_FILE, LEVELS, SCENE, Tuning
from .viewport import Viewport

CAUGHT_FLING_PX_S = 150.0
"""A touch that stops a view moving faster than this is not also a tap on a card."""


class TimelineScene(Scene):
    name = "timeline"

    def __init__(self, ctx: SceneContext) -> None:
        super().__init__(ctx)
        self.tuning = Tuning.from_theme(ctx.theme)
        self.content: ContentModel | None = None
        self._drawn: list[Drawn] = []
        self._snapshot: pygame.Surface | None = None
        """The dimmed timeline behind a modal view (kept in one surface); None: draw it again."""
        self._snapshot_surface: pygame.Surface | None = None
        self._snapshots = 0
        """Counts snapshots taken, so a new one is a new key for the modal view's still layer."""
        self.still = widgets.StillLayer()
        self._layouts: dict[str, LevelLayout] = {}
        self._scrubbing = False
        self._pinch_level: str | None = None
        self._caught_fling = False
        self._sync_cards = True
        self._stack_return: list[str] | None = None
        self.events: list[Event] = []
        self.by_id: dict[str, Event] = {}
        self.view: Viewport
        self._built = False

    # -- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        ctx = self.ctx
        previous = (self.view.center, self.view.level) if self._built else None
        self.content = ctx.content(CONTENT_FILE)
        if self.content is None:
            self.content = ContentModel.model_validate({"lanes": [{"id": "runet", "title": {"ru": "Рунет",
                                                                                           "en": "Runet"},
                                                                  "colour": "lane.runet"}]})
        content = self.content
        self.events = sorted(content.events, key=lambda e: (e.date.as_float(), e.id))
        self.by_id = {event.id: event for event in self.events}
        self.geo = geometry.compute(ctx, [lane.id for lane in content.lanes])
        self.card_gap = ctx.theme.size("card_gap", SCENE)
        self.styles = build_styles(ctx, min(box.rows.height for box in self.geo.lanes))
        level_ppy = {level: float(ctx.theme.size(f"ppy_{level}", SCENE)) for level in LEVELS}
        start = float(content.settings.range_start_year)
        end = float(content.settings.range_end_year + 1)
        self.view = Viewport(start, end, ctx.layout.width, level_ppy, self.tuning,
                             level=previous[1] if previous else "decade")
        self._update_end_pad()
        if previous:
            self.view.center = self.view.clamp_center(previous[0])
        cache_mb = self.tuning.card_cache_mb * max(1.0, ctx.layout.scale ** 2)
        self.cards = CardCache(ctx, self.styles, cache_mb)
        self.cards.set_content(self.events, {lane.id: lane.colour for lane in content.lanes})
        self.backdrop = Backdrop(ctx, self.geo)
        self.backdrop.set_content(content)
        self.scrubber = Scrubber(ctx, self.geo.scrubber)
        self.scrubber.set_content(content)
        self.detail = DetailView(ctx)
        self.stack_view = StackView(ctx, self.cards, self.styles[STACK_LEVEL])
        self.header = Header(ctx, self.geo)
        self.strip = CardStrip(ctx, self.cards, self.styles)
        self._lane_colours = {lane.id: lane.colour for lane in content.lanes}
        self._drawn = []
        self.prefetch = Prefetch(self.styles, self.layout_for)
        self.tour = AttractTour(content.settings.attract_seconds_per_event)
        banner_area = self.geo.lanes_area.inflate(-2 * self.geo.margin, -2 * self.geo.gap)
        self.banner = AttractBanner(ctx, banner_area)
        self._layouts = {}
        for level in LEVELS:
            self.layout_for(level)  # ~10 ms for 1000 events: done here, not during a pinch
        self.header.prepare()
        self.backdrop.prepare()
        self._snapshot = None
        self._sync_cards = True
        self._built = True

    def _update_end_pad(self) -> None:
        self.view.end_pad_px = self.styles[self.view.target_level].width + self.geo.margin

    def layout_for(self, level: str) -> LevelLayout:
        cached = self._layouts.get(level)
        if cached is None:
            style = self.styles[level]
            rows = {box.lane_id: style.rows for box in self.geo.lanes}
            placeables = [Placeable(e.id, e.lane, e.date.as_float()) for e in self.events]
            cached = self._layouts[level] = place(placeables, rows, self.view.level_ppy[level], style.width,
                                                  self.card_gap)
        return cached

    # -- read-only state for tests and tools ---------------------------------------------------------
    @property
    def view_center_year(self) -> float:
        return self.view.center

    @property
    def zoom_level(self) -> str:
        return self.view.level

    @property
    def px_per_year(self) -> float:
        return self.view.ppy

    @property
    def open_event_id(self) -> str | None:
        return self.detail.event.id if self.detail.event else None

    @property
    def open_stack_id(self) -> str | None:
        return self.stack_view.first_id

    @property
    def attract_active(self) -> bool:
        return self.tour.active

    @property
    def attract_event_id(self) -> str | None:
        return self.tour.current_id

    def year_at(self, x: float) -> float:
        return self.view.year_at(x)

    def visible_items(self) -> list[Item]:
        style = self.styles[self.view.level]
        layout = self.layout_for(self.view.level)
        return list(layout.visible(self.view.left_year, self.view.right_year, style.width / self.view.ppy))

    def item_rect(self, item: Item, level: str | None = None) -> pygame.Rect:
        style = self.styles[level or self.view.level]
        box = self.geo.lane(item.lane)
        x = round(self.view.x_of(item.year))
        return pygame.Rect(x, style.row_top(box.rows.top, item.row, self.card_gap), style.width, style.height)

    # -- lifecycle -----------------------------------------------------------------------------------
    def enter(self, params: Mapping[str, Any]) -> None:
        self._build()
        event_id = params.get("event")
        if isinstance(event_id, str) and event_id in self.by_id:
            self.show_event(event_id)
            self.open_detail(event_id)

    def resume(self, result: Any) -> None:
        self._snapshot = None  # the timeline behind the detail view is drawn again, same place and zoom

    def language_changed(self, lang: str) -> None:
        self.backdrop.language_changed()
        self.scrubber.language_changed()
        self.detail.forget()
        self.banner.forget()
        self.header.forget()
        self.strip.forget()
        self.header.prepare()
        self.backdrop.prepare()
        self._snapshot = None
        self._sync_cards = True

    def content_changed(self) -> None:
        open_id, stack_ids = self.open_event_id, list(self.stack_view.event_ids)
        self._build()
        if open_id in self.by_id:
            self.open_detail(open_id)
        elif stack_ids:
            self.open_stack([i for i in stack_ids if i in self.by_id])

    def start_attract(self) -> None:
        self.detail.close()
        self.stack_view.close()
        self._stack_return = None
        self._snapshot = None
        first = self.tour.start([event.id for event in self.content.highlighted()] if self.content else [])
        if first is not None:
            self.show_event(first, level=self.tuning.attract_level)

    def stop_attract(self) -> None:
        self.tour.stop()
        self.view.stop()

    # -- actions -------------------------------------------------------------------------------------
    def show_event(self, event_id: str, level: str | None = None, seconds: float | None = None) -> None:
        """Pan (and zoom) so the event's card sits in the middle of the screen."""
        event = self.by_id[event_id]
        level = level or self.view.target_level
        card_years = self.styles[level].width / 2 / self.view.level_ppy[level]
        self.view.end_pad_px = self.styles[level].width + self.geo.margin
        self.view.jump_to(event.date.as_float() + card_years, level, seconds)

    def open_detail(self, event_id: str) -> None:
        index = next(i for i, e in enumerate(self.events) if e.id == event_id)
        self.detail.open(self.by_id[event_id], index > 0, index < len(self.events) - 1)
        self._snapshot = None

    def open_stack(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        years = sorted({self.by_id[i].date.year for i in event_ids})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        self.stack_view.open(event_ids, self.ctx.i18n.t("timeline.stack_title", years=span))
        self._snapshot = None

    def _event_visible(self, event_id: str) -> bool:
        item = self.layout_for(self.view.level).by_event.get(event_id)
        if item is None:
            return False
        rect = self.item_rect(item)
        return rect.left >= 0 and rect.right <= self.geo.width

    def _detail_action(self, action: str) -> None:
        current = self.open_event_id
        if action == detail_mod.CLOSE:
            self.detail.close()
            self._snapshot = None
            if self._stack_return:
                self.open_stack(self._stack_return)
                self._stack_return = None
            elif current and not self._event_visible(current):
                self.show_event(current)
        elif action == detail_mod.OPEN and self.detail.event and self.detail.event.scene:
            self.ctx.router.push(self.detail.event.scene, {"event": self.detail.event.id})
        elif action in (detail_mod.NEXT, detail_mod.PREV) and current:
            index = next(i for i, e in enumerate(self.events) if e.id == current)
            index += 1 if action == detail_mod.NEXT else -1
            if 0 <= index < len(self.events):
                self._stack_return = None
                self.open_detail(self.events[index].id)
                self.show_event(self.events[index].id, seconds=0)

    # -- input ---------------------------------------------------------------------------------------
    def handle(self, event: InputEvent) -> None:
        if self.detail.is_open:
            action = self.detail.handle(event)
            if action:
                self._detail_action(action)
            elif isinstance(event, KeyPress) and event.key == pygame.K_ESCAPE:
                self._detail_action(detail_mod.CLOSE)
            return
        if self.stack_view.is_open:
            result = self.stack_view.handle(event)
            if result and result.startswith("card."):
                self._stack_return = list(self.stack_view.event_ids)
                self.stack_view.close()
                self.open_detail(result.removeprefix("card."))
            elif result or (isinstance(event, KeyPress) and event.key == pygame.K_ESCAPE):
                self.stack_view.close()
                self._snapshot = None
            return
        self._handle_timeline(event)

    def _handle_timeline(self, event: InputEvent) -> None:
        view = self.view
        if isinstance(event, PointerDown):
            self._caught_fling = abs(view.velocity * view.ppy) > CAUGHT_FLING_PX_S
            if self.geo.timeline.collidepoint(event.pos):
                view.stop()
        elif isinstance(event, Tap):
            caught, self._caught_fling = self._caught_fling, False
            self._tap(event.pos, caught)
        elif isinstance(event, DragStart):
            if self.scrubber.contains(event.pos):
                self._scrubbing = True
                view.stop()
            elif self.geo.timeline.collidepoint(event.pos):
                view.begin_drag()
        elif isinstance(event, Drag):
            if self._scrubbing:
                view.center = view.clamp_center(self.scrubber.year_at(event.pos[0]))
            elif view.dragging:
                view.drag_by(event.delta[0])
        elif isinstance(event, Fling | DragEnd):
            if self._scrubbing:
                self._scrubbing = False
            elif view.dragging:
                view.end_drag(event.velocity[0] if isinstance(event, Fling) else 0.0)
        elif isinstance(event, Pinch):
            if self._pinch_level is None:
                self._pinch_level = view.level
                view.dragging = False
            view.zoom_about(event.center[0], event.scale)
        elif isinstance(event, PinchEnd):
            start_level = self._pinch_level or view.level
            self._pinch_level = None
            view.snap_level(event.center[0], start_level)
            self._update_end_pad()
        elif isinstance(event, KeyPress):
            self._key(event)

    def _key(self, event: KeyPress) -> None:
        step = self.geo.width * 0.6
        if event.key == pygame.K_LEFT:
            self.view.end_drag(step * 2.5)
        elif event.key == pygame.K_RIGHT:
            self.view.end_drag(-step * 2.5)
        elif event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self._zoom(+1)
        elif event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self._zoom(-1)

    def _zoom(self, direction: int) -> None:
        self.view.step_level(direction)
        self._update_end_pad()

    def _tap(self, pos: tuple[float, float], caught_fling: bool) -> None:
        name = widgets.hit(self.targets(), pos)
        if name == ZOOM_IN:
            self._zoom(+1)
        elif name == ZOOM_OUT:
            self._zoom(-1)
        elif self.scrubber.contains(pos):
            self.view.jump_to(self.scrubber.year_at(pos[0]))
        elif caught_fling or name is None:
            return
        elif name.startswith("card."):
            self.open_detail(name.removeprefix("card."))
        elif name.startswith("stack."):
            item = self.layout_for(self.view.level).by_event.get(name.removeprefix("stack."))
            if item is not None:
                self.open_stack(list(item.event_ids))

    # -- time ----------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        next_id = self.tour.update(dt)
        if next_id is not None and next_id in self.by_id:
            self.show_event(next_id, level=self.tuning.attract_level)
        self.view.update(dt)
        started = time.perf_counter()
        budget = self.tuning.card_render_ms_per_frame
        self.cards.pump(self._wanted_cards(), budget, must=10_000 if self._sync_cards else 0)
        self.strip.compose_pending(budget - (time.perf_counter() - started) * 1000.0)
        self._sync_cards = False

    def _wanted_cards(self) -> list[CardKey]:
        return self.prefetch.wanted(self.view, self.ctx.i18n.lang, self.stack_view.page_ids())

    # -- drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.detail.is_open or self.stack_view.is_open:
            if self._snapshot is None:
                self._draw_timeline(surface)
                self._snapshot = self._dimmed(surface)
            self._draw_modal(surface)
            return
        self._draw_timeline(surface)

    def _draw_modal(self, surface: pygame.Surface) -> None:
        """The dimmed timeline with the detail view or expanded stack on it. A still modal view (same event,
        picture, language, page, card thumbnails) is kept as one layer and costs one full-screen blit a frame
        instead of the snapshot, panel, picture, captions and buttons."""
        assert self._snapshot is not None
        view: DetailView | StackView = self.detail if self.detail.is_open else self.stack_view
        if self.still.blit(surface, (self._snapshots, id(view), view.frame_key())) is not None:
            return
        surface.blit(self._snapshot, (0, 0))
        view.draw(surface)
        # the key after drawing: drawing may have rendered a card or asked for a picture
        self.still.drawn(surface, (self._snapshots, id(view), view.frame_key()), [])

    def _dimmed(self, surface: pygame.Surface) -> pygame.Surface:
        """A darkened copy of the frame (the timeline behind a detail view or an expanded stack)."""
        copy = self._snapshot_surface
        if copy is None or copy.get_size() != surface.get_size():  # allocated once: ~10 ms of page faults
            copy = self._snapshot_surface = surface.copy()
        else:
            copy.blit(surface, (0, 0))
        self._snapshots += 1
        dim = self.ctx.theme.color("dim", SCENE)  # black at this alpha = multiply by (255 - alpha) / 255
        keep = 255 - dim.a
        copy.fill((keep, keep, keep), special_flags=pygame.BLEND_MULT)
        return copy

    def _draw_timeline(self, surface: pygame.Surface) -> None:
        view, geo = self.view, self.geo
        self.backdrop.draw(surface, view)
        level = view.level
        drawn = [(item, self.item_rect(item, level)) for item in self.visible_items()]
        clip = surface.get_clip()
        surface.set_clip(geo.lanes_area)
        self.strip.draw(surface, drawn, level, self.ctx.i18n.lang, self._lane_colours, self.tour.current_id)
        surface.set_clip(clip)
        self.header.draw(surface, view.target_level)
        self.scrubber.draw(surface, view)
        if self.tour.active:
            self.banner.draw(surface, self.tour.pulse())
        self._drawn = drawn

    def targets(self) -> list[Target]:
        """What is on screen now: the detail view's or expanded stack's buttons, else header, cards, scrubber."""
        if self.detail.is_open:
            return self.detail.targets()
        if self.stack_view.is_open:
            return self.stack_view.targets()
        targets = self.header.targets()
        screen = self.ctx.layout.rect
        for item, rect in self._drawn:
            visible = rect.clip(screen).clip(self.geo.lanes_area)
            if visible.width >= self.ctx.layout.min_target:
                targets.append(Target(item.target_name, visible, item.first_id))
        targets.append(self.scrubber.target())
        return targets
