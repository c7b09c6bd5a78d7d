#!/usr/bin/env python3
"""Runet-30 exhibition kiosk. `python run_kiosk.py --help` lists the subcommands."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from kiosk.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
