"""`export`: proof pictures of every screen in RU and EN (PNG) and a contact sheet (proof.pdf) for curators.

Runs the real kiosk headless on the simulated clock (kiosk/proof/), so the pictures are what visitors see.
Exit 0 when every screen was exported, 1 when some could not be shown (listed) or the content has errors,
2 for a wrong option.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "export"
HELP = "proof pictures (PNG) of every screen in each language and a proof.pdf contact sheet"


def _langs(text: str) -> list[str]:
    langs = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [lang for lang in langs if lang not in ("ru", "en")]
    if not langs or wrong:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of languages like ru,en")
    return list(dict.fromkeys(langs))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli import size_arg

    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs and proof.pdf")
    parser.add_argument("--lang", type=_langs, default=None, help="languages, e.g. ru,en (default: from config)")
    parser.add_argument("--size", type=size_arg, default=None, help="screen size WxH (default: from config)")
    parser.add_argument("--only", default="", help="only screens whose id starts with one of these "
                        "comma-separated prefixes, e.g. timeline/card-,mosru/")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import load_config_or_exit
    from kiosk.content.loader import load_bundle
    from kiosk.content.registry import content_specs, make_context
    from kiosk.proof.export import SHEET_NAME, export, plural
    from kiosk.proof.progress import TerminalProgress
    from kiosk.proof.screens import all_screens

    config = load_config_or_exit(args)
    root = Path(args.content) if args.content is not None else config.content_dir
    loaded = load_bundle(root, content_specs(config), make_context(config, root))
    if loaded.bundle is None:
        for problem in loaded.problems:
            print(problem.format())
        print("export: the content has errors: fix them first (run_kiosk.py check)", file=sys.stderr)
        return 1
    langs = args.lang or list(config.languages.available)
    size = args.size or tuple(config.screen.size)
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    errors: list[str] = []
    screens = all_screens(config, loaded.bundle, only, errors)
    for error in errors:
        print(f"export: scene {error}")
    if not screens:
        print(f"export: no proof screens{' match ' + args.only if only else ''}", file=sys.stderr)
        return 1
    progress = TerminalProgress("export")
    result = export(config, loaded.bundle, screens, args.out, langs, size, root, progress)
    progress.finish()
    for line in result.failures:
        print(f"export: not shown: {line}")
    minutes, seconds = divmod(round(result.seconds), 60)
    print(f"exported {plural(len(result.pictures), 'picture')} ({plural(len(screens), 'screen')} × "
          f"{plural(len(langs), 'language')}, "
          f"{size[0]}x{size[1]}) and {SHEET_NAME} ({result.pages} pages) to {args.out} in {minutes}:{seconds:02d}")
    return 1 if result.failures or errors else 0
