"""Back / Forward / Home navigation history of an in-kiosk browser, with the set of visited pages
(for purple visited links). Pure state: no drawing, no clock."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_LIMIT = 100


@dataclass
class History:
    """Browser history: visiting a page drops the forward entries; revisiting the current page is a no-op."""

    home_id: str
    limit: int = DEFAULT_LIMIT
    _entries: list[str] = field(default_factory=list)
    _index: int = -1
    visited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self._entries:
            self._entries = [self.home_id]
            self._index = 0
            self.visited = {self.home_id}

    @property
    def current(self) -> str:
        return self._entries[self._index]

    @property
    def can_back(self) -> bool:
        return self._index > 0

    @property
    def can_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def visit(self, page_id: str) -> str:
        """Follow a link (or type an address): the new page becomes current, forward history is dropped."""
        if page_id == self.current:
            return self.current
        del self._entries[self._index + 1:]
        self._entries.append(page_id)
        if len(self._entries) > self.limit:
            del self._entries[: len(self._entries) - self.limit]
        self._index = len(self._entries) - 1
        self.visited.add(page_id)
        return self.current

    def back(self) -> str:
        """Go one page back (stays put at the first page)."""
        if self.can_back:
            self._index -= 1
        return self.current

    def forward(self) -> str:
        """Go one page forward (stays put at the last page)."""
        if self.can_forward:
            self._index += 1
        return self.current

    def home(self) -> str:
        """The Home button: a normal visit to the home page (Back then returns to where you were)."""
        return self.visit(self.home_id)

    def reset(self) -> None:
        """Forget everything (idle reset of the scene)."""
        self._entries = [self.home_id]
        self._index = 0
        self.visited = {self.home_id}
