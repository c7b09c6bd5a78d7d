"""`install-pack FILE`: verify a content pack, check it, and put it live atomically; `--rollback` undoes.

Why: see kiosk/packs.py. A truncated or changed pack, a pack with links or stray files, or content that fails
`check` is refused with one line and exit 1, and the running content stays exactly as it was. The content
folder replaced is `paths.content` (or `--content DIR`); the previous one is kept as var/packs/previous.
The sandboxed service may write only var/, so for packs point `paths.content` into var/ (e.g.
`../var/content`) and run this as the kiosk user.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.packs import DEFAULT_MAX_MB, Installer, PackError

NAME = "install-pack"
HELP = "verify a content pack, check it and make it live atomically (the previous one is kept; --rollback)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, nargs="?", help="the pack (.tar.gz) written by `run_kiosk.py pack`")
    parser.add_argument("--rollback", action="store_true", help="put the previous content back")
    parser.add_argument("--max-mb", type=int, default=DEFAULT_MAX_MB,
                        help="refuse packs that unpack to more than this (default: %(default)s MB)")


def _checker(config_path: Path, label: str, shown: list[str]) -> Any:
    """check on a folder, with file names shown relative to the pack ('pack.tar.gz:content/x.yaml')."""
    from kiosk.commands.check import collect

    def check(folder: Path) -> list[Any]:
        problems, _files, _notes = collect(config_path, folder)
        root = folder.resolve()
        for problem in problems:
            try:
                relative = Path(problem.file).resolve().relative_to(root).as_posix()
                where = f"{label}:content/{relative}" if label else f"{folder}/{relative}"
            except ValueError:
                where = problem.file
            shown.append(f"{where}:{problem.line}:{problem.col}: {problem.severity}: {problem.message}")
        return list(problems)

    return check


def run(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load_config

    if bool(args.file) == bool(args.rollback):
        print("install-pack: give either a pack FILE or --rollback", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    target = Path(args.content).absolute() if getattr(args, "content", None) else config.content_dir
    var_dir = config.var_dir
    owner = (var_dir.stat().st_uid, var_dir.stat().st_gid) if var_dir.is_dir() else None
    private = target.resolve().is_relative_to(var_dir.resolve())  # under var/: 0700 folders, 0600 files
    installer = Installer(target, var_dir / "packs", private=private, owner=owner)
    shown: list[str] = []
    label = args.file.name if args.file else ""
    check = _checker(Path(args.config), label, shown)
    what = f"{args.file}" if args.file else "rollback"
    try:
        if args.rollback:
            problems = installer.rollback(check)
        else:
            entries, problems = installer.install(args.file, check, max(1, args.max_mb) << 20)
    except PackError as exc:
        print(f"install-pack: refused: {what}: {exc}; the running content is unchanged", file=sys.stderr)
        return 1
    errors = sum(1 for p in problems if p.is_error)
    if errors:
        for line in shown:
            print(line, file=sys.stderr)
        print(f"install-pack: refused: {what}: the content fails check ({errors} error{'s' if errors != 1 else ''});"
              " the running content is unchanged", file=sys.stderr)
        return 1
    if args.rollback:
        print(f"rolled back: {target} holds the previous content again (the replaced one is now "
              f"{installer.previous}); the kiosk shows it within seconds")
    else:
        print(f"installed {args.file.name}: {len(entries)} files verified and checked, live in {target} "
              f"(previous kept in {installer.previous}; undo: install-pack --rollback)")
    return 0
