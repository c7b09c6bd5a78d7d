"""Proof screens of the Active Citizen scene for the curator tools (`run_kiosk.py export`, `check --layout`).

The home screen, every history screen, every city decision, and every active poll question with its result
screen (after a vote, as a visitor would cast it; the vote goes to the proof run's own temporary database).
Reached by tapping the scene's targets: ac.history.<n>, ac.next, ac.question.<id>, ac.option.<id>, ac.vote.
"""

from __future__ import annotations

from typing import Any

from kiosk.content.loader import ContentBundle
from kiosk.proof.driver import ProofDriver
from kiosk.proof.screens import ProofError, ProofScreen, Shot

from .model import ContentModel

CONTENT_FILE = "active_citizen.yaml"
SCENE = "active_citizen"
PAGE_SECONDS = 0.6
"""A page turn's slide."""


def _section(driver: ProofDriver, section: str) -> Any:
    """The scene showing `section` (the open one if it already does)."""
    scene = driver.scene
    if driver.scene_name != SCENE or scene.section != section:
        scene = driver.open(SCENE, {"section": section} if section != "home" else None)
    return scene


def _home(driver: ProofDriver) -> Shot:
    _section(driver, "home")
    return None


def _history(index: int) -> Any:
    def show(driver: ProofDriver) -> Shot:
        _section(driver, "history")
        driver.tap(f"ac.history.{index}", wait=PAGE_SECONDS)
        return None
    return show


def _decision(index: int) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = _section(driver, "decisions")
        if scene.decisions.index > index:
            scene = driver.open(SCENE, {"section": "decisions"})
        while scene.decisions.index < index:
            before = scene.decisions.index
            driver.tap("ac.next", wait=PAGE_SECONDS)
            if scene.decisions.index == before:
                raise ProofError(f"'ac.next' did not turn to decision {index + 1}")
        return None
    return show


def _question(question_id: str) -> Any:
    def show(driver: ProofDriver) -> Shot:
        _section(driver, "poll")
        driver.tap(f"ac.question.{question_id}", wait=0.2)
        return None
    return show


def _result(question_id: str, first_option: str, multiple: bool, chart_s: float) -> Any:
    def show(driver: ProofDriver) -> Shot:
        scene = _section(driver, "poll")
        driver.tap(f"ac.question.{question_id}", wait=0.2)
        view = scene.poll_view()
        if view is not None and view.phase == "asking":
            driver.tap(f"ac.option.{first_option}", wait=0.2)
            if multiple:
                driver.tap("ac.vote", wait=0.2)
        driver.settle(chart_s + 0.5)
        return None
    return show


def proof_screens(bundle: ContentBundle) -> list[ProofScreen]:
    model = bundle.models.get(CONTENT_FILE)
    if not isinstance(model, ContentModel):
        return []
    screens = [ProofScreen("active_citizen/home", "Active Citizen: home", (CONTENT_FILE, ("texts",)), _home)]
    screens += [ProofScreen(f"active_citizen/history-{index + 1}", f"Active Citizen: history {index + 1}",
                            (CONTENT_FILE, ("history", index)), _history(index))
                for index in range(len(model.history))]
    screens += [ProofScreen(f"active_citizen/decision-{index + 1}", f"Active Citizen: decision {index + 1}",
                            (CONTENT_FILE, ("decisions", index)), _decision(index))
                for index in range(len(model.decisions))]
    chart_s = model.settings.chart_animation_s
    for index, question in enumerate(model.poll.questions):
        if question.retired:
            continue
        source = (CONTENT_FILE, ("poll", "questions", index))
        screens.append(ProofScreen(f"active_citizen/poll-{question.id}", f"Poll question {question.id}", source,
                                   _question(question.id)))
        screens.append(ProofScreen(f"active_citizen/poll-{question.id}-result", f"Poll result {question.id}",
                                   source, _result(question.id, question.options[0].id,
                                                   question.kind == "multiple", chart_s)))
    return screens
