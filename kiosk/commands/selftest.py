"""`selftest`: installer diagnostics. `--quick` prints one `ok`/`FAIL` line per check and exits 0 or 1.

Why: boot scripts and installers need a yes/no answer with the reason in one line. The interactive screen
(touch grid, multi-touch, test tone) comes with the engine; until then `selftest` without --quick says so
and runs the quick checks. Every run also writes var/selftest-<timestamp>.txt for the maintenance log.

Fonts are looked up in --fonts DIR, else $RUNET30_FONTS_DIR, else assets/fonts of this checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path
from typing import Any

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
    if not getattr(args, "quick", False):
        print("note: the interactive selftest screen (touch grid, multi-touch, test tone) needs the engine;"
              " running the quick checks")
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
    report = write_report(var_dir, checks)
    if report is None:
        checks.append(Check("report", False, f"cannot write the report file into {var_dir}"))
        print(checks[-1].line())
    else:
        print(f"report written to {report}")
    return 0 if all(check.ok for check in checks) else 1


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
