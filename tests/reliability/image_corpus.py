"""A corpus of broken and unusual image files, generated (no binary fixtures in the repository).

Each entry says what a visitor must see: the calm placeholder (the file cannot be shown) or the picture in
its colour (an unusual file that is fine). tests/content/test_images.py checks the image cache alone with a
few of these; tests/reliability/test_image_corpus.py puts the whole corpus into a content pack and looks at
the running exhibit.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

PLACEHOLDER = "placeholder"
RED, GREEN, BLUE, ORANGE = (210, 40, 40), (40, 170, 60), (40, 70, 210), (230, 140, 20)


@dataclass(frozen=True)
class Sample:
    name: str
    make: Callable[[], bytes]
    shows: str | tuple[int, int, int]
    """PLACEHOLDER, or the colour the picture shows."""
    check_error: bool
    """`check` reports this file (it cannot be shown)."""
    min_pixels: int = 400
    """At least this many sampled screen pixels (every 4th pixel both ways) show it; thin strips show few."""


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _solid(colour: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> Image.Image:
    return Image.new("RGB", size, colour)


def _noise_jpeg() -> bytes:
    return _save(Image.effect_noise((800, 600), 60).convert("RGB"), "JPEG", quality=90)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a gigantic size (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        _chunk(b"IEND", b"")


def png_rgb16(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    """A 16-bit-per-channel RGB PNG (Pillow cannot write these itself)."""
    width, height = size
    pixel = b"".join(struct.pack(">H", c * 257) for c in colour)
    raw = b"".join(b"\0" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw)) + \
        _chunk(b"IEND", b"")


def _jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(_save(_solid(RED, (16, 16)), "JPEG"))
    sof = data.find(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _gif_claiming(width: int, height: int) -> bytes:
    data = bytearray(_save(Image.new("P", (8, 8), 1), "GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    return bytes(data)


def _animated(fmt: str) -> bytes:
    frames = [_solid(RED), _solid(BLUE)]
    return _save(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def _cmyk() -> bytes:
    return _save(Image.new("CMYK", (320, 240), (0, 255, 255, 0)), "JPEG", quality=95)


def _grey16() -> bytes:
    return _save(Image.new("I;16", (320, 240), 40000), "PNG")


def _bad_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 9  # no such orientation
    exif[0x010F] = "\x00" * 3  # junk maker
    return _save(_solid(GREEN), "JPEG", quality=95, exif=exif.tobytes())


def _cut(data: bytes, share: float) -> bytes:
    return data[: int(len(data) * share)]


def _huge_valid_png() -> bytes:
    """81 megapixels, just under the ~89 MP guard: allowed, and the heaviest thing a curator can give us."""
    return _save(Image.new("RGB", (9000, 9000), ORANGE), "PNG", compress_level=1)


def corpus(with_huge: bool = True) -> list[Sample]:
    samples = [
        Sample("truncated.jpg", lambda: _cut(_noise_jpeg(), 0.6), PLACEHOLDER, True),
        Sample("truncated.png", lambda: _cut(_save(Image.effect_noise((400, 300), 60).convert("RGB"), "PNG"), 0.5),
               PLACEHOLDER, True),
        Sample("empty.png", lambda: b"", PLACEHOLDER, True),
        Sample("not-an-image.jpg", lambda: b"Hello, this is a text file with a picture's name.\n" * 20,
               PLACEHOLDER, True),
        Sample("bomb-header.png", lambda: png_claiming(60_000, 60_000), PLACEHOLDER, True),
        Sample("bomb-header.jpg", lambda: _jpeg_claiming(65_000, 65_000), PLACEHOLDER, True),
        Sample("bomb-header.gif", lambda: _gif_claiming(65_535, 65_535), PLACEHOLDER, True),
        Sample("png-inside.jpg", lambda: _save(_solid(BLUE), "PNG"), BLUE, False),
        Sample("jpeg-inside.png", lambda: _save(_solid(GREEN), "JPEG", quality=95), GREEN, False),
        Sample("cmyk.jpg", _cmyk, (255, 0, 0), False),
        Sample("grey16.png", _grey16, (155, 155, 155), False),
        Sample("rgb16.png", lambda: png_rgb16(RED), RED, False),
        Sample("animated.gif", lambda: _animated("GIF"), RED, False),
        Sample("animated.png", lambda: _animated("PNG"), RED, False),
        Sample("bad-exif.jpg", _bad_exif, GREEN, False),
        Sample("very-wide.png", lambda: _save(_solid(BLUE, (20_000, 3)), "PNG"), BLUE, False, 50),
        Sample("very-tall.png", lambda: _save(_solid(GREEN, (3, 20_000)), "PNG"), GREEN, False, 0),
        Sample("strip-60000x1.png", lambda: _save(_solid(RED, (60_000, 1)), "PNG"), RED, False, 0),
        Sample("one-pixel.png", lambda: _save(_solid(GREEN, (1, 1)), "PNG"), GREEN, False),
        Sample("picture.webp", lambda: _save(_solid(BLUE), "WEBP", quality=95), BLUE, False),
    ]
    if with_huge:
        samples.append(Sample("huge-81mp.png", _huge_valid_png, ORANGE, False))
    return samples


def stand_in(name: str) -> bytes:
    """A valid small picture in the file's own format, so the pack passes `check` before the swap."""
    suffix = name.rsplit(".", 1)[-1].lower()
    fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[suffix]
    return _save(_solid((90, 90, 90)), fmt)
