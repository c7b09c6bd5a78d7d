"""Draws the original period-style pictures of the reconstructed first mos.ru (config/content/mosru/).

Reproducible: same script, same pixels (fixed random seed). No logos, coats of arms, flags or recognisable
landmarks — a generic blue banner with an abstract skyline, and a divider bar — reduced to a small
dithered palette like the GIFs of the time. Run: .venv/bin/python tools/make_mosru_art.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "config" / "content" / "mosru"
SEED = 1997
NAVY = (0, 0, 96)
BLUE = (40, 80, 176)
PALE = (176, 200, 240)
WINDOW = (255, 230, 140)


def gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def as_gif_palette(image: Image.Image, colours: int) -> Image.Image:
    """Few colours with Floyd–Steinberg dithering, as a 1990s GIF would look."""
    return image.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)


def banner(size: tuple[int, int] = (600, 90)) -> Image.Image:
    """Night-blue sky over an abstract row of buildings with lit windows; nothing recognisable."""
    rng = random.Random(SEED)
    width, height = size
    image = gradient(size, NAVY, BLUE)
    draw = ImageDraw.Draw(image)
    for _ in range(40):  # faint dots of light in the sky
        x, y = rng.randrange(width), rng.randrange(height // 2)
        draw.point((x, y), fill=PALE)
    x = 0
    while x < width:
        w = rng.randint(14, 40)
        h = rng.randint(height // 5, height * 3 // 5)
        shade = rng.randint(8, 30)
        draw.rectangle([x, height - h, x + w - 2, height], fill=(shade, shade, shade + 40))
        for wy in range(height - h + 4, height - 4, 7):
            for wx in range(x + 3, x + w - 5, 6):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 2, wy + 3], fill=WINDOW)
        x += w
    draw.line([(0, height - 2), (width, height - 2)], fill=PALE, width=2)
    draw.rectangle([0, 0, width - 1, height - 1], outline=PALE)
    return as_gif_palette(image, 32)


def divider(size: tuple[int, int] = (600, 6)) -> Image.Image:
    """A horizontal bar shading navy → pale → navy (the 'fancy rule' of the time)."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = 1 - abs(2 * x / (width - 1) - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(NAVY, PALE, strict=True))
        draw.line([(x, 0), (x, height)], fill=colour)
    draw.line([(0, 0), (width, 0)], fill=(255, 255, 255))
    return as_gif_palette(image, 16)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, image in (("banner.png", banner()), ("divider.png", divider())):
        image.save(OUT / name, optimize=True)
        print(f"wrote {OUT / name} ({image.width}x{image.height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
