"""Where everything of the mos.ru scene sits on this screen: the kiosk bar on top (exit, title, the engine's
language button), the period browser window (title bar, toolbar, address bar, page viewport, status bar)
and the side panel with the reconstruction note, timing and "Then and now".

Computed once per screen size from ctx.layout and theme tokens (scenes.mosru.sizes), never fixed pixels:
landscape puts the panel to the right of the window, portrait below it. The 640x480 page canvas is scaled to
fit the viewport with its aspect kept; `scale` converts page px to screen px.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from kiosk.scene import SceneContext

S = "mosru"
TOOLBAR_BUTTONS = ("back", "forward", "reload", "home")


@dataclass
class Geometry:
    top_bar: pygame.Rect
    exit_button: pygame.Rect
    title_area: pygame.Rect
    window: pygame.Rect
    title_bar: pygame.Rect
    toolbar: pygame.Rect
    buttons: dict[str, pygame.Rect] = field(default_factory=dict)
    """Toolbar buttons by name (back, forward, reload, home, skip)."""
    throbber: pygame.Rect = field(default_factory=pygame.Rect)
    address_bar: pygame.Rect = field(default_factory=pygame.Rect)
    viewport: pygame.Rect = field(default_factory=pygame.Rect)
    status_bar: pygame.Rect = field(default_factory=pygame.Rect)
    panel: pygame.Rect = field(default_factory=pygame.Rect)
    scale: float = 1.0
    """Screen px per page px."""
    page_x: int = 0
    """Screen x of the page's left edge (the canvas is centred in the viewport)."""


def compute(ctx: SceneContext, canvas: tuple[int, int]) -> Geometry:
    layout, theme = ctx.layout, ctx.theme
    width, height = layout.width, layout.height
    margin, gap = theme.size("margin"), theme.size("gap")
    target = layout.min_target
    lang = layout.lang_toggle_rect

    top_h = lang.bottom + lang.y
    top_bar = pygame.Rect(0, 0, width, top_h)
    exit_h = max(target, lang.height)
    exit_w = min(theme.size("exit_w", S), max(target, lang.x - 2 * margin - target))
    exit_button = pygame.Rect(margin, (top_h - exit_h) // 2, exit_w, exit_h)
    title_area = pygame.Rect(exit_button.right + margin, 0, max(1, lang.x - exit_button.right - 2 * margin), top_h)

    border = theme.size("window_border", S)
    title_h = theme.size("title_bar_h", S)
    button_h = max(target, theme.size("toolbar_button_h", S))
    pad = theme.size("toolbar_pad", S)
    toolbar_h = button_h + 2 * pad
    address_h = theme.size("address_h", S)
    status_h = theme.size("status_h", S)
    chrome_h = 2 * border + title_h + toolbar_h + address_h + status_h
    canvas_w, canvas_h = canvas
    toolbar_min_w = _toolbar_min_width(ctx, button_h, pad) + 2 * border

    top = top_h + gap
    bottom = height - margin
    if layout.portrait:
        window_w = width - 2 * margin
        panel_min_h = theme.size("panel_min_h", S)
        viewport_h_max = max(1, bottom - top - chrome_h - gap - panel_min_h)
        scale = min((window_w - 2 * border) / canvas_w, viewport_h_max / canvas_h)
        viewport_h = round(canvas_h * scale)
        window = pygame.Rect(margin, top, window_w, chrome_h + viewport_h)
        panel = pygame.Rect(margin, window.bottom + gap, window_w, max(1, bottom - window.bottom - gap))
    else:
        panel_min_w = theme.size("panel_min_w", S)
        viewport_h = max(1, bottom - top - chrome_h)
        room_w = max(1, width - 2 * margin - gap - panel_min_w - 2 * border)
        scale = min(room_w / canvas_w, viewport_h / canvas_h)
        window_max = max(4 * target, width - 2 * margin - gap - panel_min_w)  # 4:3 screens: the panel keeps its width
        window_w = min(max(round(canvas_w * scale) + 2 * border, toolbar_min_w), window_max)
        window = pygame.Rect(margin, top, window_w, bottom - top)
        panel = pygame.Rect(window.right + gap, top, max(1, width - margin - window.right - gap), bottom - top)

    inner = window.inflate(-2 * border, -2 * border)
    title_bar = pygame.Rect(inner.x, inner.y, inner.width, title_h)
    toolbar = pygame.Rect(inner.x, title_bar.bottom, inner.width, toolbar_h)
    address_bar = pygame.Rect(inner.x, toolbar.bottom, inner.width, address_h)
    status_bar = pygame.Rect(inner.x, inner.bottom - status_h, inner.width, status_h)
    viewport = pygame.Rect(inner.x, address_bar.bottom, inner.width, status_bar.y - address_bar.bottom)
    scale = min(scale, viewport.width / canvas_w)
    geometry = Geometry(top_bar, exit_button, title_area, window, title_bar, toolbar, panel=panel,
                        address_bar=address_bar, viewport=viewport, status_bar=status_bar, scale=scale,
                        page_x=viewport.x + (viewport.width - round(canvas_w * scale)) // 2)
    _place_toolbar(ctx, geometry, button_h, pad)
    return geometry


def _toolbar_widths(ctx: SceneContext, button_h: int) -> tuple[int, int]:
    theme = ctx.theme
    return (max(ctx.layout.min_target, theme.size("toolbar_button_w", S)),
            max(ctx.layout.min_target, theme.size("skip_w", S)))


def _toolbar_min_width(ctx: SceneContext, button_h: int, pad: int) -> int:
    nav_w, skip_w = _toolbar_widths(ctx, button_h)
    return len(TOOLBAR_BUTTONS) * (nav_w + pad) + 2 * pad + skip_w + pad + button_h + pad


def _place_toolbar(ctx: SceneContext, geometry: Geometry, button_h: int, pad: int) -> None:
    """Back, Forward, Reload, Home from the left; Skip after a gap; the throbber in the right corner."""
    bar = geometry.toolbar
    nav_w, skip_w = _toolbar_widths(ctx, button_h)
    available = bar.width - _toolbar_min_width(ctx, button_h, pad)
    if available < 0:  # a narrow window: shrink the buttons, never below a touch target
        nav_w = max(ctx.layout.min_target, nav_w + available // (len(TOOLBAR_BUTTONS) + 1))
        skip_w = max(ctx.layout.min_target, skip_w + available // (len(TOOLBAR_BUTTONS) + 1))
    x = bar.x + pad
    y = bar.y + pad
    for name in TOOLBAR_BUTTONS:
        geometry.buttons[name] = pygame.Rect(x, y, nav_w, button_h)
        x += nav_w + pad
    geometry.throbber = pygame.Rect(bar.right - pad - button_h, y, button_h, button_h)
    skip_x = max(x + pad, geometry.throbber.x - pad - skip_w)
    geometry.buttons["skip"] = pygame.Rect(skip_x, y, min(skip_w, geometry.throbber.x - pad - skip_x), button_h)
