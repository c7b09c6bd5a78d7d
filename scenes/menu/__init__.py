"""A plain menu of the enabled scenes: the home screen when the timeline is switched off."""

from pydantic import RootModel

from scenes.menu.scene import MenuScene

SCENE = MenuScene
CONTENT_FILE = None
ContentModel: type[RootModel] | None = None
