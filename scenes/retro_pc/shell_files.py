"""DIR and TYPE: the interpreter's commands that read the drive and print listings and files.

Kept apart from the line editing and the command dispatch in shell.py; mixed into `Shell`.
"""

from __future__ import annotations

from . import dosformat as fmt
from .dosnames import matches
from .model import ContentModel
from .texts import SystemTexts
from .textscreen import TextScreen
from .vfs import VFile, VFolder, VirtualFS, VNode

PAGE_LINES = 24


class FileCommands:
    """DIR (with /W, wildcards, sizes, free space) and TYPE (with | MORE paging)."""

    screen: TextScreen
    vfs: VirtualFS
    content: ContentModel
    texts: SystemTexts
    lang: str
    mode: str
    _pending: list[str]

    def t(self, key: str, **values: object) -> str:
        raise NotImplementedError

    def out(self, text: str = "") -> None:
        raise NotImplementedError

    def prompt(self, blank_line: bool = True) -> None:
        raise NotImplementedError

    def cmd_type(self, rest: str) -> bool:
        target, _, pipe = rest.partition("|")
        target = target.strip()
        if not target:
            self.out(self.t("required_parameter"))
            return True
        if " " in target:
            self.out(self.t("too_many_parameters"))
            return True
        node = self.vfs.resolve(target)
        if isinstance(node, VFolder):
            self.out(self.t("access_denied"))
            return True
        if not isinstance(node, VFile):
            self.out(f"{self.t('file_not_found')} - {target.upper()}")
            return True
        text = node.text if node.text is not None else _binary_noise(node.name, node.size)
        lines = text.rstrip("\n").split("\n")
        if pipe.strip().upper() == "MORE":
            self._pending = lines
            self._flush_pending()
            return False
        for row in lines:
            self.out(row)
        return True

    def _flush_pending(self) -> None:
        if self.mode == "more":
            self.screen.write("\r" + " " * (self.screen.cols - 1) + "\r")
        page, self._pending = self._pending[:PAGE_LINES - 1], self._pending[PAGE_LINES - 1:]
        for row in page:
            self.out(row)
        if self._pending:
            self.mode = "more"
            self.screen.write(self.t("more_prompt"))
        else:
            self.mode = "prompt"
            self.prompt()

    def cmd_dir(self, rest: str) -> bool:
        switches = [part for part in rest.replace("/", " /").split() if part.startswith("/")]
        args = [part for part in rest.replace("/", " /").split() if not part.startswith("/")]
        for switch in switches:
            if switch.upper() not in ("/W", "/P"):
                self.out(self.t("invalid_switch", switch=switch[1:].upper()))
                return True
        if len(args) > 1:
            self.out(self.t("too_many_parameters"))
            return True
        folder_parts, pattern = self._dir_target(args[0] if args else "")
        folder = self.vfs.folder_at(folder_parts) if folder_parts is not None else None
        machine = self.content.machine
        self.out()
        self.out(" " + self.t("volume_in_drive", label=machine.volume_label))
        self.out(" " + self.t("volume_serial", serial=machine.volume_serial))
        if folder is None or folder_parts is None:
            self.out(self.t("file_not_found"))
            return True
        self.out(" " + self.t("directory_of", path=self.vfs.format_path(folder_parts)))
        self.out()
        nodes: list[VNode] = []
        if folder_parts and pattern in ("*.*", "*"):
            dots = [VFolder(".", folder.modified), VFolder("..", folder.modified)]
            nodes.extend(dots)
        nodes.extend(n for n in folder.entries() if matches(pattern, n.name))
        if not nodes:
            self.out(self.t("file_not_found"))
            return True
        if any(s.upper() == "/W" for s in switches):
            lines = fmt.dir_wide(nodes)
        else:
            lines = [fmt.dir_line(n, self.lang, self.texts) for n in nodes]
        for row in lines:
            self.out(row)
        self.out(self.t("files_total", count=len(nodes), size=fmt.number(fmt.file_total(nodes), self.lang)))
        self.out(self.t("dirs_free", free=fmt.number(self.vfs.free_bytes(), self.lang)))
        return True

    def _dir_target(self, arg: str) -> tuple[tuple[str, ...] | None, str]:
        """(folder parts, wildcard) named by a DIR argument: a folder, a pattern or folder\\pattern."""
        if not arg:
            return self.vfs.cwd, "*.*"
        parts = self.vfs.parts_of(arg)
        if "*" not in arg and "?" not in arg and self.vfs.folder_at(parts) is not None:
            return parts, "*.*"
        text, drive = arg.replace("/", "\\"), ""
        if len(text) >= 2 and text[1] == ":":
            drive, text = text[:2], text[2:]
        head, separator, last = text.rpartition("\\")
        folder_parts = self.vfs.parts_of(drive + (head or separator))
        if not last:
            return folder_parts, "*.*"
        return folder_parts, last if "." in last else f"{last}.*"


def _binary_noise(name: str, size: int) -> str:
    """What TYPE shows for a program: a few bytes of machine code seen as CP866 characters."""
    seed = sum(name.encode("utf-8"))
    chars = "MZ" + "".join(chr(0x2500 + (seed * (i + 7)) % 0x60) for i in range(min(60, size // 100 + 8)))
    return chars + "\n"
