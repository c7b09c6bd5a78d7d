"""Loads and validates the whole content folder into one `ContentBundle`, or reports located `Problem`s.

One path for everything: `check`, boot, hot reload and the tests all call `load_bundle`, so a mistake is
reported the same way wherever it is found. Order: YAML (with locations) -> pydantic models (with a
validation context) -> asset files -> ids unique across files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.content.assets import asset_problem, iter_asset_paths
from kiosk.content.messages import clean_loc, message_for, position_for
from kiosk.content.problems import Problem, display_path, has_errors
from kiosk.content.yaml_loader import (
    DEFAULT_MAX_ALIAS_NODES,
    DEFAULT_MAX_FILE_MB,
    Loc,
    LocationMap,
    Pos,
    YamlError,
    parse_file,
)

LOG = logging.getLogger("kiosk.content")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentSpec:
    """One content file and the pydantic root model it must match."""

    file: str
    model: type[BaseModel]
    scene: str | None = None


@dataclass
class ContentBundle:
    """All validated content. `models` and `locations` are keyed by file name relative to `root`."""

    root: Path
    models: dict[str, BaseModel]
    locations: dict[str, LocationMap]
    warnings: list[Problem] = field(default_factory=list)

    def where(self, file: str, loc: Sequence[Any]) -> Pos:
        """(line, col) of a value, e.g. where("timeline.yaml", ("events", 3)) -> (120, 5)."""
        locations = self.locations.get(file)
        return locations.nearest(tuple(loc)) if locations is not None else (1, 1)

    def cite(self, file: str, loc: Sequence[Any]) -> str:
        """'timeline.yaml:120:5' for proof sheets and exports."""
        line, col = self.where(file, loc)
        return f"{file}:{line}:{col}"

    def get(self, file: str, model: type[M] | None = None) -> M | BaseModel | None:
        value = self.models.get(file)
        if model is not None and value is not None and not isinstance(value, model):
            raise TypeError(f"{file} holds {type(value).__name__}, not {model.__name__}")
        return value


@dataclass
class LoadResult:
    bundle: ContentBundle | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.bundle is not None


def _limits(context: Mapping[str, Any]) -> tuple[float, int]:
    return (float(context.get("max_file_mb", DEFAULT_MAX_FILE_MB)),
            int(context.get("max_alias_nodes", DEFAULT_MAX_ALIAS_NODES)))


def validation_problems(exc: ValidationError, data: Any, model: type[BaseModel], locations: LocationMap,
                        shown: str) -> list[Problem]:
    """pydantic errors -> located curator problems (one per node when union branches repeat)."""
    problems: list[Problem] = []
    seen_union_locs: set[Loc] = set()
    for err in exc.errors(include_url=False):
        loc, dropped = clean_loc(data, err["loc"])
        if dropped:
            if loc in seen_union_locs:
                continue
            seen_union_locs.add(loc)
        line, col = position_for(err, loc, locations)
        problems.append(Problem(shown, line, col, "error", message_for(err, model, loc)))
    return problems


def load_file(path: Path, model: type[M], context: Mapping[str, Any] | None = None,
              shown: str | None = None) -> tuple[M | None, list[Problem], LocationMap]:
    """Read one YAML file and validate it against `model`. Never raises for bad input."""
    context = dict(context or {})
    shown = shown or display_path(path)
    max_mb, max_alias = _limits(context)
    empty = LocationMap()
    try:
        parsed = parse_file(path, max_mb, max_alias)
    except YamlError as exc:
        return None, [Problem(shown, exc.line, exc.col, "error", exc.message)], empty
    except FileNotFoundError:
        return None, [Problem(shown, 1, 1, "error", "file is missing: create it (see docs/content.md)")], empty
    except IsADirectoryError:
        return None, [Problem(shown, 1, 1, "error", "this is a folder, but a YAML file is expected here")], empty
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "error", f"cannot read the file ({exc.strerror or exc})")], empty
    if parsed.data is None:
        return None, [Problem(shown, 1, 1, "error", "the file is empty: it must contain the content "
                              "(see docs/content.md)")], parsed.locations
    context.setdefault("file", shown)
    try:
        instance = model.model_validate(parsed.data, context=context)
    except ValidationError as exc:
        return None, validation_problems(exc, parsed.data, model, parsed.locations, shown), parsed.locations
    except RecursionError:
        return None, [Problem(shown, 1, 1, "error", "content is nested too deeply")], parsed.locations
    except Exception as exc:  # a bug in a scene's validator must not crash check or the kiosk
        LOG.exception("validator crashed on %s", shown)
        return None, [Problem(shown, 1, 1, "error", f"internal error while checking this file "
                              f"({type(exc).__name__}: {exc}); please report it")], parsed.locations
    return instance, [], parsed.locations


def asset_problems(instance: BaseModel, root: Path, locations: LocationMap, shown: str) -> list[Problem]:
    problems = []
    for loc, relative in iter_asset_paths(instance):
        message = asset_problem(root, relative)
        if message:
            line, col = locations.nearest(loc)
            problems.append(Problem(shown, line, col, "error", message))
    return problems


def _content_ids(instance: BaseModel) -> Iterable[tuple[str, Loc]]:
    method = getattr(instance, "content_ids", None)
    if not callable(method):
        return ()
    found: list[tuple[str, Loc]] = []
    for item in method():
        if isinstance(item, str):  # an id without a location
            found.append((item, ()))
        else:
            ident, loc = item
            found.append((str(ident), tuple(loc)))
    return found


def duplicate_id_problems(models: dict[str, BaseModel], locations: dict[str, LocationMap],
                          shown: dict[str, str]) -> list[Problem]:
    """Ids must be unique across all files; each repeat is reported with the first place it was used."""
    first: dict[str, tuple[str, Pos]] = {}
    problems: list[Problem] = []
    for file, instance in models.items():
        try:
            ids = list(_content_ids(instance))
        except Exception as exc:
            problems.append(Problem(shown[file], 1, 1, "error", f"internal error listing ids ({exc})"))
            continue
        for ident, loc in ids:
            position = locations[file].nearest(loc)
            if ident in first:
                other_file, (line, col) = first[ident]
                where = f"line {line}, column {col}" if other_file == file else f"{other_file}:{line}:{col}"
                problems.append(Problem(shown[file], *position, "error",
                                        f"duplicate id '{ident}': already used at {where} "
                                        "— every id must be unique, rename one of them"))
            else:
                first[ident] = (file, position)
    return problems


def load_bundle(root: Path, specs: Iterable[ContentSpec], context: Mapping[str, Any] | None = None) -> LoadResult:
    """Load every spec'd file under `root`. The bundle is None when any error was found.

    `context` is passed to `model_validate`; `content_root` is filled in. Optional keys `max_file_mb` and
    `max_alias_nodes` set the reading limits. `specs` may carry a `problems` attribute (scene import errors).
    """
    root = Path(root)
    context = {**(context or {}), "content_root": root}
    context.setdefault("scenes", set())
    problems: list[Problem] = list(getattr(specs, "problems", []))
    specs = list(specs)
    if not root.is_dir():
        problems.append(Problem(display_path(root), 1, 1, "error",
                                "content folder not found: give --content DIR or fix paths.content in kiosk.yaml"))
        return LoadResult(None, sorted(problems))
    models: dict[str, BaseModel] = {}
    locations: dict[str, LocationMap] = {}
    shown: dict[str, str] = {}
    for spec in specs:
        shown[spec.file] = display_path(root / spec.file)
        if not (root / spec.file).resolve().is_relative_to(root.resolve()):
            problems.append(Problem(shown[spec.file], 1, 1, "error", f"'{spec.file}' is a link that leads outside "
                                    "the content folder: replace it with the real file or folder"))
            continue
        instance, file_problems, locs = load_file(root / spec.file, spec.model, context, shown[spec.file])
        problems.extend(file_problems)
        if instance is not None:
            models[spec.file] = instance
            locations[spec.file] = locs
            problems.extend(asset_problems(instance, root, locs, shown[spec.file]))
    problems.extend(duplicate_id_problems(models, locations, shown))
    problems = sorted(set(problems))
    if has_errors(problems) or len(models) != len(specs):
        return LoadResult(None, problems)
    return LoadResult(ContentBundle(root, models, locations, [p for p in problems if not p.is_error]), problems)
