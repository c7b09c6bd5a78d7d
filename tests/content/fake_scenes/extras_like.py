"""A second scene with its own content file (ids must be unique across both)."""

from tests.content.models import Extras

CONTENT_FILE = "extras.yaml"
ContentModel = Extras
