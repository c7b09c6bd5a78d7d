"""Runs the real kiosk headless for the curator tools and drives it from screen to screen.

The export and the layout lint must show what visitors see, so they start the real `App` (the same scenes,
theme, text cache and image cache) on the simulated clock and reach each screen the way a visitor would or
through the scene's public methods. The run is kept away from the exhibit's own data: votes, analytics and
logs go to a temporary folder, the idle timer and opening hours are switched off, and nothing is played.

While it runs it records what the measurements need: which text colours each scene drew (with the tallest
font), which images were asked for at which box size, and every text that did not fit (TextRenderer's
overflow list).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from kiosk.app import App, RunOptions  # noqa: E402
from kiosk.images import ImageCache  # noqa: E402
from kiosk.proof.contrast import TextIndex  # noqa: E402
from kiosk.proof.screens import ProofError  # noqa: E402
from kiosk.text import TextBlock, TextRenderer  # noqa: E402

LOG = logging.getLogger("kiosk.proof")

PROOF_FPS = 15
"""Simulated frames per second: animations end after the same program time, in fewer frames."""
SETTLE_LIMIT_S = 10.0
"""Real seconds to wait for background image decodes before a screen is taken as it is."""


class RecordingText(TextRenderer):
    """The kiosk's text cache, also keeping each rendered line's glyph shape and colour (for the contrast
    measurement) and which colours each scene drew text in."""

    def __init__(self, scene_name: Callable[[], str]) -> None:
        super().__init__(record_overflow=True)
        self.scene_name = scene_name
        self.index = TextIndex()
        self.colours: dict[str, set[tuple[int, int, int]]] = {}
        self._seen: dict[int, weakref.ref[TextBlock]] = {}

    def block(self, text: str, font: pygame.font.Font, color: pygame.Color | tuple, width: int = 0,
              max_lines: int = 0, align: str = "left", line_spacing: float = 1.15, where: str = "") -> TextBlock:
        block = super().block(text, font, color, width, max_lines, align, line_spacing, where)
        colour = pygame.Color(color)
        if colour.a == 255 and text.strip():
            rgb = (colour.r, colour.g, colour.b)
            self.colours.setdefault(self.scene_name(), set()).add(rgb)
            seen = self._seen.get(id(block))
            if seen is None or seen() is not block:
                self._seen[id(block)] = weakref.ref(block)
                try:
                    self.index.add_block(block.surface, block.lines, rgb, font, line_spacing, where)
                except Exception:  # measuring must never break the scene being measured
                    LOG.exception("proof: could not index the text %r", text[:40])
        return block


class RecordingImages(ImageCache):
    """The kiosk's image cache, also noting every (file, box size, fit) a scene asked for."""

    def __init__(self, max_mb: int, workers: int) -> None:
        super().__init__(max_mb, workers)
        self.requests: dict[tuple[str, tuple[int, int], str], str] = {}
        """(path, box, fit) → the proof screen that first asked for it."""
        self.screen_id = ""

    def request(self, path: Path | str, size: tuple[int, int],
                fit: Literal["contain", "cover"] = "contain") -> pygame.Surface | None:
        key = (os.fspath(path), (int(size[0]), int(size[1])), fit)
        self.requests.setdefault(key, self.screen_id)
        return super().request(path, size, fit)


class ProofApp(App):
    """The real App with the recording image cache."""

    def _make_image_cache(self) -> Any:
        return RecordingImages(self.config.images.cache_mb, self.config.images.workers)


def proof_config(config: Any, var_dir: Path) -> Any:
    """A copy of the installer's config for a proof run: private var folder, no idle, always open, silent."""
    return config.model_copy(update={
        "paths": config.paths.model_copy(update={"var": str(var_dir)}),
        "idle": config.idle.model_copy(update={"idle_seconds": 10.0 ** 9, "countdown_seconds": 10.0}),
        "sound": config.sound.model_copy(update={"enabled": False}),
        "schedule": {},
        "analytics": config.analytics.model_copy(update={"enabled": False}),
    })


class ProofDriver:
    """One headless App at one size and language; proof screens call its helpers to reach their screen."""

    def __init__(self, config: Any, size: tuple[int, int], lang: str, content_dir: Path | None = None,
                 fps: int = PROOF_FPS) -> None:
        self.size = size
        self.lang = lang
        self._var = Path(tempfile.mkdtemp(prefix="kiosk-proof-"))
        self.app: App = ProofApp(proof_config(config, self._var), RunOptions(
            headless=True, size=size, rotate=0, lang=lang, fps=fps, content_dir=content_dir, watch_content=False))
        self.text = RecordingText(self.app.scene_name)
        self.app.text = self.text
        self.app.ctx.text = self.text
        self.images: RecordingImages = self.app.images
        self.errors_seen = 0
        self.app.router.replace(self.app.router.home)  # the home scene again, built with the recording text
        self.settle()

    # -- reaching screens ----------------------------------------------------------------------------------------
    @property
    def scene(self) -> Any:
        """The scene on top of the stack."""
        return self.app.router.top

    @property
    def scene_name(self) -> str:
        return self.app.scene_name()

    def content(self, file: str) -> Any:
        return self.app.content.get(file)

    def advance(self, seconds: float) -> None:
        self.app.advance(seconds)
        self._check_crash()

    def settle(self, seconds: float = 0.3) -> None:
        """Run `seconds` of program time, then until no image is decoding (bounded in real time)."""
        self.app.advance(seconds)
        deadline = time.monotonic() + SETTLE_LIMIT_S
        while self.app.images.pending() and time.monotonic() < deadline:
            time.sleep(0.003)
            self.app.advance(1.0 / PROOF_FPS)
        self.app.advance(2.0 / PROOF_FPS)
        self._check_crash()

    def home(self) -> Any:
        """Close every scene above the home scene; returns the home scene."""
        if len(self.app.router.stack) > 1:
            self.app.router.reset_home()
            self.settle()
        return self.scene

    def open(self, name: str, params: Mapping[str, Any] | None = None) -> Any:
        """Open scene `name` over the home scene (a fresh instance); returns it."""
        self.home()
        if name != self.app.router.home:
            self.app.router.push(name, params)
            self.settle()
        if self.scene_name != name:
            raise ProofError(f"scene '{name}' did not open (top scene: '{self.scene_name}')")
        return self.scene

    def tap(self, *targets: str, wait: float = 0.3) -> None:
        """Tap named targets one after another like a visitor's finger, then settle for `wait` seconds."""
        for name in targets:
            if self.app.find_target(name) is None:
                shown = ", ".join(sorted({t.name for t in self.app.all_targets()}))
                raise ProofError(f"no target '{name}' on screen (targets: {shown})")
            failures = self.app.play([{"tap": {"target": name}}])
            if failures:
                raise ProofError("; ".join(failures))
            self._check_crash()
        self.settle(wait)

    def _check_crash(self) -> None:
        if self.app.scene_errors > self.errors_seen:
            self.errors_seen = self.app.scene_errors
            raise ProofError(f"the scene crashed: {self.app.last_error}")

    # -- what is on screen --------------------------------------------------------------------------------------
    def frame(self) -> pygame.Surface:
        """The last presented frame (logical pixels)."""
        return self.app.display.surface

    def close(self) -> None:
        try:
            self.app.shutdown()
        finally:
            shutil.rmtree(self._var, ignore_errors=True)
