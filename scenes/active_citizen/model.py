"""Content model of `active_citizen.yaml`: history screens, real city decisions, the live poll, points.

Why: curators edit this file; every mistake must come back as a located, plain-words error from `check`
(pydantic locations are mapped to YAML lines by the content loader), never as a crash in the scene.
Questions are keyed by `id` because stored votes are keyed by it (see store.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from kiosk.content.types import AssetPath, Bilingual, DateField, NonEmptyText, Strict
from scenes.active_citizen.formatting import (
    Qualifier,
    format_count,
    format_percent,
    with_qualifier,
)
from scenes.active_citizen.store import options_signature

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_RE = re.compile(r"^(?:facts:[a-z0-9-]+/[a-z0-9-]+|press-release-2024)$")
MAX_ID_LENGTH = 64
MIN_OPTIONS = 2
MAX_OPTIONS = 6


def _check_slug(value: str) -> str:
    if len(value) > MAX_ID_LENGTH or not _SLUG_RE.match(value):
        raise ValueError(f"'{value}' is not a usable id: write lowercase latin letters, digits and dashes "
                         f"(at most {MAX_ID_LENGTH}), e.g. river-tram-name")
    return value


def _check_source(value: str) -> str:
    if not _SOURCE_RE.match(value):
        raise ValueError(f"'{value}' is not a source reference: name a row of the facts table as "
                         "facts:<key> (e.g. facts:ag/launch) or write press-release-2024")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
SourceRef = Annotated[str, AfterValidator(_check_source)]
Percent = Annotated[float, Field(ge=0, le=100)]


class Figure(Strict):
    """A big number on a history screen: the value (language-neutral or per language) and what it counts."""

    value: Bilingual | NonEmptyText
    label: Bilingual

    def value_text(self, lang: str) -> str:
        return self.value.pick(lang) if isinstance(self.value, Bilingual) else self.value


class HistoryStep(Strict):
    """One screen of the project's story."""

    date: DateField
    title: Bilingual
    text: Bilingual
    figure: Figure | None = None
    source: SourceRef


class Share(Strict):
    """A winning share: `28.77` or `{percent: 80, qualifier: over}`."""

    percent: Percent
    qualifier: Qualifier = "exact"

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"percent": data}
        if not isinstance(data, dict):
            raise ValueError("write the share as a number, e.g. 28.77, or as {percent: 80, qualifier: over}")
        return data

    def text(self, lang: str) -> str:
        return with_qualifier(format_percent(self.percent, lang), self.qualifier, lang)


class VoteCount(Strict):
    """How many took part: `137228` or `{count: 154000, qualifier: almost, counts: votes}`."""

    count: int = Field(ge=0)
    qualifier: Qualifier = "exact"
    counts: Literal["votes", "participants"] = "votes"

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            return {"count": data}
        if not isinstance(data, dict):
            raise ValueError("write the number as 137228 or as {count: 154000, qualifier: almost}")
        return data

    def text(self, lang: str) -> str:
        """'почти 154 000' / 'almost 154,000' (the noun is the UI's: votes or participants)."""
        return with_qualifier(format_count(self.count, lang), self.qualifier, lang)


class Decision(Strict):
    """A real city vote and what it decided (gallery card)."""

    question: Bilingual
    answer: Bilingual
    share: Share | None = None
    votes: VoteCount | None = None
    date: DateField | None = None  # leave out when the source gives no date (never guess one)
    note: Bilingual | None = None
    source: SourceRef


class Option(Strict):
    id: Slug
    text: Bilingual
    image: AssetPath | None = None


class CityResult(Strict):
    """The real city vote a poll question is modelled on ("then and now"); `note` labels it on screen."""

    source: SourceRef
    date: DateField
    shares: dict[Slug, Percent] = Field(min_length=1)
    note: Bilingual

    @field_validator("shares")
    @classmethod
    def _shares_fit(cls, shares: dict[str, float]) -> dict[str, float]:
        total = sum(shares.values())
        if total > 100.05:
            raise ValueError(f"the shares add up to {total:g} %, more than 100 %: check the figures")
        return shares

    def unknown_rest(self) -> float:
        """Share of the city's vote not attributed to a listed option (other options, split not known)."""
        return max(0.0, 100.0 - sum(self.shares.values()))


class Question(Strict):
    id: Slug
    kind: Literal["single", "multiple"] = "single"
    text: Bilingual
    options: list[Option]
    hide_results_until: int = Field(default=0, ge=0)
    city_result: CityResult | None = None
    note: Bilingual | None = None
    source: SourceRef | None = None
    retired: bool = False

    @field_validator("options")
    @classmethod
    def _option_list(cls, options: list[Option]) -> list[Option]:
        if len(options) < MIN_OPTIONS:
            raise ValueError(f"a question needs at least {MIN_OPTIONS} options, this one has {len(options)}: "
                             "add another option")
        if len(options) > MAX_OPTIONS:
            raise ValueError(f"at most {MAX_OPTIONS} options fit on the screen, this one has {len(options)}: "
                             "remove some or split the question in two")
        first_seen: dict[str, int] = {}
        for number, option in enumerate(options, start=1):
            if option.id in first_seen:
                raise ValueError(f"option id '{option.id}' is used twice (options {first_seen[option.id]} "
                                 f"and {number}): give each option its own id")
            first_seen[option.id] = number
        return options

    @model_validator(mode="after")
    def _city_result_options_exist(self) -> Question:
        if self.city_result is not None:
            known = self.option_ids()
            for option_id in self.city_result.shares:
                if option_id not in known:
                    raise ValueError(f"city_result.shares names option '{option_id}', which this question does not "
                                     f"have (its options: {', '.join(known)}): fix the id or add the option")
        return self

    def option_ids(self) -> list[str]:
        return [option.id for option in self.options]

    @property
    def options_signature(self) -> str:
        """What the vote store remembers about the option list (see store.options_signature)."""
        return options_signature(self.option_ids())

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    def results_hidden(self, total_votes: int) -> bool:
        """True while the curator wants live results hidden (fewer than `hide_results_until` votes)."""
        return total_votes < self.hide_results_until


class Poll(Strict):
    questions: list[Question] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_and_active(cls, questions: list[Question]) -> list[Question]:
        first_seen: dict[str, int] = {}
        for number, question in enumerate(questions, start=1):
            if question.id in first_seen:
                raise ValueError(f"question id '{question.id}' is used twice (questions {first_seen[question.id]} "
                                 f"and {number}): votes are stored by id, give each question its own id")
            first_seen[question.id] = number
        if all(question.retired for question in questions):
            raise ValueError("every question is retired: add a question without `retired: true`")
        return questions

    def active_questions(self) -> list[Question]:
        """Questions shown to visitors, in file order (retired ones keep their votes but are not asked)."""
        return [question for question in self.questions if not question.retired]

    def question(self, question_id: str) -> Question | None:
        return next((question for question in self.questions if question.id == question_id), None)


class Points(Strict):
    """Session points as in the real project: `per_vote` (facts ag/points-vote), status at the threshold."""

    per_vote: int = Field(gt=0)
    status_threshold: int = Field(gt=0)
    explanation: Bilingual
    sources: list[SourceRef] = Field(min_length=1)


class Settings(Strict):
    """Numbers a curator may tune."""

    tap_interval_s: float = Field(default=1.0, ge=0.0, le=10.0)
    chart_animation_s: float = Field(default=1.0, ge=0.0, le=5.0)


def _needs_placeholder(text: Bilingual, placeholder: str, field: str) -> None:
    for lang in ("ru", "en"):
        if placeholder not in text.pick(lang):
            raise ValueError(f"texts.{field}.{lang} must contain {placeholder} where the number goes")


class SceneTexts(Strict):
    """Interface words of this scene (buttons, states); visitor-facing, so both languages are required."""

    title: Bilingual
    tab_history: Bilingual
    tab_decisions: Bilingual
    tab_poll: Bilingual
    vote_button: Bilingual
    multiple_hint: Bilingual
    single_hint: Bilingual
    saving: Bilingual
    thank_you: Bilingual
    already_voted: Bilingual
    your_choice: Bilingual
    visitors_result: Bilingual
    city_result: Bilingual
    results_hidden: Bilingual
    results_unavailable: Bilingual
    vote_not_saved: Bilingual
    points: Bilingual
    status_reached: Bilingual
    next_question: Bilingual
    # Screens and navigation of the scene UI (scene.py and the *_view.py modules).
    exit: Bilingual
    sections: Bilingual
    prev: Bilingual
    next: Bilingual
    open_section: Bilingual
    home_intro: Bilingual
    history_teaser: Bilingual
    decisions_teaser: Bilingual
    poll_teaser: Bilingual
    winning_answer: Bilingual
    share_label: Bilingual
    votes_total: Bilingual
    participants_total: Bilingual
    source_facts: Bilingual
    source_press: Bilingual
    question_of: Bilingual
    retry: Bilingual
    then_and_now: Bilingual
    city_other: Bilingual
    points_goal: Bilingual
    answers_total: Bilingual

    @model_validator(mode="after")
    def _placeholders(self) -> SceneTexts:
        _needs_placeholder(self.results_hidden, "{n}", "results_hidden")
        _needs_placeholder(self.points, "{points}", "points")
        for field_name, placeholder in (("votes_total", "{count}"), ("participants_total", "{count}"),
                                        ("answers_total", "{count}"), ("source_facts", "{key}"),
                                        ("question_of", "{n}"), ("question_of", "{total}"),
                                        ("points_goal", "{threshold}")):
            _needs_placeholder(getattr(self, field_name), placeholder, field_name)
        return self


class ContentModel(Strict):
    """Root of active_citizen.yaml."""

    texts: SceneTexts
    history: list[HistoryStep] = Field(min_length=1)
    decisions: list[Decision] = Field(min_length=1)
    poll: Poll
    points: Points
    settings: Settings = Settings()

    def content_ids(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        """(id, location) of every question, for the cross-file id check; location as in pydantic errors."""
        for index, question in enumerate(self.poll.questions):
            yield question.id, ("poll", "questions", index, "id")
