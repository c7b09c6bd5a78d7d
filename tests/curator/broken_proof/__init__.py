"""A stand-in scene whose proof module fails to import (the lint and the export must carry on without it)."""

from __future__ import annotations

from kiosk.scene import Scene

CONTENT_FILE = None
ContentModel = None
SCENE = Scene
