"""Where a colour is defined in the theme file, for pointing a contrast warning at the line to change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from kiosk.content.problems import display_path

RGB = tuple[int, int, int]


def _rgb(value: Any) -> RGB | None:
    try:
        colour = pygame.Color(value)
    except (ValueError, TypeError):
        return None
    return (colour.r, colour.g, colour.b)


class ThemeRefs:
    """Colour tokens of config/theme.yaml with their lines, looked up the way `Theme.color` layers them."""

    def __init__(self, path: Path) -> None:
        from kiosk.content.yaml_loader import parse_file

        self.path = path
        self.shown = display_path(path)
        try:
            parsed = parse_file(path)
            self.data: dict[str, Any] = parsed.data if isinstance(parsed.data, dict) else {}
            self.locations: Any = parsed.locations
        except Exception:  # an unreadable theme: the warning still names the file
            self.data, self.locations = {}, None

    def _layers(self, scene: str, lang: str) -> list[tuple[tuple[str, ...], str]]:
        return [(("scenes", scene, "languages", lang, "colors"), f"scenes.{scene}.languages.{lang}"),
                (("scenes", scene, "colors"), f"scenes.{scene}"),
                (("languages", lang, "colors"), f"languages.{lang}"),
                (("defaults", "colors"), "defaults")]

    def _colors(self, path: tuple[str, ...]) -> dict[str, Any]:
        node: Any = self.data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def tokens(self, colour: RGB, scene: str, lang: str) -> list[tuple[str, str, tuple[int, int]]]:
        """(token, layer name, (line, col)) of every token with this colour, most specific layer first."""
        found = []
        for path, layer in self._layers(scene, lang):
            for token, value in self._colors(path).items():
                if _rgb(value) == colour:
                    where = self.locations.nearest((*path, token)) if self.locations is not None else (1, 1)
                    found.append((str(token), layer, where))
        return found

    def describe(self, colour: RGB, scene: str, lang: str) -> str:
        hex_colour = "#{:02x}{:02x}{:02x}".format(*colour)
        names = [f"{token}" for token, _, _ in self.tokens(colour, scene, lang)]
        return f"{hex_colour} ({', '.join(dict.fromkeys(names))})" if names else hex_colour
