"""Safe hot reload: watch the content folder, validate changes in the background, swap only valid content.

Visitors never see broken content: an invalid edit leaves the current content on screen and its problems on
the admin overlay. Every valid load is copied to `last_good_dir` (write to a temp folder, then rename), and
`boot_load` falls back to that copy when the content is broken at start-up.

No new dependency: a background thread polls sizes and modification times. A change is loaded after 1 s of
quiet; if the files changed again while loading (an editor still saving), the result is thrown away.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.content.loader import ContentBundle, ContentSpec, load_bundle
from kiosk.content.problems import Problem, display_path

LOG = logging.getLogger("kiosk.content")

Snapshot = dict[str, tuple[int, int]]
MANIFEST = ".last_good_manifest.json"
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp")


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913"


def snapshot(root: Path) -> Snapshot:
    """{relative path: (size, mtime_ns)} of every content file (editor temp files ignored)."""
    result: Snapshot = {}
    root = Path(root)
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _ignored(d))
        for name in files:
            if _ignored(name):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # vanished or a dangling link: the loader reports it if it matters
            result[os.path.relpath(path, root).replace(os.sep, "/")] = (stat.st_size, stat.st_mtime_ns)
    return result


def _read_manifest(folder: Path) -> Snapshot | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {key: (int(value[0]), int(value[1])) for key, value in data.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def save_last_good(root: Path, last_good_dir: Path, expected: Snapshot | None = None) -> bool:
    """Copy the content folder to `last_good_dir` atomically. False when skipped (unchanged or changing)."""
    root, last_good_dir = Path(root), Path(last_good_dir)
    before = snapshot(root)
    if expected is not None and before != expected:
        return False  # changed since it was validated: the next reload will save it
    if last_good_dir.is_dir() and _read_manifest(last_good_dir) == before:
        return False
    parent = last_good_dir.parent
    parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = parent / f".{last_good_dir.name}.tmp-{os.getpid()}-{threading.get_ident()}"
    old = parent / f".{last_good_dir.name}.old"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        shutil.copytree(root, tmp, symlinks=True,  # links are copied as links, never followed out of the folder
                        ignore=lambda _folder, names: [n for n in names if _ignored(n)])
        if snapshot(root) != before:
            shutil.rmtree(tmp, ignore_errors=True)
            return False
        (tmp / MANIFEST).write_text(json.dumps({k: list(v) for k, v in before.items()}), encoding="utf-8")
        _make_private(tmp)
        shutil.rmtree(old, ignore_errors=True)
        if last_good_dir.exists():
            os.replace(last_good_dir, old)
        os.replace(tmp, last_good_dir)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return True


def _make_private(folder: Path) -> None:
    """The copy lives in var/: folders 0700 and files 0600, whatever modes the content folder had."""
    for path, _dirs, files in os.walk(folder):
        os.chmod(path, 0o700)
        for name in files:
            os.chmod(os.path.join(path, name), 0o600)


def last_good_candidates(last_good_dir: Path) -> list[Path]:
    """The saved copy, and the previous one if a save was interrupted between its two renames."""
    last_good_dir = Path(last_good_dir)
    old = last_good_dir.parent / f".{last_good_dir.name}.old"
    return [path for path in (last_good_dir, old) if path.is_dir()]


def _not_saved(last_good_dir: Path, exc: OSError) -> Problem:
    """Shown on the admin overlay: without the copy, the next broken edit leaves visitors a blank screen."""
    reason = exc.strerror or type(exc).__name__
    return Problem(display_path(last_good_dir), 1, 1, "warning",
                   f"could not save the last good copy of the content ({reason}); if the content breaks, "
                   "there is nothing to fall back to: give the kiosk user write access to this folder")


@dataclass
class BootResult:
    bundle: ContentBundle | None
    problems: list[Problem]
    source: Literal["content", "last_good", "none"]


def boot_load(root: Path, specs: Iterable[ContentSpec], context: Mapping[str, Any] | None,
              last_good_dir: Path) -> BootResult:
    """Content at start-up: the real folder if valid, else the last good copy, else nothing (source 'none')."""
    result = load_bundle(root, specs, context)
    if result.bundle is not None:
        try:
            save_last_good(root, last_good_dir)
        except OSError as exc:
            LOG.warning("could not save the last good content to %s: %s", last_good_dir, exc)
            return BootResult(result.bundle, [*result.problems, _not_saved(last_good_dir, exc)], "content")
        return BootResult(result.bundle, result.problems, "content")
    for candidate in last_good_candidates(last_good_dir):
        fallback = load_bundle(candidate, specs, {**(context or {}), "content_root": candidate})
        if fallback.bundle is not None:
            note = Problem(display_path(root), 1, 1, "warning", "the content has errors: showing the last good "
                           f"copy from {display_path(candidate)} until they are fixed")
            LOG.warning("content has %d problem(s); showing the last good copy", len(result.problems))
            return BootResult(fallback.bundle, [*result.problems, note], "last_good")
    LOG.error("content has errors and there is no last good copy: showing the 'being updated' screen")
    return BootResult(None, result.problems, "none")


class ContentWatcher:
    """Background poller: `take_update()` hands over a new valid bundle once; `problems()` the current errors."""

    def __init__(self, root: Path, specs_factory: Callable[[], Iterable[ContentSpec]],
                 context_factory: Callable[[], Mapping[str, Any]], last_good_dir: Path, *,
                 poll_s: float = 0.5, debounce_s: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root)
        self.last_good_dir = Path(last_good_dir)
        self._specs_factory = specs_factory
        self._context_factory = context_factory
        self.poll_s = poll_s
        self.debounce_s = debounce_s
        self._clock = clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._seen: Snapshot = {}
        self._changed_at = 0.0
        self._pending = False
        self._force = False
        self._update: ContentBundle | None = None
        self._problems: list[Problem] = []
        self.loads = 0
        self.swaps = 0
        self.last_load_s = 0.0
        self.loading = False

    # -- called by the app (main thread) --------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._seen = snapshot(self.root)
        self._thread = threading.Thread(target=self._run, name="content-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def request_reload(self) -> None:
        """Load now (admin "reload" button), without waiting for a change."""
        with self._lock:
            self._force = True
        self._wake.set()

    def take_update(self) -> ContentBundle | None:
        """A newly validated bundle, once; None most frames. Never blocks for long."""
        with self._lock:
            update, self._update = self._update, None
        return update

    def problems(self) -> list[Problem]:
        """Problems of the latest load attempt (empty when it was clean)."""
        with self._lock:
            return list(self._problems)

    # -- background thread ----------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception as exc:  # the watcher must outlive anything the content throws at it
                LOG.exception("content watcher failed")
                with self._lock:
                    self._problems = [Problem(display_path(self.root), 1, 1, "error",
                                              f"content reload failed ({type(exc).__name__}: {exc})")]
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def tick(self) -> bool:
        """One poll (public for tests): returns True when a load was attempted."""
        now = self._clock()
        current = snapshot(self.root)
        if current != self._seen:
            self._seen = current
            self._changed_at = now
            self._pending = True
        with self._lock:
            force, self._force = self._force, False
        if not (force or (self._pending and now - self._changed_at >= self.debounce_s)):
            return False
        self._pending = False
        self._load(current)
        return True

    def _load(self, before: Snapshot) -> None:
        started = time.perf_counter()
        self.loading = True
        try:
            result = load_bundle(self.root, self._specs_factory(), self._context_factory())
        finally:
            self.loading = False
        self.loads += 1
        self.last_load_s = time.perf_counter() - started
        after = snapshot(self.root)
        if after != before:  # still being written: try again after the next quiet second
            self._seen, self._changed_at, self._pending = after, self._clock(), True
            return
        with self._lock:
            self._problems = list(result.problems)
            if result.bundle is not None:
                self._update = result.bundle
                self.swaps += 1
        for problem in result.problems:
            LOG.warning("%s", problem.format())
        if result.bundle is None:
            LOG.warning("content not reloaded: %d problem(s); visitors keep the previous content",
                        len(result.problems))
            return
        LOG.info("content reloaded in %.2f s", self.last_load_s)
        try:
            save_last_good(self.root, self.last_good_dir, expected=before)
        except OSError as exc:
            LOG.warning("could not save the last good content to %s: %s", self.last_good_dir, exc)
            with self._lock:
                self._problems.append(_not_saved(self.last_good_dir, exc))
