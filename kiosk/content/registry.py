"""Which content files exist: ui.yaml for the engine plus one file per enabled scene, found via kiosk.yaml.

The engine never names a scene: each scene package exports `CONTENT_FILE` and `ContentModel`, and this module
imports the packages listed in the config. A scene that fails to import becomes a located Problem, not a crash.
"""

from __future__ import annotations

import importlib
import re
import traceback
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kiosk.content.loader import ContentSpec
from kiosk.content.problems import Problem, display_path

UI_FILE = "ui.yaml"


class SpecList(list[ContentSpec]):
    """The specs, plus the problems met while collecting them (read by `load_bundle`)."""

    def __init__(self, specs: list[ContentSpec] | None = None, problems: list[Problem] | None = None) -> None:
        super().__init__(specs or [])
        self.problems: list[Problem] = list(problems or [])


def config_file(config: Any) -> Path:
    """Best guess at the kiosk.yaml a config came from (for locating scene problems)."""
    explicit = getattr(config, "source_path", None)
    if explicit:
        return Path(explicit)
    return Path(getattr(config, "base_dir", Path("config"))) / "kiosk.yaml"


def _scene_position(path: Path, scene: str) -> tuple[int, int]:
    """Line and column of `scene:` under `scenes:` in kiosk.yaml; (1, 1) when it cannot be found."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    in_scenes = False
    pattern = re.compile(rf"^(\s+){re.escape(scene)}\s*:")
    for number, line in enumerate(lines, start=1):
        if re.match(r"^scenes\s*:", line):
            in_scenes = True
            continue
        if in_scenes and re.match(r"^\S", line):
            in_scenes = False
        match = pattern.match(line) if in_scenes else None
        if match:
            return number, len(match.group(1)) + 1
    return 1, 1


def _problem(config: Any, scene: str, message: str) -> Problem:
    path = config_file(config)
    line, col = _scene_position(path, scene)
    return Problem(display_path(path), line, col, "error", message)


def _ui_spec(problems: list[Problem], config: Any) -> ContentSpec | None:
    try:
        from kiosk.i18n import UiStrings
    except Exception as exc:
        problems.append(Problem(display_path(config_file(config)), 1, 1, "error",
                                f"the engine's UI strings model cannot be loaded ({type(exc).__name__}: {exc})"))
        return None
    return ContentSpec(UI_FILE, UiStrings)


def _import_failure(scene: str, module: str, exc: Exception) -> str:
    if isinstance(exc, ModuleNotFoundError) and exc.name and module.startswith(exc.name):
        return (f"scene '{scene}': there is no module '{module}': fix the module name or disable the scene "
                "(enabled: false)")
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if not frame.filename.startswith("<")]
    where = f" at {display_path(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return (f"scene '{scene}': module '{module}' cannot be loaded ({type(exc).__name__}: {exc}{where}): "
            "this is a program error; disable the scene (enabled: false) until it is fixed")


def scene_module(config: Any, name: str) -> Any:
    """Import the package of one configured scene (raises what import raises)."""
    return importlib.import_module(config.scenes[name].module)


def content_specs(config: Any, include_disabled: bool = False) -> SpecList:
    """ui.yaml plus every enabled scene's CONTENT_FILE / ContentModel, in config order."""
    problems: list[Problem] = []
    specs: list[ContentSpec] = []
    ui = _ui_spec(problems, config)
    if ui is not None:
        specs.append(ui)
    owners: dict[str, str] = {UI_FILE: "the engine"}
    for name, entry in getattr(config, "scenes", {}).items():
        if not (entry.enabled or include_disabled):
            continue
        try:
            module = importlib.import_module(entry.module)
        except Exception as exc:
            problems.append(_problem(config, name, _import_failure(name, entry.module, exc)))
            continue
        content_file = getattr(module, "CONTENT_FILE", None)
        if not content_file:
            continue  # a scene without content
        model = getattr(module, "ContentModel", None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            problems.append(_problem(config, name, f"scene '{name}' names CONTENT_FILE '{content_file}' but "
                                     "exports no ContentModel (a pydantic model): this is a program error"))
            continue
        if content_file in owners:
            problems.append(_problem(config, name, f"scene '{name}' uses the content file '{content_file}' "
                                     f"that {owners[content_file]} uses already"))
            continue
        owners[content_file] = f"scene '{name}'"
        specs.append(ContentSpec(str(content_file), model, name))
    return SpecList(specs, problems)


def make_context(config: Any, root: Path | None = None) -> dict[str, Any]:
    """The validation context for `load_bundle`: content root, enabled scenes and the reading limits."""
    limits = getattr(config, "limits", None)
    context: dict[str, Any] = {
        "content_root": Path(root) if root is not None else config.content_dir,
        "scenes": set(config.enabled_scenes()) if hasattr(config, "enabled_scenes")
        else {name for name, entry in config.scenes.items() if entry.enabled},
    }
    if limits is not None:
        context["max_file_mb"] = limits.max_file_mb
        context["max_alias_nodes"] = limits.max_alias_nodes
    return context
