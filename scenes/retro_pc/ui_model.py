"""Texts of the scene around the emulated PC (buttons, caption, hints, browser frame) and the browser's own
fallback site, as sections of retro_pc.yaml.

The machine's messages (what DOS prints) live in texts.py; these are the kiosk's words around the monitor.
Every text has a default so a curator only writes what they want to change. The `browser:` section is used
only when the first mos.ru scene is not enabled: its reconstructed site is preferred (see scene.py).
"""

from __future__ import annotations

from pydantic import Field

from kiosk.content.types import Bilingual, NonEmptyText, Strict
from kiosk.pages.model import Site


def _f(ru: str, en: str) -> Bilingual:
    return Field(default_factory=lambda: Bilingual(ru=ru, en=en))


class QuickCommand(Strict):
    """A button beside the monitor that types a command at the prompt (for visitors who do not know DOS)."""

    command: NonEmptyText = Field(description="what is typed, e.g. NC or BLOCKS (Enter follows)")
    label: Bilingual


DEFAULT_QUICK = (("NC", "NC — файлы", "NC — files"), ("BLOCKS", "BLOCKS — игра", "BLOCKS — game"),
                 ("DIALER", "DIALER — модем", "DIALER — modem"), ("HELP", "HELP — команды", "HELP — commands"))


class SceneTexts(Strict):
    """What the kiosk says around the monitor; `{...}` placeholders are filled by the scene."""

    exit: Bilingual = _f("Выйти", "Leave")
    hint: Bilingual = _f("Печатайте на клавиатуре внизу или касайтесь экрана. HELP и Enter\u00a0— список команд.",
                         "Type on the keyboard below or touch the screen. HELP and Enter lists the commands.")
    hint_program: Bilingual = _f("Печатайте на клавиатуре внизу или касайтесь экрана. F10\u00a0— выйти из программы.",
                                 "Type on the keyboard below or touch the screen. F10 leaves the program.")
    hint_keys: Bilingual = _f("Для этой программы нужны только эти клавиши.",
                              "This program needs only these keys.")
    layout_title: Bilingual = _f("Раскладка", "Keyboard layout")
    layout_ru: Bilingual = _f("РУС · ЙЦУКЕН", "RUS · ЙЦУКЕН")
    layout_en: Bilingual = _f("LAT · QWERTY", "LAT · QWERTY")
    layout_hint: Bilingual = _f("Переключить: клавиша РУС/LAT", "Switch: the РУС/LAT key")
    quick_title: Bilingual = _f("Или коснитесь команды:", "Or tap a command:")
    quick: list[QuickCommand] = Field(default_factory=lambda: [
        QuickCommand(command=c, label=Bilingual(ru=ru, en=en)) for c, ru, en in DEFAULT_QUICK], max_length=6)
    browser_title: Bilingual = _f("Браузер", "Web browser")
    browser_back: Bilingual = _f("Назад", "Back")
    browser_exit: Bilingual = _f("Выход в DOS", "Exit to DOS")
    browser_up: Bilingual = _f("Выше", "Up")
    browser_down: Bilingual = _f("Ниже", "Down")
    browser_skip: Bilingual = _f("Не ждать", "Skip the wait")
    browser_loading: Bilingual = _f("Загрузка: {received} из {total} байт", "Loading: {received} of {total} bytes")
    browser_done: Bilingual = _f("Готово", "Document: Done")
    browser_hint: Bilingual = _f("Касайтесь ссылок на странице. Листайте пальцем или кнопками.",
                                 "Tap the links on the page. Scroll with a finger or the buttons.")


class BrowserSite(Strict):
    """A small period site for the dial-up browser when the mos.ru scene is switched off."""

    address: NonEmptyText = Field(description="what the address line shows, e.g. http://www.example.ru/")
    badge: Bilingual = Field(description="the reconstruction label shown with the page")
    sources: list[NonEmptyText] = Field(min_length=1, description="facts rows the pages rely on")
    site: Site
