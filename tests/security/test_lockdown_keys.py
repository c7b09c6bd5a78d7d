"""Which key presses count as system chords in --kiosk (kiosk/lockdown.py), and that the app drops them
before any overlay or scene sees them — while ordinary typing (the retro PC's keyboard) still arrives."""

from __future__ import annotations

import pygame
import pytest

from kiosk.gestures import KeyPress
from kiosk.lockdown import SDLK_APPLICATION, is_system_chord

CTRL, ALT, GUI, SHIFT = pygame.KMOD_LCTRL, pygame.KMOD_LALT, pygame.KMOD_LGUI, pygame.KMOD_LSHIFT


@pytest.mark.parametrize(("key", "mod"), [
    (pygame.K_F4, ALT), (pygame.K_TAB, ALT), (pygame.K_TAB, ALT | SHIFT), (pygame.K_ESCAPE, ALT),
    (pygame.K_SPACE, ALT), (pygame.K_F2, ALT), (pygame.K_BACKSPACE, CTRL | ALT), (pygame.K_DELETE, CTRL | ALT),
    (pygame.K_F1, CTRL | ALT), (pygame.K_F12, CTRL | ALT), (pygame.K_t, CTRL | ALT), (pygame.K_LGUI, 0),
    (pygame.K_RGUI, 0), (pygame.K_d, GUI), (pygame.K_l, GUI), (pygame.K_ESCAPE, CTRL),
    (pygame.K_ESCAPE, CTRL | SHIFT), (pygame.K_MENU, 0), (SDLK_APPLICATION, 0)])
def test_system_chords(key: int, mod: int) -> None:
    assert is_system_chord(key, mod)


@pytest.mark.parametrize(("key", "mod"), [
    (pygame.K_a, 0), (pygame.K_a, SHIFT), (pygame.K_F1, 0), (pygame.K_F10, 0), (pygame.K_ESCAPE, 0),
    (pygame.K_TAB, 0), (pygame.K_BACKSPACE, 0), (pygame.K_c, CTRL), (pygame.K_q, CTRL), (pygame.K_RETURN, 0),
    (pygame.K_x, ALT), (pygame.K_LALT, ALT), (pygame.K_LCTRL, CTRL)])
def test_ordinary_keys_and_the_retro_pcs_keys_pass(key: int, mod: int) -> None:
    assert not is_system_chord(key, mod)


def test_kiosk_app_drops_chords_before_scenes(make_app) -> None:
    from tests.engine import scenes_for_tests as rec

    rec.EVENTS.clear()
    app = make_app(scenes={"rec": "tests.engine.scenes_for_tests", "boom": "tests.engine.boom"}, home="rec",
                   kiosk=True)
    for key, mod in [(pygame.K_F4, ALT), (pygame.K_TAB, ALT), (pygame.K_DELETE, CTRL | ALT), (pygame.K_LGUI, 0),
                     (pygame.K_a, 0), (pygame.K_q, CTRL)]:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.advance(0.2)
    keys = [(e.key, e.mod) for e in rec.EVENTS if isinstance(e, KeyPress)]
    assert keys == [(pygame.K_a, 0), (pygame.K_q, CTRL)]
    assert app.running  # QUIT and Ctrl+Q do not end a kiosk
