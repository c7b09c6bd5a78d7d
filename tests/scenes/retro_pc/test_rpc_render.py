"""The text screen as pixels: glyphs in 9x16 cells with CGA colours, only changed rows redrawn, VGA line joins."""

from __future__ import annotations

import pygame

from scenes.retro_pc.textscreen import (
    CELL_H,
    CELL_W,
    CGA_PALETTE,
    DEFAULT_FONT,
    CellFont,
    Color,
    TextRenderer,
    TextScreen,
    attr,
    cell_at,
    make_scanline_overlay,
)


def rgb(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int]:
    c = surface.get_at((x, y))
    return c.r, c.g, c.b


def test_the_bundled_bitmap_font_is_used_with_its_licence() -> None:
    font = CellFont.load()
    assert DEFAULT_FONT.exists() and DEFAULT_FONT.suffix == ".otb"
    assert (DEFAULT_FONT.parent / "LICENSE-Terminus.txt").read_text().count("Open Font License") >= 1
    assert not font.font.antialiased
    assert font.font.get_rect("Ж").size == (8, 16)


def test_known_cells_have_the_expected_pixels() -> None:
    screen = TextScreen()
    screen.clear(attr(Color.LIGHT_GRAY, Color.BLUE))
    screen.put(10, 3, "█", attr(Color.YELLOW, Color.BLUE))
    screen.put(0, 0, "C:\\> ДИР Привет", attr(Color.WHITE, Color.BLUE))
    surface = pygame.Surface((720, 400))
    TextRenderer().render(screen, surface, cursor_on=False)
    x, y = 10 * CELL_W, 3 * CELL_H
    assert rgb(surface, x + 4, y + 8) == CGA_PALETTE[Color.YELLOW]
    assert rgb(surface, x + 8, y + 8) == CGA_PALETTE[Color.YELLOW]  # the 9th column repeats for blocks
    assert rgb(surface, x + 4, y + 8 + CELL_H) == CGA_PALETTE[Color.BLUE]
    white = [rgb(surface, px, py) == CGA_PALETTE[Color.WHITE] for px in range(0, 15 * CELL_W)
             for py in range(CELL_H)]
    assert 150 < sum(white) < 800  # text drawn, but not filled
    cyrillic_d = [rgb(surface, 5 * CELL_W + px, py) for px in range(CELL_W) for py in range(CELL_H)]
    assert CGA_PALETTE[Color.WHITE] in cyrillic_d  # 'Д' has pixels: the font has Cyrillic


def test_box_lines_join_across_cells_but_letters_keep_a_gap() -> None:
    screen = TextScreen()
    screen.put(0, 0, "══AA")
    surface = TextRenderer().update(screen)
    line_rows = [py for py in range(CELL_H) if rgb(surface, 3, py) != (0, 0, 0)]
    assert line_rows and all(rgb(surface, CELL_W - 1, py) != (0, 0, 0) for py in line_rows)
    assert all(rgb(surface, 3 * CELL_W - 1, py) == (0, 0, 0) for py in range(CELL_H))


def test_only_changed_rows_are_rendered_again() -> None:
    screen = TextScreen()
    renderer = TextRenderer()
    for row in range(25):
        screen.put(0, row, f"row {row} " * 8)
    renderer.update(screen)
    first = renderer.rows_rendered
    assert first == 25
    renderer.update(screen)
    assert renderer.rows_rendered == first
    screen.put(5, 7, "changed")
    renderer.update(screen)
    assert renderer.rows_rendered == first + 1
    screen.put(5, 7, "changed")  # same content: nothing to do
    renderer.update(screen)
    assert renderer.rows_rendered == first + 1
    screen.scroll_up()  # rows moved up: all but the new bottom row come from the cache
    renderer.update(screen)
    assert renderer.rows_rendered <= first + 2


def test_cached_frames_are_cheap() -> None:
    """An unchanged screen is blitted from row caches: no glyph is drawn again (counted, not timed, so a
    busy CI machine cannot fail it; the cost itself is in the timeline/scene bench)."""
    screen = TextScreen()
    for row in range(25):
        screen.put(0, row, "╔═" + "Ё" * 70 + f"{row:>4}", attr(row % 16, (row + 3) % 8))
    renderer = TextRenderer()
    target = pygame.Surface((720, 400))
    renderer.render(screen, target)
    first = renderer.rows_rendered
    assert first == 25
    for _ in range(50):
        renderer.render(screen, target)
    assert renderer.rows_rendered == first


def test_cursor_blinks_in_the_cell_colour() -> None:
    screen = TextScreen()
    screen.put(0, 0, "C:\\>", attr(Color.LIGHT_GRAY))
    screen.set_cursor(4, 0)
    renderer = TextRenderer()
    on, off = pygame.Surface((720, 400)), pygame.Surface((720, 400))
    renderer.render(screen, on, cursor_on=True)
    renderer.render(screen, off, cursor_on=False)
    x, y = 4 * CELL_W + 3, CELL_H - 2
    assert rgb(on, x, y) == CGA_PALETTE[Color.LIGHT_GRAY] and rgb(off, x, y) == (0, 0, 0)


def test_touch_mapping_and_scanlines() -> None:
    assert cell_at(100 + 1440 - 1, 50 + 800 - 1, (100, 50, 1440, 800)) == (79, 24)
    assert cell_at(100 + 18 * 2, 50 + 32 * 3, (100, 50, 1440, 800)) == (2, 3)
    assert cell_at(10, 10, (100, 50, 1440, 800)) is None
    overlay = make_scanline_overlay((40, 10), darkness=80)
    assert overlay.get_at((0, 0)).a == 0 and overlay.get_at((0, 1)).a == 80


def test_speaker_cues_are_short_square_waves() -> None:
    from array import array

    from scenes.retro_pc.speaker import SAMPLE_RATE, cue_sound

    pcm = cue_sound("beep")
    assert pcm is not None
    samples = array("h", pcm)
    assert abs(len(samples) / SAMPLE_RATE - 0.18) < 0.01
    assert max(samples) > 8000 and min(samples) < -8000 and max(samples) < 32767 // 2
    crossings = sum(1 for a, b in zip(samples, samples[1:], strict=False) if (a < 0) != (b < 0))
    assert abs(crossings / 0.18 / 2 - 880) < 40
    assert cue_sound("handshake") is None and cue_sound("line") is not None
