"""The curators' report from a synthetic week: it parses, shows the right figures, escapes, writes CSVs."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import statistics
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.commands import report
from tests.ops.analytics_data import DAYS, FIRST_DAY, SCRIPT_TITLE, Expected, write_week

LAST_DAY = FIRST_DAY + dt.timedelta(days=DAYS - 1)


class Page(HTMLParser):
    """What a browser would see: tags opened, text shown, and our data-figure values."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.figures: dict[str, str] = {}
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs).get("data-figure")
        self._figure = found
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}={value}"
            assert name not in ("href", "src"), f"the report must not load or link anything: {name}={value}"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._figure is not None:
            self.figures[self._figure] = data
            self._figure = None


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    folder = tmp_path_factory.mktemp("week")
    db = folder / "analytics.sqlite"
    return db, write_week(db)


def make_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config/kiosk.yaml")
    parser.add_argument("--content", default=None)
    report.add_arguments(parser)
    return parser.parse_args(argv)


def test_report_of_a_week(week: tuple[Path, Expected], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, expected = week
    out = tmp_path / "out" / "report.html"
    code = report.run(make_args(["--db", str(db), "--out", str(out), "--days", str(DAYS),
                                 "--until", LAST_DAY.isoformat()]))
    assert code == 0
    printed = capsys.readouterr().out.split()
    assert printed[0] == str(out) and len(printed) == 8
    text = out.read_text(encoding="utf-8")

    ET.fromstring(text.split("\n", 1)[1])  # well-formed: opens in any browser, and in an XML parser
    page = Page()
    page.feed(text)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.tags.count("svg") == 7

    assert page.figures["visits"] == str(expected.visits) == str(sum(20 + 5 * d for d in range(DAYS)))
    ru, en = expected.languages["ru"], expected.languages["en"]
    assert page.figures["lang-ru"] == f"{ru} ({100 * ru / expected.visits:.0f} %)"
    assert page.figures["lang-en"] == f"{en} ({100 * en / expected.visits:.0f} %)"
    median = statistics.median(expected.dwell)
    minutes, seconds = divmod(int(round(median)), 60)
    assert page.figures["dwell-median"] == (f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s")
    top = sorted(expected.event_views.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    for event_id, views in top:
        assert page.figures[f"event-{event_id}"] == str(views)
    for scene, opens in expected.scene_opens.items():
        assert page.figures[f"scene-{scene}"] == str(opens)

    # the hostile title is shown as text, never as markup
    assert SCRIPT_TITLE in "".join(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>" not in text


def test_csvs_beside_the_report(week: tuple[Path, Expected], tmp_path: Path) -> None:
    db, expected = week
    written = report.write_report(db, tmp_path / "week.html", DAYS, LAST_DAY)
    names = sorted(p.name for p in written[1:])
    assert names == sorted(f"week-{n}.csv" for n in ("visits-per-hour", "visits-per-day", "dwell-time",
                                                      "top-events", "scenes", "languages", "poll-answers"))

    def read(name: str) -> list[list[str]]:
        with (tmp_path / f"week-{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))

    per_day = read("visits-per-day")
    assert per_day[0] == ["date", "visits"]
    assert per_day[1:] == [[(FIRST_DAY + dt.timedelta(days=i)).isoformat(), str(20 + 5 * i)] for i in range(DAYS)]
    per_hour = read("visits-per-hour")
    assert [int(n) for _, n in per_hour[1:]] == expected.per_hour
    assert sum(int(n) for _, n in read("dwell-time")[1:]) == expected.visits
    assert dict((k, int(v)) for k, v in read("languages")[1:]) == expected.languages
    events = dict(read("top-events")[1:])
    assert len(events) == 20
    assert all(not key.startswith("=") for key in events)


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path: Path) -> None:
    from kiosk.analytics_summary import Summary

    summary = Summary(FIRST_DAY, FIRST_DAY, top_events=[('=HYPERLINK("http://evil")', 3), ("-1+2", 2),
                                                       ("@cmd", 1), ("ru-domain-1994", 1), (SCRIPT_TITLE, 1)])
    report.write_csvs(summary, tmp_path / "r.html")
    with (tmp_path / "r-top-events.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [row[0] for row in csv.reader(handle)][1:]
    assert cells == ['\'=HYPERLINK("http://evil")', "'-1+2", "'@cmd", "ru-domain-1994", SCRIPT_TITLE]


def test_days_outside_the_period_are_left_out(week: tuple[Path, Expected], tmp_path: Path) -> None:
    db, expected = week
    out = tmp_path / "two.html"
    report.write_report(db, out, 2, LAST_DAY)
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.figures["visits"] == str(expected.per_day[LAST_DAY] + expected.per_day[LAST_DAY - dt.timedelta(1)])


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = report.run(make_args(["--db", str(tmp_path / "nope.sqlite"), "--out", str(tmp_path / "r.html")]))
    assert code == 1
    assert "no analytics database" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite").exists()


def test_scene_report_is_found_through_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import sys
    import types

    calls: list[dict[str, object]] = []

    def votes(out_dir: Path, var_dir: Path) -> list[Path]:
        calls.append({"out_dir": out_dir, "var_dir": var_dir})
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "summary.csv"
        path.write_text("question,votes\n")
        return [path]

    def needs_more(db_path: Path) -> None:
        raise AssertionError("must not be called")

    module = types.ModuleType("fake_scene_for_report")
    module.REPORTS = {"votes": votes, "odd": needs_more}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_scene_for_report", module)
    config = SimpleNamespace(scenes={"poll": SimpleNamespace(module="fake_scene_for_report", enabled=True),
                                     "off": SimpleNamespace(module="does.not.exist", enabled=False)},
                             var_dir=tmp_path / "var", content_dir=tmp_path / "content")
    monkeypatch.setattr(report, "_load_config", lambda args: config)

    assert report.run(make_args(["votes", "--out", str(tmp_path / "votes")])) == 0
    assert calls == [{"out_dir": tmp_path / "votes", "var_dir": tmp_path / "var"}]
    assert capsys.readouterr().out.strip() == str(tmp_path / "votes" / "summary.csv")

    assert report.run(make_args(["nothing", "--out", str(tmp_path / "x")])) == 2
    assert "reports of the enabled scenes: odd, votes" in capsys.readouterr().err

    assert report.run(make_args(["odd", "--out", str(tmp_path / "x")])) == 1
    assert "needs 'db_path'" in capsys.readouterr().err
