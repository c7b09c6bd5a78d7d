"""A test scene whose enter() raises (config names scenes by module)."""

from tests.engine.scenes_for_tests import EnterFails

CONTENT_FILE = None
ContentModel = None
SCENE = EnterFails
