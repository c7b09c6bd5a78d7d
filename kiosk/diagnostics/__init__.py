"""The installer's self-test screen (`run_kiosk.py selftest`), built like a scene but never in the exhibit."""

from kiosk.diagnostics.scene import SelftestScene

SCENE = SelftestScene
CONTENT_FILE = None
ContentModel = None
