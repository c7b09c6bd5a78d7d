"""Turns pydantic validation errors into located sentences a curator understands.

pydantic says "Input should be a valid string" at loc ('events', 3, 'title', 'en'); a curator needs
"timeline.yaml:41:11: error: expected text, got the number 2000: put it in quotes, e.g. '2000'".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from kiosk.content.types import NotTrueOrFalse
from kiosk.content.yaml_loader import Loc, LocationMap, Pos

_UNION_TYPES = (Union, type(int | None))
_BUILTIN_ERROR_TYPES = frozenset(get_args(ErrorType))


def describe(value: Any) -> str:
    """A value in curator words: "the number 2000", "'no'", "a list"."""
    if isinstance(value, NotTrueOrFalse):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, int | float):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def clean_loc(data: Any, loc: Iterable[Any]) -> tuple[Loc, bool]:
    """Drop pydantic's union-branch labels from a loc so it follows the YAML data. Returns (loc, dropped)."""
    parts = list(loc)
    out: list[Any] = []
    current = data
    dropped = False
    for index, part in enumerate(parts):
        in_mapping = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            out.append(part)
            current = current[part]
        elif index == len(parts) - 1:
            out.append(part)
        else:
            dropped = True
    return tuple(out), dropped


def _expand(annotation: Any) -> list[Any]:
    """Concrete types behind Annotated / Optional / Union / RootModel."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _expand(get_args(annotation)[0])
    if origin in _UNION_TYPES:
        return [t for arg in get_args(annotation) for t in _expand(arg)]
    if isinstance(annotation, type) and issubclass(annotation, RootModel):
        return _expand(annotation.model_fields["root"].annotation)
    return [annotation]


def _children(annotation: Any, part: Any) -> list[Any]:
    found: list[Any] = []
    for kind in _expand(annotation):
        origin = get_origin(kind)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            for name, field in kind.model_fields.items():
                if part in (name, field.alias):
                    found.append(field.annotation)
        elif origin in (list, tuple, set, frozenset) and isinstance(part, int):
            found.extend(arg for arg in get_args(kind) if arg is not Ellipsis)
        elif origin is dict:
            args = get_args(kind)
            if len(args) == 2:
                found.append(args[1])
    return found


def allowed_keys(model: type[BaseModel], path: Loc) -> list[str]:
    """Keys a mapping at `path` may have, from the model's fields (best effort through unions)."""
    types: list[Any] = [model]
    for part in path:
        types = [child for kind in types for child in _children(kind, part)]
    keys: set[str] = set()
    for kind in types:
        for concrete in _expand(kind):
            if isinstance(concrete, type) and issubclass(concrete, BaseModel):
                keys.update(field.alias or name for name, field in concrete.model_fields.items())
    return sorted(keys)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _text_type(value: Any) -> str:
    if isinstance(value, NotTrueOrFalse):
        value = value.value
    if value is None:
        return "this text is empty: write the text or remove the key"
    shown = describe(value)
    if isinstance(value, bool):
        return f"expected text, got {shown}: put it in quotes if you mean the word, e.g. '{shown}'"
    if isinstance(value, int | float):
        return f"expected text, got {shown}: put it in quotes, e.g. '{value}'"
    return f"expected text, got {shown}"


def message_for(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    """One curator sentence for one pydantic error (loc already cleaned)."""
    kind = err["type"]
    value = err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown key '{key}' — did you mean '{close[0]}'?"
        if allowed:
            return f"unknown key '{key}': allowed keys here are {', '.join(allowed)}"
        return f"unknown key '{key}': remove it"
    if kind == "missing":
        if key in ("ru", "en"):
            return f"'{key}' is missing: every visitor text needs both ru and en"
        return f"'{key}' is missing: add '{key}:' here"
    if kind == "string_type":
        return _text_type(value)
    if kind == "string_too_short":
        if isinstance(value, str) and not value.strip():
            return "this text is empty: write the text or remove the key"
        return f"text is too short: write at least {_plural(ctx.get('min_length', 1), 'character')}"
    if kind == "string_too_long":
        return f"text is too long: at most {_plural(ctx.get('max_length', 0), 'character')}, now {len(str(value))}"
    if kind == "string_pattern_mismatch":
        return f"{describe(value)} does not have the expected form (pattern {ctx.get('pattern')})"
    if kind in ("bool_type", "bool_parsing"):
        text = f"expected true or false, got {describe(value)}"
        raw = value.value if isinstance(value, NotTrueOrFalse) else value
        if isinstance(raw, str):
            text += ": write true or false (yes/no/on/off are not accepted)"
        return text
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {describe(value)}"
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
        return f"expected a number, got {describe(value)}"
    bounds = {"greater_than": ("gt", "greater than"), "greater_than_equal": ("ge", "at least"),
              "less_than": ("lt", "less than"), "less_than_equal": ("le", "at most")}
    if kind in bounds:
        name, words = bounds[kind]
        return f"{describe(value)} is too {'small' if kind.startswith('greater') else 'large'}: " \
               f"it must be {words} {ctx.get(name)}"
    if kind in ("literal_error", "enum"):
        return f"{describe(value)} is not allowed here: use one of {ctx.get('expected', '')}"
    if kind in ("list_type", "tuple_type", "set_type", "frozen_set_type"):
        return f"expected a list (lines starting with '- '), got {describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type", "mapping_type"):
        text = f"expected a mapping (lines 'key: value'), got {describe(value)}"
        if isinstance(value, list):
            text += ": remove the '- ' in front of these lines"
        return text
    if kind == "too_short":
        return f"needs at least {_plural(ctx.get('min_length', 1), 'entry')}, " \
               f"has {ctx.get('actual_length', 0)}".replace("entrys", "entries")
    if kind == "too_long":
        return f"allows at most {_plural(ctx.get('max_length', 0), 'entry')}, " \
               f"has {ctx.get('actual_length', 0)}".replace("entrys", "entries")
    if kind == "union_tag_not_found":
        return f"'{ctx.get('discriminator', 'type')}' is missing: it says which kind of entry this is"
    if kind == "union_tag_invalid":
        return f"{describe(ctx.get('tag'))} is not a known kind: use one of {ctx.get('expected_tags')}"
    text = str(err.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    if kind in ("value_error", "assertion_error") or kind not in _BUILTIN_ERROR_TYPES:
        return text  # written by a validator for curators already
    return f"{text} (got {describe(value)})"


def position_for(err: ErrorDetails, loc: Loc, locations: LocationMap) -> Pos:
    """Where to point: at the unknown key, at the mapping missing a key, else at the value."""
    if err["type"] == "extra_forbidden":
        return locations.key(loc)
    if err["type"] == "missing":
        return locations.key(loc[:-1]) if loc[:-1] else locations.nearest(())
    return locations.get(loc) or locations.nearest(loc)
