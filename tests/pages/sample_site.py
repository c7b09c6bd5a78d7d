"""A test site that uses every block type, plus a hotspot page; and a tiny picture to put in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame


def bi(ru: str, en: str | None = None) -> dict[str, str]:
    return {"ru": ru, "en": en or ru}


def make_picture(path: Path, size: tuple[int, int] = (200, 120)) -> Path:
    """A colourful test picture with stripes (so every row differs)."""
    surface = pygame.Surface(size)
    for y in range(size[1]):
        pygame.draw.line(surface, ((y * 7) % 256, 80 + (y * 3) % 150, 200 - (y * 2) % 180), (0, y), (size[0], y))
    pygame.draw.circle(surface, (255, 255, 0), (size[0] // 2, size[1] // 2), min(size) // 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(path))
    return path


def all_blocks_site() -> dict[str, Any]:
    return {
        "canvas": "800x600",
        "start": "home",
        "style": {"background": "#c0c0c0"},
        "pages": {
            "home": {
                "title": bi("Домашняя страница", "Home page"),
                "blocks": [
                    {"type": "heading", "level": 1, "text": bi("Добро пожаловать!", "Welcome!"), "align": "center"},
                    {"type": "marquee", "text": bi("*** Новости сервера *** Бегущая строка ***",
                                                   "*** Server news *** Scrolling text ***"), "speed": 80},
                    {"type": "paragraph", "text": bi(
                        "Это тестовая страница. Перейдите [в раздел «О нас»](about) или посмотрите "
                        "[карту](map). Длинный текст переносится по словам, как в браузере тех лет, "
                        "потому что ширина холста ограничена.",
                        "This is a test page. Go [to the About section](about) or see the [map](map). "
                        "Long text is wrapped word by word, like a browser of the time, because the canvas "
                        "width is limited.")},
                    {"type": "image", "src": "img/picture.png", "alt": bi("Картинка", "Picture"),
                     "width": 200, "height": 120, "align": "center", "link": "about"},
                    {"type": "heading", "level": 2, "text": bi("Разделы", "Sections")},
                    {"type": "link_list", "items": [
                        {"text": bi("О нас", "About us"), "target": "about", "note": bi("кто мы", "who we are")},
                        {"text": bi("Карта", "Map"), "target": "map"},
                    ]},
                    {"type": "hr"},
                    {"type": "heading", "level": 3, "text": bi("Таблица", "Table")},
                    {"type": "table", "header": True, "header_background": "#ffffcc", "rows": [
                        [bi("Раздел", "Section"), bi("Описание", "Description")],
                        [bi("[О нас](about)", "[About](about)"), bi("Сведения о сервере", "About the server")],
                        [bi("Карта", "Map"), bi("Схема", "Diagram")],
                    ]},
                    {"type": "under_construction"},
                    {"type": "hit_counter", "value": 1234, "digits": 6, "label": bi("Посетителей:", "Visitors:")},
                ],
            },
            "about": {
                "title": bi("О нас", "About"),
                "blocks": [
                    {"type": "heading", "text": bi("О нас", "About")},
                    {"type": "paragraph", "text": bi("Назад [на главную](home).", "Back [home](home).")},
                ],
            },
            "map": {
                "title": bi("Карта", "Map"),
                "image": {"src": "img/picture.png", "alt": bi("Карта", "Map"), "width": 800, "height": 480},
                "hotspots": [
                    {"rect": [0, 0, 400, 480], "target": "home", "label": bi("Главная", "Home")},
                    {"rect": [400, 0, 400, 480], "target": "about"},
                ],
            },
        },
    }
