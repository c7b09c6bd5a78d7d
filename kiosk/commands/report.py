"""`report`: the curators' visitor report — one self-contained HTML file with inline SVG charts, plus CSVs.

Why: curators open the report on any office PC, offline, without scripts; the CSVs go into their
spreadsheets. Every string that came from content or the database is HTML-escaped (an event id such as
`<script>alert(1)</script>` shows as text) and CSV cells that a spreadsheet would run as a formula are
quoted. `report NAME --out DIR` runs a report a scene package provides in its `REPORTS` dict.
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib
import inspect
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.analytics import FILE_NAME
from kiosk.analytics_summary import Summary, open_for_reading, summarize
from kiosk.db import StorageError

NAME = "report"
HELP = "write the visitor report (HTML with charts + CSV), or a scene's report: report NAME --out DIR"

CHART_BAR = "#2f6fb3"
CHART_TEXT = "#1b2330"
CHART_GRID = "#d5dbe5"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", default=None,
                        help="a scene's report (e.g. votes); leave out for the visitor report")
    parser.add_argument("--out", type=Path, default=None,
                        help="visitor report: HTML file (default report.html); scene report: folder")
    parser.add_argument("--db", type=Path, default=None,
                        help=f"analytics database (default: <var>/{FILE_NAME} from the config)")
    parser.add_argument("--days", type=int, default=30, help="how many days to cover (default 30)")
    parser.add_argument("--until", type=date.fromisoformat, default=None,
                        help="last day to cover, YYYY-MM-DD (default today)")


def run(args: argparse.Namespace) -> int:
    if args.name:
        return _run_scene_report(args)
    if args.days < 1:
        print("error: --days must be 1 or more", file=sys.stderr)
        return 2
    try:
        db_path = args.db if args.db is not None else _load_config(args).var_dir / FILE_NAME
        written = write_report(db_path, args.out or Path("report.html"), args.days, args.until or date.today())
    except (StorageError, OSError, _ConfigProblem) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


# -- the visitor report -----------------------------------------------------------------------------------

def write_report(db_path: Path, out: Path, days: int, last_day: date,
                 generated_at: datetime | None = None) -> list[Path]:
    """Write `out` (HTML) and `<stem>-*.csv` beside it; return the paths written, the HTML first."""
    conn = open_for_reading(db_path)
    try:
        summary = summarize(conn, last_day, days)
    finally:
        conn.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(summary, generated_at or datetime.now()), encoding="utf-8")
    return [out, *write_csvs(summary, out)]


def write_csvs(summary: Summary, out_html: Path) -> list[Path]:
    tables: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]] = {
        "visits-per-hour": (("hour", "visits"), [(f"{h:02d}:00", n) for h, n in enumerate(summary.visits_per_hour)]),
        "visits-per-day": (("date", "visits"), [(d.isoformat(), n) for d, n in summary.visits_per_day]),
        "dwell-time": (("dwell", "visits"), summary.dwell_buckets),
        "top-events": (("event_id", "views"), summary.top_events),
        "scenes": (("scene", "opens"), summary.scenes),
        "languages": (("language", "visits"), summary.languages),
        "poll-answers": (("question_id", "answers"), summary.poll_answers),
    }
    written = []
    for suffix, (header, rows) in tables.items():
        path = out_html.with_name(f"{out_html.stem}-{suffix}.csv")
        with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads Cyrillic right
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
        written.append(path)
    return written


def _csv_cell(value: object) -> object:
    """Text a spreadsheet would evaluate (=, +, -, @ first) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def vertical_bars(items: Sequence[tuple[str, int]], label_every: int = 1, width: int = 900,
                  height: int = 240) -> str:
    """An SVG column chart; labels under every `label_every`-th column."""
    left, bottom, top = 40, 34, 16
    peak = max((n for _, n in items), default=0) or 1
    slot = (width - left - 8) / max(1, len(items))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
             f' viewBox="0 0 {width} {height}">']
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="{CHART_GRID}"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" fill="{CHART_TEXT}">'
                 f'{peak}</text>')
    for i, (label, count) in enumerate(items):
        bar_h = (base - top) * count / peak
        x = left + i * slot
        parts.append(f'<rect x="{x + slot * 0.12:.1f}" y="{base - bar_h:.1f}" width="{slot * 0.76:.1f}"'
                     f' height="{bar_h:.1f}" fill="{CHART_BAR}"><title>{_e(label)}: {count}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{base + 16}" text-anchor="middle" font-size="11"'
                         f' fill="{CHART_TEXT}">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(items: Sequence[tuple[str, int]], width: int = 900, row: int = 24) -> str:
    """An SVG bar chart with a label and a count on every row (long labels are cut, full text in the tooltip)."""
    label_w, count_w = 300, 60
    peak = max((n for _, n in items), default=0) or 1
    height = max(1, len(items)) * row + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
             f' viewBox="0 0 {width} {height}">']
    if not items:
        parts.append(f'<text x="0" y="{row - 6}" font-size="13" fill="{CHART_TEXT}">no data</text>')
    for i, (label, count) in enumerate(items):
        y = 4 + i * row
        bar_w = (width - label_w - count_w) * count / peak
        shown = label if len(label) <= 40 else label[:39] + "…"
        parts.append(f'<g><title>{_e(label)}</title><text x="{label_w - 8}" y="{y + row - 8}" text-anchor="end"'
                     f' font-size="13" fill="{CHART_TEXT}">{_e(shown)}</text></g>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row - 8}" fill="{CHART_BAR}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6:.1f}" y="{y + row - 8}" font-size="13"'
                     f' fill="{CHART_TEXT}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b2330; margin: 2em auto; max-width: 960px; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d5dbe5; }
dl.figures { display: grid; grid-template-columns: max-content auto; gap: .3em 1.5em; }
dl.figures dt { color: #5a6578; } dl.figures dd { margin: 0; font-weight: bold; }
table { border-collapse: collapse; } td, th { padding: .2em .8em; border-bottom: 1px solid #e4e8ef; text-align: left; }
td.n { text-align: right; } .note { color: #5a6578; font-size: .9em; }
"""


def _table(header: tuple[str, str], rows: Sequence[tuple[str, int]], figure_prefix: str) -> str:
    body = "".join(f'<tr><td>{_e(label)}</td><td class="n" data-figure="{_e(figure_prefix)}-{_e(label)}">'
                   f"{count}</td></tr>" for label, count in rows)
    return f"<table><tr><th>{_e(header[0])}</th><th>{_e(header[1])}</th></tr>{body}</table>"


def render_html(summary: Summary, generated_at: datetime) -> str:
    total_lang = sum(n for _, n in summary.languages) or 1
    lang_lines = "".join(
        f'<dt>{_e(lang.upper())}</dt><dd data-figure="lang-{_e(lang)}">{n} ({100 * n / total_lang:.0f} %)</dd>'
        for lang, n in summary.languages)
    days = len(summary.visits_per_day)
    period = f"{summary.first_day.isoformat()} — {summary.last_day.isoformat()} ({days} days)"
    sections = [
        "<h2>Visits per hour of day</h2>",
        vertical_bars([(f"{h:02d}", n) for h, n in enumerate(summary.visits_per_hour)], label_every=2),
        "<h2>Visits per day</h2>",
        vertical_bars([(d.strftime("%d.%m"), n) for d, n in summary.visits_per_day],
                      label_every=max(1, days // 15)),
        "<h2>Dwell time</h2>",
        '<p class="note">Time from the first touch to the last one; the idle wait before the kiosk decided'
        " the visitor had gone is not counted.</p>",
        horizontal_bars(summary.dwell_buckets),
        "<h2>Top 20 event cards viewed</h2>",
        horizontal_bars(summary.top_events),
        _table(("event id", "views"), summary.top_events, "event"),
        "<h2>Scene use</h2>",
        horizontal_bars(summary.scenes),
        _table(("scene", "opens"), summary.scenes, "scene"),
        "<h2>Language (RU / EN)</h2>",
        horizontal_bars([(lang.upper(), n) for lang, n in summary.languages]),
        "<h2>Poll answers per question</h2>",
        horizontal_bars(summary.poll_answers),
    ]
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>',
        "<title>Runet-30 kiosk — visitor report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Runet-30 kiosk — visitor report</h1>",
        f'<p class="note">Period: {_e(period)}. Generated {_e(generated_at.strftime("%Y-%m-%d %H:%M"))}.'
        " Anonymous counts only: no personal data is collected.</p>",
        '<dl class="figures">',
        f'<dt>Visits</dt><dd data-figure="visits">{summary.visits}</dd>',
        f'<dt>Median dwell time</dt><dd data-figure="dwell-median">{_e(_duration(summary.dwell_median_s))}</dd>',
        f'<dt>Mean dwell time</dt><dd data-figure="dwell-mean">{_e(_duration(summary.dwell_mean_s))}</dd>',
        lang_lines,
        "</dl>",
        *sections,
        "</body></html>\n",
    ])


# -- scene reports ----------------------------------------------------------------------------------------

class _ConfigProblem(Exception):
    pass


def _load_config(args: argparse.Namespace) -> Any:
    try:
        from kiosk.config import load_config
    except ImportError as exc:
        raise _ConfigProblem(f"kiosk.config is not available ({exc}); give --db PATH") from exc
    try:
        return load_config(getattr(args, "config", None) or "config/kiosk.yaml")
    except Exception as exc:  # ConfigError already reads file:line:col: error: ...
        raise _ConfigProblem(str(exc)) from exc


def scene_reports(config: Any) -> dict[str, Callable[..., Any]]:
    """`REPORTS` of every enabled scene in the config, by report name (the first scene wins a clash)."""
    found: dict[str, Callable[..., Any]] = {}
    for _scene, entry in dict(getattr(config, "scenes", {}) or {}).items():
        if not getattr(entry, "enabled", True):
            continue
        try:
            module = importlib.import_module(entry.module)
        except Exception as exc:  # a broken scene must not hide the other scenes' reports
            print(f"warning: scene module {entry.module} cannot be imported: {exc}", file=sys.stderr)
            continue
        for name, func in dict(getattr(module, "REPORTS", {}) or {}).items():
            found.setdefault(str(name), func)
    return found


REPORT_ARGUMENTS = ("out_dir", "var_dir", "content_dir", "config", "args")


def call_scene_report(func: Callable[..., Any], available: dict[str, Any]) -> Any:
    """Call a scene's report function with the arguments it names (see REPORT_ARGUMENTS)."""
    params = inspect.signature(func).parameters.values()
    kwargs: dict[str, Any] = {}
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.name in available:
            kwargs[param.name] = available[param.name]
        elif param.default is param.empty:
            raise TypeError(f"report function {getattr(func, '__qualname__', func)} needs '{param.name}', which"
                            f" `report` does not provide; it may take: {', '.join(REPORT_ARGUMENTS)}")
    return func(**kwargs)


def _run_scene_report(args: argparse.Namespace) -> int:
    try:
        config = _load_config(args)
    except _ConfigProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    reports = scene_reports(config)
    func = reports.get(args.name)
    if func is None:
        known = ", ".join(sorted(reports)) or "none (no enabled scene exports REPORTS)"
        print(f"error: no report named '{args.name}'; reports of the enabled scenes: {known}", file=sys.stderr)
        return 2
    out_dir = args.out or Path(f"report-{args.name}")
    content_dir = Path(args.content) if getattr(args, "content", None) else config.content_dir
    available = {"out_dir": out_dir, "var_dir": config.var_dir, "content_dir": content_dir, "config": config,
                 "args": args}
    try:
        result = call_scene_report(func, available)
    except (StorageError, OSError, TypeError, ValueError) as exc:
        print(f"error: report {args.name}: {exc}", file=sys.stderr)
        return 1
    if isinstance(result, int) and not isinstance(result, bool):
        return result
    paths = [result] if isinstance(result, str | Path) else list(result or [])
    for path in paths:
        print(path)
    return 0
