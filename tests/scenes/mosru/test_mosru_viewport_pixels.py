"""The page view draws from kept surfaces (the scaled rows, the page margins, the scroll bar) and still gives
exactly the pixels of the plain drawing: full-viewport fill, smoothscale, clipped blit, scroll bar drawn with
rectangles — checked at several scroll positions and marquee times, and after the thumb moved."""

from __future__ import annotations

from typing import Any

import pygame

from scenes.mosru.chrome import bevel, colour
from scenes.mosru.geometry import S
from tests.scenes.mosru.conftest import SCENES, loaded


def _plain_draw(view: Any, surface: pygame.Surface, geo: Any, t: float, fraction: float) -> None:
    """The drawing as it was before the kept surfaces (the reference)."""
    viewport = geo.viewport
    page = view.page
    pygame.draw.rect(surface, page.background, viewport)
    source = page.frame(t, fraction)
    page_w, page_h = source.get_size()
    top = min(round(view.scroll), max(0, page_h - 1))
    rows = min(page_h - top, max(1, int(view.visible_rows(geo) + 1)))
    scaled = pygame.transform.smoothscale(source.subsurface((0, top, page_w, rows)),
                                          (round(page_w * geo.scale), round(rows * geo.scale)))
    clip = surface.get_clip()
    surface.set_clip(viewport)
    surface.blit(scaled, (geo.page_x, viewport.y))
    surface.set_clip(clip)
    if view.max_scroll(geo) > 0:
        ctx = view.ctx
        width = ctx.theme.size("scrollbar_w", S)
        track = pygame.Rect(viewport.right - width, viewport.y, width, viewport.height)
        pygame.draw.rect(surface, colour(ctx, "scrollbar_track"), track)
        thumb_h = max(width, round(track.height * view.visible_rows(geo) / page_h))
        thumb_y = track.y + round((track.height - thumb_h) * view.scroll / max(1.0, view.max_scroll(geo)))
        thumb = pygame.Rect(track.x, thumb_y, width, thumb_h)
        pygame.draw.rect(surface, colour(ctx, "window"), thumb)
        bevel(surface, ctx, thumb, raised=True)
    bevel(surface, view.ctx, viewport, raised=False)


def test_kept_surfaces_give_the_plain_drawings_pixels(make_app: Any) -> None:
    app = make_app(scenes=SCENES, home="menu", size=(1920, 1080))
    scene = loaded(app)
    app.advance(0.5)
    view, geo = scene.view, scene.geo
    screen = app.display.surface
    checked = 0
    for page in ("start", None):
        if page is None:  # a longer page too, if the start page has a link
            links = view.link_targets(geo, 1.0)
            if not links:
                break
            assert app.play([{"tap": {"target": links[0].name}}, {"wait": 0.1}]) == []
            if scene.browser.loading is not None:
                assert app.play([{"tap": {"target": "mosru.skip"}}]) == []
            app.advance(0.2)
        for scroll in (0.0, view.max_scroll(geo) / 2, view.max_scroll(geo), 0.0):
            view.scroll = scroll
            for t in (0.0, 1.37, 5.0):
                kept, plain = screen.copy(), screen.copy()
                view.draw(kept, geo, t, 1.0)
                _plain_draw(view, plain, geo, t, 1.0)
                assert pygame.image.tobytes(kept, "RGB") == pygame.image.tobytes(plain, "RGB"), (page, scroll, t)
                checked += 1
    assert checked >= 12
