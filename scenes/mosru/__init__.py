"""The first mos.ru scene: a 1990s browser dials up and loads a reconstruction of the city's first website,
then compares it with today's mos.ru. This wave provides the content model, the dial-up model and the
handshake sound; the scene class (SCENE) comes with the browser UI."""

from scenes.mosru.model import ContentModel

CONTENT_FILE = "mosru.yaml"

__all__ = ["CONTENT_FILE", "ContentModel"]
