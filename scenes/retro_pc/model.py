"""Schema of retro_pc.yaml: the typical machine, its boot script, its file system and on-screen key sets.

Mistakes are reported where they are (pydantic `loc` down to the entry and field), with a hint: duplicate
names in a folder point at the second entry's name, an unknown program lists the known ones, a name DOS
would refuse says why and proposes a valid one, text that DOS could not show names the characters.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from kiosk.content.types import Bilingual, DateField, NonEmptyText, OptionalBilingual, Strict

from .dosnames import bad_chars, name_problem, to_83
from .keyboard import KEY_IDS
from .texts import SystemTexts
from .ui_model import BrowserSite, SceneTexts

ProgramName = Literal["commander", "blocks", "editor", "dialer", "viewer"]
PROGRAMS: tuple[str, ...] = ("commander", "blocks", "editor", "dialer", "viewer")
KeySetName = Literal["shell", "commander", "blocks", "editor", "viewer", "dialer"]
SCREEN_LINE = 78  # the longest text line the editor and TYPE show without wrapping


def _same_in_both(value: Any) -> Any:
    """Allow `text: "C:\\>"` where a line is the same in both languages."""
    return {"ru": value, "en": value} if isinstance(value, str) else value


Text = Annotated[Bilingual, BeforeValidator(_same_in_both)]


def _dos_name(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a name must be text, e.g. README.TXT")
    problem = name_problem(value.strip())
    if problem:
        raise ValueError(problem)
    return value.strip().upper()


DosName = Annotated[str, BeforeValidator(_dos_name)]


class ScreenText(Bilingual):
    """File content shown on the 80-column screen: code page 866 characters, lines of at most 78."""

    @field_validator("ru", "en")
    @classmethod
    def _fits_the_screen(cls, value: str) -> str:
        missing = bad_chars(value)
        if missing:
            shown = " ".join(repr(ch) for ch in missing)
            raise ValueError(f"DOS (code page 866) cannot show {shown}: use plain quotes \" and a hyphen - instead")
        for number, line in enumerate(value.splitlines(), start=1):
            if len(line) > SCREEN_LINE:
                raise ValueError(f"line {number} has {len(line)} characters, the screen shows {SCREEN_LINE}: "
                                 f"break it after about 70 characters (starts: {line[:30]!r})")
        return value


FileText = Annotated[ScreenText, BeforeValidator(_same_in_both)]
LineText = Annotated[OptionalBilingual, BeforeValidator(_same_in_both)]
"""A screen line that may be empty (a blank line of the boot script)."""


class MachineConfig(Strict):
    """A typical PC of the era; the label on screen must say it is typical (facts row pc/config is M)."""

    label: Text
    source: NonEmptyText
    cpu: NonEmptyText
    ram_kb: int = Field(ge=640, le=65536)
    disk_mb: int = Field(ge=10, le=8192)
    era_year: int = Field(ge=1981, le=1999, description="year shown by DATE and in file dates")
    bios: list[str] = Field(min_length=1, description="header lines of the power-on self-test screen")
    drives: list[Text] = Field(default_factory=list, description="drive lines shown after the memory test")
    dos_version: Text
    volume_label: str = Field(default="DOS", max_length=11)
    volume_serial: str = Field(default="1995-0314", pattern=r"^[0-9A-F]{4}-[0-9A-F]{4}$")
    path: list[str] = Field(default_factory=lambda: ["C:\\DOS"], description="folders searched for programs")
    layout: Literal["ru", "en"] | None = Field(default=None, description="keyboard layout at start (default: "
                                               "the visitor's language)")

    @field_validator("label")
    @classmethod
    def _says_typical(cls, value: Bilingual) -> Bilingual:
        if not re.search(r"типичн|пример|иллюстр", value.ru, re.I) or not re.search(
                r"typical|example|illustrat", value.en, re.I):
            raise ValueError("the facts row pc/config is M confidence: the label must say the machine is "
                             "typical / illustrative (e.g. 'типичный ПК середины 90-х' / 'a typical mid-90s PC')")
        return value


class BootLine(Strict):
    text: LineText
    delay: float = Field(default=0.3, ge=0, le=10, description="seconds before the line appears")


class BootScript(Strict):
    memory_test_seconds: float = Field(default=2.0, ge=0, le=20)
    pause_after_post: float = Field(default=1.0, ge=0, le=20)
    skip_hint: LineText = Field(default_factory=lambda: OptionalBilingual(
        ru="Коснитесь экрана или нажмите любую клавишу, чтобы пропустить",
        en="Tap the screen or press any key to skip"))
    dos: list[BootLine] = Field(default_factory=list)


class Entry(Strict):
    """A folder (has `items`) or a file: a text (`text`), a program (`program`) or other data (`size`)."""

    name: DosName
    items: list[Entry] | None = None
    text: FileText | None = None
    program: ProgramName | None = None
    opens: str | None = Field(default=None, description="for viewer/editor programs: the file they open")
    size: int | None = Field(default=None, ge=0, le=100_000_000)
    date: DateField | None = None
    source: str | None = None

    @property
    def is_folder(self) -> bool:
        return self.items is not None

    @field_validator("program", mode="before")
    @classmethod
    def _known_program(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in PROGRAMS:
            raise PydanticCustomError("unknown_program",
                                      "unknown program '{value}': use one of {known}",
                                      {"value": value, "known": ", ".join(PROGRAMS)})
        return value

    @field_validator("items")
    @classmethod
    def _unique_names(cls, items: list[Entry] | None) -> list[Entry] | None:
        if items is not None:
            _check_unique(items)
        return items

    @model_validator(mode="after")
    def _one_kind(self) -> Entry:
        if self.is_folder and (self.text or self.program or self.opens or self.size is not None):
            raise ValueError(f"'{self.name}' has items, so it is a folder: move text/program/opens/size into "
                             "a file inside it")
        if self.text is not None and self.program is not None:
            raise ValueError(f"'{self.name}' has both text and program: a file is one or the other")
        if self.opens is not None and self.program not in ("viewer", "editor"):
            raise ValueError(f"'{self.name}': only viewer and editor programs take `opens`")
        return self


def _check_unique(items: list[Entry]) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.name in seen:
            raise ValidationError.from_exception_data("Entry", [InitErrorDetails(
                type=PydanticCustomError(
                    "duplicate_name",
                    "'{name}' is already used by item {first} of this folder (DOS names ignore case): rename one",
                    {"name": item.name, "first": seen[item.name]}),
                loc=(index, "name"), input=item.name)])
        seen[item.name] = index


class KeySpec(Strict):
    key: str
    label: Text | None = None

    @field_validator("key")
    @classmethod
    def _known_key(cls, value: str) -> str:
        key = value.strip().upper()
        if key not in KEY_IDS:
            raise ValueError(f"unknown key '{value}': use e.g. LEFT, RIGHT, UP, DOWN, SPACE, ENTER, ESC, F1..F10, "
                             "TAB, BACKSPACE or a letter A..Z")
        return key


def _full_shorthand(value: Any) -> Any:
    return {"full": True} if value == "full" else value


class KeySet(Strict):
    """Which on-screen keys a program shows: the whole keyboard (`full`) or a short list of big keys."""

    full: bool = False
    function_keys: bool = True
    keys: list[KeySpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_to_show(self) -> KeySet:
        if not self.full and not self.keys:
            raise ValueError("a key set needs `full: true` or a list of `keys`")
        return self

    @property
    def key_ids(self) -> list[str]:
        return [spec.key for spec in self.keys]

    def label_for(self, key: str, lang: str) -> str | None:
        for spec in self.keys:
            if spec.key == key and spec.label is not None:
                return spec.label.pick(lang)
        return None


FULL_KEYSET = KeySet(full=True)


class Dialer(Strict):
    """The modem program: what it dials and how the connection is reported."""

    init: str = "ATZ"
    number: str = Field(default="2345678", pattern=r"^[0-9,\- ]{3,20}$")
    connect_bps: int = Field(default=14400, ge=300, le=56000)
    handshake_seconds: float = Field(default=6.0, ge=0.5, le=30)
    source: str | None = None


class ContentModel(Strict):
    """Root of retro_pc.yaml."""

    machine: MachineConfig
    boot: BootScript = Field(default_factory=BootScript)
    filesystem: list[Entry]
    keysets: dict[KeySetName, Annotated[KeySet, BeforeValidator(_full_shorthand)]] = Field(default_factory=dict)
    dialer: Dialer = Field(default_factory=Dialer)
    texts: SystemTexts = Field(default_factory=SystemTexts)
    ui: SceneTexts = Field(default_factory=SceneTexts, description="the kiosk's words around the monitor")
    browser: BrowserSite | None = Field(default=None, description="the dial-up browser's site when the mos.ru "
                                        "scene is off")

    @field_validator("filesystem")
    @classmethod
    def _unique_root(cls, items: list[Entry]) -> list[Entry]:
        _check_unique(items)
        return items

    @model_validator(mode="after")
    def _paths_exist(self) -> ContentModel:
        problems: list[InitErrorDetails] = []
        for index, folder in enumerate(self.machine.path):
            if find_entry(self.filesystem, folder, want_folder=True) is None:
                problems.append(_problem(("machine", "path", index), folder,
                                         "PATH folder '{path}' is not in the file system: add it or remove it"))
        for loc, entry in walk(self.filesystem, ("filesystem",)):
            if entry.opens is not None:
                target = find_entry(self.filesystem, entry.opens, want_folder=False)
                if target is None or target.text is None:
                    problems.append(_problem((*loc, "opens"), entry.opens,
                                             "'{path}' is not a text file of this file system: write a full path "
                                             "like C:\\README.TXT"))
        if problems:
            raise ValidationError.from_exception_data("ContentModel", problems)
        return self

    def keyset(self, name: str) -> KeySet:
        return self.keysets.get(name, FULL_KEYSET)  # type: ignore[call-overload]

    def file_paths(self) -> list[str]:
        """Full DOS paths of every file and folder (not content ids: they need not be unique across files)."""
        return [path for path, _ in walk_paths(self.filesystem, "C:")]


def _problem(loc: tuple[str | int, ...], value: str, message: str) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError("missing_path", message, {"path": value}), loc=loc,
                            input=value)


def walk(items: list[Entry], loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], Entry]]:
    found: list[tuple[tuple[str | int, ...], Entry]] = []
    for index, entry in enumerate(items):
        found.append(((*loc, index), entry))
        if entry.items is not None:
            found.extend(walk(entry.items, (*loc, index, "items")))
    return found


def walk_paths(items: list[Entry], prefix: str) -> list[tuple[str, Entry]]:
    found: list[tuple[str, Entry]] = []
    for entry in items:
        path = f"{prefix}\\{entry.name}"
        found.append((path, entry))
        if entry.items is not None:
            found.extend(walk_paths(entry.items, path))
    return found


def find_entry(items: list[Entry], path: str, want_folder: bool) -> Entry | None:
    """Look up an absolute content path like C:\\GAMES\\HISTORY.TXT (case-insensitive, 8.3-cut)."""
    parts = [p for p in path.strip().upper().replace("/", "\\").split("\\") if p]
    if parts and parts[0] == "C:":
        parts = parts[1:]
    if not parts:
        return None if not want_folder else Entry(name="ROOT", items=items)
    current: list[Entry] | None = items
    entry: Entry | None = None
    for part in parts:
        if current is None:
            return None
        entry = next((e for e in current if e.name == to_83(part)), None)
        if entry is None:
            return None
        current = entry.items
    if entry is None or entry.is_folder != want_folder:
        return None
    return entry
