"""Property: whatever a curator (or a broken editor) does to a valid file, loading only ever yields Problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_bundle
from kiosk.content.problems import Problem
from tests.content.conftest import make_content
from tests.content.models import CONTEXT, EXTRAS, TIMELINE

VALID_TIMELINE = (Path(__file__).parent / "cases" / "merge_keys.yaml").read_text(encoding="utf-8") + (
    "  - id: domain\n    date: 1994-04-07\n    title:\n      ru: \"Домен .ru\"\n      en: 'The .ru domain'\n"
    "    image: images/relcom.png\n    highlight: true\n    order: 3\n    tags: [a, b]\n"
    "    pictures:\n      - file: images/domain.jpg\n        credit: {ru: Иллюстрация, en: Illustration}\n")
VALID_EXTRAS = "items:\n  - id: moscow\n    date: 1997\n    title: {ru: Москва, en: Moscow}\ngallery:\n  a: images/relcom.png\n"

NASTY = list(":-\t\"'&*!\n #{}[],|>%@`\\?~") + ["\x00", "\x07", "\ufeff", "\r\n", "no", "yes", "..", "/", "<<",
                                                  "!!python/object:os.system ", "&a ", "*a", "---\n", "1997-02-30"]



@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_content(tmp_path_factory.mktemp("content-prop"))
    (folder / "extras.yaml").write_text(VALID_EXTRAS, encoding="utf-8")
    return folder


def _mutate(text: str, data: st.DataObject) -> str:
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["insert", "delete", "replace", "swap_lines", "dup_line", "truncate"]))
        pos = data.draw(st.integers(0, max(0, len(text) - 1)))
        if kind == "insert":
            text = text[:pos] + data.draw(st.sampled_from(NASTY)) + text[pos:]
        elif kind == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 8)):]
        elif kind == "replace":
            text = text[:pos] + data.draw(st.sampled_from(NASTY)) + text[pos + 1:]
        elif kind == "truncate":
            text = text[:pos]
        else:
            lines = text.split("\n")
            a = data.draw(st.integers(0, len(lines) - 1))
            b = data.draw(st.integers(0, len(lines) - 1))
            if kind == "swap_lines":
                lines[a], lines[b] = lines[b], lines[a]
            else:
                lines.insert(b, lines[a])
            text = "\n".join(lines)
    return text


def _assert_only_problems(root: Path, raw: bytes) -> None:
    (root / "timeline.yaml").write_bytes(raw)
    result = load_bundle(root, [TIMELINE, EXTRAS], CONTEXT)
    assert all(isinstance(p, Problem) for p in result.problems)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        assert "Traceback" not in problem.message
        problem.format()
    if result.bundle is None:
        assert any(p.is_error for p in result.problems)
    else:
        assert not any(p.is_error for p in result.problems)


def test_the_unmutated_files_are_valid(root: Path) -> None:
    (root / "timeline.yaml").write_text(VALID_TIMELINE, encoding="utf-8")
    result = load_bundle(root, [TIMELINE, EXTRAS], CONTEXT)
    assert result.problems == [] and result.bundle is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_text_mutations_only_give_problems(root: Path, data: st.DataObject) -> None:
    _assert_only_problems(root, _mutate(VALID_TIMELINE, data).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_byte_mutations_only_give_problems(root: Path, data: st.DataObject) -> None:
    raw = bytearray(VALID_TIMELINE.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    _assert_only_problems(root, bytes(raw))
