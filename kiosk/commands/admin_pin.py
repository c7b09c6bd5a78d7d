"""`admin-pin`: set the admin PIN; kiosk.yaml then holds only its salted hash (`admin.pin_hash`).

Why a command and not "edit the file": a PIN typed into kiosk.yaml would be readable by anyone who gets a copy
of it (`check` refuses that). The command asks twice without echoing (or reads one line with `--pin-stdin` for
scripts), changes exactly one line of the file — comments, order and the rest of the text stay as they were —
removes a plain `pin:` line if there is one, and replaces the file atomically. The PIN is never printed.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kiosk.pin import hash_pin

NAME = "admin-pin"
HELP = "set the admin PIN (asked twice, not shown); kiosk.yaml keeps only its salted hash"

PIN_RE = re.compile(r"^[0-9]{4,12}$")
PUBLISHED_DEFAULT = "2024"


class PinError(Exception):
    """A refusal: one line for the installer; nothing was written."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pin-stdin", action="store_true",
                        help="read the PIN from one line of standard input (scripts); not asked twice")


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be used, or None. Never includes the PIN itself."""
    if not PIN_RE.match(pin):
        return "the PIN must be 4 to 12 digits (0-9), as typed on the admin pad"
    if pin == PUBLISHED_DEFAULT:
        return "that is the published default PIN: choose another"
    return None


# ------------------------------------------------------------------------------------ text editing

Pos = tuple[int, int]


def _replace_span(lines: list[str], start: Pos, end: Pos, new: str) -> None:
    (start_line, start_col), (end_line, end_col) = start, end
    lines[start_line:end_line + 1] = [lines[start_line][:start_col] + new + lines[end_line][end_col:]]


def _entry(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _last_line(node: yaml.Node) -> int:
    """Index of the last line a value occupies (a block value ends at column 0 of the next line)."""
    mark = node.end_mark
    return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line


def _expected(data: Any, pin_hash: str) -> dict[str, Any]:
    result = dict(data) if isinstance(data, dict) else {}
    admin = dict(result.get("admin") or {})
    admin.pop("pin", None)
    admin["pin_hash"] = pin_hash
    result["admin"] = admin
    return result


def set_pin_hash(text: str, pin_hash: str) -> tuple[str, bool]:
    """kiosk.yaml's text with `admin.pin_hash` set and `admin.pin` removed: (new text, a plain PIN was removed).

    Only the lines that hold those keys change. Raises PinError when the file is not a mapping of sections.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    quoted = f'"{pin_hash}"'
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        before = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise PinError(f"the config is not valid YAML{where}: fix it first (run_kiosk.py check)") from None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    removed = False
    if root is None:
        lines.append(f"admin:{newline}  pin_hash: {quoted}{newline}")
    elif not isinstance(root, yaml.MappingNode):
        raise PinError("the config must be a mapping of sections (screen:, admin:, …): fix it first")
    else:
        admin = _entry(root, "admin")
        if admin is None:
            lines.append(f"admin:{newline}  pin_hash: {quoted}{newline}")
        else:
            removed = _edit_admin(lines, admin, quoted, before, pin_hash, newline)
    new_text = "".join(lines)
    try:
        after = yaml.safe_load(new_text)
    except yaml.YAMLError:
        after = None
    if after != _expected(before, pin_hash):
        raise PinError("could not change the config safely (unusual layout of the admin: section): "
                       "write admin:, then pin_hash: \"\" on its own line, and run admin-pin again")
    return new_text, removed


def _edit_admin(lines: list[str], admin: tuple[yaml.Node, yaml.Node], quoted: str, before: Any,
                pin_hash: str, newline: str) -> bool:
    key_node, value = admin
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
        indent = " " * (key_node.start_mark.column + 2)
        start = (value.start_mark.line, value.start_mark.column)
        end = (value.end_mark.line, value.end_mark.column)
        _replace_span(lines, start, end, "")
        lines.insert(key_node.start_mark.line + 1, f"{indent}pin_hash: {quoted}{newline}")
        return False
    if not isinstance(value, yaml.MappingNode):
        raise PinError("admin: in the config must be a section (admin:, then its settings indented below)")
    pin = _entry(value, "pin")
    if value.flow_style:  # admin: {corner: bottom-left, pin: "1234"}
        section = dict(before.get("admin") or {})
        section.pop("pin", None)
        section["pin_hash"] = pin_hash
        flow = yaml.safe_dump(section, default_flow_style=True, width=1 << 20, allow_unicode=True).strip()
        _replace_span(lines, (value.start_mark.line, value.start_mark.column),
                      (value.end_mark.line, value.end_mark.column), flow)
        return pin is not None
    existing = _entry(value, "pin_hash")
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line, replacement lines)
    if existing is not None:
        node = existing[1]
        if not isinstance(node, yaml.ScalarNode):
            raise PinError("admin.pin_hash in the config must be a text value")
        first, last = node.start_mark.line, node.end_mark.line
        new_line = lines[first][:node.start_mark.column] + quoted + lines[last][node.end_mark.column:]
        edits.append((first, last, [new_line]))
    if pin is not None:
        first, last = pin[0].start_mark.line, _last_line(pin[1])
        replacement = [] if existing is not None else [f"{' ' * pin[0].start_mark.column}pin_hash: {quoted}{newline}"]
        edits.append((first, last, replacement))
    elif existing is None:
        first_key = value.value[0][0].start_mark  # a block mapping has at least one key
        edits.append((first_key.line, first_key.line - 1, [f"{' ' * first_key.column}pin_hash: {quoted}{newline}"]))
    for first, last, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[first:last + 1] = replacement
    return pin is not None


# ------------------------------------------------------------------------------------------ files

def write_atomically(path: Path, text: str, bom: bool) -> None:
    """Replace `path` with `text` (same mode, and owner when we may set it) via a temp file and rename."""
    stat = path.stat()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.st_mode & 0o7777)
        if hasattr(os, "chown") and (stat.st_uid, stat.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):  # not root: the file stays ours
                os.chown(tmp, stat.st_uid, stat.st_gid)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_pin(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("New admin PIN (4-12 digits, not shown): ").strip()
    problem = pin_problem(first)
    if problem:
        raise PinError(problem)
    second = getpass.getpass("The same PIN again: ").strip()
    if second != first:
        raise PinError("the two PINs differ")
    return first


def change_pin(config: Path, pin: str) -> bool:
    """Store the hash of `pin` in the config file; returns True when a plain `pin:` line was removed."""
    problem = pin_problem(pin)
    if problem:
        raise PinError(problem)
    try:
        raw = config.read_bytes()
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise PinError(f"{config} not found: give --config PATH") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PinError(f"cannot read {config} ({exc}); save it as UTF-8") from None
    new_text, removed = set_pin_hash(text, hash_pin(pin))
    try:
        write_atomically(config, new_text, bom=raw.startswith(b"\xef\xbb\xbf"))
    except OSError as exc:
        raise PinError(f"cannot write {config} ({exc.strerror or exc}): run it with sudo") from None
    return removed


def run(args: argparse.Namespace) -> int:
    config = Path(args.config)
    try:
        pin = read_pin(bool(getattr(args, "pin_stdin", False)))
        removed = change_pin(config, pin)
    except PinError as exc:
        print(f"admin-pin: {exc}; nothing changed", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("admin-pin: cancelled; nothing changed", file=sys.stderr)
        return 1
    extra = " and the plain `pin:` line is gone" if removed else ""
    print(f"admin PIN set: {config} now holds only its salted hash (admin.pin_hash){extra}; "
          "the kiosk uses it from its next start")
    return 0
