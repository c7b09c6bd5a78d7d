"""Content model of active_citizen.yaml: the default content is valid and sourced; curator mistakes give
located, plain-words errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from scenes.active_citizen import CHECKS, CONTENT_FILE, REPORTS, ContentModel, report_votes
from scenes.active_citizen.checks import option_change_problems
from scenes.active_citizen.model import Decision, Share, VoteCount

Variant = Callable[[Callable[[dict[str, Any]], None]], dict[str, Any]]


def _facts_confidence(facts_path: Path) -> dict[str, str]:
    """key -> confidence column of every row of the facts table."""
    table: dict[str, str] = {}
    for line in facts_path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.search(r"key: ([a-z0-9-]+/[a-z0-9-]+)", line)
        if line.startswith("|") and match and len(cells) >= 6:
            table[match.group(1)] = cells[3]
    return table


def _only_error(data: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    with pytest.raises(ValidationError) as caught:
        ContentModel.model_validate(data)
    errors = caught.value.errors()
    assert len(errors) == 1, errors
    return tuple(errors[0]["loc"]), errors[0]["msg"]


def test_package_exports() -> None:
    assert CONTENT_FILE == "active_citizen.yaml"
    assert set(REPORTS) == {"votes"} and REPORTS["votes"] is report_votes
    assert len(CHECKS) == 1 and CHECKS[0] is option_change_problems


def test_default_content_shape(content: ContentModel) -> None:
    assert content.history[0].date.format("ru") == "21 мая 2014"
    assert str(content.history[0].date) == "2014-05-21"
    assert [step.date.year for step in content.history] == sorted(step.date.year for step in content.history)
    assert any(step.source == "facts:ag/blockchain" and str(step.date) == "2017" for step in content.history)
    assert any(step.source == "facts:ag/10y" and str(step.date) == "2024-05-21" for step in content.history)
    assert len(content.decisions) >= 4
    assert 4 <= len(content.poll.active_questions()) <= 5
    assert {question.kind for question in content.poll.questions} == {"single", "multiple"}
    assert any(len(question.options) == 2 for question in content.poll.questions)  # the ring chart is used
    assert content.points.per_vote == 20 and content.points.status_threshold == 1000
    assert content.settings.tap_interval_s == 1.0


def test_figures_match_the_facts_table(content: ContentModel) -> None:
    sinichka = next(d for d in content.decisions if d.source == "facts:ag/sinichka")
    assert sinichka.share == Share(percent=28.77)
    assert sinichka.votes is not None and sinichka.votes.text("ru") == "почти\u00a0154\u00a0000"
    assert sinichka.share.text("ru") == "28,77\u00a0%" and sinichka.share.text("en") == "28.77%"
    luzhniki = next(d for d in content.decisions if d.source == "facts:ag/luzhniki")
    assert luzhniki.share is not None and luzhniki.share.percent == 42.44
    assert luzhniki.votes == VoteCount(count=137228)
    tram = content.poll.question("river-tram-name")
    assert tram is not None and tram.city_result is not None
    assert dict(tram.city_result.shares) == {"sinichka": 28.77}
    assert tram.city_result.unknown_rest() == pytest.approx(71.23)


def test_every_source_is_a_showable_row_of_the_facts_table(content: ContentModel, facts_path: Path) -> None:
    confidence = _facts_confidence(facts_path)
    assert len(confidence) > 100, f"facts table not parsed from {facts_path}"
    sources = [step.source for step in content.history] + [d.source for d in content.decisions]
    for question in content.poll.questions:
        sources += [s for s in (question.source, question.city_result and question.city_result.source) if s]
    sources += content.points.sources
    for source in sources:
        if source == "press-release-2024":
            continue
        key = source.removeprefix("facts:")
        assert key in confidence, f"{source} is not a row of the facts table"
        assert confidence[key] in ("C", "C-w"), f"{source} has confidence {confidence[key]}: not showable as fact"


def test_decision_without_a_date_is_allowed_and_stays_undated(content: ContentModel) -> None:
    khokhlovka = next(d for d in content.decisions if d.source == "facts:ag/khokhlovka")
    assert khokhlovka.date is None
    assert khokhlovka.votes is not None and khokhlovka.votes.counts == "participants"


def test_content_ids_are_question_ids_with_their_location(content: ContentModel) -> None:
    ids = list(content.content_ids())
    assert ids[0] == ("ag-participation", ("poll", "questions", 0, "id"))
    assert [question_id for question_id, _ in ids] == [q.id for q in content.poll.questions]


def test_duplicate_option_id_is_located_at_the_option_list(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][2]["options"][3]["id"] = "yauza"

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 2, "options")
    assert "option id 'yauza' is used twice (options 2 and 4)" in message


@pytest.mark.parametrize(("count", "expected"), [(1, "at least 2 options, this one has 1"),
                                                 (7, "at most 6 options fit on the screen, this one has 7")])
def test_option_count_limits(variant: Variant, count: int, expected: str) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][0]["options"] = [
            {"id": f"o{i}", "text": {"ru": f"вариант {i}", "en": f"option {i}"}} for i in range(count)]

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 0, "options")
    assert expected in message


def test_city_result_names_an_unknown_option(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][3]["city_result"]["shares"] = {"burgundy": 42.44}

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 3)
    assert "city_result.shares names option 'burgundy'" in message
    assert "burgundy-gold, gold, graphite" in message


def test_city_shares_above_100_percent(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][3]["city_result"]["shares"] = {"burgundy-gold": 70, "gold": 40}

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 3, "city_result", "shares")
    assert "add up to 110 %" in message


def test_duplicate_question_id(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][4]["id"] = "ag-participation"

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions")
    assert "question id 'ag-participation' is used twice (questions 1 and 5)" in message


def test_every_question_retired(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        for question in data["poll"]["questions"]:
            question["retired"] = True

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions")
    assert "every question is retired" in message


@pytest.mark.parametrize("bad_id", ["River Tram", "tram_name", "-tram", "трамвай", "a" * 65])
def test_bad_question_id(variant: Variant, bad_id: str) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][0]["id"] = bad_id

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 0, "id")
    assert "is not a usable id" in message and "river-tram-name" in message


def test_bad_source_reference(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["history"][1]["source"] = "m24.ru"

    loc, message = _only_error(variant(edit))
    assert loc == ("history", 1, "source")
    assert "facts:ag/launch" in message


def test_missing_english_text(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["decisions"][0]["answer"]["en"]

    loc, _ = _only_error(variant(edit))
    assert loc == ("decisions", 0, "answer", "en")


def test_unknown_key_is_an_error(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][0]["hide_results"] = 5

    loc, message = _only_error(variant(edit))
    assert loc == ("poll", "questions", 0, "hide_results")
    assert "Extra inputs" in message


def test_results_hidden_text_needs_its_placeholder(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["texts"]["results_hidden"]["en"] = "Results soon"

    loc, message = _only_error(variant(edit))
    assert loc == ("texts",)
    assert "texts.results_hidden.en must contain {n}" in message


def test_negative_hide_results_until(variant: Variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["poll"]["questions"][0]["hide_results_until"] = -1

    loc, _ = _only_error(variant(edit))
    assert loc == ("poll", "questions", 0, "hide_results_until")


def test_share_and_vote_count_forms() -> None:
    assert Share.model_validate(80).percent == 80
    over = Share.model_validate({"percent": 80, "qualifier": "over"})
    assert over.text("ru") == "более\u00a080\u00a0%" and over.text("en") == "over\u00a080%"
    assert VoteCount.model_validate({"count": 154000, "qualifier": "almost"}).text("en") == "almost\u00a0154,000"
    with pytest.raises(ValidationError, match="write the share as a number"):
        Share.model_validate("28,77 %")
    with pytest.raises(ValidationError):
        Share.model_validate(101)
    with pytest.raises(ValidationError, match="write the number as 137228"):
        VoteCount.model_validate(True)


def test_results_hidden_until_threshold(content: ContentModel) -> None:
    question = content.poll.questions[0].model_copy(update={"hide_results_until": 3})
    assert question.results_hidden(2) and not question.results_hidden(3)
    assert not content.poll.questions[0].results_hidden(0)


def test_options_signature_ignores_order_and_wording(content: ContentModel) -> None:
    question = content.poll.questions[4]
    reordered = question.model_copy(update={"options": list(reversed(question.options))})
    assert reordered.options_signature == question.options_signature == "black|pink"


def test_decision_minimal_form() -> None:
    decision = Decision.model_validate({"question": {"ru": "в", "en": "q"}, "answer": {"ru": "о", "en": "a"},
                                        "source": "press-release-2024"})
    assert decision.share is None and decision.votes is None and decision.date is None
