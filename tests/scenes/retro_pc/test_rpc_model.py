"""retro_pc.yaml: the real file is valid and sourced; a broken file system gives located errors with hints."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from kiosk.content.loader import load_file
from scenes.retro_pc import CONTENT_FILE, ContentModel
from scenes.retro_pc.dosnames import matches, name_problem, to_83

from .conftest import CONTENT_FILE as REAL_FILE
from .conftest import small_data


def errors_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        ContentModel.model_validate(data)
    return caught.value.errors()  # type: ignore[return-value]


def test_the_real_content_is_valid_and_sourced_from_pc_rows() -> None:
    assert CONTENT_FILE == "retro_pc.yaml"
    model = ContentModel.model_validate(yaml.safe_load(REAL_FILE.read_text(encoding="utf-8")))
    paths = model.file_paths()
    for required in ("C:\\DOS", "C:\\NC\\NC.EXE", "C:\\GAMES\\BLOCKS.EXE", "C:\\GAMES\\HISTORY.TXT",
                     "C:\\LEXICON\\LEX.EXE", "C:\\INTERNET\\DIALER.EXE", "C:\\README.TXT"):
        assert required in paths
    facts = Path("/work/shared/sources/facts.md")
    known = set(re.findall(r"key: (pc/[a-z0-9-]+)", facts.read_text(encoding="utf-8"))) if facts.exists() else set()
    sources = REAL_FILE.read_text(encoding="utf-8")
    cited = set(re.findall(r"facts:(pc/[a-z0-9-]+)", sources))
    assert cited and all(key.startswith("pc/") for key in cited)
    if known:
        assert cited <= known
    assert model.machine.source == "facts:pc/config"
    assert "Tetris" not in model.texts.blocks_title.en


def test_real_texts_fit_the_screen_and_the_code_page() -> None:
    model = ContentModel.model_validate(yaml.safe_load(REAL_FILE.read_text(encoding="utf-8")))
    readme = next(e for e in model.filesystem if e.name == "README.TXT")
    assert readme.text is not None
    for lang in ("ru", "en"):
        text = readme.text.pick(lang)
        assert max(len(line) for line in text.splitlines()) <= 78
        text.encode("cp866")
    assert "Типичный" in model.machine.label.ru or "типичн" in model.machine.label.ru.lower()


def test_duplicate_names_point_at_the_second_entry() -> None:
    data = small_data()
    data["filesystem"][1]["items"].append({"name": "blocks.exe", "size": 1})
    errors = errors_of(data)
    assert errors[0]["loc"] == ("filesystem", 1, "items", 2, "name")
    assert "already used by item 0" in errors[0]["msg"]
    data = small_data()
    data["filesystem"].append({"name": "games", "items": []})
    assert errors_of(data)[0]["loc"] == ("filesystem", len(data["filesystem"]) - 1, "name")


@pytest.mark.parametrize(("name", "hint"), [
    ("BAD NAME.TXT", "forbids"),
    ("A*B.TXT", "forbids"),
    ("LONGFILENAME.TXT", "LONGFILE.TXT"),
    ("FILE.TEXT", "FILE.TEX"),
    ("A.B.C", "more than one dot"),
    ("CON", "device name"),
    ("NAME€.TXT", "code page 866"),
    (".TXT", "no name before the dot"),
])
def test_names_dos_would_refuse(name: str, hint: str) -> None:
    data = small_data()
    data["filesystem"][0]["items"][0]["name"] = name
    errors = errors_of(data)
    assert errors[0]["loc"] == ("filesystem", 0, "items", 0, "name")
    assert hint in errors[0]["msg"]


def test_unknown_program_lists_the_known_ones() -> None:
    data = small_data()
    data["filesystem"][1]["items"][0]["program"] = "tetris"
    error = errors_of(data)[0]
    assert error["loc"] == ("filesystem", 1, "items", 0, "program")
    assert "unknown program 'tetris'" in error["msg"] and "blocks" in error["msg"]


def test_texts_must_fit_the_screen_and_code_page() -> None:
    data = small_data()
    data["filesystem"][1]["items"][1]["text"] = {"ru": "«кавычки»", "en": "x" * 90}
    errors = errors_of(data)
    locs = {e["loc"]: e["msg"] for e in errors}
    assert "code page 866" in locs[("filesystem", 1, "items", 1, "text", "ru")]
    assert "90 characters" in locs[("filesystem", 1, "items", 1, "text", "en")]


def test_kinds_and_references() -> None:
    data = small_data()
    data["filesystem"][0]["text"] = "a folder with text"
    assert errors_of(data)[0]["loc"] == ("filesystem", 0)
    data = small_data()
    data["filesystem"][-1]["opens"] = "C:\\MISSING.TXT"
    error = errors_of(data)[0]
    assert error["loc"] == ("filesystem", len(data["filesystem"]) - 1, "opens")
    data = small_data()
    data["machine"]["path"].append("C:\\NOPE")
    assert errors_of(data)[0]["loc"] == ("machine", "path", 2)
    data = small_data()
    data["machine"]["label"] = {"ru": "ПК 1995 года", "en": "The 1995 PC"}
    assert "typical" in errors_of(data)[0]["msg"]
    data = small_data()
    data["keysets"]["blocks"] = {"keys": [{"key": "JUMP"}]}
    assert errors_of(data)[0]["loc"] == ("keysets", "blocks", "keys", 0, "key")


def _check(tmp_path: Path, data: dict[str, Any]) -> tuple[list[str], list[Any]]:
    path = tmp_path / "retro_pc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model, problems, _ = load_file(path, ContentModel, shown="retro_pc.yaml")
    assert model is None
    return path.read_text(encoding="utf-8").splitlines(), problems


def test_check_reports_line_and_column(tmp_path: Path) -> None:
    data = small_data()
    data["filesystem"][1]["items"][0]["program"] = "tetris"
    data["filesystem"][3]["items"][0]["name"] = "ОЧЕНЬДЛИННОЕИМЯ.TXT"
    lines, problems = _check(tmp_path, data)
    assert len(problems) == 2
    tetris = next(p for p in problems if "tetris" in p.message)
    assert "program: tetris" in lines[tetris.line - 1]
    long_name = next(p for p in problems if "ОЧЕНЬДЛИ.TXT" in p.message)
    assert "ОЧЕНЬДЛИННОЕИМЯ.TXT" in lines[long_name.line - 1]
    assert tetris.format().startswith(f"retro_pc.yaml:{tetris.line}:{tetris.col}: error:")

    data = small_data()
    data["filesystem"][1]["items"].append({"name": "history.txt", "text": "again"})
    lines, problems = _check(tmp_path, data)
    assert len(problems) == 1 and "already used by item 1" in problems[0].message
    assert "history.txt" in lines[problems[0].line - 1]


def test_name_rules() -> None:
    assert to_83("historyfile.text") == "HISTORYF.TEX" and to_83("..") == ".."
    assert name_problem("ПИСЬМО.TXT") is None and name_problem("A-B_C.1") is None
    assert matches("*.TXT", "README.TXT") and not matches("*.TXT", "README.EXE")
    assert matches("READ?E.*", "README.TXT") and matches("R*", "README") and not matches("R*", "README.TXT")
    assert matches("*.*", "ANY") and matches("*", "X.Y")
