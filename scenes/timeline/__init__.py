"""Timeline scene package: the exhibit's home screen (lanes, eras, event cards).

For now this exports only the content model of timeline.yaml. `SCENE` (the Scene class) is added by the
timeline scene work (issue 5); the engine needs it before the scene can be enabled in config/kiosk.yaml.
"""

from .model import ContentModel

CONTENT_FILE = "timeline.yaml"

# SCENE: added by the timeline scene work (issue 5), e.g. `from .scene import TimelineScene as SCENE`.

__all__ = ["CONTENT_FILE", "ContentModel"]
