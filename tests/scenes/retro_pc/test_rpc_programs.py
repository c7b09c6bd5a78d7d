"""File manager, editor, viewer and dialer driven by keys and taps; crashes end with DOS's message."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from scenes.retro_pc.commander import LIST_TOP, Commander
from scenes.retro_pc.editor import Editor
from scenes.retro_pc.keyboard import KeyEvent
from scenes.retro_pc.machine import RetroMachine
from scenes.retro_pc.model import ContentModel

from .conftest import MachineFactory, press


def open_nc(make_machine: MachineFactory, lang: str = "en") -> tuple[RetroMachine, Commander]:
    m = make_machine(lang)
    m.type_command("NC")
    assert isinstance(m.program, Commander)
    return m, m.program


def row_of(m: RetroMachine, name: str) -> int:
    found = m.screen.find(name)
    assert found is not None, name
    return found[1]


def test_commander_shows_both_panels_and_key_bar(make_machine: MachineFactory) -> None:
    m, _ = open_nc(make_machine)
    text = m.screen.text()
    assert text.count("GAMES") == 2 and "►SUB-DIR◄" in text
    assert m.screen.row_text(24).startswith("1Help")
    assert "10Quit" in m.screen.row_text(24)
    assert m.screen.char_at(0, 0) == "╔"


def test_commander_opens_a_folder_and_a_file_with_keys(make_machine: MachineFactory) -> None:
    m, nc = open_nc(make_machine)
    names = [n.name for n in nc.entries(nc.panel)]
    press(m, *["DOWN"] * names.index("GAMES"), "ENTER")
    assert nc.panel.parts == ("GAMES",)
    assert "C:\\GAMES" in m.screen.row_text(0)
    names = [n.name for n in nc.entries(nc.panel)]
    press(m, *["DOWN"] * names.index("HISTORY.TXT"), "ENTER")
    assert m.keyset_name == "viewer"
    assert "About games." in m.screen.text()
    press(m, "ESC")
    assert m.program is nc and "C:\\GAMES" in m.screen.row_text(0)
    press(m, "HOME", "ENTER")  # '..' goes back up, the cursor stays on the folder we left
    selected = nc.selected()
    assert nc.panel.parts == () and selected is not None and selected.name == "GAMES"


def test_commander_tap_selects_and_double_tap_opens(make_machine: MachineFactory) -> None:
    m, nc = open_nc(make_machine)
    row = row_of(m, "README   TXT")
    m.tap_cell(5, row)
    selected = nc.selected()
    assert selected is not None and selected.name == "README.TXT"
    assert m.program is nc
    m.update(0.1)
    m.tap_cell(6, row)
    assert m.keyset_name == "viewer" and "Read me." in m.screen.text()


def test_commander_taps_are_not_double_when_slow_and_f_keys_tap(make_machine: MachineFactory) -> None:
    m, nc = open_nc(make_machine)
    row = row_of(m, "README   TXT")
    m.tap_cell(5, row)
    m.update(1.0)
    m.tap_cell(5, row)
    assert m.program is nc
    m.tap_cell(3 * 8 + 2, 24)  # '4Edit' on the key bar
    assert isinstance(m.program, Editor) and not m.program.readonly
    press(m, "ESC")
    m.tap_cell(60, LIST_TOP)  # the right panel becomes active
    assert nc.active == 1
    press(m, "TAB")
    assert nc.active == 0
    press(m, "F8")
    assert "Disabled on the exhibition PC" in m.screen.text()
    press(m, "SPACE")
    assert "Disabled" not in m.screen.text()
    press(m, "F10")
    assert m.state == "shell"


def test_commander_runs_programs_and_leaves_dos_in_its_folder(make_machine: MachineFactory) -> None:
    m, nc = open_nc(make_machine)
    press(m, *["DOWN"] * [n.name for n in nc.entries(nc.panel)].index("GAMES"), "ENTER")
    press(m, *["DOWN"] * [n.name for n in nc.entries(nc.panel)].index("BLOCKS.EXE"), "ENTER")
    assert m.keyset_name == "blocks"
    press(m, "ESC")
    assert m.program is nc
    press(m, "F10")
    assert m.vfs.cwd_path() == "C:\\GAMES" and m.screen.text().rstrip().endswith("C:\\GAMES>")


def test_editor_types_saves_and_the_file_changes(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("EDIT README.TXT")
    press(m, "END")
    for ch in " OK":
        m.handle_key(KeyEvent("CHAR", ch))
    press(m, "ENTER")
    for ch in "line 2":
        m.handle_key(KeyEvent("CHAR", ch))
    assert "*modified*" in m.screen.row_text(0)
    press(m, "F2")
    assert m.vfs.read_text("C:\\README.TXT") == "Read me. OK\nline 2\n"
    assert "Saved: README.TXT" in m.screen.text()
    press(m, "ESC")
    assert m.state == "shell"
    m.type_command("TYPE README.TXT")
    assert "Read me. OK" in m.screen.text()


def test_editor_asks_before_losing_changes_and_names_new_files(make_machine: MachineFactory) -> None:
    m = make_machine("ru")
    m.type_command("EDIT")
    for ch in "Привет":
        m.handle_key(KeyEvent("CHAR", ch))
    press(m, "ESC")
    assert "Сохранить изменения?" in m.screen.text()
    m.handle_key(KeyEvent("L", "д"))
    assert "Имя файла:" in m.screen.text()
    for ch in "заметка.txt":
        m.handle_key(KeyEvent("CHAR", ch))
    press(m, "ENTER")
    assert m.vfs.read_text("C:\\ЗАМЕТКА.TXT") == "Привет\n"
    press(m, "ESC")
    assert m.state == "shell"
    m.type_command("DIR")
    assert "ЗАМЕТКА  TXT" in m.screen.text()


def test_editor_cursor_keys_backspace_and_taps(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("EDIT README.TXT")
    editor = m.program
    assert isinstance(editor, Editor)
    press(m, "RIGHT", "RIGHT", "BACKSPACE")
    assert editor.lines[0] == "Rad me."
    press(m, "HOME", "DEL")
    assert editor.lines[0] == "ad me."
    m.tap_cell(3, 1)
    assert (editor.row, editor.col) == (0, 3)
    assert (m.screen.cursor_col, m.screen.cursor_row) == (3, 1)


def test_viewer_is_read_only(make_machine: MachineFactory) -> None:
    m = make_machine()
    before = m.vfs.read_text("C:\\README.TXT")
    m.type_command("README")
    assert m.keyset_name == "viewer" and "Read me." in m.screen.text()
    m.handle_key(KeyEvent("CHAR", "x"))
    press(m, "F2", "ESC")
    assert m.vfs.read_text("C:\\README.TXT") == before == "Read me."
    assert m.state == "shell"


def test_dialer_connects_then_asks_for_the_browser(make_machine: MachineFactory,
                                                  real_content: ContentModel) -> None:
    m = make_machine("en", content=real_content)
    m.type_command("DIALER")
    assert m.keyset_name == "dialer"
    for _ in range(30):
        m.update(0.1)
    assert "ATDT2345678" in m.screen.text() and "dial" in m.drain_sounds()
    assert not m.browser_requested
    for _ in range(60):
        m.update(0.1)
    assert "CONNECT 14400" in m.screen.text() and m.browser_requested
    press(m, "ESC")
    assert m.state == "shell"


def test_a_crashing_program_returns_to_the_prompt(make_machine: MachineFactory,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    m = make_machine()
    m.type_command("GAMES\\BLOCKS")

    def boom(dt: float) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(m.program, "update", boom)
    m.update(0.1)
    assert m.state == "shell"
    assert "Abnormal program termination" in m.screen.text()
    m.type_command("VER")
    assert "6.22" in m.screen.text()


def test_commander_screen_picture(make_machine: MachineFactory, tmp_path: Path) -> None:
    m, _ = open_nc(make_machine, "ru")
    frame = m.frame()
    pygame.image.save(frame, "/tmp/retro_pc_commander.png")
    # the panel background is CGA blue, the key bar has cyan cells
    assert frame.get_at((200, 150))[:3] == (0, 0, 170)
    assert frame.get_at((9 * 3 + 4, 24 * 16 + 8))[:3] == (0, 170, 170)
