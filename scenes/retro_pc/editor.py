"""A full-screen text editor in the manner of the Lexicon era (our own drawing), and its read-only viewer.

Title line on top (file, line/column, modified mark), text in the middle, F-key line at the bottom: F1 help,
F2 save to the virtual drive, Esc or F10 quit (asking to save changes). Taps move the cursor or press F-keys.
"""

from __future__ import annotations

from .dosnames import name_problem, to_83
from .keyboard import KeyEvent
from .program import Program, ProgramContext, fkey_bar
from .textscreen import Color, attr

TEXT_TOP = 1
TAB_WIDTH = 8


class Editor(Program):
    keyset = "editor"

    def __init__(self, ctx: ProgramContext, file: str | None = None, readonly: bool = False) -> None:
        super().__init__(ctx, file)
        self.readonly = readonly
        text = ctx.vfs.read_text(file) if file else None
        self.lines: list[str] = (text or "").rstrip("\n").split("\n")
        self.row = 0
        self.col = 0
        self.top = 0
        self.left = 0
        self.modified = False
        self.message = ""
        self.asking: str | None = None  # None | "save" | "name"
        self.answer = ""
        self._fkeys: list[tuple[int, int, str]] = []

    # --- geometry -----------------------------------------------------------------------------------------
    @property
    def text_rows(self) -> int:
        return self.screen.rows - 2

    @property
    def title(self) -> str:
        return self.file.rpartition("\\")[2] if self.file else "NONAME.TXT"

    def _keep_cursor_visible(self) -> None:
        self.row = max(0, min(self.row, len(self.lines) - 1))
        self.col = max(0, min(self.col, len(self.lines[self.row])))
        if self.readonly:
            self.top = max(0, min(self.top, max(0, len(self.lines) - self.text_rows)))
            return
        if self.row < self.top:
            self.top = self.row
        if self.row >= self.top + self.text_rows:
            self.top = self.row - self.text_rows + 1
        if self.col < self.left:
            self.left = max(0, self.col - 10)
        if self.col >= self.left + self.screen.cols - 1:
            self.left = self.col - self.screen.cols + 11

    # --- drawing ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.screen.clear(attr(Color.WHITE, Color.BLUE))
        self.draw()

    def draw(self) -> None:
        screen = self.screen
        self._keep_cursor_visible()
        body = attr(Color.WHITE, Color.BLUE)
        for i in range(self.text_rows):
            index = self.top + i
            text = self.lines[index][self.left:self.left + screen.cols] if index < len(self.lines) else ""
            screen.put(0, TEXT_TOP + i, text.ljust(screen.cols), body)
        bar = attr(Color.BLACK, Color.CYAN)
        status = self.ctx.t("editor_status", line=self.row + 1, col=self.col + 1)
        if self.readonly:
            status = f"{self.ctx.t('editor_readonly')}   {self.row + 1}/{len(self.lines)}"
        mark = self.ctx.t("editor_modified") if self.modified else ""
        title = f" {self.title}  {mark}"
        screen.put(0, 0, title.ljust(screen.cols - len(status) - 1) + status + " ", bar)
        if self.asking or self.message:
            prompt = self._question() if self.asking else self.message
            screen.put(0, screen.rows - 1, f" {prompt}"[:screen.cols].ljust(screen.cols), attr(Color.YELLOW, Color.RED))
            self._fkeys = []
        else:
            labels = self.ctx.labels("editor_keys")
            if self.readonly:
                labels = [labels[0], ""] + labels[2:]
            self._fkeys = fkey_bar(screen, screen.rows - 1, labels, attr(Color.WHITE, Color.BLACK), bar)
        if self.asking == "name":
            screen.set_cursor(len(self._question()) + 1, screen.rows - 1)
        else:
            screen.set_cursor(self.col - self.left, TEXT_TOP + self.row - self.top)
        screen.cursor_visible = not self.readonly or self.asking is not None

    def _question(self) -> str:
        if self.asking == "name":
            return f"{self.ctx.t('editor_name_prompt')}{self.answer}"
        return self.ctx.t("editor_save_prompt")

    # --- keys ---------------------------------------------------------------------------------------------
    def handle_key(self, event: KeyEvent) -> None:
        self.message = ""
        if self.asking:
            self._answer(event)
        elif event.key in ("ESC", "F10"):
            self._quit()
        elif event.key == "F1":
            self.message = self.ctx.t("editor_help")
        elif event.key == "F2" and not self.readonly:
            self.save()
        elif not self._move(event) and not self.readonly:
            self._edit(event)
        if not self.finished:
            self.draw()

    def _move(self, event: KeyEvent) -> bool:
        key, page = event.key, self.text_rows - 1
        if self.readonly and key in ("UP", "DOWN", "PGUP", "PGDN", "HOME", "END"):
            delta = {"UP": -1, "DOWN": 1, "PGUP": -page, "PGDN": page, "HOME": -len(self.lines),
                     "END": len(self.lines)}[key]
            self.top += delta
            self.row = self.top
            return True
        if key == "UP":
            self.row -= 1
        elif key == "DOWN":
            self.row += 1
        elif key == "PGUP":
            self.row -= page
            self.top = max(0, self.top - page)
        elif key == "PGDN":
            self.row += page
            self.top += page
        elif key == "HOME":
            self.col = 0
        elif key == "END":
            self.col = len(self.lines[self.row])
        elif key == "LEFT":
            if self.col > 0:
                self.col -= 1
            elif self.row > 0:
                self.row -= 1
                self.col = len(self.lines[self.row])
        elif key == "RIGHT":
            if self.col < len(self.lines[self.row]):
                self.col += 1
            elif self.row < len(self.lines) - 1:
                self.row, self.col = self.row + 1, 0
        else:
            return False
        self.row = max(0, min(self.row, len(self.lines) - 1))
        self.col = min(self.col, len(self.lines[self.row]))
        return True

    def _edit(self, event: KeyEvent) -> None:
        line = self.lines[self.row]
        if event.key == "ENTER":
            self.lines[self.row:self.row + 1] = [line[:self.col], line[self.col:]]
            self.row, self.col = self.row + 1, 0
        elif event.key == "BACKSPACE":
            if self.col > 0:
                self.lines[self.row] = line[:self.col - 1] + line[self.col:]
                self.col -= 1
            elif self.row > 0:
                self.col = len(self.lines[self.row - 1])
                self.lines[self.row - 1:self.row + 1] = [self.lines[self.row - 1] + line]
                self.row -= 1
            else:
                return
        elif event.key == "DEL":
            if self.col < len(line):
                self.lines[self.row] = line[:self.col] + line[self.col + 1:]
            elif self.row < len(self.lines) - 1:
                self.lines[self.row:self.row + 2] = [line + self.lines[self.row + 1]]
            else:
                return
        elif event.key == "TAB":
            spaces = TAB_WIDTH - self.col % TAB_WIDTH
            self.lines[self.row] = line[:self.col] + " " * spaces + line[self.col:]
            self.col += spaces
        elif event.text and not event.ctrl and not event.alt:
            self.lines[self.row] = line[:self.col] + event.text + line[self.col:]
            self.col += len(event.text)
        else:
            return
        self.modified = True

    def _quit(self) -> None:
        if self.modified and not self.readonly:
            self.asking = "save"
        else:
            self.finished = True

    def _answer(self, event: KeyEvent) -> None:
        if event.key == "ESC":
            self.asking = None
        elif self.asking == "save":
            if event.text.lower() in ("y", "д"):
                self.asking = None
                if self.save():
                    self.finished = True
            elif event.text.lower() in ("n", "н"):
                self.asking = None
                self.finished = True
        elif event.key == "ENTER":
            problem = name_problem(to_83(self.answer.strip()))
            if problem:
                self.message = problem[:self.screen.cols - 2]
                return
            folder = self.ctx.vfs.cwd_path().rstrip("\\")
            self.file = f"{folder}\\{to_83(self.answer.strip())}"
            self.asking = None
            self.save()
        elif event.key == "BACKSPACE":
            self.answer = self.answer[:-1]
        elif event.text and len(self.answer) < 12:
            self.answer += event.text

    def save(self) -> bool:
        """Write the text to the virtual drive; asks for a name first when the file has none."""
        if self.file is None:
            self.asking, self.answer = "name", ""
            return False
        written = self.ctx.vfs.write_text(self.file, "\n".join(self.lines) + "\n", self.ctx.now())
        if written is None:
            self.message = self.ctx.t("access_denied")
            return False
        self.modified = False
        self.message = self.ctx.t("editor_saved", name=self.title)
        return True

    # --- touch --------------------------------------------------------------------------------------------
    def tap_cell(self, col: int, row: int, double: bool = False) -> None:
        if row == self.screen.rows - 1:
            for start, end, key in self._fkeys:
                if start <= col < end:
                    self.handle_key(KeyEvent(key))
                    return
            return
        if TEXT_TOP <= row < TEXT_TOP + self.text_rows and not self.asking:
            self.row = min(len(self.lines) - 1, self.top + row - TEXT_TOP)
            self.col = min(len(self.lines[self.row]), self.left + col)
            self.draw()


class Viewer(Editor):
    """The README viewer and the file manager's F3: the editor without editing."""

    keyset = "viewer"

    def __init__(self, ctx: ProgramContext, file: str | None = None) -> None:
        super().__init__(ctx, file, readonly=True)
