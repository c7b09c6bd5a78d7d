"""Turns the labels scenes give their texts (`where="timeline.yaml:events.ru-domain.title"`) into content
locations (file, path) that `ContentBundle.where` / `cite` turn into file:line:col.

Labels name a content file and a dotted path in it. A path segment may be a field or mapping key (ui.yaml
keys contain dots themselves: the longest key that matches wins), a list index, the `id` of a list item
(`events.ru-domain`), an id inside a list one level down (`poll.<question id>` for `poll.questions[i]`),
`*` or a glob (`status_*`) or alternatives (`connected|offline`). When a label names no file (`button:...`) or
its path leads nowhere, the text itself is looked up among all bilingual texts, exactly or as a template
whose {placeholders} match anything.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, RootModel

from kiosk.content.loader import ContentBundle

Loc = tuple[Any, ...]


def is_bilingual(value: Any) -> bool:
    return isinstance(value, BaseModel) and {"ru", "en"} <= set(type(value).model_fields)


def iter_bilingual(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """(location, text) of every ru/en text inside a validated content model."""
    if is_bilingual(value):
        yield loc, value
    elif isinstance(value, RootModel):
        yield from iter_bilingual(value.root, loc)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_bilingual(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_bilingual(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_bilingual(item, (*loc, key))


def _children(node: Any) -> list[tuple[Any, Any]]:
    """(key, child) pairs of a model, mapping or list."""
    if isinstance(node, RootModel):
        return _children(node.root)
    if isinstance(node, BaseModel):
        return [(name, getattr(node, name)) for name in type(node).model_fields]
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list | tuple):
        return list(enumerate(node))
    return []


def _step(node: Any, segments: list[str]) -> list[tuple[Loc, Any, int]]:
    """Ways to take the next segment(s): (loc added, child, segments used)."""
    head = segments[0]
    children = _children(node)
    if not children:
        return []
    keys = {str(key): (key, child) for key, child in children}
    if "|" in head:
        found = []
        for alternative in head.split("|"):
            found += _step(node, [alternative, *segments[1:]])
        return found
    if any(ch in head for ch in "*?["):
        return [((key,), child, 1) for key, child in children if fnmatch.fnmatchcase(str(key), head)]
    for used in range(len(segments), 0, -1):  # longest dotted key first (ui.yaml: 'timeline.zoom.year')
        joined = ".".join(segments[:used])
        if joined in keys:
            key, child = keys[joined]
            return [((key,), child, used)]
    for key, child in children:  # a list item by its id
        if getattr(child, "id", None) == head:
            return [((key,), child, 1)]
    for key, child in children:  # an item of a list one level down (poll.<question id>)
        if isinstance(child, list | tuple):
            for index, item in enumerate(child):
                if getattr(item, "id", None) == head:
                    return [((key, index), item, 1)]
    return []


def _walk(node: Any, segments: list[str], loc: Loc) -> list[tuple[Loc, Any, bool]]:
    """Every (location, node, complete) the path can lead to; incomplete ones stop at the last known part."""
    if not segments:
        return [(loc, node, True)]
    steps = _step(node, segments)
    if not steps:
        return [(loc, node, False)]
    found = []
    for added, child, used in steps:
        found += _walk(child, segments[used:], (*loc, *added))
    return found


def _template(text: str) -> re.Pattern[str] | None:
    if "{" not in text:
        return None
    parts = re.split(r"\{[^{}]*\}", text)
    if len("".join(parts).strip()) < 3:  # '{title}' alone would match any text
        return None
    return re.compile(".+?".join(re.escape(part) for part in parts) + r"\Z", re.S)


class WhereResolver:
    """Finds the content location of a labelled text in one language."""

    def __init__(self, bundle: ContentBundle) -> None:
        self.bundle = bundle
        self._texts: list[tuple[str, Loc, Any]] | None = None

    def _all_texts(self) -> list[tuple[str, Loc, Any]]:
        if self._texts is None:
            self._texts = [(file, loc, value) for file, model in self.bundle.models.items()
                           for loc, value in iter_bilingual(model)]
        return self._texts

    def _with_lang(self, file: str, loc: Loc, node: Any, lang: str) -> tuple[str, Loc]:
        if is_bilingual(node):
            return file, (*loc, lang)
        return file, loc

    @staticmethod
    def _matches(node: Any, lang: str, text: str) -> bool:
        if not is_bilingual(node):
            return False
        value = str(getattr(node, lang, ""))
        if value == text:
            return True
        pattern = _template(value)
        return bool(pattern is not None and pattern.match(text))

    def by_text(self, text: str, lang: str) -> tuple[str, Loc] | None:
        """The first ru/en text equal to `text` in `lang` (then: the first template matching it)."""
        texts = self._all_texts()
        for file, loc, value in texts:
            if str(getattr(value, lang, "")) == text:
                return file, (*loc, lang)
        for file, loc, value in texts:
            if self._matches(value, lang, text):
                return file, (*loc, lang)
        return None

    def resolve(self, where: str, lang: str, text: str = "") -> tuple[str, Loc] | None:
        """(file, location) for a label, or None when neither the label nor the text can be placed."""
        file, _, path = where.partition(":")
        model = self.bundle.models.get(file)
        if model is None or not path:
            return self.by_text(text, lang) if text else None
        found = _walk(model, [s for s in path.split(".") if s], ())
        complete = [(loc, node) for loc, node, done in found if done]
        for loc, node in complete:
            if not text or self._matches(node, lang, text):
                return self._with_lang(file, loc, node, lang)
        if len(complete) == 1 and not is_bilingual(complete[0][1]):  # a date or number the scene formatted
            return self._with_lang(file, complete[0][0], complete[0][1], lang)
        if text:
            by_text = self.by_text(text, lang)
            if by_text is not None:
                return by_text
        if complete:
            return self._with_lang(file, complete[0][0], complete[0][1], lang)
        deepest = max(found, key=lambda item: len(item[0]))
        return file, deepest[0]
