"""RU/EN: the current language and the engine's UI strings (content/ui.yaml).

Switching language is instant; scenes are told and re-render their cached text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from pydantic import RootModel

from kiosk.content.types import Bilingual

LOG = logging.getLogger("kiosk.i18n")


class UiStrings(RootModel[dict[str, Bilingual]]):
    """ui.yaml: key → {ru, en}, e.g. `lang.toggle: {ru: "EN", en: "RU"}`."""


class _Picks(Protocol):
    def pick(self, lang: str) -> str: ...


class I18n:
    def __init__(self, default: str = "ru", available: Iterable[str] = ("ru", "en"),
                 strings: UiStrings | None = None) -> None:
        self.default = default
        self.available = list(available)
        self.lang = default
        self.strings = strings.root if strings is not None else {}
        self._missing: set[str] = set()

    def set_strings(self, strings: UiStrings | None) -> None:
        self.strings = strings.root if strings is not None else {}

    def set(self, lang: str) -> bool:
        """Switch language; returns True if it changed."""
        if lang not in self.available or lang == self.lang:
            return False
        self.lang = lang
        return True

    def next_lang(self) -> str:
        index = self.available.index(self.lang) if self.lang in self.available else -1
        return self.available[(index + 1) % len(self.available)]

    def t(self, key: str, **fmt: object) -> str:
        entry = self.strings.get(key)
        if entry is None:
            if key not in self._missing:
                self._missing.add(key)
                LOG.warning("ui string '%s' is missing from ui.yaml", key)
            return key
        text = entry.pick(self.lang)
        return text.format(**fmt) if fmt else text

    def pick(self, text: _Picks) -> str:
        return text.pick(self.lang)
