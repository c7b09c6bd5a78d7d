"""`selftest`: installer diagnostics. `--quick` prints one `ok`/`FAIL` line per check and exits 0 or 1.

Why: boot scripts and installers need a yes/no answer with the reason in one line. Without --quick, after the
same checks, the self-test screen opens (kiosk/diagnostics: touch grid, multi-touch, test tone, screen) and its
results are added as more lines. With no display it says so and stops after the quick checks. Every run
writes var/selftest-<timestamp>.txt for the maintenance log.

Fonts are looked up in --fonts DIR, else $RUNET30_FONTS_DIR, else assets/fonts of this checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path
from typing import Any

from kiosk.cli import add_run_arguments
from kiosk.diagnostics.session import SelftestSession
from kiosk.ops.selfchecks import Check, run_quick_checks

NAME = "selftest"
HELP = "check this PC for the exhibit (--quick: non-interactive, exit 0/1)"

FONTS_ENV = "RUNET30_FONTS_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FONTS = PROJECT_ROOT / "assets" / "fonts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="non-interactive checks only; exit 0 if all ok")
    parser.add_argument("--fonts", type=Path, default=None,
                        help=f"fonts folder to check (default ${FONTS_ENV} or assets/fonts)")
    parser.add_argument("--var-dir", type=Path, default=None,
                        help="writable folder to check and to write the report into (default: from the config)")
    add_run_arguments(parser)  # the self-test screen opens like the exhibit: --size, --rotate, --kiosk, …


def fonts_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "fonts", None):
        return Path(args.fonts)
    if os.environ.get(FONTS_ENV):
        return Path(os.environ[FONTS_ENV])
    return DEFAULT_FONTS


def _config_check(args: argparse.Namespace) -> tuple[Check, Any]:
    try:
        from kiosk.config import load_config

        config = load_config(getattr(args, "config", None) or "config/kiosk.yaml")
    except Exception as exc:  # ConfigError reads file:line:col: error: …
        return Check("config", False, str(exc)), None
    return Check("config", True, f"{getattr(args, 'config', None) or 'config/kiosk.yaml'} is valid"), config


def run(args: argparse.Namespace) -> int:
    config_check, config = _config_check(args)
    if args.var_dir is not None:
        var_dir = Path(args.var_dir)
    elif config is not None:
        var_dir = Path(config.var_dir)
    else:
        var_dir = PROJECT_ROOT / "var"
    checks = [config_check, *run_quick_checks(args, fonts_dir(args), var_dir)]
    for check in checks:
        print(check.line(), flush=True)
    if not args.quick:
        screen_checks = _screen_checks(args, config, checks)
        for check in screen_checks:
            print(check.line(), flush=True)
        checks += screen_checks
    report = write_report(var_dir, checks)
    if report is None:
        checks.append(Check("report", False, f"cannot write the report file into {var_dir}"))
        print(checks[-1].line())
    else:
        print(f"report written to {report}")
    return 0 if all(check.ok for check in checks) else 1


def _screen_checks(args: argparse.Namespace, config: Any, quick: list[Check]) -> list[Check]:
    """Open the self-test screen and return what the installer found there (nothing if it cannot open)."""
    from kiosk.display import has_display

    if config is None:
        print("note: the self-test screen needs a valid config; fix the line above and run selftest again")
        return []
    if not args.headless and not has_display():
        print("note: no display found (DISPLAY/WAYLAND_DISPLAY unset): only the quick checks ran; "
              "run selftest on the kiosk's screen for the touch, multi-touch and sound tests")
        return []
    from kiosk.app import App

    session = SelftestSession(quick=list(quick))
    try:
        app = App(_selftest_config(config), _run_options(args, session))
    except Exception as exc:  # the screen could not open: one line, the quick checks still count
        return [Check("selftest screen", False, f"cannot open: {exc}")]
    session.on_finish = app.quit
    app.run()
    return session.interactive_checks()


def _selftest_config(config: Any) -> Any:
    """The exhibit's config with the self-test screen as the only scene, always open, and no visit analytics."""
    from kiosk.config import SceneEntry

    return config.model_copy(update={"scenes": {"selftest": SceneEntry(module="kiosk.diagnostics")},
                                     "home": "selftest", "schedule": {},
                                     "analytics": config.analytics.model_copy(update={"enabled": False})})


def _run_options(args: argparse.Namespace, session: SelftestSession) -> Any:
    from kiosk.app import RunOptions
    from kiosk.script import load_script

    options = RunOptions(headless=args.headless, kiosk=args.kiosk, size=args.size, rotate=args.rotate,
                         lang=args.lang, fps=args.fps, seconds=args.seconds, screenshots=args.screenshots,
                         content_dir=args.content, verbose=args.verbose, watch_content=False,
                         needs_content=False, home_params={"session": session})
    if args.script:
        options.script = load_script(args.script)
    return options


def write_report(var_dir: Path, checks: list[Check], now: dt.datetime | None = None) -> Path | None:
    moment = now or dt.datetime.now()
    path = var_dir / f"selftest-{moment:%Y%m%d-%H%M%S}.txt"
    lines = [f"runet30-kiosk selftest {moment:%Y-%m-%d %H:%M:%S} on {platform.node()}",
             *(check.line() for check in checks),
             f"result: {'ok' if all(c.ok for c in checks) else 'FAIL'}"]
    try:
        var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path
