"""Missing translations: a visitor text written with `ru:` and `en:` whose two languages are the same words,
or one of which is empty.

Only texts the curator wrote as a ru/en pair count: a text written once (`text: "Starting MS-DOS..."`) is the
same in both languages on purpose, and defaults from the program are not in the file at all. Texts without
letters ('+', '≈ 580', '{title}') need no translation, and curator notes are not shown to visitors.
"""

from __future__ import annotations

import re

from kiosk.content.loader import ContentBundle
from kiosk.content.problems import Problem, display_path
from kiosk.proof.wheres import iter_bilingual

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in _PLACEHOLDER.sub("", text))


def translation_problems(bundle: ContentBundle) -> list[Problem]:
    problems: list[Problem] = []
    for file, model in bundle.models.items():
        locations = bundle.locations.get(file)
        if locations is None:
            continue
        shown = display_path(bundle.root / file)
        for loc, value in iter_bilingual(model):
            if any(isinstance(part, str) and part.startswith("curator") for part in loc):
                continue
            if not (locations.has((*loc, "ru")) and locations.has((*loc, "en"))):
                continue
            ru, en = str(value.ru).strip(), str(value.en).strip()
            if bool(ru) != bool(en):
                empty = "en" if not en else "ru"
                line, col = bundle.where(file, (*loc, empty))
                problems.append(Problem(shown, line, col, "warning",
                                        f"missing translation: the {empty} text is empty — write it, or remove "
                                        f"both ru and en if this text is not needed"))
            elif ru and ru == en and _has_letters(ru):
                line, col = bundle.where(file, (*loc, "en"))
                problems.append(Problem(shown, line, col, "warning",
                                        f"missing translation: the en text is the same as the ru text ('{en[:40]}') "
                                        "— translate it, or write the text once without ru:/en: if it is the "
                                        "same in both languages"))
    return problems
