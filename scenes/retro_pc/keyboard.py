"""Keys of the emulated PC: one translation for physical and on-screen keys, layouts, on-screen key geometry.

A physical key press (pygame KEYDOWN) and a tap on the drawn keyboard both end in `KeyboardState.translate`,
so typing by taps is by construction the same as typing on a keyboard. The machine has its own layout switch
(ЙЦУКЕН / QWERTY), as DOS Cyrillic drivers had, independent of the host's layout: physical keys are read by
position (scancode) when available, else by US key code. The right Ctrl key switches the layout, as many
such drivers did; the on-screen keyboard has a РУС/LAT key.

Key ids: printable keys are named by their US position ("Q", "1", "SEMICOLON", "SPACE"); the others are
"ENTER", "ESC", "BACKSPACE", "TAB", "UP", "DOWN", "LEFT", "RIGHT", "HOME", "END", "PGUP", "PGDN", "INS",
"DEL", "F1".."F10"; "SHIFT", "CTRL", "ALT" are sticky modifiers on screen; "LAYOUT" switches the layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import pygame

Layout = Literal["en", "ru"]

# key id -> (US, US shifted, Russian, Russian shifted)
PRINTABLE: dict[str, tuple[str, str, str, str]] = {
    "GRAVE": ("`", "~", "ё", "Ё"),
    "1": ("1", "!", "1", "!"), "2": ("2", "@", "2", '"'), "3": ("3", "#", "3", "№"),
    "4": ("4", "$", "4", ";"), "5": ("5", "%", "5", "%"), "6": ("6", "^", "6", ":"),
    "7": ("7", "&", "7", "?"), "8": ("8", "*", "8", "*"), "9": ("9", "(", "9", "("),
    "0": ("0", ")", "0", ")"), "MINUS": ("-", "_", "-", "_"), "EQUALS": ("=", "+", "=", "+"),
    "Q": ("q", "Q", "й", "Й"), "W": ("w", "W", "ц", "Ц"), "E": ("e", "E", "у", "У"),
    "R": ("r", "R", "к", "К"), "T": ("t", "T", "е", "Е"), "Y": ("y", "Y", "н", "Н"),
    "U": ("u", "U", "г", "Г"), "I": ("i", "I", "ш", "Ш"), "O": ("o", "O", "щ", "Щ"),
    "P": ("p", "P", "з", "З"), "LBRACKET": ("[", "{", "х", "Х"), "RBRACKET": ("]", "}", "ъ", "Ъ"),
    "BACKSLASH": ("\\", "|", "\\", "/"),
    "A": ("a", "A", "ф", "Ф"), "S": ("s", "S", "ы", "Ы"), "D": ("d", "D", "в", "В"),
    "F": ("f", "F", "а", "А"), "G": ("g", "G", "п", "П"), "H": ("h", "H", "р", "Р"),
    "J": ("j", "J", "о", "О"), "K": ("k", "K", "л", "Л"), "L": ("l", "L", "д", "Д"),
    "SEMICOLON": (";", ":", "ж", "Ж"), "QUOTE": ("'", '"', "э", "Э"),
    "Z": ("z", "Z", "я", "Я"), "X": ("x", "X", "ч", "Ч"), "C": ("c", "C", "с", "С"),
    "V": ("v", "V", "м", "М"), "B": ("b", "B", "и", "И"), "N": ("n", "N", "т", "Т"),
    "M": ("m", "M", "ь", "Ь"), "COMMA": (",", "<", "б", "Б"), "PERIOD": (".", ">", "ю", "Ю"),
    "SLASH": ("/", "?", ".", ","),
    "SPACE": (" ", " ", " ", " "),
}
FUNCTION_KEYS = tuple(f"F{n}" for n in range(1, 11))
SPECIAL_KEYS = ("ENTER", "ESC", "BACKSPACE", "TAB", "UP", "DOWN", "LEFT", "RIGHT", "HOME", "END", "PGUP",
                "PGDN", "INS", "DEL", *FUNCTION_KEYS)
MODIFIER_KEYS = ("SHIFT", "CTRL", "ALT")
LAYOUT_KEY = "LAYOUT"
KEY_IDS: frozenset[str] = frozenset((*PRINTABLE, *SPECIAL_KEYS, *MODIFIER_KEYS, LAYOUT_KEY))


@dataclass(frozen=True)
class KeyEvent:
    """One key press as every program of the machine receives it."""

    key: str
    text: str = ""
    shift: bool = False
    ctrl: bool = False
    alt: bool = False


class KeyboardState:
    """The machine's active layout and the translation of a key id into a KeyEvent."""

    def __init__(self, layout: Layout = "en") -> None:
        self.layout: Layout = layout

    def toggle_layout(self) -> None:
        self.layout = "en" if self.layout == "ru" else "ru"

    def translate(self, key: str, shift: bool = False, ctrl: bool = False, alt: bool = False) -> KeyEvent | None:
        """The event a key produces; None for the layout switch (it only changes state)."""
        if key == LAYOUT_KEY:
            self.toggle_layout()
            return None
        chars = PRINTABLE.get(key)
        if chars is None:
            if key not in KEY_IDS:
                return None
            return KeyEvent(key, "", shift, ctrl, alt)
        text = "" if (ctrl or alt) and key != "SPACE" else chars[(2 if self.layout == "ru" else 0) + int(shift)]
        return KeyEvent(key, text, shift, ctrl, alt)

    def key_for_char(self, ch: str) -> tuple[str, bool] | None:
        """(key id, shift) that types `ch` in the active layout, or None if no key does."""
        base = 2 if self.layout == "ru" else 0
        for key, chars in PRINTABLE.items():
            if chars[base] == ch:
                return key, False
            if chars[base + 1] == ch:
                return key, True
        return None


# --- physical keys ------------------------------------------------------------------------------------------

def _pygame_maps() -> tuple[dict[int, str], dict[int, str]]:
    by_code: dict[int, str] = {}
    by_scan: dict[int, str] = {}
    named = {"GRAVE": "BACKQUOTE", "MINUS": "MINUS", "EQUALS": "EQUALS", "LBRACKET": "LEFTBRACKET",
             "RBRACKET": "RIGHTBRACKET", "BACKSLASH": "BACKSLASH", "SEMICOLON": "SEMICOLON", "QUOTE": "QUOTE",
             "COMMA": "COMMA", "PERIOD": "PERIOD", "SLASH": "SLASH", "SPACE": "SPACE", "ENTER": "RETURN",
             "ESC": "ESCAPE", "BACKSPACE": "BACKSPACE", "TAB": "TAB", "UP": "UP", "DOWN": "DOWN",
             "LEFT": "LEFT", "RIGHT": "RIGHT", "HOME": "HOME", "END": "END", "PGUP": "PAGEUP",
             "PGDN": "PAGEDOWN", "INS": "INSERT", "DEL": "DELETE"}
    scan_named = {**named, "GRAVE": "GRAVE", "QUOTE": "APOSTROPHE"}
    ids = [*PRINTABLE, *SPECIAL_KEYS]
    for key in ids:
        code_name = named.get(key, key.lower() if len(key) == 1 and key.isalpha() else key)
        code = getattr(pygame, f"K_{code_name}", None)
        if code is not None:
            by_code[code] = key
        scan = getattr(pygame, f"KSCAN_{scan_named.get(key, key)}", None)
        if scan is not None:
            by_scan[scan] = key
    by_code[pygame.K_KP_ENTER] = "ENTER"
    return by_code, by_scan


KEYCODE_TO_ID, SCANCODE_TO_ID = _pygame_maps()
LAYOUT_SWITCH_KEYCODES = frozenset({pygame.K_RCTRL})


def physical_key(state: KeyboardState, keycode: int, mod: int = 0, scancode: int | None = None) -> KeyEvent | None:
    """Translate a pygame KEYDOWN (event.key, event.mod, event.scancode) into the machine's KeyEvent."""
    if keycode in LAYOUT_SWITCH_KEYCODES:
        state.toggle_layout()
        return None
    key = SCANCODE_TO_ID.get(scancode) if scancode is not None else None
    key = key or KEYCODE_TO_ID.get(keycode)
    if key is None:
        return None
    return state.translate(key, bool(mod & pygame.KMOD_SHIFT), bool(mod & pygame.KMOD_CTRL),
                           bool(mod & pygame.KMOD_ALT))


# --- on-screen keyboard -------------------------------------------------------------------------------------

class KeySetLike(Protocol):
    """What the content model's key set provides (see model.KeySet)."""

    @property
    def full(self) -> bool: ...

    @property
    def function_keys(self) -> bool: ...

    @property
    def key_ids(self) -> Sequence[str]: ...

    def label_for(self, key: str, lang: str) -> str | None: ...


@dataclass(frozen=True)
class KeyCap:
    """One drawn key: where it is, what it says, what kind it is; rect is (x, y, w, h) in pixels."""

    key: str
    label: str
    second_label: str
    rect: tuple[int, int, int, int]
    kind: Literal["char", "special", "modifier", "layout"]
    active: bool = False


SPECIAL_LABELS = {
    "ENTER": "Enter", "ESC": "Esc", "BACKSPACE": "←Bksp", "TAB": "Tab", "UP": "↑", "DOWN": "↓", "LEFT": "←",
    "RIGHT": "→", "HOME": "Home", "END": "End", "PGUP": "PgUp", "PGDN": "PgDn", "INS": "Ins", "DEL": "Del",
    "SHIFT": "Shift", "CTRL": "Ctrl", "ALT": "Alt", "SPACE": "",
    **{f: f for f in FUNCTION_KEYS},
}

# (key id, width in units); None is a gap. The main block is 15 units wide, the cursor block 3 more.
FULL_ROWS: tuple[tuple[tuple[str | None, float], ...], ...] = (
    (("GRAVE", 1), ("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 1), ("6", 1), ("7", 1), ("8", 1), ("9", 1),
     ("0", 1), ("MINUS", 1), ("EQUALS", 1), ("BACKSPACE", 2), (None, 0.25), ("INS", 1), ("HOME", 1),
     ("PGUP", 1)),
    (("TAB", 1.5), ("Q", 1), ("W", 1), ("E", 1), ("R", 1), ("T", 1), ("Y", 1), ("U", 1), ("I", 1), ("O", 1),
     ("P", 1), ("LBRACKET", 1), ("RBRACKET", 1), ("BACKSLASH", 1.5), (None, 0.25), ("DEL", 1), ("END", 1),
     ("PGDN", 1)),
    (("LAYOUT", 1.75), ("A", 1), ("S", 1), ("D", 1), ("F", 1), ("G", 1), ("H", 1), ("J", 1), ("K", 1),
     ("L", 1), ("SEMICOLON", 1), ("QUOTE", 1), ("ENTER", 2.25)),
    (("SHIFT", 2.25), ("Z", 1), ("X", 1), ("C", 1), ("V", 1), ("B", 1), ("N", 1), ("M", 1), ("COMMA", 1),
     ("PERIOD", 1), ("SLASH", 1), (None, 2.75 + 0.25 + 1), ("UP", 1)),
    (("CTRL", 1.5), ("ALT", 1.5), ("SPACE", 9), ("ESC", 3), (None, 0.25), ("LEFT", 1), ("DOWN", 1),
     ("RIGHT", 1)),
)
FUNCTION_ROW: tuple[tuple[str | None, float], ...] = tuple(
    item for n, f in enumerate(FUNCTION_KEYS) for item in (((None, 0.5),) if n in (4, 8) else ()) + ((f, 1.25),)
)
FULL_WIDTH_UNITS = 18.25


class OnScreenKeyboard:
    """Sticky modifiers and key geometry of the drawn keyboard; taps go through the shared KeyboardState."""

    def __init__(self, state: KeyboardState) -> None:
        self.state = state
        self.sticky: set[str] = set()

    def tap(self, key: str) -> KeyEvent | None:
        """A tap on a drawn key. Modifiers arm (or disarm) for the next key; the layout key switches."""
        if key in MODIFIER_KEYS:
            self.sticky ^= {key}
            return None
        event = self.state.translate(key, "SHIFT" in self.sticky, "CTRL" in self.sticky, "ALT" in self.sticky)
        if key != LAYOUT_KEY:
            self.sticky.clear()
        return event

    def taps_for_text(self, text: str) -> list[str]:
        """The taps that type `text` in the active layout (SHIFT before shifted characters)."""
        taps: list[str] = []
        for ch in text:
            found = self.state.key_for_char(ch)
            if found is None:
                raise ValueError(f"no key types {ch!r} in layout {self.state.layout}")
            key, shift = found
            taps.extend(["SHIFT", key] if shift else [key])
        return taps

    def layout_indicator(self) -> str:
        return "РУС" if self.state.layout == "ru" else "LAT"

    def _cap(self, key: str, rect: tuple[int, int, int, int], custom: str | None) -> KeyCap:
        if key == LAYOUT_KEY:
            return KeyCap(key, custom or self.layout_indicator(), "РУС/LAT", rect, "layout")
        if key in MODIFIER_KEYS:
            return KeyCap(key, custom or SPECIAL_LABELS[key], "", rect, "modifier", key in self.sticky)
        chars = PRINTABLE.get(key)
        if chars is None or key == "SPACE":
            return KeyCap(key, custom or SPECIAL_LABELS.get(key, key), "", rect, "special")
        shifted = "SHIFT" in self.sticky
        ru, en = chars[2 + int(shifted)], chars[int(shifted)]
        main, second = (ru, en) if self.state.layout == "ru" else (en, ru)
        return KeyCap(key, custom or main, second if second != main else "", rect, "char")

    def layout_keys(self, keyset: KeySetLike | None, width: int, height: int, lang: str = "ru",
                    gap: int = 4) -> list[KeyCap]:
        """The keys to draw for a program's key set inside a width x height area (origin at 0, 0)."""
        if keyset is not None and not keyset.full:
            ids = list(keyset.key_ids)
            if not ids:
                return []
            key_w = (width - gap * (len(ids) - 1)) / len(ids)
            return [self._cap(key, (round(i * (key_w + gap)), 0, round(key_w), height), keyset.label_for(key, lang))
                    for i, key in enumerate(ids)]
        rows: list[tuple[tuple[str | None, float], ...]] = list(FULL_ROWS)
        if keyset is None or keyset.function_keys:
            rows.insert(0, FUNCTION_ROW)
        unit = (width + gap) / FULL_WIDTH_UNITS
        row_h = (height + gap) / len(rows)
        caps: list[KeyCap] = []
        for r, row in enumerate(rows):
            x = 0.0
            for key, units in row:
                if key is not None:
                    rect = (round(x), round(r * row_h), round(units * unit - gap), round(row_h - gap))
                    caps.append(self._cap(key, rect, keyset.label_for(key, lang) if keyset else None))
                x += units * unit
        return caps

    @staticmethod
    def key_at(caps: Sequence[KeyCap], x: float, y: float) -> str | None:
        for cap in caps:
            cx, cy, cw, ch = cap.rect
            if cx <= x < cx + cw and cy <= y < cy + ch:
                return cap.key
        return None
