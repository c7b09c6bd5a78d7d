"""Theme tokens (colours, fonts, sizes) from config/theme.yaml, with scene and language overrides.

Scenes ask the theme instead of carrying literal colours or font sizes, so a curator restyles the
exhibit in YAML. Sizes are given for a 1080-pixel short side and scaled to the real screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import yaml

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"

_FALLBACK: dict[str, dict[str, Any]] = {
    "colors": {"bg": "#0e1626", "surface": "#18233a", "fg": "#f3f5f9", "muted": "#b4bfd2",
               "accent": "#4fb3ff", "accent_fg": "#07121f", "scrim": "#000000c8", "placeholder": "#2a3550"},
    "fonts": {"sans": "DejaVuSans.ttf", "sans_bold": "DejaVuSans-Bold.ttf"},
    "sizes": {"body": 28, "small": 24, "title": 44, "button": 30, "margin": 32, "gap": 16, "radius": 18,
              "button_h": 96, "lang_w": 96},
}


class ThemeError(Exception):
    pass


class Theme:
    """Token lookup: `color('accent', scene='timeline')`, `font('sans_bold', 'title')`, `size('margin')`."""

    def __init__(self, data: dict[str, Any] | None = None, scale: float = 1.0, font_dir: Path = FONT_DIR) -> None:
        data = data or {}
        self.defaults: dict[str, dict[str, Any]] = {k: {**v, **(data.get("defaults", {}) or {}).get(k, {})}
                                                    for k, v in _FALLBACK.items()}
        self.scenes: dict[str, dict[str, Any]] = data.get("scenes", {}) or {}
        self.languages: dict[str, dict[str, Any]] = data.get("languages", {}) or {}
        self.scale = scale
        self.font_dir = font_dir
        self.lang = "ru"
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._colors: dict[tuple[str, str | None, str], pygame.Color] = {}

    @classmethod
    def load(cls, path: Path, scale: float = 1.0) -> Theme:
        try:
            data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader) or {}
        except FileNotFoundError:
            data = {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ThemeError(f"{path}: cannot read the theme: {exc}") from exc
        if not isinstance(data, dict):
            raise ThemeError(f"{path}:1:1: error: the theme must be a mapping with 'defaults:'")
        return cls(data, scale)

    def _lookup(self, group: str, name: str, scene: str | None) -> Any:
        scene_data = self.scenes.get(scene or "", {}) or {}
        lang_data = self.languages.get(self.lang, {}) or {}
        for layer in ((scene_data.get("languages", {}) or {}).get(self.lang, {}) or {}, scene_data, lang_data,
                      self.defaults):
            value = (layer.get(group, {}) or {}).get(name)
            if value is not None:
                return value
        raise KeyError(f"theme has no {group[:-1]} '{name}'")

    def color(self, name: str, scene: str | None = None) -> pygame.Color:
        key = (name, scene, self.lang)
        if key not in self._colors:
            self._colors[key] = pygame.Color(self._lookup("colors", name, scene))
        return self._colors[key]

    def size(self, name: str, scene: str | None = None) -> int:
        return max(1, round(float(self._lookup("sizes", name, scene)) * self.scale))

    def px(self, value: float) -> int:
        """Scale a reference-screen pixel value to this screen."""
        return max(1, round(value * self.scale))

    def font(self, role: str, size: str | int, scene: str | None = None) -> pygame.font.Font:
        px = self.size(size, scene) if isinstance(size, str) else int(size)
        file = str(self._lookup("fonts", role, scene))
        key = (file, px)
        font = self._fonts.get(key)
        if font is None:
            path = Path(file) if Path(file).is_absolute() else self.font_dir / file
            try:
                font = pygame.font.Font(path, px)
            except (OSError, FileNotFoundError):
                font = pygame.font.Font(self.font_dir / "DejaVuSans.ttf", px)
            self._fonts[key] = font
        return font
