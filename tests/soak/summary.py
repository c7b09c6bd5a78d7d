"""The soak summary: figures from a finished SoakRun, the pass rules (docs/reliability.md), one-line headline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

RSS_GROWTH_LIMIT = 0.05
"""From the end of warm-up to the end, memory the bounded caches do not explain may grow by at most 5 % of the
process's RSS after warm-up (how it is measured: runner.SETTLE_S)."""
RATIO_BOUND = 3.0
"""The bench target: frame p99 / bare blit+flip median (issue 3, `bench`). Reported, not a pass rule: the
real scenes under monkey input do not meet it (nor does `bench --scenario timeline`); see docs/reliability.md."""


def percentile(values: list[float], q: float) -> float:
    from kiosk.commands.bench import percentile as bench_percentile

    return round(bench_percentile(values, q), 3)


def log_crashes(var_dir: Path) -> list[str]:
    """Lines of the rotating kiosk log (all generations) that report a crash or a traceback."""
    found = []
    for path in sorted((var_dir / "log").glob("kiosk.log*")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if "crashed" in line or line.startswith("Traceback"):
                found.append(f"{path.name}: {line}")
    return found


def build_summary(run: Any, bare: list[float], final: dict[str, Any], wall_s: float) -> dict[str, Any]:
    """The JSON summary of a SoakRun (tests/soak/runner.py); `failures` empty means the soak passed."""
    app, settings = run.app, run.settings
    rss = [s["rss_mb"] for s in run.samples]
    after = rss[2:]  # the samples after the tour (the first two: boot and the tour's end)
    warm_raw, warm = run.rss_warm or (None, None)
    end_raw, end = run.rss_end or (None, None)
    growth = (end - warm) / warm_raw if warm and end and warm_raw else None
    raw_growth = (end_raw - warm_raw) / warm_raw if warm_raw and end_raw else None
    bare_p50 = percentile(bare, 50)
    p99 = percentile(run.frames, 99)
    ratio = round(p99 / bare_p50, 2) if bare_p50 else None
    crashes = log_crashes(app.config.var_dir)
    budget_ms = 1000.0 / app.clock.fps * settings.frame_margin
    failures, warnings = [], []
    if run.uncaught:
        failures.append("an exception escaped the frame loop:\n" + run.uncaught)
    if app.scene_errors:
        failures.append(f"{app.scene_errors} scene error(s); last: {app.last_error}")
    if crashes:
        failures.append(f"{len(crashes)} crash line(s) in var/log: {crashes[:3]}")
    if warm is None:
        failures.append("warm-up incomplete: the tour did not show every linked scene in every language")
    elif growth is not None and growth > RSS_GROWTH_LIMIT:
        failures.append(f"RSS grew {growth:.1%} after warm-up: {end - warm:.1f} MB not explained by the caches "
                        f"({warm} → {end} MB without caches; RSS after warm-up {warm_raw} MB)")
    if p99 > budget_ms:
        failures.append(f"frame p99 {p99} ms is over the frame budget {budget_ms:.1f} ms")
    if ratio is None or ratio > RATIO_BOUND:
        warnings.append(f"frame p99 {p99} ms is {ratio}× the bare flip ({bare_p50} ms): over the bench "
                        f"target {RATIO_BOUND:g}×")
    if any(run.stuck.values()):
        failures.append(f"fingers still tracked after every finger was lifted: {run.stuck}")
    if not final["ok"]:
        failures.append(f"the final scripted tap was not answered: {final}")
    return {
        "seed": run.seed,
        "duration_s": round(app.clock.now(), 1),
        "wall_s": round(wall_s, 1),
        "startup_s": round(run.startup_s, 2),
        "size": f"{app.layout.width}x{app.layout.height}",
        "fps": app.clock.fps,
        "frames": len(run.frames),
        "warm_up_tour": run.tour,
        "bursts": run.monkey.bursts,
        "burst_s": round(run.monkey.burst_s, 1),
        "actions_sent": dict(sorted(run.monkey.actions.items())),
        "actions_total": sum(run.monkey.actions.values()),
        "events_sent": dict(sorted(run.monkey.events.items())),
        "events_total": sum(run.monkey.events.values()),
        "idle_gaps": run.monkey.idle_gaps,
        "countdowns": run.countdowns,
        "idle_resets": run.resets,
        "rss_mb": {"start": rss[0], "after_tour": (run.rss_after_tour or (None,))[0],
                   "after_warm_up": warm_raw, "end": end_raw,
                   "raw_change_pct": round(raw_growth * 100, 2) if raw_growth is not None else None,
                   "after_warm_up_without_caches": warm, "end_without_caches": end,
                   "last_sample": rss[-1],
                   "max": max(rss), "max_after_warm_up": max(after, default=None),
                   "growth_after_warm_up_pct": round(growth * 100, 2) if growth is not None else None,
                   "limit_pct": RSS_GROWTH_LIMIT * 100},
        "tour_end_s": round(run.tour_end, 1),
        "warm_up_end_s": round(run.warm_end, 1),
        "frame_ms": {"p50": percentile(run.frames, 50), "p99": p99,
                     "max": round(max(run.frames, default=0.0), 3)},
        "frame_ms_by_scene": {name: {"frames": len(times), "p50": percentile(times, 50),
                                     "p99": percentile(times, 99), "max": round(max(times), 3)}
                              for name, times in sorted(run.by_scene.items())},
        "bare_flip_ms": bare_p50,
        "ratio_p99_to_bare": ratio,
        "ratio_bound": RATIO_BOUND,
        "ratio_bound_met": ratio is not None and ratio <= RATIO_BOUND,
        "frame_budget_ms": round(budget_ms, 2),
        "stuck_fingers_after_lift": run.stuck,
        "scene_errors": app.scene_errors,
        "crashes_logged": crashes,
        "scenes_visited": dict(sorted(run.entered.items())),
        "languages_seen": sorted(run.langs_seen),
        "final_tap": final,
        "samples": run.samples,
        "failures": failures,
        "warnings": warnings,
        "passed": not failures,
    }


def headline(summary: dict[str, Any]) -> str:
    """One paragraph for the console and reports."""
    rss = summary["rss_mb"]
    return (f"soak seed {summary['seed']}: {summary['duration_s']} s program time in {summary['wall_s']} s wall, "
            f"{summary['actions_total']} actions / {summary['events_total']} touch events, "
            f"{summary['countdowns']} countdowns, {summary['idle_resets']} idle resets; "
            f"RSS {rss['start']} → {rss['after_tour']} (caches full after the tour) → {rss['after_warm_up']} "
            f"(warm, {summary['warm_up_end_s']} s) → {rss['end']} MB, max {rss['max']} MB; "
            f"without caches {rss['after_warm_up_without_caches']} → {rss['end_without_caches']} MB "
            f"(growth {rss['growth_after_warm_up_pct']} % of RSS); frame p50 {summary['frame_ms']['p50']} p99 "
            f"{summary['frame_ms']['p99']} max {summary['frame_ms']['max']} ms, bare flip "
            f"{summary['bare_flip_ms']} ms, ratio {summary['ratio_p99_to_bare']} (bench target "
            f"{summary['ratio_bound']}, frame budget {summary['frame_budget_ms']} ms); "
            f"scene errors {summary['scene_errors']}, scenes {summary['scenes_visited']}; "
            f"{'PASS' if summary['passed'] else 'FAIL'}")
