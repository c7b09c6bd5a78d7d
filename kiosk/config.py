"""kiosk.yaml: the installer's settings (screen, languages, idle, admin, paths, scenes), validated with locations.

Every number an installer may change lives here with its default, so scenes and the engine never carry
literals for them. Errors come back as ConfigError with file, line and column for the `check` command.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScreenConfig(_Section):
    size: tuple[int, int] = (1920, 1080)
    """Window size in pixels (physical). Portrait screens: 1080x1920."""
    rotate: Literal[0, 90, 180, 270] = 0
    fullscreen: StrictBool = False
    display: int = 0
    """Which display to open in fullscreen (0 = first)."""
    diagonal_inch: float = Field(55.0, gt=5, lt=300)
    """Physical diagonal, to turn millimetres into pixels for touch targets."""
    fps: int = Field(60, ge=10, le=240)
    framebuffer_acceleration: StrictBool = False
    """SDL's GL framebuffer path: ~10 ms per flip without a GPU, so off unless the PC has one."""


class LanguageConfig(_Section):
    default: Literal["ru", "en"] = "ru"
    available: list[Literal["ru", "en"]] = ["ru", "en"]


class IdleConfig(_Section):
    idle_seconds: float = Field(90, ge=5)
    countdown_seconds: float = Field(10, ge=1)


class InputConfig(_Section):
    tap_debounce_ms: int = Field(80, ge=0, le=1000)
    long_press_s: float = Field(0.6, ge=0.2)
    tap_slop_mm: float = Field(6.0, gt=0)
    """How far a finger may move and still count as a tap."""
    fling_min_speed_mm_s: float = Field(60.0, gt=0)
    touch_target_mm: float = Field(15.0, gt=0)
    mouse: StrictBool = True


class AdminConfig(_Section):
    corner: Literal["top-left", "top-right", "bottom-left", "bottom-right"] = "bottom-left"
    hold_seconds: float = Field(5.0, ge=1)
    corner_mm: float = Field(30.0, gt=0)
    pin_hash: str = ""
    """Salted hash of the admin PIN, written by `run_kiosk.py admin-pin`. Empty: admin overlay disabled."""
    pin: str | None = None
    """Never use: a plain PIN is refused; set pin_hash with `run_kiosk.py admin-pin`."""
    close_after_s: float = Field(60.0, ge=5)
    max_attempts: int = Field(5, ge=1)
    lockout_s: float = Field(300.0, ge=1)


class PathsConfig(_Section):
    content: str = "content"
    """Content folder, relative to this file."""
    var: str = "../var"
    """Writable folder for logs, votes, analytics and the last good content, relative to this file."""
    theme: str = "theme.yaml"


class ImagesConfig(_Section):
    cache_mb: int = Field(96, ge=16)
    workers: int = Field(2, ge=1, le=8)


class LimitsConfig(_Section):
    max_file_mb: float = Field(10.0, gt=0)
    max_alias_nodes: int = Field(100_000, ge=100)


class SoundConfig(_Section):
    enabled: StrictBool = True
    volume: float = Field(0.6, ge=0, le=1)


class LogConfig(_Section):
    max_kb: int = Field(1024, ge=16)
    backups: int = Field(5, ge=1)


class AnalyticsConfig(_Section):
    enabled: StrictBool = True
    """Anonymous visit counts for the curators' report (`run_kiosk.py report`)."""
    keep_days: Annotated[int, Strict(), Field(ge=0, le=36_500)] | None = 400
    """Visits older than this many days are deleted at start-up and once a day; 0 or null: keep forever.
    400: a whole exhibition season (a year) plus a month for the curators' final report."""


class ClosedScreenConfig(_Section):
    mode: Literal["message", "black"] = "message"
    brightness: float = Field(0.3, ge=0, le=1)


def _screen_size(value: Any) -> Any:
    """'1920x1080' → (1920, 1080); lists pass through to the tuple check."""
    if isinstance(value, str):
        w, sep, h = value.lower().partition("x")
        if not sep or not (w.strip().isdigit() and h.strip().isdigit()):
            raise ValueError(f"'{value}' is not a screen size like 1920x1080")
        return (int(w), int(h))
    return value


class LayoutLintConfig(_Section):
    """`check --layout` (docs/curator-tools.md): which screens to lint and the limits to hold them to."""

    sizes: list[Annotated[tuple[int, int], BeforeValidator(_screen_size), WithJsonSchema(
        {"type": ["string", "array"], "pattern": "^[0-9]+x[0-9]+$", "description": "WxH, e.g. 1920x1080"})]] = \
        [(1920, 1080), (1080, 1920)]
    """Screen sizes to lint, e.g. [1920x1080, 1080x1920]."""
    screen_bottom_mm: float = Field(700.0, ge=0, le=3000)
    """Height of the screen's lower edge above the floor."""
    reach_mm: tuple[float, float] = (500.0, 1900.0)
    """Touch targets' centres must lie between these heights above the floor."""
    image_px_per_box_px: float = Field(1.0, gt=0, le=8)
    """An image needs at least this many of its own pixels per screen pixel of its box."""
    min_contrast: float = Field(4.5, ge=1, le=21)
    """Lowest contrast ratio of text against its background (WCAG 2: 4.5)."""
    contrast_exempt: list[str] = []
    """Theme colour tokens ('token' or 'scene:token') used only for inactive controls or decoration."""


class SceneEntry(_Section):
    module: str
    enabled: StrictBool = True


class Bilingual(_Section):
    ru: str
    en: str


class KioskConfig(_Section):
    screen: ScreenConfig = ScreenConfig()
    languages: LanguageConfig = LanguageConfig()
    idle: IdleConfig = IdleConfig()
    input: InputConfig = InputConfig()
    admin: AdminConfig = AdminConfig()
    paths: PathsConfig = PathsConfig()
    images: ImagesConfig = ImagesConfig()
    limits: LimitsConfig = LimitsConfig()
    sound: SoundConfig = SoundConfig()
    log: LogConfig = LogConfig()
    schedule: dict[str, Any] = {}
    """Opening hours (see docs/operations.md); empty: always open."""
    closed_screen: ClosedScreenConfig = ClosedScreenConfig()
    analytics: AnalyticsConfig = AnalyticsConfig()
    allowed_link_hosts: list[str] = []
    layout_lint: LayoutLintConfig = LayoutLintConfig()
    home: str = "timeline"
    scenes: dict[str, SceneEntry] = {}
    fallback_message: Bilingual = Bilingual(
        ru="Экспозиция обновляется. Пожалуйста, подойдите чуть позже.",
        en="The exhibit is being updated. Please come back a little later.")

    # Filled in by load_config: where the file was, so relative paths resolve.
    base_dir: Path = Field(default=Path("config"), exclude=True)

    @field_validator("scenes")
    @classmethod
    def _scene_names(cls, value: dict[str, SceneEntry]) -> dict[str, SceneEntry]:
        for name in value:
            if not name.isidentifier():
                raise ValueError(f"scene name '{name}' must be a simple identifier like 'timeline'")
        return value

    @model_validator(mode="after")
    def _home_enabled(self) -> KioskConfig:
        enabled = self.enabled_scenes()
        if self.scenes and self.home not in enabled:
            raise ValueError(f"home scene '{self.home}' is not an enabled scene; enabled: {', '.join(enabled)}")
        return self

    def enabled_scenes(self) -> list[str]:
        return [name for name, entry in self.scenes.items() if entry.enabled]

    @property
    def content_dir(self) -> Path:
        return (self.base_dir / self.paths.content).resolve()

    @property
    def var_dir(self) -> Path:
        return (self.base_dir / self.paths.var).resolve()

    @property
    def theme_path(self) -> Path:
        return (self.base_dir / self.paths.theme).resolve()


class ConfigError(Exception):
    """A located problem in kiosk.yaml: `file:line:col: error: message`."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{col}: error: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message


def _message(err: dict[str, Any], parent_keys: list[str]) -> str:
    if err["type"] == "extra_forbidden":
        key = str(err["loc"][-1])
        close = difflib.get_close_matches(key, parent_keys, n=1)
        hint = f" — did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(parent_keys)}"
        return f"unknown key '{key}'{hint}"
    where = ".".join(str(p) for p in err["loc"]) or "file"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg}"


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model: Any = KioskConfig
    for part in loc[:-1]:
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = field.annotation
    return list(getattr(model, "model_fields", {}).keys())


def load_config(path: Path | str) -> KioskConfig:
    """Read and validate kiosk.yaml; raises ConfigError (located) on any problem.

    Read with the content system's loader, so `yes`/`no` stay text, duplicate keys are errors and every
    node keeps its line and column.
    """
    from kiosk.content.yaml_loader import YamlError, parse_file

    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise ConfigError(name, 1, 1, "config file not found: give --config PATH or create config/kiosk.yaml")
    try:
        parsed = parse_file(path)
    except YamlError as exc:
        raise ConfigError(name, exc.line, exc.col, exc.message) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, 1, 1, f"cannot read the config ({exc}); save it as UTF-8") from None
    data = parsed.data if parsed.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(name, 1, 1, "the config must be a mapping of sections (screen:, languages:, …)")
    try:
        config = KioskConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line, col = parsed.locations.key(loc) if err["type"] == "extra_forbidden" else parsed.locations.nearest(loc)
        raise ConfigError(name, line, col, _message(dict(err), _fields_at(loc))) from None
    config.base_dir = path.resolve().parent
    return config
