"""run_kiosk.py's command line: `run` (default) plus plug-in subcommands from kiosk/commands/.

A wrong flag or config value gives one clear line and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import kiosk.commands

DEFAULT_CONFIG = Path("config/kiosk.yaml")
TOUR_DIR = Path("out/tour")
TOUR_SECONDS = 60.0


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def size_arg(text: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size {text} is out of range (200..8000 per side)")
    return (w, h)


def positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' must not be negative")
    return value


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="kiosk.yaml (default: %(default)s)")
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: from config)")


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--windowed", action="store_true", help="a window on the desktop (default)")
    mode.add_argument("--kiosk", action="store_true",
                      help="fullscreen, cursor hidden (touch still works), Esc/Alt+F4 do not quit")
    parser.add_argument("--size", type=size_arg, help="window size WxH, e.g. 1080x1920")
    parser.add_argument("--rotate", type=int, choices=[0, 90, 180, 270], help="rotate the picture")
    parser.add_argument("--lang", choices=["ru", "en"], help="start language")
    parser.add_argument("--headless", action="store_true", help="no window (SDL dummy driver), simulated clock")
    parser.add_argument("--script", type=Path, help="scripted visitor steps (YAML)")
    parser.add_argument("--screenshots", type=Path, help="folder for PNG screenshots")
    parser.add_argument("--seconds", type=positive, help="stop after N seconds of program time")
    parser.add_argument("--fps", type=int, choices=range(10, 241), metavar="N", help="frame cap (10..240)")
    parser.add_argument("--attract", action="store_true", help="start in the attract tour")
    parser.add_argument("--verbose", action="store_true", help="log to the terminal too")
    parser.add_argument("--print-first-frame", action="store_true", help=argparse.SUPPRESS)


def discover_commands() -> dict[str, Any]:
    commands = {}
    for info in pkgutil.iter_modules(kiosk.commands.__path__):
        module = importlib.import_module(f"kiosk.commands.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            commands[module.NAME] = module
    return commands


def build_parser(commands: dict[str, Any]) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="run_kiosk.py",
                           description="Runet-30 exhibition kiosk. Without a subcommand: run.")
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    run = sub.add_parser("run", help="start the exhibit (default)")
    add_common(run)
    add_run_arguments(run)
    for name in sorted(commands):
        module = commands[name]
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        add_common(child)
        module.add_arguments(child)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = discover_commands()
    if not argv or (argv[0] not in commands and argv[0] != "run" and argv[0] not in ("-h", "--help")):
        argv.insert(0, "run")
    args = build_parser(commands).parse_args(argv)
    if args.command == "run":
        return run_command(args)
    return int(commands[args.command].run(args))


def load_config_or_exit(args: argparse.Namespace) -> Any:
    from kiosk.config import ConfigError, load_config

    try:
        return load_config(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def run_command(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    config = load_config_or_exit(args)
    from kiosk.app import App, RunOptions
    from kiosk.display import has_display
    from kiosk.script import ScriptError, load_script

    options = RunOptions(headless=args.headless, kiosk=args.kiosk, size=args.size, rotate=args.rotate,
                         lang=args.lang, fps=args.fps, seconds=args.seconds, screenshots=args.screenshots,
                         attract_at_start=args.attract, content_dir=args.content, verbose=args.verbose)
    if args.script:
        try:
            options.script = load_script(args.script)
        except ScriptError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    if not args.headless and not has_display():
        options.headless = True
        if args.script is None:
            options.attract_at_start = True
            options.seconds = args.seconds if args.seconds is not None else TOUR_SECONDS
            options.screenshots = args.screenshots or TOUR_DIR
            options.screenshot_every = 3.0
            print(f"No display found: running the headless attract tour for {options.seconds:.0f} s "
                  f"and writing screenshots to {options.screenshots}/")
    if args.print_first_frame:
        options.on_first_frame = lambda: print(f"first-frame {time.perf_counter() - started:.3f}", flush=True)
    try:
        app = App(config, options)
    except Exception as exc:  # start-up failures: one line for the installer, details in the log
        import logging

        logging.getLogger("kiosk").exception("start-up failed")
        print(f"run_kiosk.py: cannot start: {exc}", file=sys.stderr)
        return 1
    return app.run()
