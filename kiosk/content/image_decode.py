"""Pillow-only image work: a cheap validity check for `check`, and a full decode for the image cache.

Kept free of pygame so `check` and the loader can use it without opening a display. Every failure is an
`ImageProblem` whose text a curator can act on ("the file is cut off: copy it again").
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps, UnidentifiedImageError

Fit = Literal["contain", "cover"]
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
_ORIENTATION_TAG = 0x0112
_SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
_DEFAULT_MAX_PIXELS = 89_478_485


class ImageProblem(Exception):
    """Why an image cannot be shown, in curator words."""


@dataclass(frozen=True)
class DecodedImage:
    """Pixels ready for `pygame.image.frombuffer`: 'RGBX' (opaque) or 'RGBA', 4 bytes a pixel."""

    size: tuple[int, int]
    mode: Literal["RGBX", "RGBA"]
    data: bytes

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
        image.load()
        oriented = ImageOps.exif_transpose(image) if orientation != 1 else image
        converted = _to_display_mode(oriented)
        if fit == "cover" and (out_w > box[0] or out_h > box[1]):
            # Crop the source to the box's shape first, then scale: scaling first would build the whole
            # oversized picture (a 60000×1 strip covering a card is 9 million × 148 pixels, gigabytes).
            src_w, src_h = converted.size
            keep_w = max(1, min(src_w, round(box[0] * src_w / out_w)))
            keep_h = max(1, min(src_h, round(box[1] * src_h / out_h)))
            left, top = (src_w - keep_w) // 2, (src_h - keep_h) // 2
            converted = converted.crop((left, top, left + keep_w, top + keep_h))
            out_w, out_h = min(box[0], out_w), min(box[1], out_h)
        if converted.size != (out_w, out_h):
            downscale = converted.size[0] >= out_w and converted.size[1] >= out_h
            converted = converted.resize((out_w, out_h), Image.Resampling.BOX if downscale
                                         else Image.Resampling.BICUBIC)
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

