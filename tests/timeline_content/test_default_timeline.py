"""The default exhibit timeline: valid, sourced, complete and fit for the cards it is shown on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PIL import Image

from scenes.timeline import CONTENT_FILE, ContentModel

from .conftest import CONTENT_DIR, PRESS_RELEASE

ILLUSTRATION_CREDIT = ("Иллюстрация экспозиции", "Exhibit illustration")


def test_file_starts_with_the_schema_comment_for_editors() -> None:
    first_line = (CONTENT_DIR / CONTENT_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../out/schema/timeline.schema.json"


def test_default_content_validates_with_enabled_scenes(model: ContentModel) -> None:
    assert len(model.events) >= 40
    assert [lane.id for lane in model.lanes] == ["runet", "moscow"]
    assert {event.lane for event in model.events} == {"runet", "moscow"}
    assert [(era.id, era.start, era.end) for era in model.eras] == [
        ("1990s", 1990, 1999), ("2000s", 2000, 2009), ("2010s", 2010, 2019), ("2020s", 2020, 2029)]
    assert model.settings.range_start_year == 1990


def test_every_lane_has_events_in_every_decade_it_spans(model: ContentModel) -> None:
    per_lane = Counter((event.lane, event.date.year // 10) for event in model.events)
    assert all(per_lane[("runet", decade)] >= 3 for decade in (199, 200, 201, 202)), per_lane
    assert all(per_lane[("moscow", decade)] >= 1 for decade in (199, 200, 201, 202)), per_lane


def test_ids_are_unique_and_reported_with_locations(model: ContentModel) -> None:
    ids = [event_id for event_id, _ in model.content_ids()]
    assert len(ids) == len(set(ids)) == len(model.events)
    assert next(iter(model.content_ids())) == (model.events[0].id, ("events", 0, "id"))


def test_every_source_names_a_row_of_the_facts_table_or_the_press_release(
        model: ContentModel, facts_rows: dict[str, str]) -> None:
    bad = [(e.id, e.source) for e in model.events
           if e.source != PRESS_RELEASE and e.source.removeprefix("facts:") not in facts_rows]
    assert not bad
    assert all(e.source == PRESS_RELEASE or e.source.startswith("facts:") for e in model.events)


def test_unconfirmed_rows_are_never_shown_as_fact(model: ContentModel, facts_rows: dict[str, str]) -> None:
    confidence = {e.id: facts_rows.get(e.source.removeprefix("facts:"), "C") for e in model.events}
    assert "M" not in confidence.values()
    # X rows: only the agreed part — the first .ru site is dated by its year alone.
    conflicting = {e.id: e.date.precision for e in model.events if confidence[e.id] == "X"}
    assert conflicting == {"first-ru-site": "year"}


def test_weakly_sourced_rows_say_according_to_whom(model: ContentModel, facts_rows: dict[str, str]) -> None:
    weak = [e for e in model.events if facts_rows.get(e.source.removeprefix("facts:")) == "C-w"]
    assert len(weak) >= 10
    for event in weak:
        assert any(w in event.text.ru.lower() for w in ("по данным", "по словам")), event.id
        assert any(w in event.text.en.lower() for w in ("according to", "said")), event.id


def test_press_release_figures_are_on_the_timeline(model: ContentModel) -> None:
    by_id = {e.id: e for e in model.events}
    half_year = by_id["mosru-h1-2024"]
    assert half_year.date.year == 2024 and half_year.source == PRESS_RELEASE
    for figure in ("425 млн", "15 %", "4,1 млрд"):
        assert figure in half_year.text.ru
    for figure in ("425 million", "15 %", "4.1 billion"):
        assert figure in half_year.text.en
    assert "300" in by_id["it-projects"].text.ru and "300" in by_id["it-projects"].text.en
    top = by_id["mosru-top-services"].text
    for item in ("200 млн", "68 млн", "45 млн", "41 млн", "25,2 млн", "ЕМИАС.ИНФО"):
        assert item in top.ru
    for item in ("200 million", "68 million", "45 million", "41 million", "25.2 million"):
        assert item in top.en


def test_highlights_make_a_tour_across_decades_and_lanes(model: ContentModel) -> None:
    tour = model.highlighted()
    assert 8 <= len(tour) <= 12
    assert {e.lane for e in tour} == {"runet", "moscow"}
    assert {e.date.year // 10 for e in tour} == {199, 200, 201, 202}
    assert [e.date.as_float() for e in tour] == sorted(e.date.as_float() for e in tour)


def test_three_events_open_their_scenes(model: ContentModel) -> None:
    linked = {e.scene: e for e in model.events if e.scene}
    assert set(linked) == {"mosru", "active_citizen", "retro_pc"}
    first_mosru = linked["mosru"]
    assert first_mosru.lane == "moscow" and first_mosru.reconstruction
    assert (first_mosru.id, str(first_mosru.date)) == ("first-mosru", "1996-12-23")
    assert "реконструкция" in first_mosru.text.ru and "reconstruction" in first_mosru.text.en
    assert str(linked["active_citizen"].date) == "2014-05-21"
    assert 1990 <= linked["retro_pc"].date.year <= 1999


def test_card_texts_fit_the_card(model: ContentModel) -> None:
    for event in model.events:
        assert len(event.teaser.ru) <= 60 and len(event.teaser.en) <= 60, event.id
        assert len(event.title.ru) <= 50 and len(event.title.en) <= 50, event.id
        assert "\n" not in event.title.ru + event.title.en, event.id


def test_every_image_exists_is_a_card_and_is_credited(model: ContentModel) -> None:
    files = [image for event in model.events for image in event.images]
    assert len(files) >= len(model.events)
    total = 0
    for image in files:
        path = CONTENT_DIR / image.file
        assert path.is_file(), image.file
        total += path.stat().st_size
        with Image.open(path) as picture:
            assert picture.size == (1200, 800), image.file
        assert (image.credit.ru, image.credit.en) == ILLUSTRATION_CREDIT
        assert image.caption.ru.startswith("Иллюстрация") and image.caption.en.startswith("Illustration")
    assert total < 3 * 1024 * 1024, f"illustrations take {total / 1e6:.1f} MB"


def test_credits_file_states_origin_and_licence() -> None:
    credits = (CONTENT_DIR / "images" / "CREDITS.md").read_text(encoding="utf-8")
    assert "tools/make_illustrations.py" in credits
    assert "CC0" in credits and "original" in credits.lower()


def test_no_stray_images_without_an_event(model: ContentModel) -> None:
    used = {Path(image.file).name for event in model.events for image in event.images}
    on_disk = {path.name for path in (CONTENT_DIR / "images").glob("*.png")}
    assert on_disk == used


def test_json_schema_carries_field_descriptions() -> None:
    schema = ContentModel.model_json_schema()
    event = schema["$defs"]["Event"]["properties"]
    assert "attract" in event["highlight"]["description"]
    assert event["date"]["pattern"].startswith("^")
    assert "description" in schema["$defs"]["Lane"]["properties"]["colour"]
