"""NC.EXE: a two-panel file manager in the Norton Commander tradition (our own drawing in box characters).

Arrows or a tap select, Enter or a double tap opens a folder, runs a program or views a text, Tab switches
panels, F3 views, F4 edits, F10 quits (leaving DOS in the active panel's folder). Functions that would change
the disk wholesale (copy, move, delete) are shown on the key bar, as on the original, but answer with a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dosformat as fmt
from .dosnames import split_name
from .keyboard import KeyEvent
from .program import OpenRequest, Program, ProgramContext, fkey_bar
from .textscreen import Color, attr
from .vfs import VFile, VFolder, VNode

PANEL_W = 40
LIST_TOP = 2
LIST_ROWS = 18
SEPARATOR_ROW = LIST_TOP + LIST_ROWS
STATUS_ROW = SEPARATOR_ROW + 1
BOTTOM_ROW = STATUS_ROW + 1
COMMAND_ROW = BOTTOM_ROW + 1
KEYS_ROW = COMMAND_ROW + 1

FRAME = attr(Color.LIGHT_CYAN, Color.BLUE)
NAMES = attr(Color.LIGHT_CYAN, Color.BLUE)
FOLDERS = attr(Color.WHITE, Color.BLUE)
HEADER = attr(Color.YELLOW, Color.BLUE)
CURSOR = attr(Color.BLACK, Color.CYAN)
TITLE_ACTIVE = attr(Color.BLACK, Color.CYAN)


@dataclass
class Panel:
    parts: tuple[str, ...]
    cursor: int = 0
    top: int = 0


class Commander(Program):
    keyset = "commander"

    def __init__(self, ctx: ProgramContext, file: str | None = None) -> None:
        super().__init__(ctx, file)
        self.panels = [Panel(ctx.vfs.cwd), Panel(())]
        self.active = 0
        self.note: str | None = None
        self._fkeys: list[tuple[int, int, str]] = []

    # --- model --------------------------------------------------------------------------------------------
    def entries(self, panel: Panel) -> list[VNode]:
        folder = self.ctx.vfs.folder_at(panel.parts)
        if folder is None:  # the folder vanished (another program): fall back to the root
            panel.parts, panel.cursor, panel.top = (), 0, 0
            folder = self.ctx.vfs.root
        nodes = sorted(folder.entries(), key=lambda n: (not isinstance(n, VFolder), n.name))
        return ([VFolder("..", folder.modified)] if panel.parts else []) + nodes

    @property
    def panel(self) -> Panel:
        return self.panels[self.active]

    def selected(self) -> VNode | None:
        items = self.entries(self.panel)
        return items[self.panel.cursor] if 0 <= self.panel.cursor < len(items) else None

    def selected_path(self) -> str:
        node = self.selected()
        name = node.name if node else ""
        return self.ctx.vfs.format_path((*self.panel.parts, name))

    def move(self, delta: int) -> None:
        panel = self.panel
        count = len(self.entries(panel))
        panel.cursor = max(0, min(count - 1, panel.cursor + delta))
        if panel.cursor < panel.top:
            panel.top = panel.cursor
        if panel.cursor >= panel.top + LIST_ROWS:
            panel.top = panel.cursor - LIST_ROWS + 1

    def open_selected(self) -> None:
        node = self.selected()
        panel = self.panel
        if isinstance(node, VFolder):
            if node.name == "..":
                left = panel.parts[-1]
                panel.parts = panel.parts[:-1]
                names = [n.name for n in self.entries(panel)]
                panel.cursor, panel.top = (names.index(left) if left in names else 0), 0
                self.move(0)
            else:
                panel.parts, panel.cursor, panel.top = (*panel.parts, node.name), 0, 0
        elif isinstance(node, VFile):
            if node.program is not None:
                self.opens = OpenRequest(node.program, node.opens)
            elif node.text is not None:
                self.opens = OpenRequest("viewer", self.selected_path())
            else:
                self.note = self.ctx.t("not_executable")

    def _open_text(self, program: str) -> None:
        node = self.selected()
        if isinstance(node, VFile) and node.text is not None:
            self.opens = OpenRequest(program, self.selected_path())
        elif node is not None and not (isinstance(node, VFolder) and node.name == ".."):
            self.note = self.ctx.t("access_denied")

    # --- keys and taps ------------------------------------------------------------------------------------
    def handle_key(self, event: KeyEvent) -> None:
        if self.note is not None:
            self.note = None
        elif event.key in ("F10", "ESC"):
            self.ctx.vfs.cwd = self.panel.parts
            self.finished = True
            return
        elif event.key in ("UP", "DOWN", "PGUP", "PGDN", "HOME", "END"):
            steps = {"UP": -1, "DOWN": 1, "PGUP": -(LIST_ROWS - 1), "PGDN": LIST_ROWS - 1, "HOME": -10_000,
                     "END": 10_000}
            self.move(steps[event.key])
        elif event.key in ("TAB", "LEFT", "RIGHT"):
            self.active = 1 - self.active if event.key == "TAB" else int(event.key == "RIGHT")
        elif event.key == "ENTER":
            self.open_selected()
        elif event.key == "F3":
            self._open_text("viewer")
        elif event.key == "F4":
            self._open_text("editor")
        elif event.key == "F1":
            self.note = self.ctx.t("commander_help")
        elif event.key in ("F2", "F5", "F6", "F7", "F8", "F9"):
            self.note = self.ctx.t("not_in_exhibit")
        self.draw()

    def tap_cell(self, col: int, row: int, double: bool = False) -> None:
        if self.note is not None:
            self.note = None
            self.draw()
            return
        if row == KEYS_ROW:
            for start, end, key in self._fkeys:
                if start <= col < end:
                    self.handle_key(KeyEvent(key))
                    return
            return
        if LIST_TOP <= row < LIST_TOP + LIST_ROWS:
            self.active = 0 if col < PANEL_W else 1
            index = self.panel.top + row - LIST_TOP
            if index < len(self.entries(self.panel)):
                self.panel.cursor = index
                if double:
                    self.open_selected()
        self.draw()

    # --- drawing ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.screen.clear(attr(Color.LIGHT_GRAY, Color.BLACK))
        self.screen.cursor_visible = True
        self.draw()

    def draw(self) -> None:
        for index, panel in enumerate(self.panels):
            self._draw_panel(panel, index * PANEL_W, index == self.active)
        prompt = f"{self.ctx.vfs.format_path(self.panel.parts)}>"
        self.screen.put(0, COMMAND_ROW, prompt.ljust(self.screen.cols), attr(Color.LIGHT_GRAY))
        self.screen.set_cursor(len(prompt), COMMAND_ROW)
        self._fkeys = fkey_bar(self.screen, KEYS_ROW, self.ctx.labels("commander_keys"),
                               attr(Color.WHITE, Color.BLACK), attr(Color.BLACK, Color.CYAN))
        if self.note:
            self._draw_note(self.note)

    def _draw_panel(self, panel: Panel, left: int, active: bool) -> None:
        screen = self.screen
        screen.box(left, 0, PANEL_W, BOTTOM_ROW + 1, FRAME, double=True)
        screen.put(left, SEPARATOR_ROW, "╟" + "─" * (PANEL_W - 2) + "╢", FRAME)
        columns = self.ctx.labels("commander_columns")
        widths = (12, 9, 8, 6)
        x = left + 1
        for i, (title, width) in enumerate(zip(columns, widths, strict=False)):
            screen.put(x, 1, f"{title:^{width}}", HEADER)
            if i < 3:
                screen.put(x + width, 0, "╤", FRAME)
                for row in range(1, SEPARATOR_ROW):
                    screen.put(x + width, row, "│", FRAME)
                screen.put(x + width, SEPARATOR_ROW, "┴", FRAME)
            x += width + 1
        items = self.entries(panel)
        for row in range(LIST_ROWS):
            index = panel.top + row
            if index < len(items):
                self._draw_entry(items[index], left, LIST_TOP + row, active and index == panel.cursor)
        path = f" {self.ctx.vfs.format_path(panel.parts)} "[:PANEL_W - 4]
        screen.put(left + (PANEL_W - len(path)) // 2, 0, path, TITLE_ACTIVE if active else FRAME)
        current = items[panel.cursor] if 0 <= panel.cursor < len(items) else None
        info = self._status(current) if current else ""
        screen.put(left + 1, STATUS_ROW, info[:PANEL_W - 2].ljust(PANEL_W - 2), NAMES)

    def _draw_entry(self, node: VNode, left: int, row: int, selected: bool) -> None:
        base, ext = split_name(node.name) if node.name != ".." else ("..", "")
        if isinstance(node, VFolder):
            size = self.ctx.t("commander_updir" if node.name == ".." else "commander_subdir")
        else:
            size = fmt.number(node.size, "en").replace(",", "") if node.size < 10**9 else "big"
        day, clock = fmt.date(node.modified, self.ctx.lang), fmt.time(node.modified, self.ctx.lang)
        cells = [f"{base:<8} {ext:<3}", f"{size:>9}", day, f"{clock:>6}"]
        color = CURSOR if selected else (FOLDERS if isinstance(node, VFolder) else NAMES)
        x = left + 1
        for index, (text, width) in enumerate(zip(cells, (12, 9, 8, 6), strict=True)):
            self.screen.put(x, row, text[:width].ljust(width), color)
            if index < 3:
                self.screen.put(x + width, row, "│", color if selected else FRAME)
            x += width + 1

    def _status(self, node: VNode) -> str:
        if isinstance(node, VFolder):
            label = self.ctx.t("commander_updir" if node.name == ".." else "commander_subdir")
            return f"{node.name:<12} {label}"
        return f"{node.name:<12} {fmt.number(node.size, self.ctx.lang):>11} {fmt.date(node.modified, self.ctx.lang)}"

    def _draw_note(self, text: str) -> None:
        words, lines, line = text.split(), [], ""
        for word in words:
            if len(line) + len(word) + 1 > 52:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        width, height = 58, len(lines) + 4
        left, top = (self.screen.cols - width) // 2, (KEYS_ROW - height) // 2
        box = attr(Color.WHITE, Color.RED)
        self.screen.box(left, top, width, height, box, double=True)
        for i, row in enumerate(lines):
            self.screen.put(left + 3, top + 2 + i, row, box)
