"""`check` refuses links to hosts not in allowed_link_hosts (with file:line:col) and a plain admin PIN in
kiosk.yaml (kiosk/security.py through the check passes)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.commands import check
from kiosk.content.loader import ContentBundle, load_file
from kiosk.content.problems import display_path
from kiosk.content.types import Strict
from kiosk.security import PLAIN_PIN_MESSAGE, host_allowed, link_allowed, link_problem, link_problems
from tests.security.conftest import REAL_CONTENT, kiosk_yaml

ALLOWED = ["mos.ru", "ag.mos.ru"]


def run_check(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = check.run(argparse.Namespace(config=config, content=None, format="text"))
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    shutil.copytree(REAL_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def line_and_col(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_qr_link_and_an_address_in_a_text_to_hosts_not_allowed_fail_check_with_their_lines(
        real_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = real_copy / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    text = text.replace("    link: https://www.mos.ru/\n", "    link: https://mos.ru.login-check.example/\n", 1)
    text = text.replace("bringing city services together in\n",
                        "bringing city services (https://evil.example/pay) together in\n", 1)
    timeline.write_text(text, encoding="utf-8")
    code, lines = run_check(kiosk_yaml(tmp_path, real_copy), capsys)
    shown = display_path(timeline)
    link_line, link_col = line_and_col(timeline, "https://mos.ru.login-check.example/")
    text_line = line_and_col(timeline, "https://evil.example/pay")[0]
    assert code == 1
    # a folded text is one value: the problem points at where it starts (its `en:` a few lines above)
    assert lines[0].startswith(f"{shown}:") and ": error: link to 'evil.example'" in lines[0]
    assert text_line - 3 <= int(lines[0].split(":")[1]) < text_line
    assert lines[1] == (f"{shown}:{link_line}:{link_col}: error: link to 'mos.ru.login-check.example', which is "
                        "not an allowed host (allowed: mos.ru, ag.mos.ru): link to an allowed site, or add the host "
                        "to allowed_link_hosts in kiosk.yaml")
    assert lines[2:] == ["2 errors in 1 file"]


def test_the_real_content_and_config_pass(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.security.conftest import REPO

    code, lines = run_check(REPO / "config" / "kiosk.yaml", capsys)
    assert (code, lines[-1]) == (0, "content OK: 6 files")


@pytest.mark.parametrize(("url", "link_field", "allowed"), [
    ("https://mos.ru/", True, True), ("https://www.mos.ru/news?id=1", True, True), ("https://MOS.RU./", True, True),
    ("https://ag.mos.ru/poll", True, True), ("https://mos.ru:443/", True, True),
    ("http://www.mos.ru/", False, True),  # an address shown as text (the 1990s address bar) may be http
    ("http://www.mos.ru/", True, False),  # …but a QR code / link must be https
    ("https://evilmos.ru/", True, False), ("https://mos.ru.evil.example/", True, False),
    ("https://mos.ru@evil.example/", True, False), ("https://user:pw@mos.ru/", True, False),
    ("https://evil.example/?next=mos.ru", True, False), ("https://10.0.0.1/", True, False),
    ("ftp://mos.ru/", False, False), ("file:///etc/passwd", False, False), ("https://", True, False),
    ("https://xn--l1aej.xn--p1ag/", True, False), ("https://мос.ру/", True, False),
    ("www.evil.example", True, False)])
def test_host_rules(url: str, link_field: bool, allowed: bool) -> None:
    assert (link_problem(url, ALLOWED, link_field) is None) is allowed
    if link_field:
        assert link_allowed(url, ALLOWED) is allowed


def test_host_allowed_subdomains_and_an_empty_list() -> None:
    assert host_allowed("a.b.mos.ru", ["mos.ru"]) and host_allowed("мос.ру", ["xn--l1aej.xn--p1ag"])
    assert not host_allowed("mos.ru", ["ag.mos.ru"]) and not host_allowed("mos.ru", [])
    assert "allowed: none" in str(link_problem("https://mos.ru/", [], True))


class Card(Strict):
    title: str
    qr: str | None = None


class Root(Strict):
    cards: list[Card]
    extra: dict[str, str] = {}
    style: dict[str, str] = {}


def test_any_scene_model_is_walked_for_links(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "cards:\n  - title: fine https://ag.mos.ru/ and https://bad.example/\n    qr: https://mos.ru/ok\n"
        "  - title: plain\n    qr: http://mos.ru/\nextra:\n  more: 'see ftp://mos.ru/file'\n"
        "style:\n  link: '#0000ee'\n", encoding="utf-8")
    model, problems, locations = load_file(tmp_path / "x.yaml", Root, shown="x.yaml")
    assert model is not None and problems == []
    bundle = ContentBundle(tmp_path, {"x.yaml": model}, {"x.yaml": locations})
    found = [(p.line, p.col, p.message.split(":")[0]) for p in
             link_problems(SimpleNamespace(allowed_link_hosts=ALLOWED), bundle)]
    assert found == [(2, 12, "link to 'bad.example', which is not an allowed host (allowed"),
                     (5, 9, "'http"), (7, 9, "'ftp")]


# ---------------------------------------------------------------------------------------- the PIN

@pytest.mark.parametrize("value", ['"1234"', "1234", "'20240'"])
def test_a_plain_pin_is_refused_with_its_line(value: str, real_copy: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    config = kiosk_yaml(tmp_path, real_copy, extra=f"admin:\n  corner: bottom-left\n  pin: {value}\n")
    code, lines = run_check(config, capsys)
    line = len(config.read_text().splitlines())
    assert code == 1
    assert lines[0] == f"{display_path(config)}:{line}:3: error: {PLAIN_PIN_MESSAGE}"
    assert sum(":error:" in x.replace(" ", "") for x in lines) == 1  # one line, not also a type error
    assert "run `run_kiosk.py admin-pin`" in lines[0]


def test_a_pin_typed_into_pin_hash_is_refused(real_copy: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    config = kiosk_yaml(tmp_path, real_copy, extra='admin:\n  pin_hash: "4711"\n')
    code, lines = run_check(config, capsys)
    assert code == 1
    line = len(config.read_text().splitlines())
    assert lines[0] == (f"{display_path(config)}:{line}:13: error: admin.pin_hash is not a salted hash (it may be "
                        "a plain PIN): set it with `run_kiosk.py admin-pin`")
    assert lines[-1] == "1 error in 1 file"


def test_an_empty_pin_key_is_harmless(real_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = kiosk_yaml(tmp_path, real_copy, extra="admin:\n  pin:\n")
    code, lines = run_check(config, capsys)
    assert (code, lines) == (0, ["content OK: 6 files"])
