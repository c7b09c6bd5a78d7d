"""Page engine: 1990s-style web pages from YAML (model), flowed layout, rendering with dial-up reveal, and
browser history. Shared by every in-kiosk browser (the first mos.ru scene, the 1990s computer)."""

from kiosk.pages.history import History
from kiosk.pages.model import BLOCK_TYPES, Page, PageBytes, Site, page_bytes
from kiosk.pages.render import PageRenderer, RenderedPage

__all__ = ["BLOCK_TYPES", "History", "Page", "PageBytes", "PageRenderer", "RenderedPage", "Site", "page_bytes"]
