"""Between visitors: reset restores the clean drive and forgets history, programs, games and settings."""

from __future__ import annotations

from scenes.retro_pc.keyboard import KeyEvent
from scenes.retro_pc.model import ContentModel
from scenes.retro_pc.vfs import VirtualFS

from .conftest import FIXED_NOW, MachineFactory, press


def test_vfs_snapshot_restore_leaves_no_trace(small_content: ContentModel) -> None:
    vfs = VirtualFS.from_content(small_content, "en")
    clean = vfs.snapshot()
    before = vfs.fingerprint()
    vfs.write_text("C:\\NEW.TXT", "visitor text", FIXED_NOW)
    vfs.write_text("C:\\README.TXT", "changed", FIXED_NOW)
    vfs.chdir("GAMES")
    assert vfs.fingerprint() != before
    vfs.restore(clean)
    assert vfs.fingerprint() == before
    vfs.write_text("C:\\AGAIN.TXT", "x", FIXED_NOW)
    vfs.restore(clean)  # a snapshot can be restored many times
    assert vfs.fingerprint() == before and vfs.resolve("AGAIN.TXT") is None


def test_vfs_refuses_bad_writes(small_content: ContentModel) -> None:
    vfs = VirtualFS.from_content(small_content, "en")
    assert vfs.write_text("C:\\NOWHERE\\A.TXT", "x", FIXED_NOW) is None
    assert vfs.write_text("C:\\GAMES", "x", FIXED_NOW) is None
    assert vfs.write_text("C:\\GAMES\\BLOCKS.EXE", "x", FIXED_NOW) is None
    assert vfs.write_text("C:\\BAD|NAME.TXT", "x", FIXED_NOW) is None
    written = vfs.write_text("c:\\games\\longfilename.text", "x", FIXED_NOW)
    assert written is not None and written.name == "LONGFILE.TEX"


def test_machine_reset_forgets_the_visitor(make_machine: MachineFactory) -> None:
    m = make_machine("en")
    clean_drive = m.vfs.fingerprint()
    m.type_command("EDIT NOTE.TXT")
    m.handle_key(KeyEvent("CHAR", "x"))
    press(m, "F2")
    m.handle_key(KeyEvent("CHAR", "y"))
    press(m, "ESC")
    m.handle_key(KeyEvent("N", "n"))
    m.type_command("CD GAMES")
    m.type_command("DATE 01-01-99")
    m.type_command("BLOCKS")
    m.tap_key("LAYOUT")
    m.on_screen.tap("SHIFT")
    assert m.vfs.resolve("C:\\NOTE.TXT") is not None and m.state == "program"
    m.reset()
    assert m.vfs.fingerprint() == clean_drive
    assert m.vfs.resolve("C:\\NOTE.TXT") is None and m.vfs.cwd_path() == "C:\\"
    assert m.shell.history == [] and m.programs == [] and m.state == "boot"
    assert m.keys.layout == "en" and m.on_screen.sticky == set()
    assert m.now().year == 1995 and m.now().month == FIXED_NOW.month
    m.boot.skip()  # type: ignore[union-attr]
    m.update(0)
    press(m, "UP")
    assert m.shell.line == ""
    m.type_command("BLOCKS")
    assert m.state == "shell"  # we were in GAMES before: now back at C:\ where BLOCKS is not found


def test_language_switch_restarts_at_the_prompt_in_that_language(make_machine: MachineFactory) -> None:
    m = make_machine("en")
    m.type_command("NC")
    m.set_language("ru")
    assert m.state == "shell" and m.lang == "ru" and m.keys.layout == "ru"
    m.type_command("TYPE README.TXT")
    assert "Читай меня." in m.screen.text()
