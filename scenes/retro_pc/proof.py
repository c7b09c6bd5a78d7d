"""Proof screens of the 1990s computer for the curator tools (`run_kiosk.py export`, `check --layout`).

The boot screen (memory test), the DOS prompt, HELP's list of commands, and the first screen of every
program file in retro_pc.yaml's file system. Each program starts on a fresh machine: the boot is skipped with
a tap on the monitor, and the program's name is typed on the on-screen keyboard (key.<letter> taps, then
key.ENTER), as a visitor would.
"""

from __future__ import annotations

from typing import Any

from kiosk.content.loader import ContentBundle
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofError, ProofScreen, Shot

from .model import ContentModel, walk

CONTENT_FILE = "retro_pc.yaml"
SCENE = "retro_pc"
FIRST_SCREEN_S = 1.0
"""How long a program runs before its first screen is taken."""


def _booted(driver: ProofDriver) -> Any:
    """A fresh machine at the DOS prompt."""
    scene = driver.open(SCENE)
    driver.tap("retro.screen", wait=0.3)
    if scene.machine is None or scene.machine.state != "shell":
        raise ProofError("the machine did not reach the DOS prompt")
    return scene


def _type(driver: ProofDriver, scene: Any, command: str) -> None:
    """Type `command` and Enter on the on-screen keyboard (or into the machine if a key is not on it)."""
    names = {target.name for target in driver.app.all_targets()}
    keys = [f"key.{ch}" for ch in command.upper()]
    if all(key in names for key in keys) and "key.ENTER" in names:
        driver.tap(*keys, "key.ENTER", wait=FIRST_SCREEN_S)
    else:
        scene.machine.type_command(command)
        driver.settle(FIRST_SCREEN_S)


def _boot(driver: ProofDriver) -> Shot:
    driver.open(SCENE)
    driver.settle(0.6)
    return None


def _prompt(driver: ProofDriver) -> Shot:
    _booted(driver)
    return None


def _command(command: str) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = _booted(driver)
        _type(driver, scene, command)
        return None
    return show


def proof_screens(bundle: ContentBundle) -> list[ProofScreen]:
    model = bundle.models.get(CONTENT_FILE)
    if not isinstance(model, ContentModel):
        return []
    screens = [ProofScreen("retro_pc/boot", "1990s PC: boot", (CONTENT_FILE, ("boot",)), _boot),
               ProofScreen("retro_pc/prompt", "1990s PC: DOS prompt", (CONTENT_FILE, ("machine",)), _prompt),
               ProofScreen("retro_pc/help", "1990s PC: HELP", (CONTENT_FILE, ("texts",)), _command("HELP"))]
    for loc, entry in walk(model.filesystem, ("filesystem",)):
        if entry.program is None:
            continue
        name = entry.name.split(".")[0]
        screens.append(ProofScreen(f"retro_pc/program-{name.lower()}", f"1990s PC: {entry.name} ({entry.program})",
                                   (CONTENT_FILE, loc), _command(name)))
    return screens
