"""Pillow-only image work: a cheap validity check for `check`, and a full decode for the image cache.

Kept free of pygame so `check` and the loader can use it without opening a display. Every failure is an
`ImageProblem` whose text a curator can act on ("the file is cut off: copy it again").

Big photos (issue #4: a 6000×4000 JPEG to a 1920-wide card in ≤ 150 ms) spend most of their time in
libjpeg's entropy decoding, which one thread must do alone. The JPEG is drafted (libjpeg's DCT scaling to
the smallest 1/2, 1/4 or 1/8 size still at least the card) and the final scaling overlaps the decoding:
`_StripScaler` scales the card strip by strip on a helper thread as soon as the decoder has written the
source rows a strip needs, so only the last strip is left when the decoder finishes.
"""

from __future__ import annotations

import threading
import warnings
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

Fit = Literal["contain", "cover"]
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
_ORIENTATION_TAG = 0x0112
_SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
_TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90}
"""The same table as `ImageOps.exif_transpose`, applied to the scaled card instead of the big source."""
_DEFAULT_MAX_PIXELS = 89_478_485
DOWNSCALE_FILTER = Image.Resampling.BILINEAR
"""Antialiased downscaling. BOX (used before) aliased at the 1.5625 factor left after drafting a 6000×4000
photo to 1920×1280: thin lines came out alternately thick and thin, text edges stair-stepped."""
UPSCALE_FILTER = Image.Resampling.BICUBIC
_FILTER_SUPPORT = {Image.Resampling.BILINEAR: 1.0, Image.Resampling.BICUBIC: 2.0}
STRIP_SCALING_MIN_PIXELS = 2_000_000
"""Sources (after drafting) smaller than this are scaled in one go: the strip bookkeeping would cost more
than it saves."""
_STRIP_ROWS = 40
_HELPER_BACKLOG = 2


class ImageProblem(Exception):
    """Why an image cannot be shown, in curator words."""


@dataclass(frozen=True)
class DecodedImage:
    """Pixels ready for `pygame.image.frombuffer`: 'RGBX' (opaque) or 'RGBA', 4 bytes a pixel. `data` is a
    bytearray when the card was filled strip by strip (no extra copy to make it bytes)."""

    size: tuple[int, int]
    mode: Literal["RGBX", "RGBA"]
    data: bytes | bytearray

    @property
    def nbytes(self) -> int:
        return len(self.data)


def is_image_path(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS


def max_pixels() -> int:
    return int(Image.MAX_IMAGE_PIXELS or _DEFAULT_MAX_PIXELS)


def _guard_size(width: int, height: int) -> None:
    limit = max_pixels()
    if width <= 0 or height <= 0:
        raise ImageProblem(f"the image has an impossible size ({width}×{height}): the file is damaged")
    if width * height > limit:
        raise ImageProblem(f"the image is too large ({width}×{height} = {width * height / 1e6:.0f} megapixels, "
                           f"at most {limit / 1e6:.0f}): make it smaller, about 4000 pixels wide is plenty")


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except FileNotFoundError:
        raise ImageProblem("the file is not there") from None
    except Image.DecompressionBombError:
        raise ImageProblem(f"the image is too large (more than {max_pixels() / 1e6:.0f} megapixels): "
                           "make it smaller, about 4000 pixels wide is plenty") from None
    except UnidentifiedImageError:
        raise ImageProblem("this is not an image the kiosk can read (damaged, or not really "
                           f"a {path.suffix.lstrip('.').upper() or 'picture'} file): save it again as PNG or JPEG") from None
    except OSError as exc:
        if exc.strerror is None:  # Pillow's own errors ("Truncated File Read", ...), not the file system's
            raise ImageProblem(_describe_decode_failure(exc)) from None
        raise ImageProblem(f"the file cannot be read ({exc.strerror})") from None
    except Exception as exc:  # Pillow raises many kinds on garbage headers
        raise ImageProblem(f"the image is damaged and cannot be read ({type(exc).__name__})") from None
    _guard_size(*image.size)
    return image


def _describe_decode_failure(exc: BaseException) -> str:
    text = str(exc)
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "the file is cut off (an incomplete copy or download?): copy it again"
    if isinstance(exc, MemoryError):
        return "the image needs too much memory: make it smaller"
    return f"the image is damaged and cannot be decoded ({type(exc).__name__}: {text[:80]})"


def _jpeg_is_complete(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        return b"\xff\xd9" in handle.read()


def check_image(path: Path) -> str | None:
    """Cheap check: header readable, size within the pixel guard, structure intact. Returns the reason or None."""
    try:
        with _open(Path(path)) as image:
            kind = image.format
            if kind == "JPEG":
                if not _jpeg_is_complete(Path(path)):
                    return "the file is cut off (an incomplete copy or download?): copy it again"
                image.verify()
            elif kind == "PNG":
                image.verify()
            else:
                image.seek(0)
                image.load()
    except ImageProblem as exc:
        return str(exc)
    except Exception as exc:
        return _describe_decode_failure(exc)
    return None


def fitted_size(source: tuple[int, int], box: tuple[int, int], fit: Fit) -> tuple[int, int]:
    """Size of the source scaled to fit inside ('contain') or to fill ('cover') the box, aspect kept."""
    width, height = source
    scale = (min if fit == "contain" else max)(box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_display_mode(image: Image.Image) -> Image.Image:
    """Any Pillow mode -> RGB or RGBA (CMYK, 16-bit, palette with transparency, LA, float...)."""
    mode = image.mode
    if mode in ("RGB", "RGBA"):
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        extrema = image.getextrema()
        top = extrema[1] if isinstance(extrema[1], int | float) else 255
        high = 65535 if mode.startswith("I;16") or top > 255 else 255
        return image.convert("I").point(lambda value: value * (255 / high)).convert("L").convert("RGB")
    if mode == "F":
        return image.point(lambda value: value * 255).convert("L").convert("RGB")
    if mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mode in ("LA", "La", "PA", "RGBa"):
        return image.convert("RGBA")
    if mode in ("L", "1", "CMYK", "YCbCr", "LAB", "HSV"):
        if mode == "L" and "transparency" in image.info:
            return image.convert("RGBA")
        return image.convert("RGB")
    return image.convert("RGBA")


def _filter(source: tuple[float, float], out: tuple[int, int]) -> Image.Resampling:
    return DOWNSCALE_FILTER if source[0] >= out[0] and source[1] >= out[1] else UPSCALE_FILTER


_helper_lock = threading.Lock()
_helper_pool: ThreadPoolExecutor | None = None


def _helper() -> ThreadPoolExecutor:
    """One thread shared by all decodes: with the decoding worker that makes the two cores of the kiosk."""
    global _helper_pool
    with _helper_lock:
        if _helper_pool is None:
            _helper_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="image-scale")
        return _helper_pool


def _wrap(core: Any) -> Image.Image:
    return Image.Image()._new(core)


def _padding_bytes(core: Any, top: int, bottom: int) -> bytes:
    """The 4th (padding) byte of the last pixel of rows [top, bottom). Pillow stores RGB as 4 bytes a pixel,
    its unpackers set that byte to 255 and new image memory is zeroed: 0 means 'not decoded yet'. The decoder
    writes rows top to bottom, each left to right, so a row with its padding byte set is complete, and so is
    every row above it."""
    width = core.size[0]
    data: bytes = _wrap(core.crop((width - 1, top, width, bottom))).tobytes("raw", "RGBX")
    return data[3::4]


class _StripScaler:
    """Scales `crop` of a picture that is still being decoded into `size` (RGBX bytes), strip by strip.

    `feed(rows)` (decoding thread, between two decoder calls) hands the strips whose source rows are all
    decoded to the helper thread; `finish()` (after the decoder is done) shares the rest between the calling
    thread and the helper. Each strip is `resize(..., box=)` on the same source, so the card is the very
    same as one resize of the whole picture (Pillow reads the rows around a box too)."""

    def __init__(self, core: Any, crop: tuple[int, int, int, int], size: tuple[int, int]) -> None:
        self.core = core
        self.crop = crop
        self.size = size
        self.resample = _filter((crop[2] - crop[0], crop[3] - crop[1]), size)
        self.scale_y = (crop[3] - crop[1]) / size[1]
        self.support_y = _FILTER_SUPPORT[self.resample] * max(1.0, self.scale_y)
        self.row_bytes = size[0] * 4
        self.buffer: Future[bytearray] = _helper().submit(bytearray, self.row_bytes * size[1])
        """Allocated (zeroed, page by page) on the helper: ~10 MB is ~5 ms this thread need not spend."""
        self.pending: deque[tuple[int, int]] = deque(
            (top, min(size[1], top + _STRIP_ROWS)) for top in range(0, size[1], _STRIP_ROWS))
        self.futures: list[Future[None]] = []
        self.in_flight: list[Future[None]] = []
        self.early_strips = 0
        """Strips started before the decoder finished (tests check the overlap happens)."""

    def source_rows_needed(self, bottom: int) -> int:
        """Source rows [0, n) that output rows [0, bottom) read (Pillow's filter window, plus one row)."""
        centre = self.crop[1] + (bottom - 0.5) * self.scale_y
        return min(self.core.size[1], int(centre + self.support_y + 0.5) + 1)

    def feed(self) -> None:
        """Start the next strips whose source rows are decoded (one 1-pixel probe per strip)."""
        while self.pending:
            self.in_flight = [future for future in self.in_flight if not future.done()]
            if len(self.in_flight) >= _HELPER_BACKLOG:
                return
            last_row = self.source_rows_needed(self.pending[0][1]) - 1
            if _padding_bytes(self.core, last_row, last_row + 1) != b"\xff":
                return
            strip = self.pending.popleft()
            self.early_strips += 1
            self.futures.append(_helper().submit(self._scale, *strip))
            self.in_flight.append(self.futures[-1])

    def finish(self) -> bytearray:
        if self.pending:
            self.futures.append(_helper().submit(self._drain))
        self._drain()
        for future in self.futures:
            future.result()
        return self.buffer.result()

    def abandon(self) -> None:
        self.pending.clear()
        futures: list[Future[Any]] = [*self.futures, self.buffer]
        for future in futures:
            future.cancel()

    def _drain(self) -> None:
        while True:
            try:
                strip = self.pending.popleft()
            except IndexError:
                return
            self._scale(*strip)

    def _scale(self, top: int, bottom: int) -> None:
        left, upper, right, lower = self.crop
        last = lower if bottom == self.size[1] else upper + bottom * self.scale_y  # (no rounding past the edge)
        part = self.core.resize((self.size[0], bottom - top), self.resample,
                                (left, upper + top * self.scale_y, right, last))
        pixels: bytes = _wrap(part).tobytes("raw", "RGBX")
        self.buffer.result()[top * self.row_bytes:bottom * self.row_bytes] = pixels


def _load_while_scaling(image: JpegImagePlugin.JpegImageFile, crop: tuple[int, int, int, int],
                        size: tuple[int, int]) -> bytearray | None:
    """Decode a drafted RGB JPEG and scale it into `size`, overlapping the two. Pillow's own `load()` runs
    unchanged (its errors, truncation and clean-up stay as they are); its read hook, called between two
    decoder calls, is where finished rows are handed on. None (the picture is loaded, not scaled) when the
    strip machinery itself fails: it leans on Pillow internals, and the caller then scales the plain way."""
    scaler: _StripScaler | None = None
    watch = True
    original_read = image.load_read

    def read_and_scale(size_wanted: int) -> bytes:
        nonlocal scaler, watch
        if watch:
            try:
                if scaler is None:
                    core = image.im
                    watch = not any(_padding_bytes(core, 0, core.size[1]))  # zeroed: the padding byte tells
                    scaler = _StripScaler(core, crop, size)
                else:
                    scaler.feed()
            except Exception:  # only the overlap is lost: the decode goes on and finish() does all strips
                watch = False
        data: bytes = original_read(size_wanted)
        return data

    image.load_read = read_and_scale  # type: ignore[method-assign,assignment]
    try:
        image.load()
    except BaseException:
        if scaler is not None:
            scaler.abandon()
        raise
    finally:
        del image.load_read  # the class's own again
    try:
        if scaler is None or scaler.core is not image.im:  # (Pillow replaced the pixels: start again)
            if scaler is not None:
                scaler.abandon()
            scaler = _StripScaler(image.im, crop, size)
        return scaler.finish()
    except Exception:
        if scaler is not None:
            scaler.abandon()
        return None


def _centred_crop(source: tuple[int, int], box: tuple[int, int], fitted: tuple[int, int],
                  ) -> tuple[int, int, int, int]:
    """The part of the source that 'cover' keeps: the box's shape, centred."""
    src_w, src_h = source
    keep_w = max(1, min(src_w, round(box[0] * src_w / fitted[0])))
    keep_h = max(1, min(src_h, round(box[1] * src_h / fitted[1])))
    left, top = (src_w - keep_w) // 2, (src_h - keep_h) // 2
    return left, top, left + keep_w, top + keep_h


def _stored_rect(rect: tuple[int, int, int, int], stored: tuple[int, int], orientation: int,
                 ) -> tuple[int, int, int, int]:
    """A rectangle of the picture as shown (EXIF orientation applied) in the pixels as stored."""
    left, top, right, bottom = rect
    width, height = stored
    return {
        2: (width - right, top, width - left, bottom),
        3: (width - right, height - bottom, width - left, height - top),
        4: (left, height - bottom, right, height - top),
        5: (top, left, bottom, right),
        6: (top, height - right, bottom, height - left),
        7: (width - bottom, height - right, width - top, height - left),
        8: (width - bottom, left, width - top, right),
    }.get(orientation, rect)


def _strip_scaling_plan(image: Image.Image, orientation: int, box: tuple[int, int], fit: Fit,
                        fitted: tuple[int, int]) -> tuple[tuple[int, int, int, int], tuple[int, int]] | None:
    """(crop in stored pixels, card size in stored orientation) when this picture is scaled while it decodes:
    a drafted RGB JPEG big enough to gain from it. None: the plain way."""
    if (not isinstance(image, JpegImagePlugin.JpegImageFile) or image.format != "JPEG" or image.mode != "RGB"
            or len(image.tile) != 1 or image.size[0] * image.size[1] < STRIP_SCALING_MIN_PIXELS):
        return None
    swapped = orientation in _SWAPPING_ORIENTATIONS
    shown = (image.size[1], image.size[0]) if swapped else image.size
    out = fitted
    crop = (0, 0, shown[0], shown[1])
    if fit == "cover" and (fitted[0] > box[0] or fitted[1] > box[1]):
        crop = _centred_crop(shown, box, fitted)
        out = (min(box[0], fitted[0]), min(box[1], fitted[1]))
    return _stored_rect(crop, image.size, orientation), ((out[1], out[0]) if swapped else out)


def decode_image(path: Path, box: tuple[int, int], fit: Fit = "contain") -> DecodedImage:
    """Decode, orient, convert and scale one image (worker thread). Raises ImageProblem."""
    if box[0] <= 0 or box[1] <= 0:
        raise ImageProblem(f"cannot draw an image into a {box[0]}×{box[1]} box")
    image = _open(Path(path))
    try:
        orientation = 1
        try:
            orientation = int(image.getexif().get(_ORIENTATION_TAG, 1))
        except Exception:  # a broken EXIF block is not worth failing the picture for
            orientation = 1
        raw_w, raw_h = image.size
        shown = (raw_h, raw_w) if orientation in _SWAPPING_ORIENTATIONS else (raw_w, raw_h)
        out_w, out_h = fitted_size(shown, box, fit)
        if image.format == "JPEG":
            need = (out_h, out_w) if orientation in _SWAPPING_ORIENTATIONS else (out_w, out_h)
            image.draft(None, (max(1, need[0]), max(1, need[1])))
        image.seek(0)  # animated: first frame
        plan = _strip_scaling_plan(image, orientation, box, fit, (out_w, out_h))
        if plan is not None and isinstance(image, JpegImagePlugin.JpegImageFile):
            crop, stored_size = plan
            data = _load_while_scaling(image, crop, stored_size)
            method = _TRANSPOSE_FOR_ORIENTATION.get(orientation)
            if data is not None and method is None:
                return DecodedImage(stored_size, "RGBX", data)
            if data is not None and method is not None:
                card = Image.frombuffer("RGBX", stored_size, data, "raw", "RGBX", 0, 1).transpose(method)
                return DecodedImage(card.size, "RGBX", card.tobytes())
        image.load()
        oriented = ImageOps.exif_transpose(image) if orientation != 1 else image
        converted = _to_display_mode(oriented)
        if fit == "cover" and (out_w > box[0] or out_h > box[1]):
            # Crop the source to the box's shape first, then scale: scaling first would build the whole
            # oversized picture (a 60000×1 strip covering a card is 9 million × 148 pixels, gigabytes).
            converted = converted.crop(_centred_crop(converted.size, box, (out_w, out_h)))
            out_w, out_h = min(box[0], out_w), min(box[1], out_h)
        if converted.size != (out_w, out_h):
            converted = converted.resize((out_w, out_h), _filter(converted.size, (out_w, out_h)))
        if converted.mode == "RGBA":
            return DecodedImage(converted.size, "RGBA", converted.tobytes())
        return DecodedImage(converted.size, "RGBX", converted.tobytes("raw", "RGBX"))  # one copy, no convert
    except ImageProblem:
        raise
    except Exception as exc:
        raise ImageProblem(_describe_decode_failure(exc)) from None
    finally:
        image.close()


def source_size(path: Path) -> tuple[int, int]:
    """Displayed size (EXIF orientation applied) without decoding the pixels. Raises ImageProblem."""
    with _open(Path(path)) as image:
        try:
            orientation = int(image.getexif().get(_ORIENTATION_TAG, 1))
        except Exception:
            orientation = 1
        width, height = image.size
    return (height, width) if orientation in _SWAPPING_ORIENTATIONS else (width, height)

