"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser composes the node tree (fast, with marks); the values are then built here, not by PyYAML's
constructor, so that we can: record a line/column for every path, reject duplicate keys, refuse tags, cap alias
expansion (billion laughs), keep `yes/no/on/off` as text (the "Norway problem") and keep dates as text for
`DateField`. Every failure is a `YamlError` carrying a 1-based line/column and a curator-friendly message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[Any, ...]
Pos = tuple[int, int]

DEFAULT_MAX_FILE_MB = 10.0
DEFAULT_MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 100

_STD = "tag:yaml.org,2002:"


class YamlError(Exception):
    """A located problem reading a YAML file (line and col are 1-based)."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line = line
        self.col = col
        self.message = message


class KioskYamlLoader(yaml.CSafeLoader):
    """The C loader with YAML-1.2-like plain scalar rules: only true/false are booleans, no timestamps,
    no sexagesimal or octal numbers. We only use it to compose nodes; values are built by `_Builder`."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """Faster than PyYAML's generic resolver (called for every node by the C composer)."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"


def _add(tag: str, pattern: str, first: str) -> None:
    KioskYamlLoader.add_implicit_resolver(_STD + tag, re.compile(pattern, re.X), list(first))


_add("bool", r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$", "tTfF")
_add("int", r"^[-+]?[0-9]+$", "-+0123456789")
_add("float", r"""^(?:[-+]?(?:[0-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?
                  |[-+]?[0-9]+\.(?:[eE][-+]?[0-9]+)?
                  |[-+]?[0-9]+[eE][-+]?[0-9]+
                  |[-+]?\.(?:inf|Inf|INF)
                  |\.(?:nan|NaN|NAN))$""", "-+0123456789.")
_add("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]
_add("merge", r"^(?:<<)$", "<")


class LocationMap:
    """Path tuple (e.g. ("events", 3, "title", "en")) -> 1-based (line, col) of that value in the file.

    `get` points at scalar values themselves and at the key of a nested block; `key` points at the key.
    `nearest` falls back to the closest recorded parent, so any path yields a useful place.
    """

    def __init__(self) -> None:
        self._values: dict[Loc, Pos] = {(): (1, 1)}
        self._keys: dict[Loc, Pos] = {}

    def record(self, path: Loc, value_pos: Pos, key_pos: Pos | None = None) -> None:
        self._values[path] = value_pos
        if key_pos is not None:
            self._keys[path] = key_pos

    def get(self, path: Loc) -> Pos | None:
        return self._values.get(tuple(path))

    def key(self, path: Loc) -> Pos:
        path = tuple(path)
        return self._keys.get(path) or self.nearest(path)

    def nearest(self, path: Loc) -> Pos:
        path = tuple(path)
        while path not in self._values:
            path = path[:-1]
        return self._values[path]

    def has(self, path: Loc) -> bool:
        return tuple(path) in self._values

    def __len__(self) -> int:
        return len(self._values)


@dataclass
class ParsedYaml:
    data: Any
    locations: LocationMap


def _pos(node: Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe_tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


_STR, _NULL, _BOOL, _INT, _FLOAT, _MERGE, _SEQ, _MAP = (
    _STD + name for name in ("str", "null", "bool", "int", "float", "merge", "seq", "map"))


class _Builder:
    """Turns a composed node tree into plain Python values while recording locations.

    This is the hot path of every load (a 1000-event file has ~16k nodes), hence the inlined fast paths."""

    def __init__(self, max_alias_nodes: int) -> None:
        self.locations = LocationMap()
        self._values = self.locations._values
        self._keys = self.locations._keys
        self.max_alias_nodes = max_alias_nodes
        self.alias_nodes = 0
        self._built: set[int] = set()
        self._stack: set[int] = set()
        self._alias_depth = 0
        self._alias_use: Pos = (1, 1)

    def _count_repeat(self) -> None:
        self.alias_nodes += 1
        if self.alias_nodes > self.max_alias_nodes:
            raise YamlError(*self._alias_use, f"aliases ('*name') expand to more than {self.max_alias_nodes} "
                            "values (an 'alias bomb'): copy the text instead of repeating anchors")

    def build(self, node: Node, path: Loc, key_pos: Pos | None = None, depth: int = 0) -> Any:
        if node.__class__ is ScalarNode:
            mark = node.start_mark
            self._values[path] = (mark.line + 1, mark.column + 1)
            if key_pos is not None:
                self._keys[path] = key_pos
            if self._alias_depth:
                self._count_repeat()
            return node.value if node.tag == _STR else self._scalar(node)
        ident = id(node)
        if ident in self._stack:
            raise YamlError(*_pos(node), "an anchor ('&') is used inside itself: this would never end")
        if depth > MAX_DEPTH:
            raise YamlError(*_pos(node), f"content is nested more than {MAX_DEPTH} levels deep")
        reused = ident in self._built
        self._built.add(ident)
        if reused:
            if not self._alias_depth:  # where the outermost repetition is used, to point the error there
                self._alias_use = key_pos or self.locations.nearest(path[:-1])
            self._alias_depth += 1
        if self._alias_depth:
            self._count_repeat()
        self._values[path] = key_pos or _pos(node)
        if key_pos is not None:
            self._keys[path] = key_pos
        self._stack.add(ident)
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _SEQ:
                    self._refuse_tag(node)
                return [self.build(item, (*path, i), None, depth + 1) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                if node.tag != _MAP:
                    self._refuse_tag(node)
                return self._mapping(node, path, depth)
            raise YamlError(*_pos(node), "unsupported YAML construct")  # pragma: no cover
        finally:
            self._stack.discard(ident)
            if reused:
                self._alias_depth -= 1

    def _refuse_tag(self, node: Node) -> None:
        shown = _describe_tag(node.tag)
        if "python/" in node.tag:
            raise YamlError(*_pos(node), f"Python tags ('{shown}') are not allowed in content files: "
                            "write plain values")
        raise YamlError(*_pos(node), f"the tag '{shown}' is not supported here: remove it and write a plain value")

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            try:
                return int(value.replace("_", ""), 10)
            except ValueError:
                raise YamlError(*_pos(node), f"'{value}' is not a whole number") from None
        if tag == _FLOAT:
            try:
                return float(value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
            except ValueError:
                raise YamlError(*_pos(node), f"'{value}' is not a number") from None
        if tag == _MERGE:
            raise YamlError(*_pos(node), "'<<' can only be used as a key that merges an anchored mapping")
        self._refuse_tag(node)
        return None  # pragma: no cover

    def _mapping(self, node: MappingNode, path: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merges: list[Node] = []
        keys = self._keys
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode:
                tag = key_node.tag
                if tag == _MERGE:
                    merges.append(value_node)
                    continue
                key = key_node.value if tag == _STR else self._scalar(key_node)
                mark = key_node.start_mark
                key_pos = (mark.line + 1, mark.column + 1)
            else:
                key, key_pos = self._key(key_node)
            child = (*path, key)
            if key in result:
                line, col = keys[child]
                raise YamlError(*key_pos, f"duplicate key '{key}' (first at line {line}, column {col}): "
                                "keep only one of them")
            result[key] = self.build(value_node, child, key_pos, depth + 1)
        for merge_node in merges:
            self._merge_into(result, merge_node, path, depth)
        return result

    def _key(self, key_node: Node) -> tuple[Any, Pos]:
        if not isinstance(key_node, ScalarNode):
            raise YamlError(*_pos(key_node), "a key must be plain text (a list or mapping cannot be a key)")
        return self._scalar(key_node), _pos(key_node)

    def _merge_into(self, result: dict[Any, Any], value_node: Node, path: Loc, depth: int) -> None:
        """'<<: *defaults' (or a list of them): keys not written explicitly are taken from the anchors."""
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                raise YamlError(*_pos(source), "'<<' must be followed by an anchored mapping, e.g. '<<: *defaults'")
            if id(source) in self._stack:
                raise YamlError(*_pos(source), "an anchor ('&') is merged into itself: this would never end")
            self._stack.add(id(source))
            if not self._alias_depth:
                self._alias_use = _pos(value_node)
            self._alias_depth += 1  # merged content is always a repetition: count it against the cap
            try:
                for key_node, sub_node in source.value:
                    if isinstance(key_node, ScalarNode) and key_node.tag == _STD + "merge":
                        self._merge_into(result, sub_node, path, depth + 1)
                        continue
                    key, key_pos = self._key(key_node)
                    if key not in result:
                        result[key] = self.build(sub_node, (*path, key), key_pos, depth + 1)
            finally:
                self._alias_depth -= 1
                self._stack.discard(id(source))


def decode_utf8(raw: bytes) -> str:
    """UTF-8 with or without BOM; anything else is a located error naming the problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(1, 1, "file is saved as UTF-16: save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        hint = "; it looks like Windows-1251" if _looks_like_cp1251(raw) else ""
        raise YamlError(line, col, f"file is not UTF-8 (byte 0x{raw[exc.start]:02X} at line {line}{hint}): "
                        "save it as UTF-8") from None


def _looks_like_cp1251(raw: bytes) -> bool:
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return False
    return sum(1 for ch in text if "\u0400" <= ch <= "\u04ff") >= 3


def _offset_to_pos(text: str, offset: int) -> Pos:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _mark_pos(mark: Any) -> Pos:
    return mark.line + 1, mark.column + 1


_TAB_MESSAGE = "a tab is used for indentation: YAML needs spaces, replace the tab with spaces"


_INDENT_MESSAGE = ("the indentation of this line does not match the lines above it: keys of one block, and "
                   "'- ' items of one list, must start in the same column")
_SYNTAX_HINTS: list[tuple[str, str, bool]] = [
    # (fragment of libyaml's problem or context, curator message, report at the context mark)
    ("tab character", _TAB_MESSAGE, False),
    ("could not find expected ':'", "a ':' is missing after the key on this line (write 'key: value'), "
     "or the next line is indented wrong", True),
    ("found unexpected end of stream", "a quote opened here is never closed: add the closing quote", True),
    ("mapping values are not allowed", "unexpected ':' here: put text that contains ': ' in quotes, "
     "or fix the indentation", False),
    ("did not find expected key", _INDENT_MESSAGE, False),
    ("did not find expected '-' indicator", _INDENT_MESSAGE, False),
    ("did not find expected ',' or ']'", "a list in [brackets] is not closed, or a text in it contains "
     "': ': add the ']' or put the text in quotes", True),
    ("did not find expected ',' or '}'", "a mapping in {braces} is not closed, or a text in it contains "
     "': ': add the '}' or put the text in quotes", True),
    ("found undefined alias", "this '*name' refers to an anchor '&name' that is not defined above it", False),
    ("found unknown escape character", "unknown escape after '\\' in \"double quotes\": use 'single quotes' "
     "or write '\\\\'", False),
    ("but found another document", "the file contains a second document ('---'): keep one document per file",
     False),
    ("found duplicate anchor", "this anchor name ('&name') is already used above: give it another name", False),
    ("exceeded maximum nesting depth", "content is nested too deeply", False),
    ("expected <document start>", "unexpected text after the end of the content: check the indentation of "
     "this line", False),
    ("expected alphabetic or numeric character", "an anchor or alias name ('&name', '*name') is missing "
     "its name: put text starting with '&' or '*' in quotes", False),
    ("found character that cannot start any token", "this character cannot start a value: put the text in "
     "quotes", False),
]


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    problem = exc.problem or ""
    context = exc.context or ""
    if _char_at(text, exc.problem_mark) == "\t":
        return YamlError(*_mark_pos(exc.problem_mark), _TAB_MESSAGE)
    for fragment, message, at_context in _SYNTAX_HINTS:
        if fragment in problem or fragment in context:
            mark = exc.context_mark if at_context and exc.context_mark is not None else exc.problem_mark
            if mark is None:
                mark = exc.context_mark
            line, col = _mark_pos(mark) if mark is not None else (1, 1)
            return YamlError(line, col, message)
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark_pos(mark) if mark is not None else (1, 1)
    detail = " ".join(part for part in (context, problem) if part)
    return YamlError(line, col, f"YAML syntax error ({detail}): check the indentation and the quotes here")


def parse_text(text: str, max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES) -> ParsedYaml:
    """Parse one YAML document given as text. Raises YamlError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = KioskYamlLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line, col = _offset_to_pos(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise YamlError(line, col, f"the file contains an invisible control character (U+{code:04X}): "
                        "delete it (it often comes from copy-pasting)") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    builder = _Builder(max_alias_nodes)
    if node is None:
        return ParsedYaml(None, builder.locations)
    data = builder.build(node, ())
    builder.locations.record((), _pos(node))
    return ParsedYaml(data, builder.locations)


def parse_file(path: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
               max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES) -> ParsedYaml:
    """Read and parse a content file. Raises YamlError (located) or OSError (cannot read)."""
    limit = int(max_file_mb * 1024 * 1024)
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise YamlError(1, 1, f"file is larger than {max_file_mb:g} MB: split it or remove unused parts")
    return parse_text(decode_utf8(raw), max_alias_nodes)
