"""The DOS prompt over a small test drive: commands, DOS's error messages, long and Cyrillic names, history."""

from __future__ import annotations

from scenes.retro_pc.keyboard import KeyEvent
from scenes.retro_pc.model import ContentModel
from scenes.retro_pc.shell import MAX_INPUT

from .conftest import MachineFactory, last_output, press


def test_prompt_shows_current_folder_and_cd_moves(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert m.screen.row_text(0).startswith("C:\\>")
    assert last_output(m, "CD GAMES").splitlines()[-1] == "C:\\GAMES>"
    assert last_output(m, "CD").splitlines()[1] == "C:\\GAMES"
    assert last_output(m, "cd..").splitlines()[-1] == "C:\\>"
    m.type_command("cd games")
    assert last_output(m, "CD\\").splitlines()[-1] == "C:\\>"
    assert last_output(m, "CD C:\\GAMES\\..\\DOS").splitlines()[-1] == "C:\\DOS>"


def test_cd_errors_are_dos_messages(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert "Invalid directory" in last_output(m, "CD NOWHERE")
    assert "Invalid directory" in last_output(m, "CD README.TXT")
    assert m.vfs.cwd_path() == "C:\\"
    ru = make_machine("ru")
    assert "Неверный каталог" in last_output(ru, "CD НИГДЕ")


def test_unknown_command_and_data_files(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert last_output(m, "WIN").splitlines()[1] == "Bad command or file name"
    assert "Bad command or file name" in last_output(m, "README.TXT")
    assert "does not run" in last_output(m, "FORMAT C:")
    assert "Неверная команда или имя файла" in last_output(make_machine("ru"), "ФОРМАТ")


def test_dir_lists_sizes_dates_and_free_space(make_machine: MachineFactory) -> None:
    m = make_machine()
    text = last_output(m, "DIR GAMES")
    assert "Volume in drive C is" in text
    assert "Directory of C:\\GAMES" in text
    assert any(line.startswith("BLOCKS   EXE") and "48,210" in line for line in text.splitlines())
    assert any(line.startswith(".") and "<DIR>" in line for line in text.splitlines())
    assert "4 file(s)" in text and "bytes free" in text
    root = last_output(m, "DIR")
    assert "<DIR>" in root and ".  " not in root.split("Directory of")[1].splitlines()[2][:3]


def test_dir_in_russian_uses_country_7_formats(make_machine: MachineFactory) -> None:
    text = last_output(make_machine("ru"), "DIR GAMES")
    assert "Содержимое каталога C:\\GAMES" in text
    assert "48 210" in text and "байт свободно" in text
    assert any("<КАТ>" in line for line in text.splitlines())


def test_dir_wildcards_switches_and_errors(make_machine: MachineFactory) -> None:
    m = make_machine()
    text = last_output(m, "DIR *.TXT")
    assert "README   TXT" in text and "README   EXE" not in text
    assert "README   EXE" in last_output(m, "DIR README")
    assert "[GAMES]" in last_output(m, "DIR /W")
    assert "Invalid switch - X" in last_output(m, "DIR /X")
    assert "File not found" in last_output(m, "DIR *.ZIP")
    assert "File not found" in last_output(m, "DIR NOWHERE\\")


def test_type_shows_text_and_reports_errors(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert "About games." in last_output(m, "TYPE GAMES\\HISTORY.TXT")
    assert "Required parameter missing" in last_output(m, "TYPE")
    assert "File not found - NOPE.TXT" in last_output(m, "TYPE nope.txt")
    assert "Access denied" in last_output(m, "TYPE GAMES")
    assert last_output(m, "TYPE GAMES\\BLOCKS.EXE").splitlines()[1].startswith("MZ")


def test_long_names_are_cut_to_8_3_like_ms_dos(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert last_output(m, "CD VERYLONGFOLDERNAME").splitlines()[-1] == "C:\\VERYLONG>"
    assert "cut to eight dot three" in last_output(m, "TYPE LONGFILENAME.TEXT")
    text = last_output(m, "DIR")
    assert "LONGFILE TEX" in text


def test_cyrillic_names_any_case(make_machine: MachineFactory) -> None:
    m = make_machine("ru")
    assert "Привет из 1995!" in last_output(m, "type документ\\письмо.txt")
    text = last_output(m, "DIR ДОКУМЕНТ")
    assert "ПИСЬМО   TXT" in text
    assert last_output(m, "cd Документ").splitlines()[-1] == "C:\\ДОКУМЕНТ>"


def test_programs_run_by_name_with_or_without_extension(make_machine: MachineFactory) -> None:
    for command in ("GAMES\\BLOCKS", "C:\\GAMES\\BLOCKS.EXE", "games\\blocks.exe"):
        m = make_machine()
        m.type_command(command)
        assert m.state == "program" and m.keyset_name == "blocks", command
    m = make_machine()
    m.type_command("cd games")
    m.type_command("blocks")
    assert m.keyset_name == "blocks"
    m = make_machine()
    m.type_command("NC")  # found through PATH (C:\NC)
    assert m.keyset_name == "commander"
    m = make_machine()
    m.type_command("BLOCKS")  # C:\GAMES is not on this test PATH
    assert m.state == "shell" and "Bad command or file name" in m.screen.text()


def test_edit_command_opens_the_editor_on_a_file(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("EDIT README.TXT")
    assert m.keyset_name == "editor"
    assert "Read me." in m.screen.text()
    m2 = make_machine()
    assert "Access denied" in last_output(m2, "EDIT GAMES")


def test_ver_mem_help_cls(make_machine: MachineFactory) -> None:
    m = make_machine()
    assert "6.22" in last_output(m, "VER")
    mem = last_output(m, "MEM")
    assert "Conventional" in mem and "640K" in mem and "7,168K" in mem  # 8192K RAM - 1024K
    help_text = last_output(m, "HELP")
    assert all(word in help_text for word in ("DIR", "CD", "TYPE", "EDIT", "MEM"))
    assert "Команды" in last_output(make_machine("ru"), "HELP")
    m.type_command("CLS")
    assert m.screen.row_text(0).rstrip() == "C:\\>" and m.screen.row_text(1).strip() == ""


def test_date_and_time_come_from_the_clock_in_the_machine_year(make_machine: MachineFactory) -> None:
    m = make_machine()
    text = last_output(m, "DATE")
    assert "Current date is Wed 05-17-1995" in text  # 17 May 1995 was a Wednesday
    assert text.rstrip().endswith("Enter new date (mm-dd-yy):")
    m.type_command("12-31-95")
    assert "Sun 12-31-1995" in last_output(m, "DATE")
    m.type_command("")
    assert "Invalid date" in last_output(m, "DATE 13-45-95")
    assert m.shell.mode == "date"
    m.type_command("")
    ru = make_machine("ru")
    assert "Текущая дата: Ср 17.05.1995" in last_output(ru, "DATE")
    t = make_machine()
    assert "Current time is 2:03:07.00p" in last_output(t, "TIME")
    assert "Текущее время: 14:03:07,00" in last_output(make_machine("ru"), "TIME")
    t.type_command("9:30")
    assert "9:30:" in last_output(t, "TIME")


def test_other_drives(make_machine: MachineFactory) -> None:
    m = make_machine()
    text = last_output(m, "A:")
    assert "Not ready reading drive A" in text and "Abort, Retry, Fail?" in text
    press(m, "R")
    assert m.screen.text().count("Not ready reading drive A") == 2
    press(m, "A")
    assert m.shell.mode == "prompt" and m.screen.text().rstrip().endswith("C:\\>")
    assert "Invalid drive specification" in last_output(m, "D:")
    assert "Invalid drive specification" in last_output(m, "DIR E:\\")


def test_history_with_up_and_down(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("CD GAMES")
    m.type_command("CD ..")
    press(m, "UP")
    assert m.shell.line == "CD .."
    press(m, "UP")
    assert m.shell.line == "CD GAMES"
    press(m, "DOWN", "DOWN")
    assert m.shell.line == ""
    press(m, "UP", "UP", "ENTER")
    assert m.vfs.cwd_path() == "C:\\GAMES"


def test_line_editing_wraps_and_limits(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("x" * 100, enter=False)
    assert m.screen.row_text(0).startswith("C:\\>" + "x" * 76)
    assert m.screen.row_text(1).startswith("x" * 24)
    m.type_command("y" * 40, enter=False)
    assert len(m.shell.line) == MAX_INPUT and "beep" in m.drain_sounds()
    press(m, "BACKSPACE")
    assert len(m.shell.line) == MAX_INPUT - 1
    press(m, "ESC")
    assert m.shell.line == "" and m.screen.row_text(1).strip() == ""


def test_type_more_pages_long_files(make_machine: MachineFactory, real_content: ContentModel) -> None:
    m = make_machine(content=real_content)
    m.screen.clear()
    m.type_command("TYPE README.TXT | MORE")
    assert m.shell.mode == "more" and "-- More --" in m.screen.text()
    first_page = m.screen.text()
    m.handle_key(KeyEvent("SPACE", " "))
    assert m.screen.text() != first_page
    for _ in range(5):
        if m.shell.mode == "more":
            m.handle_key(KeyEvent("SPACE", " "))
    assert m.shell.mode == "prompt"
