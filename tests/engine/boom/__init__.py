"""The crashing test scene as its own package (config names scenes by module)."""

from tests.engine.scenes_for_tests import BoomScene

CONTENT_FILE = None
ContentModel = None
SCENE = BoomScene
