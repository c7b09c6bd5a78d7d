"""Site YAML validation: good sites load; bad links, unknown blocks and missing translations are located."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.pages.model import Site, page_bytes, parse_inline, plain_text
from tests.pages.sample_site import all_blocks_site, bi


def errors_of(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    with pytest.raises(ValidationError) as info:
        Site.model_validate(data)
    return [(err["loc"], err["type"], err["msg"]) for err in info.value.errors()]


def test_sample_site_validates_with_every_block_type() -> None:
    site = Site.model_validate(all_blocks_site())
    kinds = {block.type for block in site.pages["home"].blocks or []}
    assert kinds == {"heading", "paragraph", "image", "link_list", "table", "hr", "under_construction",
                     "hit_counter", "marquee"}
    assert site.canvas_size == (800, 600)
    assert set(site.pages["home"].links()) == {"about", "map"}


def test_defaults_are_period_style() -> None:
    site = Site.model_validate({"start": "a", "pages": {"a": {"title": bi("А"), "blocks": [{"type": "hr"}]}}})
    assert site.canvas_size == (640, 480)
    assert site.style.link == "#0000ee" and site.style.visited == "#551a8b" and site.style.text == "#000000"


def test_inline_link_markup() -> None:
    spans = parse_inline("See [the map](map) and [home]( home ), [not a link] (x)")
    assert [(s.text, s.target) for s in spans if s.target] == [("the map", "map"), ("home", "home")]
    assert plain_text("a [b](c) d") == "a b d"


def test_link_to_missing_page_is_located_and_lists_pages() -> None:
    data = all_blocks_site()
    data["pages"]["home"]["blocks"][2]["text"]["en"] = "Go [nowhere](nowhere)."
    [(loc, kind, msg)] = errors_of(data)
    assert loc == ("pages", "home", "blocks", 2, "paragraph", "text")
    assert "nowhere" in msg and "pages are: home, about, map" in msg and "'en'" in msg


def test_link_list_hotspot_image_and_start_targets_are_checked() -> None:
    data = all_blocks_site()
    data["start"] = "index"
    data["pages"]["home"]["blocks"][5]["items"][1]["target"] = "mapp"
    data["pages"]["home"]["blocks"][3]["link"] = "abuot"
    data["pages"]["map"]["hotspots"][0]["target"] = "homee"
    locs = {loc: msg for loc, _, msg in errors_of(data)}
    assert set(locs) == {
        ("start",),
        ("pages", "home", "blocks", 5, "link_list", "items", 1, "target"),
        ("pages", "home", "blocks", 3, "image", "link"),
        ("pages", "map", "hotspots", 0, "target"),
    }
    assert all("pages are: home, about, map" in msg for msg in locs.values())


def test_unknown_block_type_and_missing_english_are_located() -> None:
    data = all_blocks_site()
    data["pages"]["home"]["blocks"][0]["type"] = "blink"
    del data["pages"]["home"]["blocks"][4]["text"]["en"]
    found = {(loc, kind) for loc, kind, _ in errors_of(data)}
    assert (("pages", "home", "blocks", 0), "union_tag_invalid") in found
    assert (("pages", "home", "blocks", 4, "heading", "text", "en"), "missing") in found


def test_page_must_be_blocks_or_image_and_hotspots_stay_inside() -> None:
    data = all_blocks_site()
    data["pages"]["about"]["image"] = copy.deepcopy(data["pages"]["map"]["image"])
    data["pages"]["map"]["hotspots"][1]["rect"] = [700, 0, 400, 480]
    messages = " | ".join(msg for _, _, msg in errors_of(data))
    assert "either 'blocks:'" in messages
    data = all_blocks_site()
    data["pages"]["map"]["hotspots"][1]["rect"] = [700, 0, 400, 480]
    [(loc, _, msg)] = errors_of(data)
    assert "outside the 800x480 image" in msg and "'map'" in msg


def test_bad_colour_and_bad_page_key() -> None:
    data = all_blocks_site()
    data["style"]["link"] = "blue"
    data["pages"]["Bad Key"] = data["pages"].pop("about")
    found = errors_of(data)
    assert any(loc == ("style", "link") and "#rrggbb" in msg for loc, _, msg in found)
    assert any(loc[:2] == ("pages", "Bad Key") for loc, _, _ in found)


def test_page_bytes_estimate_and_explicit_size() -> None:
    site = Site.model_validate(all_blocks_site())
    estimate = page_bytes(site, site.pages["home"])
    assert estimate.images == (200 * 120 // 4,)  # 0.25 byte per pixel by default
    assert estimate.html > 400 and estimate.total == estimate.html + 6000
    data = all_blocks_site()
    data["pages"]["home"]["byte_size"] = 30000
    site = Site.model_validate(data)
    explicit = page_bytes(site, site.pages["home"])
    assert explicit.total == 30000 and explicit.images[0] > explicit.html
    hotspot_page = page_bytes(site, site.pages["map"])
    assert hotspot_page.images == (800 * 480 // 4,)


class _SiteFile(Site):
    """A content file whose root is a site (as a scene would embed it)."""


def test_loader_reports_yaml_line_and_column(tmp_path: Path) -> None:
    yaml_text = """\
canvas: 800x600
start: home
pages:
  home:
    title: {ru: Главная, en: Home}
    blocks:
      - type: heading
        text: {ru: Привет}
      - type: paragraph
        text:
          ru: "Ссылка [туда](there)"
          en: "A [link](home)"
      - type: sparkle
"""
    path = tmp_path / "site.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    from kiosk.content.loader import load_file  # the shared located-error reporter

    model, problems, _ = load_file(path, _SiteFile, shown="site.yaml")
    assert model is None
    lines = sorted(str(p) for p in problems)
    assert any(line.startswith("site.yaml:8:9: error: 'en' is missing") for line in lines), lines
    assert any(line.startswith("site.yaml:10:9: error: link [туда](there) in 'ru'") and "pages are: home" in line
               for line in lines), lines
    assert any(line.startswith("site.yaml:13:") and "'sparkle' is not a known kind" in line for line in lines), lines
