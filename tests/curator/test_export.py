"""`export` on the default content: one PNG per card and language, named by event id, showing the card; a
proof.pdf whose pages are the cover plus the cards two to a page; a failing or empty selection is reported."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pygame
import pytest
from PIL import PdfParser

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.loader import load_bundle
from kiosk.content.registry import content_specs, make_context
from kiosk.proof.screens import ProofScreen
from tests.conftest import CONFIG_DIR

LANGS = ("ru", "en")


def pdf_pages(path: Path) -> int:
    return len(PdfParser.PdfParser(str(path)).pages)


def default_events() -> list[str]:
    config = load_config(CONFIG_DIR / "kiosk.yaml")
    bundle = load_bundle(config.content_dir, content_specs(config), make_context(config)).bundle
    assert bundle is not None
    return [event.id for event in bundle.models["timeline.yaml"].events]  # type: ignore[attr-defined]


def test_export_writes_every_card_in_both_languages_and_the_sheet(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "proof"
    code = main(["export", "--out", str(out), "--only", "timeline/card-"])
    said = capsys.readouterr()
    events = default_events()
    assert code == 0, said.out
    pictures = {path.relative_to(out).as_posix() for path in out.rglob("*.png")}
    assert pictures == {f"timeline/card-{event}.{lang}.png" for event in events for lang in LANGS}
    assert pdf_pages(out / "proof.pdf") == 1 + math.ceil(len(events) / 2)  # cover + two cards a page
    assert f"exported {2 * len(events)} pictures ({len(events)} screens × 2 languages, 1920x1080)" in said.out
    assert re.search(r"export 1920x1080 (ru|en) timeline", said.err), said.err  # progress on the terminal
    ru = pygame.image.load(str(out / "timeline" / f"card-{events[0]}.ru.png"))
    en = pygame.image.load(str(out / "timeline" / f"card-{events[0]}.en.png"))
    assert ru.get_size() == en.get_size() and ru.get_height() > ru.get_width() // 2  # three cards stacked
    colours = {tuple(ru.get_at((x, y)))[:3] for x in range(0, ru.get_width(), 7) for y in range(0, ru.get_height(), 7)}
    assert len(colours) > 50  # text and a thumbnail, not an empty frame
    assert pygame.image.tobytes(ru, "RGB") != pygame.image.tobytes(en, "RGB")  # the languages differ


def test_one_language_and_a_portrait_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "proof"
    code = main(["export", "--out", str(out), "--only", "mosru/page-home,timeline/detail-ru-domain",
                 "--lang", "en", "--size", "1080x1920"])
    capsys.readouterr()
    assert code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == [
        "mosru/page-home.en.png", "timeline/detail-ru-domain.en.png"]
    assert pygame.image.load(str(out / "mosru" / "page-home.en.png")).get_size() == (1080, 1920)
    assert pdf_pages(out / "proof.pdf") == 1 + 2  # cover, then one portrait screen a page


def test_nothing_to_export_and_wrong_options_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--out", str(tmp_path), "--only", "no-such-screen/"]) == 1
    assert "no proof screens match no-such-screen/" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["export", "--out", str(tmp_path), "--lang", "de"])
    assert exited.value.code == 2


def test_a_screen_that_cannot_be_shown_is_listed_and_the_rest_exported(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import kiosk.proof.screens as screens

    def broken(driver: object) -> None:
        raise RuntimeError("this proof screen is broken on purpose")

    real = screens.all_screens

    def with_a_broken_one(config: Any, bundle: Any, only: tuple[str, ...] = (), errors: Any = None) -> list[ProofScreen]:
        found = real(config, bundle, only, errors)
        return [*found, ProofScreen("timeline/broken", "broken", ("timeline.yaml", ("events",)), broken)]

    monkeypatch.setattr(screens, "all_screens", with_a_broken_one)
    out = tmp_path / "proof"
    code = main(["export", "--out", str(out), "--only", "timeline/overview-decade", "--lang", "ru"])
    said = capsys.readouterr().out
    assert code == 1
    assert "export: not shown: timeline/broken (ru): RuntimeError: this proof screen is broken on purpose" in said
    assert (out / "timeline" / "overview-decade.ru.png").is_file() and pdf_pages(out / "proof.pdf") == 2
