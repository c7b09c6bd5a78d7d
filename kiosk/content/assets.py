"""Finds every `AssetPath` value in validated content and checks the file behind it.

Scenes only declare fields as `AssetPath`; this module walks any model generically (fields, lists, dicts,
optionals, unions) so no scene has to list its images. Each bad path becomes a message located at the value.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, RootModel

from kiosk.content import types as content_types
from kiosk.content.image_decode import check_image, is_image_path
from kiosk.content.yaml_loader import Loc

_UNION_TYPES = (Union, type(int | None))
_IMAGE_CHECKS: dict[tuple[str, int, int], str | None] = {}
_IMAGE_CHECKS_LOCK = threading.Lock()
_IMAGE_CHECKS_MAX = 4096


def _is_asset_metadata(metadata: Any) -> bool:
    return any(isinstance(item, BeforeValidator) and item.func is content_types._check_asset_path
               for item in metadata)


def _split_annotated(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    if get_origin(annotation) is Annotated:
        inner, *metadata = get_args(annotation)
        return inner, tuple(metadata)
    return annotation, ()


def _may_hold_assets(annotation: Any, metadata: tuple[Any, ...] = (), seen: frozenset[int] = frozenset()) -> bool:
    """Can a value of this type contain an AssetPath anywhere inside? (lets the walk skip plain fields)"""
    if _is_asset_metadata(metadata):
        return True
    annotation, extra = _split_annotated(annotation)
    if _is_asset_metadata(extra):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if id(annotation) in seen:
            return False
        return bool(_asset_fields(annotation)) if not seen else any(
            _may_hold_assets(f.annotation, tuple(f.metadata), seen | {id(annotation)})
            for f in annotation.model_fields.values())
    return any(_may_hold_assets(arg, (), seen) for arg in get_args(annotation) if arg is not Ellipsis)


@cache
def _asset_fields(model: type[BaseModel]) -> tuple[tuple[str, str, Any, tuple[Any, ...]], ...]:
    """(attribute, YAML key, annotation, metadata) of the fields of `model` that may hold asset paths."""
    found = []
    for name, field in model.model_fields.items():
        if _may_hold_assets(field.annotation, tuple(field.metadata), frozenset({id(model)})):
            found.append((name, field.alias or name, field.annotation, tuple(field.metadata)))
    return tuple(found)


def iter_asset_paths(value: Any, annotation: Any = None, metadata: tuple[Any, ...] = (),
                     loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield (loc path, relative path) for every AssetPath inside a validated value."""
    annotation, extra = _split_annotated(annotation)
    metadata = metadata + extra
    if isinstance(value, str):
        if _is_asset_metadata(metadata) or _union_has_asset(annotation):
            yield loc, value
        return
    if isinstance(value, BaseModel):
        is_root = isinstance(value, RootModel)
        for name, key, field_annotation, field_metadata in _asset_fields(type(value)):
            yield from iter_asset_paths(getattr(value, name), field_annotation, field_metadata,
                                        loc if is_root else (*loc, key))
        return
    origin = get_origin(annotation)
    if origin in _UNION_TYPES:
        for member in get_args(annotation):
            inner, _ = _split_annotated(member)
            if _matches(value, inner):
                yield from iter_asset_paths(value, member, (), loc)
                return
        return
    args = get_args(annotation)
    if isinstance(value, dict):
        item_type = args[1] if origin is dict and len(args) == 2 else None
        for key, item in value.items():
            yield from iter_asset_paths(item, item_type, (), (*loc, key))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            if origin is tuple and args and (len(args) != 2 or args[1] is not Ellipsis):
                item_type = args[index] if index < len(args) else None
            else:
                item_type = args[0] if args else None
            yield from iter_asset_paths(item, item_type, (), (*loc, index))


def _matches(value: Any, annotation: Any) -> bool:
    origin = get_origin(annotation) or annotation
    if isinstance(origin, type):
        try:
            return isinstance(value, origin)
        except TypeError:
            return False
    return False


def _union_has_asset(annotation: Any) -> bool:
    if get_origin(annotation) not in _UNION_TYPES:
        return False
    return any(_is_asset_metadata(_split_annotated(member)[1]) for member in get_args(annotation))


def _suggest(root: Path, relative: str) -> str:
    """' — did you mean 'images/Relcom.png'?' when a file with a similar name exists nearby."""
    target = root / relative
    folder = target.parent
    if not folder.is_dir():
        return " (the folder does not exist either)"
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return ""
    same_case = [name for name in names if name.lower() == target.name.lower()]
    close = same_case or difflib.get_close_matches(target.name, names, n=1, cutoff=0.75)
    if not close:
        return ""
    prefix = relative.rsplit("/", 1)[0] + "/" if "/" in relative else ""
    return f" — did you mean '{prefix}{close[0]}'?"


def _cached_image_check(path: Path) -> str | None:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _IMAGE_CHECKS_LOCK:
        if key in _IMAGE_CHECKS:
            return _IMAGE_CHECKS[key]
    reason = check_image(path)
    with _IMAGE_CHECKS_LOCK:
        if len(_IMAGE_CHECKS) >= _IMAGE_CHECKS_MAX:
            _IMAGE_CHECKS.clear()
        _IMAGE_CHECKS[key] = reason
    return reason


def asset_problem(root: Path, relative: str) -> str | None:
    """Why the file at `relative` cannot be used, or None when it is fine."""
    try:
        return _asset_problem(root, relative)
    except OSError as exc:  # e.g. a name longer than the file system allows (255 bytes: ~127 Cyrillic letters)
        shown = relative if len(relative) <= 80 else relative[:77] + "..."
        return f"'{shown}' cannot be used as a file name ({exc.strerror or exc}): rename the file, shorter"


def _asset_problem(root: Path, relative: str) -> str | None:
    root_resolved = root.resolve()
    path = root / relative
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return f"'{relative}' is a link that leads nowhere (a loop of links): replace it with the real file"
    if not resolved.is_relative_to(root_resolved):
        return f"'{relative}' is a link that leads outside the content folder: copy the file into the folder instead"
    if not path.exists():
        if path.is_symlink():
            return f"'{relative}' is a link to a file that does not exist: replace it with the real file"
        return f"file '{relative}' not found in the content folder{_suggest(root, relative)}"
    if path.is_dir():
        return f"'{relative}' is a folder, not a file: name a file inside it"
    if is_image_path(relative):
        try:
            reason = _cached_image_check(path)
        except OSError as exc:
            reason = f"the file cannot be read ({exc.strerror or exc})"
        if reason:
            return f"image '{relative}' cannot be shown: {reason}"
    return None
