"""What the in-scene browser knows, without drawing: the history, which pages are already in the cache, which
page is on its way over the modem, and how far it got.

Kept apart from the scene so the rules a visitor meets (visited pages come from the cache at once, Reload
always downloads again at the modem speed, Skip delivers the page whole) are plain state that tests drive
with any dt, exactly as the engine's simulated clock does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.pages import History
from scenes.mosru.dialup import ModemLink


@dataclass
class Browser:
    """History + cache + the modem line. `page_bytes(page_id)` gives the page's size on the wire."""

    home_id: str
    page_bytes: Callable[[str], int]
    link: ModemLink
    history: History = field(init=False)
    cached: set[str] = field(default_factory=set)
    loading: str | None = None
    """The page being downloaded (it is the current page), or None when the current page is complete."""
    loads: int = 0
    """Pages downloaded completely over the modem since the scene opened (for tests and the status bar)."""

    def __post_init__(self) -> None:
        self.history = History(self.home_id)

    # ------------------------------------------------------------------------------------------ state

    @property
    def current(self) -> str:
        return self.history.current

    @property
    def dialling(self) -> bool:
        return self.link.dialling

    @property
    def connected(self) -> bool:
        return self.link.connected

    @property
    def busy(self) -> bool:
        """The throbber turns: dialling or a page on its way."""
        return self.dialling or self.loading is not None

    @property
    def fraction(self) -> float:
        """How much of the current page has arrived (0 while dialling)."""
        if self.loading is None:
            return 1.0 if self.current in self.cached else 0.0
        return self.link.fraction

    @property
    def total_bytes(self) -> int:
        return self.page_bytes(self.current)

    @property
    def received_bytes(self) -> int:
        return int(self.total_bytes * self.fraction)

    # ------------------------------------------------------------------------------------- navigation

    def start(self) -> None:
        """Dial and load the start page (the Connect button)."""
        self.history.reset()
        self.cached.clear()
        self._load(self.home_id, force=True)

    def navigate(self, page_id: str) -> None:
        """Follow a link or a hotspot."""
        self.history.visit(page_id)
        self._load(page_id)

    def back(self) -> None:
        if self.history.can_back:
            self._load(self.history.back())

    def forward(self) -> None:
        if self.history.can_forward:
            self._load(self.history.forward())

    def home(self) -> None:
        self.history.home()
        self._load(self.current)

    def reload(self) -> None:
        """Download the current page again at the modem speed (the cache is bypassed)."""
        self._load(self.current, force=True)

    def skip(self) -> None:
        """Finish the handshake and the page on its way at once."""
        self.link.skip()
        self._settle()

    def hang_up(self) -> None:
        self.link.hang_up()
        self.loading = None

    def update(self, dt: float) -> None:
        self.link.update(dt)
        self._settle()

    # ---------------------------------------------------------------------------------------- private

    def _load(self, page_id: str, force: bool = False) -> None:
        if page_id in self.cached and not force:
            if self.loading is not None:
                self.link.cancel()
            self.loading = None
            return
        self.cached.discard(page_id)
        self.loading = page_id
        self.link.request(self.page_bytes(page_id))
        self._settle()

    def _settle(self) -> None:
        transfer = self.link.transfer
        if self.loading is not None and not self.link.dialling and transfer is not None and transfer.done:
            self.cached.add(self.loading)
            self.loading = None
            self.loads += 1
