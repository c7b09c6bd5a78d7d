"""The image cache: every kind of awkward file yields a Surface or the placeholder within 2 s, memory stays
bounded, and the frame loop never waits for a decode."""

from __future__ import annotations

import io
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from PIL import Image

from kiosk.content.image_decode import check_image, decode_image
from kiosk.images import PLACEHOLDER_BACKGROUND, ImageCache


@pytest.fixture
def cache() -> Iterator[ImageCache]:
    pygame.display.init()
    images = ImageCache(max_mb=64, workers=2)
    yield images
    images.shutdown()


def wait_for(cache: ImageCache, path: Path, size: tuple[int, int], fit: str = "contain") -> pygame.Surface:
    deadline = time.perf_counter() + 2.0
    while time.perf_counter() < deadline:
        surface = cache.request(path, size, fit)  # type: ignore[arg-type]
        if surface is not None:
            return surface
        cache.pump()
        time.sleep(0.005)
    raise AssertionError(f"{path.name}: no surface within 2 s")


def rgb(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int]:
    colour = surface.get_at((x, y))
    return colour.r, colour.g, colour.b


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def png_with_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a gigantic size (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def test_broken_files_give_the_placeholder_and_a_reason(cache: ImageCache, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg" * 20)
    good = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(good, "JPEG")
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(good.getvalue()[: len(good.getvalue()) * 6 // 10])
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_with_header(60_000, 60_000))
    missing = tmp_path / "missing.png"
    placeholder = cache.placeholder((120, 90))
    for path in (corrupt, truncated, bomb, missing):
        started = time.perf_counter()
        surface = wait_for(cache, path, (120, 90))
        assert time.perf_counter() - started < 2.0
        assert surface is placeholder
        assert cache.failed(path)
    assert cache.failed(truncated) == "the file is cut off (an incomplete copy or download?): copy it again"
    assert cache.failed(bomb) is not None and cache.failed(bomb).startswith("the image is too large")  # type: ignore[union-attr]
    assert cache.failed(missing) == "the file is not there"
    assert [name for name, _ in cache.errors()] == sorted(str(p) for p in (corrupt, truncated, bomb, missing))
    for path in (corrupt, truncated, bomb):
        assert check_image(path) is not None


def test_placeholder_is_a_calm_pattern(cache: ImageCache) -> None:
    surface = cache.placeholder((300, 200))
    assert surface.get_size() == (300, 200)
    colours = {rgb(surface, x, y) for x in range(0, 300, 7) for y in range(0, 200, 7)}
    assert PLACEHOLDER_BACKGROUND in colours
    assert 2 <= len(colours) <= 6  # a few soft tones, no noise
    assert all(max(c) < 120 for c in colours)  # nothing bright or alarming
    assert cache.placeholder((300, 200)) is surface


def test_awkward_formats_decode_correctly(cache: ImageCache, tmp_path: Path) -> None:
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(tmp_path / "cmyk.jpg", quality=95)
    Image.new("I;16", (64, 48), 40000).save(tmp_path / "grey16.png")
    palette = Image.new("P", (64, 48), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    palette.paste(1, (32, 0, 64, 48))
    palette.save(tmp_path / "palette.png", transparency=0)
    frames = [Image.new("RGB", (64, 48), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    Image.new("LA", (64, 48), (200, 128)).save(tmp_path / "la.png")
    rotated = Image.new("RGB", (200, 100), (0, 0, 255))
    rotated.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[0x0112] = 6  # displayed rotated 90° clockwise: the left (red) half ends up on top
    rotated.save(tmp_path / "rotated.jpg", quality=95, exif=exif.tobytes())

    cmyk = wait_for(cache, tmp_path / "cmyk.jpg", (64, 48))
    assert near(rgb(cmyk, 32, 24), (255, 0, 0), 30)
    grey = wait_for(cache, tmp_path / "grey16.png", (64, 48))
    assert near(rgb(grey, 10, 10), (155, 155, 155), 3)
    pal = wait_for(cache, tmp_path / "palette.png", (64, 48))
    assert pal.get_at((5, 5)).a == 0 and pal.get_at((50, 5))[:4] == (255, 0, 0, 255)
    anim = wait_for(cache, tmp_path / "anim.gif", (64, 48))
    assert near(rgb(anim, 32, 24), (255, 0, 0), 10)
    la = wait_for(cache, tmp_path / "la.png", (64, 48))
    assert near(rgb(la, 5, 5), (200, 200, 200), 2) and la.get_at((5, 5)).a == 128
    turned = wait_for(cache, tmp_path / "rotated.jpg", (100, 200))
    assert turned.get_size() == (100, 200)
    assert near(rgb(turned, 50, 40), (255, 0, 0), 30) and near(rgb(turned, 50, 160), (0, 0, 255), 30)
    assert cache.errors() == []


def test_contain_and_cover(cache: ImageCache, tmp_path: Path) -> None:
    picture = Image.new("RGB", (400, 200), (0, 200, 0))
    picture.paste((200, 0, 0), (0, 0, 50, 200))
    picture.save(tmp_path / "wide.png")
    contain = wait_for(cache, tmp_path / "wide.png", (100, 100), "contain")
    cover = wait_for(cache, tmp_path / "wide.png", (100, 100), "cover")
    assert contain.get_size() == (100, 50)
    assert cover.get_size() == (100, 100)
    assert near(rgb(contain, 2, 25), (200, 0, 0), 20)
    assert near(rgb(cover, 2, 50), (0, 200, 0), 20)  # the red left edge is cropped away


def test_memory_is_bounded_and_least_recently_used_goes_first(tmp_path: Path) -> None:
    Image.new("RGB", (512, 512), (10, 20, 30)).save(tmp_path / "square.png")
    cache = ImageCache(max_mb=1, workers=2)
    try:
        sizes = [(256 - i, 256 - i) for i in range(8)]  # ~256 KB each as 32-bit surfaces
        for size in sizes:
            wait_for(cache, tmp_path / "square.png", size)
            assert cache.used_bytes <= 1024 * 1024
        assert len(cache) == 4
        assert cache.request(tmp_path / "square.png", sizes[-1]) is not None
        assert cache.request(tmp_path / "square.png", sizes[0]) is None  # evicted, decoding again
    finally:
        cache.shutdown()


def test_clear_discards_in_flight_results(cache: ImageCache, tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), (1, 2, 3)).save(tmp_path / "a.png")
    assert cache.request(tmp_path / "a.png", (32, 32)) is None
    cache.clear()
    time.sleep(0.3)
    assert cache.pump() == 0
    assert len(cache) == 0
    wait_for(cache, tmp_path / "a.png", (32, 32))


def test_big_jpeg_decodes_in_the_background_without_blocking_frames(tmp_path: Path) -> None:
    smooth = Image.effect_noise((600, 400), 90).convert("RGB").resize((6000, 4000), Image.Resampling.BICUBIC)
    Image.blend(smooth, Image.effect_noise((6000, 4000), 18).convert("RGB"), 0.25).save(
        tmp_path / "big.jpg", quality=90)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        decoded = decode_image(tmp_path / "big.jpg", (1920, 1280))
        timings.append(time.perf_counter() - started)
    assert decoded.size == (1920, 1280)
    print(f"\n6000x4000 JPEG -> 1920x1280: best {min(timings) * 1000:.0f} ms")
    assert min(timings) < 2.0  # target 150 ms; generous bound against slow CI machines

    pygame.display.init()
    pygame.display.set_mode((320, 240))
    cache = ImageCache(max_mb=64, workers=2)
    try:
        frames = []
        surface = None
        deadline = time.perf_counter() + 5.0
        while surface is None and time.perf_counter() < deadline:
            started = time.perf_counter()
            surface = cache.request(tmp_path / "big.jpg", (1920, 1280))
            cache.pump(max_ms=2.0)
            frames.append(time.perf_counter() - started)
            time.sleep(max(0.0, 1 / 60 - frames[-1]))
        assert surface is not None and surface.get_size() == (1920, 1280)
        print(f"main-thread work per frame while decoding: max {max(frames) * 1000:.1f} ms over {len(frames)} frames")
        assert max(frames) < 0.1
    finally:
        cache.shutdown()
        pygame.display.quit()


def test_fine_stripes_scale_to_an_even_grey_not_to_moire(cache: ImageCache, tmp_path: Path) -> None:
    """1-pixel black/white columns shrunk by 1.5625 (the factor a drafted 6000-wide photo is left with for a
    1920 card): an antialiasing filter gives an even grey; BOX (used before) gave black/white beats."""
    stripes = Image.new("L", (600, 100))
    stripes.putdata([255 * (x % 2) for _y in range(100) for x in range(600)])
    stripes.convert("RGB").save(tmp_path / "stripes.png")
    surface = wait_for(cache, tmp_path / "stripes.png", (384, 64))
    assert surface.get_size() == (384, 64)
    greys = [rgb(surface, x, 32)[0] for x in range(2, 382)]
    assert 110 <= sum(greys) / len(greys) <= 145
    assert max(greys) - min(greys) <= 70  # BOX: 0..255
