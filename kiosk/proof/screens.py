"""What a scene's proof screens are, and how the curator tools find them.

Each scene package may have a `proof.py` next to its `__init__.py` exporting
`proof_screens(bundle) -> list[ProofScreen]`. A screen says what it is (an id that becomes the PNG's name),
where its words come from in the content (for the contact sheet's file:line) and how to reach it by driving
the running app. The export and the layout lint walk the same screens, so what the lint measures is what the
proof sheet shows.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pygame

if TYPE_CHECKING:
    from kiosk.content.loader import ContentBundle
    from kiosk.proof.driver import ProofDriver

LOG = logging.getLogger("kiosk.proof")

Shot = pygame.Rect | pygame.Surface | None
"""What `show` returns: None = the whole screen, a Rect = that part of it, a Surface = a picture composed by
the scene's own drawing code (e.g. one card at every zoom level)."""

Kind = Literal["screen", "card"]


class ProofError(Exception):
    """A screen could not be reached (a target is missing, the scene closed or crashed)."""


@dataclass(frozen=True)
class ProofScreen:
    id: str
    """'timeline/card-ru-domain' → files timeline/card-ru-domain.ru.png and .en.png."""
    title: str
    """A short caption for the contact sheet."""
    source: tuple[str, tuple[Any, ...]]
    """(content file, location path) of what the screen shows, e.g. ('timeline.yaml', ('events', 3))."""
    show: Callable[[ProofDriver], Shot]
    """Drive the app to this screen and say what to keep."""
    kind: Kind = "screen"
    """'card': a small picture (several per contact-sheet page); 'screen': a whole screen."""

    @property
    def scene(self) -> str:
        return self.id.split("/", 1)[0]


def screens_of(module_name: str, bundle: ContentBundle) -> list[ProofScreen]:
    """The proof screens of one scene package (`<module>.proof`), or [] when it has none."""
    try:
        proof = importlib.import_module(f"{module_name}.proof")
    except ModuleNotFoundError as exc:
        if exc.name in (f"{module_name}.proof", module_name):
            return []
        raise
    factory = getattr(proof, "proof_screens", None)
    return list(factory(bundle)) if callable(factory) else []


def all_screens(config: Any, bundle: ContentBundle, only: Sequence[str] = (),
                errors: list[str] | None = None) -> list[ProofScreen]:
    """Every enabled scene's proof screens in config order; `only` keeps ids starting with any prefix.

    A scene whose proof module fails is left out; the reason goes to `errors` ('scene: reason')."""
    found: list[ProofScreen] = []
    for name in config.enabled_scenes():
        try:
            found.extend(screens_of(config.scenes[name].module, bundle))
        except Exception as exc:  # a broken proof module must not stop the others
            LOG.exception("proof screens of scene '%s' failed", name)
            if errors is not None:
                errors.append(f"{name}: its proof screens cannot be listed ({type(exc).__name__}: {exc})")
    if only:
        found = [s for s in found if any(s.id.startswith(prefix) for prefix in only)]
    return found
