"""Subcommands of run_kiosk.py: each module exports NAME, HELP, add_arguments(parser) and run(args)."""
