"""Fixtures for the 1990s computer: the real content, a small test drive, a machine on a fixed clock."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import copy  # noqa: E402
import datetime as dt  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from scenes.retro_pc.keyboard import KeyEvent  # noqa: E402
from scenes.retro_pc.machine import RetroMachine  # noqa: E402
from scenes.retro_pc.model import ContentModel  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
CONTENT_FILE = REPO / "config" / "content" / "retro_pc.yaml"
FIXED_NOW = dt.datetime(2024, 5, 17, 14, 3, 7)  # a Friday; 17 May 1995 was a Wednesday

SMALL_FS: list[dict[str, Any]] = [
    {"name": "DOS", "date": "1994-05-31", "items": [
        {"name": "FORMAT.COM", "size": 22974},
        {"name": "EDIT.COM", "program": "editor", "size": 413},
    ]},
    {"name": "GAMES", "items": [
        {"name": "BLOCKS.EXE", "program": "blocks", "size": 48210},
        {"name": "HISTORY.TXT", "text": {"ru": "Про игры.\n", "en": "About games.\n"}},
    ]},
    {"name": "VERYLONG", "items": [{"name": "LONGFILE.TEX", "text": "cut to eight dot three\n"}]},
    {"name": "ДОКУМЕНТ", "items": [{"name": "ПИСЬМО.TXT", "text": {"ru": "Привет из 1995!\n",
                                                                  "en": "Hello from 1995!\n"}}]},
    {"name": "NC", "items": [{"name": "NC.EXE", "program": "commander"}]},
    {"name": "EMPTY", "items": []},
    {"name": "README.TXT", "text": {"ru": "Читай меня.\n", "en": "Read me.\n"}},
    {"name": "README.EXE", "program": "viewer", "opens": "C:\\README.TXT"},
]


def real_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))
    return data


def small_data() -> dict[str, Any]:
    data = real_data()
    data["filesystem"] = copy.deepcopy(SMALL_FS)
    data["machine"]["path"] = ["C:\\DOS", "C:\\NC"]
    data["machine"].pop("layout", None)  # these tests use the default: the layout follows the language
    return data


@pytest.fixture(scope="session")
def real_content() -> ContentModel:
    return ContentModel.model_validate(real_data())


@pytest.fixture(scope="session")
def small_content() -> ContentModel:
    return ContentModel.model_validate(small_data())


@pytest.fixture(scope="session", autouse=True)
def _pygame() -> None:
    pygame.init()


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


MachineFactory = Callable[..., RetroMachine]


@pytest.fixture
def make_machine(small_content: ContentModel) -> MachineFactory:
    def make(lang: str = "en", content: ContentModel | None = None, boot: bool = False) -> RetroMachine:
        return RetroMachine(content or small_content, lang, clock=fixed_clock, boot=boot)
    return make


def press(machine: RetroMachine, *keys: str) -> None:
    for key in keys:
        machine.handle_key(KeyEvent(key))


def run(machine: RetroMachine, line: str) -> str:
    """Type a command and return the screen text."""
    machine.type_command(line)
    return machine.screen.text()


def last_output(machine: RetroMachine, line: str) -> str:
    """What one command printed: the screen after the command, minus what was there before."""
    machine.screen.clear()
    machine.shell.prompt(blank_line=False)
    machine.type_command(line)
    return machine.screen.text().rstrip()
