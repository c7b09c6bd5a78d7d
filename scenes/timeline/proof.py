"""Proof screens of the timeline for the curator tools (`run_kiosk.py export`, `check --layout`).

Every event gives two: its card at the three zoom levels (the very surfaces the timeline blits, composed by
the scene's own card painter) and its detail view (the whole screen, the timeline dimmed behind it). Three
overview screens (one per zoom level) and one expanded "+N" stack show the frame around the cards.
"""

from __future__ import annotations

from typing import Any

import pygame

from kiosk.content.loader import ContentBundle
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofScreen, Shot

from .model import ContentModel
from .tuning import CONTENT_FILE, LEVELS, SCENE

CARD_GAP = 24
"""Pixels between the three cards of a card picture (at a 1080-pixel short side)."""


def _timeline(driver: ProofDriver) -> Any:
    """The timeline scene with no detail view or expanded stack open."""
    scene = driver.open("timeline")
    if scene.open_event_id is not None:
        driver.tap("detail.close")
    if scene.open_stack_id is not None:
        driver.tap("stack.close")
    return scene


def _overview(level: str, event_id: str | None) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = _timeline(driver)
        if event_id is not None:
            scene.show_event(event_id, level=level, seconds=0)
        driver.settle(0.5)
        return None
    return show


def _card(event_id: str) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = driver.open("timeline")
        lang = driver.lang
        event = scene.by_id[event_id]
        path = scene.cards.painter.thumb_path(event)
        for level in LEVELS:  # the thumbnails first, so each card is composed with its picture
            thumb = scene.styles[level].thumb
            if thumb is not None and path is not None:
                driver.app.ctx.images.request(path, thumb.size, fit="cover")
        driver.settle(0)
        keys = [(event_id, level, lang) for level in LEVELS]
        for key in keys:
            scene.cards.render(*key)
        scene.cards.pump(keys, 1000.0, must=len(keys))  # patches thumbnails decoded meanwhile
        cards = [scene.cards.get(*key) for key in keys]
        gap = driver.app.theme.px(CARD_GAP)
        width = max(card.get_width() for card in cards) + 2 * gap
        height = sum(card.get_height() for card in cards) + gap * (len(cards) + 1)
        picture = pygame.Surface((width, height))
        picture.fill(driver.app.theme.color("bg", SCENE))
        y = gap
        for card in cards:
            picture.blit(card, (gap, y))
            y += card.get_height() + gap
        return picture
    return show


def _detail(event_id: str) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = driver.open("timeline")
        if scene.open_stack_id is not None:
            driver.tap("stack.close")
        scene.show_event(event_id, seconds=0)
        scene.open_detail(event_id)  # replaces the detail view open before, as "Later ›" does
        driver.settle(0.1)
        return None
    return show


def _stack(driver: ProofDriver) -> Shot:
    scene = _timeline(driver)
    level = LEVELS[0]
    stack = next((item for item in scene.layout_for(level).items() if item.is_stack), None)
    if stack is None:
        return None
    scene.show_event(stack.first_id, level=level, seconds=0)
    scene.open_stack(list(stack.event_ids))
    driver.settle(0.5)
    return None


def proof_screens(bundle: ContentBundle) -> list[ProofScreen]:
    content = bundle.models.get(CONTENT_FILE)
    if not isinstance(content, ContentModel):
        return []
    ordered = sorted(enumerate(content.events), key=lambda pair: (pair[1].date.as_float(), pair[1].id))
    first = ordered[0][1].id if ordered else None
    screens = [ProofScreen(f"timeline/overview-{level}", f"Timeline, {level} zoom", (CONTENT_FILE, ("lanes",)),
                           _overview(level, first)) for level in LEVELS]
    screens += [ProofScreen(f"timeline/card-{event.id}", f"Card {event.id} (decade, year, month zoom)",
                            (CONTENT_FILE, ("events", index)), _card(event.id), kind="card")
                for index, event in ordered]
    screens += [ProofScreen(f"timeline/detail-{event.id}", f"Detail view {event.id}",
                            (CONTENT_FILE, ("events", index)), _detail(event.id))
                for index, event in ordered]
    screens.append(ProofScreen("timeline/stack", "An expanded stack", (CONTENT_FILE, ("events",)), _stack))
    return screens
