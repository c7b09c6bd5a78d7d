"""The live poll without pixels: taps in, what to show out. The scene UI only draws `PollController.view()`.

Why: the rules — the tap interval, one vote per visit and question, "acknowledged only after COMMIT",
"results unavailable" on a broken database, hidden results until N votes, points — must be testable by
scripted taps with a simulated clock and must never block the frame loop. Database work runs through a
`runner` (a single background thread by default; tests and the headless tour pass `run_now`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from kiosk.db import StorageError
from scenes.active_citizen.charts import CityBar, ResultChart, city_result_bars, result_chart
from scenes.active_citizen.model import ContentModel, Question
from scenes.active_citizen.session import PointsRule, VisitorSession
from scenes.active_citizen.store import VoteStore

log = logging.getLogger(__name__)

T = TypeVar("T")
Runner = Callable[[Callable[[], T]], "Future[T]"]
Phase = Literal["asking", "saving", "results", "unavailable"]
# Messages are field names of SceneTexts, so the UI picks the curator's wording in the current language.
Message = Literal["thank_you", "already_voted", "vote_not_saved", "results_unavailable"]


def run_now(job: Callable[[], T]) -> Future[T]:
    """Runner for tests and the deterministic headless mode: do the job at once."""
    future: Future[T] = Future()
    try:
        future.set_result(job())
    except BaseException as exc:  # handed to the caller through the future
        future.set_exception(exc)
    return future


@dataclass
class _Outcome:
    acknowledged: bool | None  # None: no vote in this job (results refresh only)
    counts: dict[str, int] | None  # None: results could not be read
    respondents: int = 0


@dataclass
class _QuestionState:
    selected: list[str] = field(default_factory=list)
    phase: Phase = "asking"
    message: Message | None = None
    counts: dict[str, int] | None = None
    respondents: int = 0
    shown_at: float = 0.0
    pending: Future[_Outcome] | None = None


@dataclass(frozen=True)
class PollView:
    """Everything the poll screen shows for one question at one moment."""

    question: Question
    phase: Phase
    selected: tuple[str, ...]
    message: Message | None
    chart: ResultChart | None  # None while asking, saving, hidden or unavailable
    votes_until_results: int  # > 0: results hidden by the curator until that many more votes
    city_bars: tuple[CityBar, ...]
    points: int
    points_progress: float
    status_reached: bool


class PollController:
    """Live poll state for the current visitor. Call `update(now)` every frame; all methods take `now`."""

    def __init__(self, content: ContentModel, db_path: Path, now: float, runner: Runner[_Outcome] | None = None,
                 bar_max_length: float = 1.0, on_vote: Callable[[str], None] | None = None) -> None:
        """`on_vote(question_id)` is called on the frame thread after a vote was committed (analytics)."""
        self.content = content
        self.on_vote = on_vote
        self.db_path = db_path
        self.bar_max_length = bar_max_length
        self._executor: ThreadPoolExecutor | None = None
        if runner is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="votes")
            runner = self._executor.submit
        self._runner: Runner[_Outcome] = runner
        self._store: VoteStore | None = None
        self.storage_error: str | None = None  # for the admin overlay
        rule = PointsRule(content.points.per_vote, content.points.status_threshold)
        self.session = VisitorSession.start(rule, content.settings.tap_interval_s, now)
        self._states: dict[str, _QuestionState] = {}

    # -- taps ------------------------------------------------------------------------------------------------

    def open_question(self, question_id: str, now: float) -> None:
        """The visitor arrived at a question: ask it, or show results if this visit already answered it."""
        self.session.note_activity(now)
        state = self._state(question_id)
        if not self.session.can_vote(question_id) and state.pending is None:
            self._start(question_id, state, now, vote=None)

    def tap_option(self, question_id: str, option_id: str, now: float) -> None:
        """Single choice: the tap is the vote. Multiple choice: toggles the option (rate-limited per option)."""
        question = self._question(question_id)
        state = self._state(question_id)
        if state.phase != "asking" or question.option(option_id) is None:
            self.session.note_activity(now)
            return
        if question.kind == "multiple":
            if self.session.accept_tap(f"poll:{question_id}:{option_id}", now):
                if option_id in state.selected:
                    state.selected.remove(option_id)
                else:
                    state.selected.append(option_id)
            return
        if self.session.accept_tap(f"poll:{question_id}", now):
            self._vote(question, state, [option_id], now)

    def tap_vote(self, question_id: str, now: float) -> None:
        """The Vote button of a multiple-choice question."""
        question = self._question(question_id)
        state = self._state(question_id)
        if state.phase == "asking" and state.selected and self.session.accept_tap(f"poll:{question_id}", now):
            self._vote(question, state, list(state.selected), now)
        else:
            self.session.note_activity(now)

    def retry(self, question_id: str, now: float) -> None:
        """After "vote not saved" / "results unavailable": back to the question (selection kept)."""
        state = self._state(question_id)
        if state.phase == "unavailable":
            state.phase, state.message = "asking", None
            if not self.session.can_vote(question_id):
                self._start(question_id, state, now, vote=None)

    # -- frame loop ------------------------------------------------------------------------------------------

    def update(self, now: float) -> None:
        """Collect finished database jobs (never waits)."""
        for question_id, state in self._states.items():
            if state.pending is not None and state.pending.done():
                self._finish(question_id, state, now)

    def view(self, question_id: str, now: float) -> PollView:
        question = self._question(question_id)
        state = self._state(question_id)
        chart = None
        votes_until = 0
        if state.phase == "results" and state.counts is not None:
            votes_until = max(0, question.hide_results_until - state.respondents)
            if not votes_until:
                progress = chart_progress(now, state.shown_at, self.content.settings.chart_animation_s)
                chart = result_chart(question.option_ids(), state.counts, state.respondents, set(state.selected),
                                     multiple=question.kind == "multiple", progress=progress,
                                     bar_max_length=self.bar_max_length)
        city: tuple[CityBar, ...] = ()
        if chart is not None and question.city_result is not None:
            city = tuple(city_result_bars(question.option_ids(), question.city_result.shares, self.bar_max_length,
                                          chart_progress(now, state.shown_at, self.content.settings.chart_animation_s)))
        return PollView(question, state.phase, tuple(state.selected), state.message, chart, votes_until, city,
                        self.session.points, self.session.progress, self.session.status_reached)

    def reset(self, now: float) -> None:
        """New visitor (idle, or the scene closed): new session id, no points, every question asked afresh.
        Jobs still running finish in the store but are no longer shown to anybody."""
        self.session.reset(now)
        self._states = {}

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- internals -------------------------------------------------------------------------------------------

    def _question(self, question_id: str) -> Question:
        question = self.content.poll.question(question_id)
        if question is None:
            raise KeyError(f"no poll question '{question_id}' in the content")
        return question

    def _state(self, question_id: str) -> _QuestionState:
        return self._states.setdefault(question_id, _QuestionState())

    def _vote(self, question: Question, state: _QuestionState, chosen: list[str], now: float) -> None:
        if not self.session.can_vote(question.id):
            state.phase, state.message = "results", "already_voted"
            self._start(question.id, state, now, vote=None)
            return
        state.selected = chosen
        self._start(question.id, state, now, vote=chosen)

    def _start(self, question_id: str, state: _QuestionState, now: float, vote: list[str] | None) -> None:
        question = self._question(question_id)
        session_id = self.session.session_id
        state.phase = "saving" if vote is not None else state.phase
        state.pending = self._runner(lambda: self._job(question, session_id, vote))
        self._finish_if_done(question_id, state, now)

    def _finish_if_done(self, question_id: str, state: _QuestionState, now: float) -> None:
        if state.pending is not None and state.pending.done():
            self._finish(question_id, state, now)

    def _open_store(self) -> VoteStore:
        if self._store is None:
            self._store = VoteStore(self.db_path)
        return self._store

    def _job(self, question: Question, session_id: str, vote: list[str] | None) -> _Outcome:
        """Runs on the database thread."""
        acknowledged = None
        if vote is not None:
            acknowledged = self._open_store().record_vote(question.id, vote, session_id, question.options_signature)
        try:
            store = self._open_store()
            return _Outcome(acknowledged, store.counts(question.id), store.total(question.id))
        except StorageError as exc:
            if acknowledged is None:
                raise
            self._note_error(exc)
            return _Outcome(acknowledged, None)

    def _note_error(self, exc: StorageError) -> None:
        if str(exc) != self.storage_error:
            log.error("%s", exc)
        self.storage_error = str(exc)

    def _finish(self, question_id: str, state: _QuestionState, now: float) -> None:
        future, state.pending = state.pending, None
        assert future is not None
        try:
            outcome = future.result()
        except StorageError as exc:
            self._note_error(exc)
            voting = state.phase == "saving"
            state.phase = "unavailable"
            state.message = "vote_not_saved" if voting else "results_unavailable"
            return
        if outcome.acknowledged is True:
            self.session.vote_acknowledged(question_id)
            state.message = "thank_you"
            if self.on_vote is not None:
                self.on_vote(question_id)
        elif outcome.acknowledged is False:
            self.session.mark_answered(question_id)
            state.message = "already_voted"
        if outcome.counts is None:
            state.phase, state.message = "unavailable", "results_unavailable"
            return
        self.storage_error = None
        state.phase = "results"
        state.counts, state.respondents = outcome.counts, outcome.respondents
        state.shown_at = now


def chart_progress(now: float, shown_at: float, duration_s: float) -> float:
    """0..1 animation progress of a chart shown at `shown_at`."""
    return 1.0 if duration_s <= 0 else min(1.0, max(0.0, (now - shown_at) / duration_s))
