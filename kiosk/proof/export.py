"""`run_kiosk.py export`: every proof screen in every language as PNG, plus proof.pdf (the contact sheet).

Pictures are named by content id and language (`timeline/card-ru-domain.en.png`); the sheet pairs the
languages of each item and cites where it comes from in the content (`config/content/timeline.yaml:120:5`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from kiosk.content.loader import ContentBundle
from kiosk.content.problems import display_path
from kiosk.proof.screens import ProofScreen
from kiosk.proof.sheet import SheetItem, SheetWriter, picture_box, thumbnail
from kiosk.proof.walk import Progress, walk

SHEET_NAME = "proof.pdf"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class ExportResult:
    pictures: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """'timeline/detail-x (en): reason'."""
    pages: int = 0
    seconds: float = 0.0
    screens: int = 0


def picture_path(out: Path, screen_id: str, lang: str) -> Path:
    return out / f"{screen_id}.{lang}.png"


def cite(bundle: ContentBundle, screen: ProofScreen) -> str:
    line, col = bundle.where(*screen.source)
    return f"{display_path(Path(bundle.root) / screen.source[0])}:{line}:{col}"


def export(config: Any, bundle: ContentBundle, screens: Sequence[ProofScreen], out: Path, langs: Sequence[str],
           size: tuple[int, int], content_dir: Path | None = None, progress: Progress | None = None) -> ExportResult:
    """Write the PNGs and the sheet; a screen that cannot be shown is a failure line, not an exception."""
    started = time.monotonic()
    result = ExportResult(screens=len(screens))
    out.mkdir(parents=True, exist_ok=True)
    items = {screen.id: SheetItem(screen.id, screen.title, cite(bundle, screen), screen.kind) for screen in screens}
    for lang in langs:
        for taken in walk(config, screens, size, lang, content_dir, progress=progress):
            item = items[taken.screen.id]
            if taken.picture is None:
                item.errors[lang] = taken.error
                result.failures.append(f"{taken.screen.id} ({lang}): {taken.error}")
                continue
            path = picture_path(out, taken.screen.id, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(taken.picture, str(path))
            result.pictures.append(path)
            item.thumbs[lang] = thumbnail(taken.picture, picture_box(taken.screen.kind, size, len(langs)))
    cover = [f"Proof sheets: {plural(len(screens), 'screen')} × {plural(len(langs), 'language')} ({', '.join(langs)}) at "
             f"{size[0]}x{size[1]}",
             f"content: {display_path(bundle.root)}",
             f"made: {dt.datetime.now():%Y-%m-%d %H:%M}",
             f"pictures: {out}/<id>.<language>.png",
             "",
             f"screens that could not be shown: {len(result.failures)}" if result.failures else
             "every screen was shown"]
    cover += [f"  {line}" for line in result.failures]
    sheet = SheetWriter(out / SHEET_NAME, size, langs, cover)
    for screen in screens:
        sheet.add(items[screen.id])
    result.pages = sheet.close()
    result.seconds = time.monotonic() - started
    return result
