"""The 1990s computer scene: a typical PC of the time booting to a DOS prompt, with programs, playable by touch.

This package holds the machine (logic, text screen, keyboard, programs, content schema); the scene UI that
draws the monitor and the on-screen keyboard comes later.
"""

from .model import ContentModel

CONTENT_FILE = "retro_pc.yaml"

__all__ = ["CONTENT_FILE", "ContentModel"]
