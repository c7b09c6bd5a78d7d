"""Images too small for the box they are shown in: each image a scene asked the image cache for, at the box
size it asked for, compared with the picture's own pixels.

A box is filled the way the scene asked: `contain` (the whole picture fits inside) or `cover` (it fills the
box and is cropped). The picture needs `image_px_per_box_px` of its own pixels per screen pixel it covers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from kiosk.content.assets import iter_asset_paths
from kiosk.content.loader import ContentBundle

EXIF_ORIENTATION = 0x0112
TURNED = {5, 6, 7, 8}
"""EXIF orientations that swap width and height."""


@dataclass(frozen=True)
class ImageShortfall:
    path: str
    image_size: tuple[int, int]
    needed: tuple[int, int]
    shown: tuple[int, int]
    screen: str
    screen_size: tuple[int, int]


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height as shown (EXIF orientation applied); None when it cannot be read."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION) in TURNED:
                width, height = height, width
            return width, height
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def shown_size(image: tuple[int, int], box: tuple[int, int], fit: str) -> tuple[int, int]:
    """Screen pixels the whole picture spans when scaled into `box` (beyond the box when cropped by cover)."""
    scales = (box[0] / image[0], box[1] / image[1])
    scale = max(scales) if fit == "cover" else min(scales)
    return round(image[0] * scale), round(image[1] * scale)


def shortfalls(requests: Iterable[tuple[tuple[str, tuple[int, int], str], str, tuple[int, int]]],
               factor: float) -> list[ImageShortfall]:
    """The worst box of every image that is too small for it. `requests`: ((path, box, fit), screen, size)."""
    worst: dict[str, ImageShortfall] = {}
    sizes: dict[str, tuple[int, int] | None] = {}
    for (path, box, fit), screen, screen_size in requests:
        if path not in sizes:
            sizes[path] = image_size(Path(path))
        own = sizes[path]
        if own is None or min(box) <= 0:
            continue
        shown = shown_size(own, box, fit)
        needed = (round(shown[0] * factor), round(shown[1] * factor))
        if own[0] >= needed[0] - 1 and own[1] >= needed[1] - 1:
            continue
        found = ImageShortfall(path, own, needed, shown, screen, screen_size)
        if path not in worst or needed[0] > worst[path].needed[0]:
            worst[path] = found
    return list(worst.values())


def asset_locations(bundle: ContentBundle) -> dict[str, tuple[str, tuple]]:
    """Resolved file path → (content file, location) of the first place that names it."""
    found: dict[str, tuple[str, tuple]] = {}
    root = Path(bundle.root)
    for file, model in bundle.models.items():
        for loc, relative in iter_asset_paths(model):
            key = os.path.realpath(root / relative)
            found.setdefault(key, (file, loc))
    return found
