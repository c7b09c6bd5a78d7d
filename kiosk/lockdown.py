"""Kiosk-mode key lockdown: system key chords never reach a scene, and the keyboard is grabbed by the window.

Why: visitors will press Alt+Tab, Alt+F4, Super, Ctrl+Alt+Del and Ctrl+Alt+F1 on any keyboard they find (the
retro PC scene may have one). The display server and the PC are locked down in deploy/ (no VT switch, no
zap, no window manager); here the program itself swallows the chords, so a scene never reacts to them (a Tab
typed into the retro editor by Alt+Tab, say), and grabs the keyboard so a desktop's shortcuts, were one ever
present, would come to the exhibit instead (SDL: keyboard grab; on Wayland the shortcuts-inhibit protocol).
"""

from __future__ import annotations

import logging
import warnings

import pygame

LOG = logging.getLogger("kiosk.lockdown")

SDLK_APPLICATION = 0x40000065  # the context-menu key on PC keyboards (pygame has no name for it)
SDLK_SLEEP = 0x4000011A
_SYSTEM_KEYS = frozenset({pygame.K_LGUI, pygame.K_RGUI, pygame.K_MENU, pygame.K_SYSREQ, pygame.K_POWER,
                          SDLK_APPLICATION, SDLK_SLEEP})
"""Keys that belong to the operating system: Super/Windows, the context-menu key, SysRq, power and sleep."""

_FUNCTION_KEYS = frozenset(getattr(pygame, f"K_F{n}") for n in range(1, 25) if hasattr(pygame, f"K_F{n}"))
_ALT_CHORD_KEYS = _FUNCTION_KEYS | {pygame.K_TAB, pygame.K_ESCAPE, pygame.K_SPACE}
_CTRL_CHORD_KEYS = frozenset({pygame.K_ESCAPE})


def is_system_chord(key: int, mod: int) -> bool:
    """True for a key press that is a desktop/OS chord: Super(+anything), Alt+Tab/Esc/Space/F1–F24 (Alt+F4),
    Ctrl+Esc, and Ctrl+Alt+anything (Ctrl+Alt+Del, Ctrl+Alt+Backspace, Ctrl+Alt+F1…)."""
    if key in _SYSTEM_KEYS or mod & pygame.KMOD_GUI:
        return True
    ctrl, alt = bool(mod & pygame.KMOD_CTRL), bool(mod & pygame.KMOD_ALT)
    if ctrl and alt:
        return True
    if alt and key in _ALT_CHORD_KEYS:
        return True
    return ctrl and key in _CTRL_CHORD_KEYS


def _window() -> pygame.Window:
    with warnings.catch_warnings():  # deprecated for Window-based rendering; the display module is what we use
        warnings.simplefilter("ignore", DeprecationWarning)
        return pygame.Window.from_display_module()


def take_focus() -> bool:
    """Raise the exhibit window and give it the keyboard focus again. Both are needed: raising asks a window
    manager (there is none in the bare X session of deploy/x11), the input focus is set by the X server itself.
    False if SDL refused."""
    try:
        window = _window()
        window.focus()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # input_only is the only way to SetInputFocus
            window.focus(input_only=True)
        return True
    except (AttributeError, TypeError, pygame.error) as exc:
        LOG.warning("could not take the focus back: %s", exc)
        return False


def grab_keyboard() -> bool:
    """Ask SDL to route every key (system shortcuts included) to the exhibit window. False if not possible."""
    try:
        window = _window()
        window.grab_keyboard = True
        return bool(window.grab_keyboard)
    except (AttributeError, pygame.error) as exc:
        LOG.warning("could not grab the keyboard: %s", exc)
        return False
