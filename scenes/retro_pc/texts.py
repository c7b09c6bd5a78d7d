"""The machine's own messages (what DOS and its programs print), in Russian and English, with defaults.

These are part of the emulation rather than curated content, so each has a default here; the `texts:` section
of retro_pc.yaml may override any of them. Placeholders in braces are filled by the programs.
"""

from __future__ import annotations

from pydantic import Field

from kiosk.content.types import Bilingual, Strict


def _t(ru: str, en: str) -> Bilingual:
    return Bilingual(ru=ru, en=en)


def _f(ru: str, en: str) -> Bilingual:
    return Field(default_factory=lambda: _t(ru, en))


class HelpLine(Strict):
    command: str
    text: Bilingual


DEFAULT_HELP = [
    ("DIR", "список файлов и каталогов (DIR /W - в несколько колонок)", "list files and folders (DIR /W: wide)"),
    ("CD", "сменить каталог: CD GAMES, CD.., CD\\", "change folder: CD GAMES, CD.., CD\\"),
    ("TYPE", "показать текстовый файл: TYPE README.TXT", "show a text file: TYPE README.TXT"),
    ("EDIT", "редактор текстов: EDIT ПИСЬМО.TXT", "text editor: EDIT LETTER.TXT"),
    ("CLS", "очистить экран", "clear the screen"),
    ("VER", "версия системы", "system version"),
    ("MEM", "сколько памяти занято и свободно", "memory used and free"),
    ("DATE", "показать или сменить дату", "show or set the date"),
    ("TIME", "показать или сменить время", "show or set the time"),
    ("NC", "файловый менеджер (C:\\NC)", "file manager (C:\\NC)"),
    ("BLOCKS", "игра \"Блоки\" (C:\\GAMES)", "the Blocks game (C:\\GAMES)"),
    ("DIALER", "модем: звонок в сеть (C:\\INTERNET)", "modem: dial the network (C:\\INTERNET)"),
    ("README", "о домашних компьютерах 1990-х", "about home computers of the 1990s"),
]


class SystemTexts(Strict):
    """Messages of the command interpreter and the programs; override any of them in YAML."""

    bad_command: Bilingual = _f("Неверная команда или имя файла", "Bad command or file name")
    file_not_found: Bilingual = _f("Файл не найден", "File not found")
    invalid_directory: Bilingual = _f("Неверный каталог", "Invalid directory")
    required_parameter: Bilingual = _f("Отсутствует обязательный параметр", "Required parameter missing")
    too_many_parameters: Bilingual = _f("Слишком много параметров", "Too many parameters")
    invalid_switch: Bilingual = _f("Неверный ключ - {switch}", "Invalid switch - {switch}")
    invalid_drive: Bilingual = _f("Неверно указан дисковод", "Invalid drive specification")
    not_ready: Bilingual = _f("Дисковод {drive} не готов при чтении", "Not ready reading drive {drive}")
    abort_retry_fail: Bilingual = _f("Прервать (A), Повторить (R), Отказаться (F)?", "Abort, Retry, Fail?")
    access_denied: Bilingual = _f("Нет доступа", "Access denied")
    abnormal_termination: Bilingual = _f("Аварийное завершение программы", "Abnormal program termination")
    not_executable: Bilingual = _f("Этот файл не запускается на выставочном ПК",
                                   "This file does not run on the exhibition PC")
    volume_in_drive: Bilingual = _f("Том в устройстве C имеет метку {label}", "Volume in drive C is {label}")
    volume_serial: Bilingual = _f("Серийный номер тома: {serial}", "Volume Serial Number is {serial}")
    directory_of: Bilingual = _f("Содержимое каталога {path}", "Directory of {path}")
    files_total: Bilingual = _f("{count:>9} файл(ов) {size:>14} байт", "{count:>9} file(s) {size:>14} bytes")
    dirs_free: Bilingual = _f("{free:>33} байт свободно", "{free:>32} bytes free")
    dir_marker: Bilingual = _f("<КАТ>", "<DIR>")
    current_date: Bilingual = _f("Текущая дата: {date}", "Current date is {date}")
    enter_date: Bilingual = _f("Введите новую дату (дд.мм.гг): ", "Enter new date (mm-dd-yy): ")
    invalid_date: Bilingual = _f("Неверная дата", "Invalid date")
    current_time: Bilingual = _f("Текущее время: {time}", "Current time is {time}")
    enter_time: Bilingual = _f("Введите новое время: ", "Enter new time: ")
    invalid_time: Bilingual = _f("Неверное время", "Invalid time")
    weekdays: Bilingual = _f("Пн Вт Ср Чт Пт Сб Вс", "Mon Tue Wed Thu Fri Sat Sun")
    help_title: Bilingual = _f("Команды (наберите и нажмите Enter):", "Commands (type one and press Enter):")
    help_footer: Bilingual = _f("Программы запускаются по имени, с .EXE или без. Стрелка вверх - прошлая команда.",
                                "Run a program by its name, with or without .EXE. Up arrow: previous command.")
    help: list[HelpLine] = Field(default_factory=lambda: [
        HelpLine(command=c, text=_t(ru, en)) for c, ru, en in DEFAULT_HELP])
    mem_table: Bilingual = _f(
        "Тип памяти           Всего    Занято  Свободно\n"
        "---------------   --------  --------  --------\n"
        "Обычная         {conv:>9}K{conv_used:>9}K{conv_free:>9}K\n"
        "Дополнительная  {ext:>9}K{ext_used:>9}K{ext_free:>9}K\n"
        "---------------   --------  --------  --------\n"
        "Всего памяти    {total:>9}K{used:>9}K{free:>9}K\n\n"
        "Наибольший размер исполняемой программы  {conv_free}K",
        "Memory Type          Total      Used      Free\n"
        "---------------   --------  --------  --------\n"
        "Conventional    {conv:>9}K{conv_used:>9}K{conv_free:>9}K\n"
        "Extended (XMS)  {ext:>9}K{ext_used:>9}K{ext_free:>9}K\n"
        "---------------   --------  --------  --------\n"
        "Total memory    {total:>9}K{used:>9}K{free:>9}K\n\n"
        "Largest executable program size       {conv_free}K")
    more_prompt: Bilingual = _f("-- Далее --", "-- More --")
    # file manager
    commander_keys: Bilingual = _f("Помощь|Меню|Просм|Правка|Копия|Перен|НовКат|Удал|Меню|Выход",
                                   "Help|Menu|View|Edit|Copy|RenMov|Mkdir|Delete|PullDn|Quit")
    commander_columns: Bilingual = _f("Имя|Размер|Дата|Время", "Name|Size|Date|Time")
    commander_updir: Bilingual = _f("►ВВЕРХ◄", "►UP--DIR◄")
    commander_subdir: Bilingual = _f("►КАТАЛОГ◄", "►SUB-DIR◄")
    commander_help: Bilingual = _f(
        "Стрелки или касание - выбрать файл. Enter или двойное касание - открыть. "
        "Tab - другая панель. F3 - просмотр, F4 - правка, F10 - выход.",
        "Arrows or a tap select a file. Enter or a double tap opens it. Tab: other panel. "
        "F3 view, F4 edit, F10 quit.")
    not_in_exhibit: Bilingual = _f("На выставочном ПК эта функция отключена", "Disabled on the exhibition PC")
    # editor
    editor_keys: Bilingual = _f("Помощь|Запись||||||||Выход", "Help|Save||||||||Quit")
    editor_status: Bilingual = _f("Стр {line} Кол {col}", "Ln {line} Col {col}")
    editor_saved: Bilingual = _f("Записано: {name}", "Saved: {name}")
    editor_modified: Bilingual = _f("*изменён*", "*modified*")
    editor_save_prompt: Bilingual = _f("Сохранить изменения? (Д/Н, Esc - отмена)",
                                       "Save changes? (Y/N, Esc cancels)")
    editor_name_prompt: Bilingual = _f("Имя файла: ", "File name: ")
    editor_readonly: Bilingual = _f("Только просмотр", "View only")
    editor_help: Bilingual = _f(
        "Стрелки, Home, End, PgUp, PgDn - движение. Буквы - ввод текста. F2 - записать, Esc или F10 - выйти.",
        "Arrows, Home, End, PgUp, PgDn move. Letters type. F2 saves, Esc or F10 quits.")
    # falling blocks
    blocks_title: Bilingual = _f("Б Л О К И", "B L O C K S")
    blocks_score: Bilingual = _f("Очки", "Score")
    blocks_lines: Bilingual = _f("Линии", "Lines")
    blocks_level: Bilingual = _f("Уровень", "Level")
    blocks_next: Bilingual = _f("Дальше", "Next")
    blocks_game_over: Bilingual = _f("ИГРА ОКОНЧЕНА", "GAME OVER")
    blocks_again: Bilingual = _f("Enter - снова, Esc - выход", "Enter: again, Esc: quit")
    blocks_controls: Bilingual = _f("←→ двигать|↑ повернуть|↓ быстрее|Пробел сбросить|Esc выход",
                                    "←→ move|↑ rotate|↓ faster|Space drop|Esc quit")
    # modem
    dialer_cancel: Bilingual = _f("Esc - положить трубку", "Esc hangs up")
    dialer_no_browser: Bilingual = _f("Браузер будет доступен позже. Связь завершена.",
                                      "The browser comes later. Line closed.")
