"""The page inside the browser window: the 640x480 canvas scaled to fit the viewport (aspect kept), vertical
scrolling by drag and fling, touch points converted to page pixels, and link hit-testing with a finger-sized
tolerance (period links are ~20 px tall on screen; a kiosk finger needs more).

The page pixels come from kiosk.pages (RenderedPage.frame: the dial-up reveal and the marquee); this module
only scales the visible rows each frame (~1 ms) and draws a period scroll bar when the page is longer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.pages import RenderedPage
from kiosk.pages.layout import LinkRegion
from kiosk.scene import SceneContext, Target
from scenes.mosru.chrome import bevel, colour
from scenes.mosru.geometry import Geometry, S

FLING_DECAY_PER_S = 4.0
STOP_SPEED = 20.0  # page px per second


@dataclass
class LinkSpot:
    """A link as the visitor can tap it: its page target and where it is on screen."""

    target: str
    screen: pygame.Rect
    region: LinkRegion


class PageView:
    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self.scroll = 0.0
        """Page px hidden above the viewport."""
        self.velocity = 0.0
        self.page: RenderedPage | None = None
        self._scaled: pygame.Surface | None = None
        """The visible rows scaled to the screen, kept between frames (a new ~3 MB surface each frame cost
        page faults); smoothscale writes into it."""
        self._plain: dict[str, pygame.Surface] = {}
        """Kept one-colour and scroll-bar surfaces, blitted: SDL's fill of a tall narrow rectangle (the scroll
        bar, the page's side margins) took ~0.4 ms at 1080p, a blit of the same pixels ~0.01 ms."""
        self._plain_keys: dict[str, tuple[object, ...]] = {}

    # ------------------------------------------------------------------------------------ page + scroll

    def show(self, page: RenderedPage, keep_scroll: bool = False) -> None:
        if not keep_scroll or self.page is None or self.page.page_id != page.page_id:
            self.scroll = 0.0
            self.velocity = 0.0
        self.page = page

    def visible_rows(self, geo: Geometry) -> float:
        return geo.viewport.height / geo.scale

    def max_scroll(self, geo: Geometry) -> float:
        if self.page is None:
            return 0.0
        return max(0.0, self.page.size[1] - self.visible_rows(geo))

    def drag(self, geo: Geometry, screen_dy: float) -> None:
        self.velocity = 0.0
        self.scroll = min(self.max_scroll(geo), max(0.0, self.scroll - screen_dy / geo.scale))

    def fling(self, geo: Geometry, screen_vy: float) -> None:
        self.velocity = -screen_vy / geo.scale

    def update(self, geo: Geometry, dt: float) -> None:
        if abs(self.velocity) < STOP_SPEED:
            self.velocity = 0.0
            return
        self.scroll += self.velocity * dt
        self.velocity *= max(0.0, 1.0 - FLING_DECAY_PER_S * dt)
        if not 0.0 <= self.scroll <= self.max_scroll(geo):
            self.scroll = min(self.max_scroll(geo), max(0.0, self.scroll))
            self.velocity = 0.0

    # --------------------------------------------------------------------------------------- geometry

    def to_page(self, geo: Geometry, pos: tuple[float, float]) -> tuple[float, float] | None:
        """Screen point → page px (None outside the viewport)."""
        if not geo.viewport.collidepoint(pos):
            return None
        return (pos[0] - geo.page_x) / geo.scale, (pos[1] - geo.viewport.y) / geo.scale + round(self.scroll)

    def to_screen(self, geo: Geometry, rect: tuple[int, int, int, int]) -> pygame.Rect:
        x, y, w, h = rect
        top = round(self.scroll)
        return pygame.Rect(geo.page_x + round(x * geo.scale), geo.viewport.y + round((y - top) * geo.scale),
                           max(1, round(w * geo.scale)), max(1, round(h * geo.scale)))

    def links(self, geo: Geometry, fraction: float) -> list[LinkSpot]:
        """Links already on screen (loaded and inside the viewport), with touch-sized screen rectangles."""
        if self.page is None:
            return []
        spots: list[LinkSpot] = []
        need = self.ctx.layout.min_target
        for region in self.page.layout.links:
            if self.page.box_progress(region.box, fraction) < 1:
                continue
            shown = self.to_screen(geo, region.rect)
            touch = shown.inflate(max(0, need - shown.width), max(0, need - shown.height))
            if shown.clip(geo.viewport).height < shown.height // 2:
                continue
            spots.append(LinkSpot(region.target, touch.clip(geo.viewport), region))
        return spots

    def hit(self, geo: Geometry, pos: tuple[float, float], fraction: float) -> str | None:
        """The page a tap leads to: the link under the finger, else the nearest within half a touch target."""
        point = self.to_page(geo, pos)
        if point is None or self.page is None:
            return None
        exact = self.page.hit_test(point, fraction)
        if exact is not None:
            return exact
        best: tuple[float, str] | None = None
        for spot in self.links(geo, fraction):
            if not spot.screen.collidepoint(pos):
                continue
            shown = self.to_screen(geo, spot.region.rect)
            dx = max(shown.left - pos[0], 0.0, pos[0] - shown.right)
            dy = max(shown.top - pos[1], 0.0, pos[1] - shown.bottom)
            distance = (dx * dx + dy * dy) ** 0.5
            if best is None or distance < best[0]:
                best = (distance, spot.target)
        return best[1] if best else None

    def link_targets(self, geo: Geometry, fraction: float) -> list[Target]:
        """Links as named targets: mosru.link.<page>, then mosru.link.<page>.2 … for repeats on one page."""
        seen: dict[str, int] = {}
        targets: list[Target] = []
        for spot in self.links(geo, fraction):
            seen[spot.target] = seen.get(spot.target, 0) + 1
            suffix = "" if seen[spot.target] == 1 else f".{seen[spot.target]}"
            centre = self.to_screen(geo, spot.region.rect)
            rect = spot.screen.copy()
            rect.center = centre.center  # a scripted tap lands on the link text itself
            targets.append(Target(f"mosru.link.{spot.target}{suffix}", rect.clip(geo.viewport), spot.target))
        return targets

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface, geo: Geometry, t: float, fraction: float) -> None:
        viewport = geo.viewport
        if self.page is None:
            pygame.draw.rect(surface, colour(self.ctx, "field"), viewport)
            bevel(surface, self.ctx, viewport, raised=False)
            return
        page = self.page
        source = page.frame(t, fraction)
        page_w, page_h = source.get_size()
        top = min(round(self.scroll), max(0, page_h - 1))
        rows = min(page_h - top, max(1, int(self.visible_rows(geo) + 1)))
        visible = source.subsurface((0, top, page_w, rows))
        size = (round(page_w * geo.scale), round(rows * geo.scale))
        scaled = self._scale(visible, size)
        placed = pygame.Rect((geo.page_x, viewport.y), size)
        background, new = self._kept("background", viewport.size, surface, (tuple(page.background),))
        if new:
            background.fill(page.background)
        for strip in _uncovered(viewport, placed):  # the page background only where the page does not cover
            surface.blit(background, strip, strip.move(-viewport.x, -viewport.y))
        clip = surface.get_clip()
        surface.set_clip(viewport)
        surface.blit(scaled, placed)
        surface.set_clip(clip)
        if self.max_scroll(geo) > 0:
            self._scrollbar(surface, geo, page_h)
        bevel(surface, self.ctx, viewport, raised=False)

    def _scale(self, visible: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
        kept = self._scaled
        if kept is None or kept.get_size() != size or kept.get_bitsize() != visible.get_bitsize() \
                or kept.get_masks() != visible.get_masks():
            kept = self._scaled = pygame.transform.smoothscale(visible, size)
            return kept
        return pygame.transform.smoothscale(visible, size, kept)

    def _kept(self, name: str, size: tuple[int, int], like: pygame.Surface, key: tuple[object, ...]) -> \
            tuple[pygame.Surface, bool]:
        """A kept surface in the format of `like`; True when it must be (re)drawn (new, or `key` changed)."""
        kept = self._plain.get(name)
        if kept is None or kept.get_size() != size:
            kept = self._plain[name] = pygame.Surface(size, 0, like)
        elif self._plain_keys.get(name) == key:
            return kept, False
        self._plain_keys[name] = key
        return kept, True

    def _scrollbar(self, surface: pygame.Surface, geo: Geometry, page_h: int) -> None:
        """Track and thumb drawn into a kept surface the size of the track, redrawn when the thumb moves."""
        ctx = self.ctx
        width = ctx.theme.size("scrollbar_w", S)
        track = pygame.Rect(geo.viewport.right - width, geo.viewport.y, width, geo.viewport.height)
        visible = self.visible_rows(geo)
        thumb_h = max(width, round(track.height * visible / page_h))
        thumb_y = round((track.height - thumb_h) * self.scroll / max(1.0, self.max_scroll(geo)))
        track_colour, thumb_colour = colour(ctx, "scrollbar_track"), colour(ctx, "window")
        key = (thumb_y, thumb_h, tuple(track_colour), tuple(thumb_colour), id(ctx.theme))
        bar, new = self._kept("scrollbar", track.size, surface, key)
        if new:
            bar.fill(track_colour)
            thumb = pygame.Rect(0, thumb_y, width, thumb_h)
            pygame.draw.rect(bar, thumb_colour, thumb)
            bevel(bar, ctx, thumb, raised=True)
        surface.blit(bar, track)


def _uncovered(area: pygame.Rect, covered: pygame.Rect) -> list[pygame.Rect]:
    """`area` minus `covered`, as up to four rectangles (above, below, left, right)."""
    inner = area.clip(covered)
    if inner.width == 0 or inner.height == 0:
        return [area]
    strips = [pygame.Rect(area.x, area.y, area.width, inner.y - area.y),
              pygame.Rect(area.x, inner.bottom, area.width, area.bottom - inner.bottom),
              pygame.Rect(area.x, inner.y, inner.x - area.x, inner.height),
              pygame.Rect(inner.right, inner.y, area.right - inner.right, inner.height)]
    return [strip for strip in strips if strip.width > 0 and strip.height > 0]
