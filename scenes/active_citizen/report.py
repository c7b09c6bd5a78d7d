"""`run_kiosk.py report votes --out DIR`: the poll's stored votes as CSV files for the curators.

Why: the pavilion reports what visitors answered; the files must open in a spreadsheet with Cyrillic intact
(UTF-8 with BOM) and include retired questions and questions no longer in the content, since votes are
never thrown away.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from pathlib import Path

from kiosk.content.loader import load_file
from kiosk.db import StorageError
from scenes.active_citizen.charts import largest_remainder, respondent_percentages
from scenes.active_citizen.model import ContentModel, Question
from scenes.active_citizen.store import VoteStore, db_path_for, signature_ids

LOG = logging.getLogger("kiosk.report")
CONTENT_FILE = "active_citizen.yaml"

SUMMARY_NAME = "summary.csv"
ENCODING = "utf-8-sig"  # the BOM makes spreadsheet programs read UTF-8 Cyrillic correctly
QUESTION_HEADER = ["option_id", "text_ru", "text_en", "votes", "percent", "in_content"]
SUMMARY_HEADER = ["question_id", "status", "kind", "text_ru", "text_en", "respondents", "selections",
                  "leading_option", "first_vote_utc", "last_vote_utc", "options_signature", "file"]


def _file_name(question_id: str) -> str:
    safe = re.sub(r"[^a-z0-9-]+", "_", question_id.lower()).strip("_") or "question"
    return f"question_{safe}.csv"


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _utc(timestamp: float | None) -> str:
    if timestamp is None:
        return ""
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _option_order(question: Question | None, counts: dict[str, int], stored_signature: str | None) -> list[str]:
    """Content order first, then options known only to the database (old option lists)."""
    order = question.option_ids() if question else []
    for option_id in [*(signature_ids(stored_signature) if stored_signature else []), *sorted(counts)]:
        if option_id not in order:
            order.append(option_id)
    return order


def write_vote_report(db_path: Path, out_dir: Path, content: ContentModel | None = None) -> list[Path]:
    """Write one CSV per question (option id, RU/EN text when `content` is given, votes, percent) and
    summary.csv into `out_dir`; return the paths written, summary last. Percent: share of all votes for a
    single-choice question (sums to 100.0), share of respondents for a multiple-choice one. Raises
    StorageError when the database is missing or unusable."""
    if not db_path.exists():
        raise StorageError(f"no votes database at {db_path}: nothing has been voted yet, or the path is wrong")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    summary_rows: list[list[object]] = []
    with VoteStore(db_path) as store:
        question_ids = [question.id for question in content.poll.questions] if content else []
        question_ids += [seen for seen in store.questions_seen() if seen not in question_ids]
        for question_id in question_ids:
            question = content.poll.question(question_id) if content else None
            counts = store.counts(question_id)
            stats = store.stats(question_id)
            order = _option_order(question, counts, stats.options_signature)
            values = [counts.get(option_id, 0) for option_id in order]
            multiple = question is not None and question.kind == "multiple"
            percents = (respondent_percentages(values, stats.respondents, decimals=1) if multiple
                        else largest_remainder(values, decimals=1))
            path = out_dir / _file_name(question_id)
            with path.open("w", encoding=ENCODING, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(QUESTION_HEADER)
                for option_id, value, percent in zip(order, values, percents, strict=True):
                    option = question.option(option_id) if question else None
                    writer.writerow([_cell(option_id), _cell(option.text.ru if option else ""),
                                     _cell(option.text.en if option else ""), value, f"{percent:.1f}",
                                     "" if content is None else ("yes" if option else "no")])
            written.append(path)
            leading = max(order, key=lambda oid: counts.get(oid, 0)) if counts else ""
            status = ("unknown" if content is None else "not in content" if question is None
                      else "retired" if question.retired else "active")
            summary_rows.append([
                question_id, status, question.kind if question else "",
                question.text.ru if question else "", question.text.en if question else "",
                stats.respondents, sum(values), leading, _utc(stats.first_vote_at), _utc(stats.last_vote_at),
                stats.options_signature or "", path.name])
    summary = out_dir / SUMMARY_NAME
    with summary.open("w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SUMMARY_HEADER)
        writer.writerows([_cell(cell) for cell in row] for row in summary_rows)
    written.append(summary)
    return written


def report_votes(out_dir: Path, var_dir: Path, content_dir: Path | None = None) -> list[Path]:
    """`run_kiosk.py report votes --out DIR`: the kiosk's votes database with texts from the content folder
    (the report command passes these arguments by name). Invalid content only leaves the texts blank."""
    content = None
    if content_dir is not None:
        content, problems, _ = load_file(Path(content_dir) / CONTENT_FILE, ContentModel)
        for problem in problems:
            LOG.warning("%s (the report leaves question texts blank)", problem)
    return write_vote_report(db_path_for(Path(var_dir)), Path(out_dir), content)
