"""Voting by scripted taps with a simulated clock: the chart and the database follow, the rules hold,
a broken database shows "unavailable" instead of crashing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

import pytest

from scenes.active_citizen.model import ContentModel
from scenes.active_citizen.poll import PollController, run_now
from scenes.active_citizen.store import VoteStore

T = TypeVar("T")


@pytest.fixture
def poll(content: ContentModel, db_path: Path) -> Iterator[PollController]:
    controller = PollController(content, db_path, now=0.0, runner=run_now, bar_max_length=600)
    yield controller
    controller.close()


def test_single_choice_tap_votes_and_shows_the_ring(poll: PollController, db_path: Path) -> None:
    poll.open_question("metro-line-colour", 1.0)
    assert poll.view("metro-line-colour", 1.0).phase == "asking"
    poll.tap_option("metro-line-colour", "black", 2.0)
    view = poll.view("metro-line-colour", 2.0)
    assert view.phase == "results" and view.message == "thank_you" and view.selected == ("black",)
    assert view.chart is not None and view.chart.kind == "ring"
    assert all(s.sweep_deg == 0 for s in view.chart.slices)  # the animation starts now
    done = poll.view("metro-line-colour", 3.5).chart
    assert done is not None
    assert [(s.option_id, s.percent, s.chosen, s.sweep_deg) for s in done.slices] == [
        ("pink", 0, False, 0.0), ("black", 100, True, 360.0)]
    assert view.points == 20 and view.points_progress == pytest.approx(0.02)
    with VoteStore(db_path) as store:
        assert store.counts("metro-line-colour") == {"black": 1}


def test_hammering_and_second_votes_count_once(poll: PollController, db_path: Path) -> None:
    for step in range(12):
        poll.tap_option("river-tram-name", "yauza" if step % 2 else "sinichka", 10.0 + 0.1 * step)
    view = poll.view("river-tram-name", 20.0)
    assert view.selected == ("sinichka",) and view.points == 20
    assert view.chart is not None and view.chart.kind == "bars"
    assert [(b.option_id, b.count, b.percent, b.chosen) for b in view.chart.bars][:2] == [
        ("sinichka", 1, 100, True), ("yauza", 0, 0, False)]
    assert [b.option_id for b in view.city_bars] == ["sinichka", None]  # then and now: the real 2021 result
    poll.open_question("river-tram-name", 30.0)  # coming back to it later in the same visit
    assert poll.view("river-tram-name", 30.0).phase == "results"
    with VoteStore(db_path) as store:
        assert store.total("river-tram-name") == 1


def test_multiple_choice_toggles_then_votes(poll: PollController, db_path: Path) -> None:
    question = "mosru-services"
    poll.tap_option(question, "medical-record", 1.0)
    poll.tap_option(question, "medical-record", 1.2)  # too fast: the child's double tap does not untick it
    poll.tap_option(question, "school-diary", 1.3)
    poll.tap_option(question, "school-diary", 2.5)  # a deliberate untick
    poll.tap_option(question, "meter-readings", 2.6)
    assert poll.view(question, 2.7).selected == ("medical-record", "meter-readings")
    poll.tap_vote(question, 3.0)
    view = poll.view(question, 9.0)
    assert view.phase == "results" and view.chart is not None and view.chart.kind == "bars"
    chosen = {bar.option_id for bar in view.chart.bars if bar.chosen}
    assert chosen == {"medical-record", "meter-readings"}
    with VoteStore(db_path) as store:
        assert store.counts(question) == {"medical-record": 1, "meter-readings": 1} and store.total(question) == 1


def test_vote_button_with_nothing_selected_does_nothing(poll: PollController, db_path: Path) -> None:
    poll.tap_vote("mosru-services", 1.0)
    assert poll.view("mosru-services", 1.0).phase == "asking"
    assert not db_path.exists()


def test_idle_reset_starts_a_new_visit(poll: PollController, db_path: Path) -> None:
    poll.tap_option("metro-line-colour", "pink", 1.0)
    first = poll.session.session_id
    poll.reset(200.0)
    view = poll.view("metro-line-colour", 200.0)
    assert view.phase == "asking" and view.points == 0 and view.selected == ()
    poll.tap_option("metro-line-colour", "black", 201.0)  # the next visitor votes too
    assert poll.session.session_id != first
    with VoteStore(db_path) as store:
        assert store.counts("metro-line-colour") == {"pink": 1, "black": 1}


def test_hidden_results_until_enough_votes(content: ContentModel, db_path: Path) -> None:
    data = content.model_dump(mode="json")
    data["poll"]["questions"][0]["hide_results_until"] = 2
    hiding = ContentModel.model_validate(data)
    poll = PollController(hiding, db_path, now=0.0, runner=run_now)
    poll.tap_option("ag-participation", "regularly", 1.0)
    view = poll.view("ag-participation", 5.0)
    assert view.phase == "results" and view.chart is None and view.votes_until_results == 1
    poll.reset(100.0)
    poll.tap_option("ag-participation", "not-yet", 101.0)
    view = poll.view("ag-participation", 105.0)
    assert view.votes_until_results == 0 and view.chart is not None
    poll.close()


def test_corrupt_database_shows_unavailable_and_recovers(content: ContentModel, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 100)
    poll = PollController(content, db_path, now=0.0, runner=run_now)
    poll.tap_option("metro-line-colour", "pink", 1.0)
    view = poll.view("metro-line-colour", 1.0)
    assert view.phase == "unavailable" and view.message == "vote_not_saved" and view.chart is None
    assert view.points == 0  # nothing acknowledged, no points
    assert poll.storage_error is not None and "not a database" in poll.storage_error
    db_path.rename(db_path.with_suffix(".broken"))  # the technician moves the file aside
    poll.retry("metro-line-colour", 5.0)
    poll.tap_option("metro-line-colour", "pink", 6.0)
    view = poll.view("metro-line-colour", 9.0)
    assert view.phase == "results" and view.points == 20 and poll.storage_error is None
    poll.close()


def test_background_thread_never_blocks_the_frame(content: ContentModel, db_path: Path) -> None:
    """With the default runner a slow disk shows "saving" until the commit is done."""
    gate = threading.Event()

    def slow_runner(job: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()

        def work() -> None:
            gate.wait(5)
            future.set_result(job())

        threading.Thread(target=work, daemon=True).start()
        return future

    poll = PollController(content, db_path, now=0.0, runner=slow_runner)
    started = time.monotonic()
    poll.tap_option("metro-line-colour", "pink", 1.0)
    assert time.monotonic() - started < 0.5
    assert poll.view("metro-line-colour", 1.0).phase == "saving"
    poll.update(1.5)
    assert poll.view("metro-line-colour", 1.5).points == 0  # not acknowledged before the commit
    gate.set()
    deadline = time.monotonic() + 5
    while poll.view("metro-line-colour", 2.0).phase == "saving" and time.monotonic() < deadline:
        time.sleep(0.01)
        poll.update(2.0)
    assert poll.view("metro-line-colour", 2.0).phase == "results" and poll.session.points == 20
    poll.close()


def test_default_thread_runner(content: ContentModel, db_path: Path) -> None:
    poll = PollController(content, db_path, now=0.0)
    poll.tap_option("metro-line-colour", "black", 1.0)
    deadline = time.monotonic() + 5
    while poll.view("metro-line-colour", 1.0).phase == "saving" and time.monotonic() < deadline:
        time.sleep(0.005)
        poll.update(1.0)
    assert poll.view("metro-line-colour", 3.0).chart is not None
    poll.close()
