"""Installer self-checks that need no window: versions, fonts with Cyrillic, disk, var/, clock, display, audio.

Why: an installer (or a boot script) must learn in seconds whether this PC can run the exhibit, with one
line per check saying what is wrong. Each check returns a Check and never raises; `selftest --quick` prints
them, and the interactive selftest screen (later) shows the same results.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import io
import os
import platform
import shutil
import struct
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_MB = 500
MIN_YEAR = 2024
CYRILLIC_PROBE = "Ж"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {self.detail}"


def _guarded(name: str, func: Callable[[], Check]) -> Check:
    try:
        return func()
    except Exception as exc:  # a check that crashes is a failed check, never a crashed selftest
        return Check(name, False, f"check crashed: {type(exc).__name__}: {exc}")


# -- versions ---------------------------------------------------------------------------------------------

def check_python() -> Check:
    version = platform.python_version()
    ok = sys.version_info >= (3, 11)
    return Check("python", ok, version if ok else f"{version}; Python 3.11 or newer is needed")


def check_pygame() -> Check:
    try:
        import pygame
    except ImportError as exc:
        return Check("pygame", False, f"not importable ({exc}); run: .venv/bin/pip install pygame-ce")
    if not getattr(pygame, "IS_CE", False):
        return Check("pygame", False, f"{pygame.version.ver} is classic pygame; pip uninstall pygame &&"
                                      " pip install pygame-ce")
    return Check("pygame", True, f"pygame-ce {pygame.version.ver}, SDL {'.'.join(map(str, pygame.get_sdl_version()))}")


# -- fonts ------------------------------------------------------------------------------------------------

def font_codepoints_has(path: Path, char: str) -> bool:
    """True when the font's cmap maps `char` to a glyph (reads the TrueType cmap; formats 4 and 12)."""
    data = path.read_bytes()
    code = ord(char)
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap_offset = None
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        return False
    (count,) = struct.unpack_from(">H", data, cmap_offset + 2)
    for i in range(count):
        platform_id, encoding_id, sub = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        if (platform_id, encoding_id) not in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)):
            continue
        base = cmap_offset + sub
        (fmt,) = struct.unpack_from(">H", data, base)
        if fmt == 4 and code <= 0xFFFF and _format4_has(data, base, code):
            return True
        if fmt == 12 and _format12_has(data, base, code):
            return True
    return False


def _format4_has(data: bytes, base: int, code: int) -> bool:
    (seg_x2,) = struct.unpack_from(">H", data, base + 6)
    ends = base + 14
    starts = ends + seg_x2 + 2
    deltas = starts + seg_x2
    ranges = deltas + seg_x2
    for seg in range(seg_x2 // 2):
        (end,) = struct.unpack_from(">H", data, ends + 2 * seg)
        if code > end:
            continue
        (start,) = struct.unpack_from(">H", data, starts + 2 * seg)
        if code < start:
            return False
        (delta,) = struct.unpack_from(">h", data, deltas + 2 * seg)
        range_pos = ranges + 2 * seg
        (range_offset,) = struct.unpack_from(">H", data, range_pos)
        if range_offset == 0:
            return (code + delta) & 0xFFFF != 0
        (glyph,) = struct.unpack_from(">H", data, range_pos + range_offset + 2 * (code - start))
        return glyph != 0
    return False


def _format12_has(data: bytes, base: int, code: int) -> bool:
    (groups,) = struct.unpack_from(">I", data, base + 12)
    for g in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, base + 16 + 12 * g)
        if start <= code <= end:
            return glyph + (code - start) != 0
    return False


def check_fonts(fonts_dir: Path) -> Check:
    """Every *.ttf in `fonts_dir` loads in pygame, has a Cyrillic glyph and renders it with visible pixels."""
    if not fonts_dir.is_dir():
        return Check("fonts", False, f"{fonts_dir} is not a folder; restore assets/fonts from the release")
    files = sorted(fonts_dir.glob("*.ttf"))
    if not files:
        return Check("fonts", False, f"no *.ttf files in {fonts_dir}; restore assets/fonts from the release")
    import pygame

    pygame.font.init()
    problems = []
    for path in files:
        try:
            if not font_codepoints_has(path, CYRILLIC_PROBE):
                problems.append(f"{path.name} has no Cyrillic ({CYRILLIC_PROBE})")
                continue
            surface = pygame.font.Font(str(path), 32).render(CYRILLIC_PROBE, True, (255, 255, 255))
            if surface.get_bounding_rect().width == 0:
                problems.append(f"{path.name} renders {CYRILLIC_PROBE} empty")
        except (OSError, struct.error, pygame.error, ValueError) as exc:
            problems.append(f"{path.name} cannot be loaded ({exc})")
    if problems:
        return Check("fonts", False, "; ".join(problems) + f" — in {fonts_dir}")
    return Check("fonts", True, f"{len(files)} fonts in {fonts_dir} render Cyrillic")


# -- content, disk, clock ---------------------------------------------------------------------------------

def check_content(args: argparse.Namespace) -> Check:
    """Run `kiosk.commands.check` on the same arguments; its first error line becomes the detail."""
    try:
        content_check = importlib.import_module("kiosk.commands.check")
    except ImportError as exc:
        return Check("content", False, f"the content check is not available ({exc})")
    check_args = _arguments_for(content_check, args)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = content_check.run(check_args)
    lines = [line.strip() for line in (out.getvalue() + err.getvalue()).splitlines() if line.strip()]
    if code == 0:
        return Check("content", True, lines[-1] if lines else "check passed")
    first_error = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "")
    more = f" (+{len(lines) - 1} more lines: run `run_kiosk.py check`)" if len(lines) > 1 else ""
    return Check("content", False, f"check exited {code}: {first_error}{more}")


def _arguments_for(command: object, args: argparse.Namespace) -> argparse.Namespace:
    """The other command's defaults, overlaid with the --config/--content the CLI gave selftest."""
    parser = argparse.ArgumentParser(add_help=False)
    add_arguments = getattr(command, "add_arguments", None)
    if callable(add_arguments):
        add_arguments(parser)
    try:
        merged = vars(parser.parse_known_args([])[0])
    except SystemExit:  # the command has required arguments; give it ours only
        merged = {}
    merged.update({key: value for key, value in vars(args).items() if key in ("config", "content")})
    return argparse.Namespace(**merged)


def check_disk(var_dir: Path, min_free_mb: int = MIN_FREE_MB) -> Check:
    probe = var_dir
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free_mb = shutil.disk_usage(probe).free // (1024 * 1024)
    if free_mb < min_free_mb:
        return Check("disk", False, f"{free_mb} MB free for {var_dir}; at least {min_free_mb} MB needed —"
                                    " delete old logs/reports or use a bigger disk")
    return Check("disk", True, f"{free_mb} MB free for {var_dir}")


def check_var_writable(var_dir: Path) -> Check:
    try:
        var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=var_dir, prefix=".selftest-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return Check("var", False, f"{var_dir} is not writable ({exc}); chown it to the kiosk user, mode 0700")
    mode = var_dir.stat().st_mode & 0o777
    note = "" if mode == 0o700 else f" (mode {mode:o}; 700 recommended: chmod 700 {var_dir})"
    return Check("var", True, f"{var_dir} writable{note}")


def check_clock(now: dt.datetime | None = None) -> Check:
    moment = now or dt.datetime.now()
    if moment.year < MIN_YEAR:
        return Check("clock", False, f"system clock says {moment:%Y-%m-%d %H:%M}; set the time (timedatectl) —"
                                     " opening hours and reports depend on it")
    return Check("clock", True, f"{moment:%Y-%m-%d %H:%M} local")


# -- display and audio ------------------------------------------------------------------------------------

def check_display(environ: dict[str, str] | None = None) -> Check:
    env = dict(os.environ if environ is None else environ)
    import pygame

    driver = env.get("SDL_VIDEODRIVER", "")
    if (not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")) or driver in ("dummy", "offscreen"):
        return Check("display", True, "headless (no DISPLAY/WAYLAND_DISPLAY or a dummy video driver) — noted;"
                                      " run selftest on the kiosk screen to test it")
    was_on = pygame.display.get_init()
    try:
        pygame.display.init()
        sizes = pygame.display.get_desktop_sizes()
        name = pygame.display.get_driver()
    except pygame.error as exc:
        return Check("display", False, f"cannot open the display ({exc}); is X/cage running, DISPLAY right?")
    finally:
        if not was_on:
            pygame.display.quit()
    shown = ", ".join(f"{w}x{h}" for w, h in sizes) or "no screens"
    return Check("display", bool(sizes), f"{name}: {shown}")


def check_audio() -> Check:
    import pygame

    was_on = pygame.mixer.get_init()
    try:
        if not was_on:
            pygame.mixer.init()
        frequency, _size, channels = pygame.mixer.get_init() or (0, 0, 0)
        return Check("audio", True, f"{frequency} Hz, {channels} channel(s)")
    except pygame.error as exc:
        return Check("audio", True, f"sound off: no audio device ({exc})")
    finally:
        if not was_on and pygame.mixer.get_init():
            pygame.mixer.quit()


def run_quick_checks(args: argparse.Namespace, fonts_dir: Path, var_dir: Path) -> list[Check]:
    return [
        _guarded("python", check_python),
        _guarded("pygame", check_pygame),
        _guarded("fonts", lambda: check_fonts(fonts_dir)),
        _guarded("content", lambda: check_content(args)),
        _guarded("disk", lambda: check_disk(var_dir)),
        _guarded("var", lambda: check_var_writable(var_dir)),
        _guarded("clock", check_clock),
        _guarded("display", check_display),
        _guarded("audio", check_audio),
    ]
