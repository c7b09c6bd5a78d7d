"""The `--layout` part of `run_kiosk.py check` (kiosk/commands/check.py delegates here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.content.problems import Problem, has_errors


def layout_check(args: argparse.Namespace, problems: list[Problem]) -> tuple[list[Problem], list[str]]:
    """(warnings, notes) of the layout lint; skipped while `check` itself found errors."""
    if has_errors(problems):
        return [], ["layout not checked: fix the errors above first"]
    from kiosk.config import load_config
    from kiosk.proof.lint import layout_problems
    from kiosk.proof.progress import TerminalProgress

    config = load_config(Path(args.config))
    sizes = [args.size] if getattr(args, "size", None) is not None else None
    progress = TerminalProgress("check --layout")
    try:
        return layout_problems(config, getattr(args, "content", None), sizes, progress)
    finally:
        progress.finish()
