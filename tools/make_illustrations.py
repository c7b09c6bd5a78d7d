"""Draw the exhibit's original illustration cards (one 1200×800 PNG per timeline event).

We have no licensed photos, so every event gets a typographic card instead: the year in big type, a simple
geometric motif for its lane (a growing network for the first lane, ring-and-radial city plan for the second),
the era's colours, and a short language-neutral token from the facts (".RU", "9600 bit/s", "425 000 000").
Nothing is copied and no logos are drawn. Output is reproducible byte for byte: the motif is seeded from the
event id (sha256), fonts come from assets/fonts/, and the PNG is written without timestamps.

Only image entries named `images/<event-id>.png` are drawn; other files (real photos added later) are left
alone.

Usage:  python tools/make_illustrations.py [--content config/content] [--out DIR] [--only ID ...]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scenes.timeline.model import ContentModel  # noqa: E402

FONTS = REPO / "assets" / "fonts"
SIZE = (1200, 800)
PALETTE_COLOURS = 48
INK = (244, 241, 234)

# Background colours per era, in the order of `eras:` (background, lighter shade for the motif).
ERA_COLOURS = [
    ((27, 42, 73), (40, 58, 98)),
    ((18, 64, 60), (27, 84, 78)),
    ((58, 31, 74), (76, 43, 95)),
    ((30, 30, 36), (46, 46, 56)),
]
# Accent colours per lane, in the order of `lanes:` (main accent, soft accent); the hues of the theme's
# `runet` and `moscow` colour tokens.
LANE_COLOURS = [
    ((79, 179, 255), (169, 219, 255)),
    ((255, 122, 89), (255, 194, 176)),
]

# Short language-neutral tokens taken from the facts table / press release (see timeline.yaml sources).
TOKENS: dict[str, str] = {
    "su-domain": ".SU", "su-ripn": ".SU", "su-reopen": ".SU",
    "ru-agreement": ".RU", "ru-domain": ".RU", "first-ru-site": "www.ru", "lib-ru": "lib.ru",
    "relcom-9600": "9600 bit/s", "fido-penza": "1200–19 200 bit/s", "modem-v90": "V.90 · 56k",
    "yandex": "yandex.ru", "ru-10-years": "235 000", "ru-20-years": "≈ 5 000 000", "runet-30": "5 553 172",
    "ru-2024": "5 600 000+", "rf-approved": ".РФ", "rf-delegation": ".РФ", "rf-priority": "Россия.рф",
    "rf-first-site": "президент.рф", "norton-commander": "C:\\>_",
    "moscow-web-order": "№ 500/1-РМ", "mosru-sections": "№ 139-РМ", "moscow-info-society": "№ 715-РМ",
    "pgu-portal": "№ 1576-РП", "it-committee": "№ 706-ПП", "dit": "№ 1103-ПП",
    "smart-city-programme": "№ 349-ПП", "mosru-2011": "mos.ru", "new-mosru": "mos.ru",
    "nash-gorod": "gorod.mos.ru", "emias": "547", "metro-wifi": "Wi-Fi", "city-wifi": "Wi-Fi",
    "ag-first-year": "≈ 580", "ag-points": "1000", "smart-city-2030": "2030", "iq-cities": "#1",
    "mesh-regions": "30+", "it-awards-2023": "25", "iq-cities-2024": "120 / 120",
    "mosru-h1-2024": "425 000 000", "mosru-top-services": "TOP 5", "it-projects": "300+",
    "priority-digital-2024": "2 ×", "ag-10-years": "10", "runet-30-economy": "× 3,5",
}


@dataclass(frozen=True)
class CardSpec:
    """Everything needed to draw one card."""

    event_id: str
    year: int
    lane_index: int
    lane_label: str
    era_index: int
    token: str
    file: str


def card_specs(content_dir: Path) -> list[CardSpec]:
    """Cards to draw: every event image named images/<event-id>.png in timeline.yaml."""
    with open(content_dir / "timeline.yaml", encoding="utf-8-sig") as stream:
        data = yaml.load(stream, Loader=yaml.CSafeLoader)
    model = ContentModel.model_validate(data)
    lanes = {lane.id: (i, lane) for i, lane in enumerate(model.lanes)}
    specs = []
    for event in model.events:
        wanted = f"images/{event.id}.png"
        if not any(image.file == wanted for image in event.images):
            continue
        lane_index, lane = lanes[event.lane]
        year = event.date.year
        era_index = next((i for i, era in enumerate(model.eras) if era.start <= year <= era.end),
                         max(0, (year - model.settings.range_start_year) // 10))
        label = f"{lane.title.ru} · {lane.title.en}".upper()
        specs.append(CardSpec(event.id, year, lane_index, label, era_index, TOKENS.get(event.id, ""), wanted))
    return specs


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def _fitting_font(draw: ImageDraw.ImageDraw, text: str, name: str, size: int, width: int) -> ImageFont.FreeTypeFont:
    font = _font(name, size)
    while size > 24 and draw.textlength(text, font=font) > width:
        size -= 4
        font = _font(name, size)
    return font


def _rng(event_id: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big"))


def _network_motif(draw: ImageDraw.ImageDraw, spec: CardSpec, shade: tuple[int, int, int],
                   accent: tuple[int, int, int], soft: tuple[int, int, int]) -> None:
    """A network whose number of nodes grows with the year: the Net spreading."""
    rng = _rng(spec.event_id)
    count = 6 + max(0, min(34, spec.year - 1990))
    nodes = [(rng.randint(600, 1150), rng.randint(110, 470)) for _ in range(count)]
    for i, (x, y) in enumerate(nodes):
        nearest = sorted(range(count), key=lambda j: (nodes[j][0] - x) ** 2 + (nodes[j][1] - y) ** 2)[1:3]
        for j in nearest:
            draw.line([(x, y), nodes[j]], fill=shade if i % 3 else soft, width=3)
    for i, (x, y) in enumerate(nodes):
        radius = 14 if i == 0 else rng.choice((6, 8, 10))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=accent if i == 0 else soft)


def _city_motif(draw: ImageDraw.ImageDraw, spec: CardSpec, shade: tuple[int, int, int],
                accent: tuple[int, int, int], soft: tuple[int, int, int]) -> None:
    """Rings and radials of an abstract city plan; more rings light up in later years."""
    rng = _rng(spec.event_id)
    cx, cy = 900, 300
    for radius in range(60, 560, 70):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=shade, width=6)
    for k in range(12):
        angle = k * math.pi / 6 + rng.uniform(-0.12, 0.12)
        draw.line([(cx, cy), (cx + 620 * math.cos(angle), cy + 620 * math.sin(angle))], fill=shade, width=4)
    lit = 1 + max(0, min(6, (spec.year - 1990) // 5))
    for ring in range(lit):
        radius = 60 + 70 * ring
        start = rng.uniform(0, 360)
        draw.arc((cx - radius, cy - radius, cx + radius, cy + radius), start, start + rng.uniform(50, 140),
                 fill=accent if ring == lit - 1 else soft, width=10)
    draw.ellipse((cx - 18, cy - 18, cx + 18, cy + 18), fill=accent)


MOTIFS = [_network_motif, _city_motif]


def draw_card(spec: CardSpec) -> Image.Image:
    """The card as a palette image (flat colours keep the PNG small)."""
    background, shade = ERA_COLOURS[spec.era_index % len(ERA_COLOURS)]
    accent, soft = LANE_COLOURS[spec.lane_index % len(LANE_COLOURS)]
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    MOTIFS[spec.lane_index % len(MOTIFS)](draw, spec, shade, accent, soft)
    draw.rectangle((0, 0, 14, SIZE[1]), fill=accent)
    draw.text((60, 56), spec.lane_label, font=_font("DejaVuSansCondensed-Bold.ttf", 34), fill=soft)
    draw.text((52, 700), str(spec.year), font=_font("DejaVuSans-Bold.ttf", 250), fill=INK, anchor="ls")
    if spec.token:
        font = _fitting_font(draw, spec.token, "DejaVuSans-Bold.ttf", 72, 1080)
        draw.text((60, 760), spec.token, font=font, fill=accent, anchor="ls")
    footer = tuple(round(b + (i - b) * 0.4) for b, i in zip(background, INK, strict=True))
    draw.text((1170, 770), "ИЛЛЮСТРАЦИЯ · ILLUSTRATION", font=_font("DejaVuSansCondensed.ttf", 20),
              fill=footer, anchor="rs")
    return image.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def write_card(spec: CardSpec, out_dir: Path) -> Path:
    """Draw and save one card; returns the file written."""
    target = out_dir / Path(spec.file).name
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_card(spec).save(target, format="PNG", optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=REPO / "config" / "content",
                        help="content folder with timeline.yaml (default: config/content)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <content>/images)")
    parser.add_argument("--only", nargs="*", default=None, metavar="ID", help="draw only these event ids")
    args = parser.parse_args(argv)
    out_dir = args.out if args.out is not None else args.content / "images"
    specs = card_specs(args.content)
    if args.only is not None:
        unknown = set(args.only) - {s.event_id for s in specs}
        if unknown:
            print(f"error: no illustrated event with id {', '.join(sorted(unknown))}", file=sys.stderr)
            return 1
        specs = [s for s in specs if s.event_id in set(args.only)]
    total = sum(write_card(spec, out_dir).stat().st_size for spec in specs)
    print(f"{len(specs)} illustrations, {total / 1024:.0f} KiB in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
