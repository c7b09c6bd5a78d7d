"""A DOS-like command interpreter over the virtual drive, printing to the text screen.

It knows DIR, CD, TYPE, CLS, VER, HELP, MEM, DATE, TIME, EDIT, ECHO and running programs by name (with or
without .EXE/.COM, from the current folder or the PATH), and answers mistakes with the messages DOS printed.
Programs are not run here: the shell leaves a `LaunchRequest` for the machine to pick up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from . import dosformat as fmt
from .dosnames import split_name
from .keyboard import KeyEvent
from .model import ContentModel
from .shell_files import FileCommands
from .textscreen import TextScreen
from .vfs import DriveNotReady, VFile, VFolder, VirtualFS

INTERNAL = ("CHDIR", "CD", "DIR", "TYPE", "CLS", "VER", "HELP", "MEM", "DATE", "TIME", "EDIT", "ECHO", "EXIT")
EXECUTABLE = (".COM", ".EXE", ".BAT")
MAX_INPUT = 120
HISTORY_SIZE = 40


@dataclass(frozen=True)
class LaunchRequest:
    program: str
    exe: str
    file: str | None = None


def era_now(clock: Callable[[], dt.datetime], era_year: int) -> dt.datetime:
    """The host's date and time moved into the machine's year (29 February becomes the 28th)."""
    now = clock()
    try:
        return now.replace(year=era_year)
    except ValueError:
        return now.replace(year=era_year, day=28)


class Shell(FileCommands):
    """The C:\\> prompt: line editing, history, commands, paged output."""

    def __init__(self, screen: TextScreen, vfs: VirtualFS, content: ContentModel, lang: str,
                 clock: Callable[[], dt.datetime]) -> None:
        self.screen = screen
        self.vfs = vfs
        self.content = content
        self.texts = content.texts
        self.lang = lang
        self.clock = clock
        self.offset = dt.timedelta()
        self.history: list[str] = []
        self._history_pos = 0
        self.line = ""
        self.mode = "prompt"  # prompt | date | time | drive | more
        self._input_start = (0, 0)
        self._input_cells = 0
        self._pending: list[str] = []
        self._drive = ""
        self.launch: LaunchRequest | None = None
        self.sounds: list[str] = []

    # --- helpers ------------------------------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return str(getattr(self.texts, key).pick(self.lang)).format(**values)

    def now(self) -> dt.datetime:
        return era_now(self.clock, self.content.machine.era_year) + self.offset

    def out(self, text: str = "") -> None:
        self.screen.writeln(text)

    def take_launch(self) -> LaunchRequest | None:
        request, self.launch = self.launch, None
        return request

    # --- prompt and line editing ----------------------------------------------------------------------------
    def prompt(self, blank_line: bool = True) -> None:
        if self.screen.cursor_col != 0:
            self.screen.newline()
        if blank_line:
            self.screen.newline()
        self.mode = "prompt"
        self.screen.write(f"{self.vfs.cwd_path()}>")
        self._begin_input()

    def _begin_input(self) -> None:
        self.line = ""
        self._input_start = (self.screen.cursor_col, self.screen.cursor_row)
        self._input_cells = 0
        self._history_pos = len(self.history)
        self.screen.cursor_visible = True

    def _show_input(self) -> None:
        screen = self.screen
        col, row = self._input_start
        needed = (col + len(self.line)) // screen.cols
        overflow = row + needed - (screen.rows - 1)
        if overflow > 0:
            screen.scroll_up(overflow)
            row -= overflow
            self._input_start = (col, row)
        cells = max(self._input_cells, len(self.line))
        for i in range(cells + 1):
            position = col + i
            ch = self.line[i] if i < len(self.line) else " "
            screen.put(position % screen.cols, row + position // screen.cols, ch)
        self._input_cells = len(self.line)
        end = col + len(self.line)
        screen.set_cursor(end % screen.cols, row + end // screen.cols)

    def _set_line(self, text: str) -> None:
        self.line = text[:MAX_INPUT]
        self._show_input()

    def handle_key(self, event: KeyEvent) -> None:
        if self.mode == "more":
            self._flush_pending()
            return
        if self.mode == "drive":
            self._drive_answer(event)
            return
        if event.key == "ENTER":
            self._submit()
        elif event.key == "BACKSPACE":
            self._set_line(self.line[:-1])
        elif event.key == "ESC":
            self._set_line("")
        elif event.key == "UP" and self.mode == "prompt" and self.history:
            self._history_pos = max(0, self._history_pos - 1)
            self._set_line(self.history[self._history_pos])
        elif event.key == "DOWN" and self.mode == "prompt" and self.history:
            self._history_pos = min(len(self.history), self._history_pos + 1)
            self._set_line(self.history[self._history_pos] if self._history_pos < len(self.history) else "")
        elif event.text and not event.ctrl and not event.alt:
            if len(self.line) + len(event.text) > MAX_INPUT:
                self.sounds.append("beep")
            else:
                self._set_line(self.line + event.text)

    def type_text(self, text: str) -> None:
        """Type characters as if keyed (tests and scripted demos)."""
        for ch in text:
            self.handle_key(KeyEvent("CHAR", ch))

    def _submit(self) -> None:
        line, mode = self.line, self.mode
        end = self._input_start[0] + len(line)
        self.screen.set_cursor(end % self.screen.cols, self._input_start[1] + end // self.screen.cols)
        self.screen.newline()
        if mode == "date":
            self._answer_date(line)
        elif mode == "time":
            self._answer_time(line)
        else:
            self.execute(line)

    # --- commands -----------------------------------------------------------------------------------------
    def execute(self, line: str) -> None:
        """Run one command line and show the next prompt (unless a program or a question takes over)."""
        text = line.strip()
        if not text:
            self.prompt(blank_line=False)
            return
        if not self.history or self.history[-1] != text:
            self.history = (self.history + [text])[-HISTORY_SIZE:]
        name, rest = self._split_command(text)
        try:
            handler = getattr(self, f"cmd_{name.lower()}", None) if name else None
            finished = handler(rest) if handler else self._run_external(text)
        except DriveNotReady as exc:
            finished = self._no_drive(exc.drive)
        if finished and self.mode == "prompt" and self.launch is None:
            self.prompt(blank_line=name not in ("CLS",))

    @staticmethod
    def _split_command(text: str) -> tuple[str, str]:
        upper = text.upper()
        if len(upper) == 2 and upper[1] == ":":
            return "DRIVE", upper[0]
        for name in INTERNAL:
            if upper.startswith(name):
                rest = text[len(name):]
                if not rest or rest[0] in " \t/\\" or set(rest.strip()) <= {"."} and rest.startswith("."):
                    return name, rest.strip()
        return "", text

    def _no_drive(self, drive: str) -> bool:
        if drive in "AB":
            self._drive = drive
            self.out(self.t("not_ready", drive=drive))
            self.screen.write(self.t("abort_retry_fail"))
            self.mode = "drive"
            return False
        self.out(self.t("invalid_drive"))
        return True

    def _drive_answer(self, event: KeyEvent) -> None:
        if event.key == "R":
            self.screen.newline()
            self._no_drive(self._drive)
        elif event.key in ("A", "F", "ESC"):
            self.screen.write(event.key if event.key != "ESC" else "")
            self.mode = "prompt"
            self.prompt()

    def cmd_drive(self, drive: str) -> bool:
        if drive != "C":
            return self._no_drive(drive)
        return True

    def cmd_cls(self, rest: str) -> bool:
        self.screen.clear()
        return True

    def cmd_ver(self, rest: str) -> bool:
        self.out()
        self.out(self.content.machine.dos_version.pick(self.lang))
        return True

    def cmd_echo(self, rest: str) -> bool:
        self.out(rest if rest else "ECHO is on")
        return True

    def cmd_exit(self, rest: str) -> bool:
        return True

    def cmd_help(self, rest: str) -> bool:
        self.out(self.t("help_title"))
        self.out()
        for item in self.texts.help:
            self.out(f"  {item.command:<8} {item.text.pick(self.lang)}")
        self.out()
        self.out(self.t("help_footer"))
        return True

    def cmd_mem(self, rest: str) -> bool:
        ram = self.content.machine.ram_kb
        conv, conv_used = 640, 47
        ext = max(0, ram - 1024)
        ext_used = min(ext, 64)
        n = fmt.number
        values = {"conv": n(conv, self.lang), "conv_used": n(conv_used, self.lang),
                  "conv_free": n(conv - conv_used, self.lang), "ext": n(ext, self.lang),
                  "ext_used": n(ext_used, self.lang), "ext_free": n(ext - ext_used, self.lang),
                  "total": n(conv + ext, self.lang), "used": n(conv_used + ext_used, self.lang),
                  "free": n(conv + ext - conv_used - ext_used, self.lang)}
        self.out()
        for row in self.t("mem_table", **values).splitlines():
            self.out(row)
        return True

    def cmd_cd(self, rest: str) -> bool:
        if not rest:
            self.out(self.vfs.cwd_path())
        elif not self.vfs.chdir(rest):
            self.out(self.t("invalid_directory"))
        return True

    cmd_chdir = cmd_cd

    def cmd_date(self, rest: str) -> bool:
        now = self.now()
        shown = f"{fmt.weekday(now.date(), self.texts, self.lang)} {fmt.date(now.date(), self.lang, True)}"
        self.out(self.t("current_date", date=shown))
        if rest:
            self._answer_date(rest)
            return False
        self.screen.write(self.t("enter_date"))
        self.mode = "date"
        self._begin_input()
        return False

    def _answer_date(self, text: str) -> None:
        if text.strip():
            day = fmt.parse_date(text, self.lang)
            if day is None:
                self.out(self.t("invalid_date"))
                self.screen.write(self.t("enter_date"))
                self.mode = "date"
                self._begin_input()
                return
            now = self.now()
            self.offset += dt.datetime.combine(day, now.time()) - now
        self.prompt()

    def cmd_time(self, rest: str) -> bool:
        self.out(self.t("current_time", time=fmt.time(self.now(), self.lang, seconds=True).strip()))
        if rest:
            self._answer_time(rest)
            return False
        self.screen.write(self.t("enter_time"))
        self.mode = "time"
        self._begin_input()
        return False

    def _answer_time(self, text: str) -> None:
        if text.strip():
            moment = fmt.parse_time(text)
            if moment is None:
                self.out(self.t("invalid_time"))
                self.screen.write(self.t("enter_time"))
                self.mode = "time"
                self._begin_input()
                return
            now = self.now()
            self.offset += dt.datetime.combine(now.date(), moment) - now.replace(microsecond=0)
        self.prompt()

    def cmd_edit(self, rest: str) -> bool:
        file = rest.split()[0] if rest.split() else None
        if file is not None:
            node = self.vfs.resolve(file)
            if isinstance(node, VFolder) or (isinstance(node, VFile) and node.text is None):
                self.out(self.t("access_denied"))
                return True
            file = self.vfs.format_path(self.vfs.parts_of(file))
        self.launch = LaunchRequest("editor", "C:\\DOS\\EDIT.COM", file)
        return True

    # --- programs -----------------------------------------------------------------------------------------
    def find_program(self, command: str) -> tuple[str, VFile] | None:
        """Path and file a typed command runs: the current folder first, then each PATH folder."""
        has_folder = "\\" in command or "/" in command or ":" in command
        _, ext = split_name(command.replace("/", "\\").rpartition("\\")[2])
        names = [command] if ext else [command + e for e in EXECUTABLE]
        folders = [""] if has_folder else ["", *self.content.machine.path]
        for folder in folders:
            for name in names:
                path = f"{folder}\\{name}" if folder else name
                node = self.vfs.resolve(path)
                if isinstance(node, VFile) and node.name.endswith(EXECUTABLE):
                    return self.vfs.format_path(self.vfs.parts_of(path)), node
        return None

    def _run_external(self, text: str) -> bool:
        command, _, args = text.partition(" ")
        found = self.find_program(command)
        if found is None:
            self.out(self.t("bad_command"))
            return True
        path, node = found
        if node.program is None:
            self.out(self.t("not_executable"))
            return True
        argument = args.strip().split()[0] if args.strip() else None
        if argument is not None and node.program in ("editor", "viewer"):
            argument = self.vfs.format_path(self.vfs.parts_of(argument))
        self.launch = LaunchRequest(node.program, path, argument or node.opens)
        return True
