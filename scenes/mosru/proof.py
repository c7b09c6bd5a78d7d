"""Proof screens of the first mos.ru scene for the curator tools (`run_kiosk.py export`, `check --layout`).

The connection dialog, the dialling screen, every page of the reconstructed site as it stands once loaded
(Skip, as a visitor would press it) and the then-and-now comparison. Reached through the scene's own
targets (Connect, Skip, Compare) and, for pages no link on screen leads to, the browser's navigation.
"""

from __future__ import annotations

from typing import Any

from kiosk.content.loader import ContentBundle
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofScreen, Shot

from .model import ContentModel

CONTENT_FILE = "mosru.yaml"
SCENE = "mosru"


def _fresh(driver: ProofDriver) -> Any:
    return driver.open(SCENE)


def _connected(driver: ProofDriver) -> Any:
    """The scene online with a complete page and the comparison closed (reuses the open scene if it is so)."""
    scene = driver.scene
    if driver.scene_name != SCENE or not scene.browser.connected:
        scene = _fresh(driver)
        driver.tap("mosru.connect", wait=0.1)
        driver.tap("mosru.skip", wait=0.2)
    if scene.comparing:
        driver.tap("mosru.compare.close", wait=0.2)
    return scene


def _connect_dialog(driver: ProofDriver) -> Shot:
    _fresh(driver)
    return None


def _dialling(driver: ProofDriver) -> Shot:
    _fresh(driver)
    driver.tap("mosru.connect", wait=1.5)
    return None


def _page(page_id: str) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = _connected(driver)
        if scene.browser.current != page_id:
            scene.browser.navigate(page_id)
        scene.skip()  # the page at once, as the Skip button gives it
        driver.settle(0.3)
        return None
    return show


def _compare(driver: ProofDriver) -> Shot:
    _connected(driver)
    driver.tap("mosru.compare", wait=0.5)
    return None


def proof_screens(bundle: ContentBundle) -> list[ProofScreen]:
    model = bundle.models.get(CONTENT_FILE)
    if not isinstance(model, ContentModel):
        return []
    screens = [ProofScreen("mosru/connect", "mos.ru: connection dialog", (CONTENT_FILE, ("chrome", "connect_dialog")),
                           _connect_dialog),
               ProofScreen("mosru/dialling", "mos.ru: dialling", (CONTENT_FILE, ("chrome", "connect_dialog", "dial")),
                           _dialling)]
    screens += [ProofScreen(f"mosru/page-{page_id}", f"mos.ru page {page_id}", (CONTENT_FILE, ("site", "pages", page_id)),
                            _page(str(page_id))) for page_id in model.site.pages]
    screens.append(ProofScreen("mosru/compare", "mos.ru: then and now", (CONTENT_FILE, ("today",)), _compare))
    return screens
