#!/usr/bin/env python3
"""Runet-30 exhibition kiosk. `python run_kiosk.py --help` lists the subcommands."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
