"""The contrast measurement reads the rendered pixels: a text line is recognised by its exact glyph shape and
colour, its background is what surrounds it; shapes of the same colour and text dimmed afterwards are not
text to be read."""

from __future__ import annotations

import pygame
import pytest

from kiosk.proof.contrast import TextIndex, contrast_ratio, measure
from kiosk.text import TextRenderer
from kiosk.theme import FONT_DIR

TEXT = (52, 64, 92)


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(str(FONT_DIR / "DejaVuSans.ttf"), 28)


def drawn(font: pygame.font.Font, background: tuple[int, int, int], text: str = "Contrast check, line one",
          width: int = 0) -> tuple[pygame.Surface, TextIndex, pygame.Rect]:
    renderer = TextRenderer()
    block = renderer.block(text, font, TEXT, width=width)
    index = TextIndex()
    index.add_block(block.surface, block.lines, TEXT, font, 1.15, "test:text")
    surface = pygame.Surface((900, 300))
    surface.fill(background)
    at = pygame.Rect(40, 60, *block.surface.get_size())
    surface.blit(block.surface, at)
    return surface, index, at


def test_wcag_ratios() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((20, 30, 40), (20, 30, 40)) == pytest.approx(1.0)


def test_low_contrast_text_is_found_with_its_background_and_words(font: pygame.font.Font) -> None:
    surface, index, at = drawn(font, (28, 41, 68))
    findings = measure(surface, {TEXT}, index, 4.5)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.background == (28, 41, 68) and finding.line.text == "Contrast check, line one"
    assert finding.ratio == pytest.approx(contrast_ratio(TEXT, (28, 41, 68)), abs=0.01)
    assert at.contains(finding.rect)


def test_readable_text_and_every_line_of_a_wrapped_block(font: pygame.font.Font) -> None:
    surface, index, _ = drawn(font, (250, 250, 250), "A longer text that wraps onto several lines here", 300)
    assert measure(surface, {TEXT}, index, 4.5) == []
    assert len(measure(surface, {TEXT}, index, 21.0)) == 3  # all three lines recognised


def test_shapes_of_the_text_colour_and_dimmed_text_are_not_text(font: pygame.font.Font) -> None:
    surface, index, at = drawn(font, (28, 41, 68))
    pygame.draw.rect(surface, TEXT, (500, 40, 200, 40))            # a bar
    pygame.draw.rect(surface, TEXT, (500, 120, 200, 60), width=2)  # a frame
    pygame.draw.circle(surface, TEXT, (800, 200), 12)              # a dot
    assert [f.line.text for f in measure(surface, {TEXT}, index, 4.5)] == ["Contrast check, line one"]
    dim = pygame.Surface(at.size)
    dim.fill((120, 120, 120))
    surface.blit(dim, at, special_flags=pygame.BLEND_MULT)  # as behind a detail view
    assert measure(surface, {TEXT}, index, 4.5) == []


def test_a_colour_never_used_for_text_is_not_measured(font: pygame.font.Font) -> None:
    surface, index, _ = drawn(font, (28, 41, 68))
    assert measure(surface, {(1, 2, 3)}, index, 4.5) == []
