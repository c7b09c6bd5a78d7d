"""The first mos.ru scene: a 1990s browser dials up and loads a reconstruction of the city's first website,
then compares it with today's mos.ru. Content model, dial-up model and handshake sound live beside the
scene UI (scene.py and its drawing modules)."""

from scenes.mosru.model import ContentModel
from scenes.mosru.scene import MosruScene

SCENE = MosruScene
CONTENT_FILE = "mosru.yaml"

__all__ = ["CONTENT_FILE", "SCENE", "ContentModel"]
