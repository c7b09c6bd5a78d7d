"""Rotating, size-bounded log files under var/log/; a full or read-only disk never stops the exhibit."""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG = logging.getLogger("kiosk")


class _SafeRotatingHandler(logging.handlers.RotatingFileHandler):
    """Drops records instead of raising when the disk is full; counts what it dropped."""

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API name)
        _SafeRotatingHandler.dropped += 1

    def _open(self) -> io.TextIOWrapper:  # log files are 0600 whatever the umask (var/ is private)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(var_dir: Path | None, max_kb: int = 1024, backups: int = 5, verbose: bool = False) -> str:
    """Configure the 'kiosk' logger; returns a note for the admin overlay ('' when file logging works)."""
    LOG.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(LOG.handlers):
        LOG.removeHandler(handler)
        handler.close()
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stream.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    LOG.addHandler(stream)
    if var_dir is None:
        return ""
    try:
        var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        log_dir = var_dir / "log"
        log_dir.mkdir(exist_ok=True, mode=0o700)
        handler = _SafeRotatingHandler(log_dir / "kiosk.log", maxBytes=max_kb * 1024, backupCount=backups,
                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOG.addHandler(handler)
        return ""
    except OSError as exc:
        note = f"log files disabled: {exc}"
        LOG.warning(note)
        return note
