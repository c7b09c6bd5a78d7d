"""The machine's drive C: an in-memory tree of folders and files built from the content, never the real disk.

Paths are DOS paths (C:\\GAMES\\BLOCKS.EXE, GAMES\\BLOCKS.EXE, ..\\NC, \\), case-insensitive, and each typed
component is cut to 8.3 as MS-DOS did (see dosnames). `snapshot()` and `restore()` give every visitor the
same clean disk. Sizes of text files are what DOS would report: CP866 bytes with CR LF line ends.
"""

from __future__ import annotations

import copy
import datetime as dt
import zlib
from dataclasses import dataclass, field

from .dosnames import CODEPAGE, name_problem, to_83
from .model import ContentModel, Entry

DEFAULT_PROGRAM_SIZE = 32768


@dataclass
class VFile:
    name: str
    modified: dt.datetime
    text: str | None = None
    program: str | None = None
    opens: str | None = None
    data_size: int = 0

    @property
    def is_folder(self) -> bool:
        return False

    @property
    def is_text(self) -> bool:
        return self.text is not None

    @property
    def size(self) -> int:
        if self.text is None:
            return self.data_size
        return len(self.text.replace("\n", "\r\n").encode(CODEPAGE, errors="replace"))


@dataclass
class VFolder:
    name: str
    modified: dt.datetime
    children: dict[str, VFile | VFolder] = field(default_factory=dict)

    @property
    def is_folder(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return 0

    def entries(self) -> list[VFile | VFolder]:
        return list(self.children.values())


VNode = VFile | VFolder


class DriveNotReady(Exception):
    """The path names a drive this machine does not have, or an empty floppy drive."""

    def __init__(self, drive: str) -> None:
        super().__init__(drive)
        self.drive = drive


@dataclass(frozen=True)
class Snapshot:
    root: VFolder
    cwd: tuple[str, ...]


def _stamp(entry: Entry, default: dt.date) -> dt.datetime:
    day = default
    if entry.date is not None:
        day = dt.date(entry.date.year, entry.date.month or 1, entry.date.day or 1)
    minutes = 8 * 60 + zlib.crc32(entry.name.encode("utf-8")) % (11 * 60)
    return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60)


def _build(entries: list[Entry], lang: str, default: dt.date) -> dict[str, VNode]:
    children: dict[str, VNode] = {}
    for entry in entries:
        stamp = _stamp(entry, default)
        if entry.items is not None:
            children[entry.name] = VFolder(entry.name, stamp, _build(entry.items, lang, default))
        elif entry.text is not None:
            children[entry.name] = VFile(entry.name, stamp, text=entry.text.pick(lang))
        else:
            size = entry.size if entry.size is not None else (DEFAULT_PROGRAM_SIZE if entry.program else 0)
            children[entry.name] = VFile(entry.name, stamp, program=entry.program, opens=entry.opens,
                                         data_size=size)
    return children


class VirtualFS:
    """Drive C: with a current folder; all lookups go through DOS path rules."""

    def __init__(self, root: VFolder, disk_bytes: int, drive_letters: str = "AC") -> None:
        self.root = root
        self.disk_bytes = disk_bytes
        self.drive_letters = drive_letters
        self.cwd: tuple[str, ...] = ()

    @classmethod
    def from_content(cls, content: ContentModel, lang: str) -> VirtualFS:
        default = dt.date(content.machine.era_year, 3, 14)
        root = VFolder("", dt.datetime(default.year, 1, 1), _build(content.filesystem, lang, default))
        return cls(root, content.machine.disk_mb * 1024 * 1024)

    # --- paths ------------------------------------------------------------------------------------------------
    def cwd_path(self) -> str:
        return "C:\\" + "\\".join(self.cwd)

    @staticmethod
    def format_path(parts: tuple[str, ...]) -> str:
        return "C:\\" + "\\".join(parts)

    def parts_of(self, path: str) -> tuple[str, ...]:
        """Absolute components of a typed path (8.3-cut, upper case); raises DriveNotReady for A:, D: ..."""
        text = path.strip().replace("/", "\\")
        if len(text) >= 2 and text[1] == ":":
            drive = text[0].upper()
            if drive != "C":
                raise DriveNotReady(drive)
            text = text[2:]  # 'C:GAMES' is relative to the current folder of C:, as in DOS
        parts: list[str] = [] if text.startswith("\\") else list(self.cwd)
        for raw in text.split("\\"):
            if raw in ("", "."):
                continue
            if raw == "..":
                if parts:
                    parts.pop()
                continue
            if set(raw) == {"."}:  # '...' meant two levels up in some DOS versions; not here
                continue
            parts.append(to_83(raw))
        return tuple(parts)

    def node_at(self, parts: tuple[str, ...]) -> VNode | None:
        node: VNode = self.root
        for part in parts:
            if not isinstance(node, VFolder):
                return None
            child = node.children.get(part)
            if child is None:
                return None
            node = child
        return node

    def resolve(self, path: str) -> VNode | None:
        """The file or folder a typed path names, or None (DriveNotReady for other drives)."""
        return self.node_at(self.parts_of(path))

    def folder_at(self, parts: tuple[str, ...]) -> VFolder | None:
        node = self.node_at(parts)
        return node if isinstance(node, VFolder) else None

    # --- changes ----------------------------------------------------------------------------------------------
    def chdir(self, path: str) -> bool:
        parts = self.parts_of(path)
        if self.folder_at(parts) is None:
            return False
        self.cwd = parts
        return True

    def read_text(self, path: str) -> str | None:
        node = self.resolve(path)
        return node.text if isinstance(node, VFile) else None

    def write_text(self, path: str, text: str, when: dt.datetime) -> VFile | None:
        """Create or replace a text file; None when the folder is missing or the name is not a DOS name."""
        parts = self.parts_of(path)
        if not parts or name_problem(parts[-1]) is not None:
            return None
        folder = self.folder_at(parts[:-1])
        if folder is None:
            return None
        existing = folder.children.get(parts[-1])
        if isinstance(existing, VFolder):
            return None
        if isinstance(existing, VFile) and existing.text is None:
            return None
        node = VFile(parts[-1], when, text=text)
        folder.children[parts[-1]] = node
        return node

    # --- space ------------------------------------------------------------------------------------------------
    def used_bytes(self) -> int:
        def total(folder: VFolder) -> int:
            return sum(total(c) if isinstance(c, VFolder) else _clusters(c.size) for c in folder.children.values())
        return total(self.root)

    def free_bytes(self) -> int:
        return max(0, self.disk_bytes - self.used_bytes() - self.disk_bytes // 3)

    # --- visitor hygiene --------------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return Snapshot(copy.deepcopy(self.root), self.cwd)

    def restore(self, snapshot: Snapshot) -> None:
        self.root = copy.deepcopy(snapshot.root)
        self.cwd = snapshot.cwd

    def fingerprint(self) -> tuple[object, ...]:
        """Everything a visitor could change, as comparable data (tests use it to prove a reset)."""
        def walk(folder: VFolder) -> tuple[object, ...]:
            return tuple((name, walk(c) if isinstance(c, VFolder) else (c.text, c.program, c.size, c.modified))
                         for name, c in folder.children.items())
        return walk(self.root), self.cwd


def _clusters(size: int, cluster: int = 8192) -> int:
    return -(-size // cluster) * cluster if size else 0
