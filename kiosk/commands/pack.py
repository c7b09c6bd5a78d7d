"""`pack`: write the content folder as one verified pack (.tar.gz + SHA-256 manifest) for `install-pack`.

Why: carrying a folder on a USB stick invites half copies and stray files; a pack is installed whole or
refused (kiosk/packs.py). The content is checked first, so a pack that would be refused on site is never made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "pack"
HELP = "write the content folder as a pack (.tar.gz with SHA-256 manifest) for install-pack"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="the pack file to write, e.g. content-2024-09.tar.gz")


def run(args: argparse.Namespace) -> int:
    from kiosk.commands.check import collect
    from kiosk.config import ConfigError, load_config
    from kiosk.content.problems import count
    from kiosk.packs import PackError, build_pack

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    content = Path(args.content) if getattr(args, "content", None) else config.content_dir
    problems, _files, _notes = collect(Path(args.config), content)
    errors, _warnings = count(problems)
    if errors:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print(f"pack: refused: the content fails check ({errors} error{'s' if errors != 1 else ''}); "
              "fix them first", file=sys.stderr)
        return 1
    try:
        info = build_pack(content, Path(args.out))
    except PackError as exc:
        print(f"pack: refused: {exc}", file=sys.stderr)
        return 1
    print(f"pack written: {args.out} ({info.files} files, {info.bytes / 1e6:.1f} MB, "
          f"manifest sha256 {info.manifest_sha256[:16]})")
    return 0
