"""Typing by taps on the drawn keyboard gives exactly what typing on a physical keyboard gives, in both layouts."""

from __future__ import annotations

import itertools

import pygame
import pytest

from scenes.retro_pc.keyboard import (
    FUNCTION_KEYS,
    KEY_IDS,
    PRINTABLE,
    KeyboardState,
    KeyEvent,
    OnScreenKeyboard,
    physical_key,
)
from scenes.retro_pc.model import ContentModel

from .conftest import MachineFactory

US_KEYCODES = {
    "GRAVE": pygame.K_BACKQUOTE, "MINUS": pygame.K_MINUS, "EQUALS": pygame.K_EQUALS,
    "LBRACKET": pygame.K_LEFTBRACKET, "RBRACKET": pygame.K_RIGHTBRACKET, "BACKSLASH": pygame.K_BACKSLASH,
    "SEMICOLON": pygame.K_SEMICOLON, "QUOTE": pygame.K_QUOTE, "COMMA": pygame.K_COMMA,
    "PERIOD": pygame.K_PERIOD, "SLASH": pygame.K_SLASH, "SPACE": pygame.K_SPACE,
}


def keycode(key: str) -> int:
    if key in US_KEYCODES:
        return US_KEYCODES[key]
    return pygame.key.key_code(key.lower())


def physical_events(state: KeyboardState, text: str) -> list[KeyEvent | None]:
    events = []
    for ch in text:
        found = state.key_for_char(ch)
        assert found is not None, ch
        key, shift = found
        events.append(physical_key(state, keycode(key), pygame.KMOD_LSHIFT if shift else 0))
    return events


def tap_events(keyboard: OnScreenKeyboard, text: str) -> list[KeyEvent | None]:
    return [event for event in (keyboard.tap(k) for k in keyboard.taps_for_text(text)) if event is not None]


@pytest.mark.parametrize(("layout", "text"), [
    ("en", "dir c:\\games /w | type README.TXT ~!@#$%^&*()_+{}:\"<>?"),
    ("ru", "Привет, мир! Съешь же ещё этих мягких французских булок. №;:?ЁЖЭХЪБЮ"),
])
def test_taps_equal_physical_keys(layout: str, text: str) -> None:
    tapped_state, typed_state = KeyboardState(layout), KeyboardState(layout)  # type: ignore[arg-type]
    tapped = tap_events(OnScreenKeyboard(tapped_state), text)
    typed = physical_events(typed_state, text)
    assert tapped == typed
    assert "".join(e.text for e in tapped if e) == text


@pytest.mark.parametrize("layout", ["en", "ru"])
def test_every_printable_key_agrees_plain_and_shifted(layout: str) -> None:
    for key, shift in itertools.product(PRINTABLE, (False, True)):
        screen_kb = OnScreenKeyboard(KeyboardState(layout))  # type: ignore[arg-type]
        if shift:
            assert screen_kb.tap("SHIFT") is None
        tapped = screen_kb.tap(key)
        typed = physical_key(KeyboardState(layout), keycode(key), pygame.KMOD_SHIFT if shift else 0)  # type: ignore[arg-type]
        assert tapped == typed, (key, shift)


def test_special_keys_and_sticky_modifiers_match() -> None:
    kb = OnScreenKeyboard(KeyboardState("en"))
    pairs = {"ENTER": pygame.K_RETURN, "ESC": pygame.K_ESCAPE, "BACKSPACE": pygame.K_BACKSPACE,
             "TAB": pygame.K_TAB, "UP": pygame.K_UP, "LEFT": pygame.K_LEFT, "F1": pygame.K_F1,
             "F10": pygame.K_F10, "PGDN": pygame.K_PAGEDOWN, "DEL": pygame.K_DELETE}
    for key, code in pairs.items():
        assert kb.tap(key) == physical_key(KeyboardState("en"), code) == KeyEvent(key)
    kb.tap("CTRL")
    assert kb.tap("C") == physical_key(KeyboardState("en"), pygame.K_c, pygame.KMOD_LCTRL) == KeyEvent(
        "C", "", ctrl=True)
    assert kb.sticky == set()
    kb.tap("SHIFT")
    kb.tap("SHIFT")  # a second tap disarms
    assert kb.tap("A") == KeyEvent("A", "a")


def test_scancodes_read_keys_by_position() -> None:
    state = KeyboardState("ru")
    event = physical_key(state, pygame.K_UNKNOWN, 0, pygame.KSCAN_Q)
    assert event == KeyEvent("Q", "й")


def test_layout_switch_on_screen_and_right_ctrl() -> None:
    state = KeyboardState("en")
    kb = OnScreenKeyboard(state)
    assert kb.layout_indicator() == "LAT"
    assert kb.tap("LAYOUT") is None
    assert state.layout == "ru" and kb.layout_indicator() == "РУС"
    assert physical_key(state, pygame.K_RCTRL) is None
    assert state.layout == "en"


def test_typing_into_the_shell_by_taps_equals_physical_typing(make_machine: MachineFactory) -> None:
    for lang, command in (("en", "type readme.txt"), ("ru", "ВЕР")):
        tapped, typed = make_machine(lang), make_machine(lang)
        tapped.keys.layout = typed.keys.layout = "en" if lang == "en" else "ru"
        for key in tapped.on_screen.taps_for_text(command) + ["ENTER"]:
            tapped.tap_key(key)
        for ch in command:
            found = typed.keys.key_for_char(ch)
            assert found is not None
            typed.key_down(keycode(found[0]), pygame.KMOD_SHIFT if found[1] else 0)
        typed.key_down(pygame.K_RETURN)
        assert tapped.screen.text() == typed.screen.text()
        assert tapped.shell.history == typed.shell.history == [command]


def test_full_keyboard_geometry_fits_and_does_not_overlap() -> None:
    kb = OnScreenKeyboard(KeyboardState("ru"))
    caps = kb.layout_keys(None, 1800, 600)
    ids = {cap.key for cap in caps}
    assert ids == KEY_IDS
    assert set(FUNCTION_KEYS) <= ids
    for cap in caps:
        x, y, w, h = cap.rect
        assert x >= 0 and y >= 0 and x + w <= 1800 and y + h <= 600 and w > 40 and h > 40, cap
    for a, b in itertools.combinations(caps, 2):
        ra, rb = pygame.Rect(a.rect), pygame.Rect(b.rect)
        assert not ra.colliderect(rb), (a.key, b.key)
    q = next(cap for cap in caps if cap.key == "Q")
    assert (q.label, q.second_label) == ("й", "q")
    assert kb.key_at(caps, q.rect[0] + 5, q.rect[1] + 5) == "Q"


def test_blocks_shows_only_its_keys(real_content: ContentModel) -> None:
    kb = OnScreenKeyboard(KeyboardState("en"))
    caps = kb.layout_keys(real_content.keyset("blocks"), 1200, 120, lang="ru")
    assert [cap.key for cap in caps] == ["LEFT", "UP", "DOWN", "RIGHT", "SPACE", "ENTER", "ESC"]
    assert next(c for c in caps if c.key == "UP").label == "Повернуть"
    assert next(c for c in caps if c.key == "SPACE").label == "Сбросить"
    assert real_content.keyset("shell").full
