"""The tiny stand-in's one proof screen."""

from __future__ import annotations

from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofScreen, Shot


def _show(driver: ProofDriver) -> Shot:
    driver.open("tiny")
    return None


def proof_screens(bundle: object) -> list[ProofScreen]:
    return [ProofScreen("tiny/screen", "A tiny button", ("timeline.yaml", ("lanes",)), _show)]
