"""Proof screen of the menu for the curator tools (`run_kiosk.py export`, `check --layout`): the menu itself,
one button per enabled scene, with its title and subtitle from ui.yaml."""

from __future__ import annotations

from kiosk.content.loader import ContentBundle
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofScreen, Shot


def _menu(driver: ProofDriver) -> Shot:
    driver.open("menu")
    return None


def proof_screens(bundle: ContentBundle) -> list[ProofScreen]:
    return [ProofScreen("menu/menu", "Menu", ("ui.yaml", ("menu.title",)), _menu)]
