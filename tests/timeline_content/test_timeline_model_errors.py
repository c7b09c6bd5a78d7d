"""Curator mistakes in timeline.yaml give errors located at the offending field, with a fix in the words."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from scenes.timeline import ContentModel

from .conftest import SCENES


def errors_of(data: dict[str, Any], scenes: set[str] | None = None) -> list[dict[str, Any]]:
    context = {"scenes": scenes} if scenes is not None else None
    with pytest.raises(ValidationError) as caught:
        ContentModel.model_validate(data, context=context)
    return [dict(error) for error in caught.value.errors(include_url=False)]


def minimal(**event: Any) -> dict[str, Any]:
    base = {"id": "ru-domain", "date": "1994-04-07", "lane": "runet", "title": {"ru": "Т", "en": "T"},
            "teaser": {"ru": "т", "en": "t"}, "text": {"ru": "текст", "en": "text"},
            "source": "facts:runet/ru-domain"}
    return {"lanes": [{"id": "runet", "title": {"ru": "Рунет", "en": "Runet"}, "colour": "runet"},
                      {"id": "moscow", "title": {"ru": "Москва", "en": "Moscow"}, "colour": "moscow"}],
            "events": [{**base, **event}]}


def test_minimal_file_is_valid_with_defaults() -> None:
    model = ContentModel.model_validate(minimal())
    event = model.events[0]
    assert (event.highlight, event.reconstruction, event.images, event.link, event.scene) == (
        False, False, [], None, None)
    assert event.date.precision == "day" and model.settings.attract_seconds_per_event > 0


def test_unknown_lane_is_reported_at_the_events_lane_with_the_lane_list(raw_copy: dict[str, Any]) -> None:
    raw_copy["events"][5]["lane"] = "runnet"
    [error] = errors_of(raw_copy, set(SCENES))
    assert error["loc"] == ("events", 5, "lane")
    assert error["type"] == "unknown_lane"
    assert "'runnet'" in error["msg"] and "runet, moscow" in error["msg"]


def test_unknown_scene_lists_the_enabled_scenes(raw_copy: dict[str, Any]) -> None:
    index = next(i for i, e in enumerate(raw_copy["events"]) if e.get("scene") == "mosru")
    raw_copy["events"][index]["scene"] = "mos_ru"
    [error] = errors_of(raw_copy, set(SCENES))
    assert error["loc"] == ("events", index, "scene")
    assert "'mos_ru'" in error["msg"]
    assert "active_citizen, mosru, retro_pc, timeline" in error["msg"]


def test_disabled_scene_is_an_error_but_no_context_means_no_scene_check(raw_content: dict[str, Any]) -> None:
    errors = errors_of(raw_content, {"timeline", "mosru"})
    assert sorted(e["loc"][-1] for e in errors) == ["scene", "scene"]
    assert all("enabled scenes are mosru, timeline" in e["msg"] for e in errors)
    assert len(ContentModel.model_validate(raw_content).events) == len(raw_content["events"])


def test_duplicate_event_id_points_at_the_second_one_and_names_the_first(raw_copy: dict[str, Any]) -> None:
    raw_copy["events"][7]["id"] = raw_copy["events"][2]["id"]
    [error] = errors_of(raw_copy, set(SCENES))
    assert error["loc"] == ("events", 7, "id")
    assert error["type"] == "duplicate_event_id"
    assert "events[2]" in error["msg"] and raw_copy["events"][2]["id"] in error["msg"]


def test_duplicate_lane_id_is_reported() -> None:
    data = minimal()
    data["lanes"][1]["id"] = "runet"
    [error] = errors_of(data)
    assert error["loc"] == ("lanes", 1, "id")


def test_cross_reference_errors_come_together_with_field_errors() -> None:
    data = minimal(lane="nowhere", date="1997-02-30")
    data["events"][0].pop("source")
    errors = {e["loc"]: e for e in errors_of(data)}
    assert set(errors) == {("events", 0, "lane"), ("events", 0, "date"), ("events", 0, "source")}
    assert "not a real day" in errors[("events", 0, "date")]["msg"]
    assert errors[("events", 0, "source")]["type"] == "missing"


def test_field_error_messages_survive_merging_verbatim() -> None:
    data = minimal(lane="nowhere", title={"ru": "Т"})
    messages = {e["loc"]: e["msg"] for e in errors_of(data)}
    assert messages[("events", 0, "title", "en")] == "Field required"


@pytest.mark.parametrize(("link", "fragment"), [
    ("http://www.mos.ru/", "must start with https://"),
    ("https://", "not a valid web address"),
    ("www.mos.ru", "must start with https://"),
])
def test_links_must_be_https_urls(link: str, fragment: str) -> None:
    [error] = errors_of(minimal(link=link))
    assert error["loc"] == ("events", 0, "link")
    assert fragment in error["msg"]


def test_https_link_is_kept_as_written() -> None:
    model = ContentModel.model_validate(minimal(link=" https://ripn.su/en/domen-su/history/ "))
    assert model.events[0].link == "https://ripn.su/en/domen-su/history/"


@pytest.mark.parametrize(("field", "value", "loc_tail"), [
    ("id", "Ru_Domain", ("id",)),
    ("teaser", {"ru": "две\nстроки", "en": "one"}, ("teaser", "ru")),
    ("teaser", {"ru": "т" * 91, "en": "one"}, ("teaser", "ru")),
    ("title", {"ru": "Заголовок"}, ("title", "en")),
    ("highlight", "maybe", ("highlight",)),
    ("images", [{"file": "../secret.png", "caption": {"ru": "п", "en": "c"},
                 "credit": {"ru": "а", "en": "a"}}], ("images", 0, "file")),
    ("scene", "Retro PC", ("scene",)),
])
def test_bad_field_values_are_located(field: str, value: Any, loc_tail: tuple[Any, ...]) -> None:
    errors = errors_of(minimal(**{field: value}))
    assert [e["loc"] for e in errors] == [("events", 0, *loc_tail)]


def test_unknown_key_is_rejected_at_the_key() -> None:
    [error] = errors_of(minimal(titel={"ru": "Т", "en": "T"}))
    assert error["loc"] == ("events", 0, "titel") and error["type"] == "extra_forbidden"


def test_event_outside_the_timeline_range_is_located_at_its_date() -> None:
    [error] = errors_of(minimal(date="1984"))
    assert error["loc"] == ("events", 0, "date")
    assert "1990–2025" in error["msg"] and "range_start_year" in error["msg"]
    data = minimal(date="1984")
    data["settings"] = {"range_start_year": 1980}
    assert ContentModel.model_validate(data).events[0].date.year == 1984


def test_era_that_ends_before_it_starts_is_rejected() -> None:
    data = minimal()
    data["eras"] = [{"id": "1990s", "title": {"ru": "1990-е", "en": "1990s"}, "start": 1999, "end": 1990}]
    [error] = errors_of(data)
    assert error["loc"] == ("eras", 0) and "swap" in error["msg"]


def test_settings_range_must_be_ordered() -> None:
    data = minimal()
    data["settings"] = {"range_start_year": 2025, "range_end_year": 1990}
    errors = errors_of(data)
    assert ("settings",) in [e["loc"] for e in errors]


def test_lanes_are_required() -> None:
    data = minimal()
    data["lanes"] = []
    errors = errors_of(data)
    assert errors[0]["loc"] == ("lanes",)
