"""Extra checks that run after the content validated: the extension point of `run_kiosk.py check`.

Other parts of the program add their own checks here (layout lint, link allow-list, plain-PIN refusal, ...)
without touching the check command. Three ways, pick whichever fits:

* engine code: decorate a function with `@register_pass` in a module listed in `PASS_MODULES` (append the
  module's import path to that list; it is imported lazily, so import cycles are avoided);
* any code that is imported anyway: call `register_pass(fn)`;
* a scene package: export `CHECKS = [fn, ...]`; the enabled scenes' checks run automatically.

A pass is `fn(config, bundle) -> list[Problem]`. It runs only when the content validated (bundle is not None).
A pass that raises becomes one error line naming it; it never stops the other passes.

A config pass (`register_config_pass`) is `fn(config_path) -> list[Problem]`: it reads kiosk.yaml's text itself
and runs even when the config does not validate (e.g. the plain-PIN refusal in kiosk/security.py).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.content.loader import ContentBundle
from kiosk.content.problems import Problem, display_path

LOG = logging.getLogger("kiosk.content")

CheckPass = Callable[[Any, ContentBundle], list[Problem]]

PASSES: list[CheckPass] = []
"""Registered passes, run in order."""

PASS_MODULES: list[str] = ["kiosk.security"]
"""Import paths of modules that register passes when imported (e.g. "kiosk.layout_lint")."""

ConfigPass = Callable[[Path], list[Problem]]

CONFIG_PASSES: list[ConfigPass] = []
"""Registered config passes: checks on kiosk.yaml's text, run before (and whatever) the config validation."""


def register_pass(fn: CheckPass) -> CheckPass:
    """Add a check pass (usable as a decorator). Registering the same function twice has no effect."""
    if fn not in PASSES:
        PASSES.append(fn)
    return fn


def register_config_pass(fn: ConfigPass) -> ConfigPass:
    """Add a config pass (usable as a decorator). Registering the same function twice has no effect."""
    if fn not in CONFIG_PASSES:
        CONFIG_PASSES.append(fn)
    return fn


def run_config_passes(config_path: Path) -> list[Problem]:
    """Run every config pass on kiosk.yaml; a failing pass becomes one problem (module load errors are left to
    `all_passes`, which reports them once)."""
    for name in list(PASS_MODULES):
        try:
            importlib.import_module(name)
        except Exception:
            continue
    problems: list[Problem] = []
    for fn in list(CONFIG_PASSES):
        try:
            problems.extend(p for p in (fn(Path(config_path)) or []) if isinstance(p, Problem))
        except Exception as exc:
            LOG.exception("config pass %s crashed", _pass_name(fn))
            problems.append(Problem(display_path(config_path), 1, 1, "error",
                                    f"the check '{_pass_name(fn)}' failed ({type(exc).__name__}: {exc}); "
                                    "please report it"))
    return problems


def _pass_name(fn: Any) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def _scene_checks(config: Any) -> list[CheckPass]:
    checks: list[CheckPass] = []
    for entry in getattr(config, "scenes", {}).values():
        if not entry.enabled:
            continue
        try:
            module = importlib.import_module(entry.module)
        except Exception:
            continue  # reported by the registry already
        checks.extend(fn for fn in getattr(module, "CHECKS", []) if callable(fn))
    return checks


def all_passes(config: Any) -> tuple[list[CheckPass], list[Problem]]:
    problems: list[Problem] = []
    for name in list(PASS_MODULES):
        try:
            importlib.import_module(name)
        except Exception as exc:
            problems.append(Problem(display_path(name.replace(".", "/") + ".py"), 1, 1, "error",
                                    f"check module '{name}' cannot be loaded ({type(exc).__name__}: {exc})"))
    passes = list(PASSES)
    passes.extend(fn for fn in _scene_checks(config) if fn not in passes)
    return passes, problems


def run_passes(config: Any, bundle: ContentBundle) -> list[Problem]:
    """Run every pass on validated content; failures of a pass become problems."""
    passes, problems = all_passes(config)
    for fn in passes:
        try:
            found = fn(config, bundle)
        except Exception as exc:
            LOG.exception("check pass %s crashed", _pass_name(fn))
            problems.append(Problem(display_path(bundle.root), 1, 1, "error",
                                    f"the check '{_pass_name(fn)}' failed ({type(exc).__name__}: {exc}); "
                                    "please report it"))
            continue
        problems.extend(p for p in (found or []) if isinstance(p, Problem))
    return problems
