"""The renderer draws every block type, reveals pages progressively, animates cheaply and answers taps."""

from __future__ import annotations

from pathlib import Path

import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.pages import PageRenderer, Site
from kiosk.pages.fonts import Fonts
from kiosk.pages.layout import ImageOp, TextOp, flow_text
from kiosk.pages.model import Span, rgb
from kiosk.pages.render import interlace_order
from tests.pages.sample_site import all_blocks_site

SCREENSHOT_DIR = Path("/tmp/runet30_pages")


def differing_pixels(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> int:
    count = 0
    for y in range(rect.top, rect.bottom, 2):
        for x in range(rect.left, rect.right, 2):
            if tuple(surface.get_at((x, y)))[:3] != colour:
                count += 1
    return count


def test_every_block_type_draws_something_in_its_rect(renderer: PageRenderer, site: Site) -> None:
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    background = rgb(site.style.background)
    for lang in ("ru", "en"):
        page = renderer.render("home", lang)
        surface = page.frame(t=2.0)  # the marquee has scrolled into view
        pygame.image.save(surface, str(SCREENSHOT_DIR / f"all_blocks_{lang}.png"))
        blocks = site.pages["home"].blocks or []
        assert len(page.layout.boxes) == len(blocks)
        for index, block in enumerate(blocks):
            rect = page.block_rect(index)
            assert rect.height > 0, block.type
            assert differing_pixels(surface, rect, background) > 4, f"{block.type} drew nothing ({lang})"
        tops = [page.block_rect(i).top for i in range(len(blocks))]
        assert tops == sorted(tops)  # flowed top to bottom
        assert page.size[0] == 800 and page.size[1] >= 600


def test_links_are_blue_underlined_and_visited_purple(renderer: PageRenderer, site: Site) -> None:
    page = renderer.render("home", "en")
    link = next(region for region in page.layout.links if region.target == "about" and region.box == 2)
    x, y, w, h = link.rect
    colours = {tuple(page.surface.get_at((px, py)))[:3] for px in range(x, x + w) for py in range(y, y + h)}
    assert rgb(site.style.link) in colours
    visited = renderer.render("home", "en", visited={"about"})
    assert visited is not page
    colours = {tuple(visited.surface.get_at((px, py)))[:3] for px in range(x, x + w) for py in range(y, y + h)}
    assert rgb(site.style.visited) in colours and rgb(site.style.link) not in colours


def test_hit_test_finds_links_and_misses_plain_text(renderer: PageRenderer) -> None:
    page = renderer.render("home", "ru")
    for region in page.layout.links:
        x, y, w, h = region.rect
        assert page.hit_test((x + w / 2, y + h / 2)) == region.target
    heading = page.block_rect(0)
    assert page.hit_test(heading.center) is None
    assert page.hit_test((-5, -5)) is None
    targets = {region.target for region in page.layout.links}
    assert targets == {"about", "map"}


def test_hotspot_page_routes_taps(renderer: PageRenderer) -> None:
    page = renderer.render("map", "en")
    assert page.hit_test((100, 100)) == "home"
    assert page.hit_test((600, 400)) == "about"
    assert page.hit_test((600, 500)) is None  # below the 480-px image
    assert differing_pixels(page.surface, pygame.Rect(0, 0, 800, 480), rgb("#c0c0c0")) > 1000


def test_render_is_cached_per_page_and_language(renderer: PageRenderer) -> None:
    first = renderer.render("home", "ru")
    assert renderer.render("home", "ru") is first
    assert renderer.render("home", "en") is not first
    assert renderer.render("home", "ru", visited={"nowhere-on-this-page"}) is first


def test_progress_shows_text_first_then_images(renderer: PageRenderer, site: Site) -> None:
    page = renderer.render("home", "en")
    background = rgb(site.style.background)
    image_rect = pygame.Rect(next(op.rect for op in page.layout.ops if isinstance(op, ImageOp)))
    full = page.surface
    empty = page.render_progress(0.0)
    assert differing_pixels(empty, pygame.Rect(0, 0, *page.size), background) == 0
    html_done = page.bytes.html / page.bytes.total
    text_only = page.render_progress(html_done * 0.999)
    heading = page.block_rect(0)
    assert differing_pixels(text_only, heading, background) > 10  # text has arrived
    assert page.hit_test(heading.center, fraction=0.0) is None
    at_html = page.render_progress(html_done + 1e-6)
    centre = image_rect.center
    assert at_html.get_at(centre) != full.get_at(centre)  # image still a placeholder
    half = page.render_progress(html_done + (1 - html_done) * 0.5)
    pygame.image.save(half, str(SCREENSHOT_DIR / "progress_half_image.png"))
    for row in (0, 8, 64):  # interlace passes 1-2 have arrived: those rows are exact, others replicated
        point = (image_rect.x + 5, image_rect.y + row)
        assert half.get_at(point) == full.get_at(point)
    assert half.get_at((image_rect.x + 5, image_rect.y + 5)) != full.get_at((image_rect.x + 5, image_rect.y + 5))
    done = page.render_progress(1.0)
    assert done is full


def test_top_down_reveal_paints_the_upper_part_first(content_dir: Path) -> None:
    data = all_blocks_site()
    data["style"]["image_reveal"] = "top_down"
    page = PageRenderer(Site.model_validate(data), content_dir).render("map", "en")
    html_done = page.bytes.html / page.bytes.total
    half = page.render_progress(html_done + (1 - html_done) * 0.5)
    assert half.get_at((100, 100)) == page.surface.get_at((100, 100))
    assert half.get_at((100, 400)) != page.surface.get_at((100, 400))


def test_links_only_work_once_their_text_has_arrived(renderer: PageRenderer) -> None:
    page = renderer.render("home", "en")
    last_link = page.layout.links[-1]
    point = (last_link.rect[0] + 2, last_link.rect[1] + 2)
    assert page.hit_test(point, fraction=0.01) is None
    assert page.hit_test(point, fraction=1.0) == last_link.target


def test_marquee_moves_and_counter_can_be_set(renderer: PageRenderer) -> None:
    page = renderer.render("home", "ru")
    index = next(i for i, box in enumerate(page.layout.boxes) if box.kind == "marquee")
    rect = page.block_rect(index)
    a = page.frame(t=1.0).subsurface(rect).copy()
    b = page.frame(t=3.0).subsurface(rect).copy()
    assert pygame.image.tobytes(a, "RGB") != pygame.image.tobytes(b, "RGB")
    counter = page.block_rect(next(i for i, box in enumerate(page.layout.boxes) if box.kind == "hit_counter"))
    before = pygame.image.tobytes(page.surface.subsurface(counter).copy(), "RGB")
    page.set_hit_counter(987654)
    after = pygame.image.tobytes(page.surface.subsurface(counter).copy(), "RGB")
    assert before != after


def test_missing_image_shows_a_placeholder_instead_of_crashing(tmp_path: Path) -> None:
    site = Site.model_validate(all_blocks_site())
    page = PageRenderer(site, tmp_path).render("home", "en")  # no picture files in tmp_path
    rect = page.block_rect(3)
    assert differing_pixels(page.surface, rect, rgb("#c0c0c0")) > 10
    assert page.render_progress(0.9) is not None


def test_interlace_order_covers_every_row_once() -> None:
    order = interlace_order(37)
    assert sorted(row for row, _ in order) == list(range(37))
    assert order[0] == (0, 8) and order[1] == (8, 8)
    assert all(row + fill <= 37 for row, fill in order)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.text(alphabet="абвгдabcdefghij .,!", min_size=1, max_size=14), min_size=1, max_size=40),
       width=st.integers(min_value=60, max_value=500))
def test_wrapped_text_stays_inside_its_width(words: list[str], width: int) -> None:
    fonts = _FONTS
    flowed = flow_text([Span(" ".join(words), None)], fonts, face="serif", size=16, x=10, y=0, width=width)
    for op in flowed.ops:
        assert isinstance(op, TextOp)
        assert op.x >= 10 and op.x + fonts.width("serif", 16, op.text) <= 10 + width + 2


_FONTS = Fonts()
