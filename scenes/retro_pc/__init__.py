"""The 1990s computer scene: a typical PC of the time booting to a DOS prompt, with programs, playable by touch.

The machine (logic, text screen, keyboard, programs, content schema) is drawn by the scene UI (scene.py):
a CRT on a desk, the on-screen keyboard, and the period browser the modem dialer opens.
"""

from .model import ContentModel
from .scene import RetroPcScene

SCENE = RetroPcScene
CONTENT_FILE = "retro_pc.yaml"

__all__ = ["CONTENT_FILE", "SCENE", "ContentModel"]
