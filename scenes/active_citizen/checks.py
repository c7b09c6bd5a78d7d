"""`check` pass of this scene: poll questions whose option list changed after visitors voted on them.

Why: votes are stored by question id; if a curator renames or removes an option of a question that already
has votes, old and new answers would mix. `check` points at the question's `options:` line instead.
It reads the database without writing (the kiosk may be running, under another user).
"""

from __future__ import annotations

from typing import Any

from kiosk.content.loader import ContentBundle
from kiosk.content.problems import Problem, display_path
from kiosk.db import StorageError
from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.store import db_path_for, option_changes, read_signatures

CONTENT_FILE = "active_citizen.yaml"


def option_change_problems(config: Any, bundle: ContentBundle) -> list[Problem]:
    content = bundle.models.get(CONTENT_FILE)
    if not isinstance(content, ContentModel):
        return []
    db_path = db_path_for(config.var_dir)
    try:
        signatures = read_signatures(db_path)
    except StorageError as exc:
        return [Problem(display_path(db_path), 1, 1, "warning",
                        f"{exc}; option changes of poll questions could not be checked")]
    shown = display_path(bundle.root / CONTENT_FILE)
    return [Problem(shown, *bundle.where(CONTENT_FILE, loc), "error", message)
            for loc, message in option_changes(content, signatures)]
