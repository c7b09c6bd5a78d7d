"""A scene without a content file (like a menu)."""

CONTENT_FILE = None
ContentModel = None
