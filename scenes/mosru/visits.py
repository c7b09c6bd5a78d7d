"""The scene's own visitor count, shown in the reconstructed page's hit counter (a small file in var/)."""

from __future__ import annotations

import os
from pathlib import Path

VISITS_FILE = "mosru_visits.txt"


def count_visit(var_dir: Path) -> int:
    """This scene's own visitor count for the page's hit counter (a file in var/; 1 if it cannot be kept)."""
    path = var_dir / VISITS_FILE
    try:
        count = int(path.read_text(encoding="ascii").strip() or 0) + 1
    except (OSError, ValueError):
        count = 1
    try:  # var/ is private: folder 0700, file 0600 whatever the umask
        var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_suffix(".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(str(count))
        os.replace(temp, path)
    except OSError:
        pass
    return count
