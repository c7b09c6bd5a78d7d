"""Image cache for scenes: decode in background threads, hand out pygame Surfaces, never block a frame.

`request()` returns a Surface when it is ready and None while it is being decoded (the scene draws a calm
placeholder meanwhile); `pump()` is called once per frame on the main thread and turns finished decodes into
Surfaces within a small time budget. Broken, truncated or gigantic files become a placeholder plus a reason
(`failed()`, `errors()`), never an exception. Memory is bounded: least recently used Surfaces are dropped.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

import pygame

from kiosk.content.image_decode import DecodedImage, Fit, ImageProblem, check_image, decode_image

__all__ = ["ImageCache", "check_image"]

LOG = logging.getLogger("kiosk.images")
Key = tuple[str, tuple[int, int], str]

PLACEHOLDER_BACKGROUND = (46, 50, 58)
PLACEHOLDER_STRIPE = (52, 57, 66)
PLACEHOLDER_GLYPH = (84, 90, 102)


def _surface_bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class ImageCache:
    """Bounded LRU of decoded, scaled images keyed by (path, size, fit)."""

    def __init__(self, max_mb: int = 256, workers: int = 2) -> None:
        self.max_bytes = int(max_mb * 1024 * 1024)
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="image-decode")
        self._surfaces: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self._bytes = 0
        self._pending: set[Key] = set()
        self._done: queue.SimpleQueue[tuple[int, Key, DecodedImage | None, str | None, float]] = queue.SimpleQueue()
        self._failed: dict[str, str] = {}
        self._placeholders: OrderedDict[tuple[int, int], pygame.Surface] = OrderedDict()
        self._generation = 0
        self._closed = False
        self.decode_ms: list[float] = []
        """Worker decode times of recent images (for bench and the admin overlay)."""
        self.surface_ms: list[float] = []
        """Main-thread times of recent images to become a Surface in `pump()` (the part a frame pays)."""

    # -- main thread -----------------------------------------------------------------------------------------
    def request(self, path: Path | str, size: tuple[int, int], fit: Literal["contain", "cover"] = "contain",
                ) -> pygame.Surface | None:
        """The image scaled into `size` (contain: fits inside; cover: fills and is cropped). None while it is
        decoding; the placeholder when it cannot be shown. Never blocks."""
        name = os.fspath(path)
        size = (int(size[0]), int(size[1]))
        key: Key = (name, size, fit)
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        if name in self._failed:
            return self.placeholder(size)
        if key not in self._pending and not self._closed:
            self._pending.add(key)
            self._executor.submit(self._decode, self._generation, key)
        return None

    def pump(self, max_ms: float = 2.0) -> int:
        """Turn finished decodes into Surfaces until `max_ms` is spent (at least one). Returns how many."""
        started = time.perf_counter()
        handled = 0
        while True:
            try:
                generation, key, decoded, reason, decode_ms = self._done.get_nowait()
            except queue.Empty:
                break
            if generation != self._generation:
                continue
            self._pending.discard(key)
            handled += 1
            if decoded is None:
                self._failed[key[0]] = reason or "unknown problem"
                LOG.warning("image %s cannot be shown: %s", key[0], reason)
            else:
                surface_started = time.perf_counter()
                self._store(key, self._to_surface(decoded))
                self.surface_ms = [*self.surface_ms[-49:], (time.perf_counter() - surface_started) * 1000]
                self.decode_ms = [*self.decode_ms[-49:], decode_ms]
            if (time.perf_counter() - started) * 1000 >= max_ms:
                break
        return handled

    def placeholder(self, size: tuple[int, int]) -> pygame.Surface:
        """A calm neutral card: soft diagonal stripes and a simple picture outline."""
        size = (max(1, int(size[0])), max(1, int(size[1])))
        cached = self._placeholders.get(size)
        if cached is not None:
            return cached
        surface = pygame.Surface(size)
        surface.fill(PLACEHOLDER_BACKGROUND)
        width, height = size
        step = max(12, min(width, height) // 12)
        for offset in range(-height, width, step * 2):
            pygame.draw.polygon(surface, PLACEHOLDER_STRIPE, [(offset, height), (offset + step, height),
                                                              (offset + step + height, 0), (offset + height, 0)])
        glyph = min(width, height) // 4
        if glyph >= 16:
            box = pygame.Rect(0, 0, glyph * 4 // 3, glyph)
            box.center = (width // 2, height // 2)
            line = max(2, glyph // 16)
            pygame.draw.rect(surface, PLACEHOLDER_GLYPH, box, width=line, border_radius=line * 2)
            pygame.draw.polygon(surface, PLACEHOLDER_GLYPH, [
                (box.left + line * 2, box.bottom - line * 2), (box.left + box.width * 2 // 5, box.top + box.height // 2),
                (box.left + box.width * 3 // 5, box.bottom - box.height // 3),
                (box.left + box.width * 3 // 4, box.top + box.height * 3 // 5),
                (box.right - line * 2, box.bottom - line * 2)])
            pygame.draw.circle(surface, PLACEHOLDER_GLYPH, (box.right - box.width // 4, box.top + box.height // 4),
                               max(2, glyph // 10))
        self._placeholders[size] = surface
        if len(self._placeholders) > 32:
            self._placeholders.popitem(last=False)
        return surface

    def failed(self, path: Path | str) -> str | None:
        """Why this image cannot be shown, or None (fine or not tried yet)."""
        return self._failed.get(os.fspath(path))

    def errors(self) -> list[tuple[str, str]]:
        """(path, reason) of every image that could not be shown, for the admin overlay and the log."""
        return sorted(self._failed.items())

    def pending(self) -> int:
        return len(self._pending)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._surfaces)

    def clear(self) -> None:
        """Forget everything (after a content reload): in-flight decodes are discarded when they arrive."""
        self._generation += 1
        self._surfaces.clear()
        self._bytes = 0
        self._pending.clear()
        self._failed.clear()

    def shutdown(self) -> None:
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- internals ---------------------------------------------------------------------------------------------
    def _store(self, key: Key, surface: pygame.Surface) -> None:
        cost = _surface_bytes(surface)
        while self._surfaces and self._bytes + cost > self.max_bytes:
            _, dropped = self._surfaces.popitem(last=False)
            self._bytes -= _surface_bytes(dropped)
        self._surfaces[key] = surface  # one image larger than the cache is kept alone until the next one
        self._bytes += cost

    @staticmethod
    def _to_surface(decoded: DecodedImage) -> pygame.Surface:
        has_display = pygame.display.get_init() and pygame.display.get_surface() is not None
        shared = pygame.image.frombuffer(decoded.data, decoded.size, decoded.mode)  # bytes or bytearray
        if not has_display:
            return shared.copy()  # its own pixels: the decoded buffer is dropped
        return shared.convert_alpha() if decoded.mode == "RGBA" else shared.convert()

    def _decode(self, generation: int, key: Key) -> None:
        """Worker thread: Pillow only (no pygame calls here)."""
        path, size, fit = key
        started = time.perf_counter()
        decoded: DecodedImage | None = None
        reason: str | None = None
        try:
            fit_value: Fit = "cover" if fit == "cover" else "contain"
            decoded = decode_image(Path(path), size, fit_value)
        except ImageProblem as exc:
            reason = str(exc)
        except Exception as exc:  # never let a worker die silently
            reason = f"the image cannot be decoded ({type(exc).__name__}: {exc})"
        self._done.put((generation, key, decoded, reason, (time.perf_counter() - started) * 1000))
