"""The drawn keyboard on the desk: key caps from `OnScreenKeyboard.layout_keys`, one touch target per key.

The full keyboard fills the strip it is given but keeps keys from getting much wider than tall (a real
keyboard's proportions; portrait screens give the rows more height instead). Short key sets (the game, the
viewer, the browser's buttons) become a row of big keys. The whole keyboard is drawn once per state (key set,
layout, armed modifiers, language) into a cached surface; a tapped key lights up for a moment on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from kiosk.scene import SceneContext, Target
from kiosk.text import TextBlock

from .geometry import SCENE
from .keyboard import FULL_WIDTH_UNITS, KeyCap, KeySetLike, OnScreenKeyboard

MAX_KEY_ASPECT = 1.7
"""A full-keyboard key is at most this many times wider than tall (wider strips are centred instead)."""
FLASH_SECONDS = 0.16
TWO_ROWS_BELOW = 0.6
"""Short key sets go on two rows (when the strip is tall enough) if one row would make keys narrower than this
share of big_key_w."""
BIG_KEYS = 12
"""Key sets up to this many keys are drawn as big keys with big labels."""
CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
SHORT_LABELS = {"HOME": "⇱", "END": "⇲"}
"""Symbols some real keyboards print, for keys too narrow for the word (portrait screens)."""


@dataclass(frozen=True)
class ButtonSet:
    """A short key set made in code (the browser's buttons): ids, labels, and which ones are dimmed."""

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    disabled: frozenset[str] = frozenset()

    @property
    def full(self) -> bool:
        return False

    @property
    def function_keys(self) -> bool:
        return False

    @property
    def key_ids(self) -> Sequence[str]:
        return self.ids

    def label_for(self, key: str, lang: str) -> str | None:
        return self.labels[self.ids.index(key)] if key in self.ids else None


@dataclass(frozen=True)
class _Subset:
    """Some keys of a short key set (one row of a two-row arrangement)."""

    keyset: KeySetLike
    ids: tuple[str, ...]

    @property
    def full(self) -> bool:
        return False

    @property
    def function_keys(self) -> bool:
        return False

    @property
    def key_ids(self) -> Sequence[str]:
        return self.ids

    def label_for(self, key: str, lang: str) -> str | None:
        return self.keyset.label_for(key, lang)


def _moved(caps: list[KeyCap], dx: int, dy: int) -> list[KeyCap]:
    return [KeyCap(c.key, c.label, c.second_label, (c.rect[0] + dx, c.rect[1] + dy, c.rect[2], c.rect[3]), c.kind,
                   c.active) for c in caps]


class KeyboardView:
    """Lays out, draws and hit-tests one keyboard; `prefix` names the targets (key.ENTER, browser.back)."""

    def __init__(self, ctx: SceneContext, keyboard: OnScreenKeyboard, prefix: str = "key.") -> None:
        self.ctx = ctx
        self.keyboard = keyboard
        self.prefix = prefix
        self.caps: list[KeyCap] = []
        self.body = pygame.Rect(0, 0, 0, 0)
        self._state: tuple[object, ...] | None = None
        self._surface: pygame.Surface | None = None
        self._flash: dict[str, float] = {}
        self._disabled: frozenset[str] = frozenset()

    # --- layout ------------------------------------------------------------------------------------------------
    def _size(self, token: str) -> int:
        return self.ctx.theme.size(token, SCENE)

    def _arrange(self, area: pygame.Rect, keyset: KeySetLike, lang: str) -> tuple[pygame.Rect, list[KeyCap]]:
        pad, gap = self._size("keyboard_pad"), self._size("key_gap")
        inner_w, inner_h = max(1, area.width - 2 * pad), max(1, area.height - 2 * pad)
        if keyset.full:
            rows = 6 if keyset.function_keys else 5
            row_h = min(self._size("key_row_max"), (inner_h + gap) / rows)
            unit = min((inner_w + gap) / FULL_WIDTH_UNITS, row_h * MAX_KEY_ASPECT)
            width, height = round(unit * FULL_WIDTH_UNITS - gap), round(row_h * rows - gap)
            body = pygame.Rect(0, 0, width + 2 * pad, height + 2 * pad)
            body.center = area.center
            caps = self.keyboard.layout_keys(keyset, width, height, lang, gap)
            return body, _moved(caps, body.left + pad, body.top + pad)
        ids = list(keyset.key_ids)
        key_w, key_h = self._size("big_key_w"), max(self.ctx.layout.min_target, self._size("big_key_h"))
        key_rows = [ids]
        narrow = (inner_w - gap * (len(ids) - 1)) / max(1, len(ids)) < key_w * TWO_ROWS_BELOW
        if narrow and len(ids) > 1 and inner_h >= 2 * key_h + gap:  # a tall portrait strip: two rows of big keys
            half = (len(ids) + 1) // 2
            key_rows = [ids[:half], ids[half:]]
        width = min(inner_w, max(len(row) for row in key_rows) * (key_w + gap) - gap)
        height = min(inner_h, len(key_rows) * (key_h + gap) - gap)
        row_h = (height + gap) // len(key_rows) - gap
        body = pygame.Rect(0, 0, width + 2 * pad, height + 2 * pad)
        body.center = area.center
        placed: list[KeyCap] = []
        for index, row in enumerate(key_rows):
            row_w = width if len(row) == len(key_rows[0]) else round((width + gap) * len(row) / len(key_rows[0]) - gap)
            caps = self.keyboard.layout_keys(_Subset(keyset, tuple(row)), row_w, row_h, lang, gap)
            placed += _moved(caps, body.left + pad + (width - row_w) // 2, body.top + pad + index * (row_h + gap))
        return body, placed

    def prepare(self, area: pygame.Rect, keyset: KeySetLike, keyset_name: str, lang: str,
                backdrop: pygame.Surface) -> None:
        """Lay out and draw the keyboard if anything it shows changed (cheap when nothing did)."""
        disabled = keyset.disabled if isinstance(keyset, ButtonSet) else frozenset()
        labels = keyset.labels if isinstance(keyset, ButtonSet) else ()
        state = (tuple(area), keyset_name, lang, self.keyboard.state.layout, frozenset(self.keyboard.sticky),
                 disabled, labels, self.ctx.theme.lang)
        if state == self._state and self._surface is not None:
            return
        self._state = state
        self._disabled = disabled
        self.body, self.caps = self._arrange(area, keyset, lang)
        surface = backdrop.subsurface(self.body.clip(backdrop.get_rect())).copy()
        if surface.get_size() != self.body.size:
            surface = pygame.Surface(self.body.size)
        self._draw_body(surface)
        for cap in self.caps:
            self._draw_cap(surface, cap, False, self.body.topleft)
        self._surface = surface

    # --- drawing -----------------------------------------------------------------------------------------------
    def _color(self, token: str) -> pygame.Color:
        return self.ctx.theme.color(token, SCENE)

    def _draw_body(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        radius = self._size("key_radius") * 2
        pygame.draw.rect(surface, self._color("key_body_edge"), rect, border_radius=radius)
        pygame.draw.rect(surface, self._color("key_body"), rect.inflate(-self.ctx.theme.px(6), -self.ctx.theme.px(6)),
                         border_radius=radius)

    def _top_color(self, cap: KeyCap, pressed: bool) -> pygame.Color:
        if pressed:
            return self._color("key_pressed_top")
        if cap.kind == "layout":
            return self._color("key_layout_top")
        if cap.active:
            return self._color("key_active_top")
        if cap.kind == "char" and cap.key != "SPACE":
            return self._color("key_top")
        return self._color("key_special_top")

    def _draw_cap(self, surface: pygame.Surface, cap: KeyCap, pressed: bool, origin: tuple[int, int]) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        x, y, w, h = cap.rect
        rect = pygame.Rect(x - origin[0], y - origin[1], w, h)
        radius, lift = self._size("key_radius"), self._size("key_lift")
        pygame.draw.rect(surface, self._color("key_side"), rect, border_radius=radius)
        top = pygame.Rect(rect.left + lift // 2, rect.top + (lift if pressed else 0) + 1, rect.width - lift,
                          rect.height - lift - 1)
        pygame.draw.rect(surface, self._top_color(cap, pressed), top, border_radius=radius)
        fg = self._color("key_disabled_fg") if cap.key in self._disabled else self._color("key_fg")
        if cap.second_label and cap.kind == "char":
            small = text.line(cap.second_label, theme.font("sans", "key_label_tiny", SCENE), self._color("key_fg2"))
            surface.blit(small, small.get_rect(topright=(top.right - theme.px(5), top.top + theme.px(2))))
        block = self._label(cap, top, fg)
        surface.blit(block.surface, block.surface.get_rect(center=top.center))
        if cap.kind == "layout" and cap.second_label and top.height >= 3 * block.surface.get_height():
            small = text.line(cap.second_label, theme.font("sans", "key_label_tiny", SCENE), fg)
            surface.blit(small, small.get_rect(midbottom=(top.centerx, top.bottom - theme.px(2))))

    def _fonts(self, cap: KeyCap) -> list[pygame.font.Font]:
        theme = self.ctx.theme
        if len(self.caps) <= BIG_KEYS and len(cap.label) == 1:  # an arrow on a big key: a big arrow
            sizes = [("sans_bold", "big_key_symbol"), ("sans_bold", "big_key_label")]
        elif len(self.caps) <= BIG_KEYS:
            sizes = [("sans_bold", "big_key_label"), ("sans_bold", "key_label"), ("sans_bold", "key_label_small")]
        elif cap.kind == "char" and len(cap.label) == 1:
            sizes = [("sans_bold", "key_label"), ("sans_bold", "key_label_small")]
        else:  # Home, PgUp, Enter: narrow keys of a portrait screen get condensed type
            sizes = [("sans_bold", "key_label_small"), ("condensed_bold", "key_label_tiny"),
                     ("condensed_bold", "key_label_micro")]
        return [theme.font(role, size, SCENE) for role, size in sizes]

    def _label(self, cap: KeyCap, top: pygame.Rect, fg: pygame.Color) -> TextBlock:
        """The key's label in the largest type that fits; PgUp may become Pg/Up on two lines, never Ho/me."""
        text, fonts = self.ctx.text, self._fonts(cap)
        where = f"retro_pc:{self.prefix}{cap.key}"
        width = max(1, top.width - 2 * max(1, self.ctx.theme.px(3)))
        label = cap.label
        for font in fonts:
            if font.size(label)[0] <= width and (" " not in label or len(self.caps) > BIG_KEYS):
                return text.block(label, font, fg, width, 1, align="center", where=where)
        lines = max(1, min(2, top.height // max(1, fonts[-1].get_linesize())))
        split = CAMEL_BREAK.sub(" ", label) if lines > 1 else label
        if split == label and cap.key in SHORT_LABELS:
            return text.fit(SHORT_LABELS[cap.key], fonts, fg, width, 1, where=where, align="center")
        return text.fit(split, fonts, fg, width, lines, where=where, align="center")

    def draw(self, surface: pygame.Surface, now: float) -> None:
        """Blit the cached keyboard; keys tapped in the last moment are drawn pressed on top."""
        if self._surface is None:
            return
        surface.blit(self._surface, self.body.topleft)
        for cap in self.caps:
            until = self._flash.get(cap.key)
            if until is not None and until > now:
                self._draw_cap(surface, cap, True, (0, 0))

    # --- touch -------------------------------------------------------------------------------------------------
    def key_at(self, pos: tuple[float, float]) -> str | None:
        return OnScreenKeyboard.key_at(self.caps, pos[0], pos[1])

    def flash(self, key: str, now: float) -> None:
        self._flash[key] = now + FLASH_SECONDS

    def targets(self) -> list[Target]:
        return [Target(f"{self.prefix}{cap.key}", pygame.Rect(cap.rect), cap.label) for cap in self.caps]
