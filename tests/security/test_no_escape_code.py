"""Nothing in the exhibit opens a browser, a shell or the network: a scan of kiosk/ and scenes/ (the code that
runs in front of visitors) for the modules and calls that could, outside an explicit allow-list.

Allowed: kiosk/commands/ (run by the technician from a terminal, may run programs), kiosk/ops/display_power.py
(runs `xset` to keep the screen on), kiosk/ops/watchdog.py (a Unix socket to systemd's notify socket). Parsing
URLs (urllib.parse) is fine; fetching them is not. The retro PC's text entry touches no real file at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.security.conftest import REPO

FORBIDDEN_MODULES = {"webbrowser", "subprocess", "socket", "pty", "ctypes", "multiprocessing", "telnetlib",
                     "ftplib", "smtplib", "poplib", "imaplib", "http.client", "http.server", "urllib.request",
                     "xmlrpc", "requests", "httpx", "aiohttp", "urllib3", "asyncio.subprocess", "code", "pdb"}
FORBIDDEN_CALLS = {"os.system", "os.popen", "os.startfile", "os.fork", "os.forkpty", "os.posix_spawn",
                   "os.posix_spawnp", "os.execv", "os.execve", "os.execl", "os.execle", "os.execlp", "os.execlpe",
                   "os.execvp", "os.execvpe", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv",
                   "os.spawnve", "os.spawnvp", "os.spawnvpe", "eval", "exec", "breakpoint"}
ALLOWED = {"kiosk/ops/display_power.py": {"subprocess"}, "kiosk/ops/watchdog.py": {"socket"}}
ALLOWED_FOLDERS = ("kiosk/commands/",)
NO_FILES = "scenes/retro_pc/"
NO_FILES_MODULES = {"os", "shutil", "io", "tempfile", "glob", "sqlite3"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def findings(path: Path, relative: str | None = None) -> list[tuple[int, str]]:
    """(line, what) for each forbidden import or call in one file (`relative`: its place in the repository)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[int, str]] = []
    relative = relative or path.relative_to(REPO).as_posix()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        for name in names:
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES):
                found.append((getattr(node, "lineno", 0), f"import {name}"))
            if relative.startswith(NO_FILES) and name.split(".")[0] in NO_FILES_MODULES:
                found.append((getattr(node, "lineno", 0), f"import {name} (the retro PC must not touch real files)"))
        if isinstance(node, ast.Call):
            called = _dotted(node.func)
            if called in FORBIDDEN_CALLS or called.endswith((".system", ".popen")) and called.startswith("os"):
                found.append((node.lineno, f"call {called}()"))
            if relative.startswith(NO_FILES) and called in ("open", "io.open"):
                found.append((node.lineno, f"call {called}() (the retro PC must not touch real files)"))
        if relative.startswith(NO_FILES) and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("read_text", "read_bytes", "iterdir", "unlink", "rglob") \
                and "vfs" not in _dotted(node.func):
            found.append((node.lineno, f"call .{node.func.attr}() on a real path"))
    return found


def scanned_files() -> list[Path]:
    return sorted([*(REPO / "kiosk").rglob("*.py"), *(REPO / "scenes").rglob("*.py"), REPO / "run_kiosk.py"])


def test_no_browser_shell_or_network_in_the_exhibit_code() -> None:
    problems = []
    for path in scanned_files():
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith(ALLOWED_FOLDERS):
            continue
        allowed = ALLOWED.get(relative, set())
        for line, what in findings(path):
            if what.removeprefix("import ").split(".")[0] in allowed:
                continue
            problems.append(f"{relative}:{line}: {what}")
    assert problems == [], "\n".join(problems)


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scanner itself: each forbidden form is found (so an empty result above means something)."""
    probe = tmp_path / "probe.py"
    probe.write_text("import webbrowser\nimport subprocess as sp\nfrom urllib.request import urlopen\n"
                     "from socket import socket\nimport os\nos.system('sh')\nos.execv('/bin/sh', [])\n"
                     "eval('1')\nopen('/etc/passwd')\nfrom pathlib import Path\nPath('/etc').iterdir()\n"
                     "import urllib.parse\nself_vfs_ok = 1\n", encoding="utf-8")
    found = findings(probe, "scenes/retro_pc/probe.py")
    lines = sorted({line for line, _ in found})
    assert lines == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11], found
    assert len(scanned_files()) > 50
