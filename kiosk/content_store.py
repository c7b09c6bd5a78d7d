"""The content the exhibit shows right now: loaded at boot, swapped by hot reload only when valid."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

LOG = logging.getLogger("kiosk.content")


class ContentStore:
    """Wraps the content system for the app: `get(file)`, current problems, and a per-frame poll."""

    def __init__(self, config: Any, root: Path, watch: bool = True) -> None:
        from kiosk.content.registry import content_specs, make_context
        from kiosk.content.reload import ContentWatcher, boot_load

        self.config = config
        self.root = root
        self._specs = lambda: content_specs(config)
        self._context = lambda: make_context(config, root)
        last_good = config.var_dir / "last_good_content"
        specs = self._specs()
        result = boot_load(root, specs, self._context(), last_good)
        self.bundle = result.bundle
        self.source = result.source
        self.boot_problems = [p.format() for p in [*specs.problems, *result.problems]]
        for line in self.boot_problems:
            LOG.warning("%s", line)
        if self.source != "content":
            LOG.warning("content source at boot: %s", self.source)
        self.watcher = ContentWatcher(root, self._specs, self._context, last_good) if watch else None
        if self.watcher is not None:
            self.watcher.start()

    @property
    def ok(self) -> bool:
        return self.bundle is not None

    @property
    def content_root(self) -> Path:
        return Path(self.bundle.root) if self.bundle is not None else self.root

    def get(self, file: str) -> Any:
        if self.bundle is None:
            return None
        return self.bundle.models.get(file)

    def problems(self) -> list[str]:
        if self.watcher is not None:
            current = [p.format() for p in self.watcher.problems()]
            if current or self.source == "content":
                return current
        return self.boot_problems

    def poll(self) -> bool:
        """Swap in a newly validated bundle if the watcher has one; True if swapped."""
        if self.watcher is None:
            return False
        update = self.watcher.take_update()
        if update is None:
            return False
        self.bundle = update
        self.source = "content"
        LOG.info("content reloaded")
        return True

    def reload_now(self) -> None:
        if self.watcher is not None:
            self.watcher.request_reload()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
