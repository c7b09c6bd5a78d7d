"""mosru.yaml: validates through the shared loader, cites real facts rows, keeps the reconstruction labels,
and curator mistakes in it are reported at their line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygame
import pytest

from kiosk.content.loader import ContentSpec, load_bundle, load_file
from kiosk.pages import PageRenderer
from kiosk.pages.layout import TextOp
from scenes.mosru import CONTENT_FILE, ContentModel

REPO = Path(__file__).resolve().parents[3]
CONTENT_DIR = REPO / "config" / "content"
FACTS = Path("/work/shared/sources/facts.md")
SECTIONS_1997 = ["В Мэрии Москвы", "Справочная информация", "Москва", "Экономика и инвестиции"]
SCREENSHOTS = Path("/tmp/runet30_mosru")


def all_sources(value: Any) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("source", "intro_source") and isinstance(item, str):
                found.append(item)
            elif key == "sources" and isinstance(item, list):
                found.extend(str(s) for s in item)
            else:
                found.extend(all_sources(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(all_sources(item))
    return found


def facts_confidence() -> dict[str, str]:
    """Row key -> confidence, read from the facts table."""
    table: dict[str, str] = {}
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        match = re.search(r"key: ([a-z0-9-]+/[a-z0-9-]+)", line)
        if match and len(cells) > 5:
            table[match.group(1)] = cells[4]
    return table


def test_default_file_loads_cleanly_with_its_images() -> None:
    result = load_bundle(CONTENT_DIR, [ContentSpec(CONTENT_FILE, ContentModel, "mosru")])
    assert result.ok, [str(p) for p in result.problems]
    model = result.bundle.models[CONTENT_FILE] if result.bundle else None
    assert isinstance(model, ContentModel)
    for name in ("banner.png", "divider.png", "CREDITS.md"):
        assert (CONTENT_DIR / "mosru" / name).is_file()


def test_every_source_names_a_facts_row_shown_only_if_confirmed(mosru_data: dict[str, Any]) -> None:
    sources = all_sources(mosru_data)
    assert len(sources) >= 15
    assert all(s == "press-release-2024" or s.startswith("facts:") for s in sources)
    if not FACTS.is_file():  # outside the curators' machine: the form is still checked above
        return
    confidence = facts_confidence()
    m_rows_allowed = {s["source"] for s in mosru_data["dialup"]["speeds"] if "M row" in s.get("note", "")}
    for source in sources:
        if source == "press-release-2024":
            continue
        key = source.removeprefix("facts:")
        assert key in confidence, f"{source} is not a row of facts.md"
        if source not in m_rows_allowed:
            assert confidence[key] in ("C", "C-w"), f"{source} has confidence {confidence[key]}: not shown as fact"


def test_structure_follows_the_1997_order_and_is_labelled_a_reconstruction(mosru: ContentModel) -> None:
    home = mosru.site.pages[mosru.site.start]
    lists = [b for b in home.blocks or [] if b.type == "link_list"]
    assert [item.text.ru for item in lists[0].items] == SECTIONS_1997
    assert 4 <= len(mosru.site.pages) - 1 <= 5
    assert mosru.address.reconstructed
    assert mosru.label.badge.ru == "реконструкция" and mosru.label.badge.en == "reconstruction"
    assert "facts:moscow/first-mosru-sections" in mosru.label.sources
    assert "1990" in mosru.curator_notes.en and "typical" in mosru.curator_notes.en
    for page_id, page in mosru.site.pages.items():
        if page_id != mosru.site.start:
            assert any(b.type == "under_construction" for b in page.blocks or []), page_id


def test_today_has_the_press_release_figures(mosru: ContentModel) -> None:
    values = " ".join(f.value.ru for f in mosru.today.figures)
    for figure in ("425 млн", "+15 %", "2 млн", "4,1 млрд"):
        assert figure in values
    assert len(mosru.today.top_services) == 5
    assert mosru.today.top_services[0].name.en == "Electronic medical record"
    assert mosru.dialup.today.illustrative is True
    speeds = [s.bits_per_second for s in mosru.dialup.speeds]
    assert speeds == [14400, 28800, 33600, 56000]
    assert "V.34" not in mosru.dialup.speed("28k8").label.en  # M row: no standard name on screen


def test_every_page_renders_inside_the_canvas_in_both_languages(mosru: ContentModel) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    renderer = PageRenderer(mosru.site, CONTENT_DIR)
    width, height = mosru.site.canvas_size
    for page_id in mosru.site.pages:
        for lang in ("ru", "en"):
            page = renderer.render(page_id, lang)
            assert page.size == (width, max(height, page.layout.height))
            for op in page.layout.ops:
                if isinstance(op, TextOp):
                    text_w = renderer.fonts.width(op.face, op.size, op.text)
                    assert op.x >= 0 and op.x + text_w <= width, (page_id, lang, op.text)
            assert {link.target for link in page.layout.links} <= set(mosru.site.pages)
            pygame.image.save(page.frame(2.0), str(SCREENSHOTS / f"{page_id}_{lang}.png"))
    home = renderer.render("home", "ru")
    assert home.layout.height <= height + 40  # the start page fits the 640x480 canvas (almost) unscrolled


def _broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = (CONTENT_DIR / CONTENT_FILE).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / CONTENT_FILE
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, line


@pytest.mark.parametrize(("old", "new", "words"), [
    ('"Загружено {percent} %', '"Загружено {procent} %', "unknown placeholder {procent}"),
    ("default_speed: v32bis", "default_speed: v34", "no modem speed 'v34'"),
    ("              target: economy", "              target: economics", "no page 'economics'"),
    ("  reconstructed: true", "  reconstructed: false", "reconstructed must stay true"),
    ("        - type: hit_counter", "        - type: counter", "'counter' is not a known kind"),
    ("    peak_dbfs: -9", "    peak_dbfs: -2", "too large"),
])
def test_curator_mistakes_are_located(tmp_path: Path, old: str, new: str, words: str) -> None:
    path, line = _broken_copy(tmp_path, old, new)
    model, problems, _ = load_file(path, ContentModel, shown="mosru.yaml")
    assert model is None
    messages = [str(p) for p in problems]
    assert any(words in m for m in messages), messages
    hit = next(p for p in problems if words in p.message)
    assert abs(hit.line - line) <= 1, (hit, line)


def test_art_script_is_reproducible() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_mosru_art", REPO / "tools" / "make_mosru_art.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first, second = module.banner(), module.banner()
    assert first.tobytes() == second.tobytes() and first.size == (600, 90)
    assert len(first.getcolors(256) or []) <= 32  # a GIF-like small palette
