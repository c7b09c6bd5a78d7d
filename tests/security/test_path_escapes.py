"""Asset paths stay inside the content folder: `../`, absolute paths and links (symlinks) that lead out are
errors in `check` — located at the YAML line — and the file outside is never opened, neither by `check` nor by
a kiosk started on that content. Python's audit hook sees every file the program opens (all threads)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.commands import check
from kiosk.content.problems import display_path
from tests.security.conftest import REAL_CONTENT, SCENES, kiosk_yaml

_OPENED: list[str] = []
_RECORDING = [False]
_HOOKED = [False]


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _RECORDING[0] and event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.path.realpath(os.fsdecode(args[0])))


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Real paths of every file opened while the test runs."""
    if not _HOOKED[0]:
        sys.addaudithook(_audit)  # cannot be removed; it does nothing unless recording
        _HOOKED[0] = True
    _OPENED.clear()
    _RECORDING[0] = True
    try:
        yield _OPENED
    finally:
        _RECORDING[0] = False


def escaping_content(tmp_path: Path, kind: str) -> tuple[Path, Path, str, tuple[int, int]]:
    """A copy of the real content whose first event image escapes ('dotdot', 'absolute' or 'link');
    (content, the file outside, the path written, its line and column)."""
    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content)
    secret = tmp_path / "secret.png"  # a perfectly readable image: only the path rules keep it out
    secret.write_bytes((REAL_CONTENT / "images" / "relcom-network.png").read_bytes())
    os.symlink(secret, content / "images" / "outside.png")
    value = {"dotdot": "images/../../secret.png", "absolute": str(secret), "link": "images/outside.png"}[kind]
    timeline = content / "timeline.yaml"
    lines = timeline.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("- file: images/"))
    col = lines[index].index("images/")
    lines[index] = lines[index][:col] + value + "\n"
    timeline.write_text("".join(lines), encoding="utf-8")
    return content, secret, value, (index + 1, col + 1)


MESSAGES = {"dotdot": "'images/../../secret.png' leads out of the content folder ('..'): keep files inside it",
            "absolute": "'{secret}' is an absolute path: write it relative to the content folder",
            "link": "'images/outside.png' is a link that leads outside the content folder: copy the file into the "
                    "folder instead"}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_check_rejects_the_escape_at_its_line_and_never_reads_outside(
        kind: str, tmp_path: Path, opened: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    content, secret, _value, (line, col) = escaping_content(tmp_path, kind)
    opened.clear()
    code = check.run(argparse.Namespace(config=kiosk_yaml(tmp_path, content), content=None, format="text"))
    lines = capsys.readouterr().out.splitlines()
    message = MESSAGES[kind].format(secret=secret)
    assert (code, lines) == (1, [f"{display_path(content / 'timeline.yaml')}:{line}:{col}: error: {message}",
                                 "1 error in 1 file"])
    assert str(content / "timeline.yaml") in opened  # the recording works…
    assert str(secret) not in opened  # …and the file outside was never opened


@pytest.mark.parametrize("kind", ["dotdot", "link"])
def test_a_kiosk_on_escaping_content_never_reads_outside(kind: str, tmp_path: Path, make_app,
                                                         opened: list[str]) -> None:
    content, secret, _value, _where = escaping_content(tmp_path, kind)
    opened.clear()
    app = make_app(scenes=SCENES, home="timeline", content=content)
    app.advance(1.0)
    assert app.content.source == "none" and app.scene_name() == "updating"  # no last good copy yet: the notice
    assert any("outside the content folder" in line or "leads out of" in line for line in app.content.problems())
    app.shutdown()
    assert str(secret) not in opened
    assert not (tmp_path / "var" / "last_good_content").exists()


def test_links_to_outside_anywhere_in_the_folder_are_reported(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content)
    (tmp_path / "ui-outside.yaml").write_bytes((content / "ui.yaml").read_bytes())
    (content / "ui.yaml").unlink()
    os.symlink(tmp_path / "ui-outside.yaml", content / "ui.yaml")
    os.symlink(tmp_path, content / "images" / "elsewhere")
    os.symlink(content / "images", content / "pictures")  # a link inside the folder is fine
    code = check.run(argparse.Namespace(config=kiosk_yaml(tmp_path, content), content=None, format="text"))
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines == [
        f"{display_path(content / 'images' / 'elsewhere')}:1:1: error: 'images/elsewhere' is a link that leads "
        "outside the content folder: replace it with the real file or folder",
        f"{display_path(content / 'ui.yaml')}:1:1: error: 'ui.yaml' is a link that leads outside the content "
        "folder: replace it with the real file or folder",
        "2 errors in 2 files"]
