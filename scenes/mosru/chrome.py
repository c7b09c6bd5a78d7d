"""The late-1990s browser window drawn in code (original art, no product artwork): bevelled grey frame, a
gradient title bar, a toolbar of big icon buttons (period look, kiosk-size touch targets), the address bar
with the "reconstruction" badge, a segmented progress bar in the status bar, and a throbber.

Every colour and size is a theme token under scenes.mosru; every text comes from mosru.yaml (chrome.*).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext, Target
from scenes.mosru.geometry import TOOLBAR_BUTTONS, Geometry, S
from scenes.mosru.model import ContentModel


@dataclass
class ChromeState:
    """What the chrome shows this frame."""

    title: str
    status: str
    progress: float | None
    """0..1 for the progress bar, None for an empty bar."""
    can_back: bool
    can_forward: bool
    busy: bool
    show_skip: bool
    enabled: bool
    """False while the connection dialog is up: buttons are drawn but are not targets."""
    pressed: str | None
    t: float


def colour(ctx: SceneContext, token: str) -> pygame.Color:
    return ctx.theme.color(token, S)


def bevel(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect, raised: bool = True) -> None:
    """A two-tone 3-D edge: light top-left and dark bottom-right when raised, the other way when sunken."""
    width = ctx.theme.size("bevel", S)
    light, dark = colour(ctx, "bevel_light"), colour(ctx, "bevel_dark")
    outer = colour(ctx, "bevel_darker")
    top_left, bottom_right = (light, outer) if raised else (dark, light)
    for i in range(width):
        r = rect.inflate(-2 * i, -2 * i)
        if r.width <= 2 or r.height <= 2:
            return
        shade = bottom_right if i == 0 or not raised else dark
        pygame.draw.line(surface, top_left, r.topleft, (r.right - 1, r.top))
        pygame.draw.line(surface, top_left, r.topleft, (r.left, r.bottom - 1))
        pygame.draw.line(surface, shade, (r.left, r.bottom - 1), (r.right - 1, r.bottom - 1))
        pygame.draw.line(surface, shade, (r.right - 1, r.top), (r.right - 1, r.bottom - 1))


def badge(ctx: SceneContext, text: str) -> pygame.Surface:
    """The yellow "reconstruction" pill (panel, compare view)."""
    label = ctx.text.line(text, ctx.theme.font("sans_bold", "badge", S), colour(ctx, "badge_fg"))
    pad = ctx.theme.size("gap")
    pill = pygame.Surface((label.get_width() + 2 * pad, label.get_height() + pad), pygame.SRCALPHA)
    pygame.draw.rect(pill, colour(ctx, "badge_bg"), pill.get_rect(), border_radius=pill.get_height() // 2)
    pill.blit(label, (pad, pad // 2))
    return pill


def sunken_field(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect, fill: str = "field") -> None:
    pygame.draw.rect(surface, colour(ctx, fill), rect)
    bevel(surface, ctx, rect, raised=False)


class BrowserChrome:
    """Draws the window around the page viewport and returns the toolbar's targets."""

    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self._gradient: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, geo: Geometry, model: ContentModel, state: ChromeState) -> list[Target]:
        ctx = self.ctx
        pygame.draw.rect(surface, colour(ctx, "window"), geo.window)
        bevel(surface, ctx, geo.window, raised=True)
        self._title_bar(surface, geo, state.title)
        targets = self._toolbar(surface, geo, model, state)
        self._address_bar(surface, geo, model)
        self._status_bar(surface, geo, state)
        return targets

    # ------------------------------------------------------------------------------------------ parts

    def _title_bar(self, surface: pygame.Surface, geo: Geometry, title: str) -> None:
        ctx, rect = self.ctx, geo.title_bar
        if self._gradient is None or self._gradient.get_size() != rect.size:
            self._gradient = gradient(rect.size, colour(ctx, "title_bar"), colour(ctx, "title_bar_end"))
        surface.blit(self._gradient, rect)
        pad = ctx.theme.size("toolbar_pad", S)
        icon = rect.height - 2 * pad
        draw_globe(surface, ctx, pygame.Rect(rect.x + pad, rect.y + pad, icon, icon), 0.0, spinning=False)
        font = ctx.theme.font("sans_bold", "chrome_title", S)
        text_x = rect.x + 2 * pad + icon
        block = ctx.text.block(title, font, colour(ctx, "title_fg"), rect.right - text_x - pad, 1,
                               where="mosru.yaml:site.pages.*.title")
        surface.blit(block.surface, (text_x, rect.centery - block.surface.get_height() // 2))

    def _toolbar(self, surface: pygame.Surface, geo: Geometry, model: ContentModel,
                 state: ChromeState) -> list[Target]:
        ctx = self.ctx
        chrome = model.chrome
        labels = {"back": chrome.back, "forward": chrome.forward, "reload": chrome.reload, "home": chrome.home,
                  "skip": chrome.skip}
        enabled = {"back": state.can_back, "forward": state.can_forward, "reload": True, "home": True,
                   "skip": state.show_skip}
        targets: list[Target] = []
        pygame.draw.line(surface, colour(ctx, "bevel_dark"), geo.toolbar.bottomleft, geo.toolbar.bottomright)
        for name in (*TOOLBAR_BUTTONS, "skip"):
            if name == "skip" and not state.show_skip:
                continue
            rect = geo.buttons[name]
            label = ctx.i18n.pick(labels[name])
            active = enabled[name] and state.enabled
            self._button(surface, rect, name, label, active, state.pressed == f"mosru.{name}")
            if state.enabled:
                targets.append(Target(f"mosru.{name}", rect.copy(), label))
        self.throbber(surface, geo, state.t, state.busy)
        return targets

    def throbber(self, surface: pygame.Surface, geo: Geometry, t: float, busy: bool) -> None:
        """The globe in its sunken box (covers the whole box: the scene redraws it alone while it spins)."""
        throbber = geo.throbber
        sunken_field(surface, self.ctx, throbber, "throbber_sky")
        draw_globe(surface, self.ctx, throbber.inflate(-throbber.width // 5, -throbber.height // 5), t,
                   spinning=busy)

    def _button(self, surface: pygame.Surface, rect: pygame.Rect, name: str, label: str, active: bool,
                pressed: bool) -> None:
        ctx = self.ctx
        if pressed and active:
            pygame.draw.rect(surface, colour(ctx, "chrome_pressed"), rect)
        bevel(surface, ctx, rect, raised=not (pressed and active))
        fg = colour(ctx, "chrome_fg" if active else "chrome_disabled")
        icon_size = ctx.theme.size("icon", S)
        pad = ctx.theme.size("toolbar_pad", S)
        font = ctx.theme.font("sans", "chrome_text", S)
        if font.size(label)[0] > rect.width - 2 * pad:  # a narrow window: "pictures only", as browsers offered
            icon = pygame.Rect(0, 0, icon_size, icon_size)
            icon.center = rect.center
            draw_icon(surface, ctx, name, icon, active)
            return
        text = ctx.text.block(label, font, fg, rect.width - 2 * pad, 1, align="center",
                              where=f"mosru.yaml:chrome.{name}")
        total = icon_size + pad // 2 + text.surface.get_height()
        top = rect.y + (rect.height - total) // 2
        icon = pygame.Rect(0, 0, icon_size, icon_size)
        icon.midtop = (rect.centerx, top)
        draw_icon(surface, ctx, name, icon, active)
        surface.blit(text.surface, (rect.x + pad, icon.bottom + pad // 2))

    def _address_bar(self, surface: pygame.Surface, geo: Geometry, model: ContentModel) -> None:
        ctx, rect = self.ctx, geo.address_bar
        pad = ctx.theme.size("toolbar_pad", S)
        font = ctx.theme.font("sans", "chrome_text", S)
        label = ctx.text.line(ctx.i18n.pick(model.chrome.address), font, colour(ctx, "chrome_fg"))
        surface.blit(label, (rect.x + pad, rect.centery - label.get_height() // 2))
        field = pygame.Rect(rect.x + 2 * pad + label.get_width(), rect.y + pad,
                            rect.width - 3 * pad - label.get_width(), rect.height - 2 * pad)
        sunken_field(surface, ctx, field)
        badge_font = ctx.theme.font("sans_bold", "badge", S)
        badge_text = ctx.text.line(ctx.i18n.pick(model.label.badge), badge_font, colour(ctx, "badge_fg"))
        badge = badge_text.get_rect()
        badge.inflate_ip(2 * pad, pad // 2)
        badge.height = min(badge.height, field.height - pad)
        badge.midright = (field.right - pad, field.centery)
        url_width = max(1, badge.x - field.x - 2 * pad)
        url = ctx.text.block(model.address.url, font, colour(ctx, "field_fg"), url_width, 1,
                             where="mosru.yaml:address.url")
        surface.blit(url.surface, (field.x + pad, field.centery - url.surface.get_height() // 2))
        pygame.draw.rect(surface, colour(ctx, "badge_bg"), badge, border_radius=badge.height // 2)
        surface.blit(badge_text, badge_text.get_rect(center=badge.center))

    def _status_bar(self, surface: pygame.Surface, geo: Geometry, state: ChromeState) -> None:
        ctx, rect = self.ctx, geo.status_bar
        pad = ctx.theme.size("toolbar_pad", S) // 2
        bar_w = rect.width // 3
        text_box = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - bar_w - 3 * pad, rect.height - 2 * pad)
        bar_box = pygame.Rect(text_box.right + pad, text_box.y, bar_w, text_box.height)
        sunken_field(surface, ctx, text_box, "window")
        sunken_field(surface, ctx, bar_box, "window")
        font = ctx.theme.font("sans", "chrome_text", S)
        text = ctx.text.block(state.status, font, colour(ctx, "chrome_fg"), text_box.width - 4 * pad, 1,
                              where="mosru.yaml:chrome.status_*")
        surface.blit(text.surface, (text_box.x + 2 * pad, text_box.centery - text.surface.get_height() // 2))
        if state.progress is not None:
            segmented_progress(surface, ctx, bar_box.inflate(-4 * pad, -4 * pad), state.progress)


# ---------------------------------------------------------------------------------------------- drawing


def gradient(size: tuple[int, int], left: pygame.Color, right: pygame.Color) -> pygame.Surface:
    """A horizontal two-colour gradient (built once per size)."""
    width, height = max(1, size[0]), max(1, size[1])
    strip = pygame.Surface((width, 1))
    for x in range(width):
        strip.set_at((x, 0), left.lerp(right, x / max(1, width - 1)))
    return pygame.transform.scale(strip, (width, height))


def segmented_progress(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect, fraction: float) -> None:
    """Blocks filling from the left, as the progress bars of the time did."""
    if rect.width <= 0 or rect.height <= 0:
        return
    block_w = max(4, round(rect.height * 0.6))
    step = block_w + max(2, block_w // 4)
    count = max(1, rect.width // step)
    filled = int(count * min(1.0, max(0.0, fraction)) + 1e-9)
    for i in range(filled):
        pygame.draw.rect(surface, colour(ctx, "progress"), (rect.x + i * step, rect.y, block_w, rect.height))


def draw_icon(surface: pygame.Surface, ctx: SceneContext, name: str, rect: pygame.Rect, active: bool) -> None:
    """Toolbar pictures from simple shapes: arrows, a circular arrow, a house, a fast-forward mark."""
    ink = colour(ctx, "icon" if active else "chrome_disabled")
    fill = colour(ctx, "icon_fill" if active else "chrome_disabled")
    x, y, w, h = rect
    cx, cy = rect.center
    if name in ("back", "forward"):
        sign = -1 if name == "back" else 1
        tip = cx + sign * w // 2
        base = cx - sign * w // 10
        head = [(tip, cy), (base, y + h // 8), (base, y + h - h // 8)]
        shaft = pygame.Rect(0, cy - h // 6, w // 2, h // 3)
        if sign < 0:
            shaft.left = base
        else:
            shaft.right = base
        pygame.draw.rect(surface, fill, shaft)
        pygame.draw.polygon(surface, fill, head)
        pygame.draw.polygon(surface, ink, head, 2)
    elif name == "reload":
        radius = w // 2 - 3
        thickness = max(3, w // 8)
        pygame.draw.arc(surface, fill, rect.inflate(-6, -6), math.radians(40), math.radians(320), thickness)
        end = (cx + round(radius * math.cos(math.radians(40))), cy - round(radius * math.sin(math.radians(40))))
        arrow = [(end[0] - w // 4, end[1] - h // 10), (end[0] + w // 8, end[1] - h // 4), (end[0] + w // 10, end[1] + h // 6)]
        pygame.draw.polygon(surface, ink, arrow)
    elif name == "home":
        roof = [(cx, y), (x + w, y + h // 2), (x, y + h // 2)]
        body = pygame.Rect(x + w // 6, y + h // 2, w - w // 3, h // 2)
        pygame.draw.rect(surface, fill, body)
        pygame.draw.rect(surface, ink, body, 2)
        pygame.draw.polygon(surface, colour(ctx, "icon_roof") if active else ink, roof)
        pygame.draw.rect(surface, ink, (cx - w // 10, body.bottom - h // 4, w // 5, h // 4))
    elif name == "skip":
        mark = colour(ctx, "skip_icon" if active else "chrome_disabled")
        for offset in (0, w // 3):
            pygame.draw.polygon(surface, mark, [(x + offset, y + h // 6), (x + offset + w // 2, cy),
                                                (x + offset, y + h - h // 6)])
        pygame.draw.rect(surface, mark, (x + w - w // 8, y + h // 6, w // 8, h - h // 3))


def draw_globe(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect, t: float, spinning: bool) -> None:
    """The throbber: a small planet with a comet that circles it while the browser is busy."""
    cx, cy = rect.center
    radius = max(3, min(rect.width, rect.height) // 2 - max(2, rect.width // 8))
    pygame.draw.circle(surface, colour(ctx, "throbber_planet"), (cx, cy), radius)
    pygame.draw.ellipse(surface, colour(ctx, "throbber_land"),
                        (cx - radius // 2, cy - radius // 2, radius, radius // 2 + 2))
    pygame.draw.ellipse(surface, colour(ctx, "throbber_land"),
                        (cx - radius // 6, cy + radius // 5, radius // 1.5, radius // 3 + 2))
    pygame.draw.circle(surface, colour(ctx, "throbber_star"), (cx, cy), radius, 1)
    if not spinning:
        return
    orbit = radius + max(2, rect.width // 10)
    for trail in range(4):
        angle = t * 5.0 - trail * 0.35
        px = cx + round(orbit * math.cos(angle))
        py = cy + round(orbit * 0.55 * math.sin(angle))
        pygame.draw.circle(surface, colour(ctx, "throbber_comet"), (px, py), max(1, rect.width // 14 - trail))
