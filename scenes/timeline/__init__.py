"""Timeline scene package: the exhibit's home screen (lanes, eras, event cards, detail views, attract tour).

Exports what the engine needs (`SCENE`, `CONTENT_FILE`, `ContentModel`) and the `timeline` bench scenario.
"""

from .bench import BENCH
from .model import ContentModel
from .scene import TimelineScene
from .tuning import CONTENT_FILE

SCENE = TimelineScene

__all__ = ["BENCH", "CONTENT_FILE", "SCENE", "ContentModel"]
