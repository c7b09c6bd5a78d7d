"""The live poll through the real app: scripted taps vote, the chart and the database follow; one vote per
question per visitor; hammering counts once; idle starts a new visitor; votes survive a restart; a broken
database is shown calmly and reported to the admin."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scenes.active_citizen.store import db_path_for
from tests.conftest import pixel
from tests.scenes.active_citizen.conftest import AcDriver, content_variant, stored_counts, theme_rgb


def _at(rect: Any) -> tuple[int, int]:
    return (rect.centerx, rect.centery)


def test_tapping_an_option_stores_the_vote_and_draws_the_chosen_bar(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    app = driver.app
    driver.tap("ac.section.poll", "ac.question.river-tram-name", wait=0.1)
    option = app.find_target("ac.option.yauza")
    assert option is not None
    chosen = theme_rgb(app, "chosen")
    before = [pixel(app, x, option.centery) for x in range(option.left + 8, option.right - 8, 40)]
    assert chosen not in before
    driver.tap("ac.option.yauza", wait=1.2)  # the chart grows for chart_animation_s (1 s)
    scene = driver.scene
    chart = scene.poll_screen.chart
    assert chart is not None and set(chart.bars) == {"sinichka", "yauza", "setun", "neglinka", "likhoborka"}
    full = chart.bars["yauza"]
    assert full.width > 200 and pixel(app, *_at(full)) == chosen
    assert all(chart.bars[o].width == 0 for o in ("sinichka", "setun", "neglinka", "likhoborka"))
    city = chart.city["sinichka"]  # then and now: the real 2021 share, 28.77 % of the same track
    assert pixel(app, *_at(city)) == theme_rgb(app, "city")
    assert 0.25 < city.width / full.width < 0.32
    assert stored_counts(app, "river-tram-name") == ({"yauza": 1}, 1)
    assert scene.poll.session.points == 20
    assert scene.poll_screen.progress_fill.width > 0  # the points bar moved
    assert app.scene_errors == 0


def test_the_chart_grows_after_the_vote_is_committed(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour")
    driver.tap("ac.option.black")  # the script waits 0.15 s after a tap: the ring is still growing
    early = driver.scene.poll_screen.chart
    assert early is not None and early.ring_center is not None
    early_sweep = early.slices["black"][1] - early.slices["black"][0]
    driver.app.advance(1.0)
    late = driver.scene.poll_screen.chart
    assert late is not None and late.slices["black"] == (0.0, 360.0) and 0 < early_sweep < 360
    outer, inner = late.ring_radii
    cx, cy = late.ring_center
    assert pixel(driver.app, cx, cy - (outer + inner) // 2) == theme_rgb(driver.app, "chosen")


def test_one_vote_per_question_and_hammering_counts_once(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app().open()
    app = driver.app
    driver.tap("ac.section.poll", "ac.question.mosru-services", wait=0.1)
    first = app.find_target("ac.option.medical-record")
    assert first is not None
    # a double tap on the same option within the tap interval toggles it once
    driver.tap("ac.option.medical-record", "ac.option.medical-record", "ac.option.school-diary")
    assert driver.scene.poll_view().selected == ("medical-record", "school-diary")
    vote = app.find_target("ac.vote")
    assert vote is not None
    assert app.play([{"tap": [vote.centerx, vote.centery]} for _ in range(8)]) == []
    assert stored_counts(app, "mosru-services") == ({"medical-record": 1, "school-diary": 1}, 1)
    # coming back later in the same visit shows the results instead of asking again
    driver.tap("ac.question.metro-line-colour", wait=1.1)
    driver.tap("ac.question.mosru-services", wait=0.1)
    assert driver.scene.poll_view().phase == "results"
    assert app.find_target("ac.vote") is None and app.find_target("ac.option.none-yet") is None
    # hammering a single-choice option: one vote
    driver.tap("ac.question.ag-participation", wait=0.1)
    option = app.find_target("ac.option.regularly")
    assert option is not None
    assert app.play([{"tap": [option.centerx, option.centery]} for _ in range(8)]) == []
    assert stored_counts(app, "ag-participation") == ({"regularly": 1}, 1)
    assert driver.scene.poll.session.points == 40


def test_idle_reset_starts_a_new_visitor(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app(extra={"idle": {"idle_seconds": 5, "countdown_seconds": 2}}).open()
    app = driver.app
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.pink", wait=1.2)
    assert driver.scene.poll.session.points == 20
    first_scene = driver.scene
    app.advance(8.0)  # 5 s idle + 2 s countdown: the engine resets to home
    assert app.scene_name() == "menu" and first_scene.poll is None  # exit() closed the controller
    driver.open()
    scene = driver.scene
    assert scene is not first_scene and scene.section == "home"
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", wait=0.1)
    assert scene.poll.session.points == 0 and scene.poll_screen.progress_fill.width == 0
    assert app.find_target("ac.option.pink") is not None  # asked again: a new visitor may vote
    driver.tap("ac.option.black", wait=1.2)
    assert stored_counts(app, "metro-line-colour") == ({"pink": 1, "black": 1}, 2)
    assert scene.poll.session.points == 20


def test_votes_survive_a_restart(ac_app: Callable[..., AcDriver], tmp_path: Path) -> None:
    first = ac_app().open()
    first.tap("ac.section.poll", "ac.question.luzhniki-stands-colour", "ac.option.graphite", wait=0.2)
    first.app.shutdown()  # like a power cut: the scene never closed
    second = ac_app(content=tmp_path / "content").open()
    assert second.app.config.var_dir == first.app.config.var_dir
    second.tap("ac.section.poll", "ac.question.luzhniki-stands-colour", "ac.option.gold", wait=1.2)
    chart = second.scene.poll_view().chart
    assert chart is not None and {(b.option_id, b.count) for b in chart.bars} >= {("graphite", 1), ("gold", 1)}
    assert stored_counts(second.app, "luzhniki-stands-colour") == ({"graphite": 1, "gold": 1}, 2)
    assert second.scene.poll_screen.chart.bars["graphite"].width > 0


def test_a_corrupt_database_shows_results_unavailable(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app()
    app = driver.app
    db = db_path_for(app.config.var_dir)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database " * 400)
    driver.open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.pink", wait=0.2)
    scene = driver.scene
    view = scene.poll_view()
    assert view.phase == "unavailable" and view.message == "vote_not_saved" and view.chart is None
    assert app.scene_name() == "active_citizen" and app.scene_errors == 0
    notes = [note for note in app.notes if note.startswith("Active Citizen votes:")]
    assert len(notes) == 1 and str(db) in notes[0]
    notice = scene.poll_screen.notice
    assert notice is not None and pixel(app, notice.x + 12, notice.centery) == theme_rgb(app, "notice_bg")
    assert scene.poll.session.points == 0  # nothing was acknowledged
    driver.tap("ac.retry", wait=1.0)  # and past the tap interval of the question screen
    assert scene.poll_view().phase == "asking" and app.find_target("ac.option.pink") is not None
    driver.tap("ac.option.pink", wait=0.1)  # still broken: calm again, and no second note for the same error
    assert scene.poll_view().phase == "unavailable" and app.scene_errors == 0
    assert len([note for note in app.notes if note.startswith("Active Citizen votes:")]) == 1


def test_results_hidden_until_enough_votes(ac_app: Callable[..., AcDriver], tmp_path: Path) -> None:
    def hide(data: dict[str, Any]) -> None:
        data["poll"]["questions"][4]["hide_results_until"] = 2

    driver = ac_app(content=content_variant(tmp_path, hide)).open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.pink", wait=1.2)
    view = driver.scene.poll_view()
    assert view.phase == "results" and view.chart is None and view.votes_until_results == 1
    assert view.message == "thank_you" and driver.scene.poll_screen.chart is None
    driver.tap("ac.exit", wait=0.3)  # the next visitor
    driver.open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.black", wait=1.2)
    assert driver.scene.poll_screen.chart is not None
    assert stored_counts(driver.app, "metro-line-colour") == ({"pink": 1, "black": 1}, 2)


class _Analytics:
    def __init__(self) -> None:
        self.answered: list[str] = []

    def poll_answered(self, question_id: str) -> None:
        self.answered.append(question_id)


def test_background_runner_and_analytics(ac_app: Callable[..., AcDriver]) -> None:
    driver = ac_app()
    analytics = _Analytics()
    driver.app.ctx.analytics = analytics
    driver.app.ctx.headless = False  # the real exhibit: votes are written on a worker thread
    driver.open()
    driver.tap("ac.section.poll", "ac.question.metro-line-colour", "ac.option.black")
    scene = driver.scene
    deadline = time.monotonic() + 20.0  # the worker waits for the disk: real time, however busy the machine
    while scene.poll_view().phase == "saving" and time.monotonic() < deadline:
        time.sleep(0.005)
        driver.app.advance(0.02)
    view = scene.poll_view()
    assert view.phase == "results" and view.message == "thank_you" and view.points == 20
    assert analytics.answered == ["metro-line-colour"]
    assert stored_counts(driver.app, "metro-line-colour") == ({"black": 1}, 1)
    driver.tap("ac.exit", wait=0.3)
    assert driver.app.scene_name() == "menu" and scene.poll is None
