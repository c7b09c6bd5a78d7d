"""One reported content mistake: where it is and what to do about it.

Every tool (`check`, the admin overlay, the log, hot reload) speaks in `Problem`s so that a curator always
sees the same `path:line:col: error: message` line, whichever part of the program found the mistake.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A located mistake. Sorting orders by file, then line, then column."""

    file: str
    line: int
    col: int
    severity: Severity = field(default="error", compare=True)
    message: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return self.format()


def display_path(path: Path | str) -> str:
    """The path as a curator would type it: relative to the working folder when inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def summary(problems: list[Problem], files_checked: int) -> str:
    """'3 errors, 1 warning in 2 files' or 'content OK: 5 files' (warnings allowed)."""
    errors, warnings = count(problems)
    warn_text = f"{warnings} warning{'s' if warnings != 1 else ''}"
    if errors:
        files = len({p.file for p in problems})
        parts = [f"{errors} error{'s' if errors != 1 else ''}"]
        if warnings:
            parts.append(warn_text)
        return f"{', '.join(parts)} in {files} file{'s' if files != 1 else ''}"
    text = f"content OK: {files_checked} file{'s' if files_checked != 1 else ''}"
    return f"{text}, {warn_text}" if warnings else text


def dedupe_sorted(problems: list[Problem]) -> list[Problem]:
    """Sorted by file and line, each distinct problem once."""
    return sorted(set(problems))
