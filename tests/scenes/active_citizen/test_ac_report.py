"""`report votes`: one CSV per question plus a summary, readable in a spreadsheet, nothing left out."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kiosk.commands.report import call_scene_report
from kiosk.db import StorageError
from scenes.active_citizen import REPORTS, report_votes
from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.report import write_vote_report
from scenes.active_citizen.store import VoteStore, db_path_for, options_signature

from .conftest import CONTENT_PATH

CONTENT_DIR = CONTENT_PATH.parent


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def filled_db(db_path: Path, content: ContentModel) -> Path:
    tram = content.poll.question("river-tram-name")
    services = content.poll.question("mosru-services")
    assert tram is not None and services is not None
    with VoteStore(db_path) as store:
        for number, option in enumerate(["sinichka", "sinichka", "yauza"]):
            assert store.record_vote(tram.id, [option], f"s{number}", tram.options_signature)
        assert store.record_vote(services.id, ["medical-record", "school-diary"], "s0", services.options_signature)
        assert store.record_vote(services.id, ["medical-record"], "s1", services.options_signature)
        assert store.record_vote("old-question", ["x"], "s0", options_signature(["x", "y"]))
    return db_path


def test_report_with_content(filled_db: Path, content: ContentModel, tmp_path: Path) -> None:
    out = tmp_path / "report"
    written = write_vote_report(filled_db, out, content)
    names = [path.name for path in written]
    assert names[-1] == "summary.csv"
    assert "question_river-tram-name.csv" in names and "question_old-question.csv" in names
    assert len(written) == len(content.poll.questions) + 2  # every content question, the old one, the summary
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the Cyrillic

    tram = _read(out / "question_river-tram-name.csv")
    assert [row["option_id"] for row in tram] == ["sinichka", "yauza", "setun", "neglinka", "likhoborka"]
    assert tram[0] == {"option_id": "sinichka", "text_ru": "«Синичка»", "text_en": '"Sinichka"', "votes": "2",
                       "percent": "66.7", "in_content": "yes"}
    assert [row["percent"] for row in tram] == ["66.7", "33.3", "0.0", "0.0", "0.0"]

    services = _read(out / "question_mosru-services.csv")
    assert services[0]["votes"] == "2" and services[0]["percent"] == "100.0"  # share of respondents
    assert services[1]["votes"] == "1" and services[1]["percent"] == "50.0"

    old = _read(out / "question_old-question.csv")
    assert [(row["option_id"], row["votes"], row["in_content"]) for row in old] == [("x", "1", "no"), ("y", "0", "no")]

    summary = {row["question_id"]: row for row in _read(out / "summary.csv")}
    assert summary["river-tram-name"]["status"] == "active"
    assert summary["river-tram-name"]["respondents"] == "3" and summary["river-tram-name"]["leading_option"] == "sinichka"
    assert summary["river-tram-name"]["text_ru"] == "Как бы вы назвали электрический речной трамвай?"
    assert summary["mosru-services"]["respondents"] == "2" and summary["mosru-services"]["selections"] == "3"
    assert summary["old-question"]["status"] == "not in content"
    assert summary["ag-participation"]["respondents"] == "0" and summary["ag-participation"]["first_vote_utc"] == ""
    assert len(summary["river-tram-name"]["first_vote_utc"]) == len("2024-05-21 10:00:00")


def test_report_without_content(filled_db: Path, tmp_path: Path) -> None:
    written = write_vote_report(filled_db, tmp_path / "raw")
    assert [path.name for path in written] == [
        "question_mosru-services.csv", "question_old-question.csv", "question_river-tram-name.csv", "summary.csv"]
    tram = _read(tmp_path / "raw" / "question_river-tram-name.csv")
    # option order from the stored option list; no texts without the content
    assert [(row["option_id"], row["votes"], row["text_ru"]) for row in tram][:2] == [
        ("likhoborka", "0", ""), ("neglinka", "0", "")]
    assert {row["option_id"]: row["votes"] for row in tram}["sinichka"] == "2"
    assert _read(tmp_path / "raw" / "summary.csv")[0]["status"] == "unknown"


def test_retired_questions_are_reported(filled_db: Path, content: ContentModel, tmp_path: Path) -> None:
    data = content.model_dump(mode="json")
    data["poll"]["questions"][2]["retired"] = True
    retired = ContentModel.model_validate(data)
    write_vote_report(filled_db, tmp_path / "r", retired)
    summary = {row["question_id"]: row for row in _read(tmp_path / "r" / "summary.csv")}
    assert summary["river-tram-name"]["status"] == "retired" and summary["river-tram-name"]["respondents"] == "3"


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no votes database at .*nothing has been voted yet"):
        write_vote_report(tmp_path / "absent.sqlite3", tmp_path / "out")
    assert not (tmp_path / "absent.sqlite3").exists()



def test_report_command_contract(filled_db: Path, tmp_path: Path) -> None:
    """`run_kiosk.py report votes` passes out_dir, var_dir and content_dir by name."""
    var_dir = filled_db.parent.parent
    assert db_path_for(var_dir) == filled_db
    out = tmp_path / "cli"
    written = call_scene_report(REPORTS["votes"], {"out_dir": out, "var_dir": var_dir, "content_dir": CONTENT_DIR,
                                                   "config": None, "args": None})
    assert written[-1] == out / "summary.csv"
    summary = {row["question_id"]: row for row in _read(out / "summary.csv")}
    assert summary["river-tram-name"]["text_en"] == "What would you name an electric river tram?"


def test_report_with_broken_content_still_counts(filled_db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "content"
    broken.mkdir()
    (broken / "active_citizen.yaml").write_text("poll: [\n", encoding="utf-8")
    report_votes(tmp_path / "out", filled_db.parent.parent, broken)
    summary = {row["question_id"]: row for row in _read(tmp_path / "out" / "summary.csv")}
    assert summary["river-tram-name"]["respondents"] == "3" and summary["river-tram-name"]["text_ru"] == ""


def test_formula_like_text_is_defused(db_path: Path, tmp_path: Path) -> None:
    with VoteStore(db_path) as store:
        store.record_vote("=cmd", ["a"], "s1", options_signature(["a", "b"]))
    write_vote_report(db_path, tmp_path / "out")
    assert _read(tmp_path / "out" / "summary.csv")[0]["question_id"] == "'=cmd"
