"""How DOS wrote numbers, dates, times and directory listings, in the US and the Russian (country 7) style.

Kept apart from the interpreter so that the commander and the editor show files exactly as DIR does.
"""

from __future__ import annotations

import datetime as dt

from .dosnames import split_name
from .texts import SystemTexts
from .vfs import VFile, VFolder, VNode


def number(value: int, lang: str) -> str:
    """48,210 (US) or 48 210 (Russian)."""
    text = f"{value:,}"
    return text.replace(",", " ") if lang == "ru" else text


def date(value: dt.date, lang: str, full_year: bool = False) -> str:
    year = f"{value.year:04d}" if full_year else f"{value.year % 100:02d}"
    if lang == "ru":
        return f"{value.day:02d}.{value.month:02d}.{year}"
    return f"{value.month:02d}-{value.day:02d}-{year}"


def time(value: dt.datetime, lang: str, seconds: bool = False) -> str:
    if lang == "ru":
        text = f"{value.hour:2d}:{value.minute:02d}"
        return text + (f":{value.second:02d},{value.microsecond // 10000:02d}" if seconds else "")
    hour = value.hour % 12 or 12
    suffix = "a" if value.hour < 12 else "p"
    text = f"{hour:2d}:{value.minute:02d}"
    return text + (f":{value.second:02d}.{value.microsecond // 10000:02d}" if seconds else "") + suffix


def weekday(value: dt.date, texts: SystemTexts, lang: str) -> str:
    return texts.weekdays.pick(lang).split()[value.weekday()]


def parse_date(text: str, lang: str) -> dt.date | None:
    """'03-14-95' / '14.03.1995' -> date, or None when DOS would say 'Invalid date'."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    parts = cleaned.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, second, year = (int(p) for p in parts)
    day, month = (first, second) if lang == "ru" else (second, first)
    if year < 100:
        year += 1900 if year >= 80 else 2000
    if not 1980 <= year <= 2099:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_time(text: str) -> dt.time | None:
    """'10:15', '10:15:30', '2:05p' -> time, or None when DOS would say 'Invalid time'."""
    cleaned = text.strip().lower().replace(".", ":").replace(",", ":")
    pm = cleaned.endswith(("p", "pm"))
    am = cleaned.endswith(("a", "am"))
    cleaned = cleaned.rstrip("apm ")
    parts = cleaned.split(":")
    if not 1 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
        return None
    values = [int(p) for p in parts] + [0] * (4 - len(parts))
    hour, minute, second = values[0], values[1], values[2]
    if pm and hour < 12:
        hour += 12
    if am and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def entry_columns(node: VNode, lang: str, texts: SystemTexts) -> tuple[str, str, str, str, str]:
    """(name, ext, size or <DIR>, date, time) of one entry as DIR shows it."""
    base, ext = split_name(node.name) if node.name not in (".", "..") else (node.name, "")
    size = texts.dir_marker.pick(lang) if isinstance(node, VFolder) else number(node.size, lang)
    return base, ext, size, date(node.modified, lang), time(node.modified, lang)


def dir_line(node: VNode, lang: str, texts: SystemTexts) -> str:
    base, ext, size, day, clock = entry_columns(node, lang, texts)
    if isinstance(node, VFolder):
        return f"{base:<8} {ext:<3} {size:<14}{day}  {clock}"
    return f"{base:<8} {ext:<3}{size:>14} {day}  {clock}"


def dir_wide(nodes: list[VNode]) -> list[str]:
    cells = [f"[{n.name}]" if isinstance(n, VFolder) else n.name for n in nodes]
    return ["".join(f"{c:<16}" for c in cells[i:i + 5]).rstrip() for i in range(0, len(cells), 5)]


def file_total(nodes: list[VNode]) -> int:
    return sum(n.size for n in nodes if isinstance(n, VFile))
