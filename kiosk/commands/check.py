"""`check`: validate kiosk.yaml and the whole content folder; one `path:line:col: error: message` per problem.

Curators run it after every edit. Exit 0 when clean (warnings allowed), 1 with errors. Whatever the input,
it prints located or plain lines, never a traceback. Extra checks from other parts of the program plug in
through `kiosk.content.passes` (see that module).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from kiosk.content.problems import Problem, count, display_path, summary

NAME = "check"
HELP = "check kiosk.yaml and the content: one line per problem, exit 1 when there are errors"

LOG = logging.getLogger("kiosk.check")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli import size_arg

    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text: one line per problem (default); json: one object for tools")
    parser.add_argument("--layout", action="store_true",
                        help="also check every screen's layout in both languages at each size in "
                        "layout_lint.sizes: text that does not fit, missing translations, small images and "
                        "targets, contrast (takes a minute or two; see docs/curator-tools.md)")
    parser.add_argument("--size", type=size_arg, default=None, help="with --layout: only this size WxH")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def _config_problem(exc: Exception) -> Problem:
    file = getattr(exc, "file", None)
    line = getattr(exc, "line", None)
    col = getattr(exc, "col", None)
    message = getattr(exc, "message", None) or str(exc)
    if file is None or not isinstance(line, int) or not isinstance(col, int):
        return Problem(display_path(str(file or "config/kiosk.yaml")), 1, 1, "error", str(message))
    return Problem(display_path(str(file)), line, col, "error", str(message))


def collect(config_path: Path, content_dir: Path | None) -> tuple[list[Problem], int, list[str]]:
    """(problems, files checked, notes). Notes are plain lines such as 'content not checked'."""
    from kiosk.config import load_config
    from kiosk.content.loader import load_bundle
    from kiosk.content.passes import run_config_passes, run_passes
    from kiosk.content.registry import content_specs, make_context

    early = run_config_passes(Path(config_path))  # kiosk.yaml's own text (plain PIN), even if it won't validate
    try:
        config: Any = load_config(config_path)
    except Exception as exc:  # ConfigError carries file/line/col/message; anything else becomes a plain line
        problem = _config_problem(exc)
        said = any((p.file, p.line) == (problem.file, problem.line) for p in early)  # same line, clearer words
        return sorted(set(early if said else [*early, problem])), 1, ["content not checked: fix the config first"]
    root = Path(content_dir) if content_dir is not None else config.content_dir
    specs = content_specs(config)
    result = load_bundle(root, specs, make_context(config, root))
    problems = [*early, *result.problems]
    if result.bundle is not None:
        problems.extend(run_passes(config, result.bundle))
    elif root.is_dir():
        from kiosk.security import outside_links  # links out of the folder matter even when nothing loaded

        problems.extend(outside_links(root, folders_only=True))
    return sorted(set(problems)), len(specs) + 1, []


def render_text(problems: list[Problem], files: int, notes: list[str]) -> str:
    lines = [problem.format() for problem in problems]
    lines.extend(notes)
    lines.append(summary(problems, files))
    return "\n".join(lines)


def render_json(problems: list[Problem], files: int, notes: list[str]) -> str:
    errors, warnings = count(problems)
    return json.dumps({"ok": errors == 0, "errors": errors, "warnings": warnings, "files": files,
                       "summary": summary(problems, files), "notes": notes,
                       "problems": [problem.to_json() for problem in problems]}, ensure_ascii=False, indent=2)


def run(args: argparse.Namespace) -> int:
    output_format = getattr(args, "format", "text")
    try:
        problems, files, notes = collect(Path(args.config), getattr(args, "content", None))
        if getattr(args, "layout", False) or getattr(args, "size", None) is not None:
            from kiosk.proof.check import layout_check

            more, more_notes = layout_check(args, problems)
            problems, notes = sorted(set(problems + more)), notes + more_notes
    except Exception as exc:  # the promise: never a traceback
        LOG.exception("check failed")
        problems, files, notes = [], 0, []
        crash = Problem(display_path(str(getattr(args, "config", "config/kiosk.yaml"))), 1, 1, "error",
                        f"check itself failed ({type(exc).__name__}: {exc}); please report it")
        problems = [crash]
    try:
        text = render_json(problems, files, notes) if output_format == "json" else render_text(problems, files, notes)
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `check | head`
        pass
    errors, warnings = count(problems)
    return 1 if errors or (getattr(args, "strict", False) and warnings) else 0
