"""Content model of the timeline (timeline.yaml): lanes, eras, events and display settings.

Curators write timeline.yaml; the content system validates it with `ContentModel` and turns every problem into
a located `path:line:col: error:` line, so each message here names what is wrong and how to fix it. The field
docstrings become JSON Schema descriptions (editor autocomplete for curators).

Cross-references inside the file (event → lane, duplicate ids, dates inside the shown range) are checked by
`ContentModel` itself and reported at the offending event's field, e.g. ("events", 3, "lane"). The link
event → scene is checked against `info.context["scenes"]` (the enabled scenes) when the loader provides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic import HttpUrl as _HttpUrl
from pydantic_core import InitErrorDetails, PydanticCustomError

from kiosk.content.types import AssetPath, Bilingual, DateField, NonEmptyText, PartialDate, Strict

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SCENE_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
COLOUR_TOKEN_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"

Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN)]
SceneName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SCENE_NAME_PATTERN)]
ColourToken = Annotated[str, StringConstraints(strip_whitespace=True, pattern=COLOUR_TOKEN_PATTERN)]
OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90, pattern=r"^[^\n]*$")]

_HTTP_URL: TypeAdapter[_HttpUrl] = TypeAdapter(_HttpUrl)


def _check_https_url(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a link must be a web address starting with https://, e.g. https://www.mos.ru/")
    text = value.strip()
    if not text.lower().startswith("https://"):
        raise ValueError(f"'{text}' must start with https:// (visitors scan it as a QR code)")
    try:
        _HTTP_URL.validate_python(text)
    except ValidationError:
        raise ValueError(f"'{text}' is not a valid web address: check for spaces and typos") from None
    return text


HttpsUrl = Annotated[
    str,
    BeforeValidator(_check_https_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://",
                    "description": "web address starting with https://"}),
]
"""A web address shown as a QR code; kept as the curator wrote it (trimmed)."""


class _Model(Strict):
    model_config = ConfigDict(use_attribute_docstrings=True)


class OneLineBilingual(Bilingual):
    """Short visitor-facing text on a single line (card teaser), both languages required."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    ru: OneLine
    """Russian text, one line (keep it under about 60 characters so it fits a card)."""
    en: OneLine
    """English text, one line (keep it under about 60 characters so it fits a card)."""


class Lane(_Model):
    """A horizontal lane of the timeline (e.g. Runet, Moscow)."""

    id: Slug
    """Lane id used by events' `lane:` (lowercase latin letters, digits, '-')."""
    title: Bilingual
    """Lane name shown at the lane's start."""
    colour: ColourToken
    """Name of a colour token in config/theme.yaml for this lane, e.g. `runet` (not a literal colour)."""


class Era(_Model):
    """A background band on the timeline (e.g. the 1990s)."""

    id: Slug
    """Era id (lowercase latin letters, digits, '-')."""
    title: Bilingual
    """Era name shown on its band, e.g. 1990-е / 1990s."""
    start: int = Field(ge=1000, le=9999)
    """First year of the era (inclusive)."""
    end: int = Field(ge=1000, le=9999)
    """Last year of the era (inclusive)."""

    @model_validator(mode="after")
    def _start_before_end(self) -> Era:
        if self.end < self.start:
            raise ValueError(f"era '{self.id}' ends ({self.end}) before it starts ({self.start}): swap the years")
        return self


class EventImage(_Model):
    """One image of an event, always with a caption and a credit."""

    file: AssetPath
    """Image file relative to the content folder, e.g. images/ru-domain.png."""
    caption: Bilingual
    """What the image shows."""
    credit: Bilingual
    """Author / rights holder, e.g. Иллюстрация экспозиции / Exhibit illustration."""


class Event(_Model):
    """One card on the timeline."""

    id: Slug
    """Unique id (lowercase latin letters, digits, '-'), e.g. ru-domain. Unique across all content files."""
    date: DateField
    """When it happened: YYYY, YYYY-MM or YYYY-MM-DD; shown at that precision."""
    lane: Slug
    """Id of the lane this card sits in (one of `lanes:`)."""
    title: Bilingual
    """Card title (keep it under about 50 characters)."""
    teaser: OneLineBilingual
    """One line under the title on the card."""
    text: Bilingual
    """Full text of the detail view."""
    images: list[EventImage] = Field(default_factory=list)
    """Images for the detail view (the first one is the card thumbnail)."""
    link: HttpsUrl | None = None
    """Optional https:// address shown as a QR code in the detail view."""
    scene: SceneName | None = None
    """Optional scene opened by the big "open" button (must be an enabled scene), e.g. mosru."""
    highlight: bool = False
    """Include this event in the attract-mode tour."""
    source: NonEmptyText
    """Where the facts come from: a facts-table row key (facts:runet/ru-domain) or a source name."""
    reconstruction: bool = False
    """Show the label 'реконструкция / reconstruction' (what is shown is rebuilt, not original)."""

    @field_validator("scene")
    @classmethod
    def _scene_is_enabled(cls, value: str | None, info: ValidationInfo) -> str | None:
        context = info.context if isinstance(info.context, dict) else {}
        enabled = context.get("scenes")
        if value is None or enabled is None or value in enabled:
            return value
        names = ", ".join(sorted(enabled)) or "(none)"
        raise ValueError(f"unknown or disabled scene '{value}': enabled scenes are {names}; "
                         "fix the name or enable the scene in config/kiosk.yaml")


class Settings(_Model):
    """Display settings of the timeline that a curator may change."""

    attract_seconds_per_event: float = Field(default=8.0, gt=0, le=120)
    """Attract tour: seconds spent on each highlighted event."""
    range_start_year: int = Field(default=1990, ge=1000, le=9999)
    """First year of the timeline axis."""
    range_end_year: int = Field(default=2025, ge=1000, le=9999)
    """Last year of the timeline axis (inclusive)."""

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Settings:
        if self.range_end_year <= self.range_start_year:
            raise ValueError(f"range_end_year ({self.range_end_year}) must be after range_start_year "
                             f"({self.range_start_year})")
        return self


class ContentModel(_Model):
    """timeline.yaml: the lanes, eras and events of the timeline."""

    lanes: list[Lane] = Field(min_length=1)
    """Horizontal lanes, top to bottom."""
    eras: list[Era] = Field(default_factory=list)
    """Background era bands."""
    events: list[Event] = Field(default_factory=list)
    """Timeline events (cards)."""
    settings: Settings = Field(default_factory=Settings)
    """Display settings (attract tour timing, year range)."""

    def content_ids(self) -> Iterable[tuple[str, tuple[str | int, ...]]]:
        """Event ids with their location in this file, for the loader's cross-file uniqueness check."""
        for index, event in enumerate(self.events):
            yield event.id, ("events", index, "id")

    def lane(self, lane_id: str) -> Lane:
        """The lane with this id (every event's lane exists once the model is valid)."""
        return next(lane for lane in self.lanes if lane.id == lane_id)

    def highlighted(self) -> list[Event]:
        """Events of the attract tour, in date order."""
        return sorted((e for e in self.events if e.highlight), key=lambda e: e.date.as_float())

    @model_validator(mode="wrap")
    @classmethod
    def _cross_references(cls, data: Any, handler: Any) -> ContentModel:
        """Check references between parts of the file and report them at the offending field.

        Works on the raw data so that these errors are reported together with ordinary field errors.
        """
        problems = list(_cross_reference_problems(data))
        try:
            model = handler(data)
        except ValidationError as exc:
            if not problems:
                raise
            raise ValidationError.from_exception_data(cls.__name__, _as_details(exc) + problems) from None
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        assert isinstance(model, ContentModel)
        return model


def _as_details(exc: ValidationError) -> list[InitErrorDetails]:
    """Re-wrap existing errors (type, location, message kept) so they can be merged with ours."""
    # Without a context PydanticCustomError keeps the message verbatim (braces included).
    return [InitErrorDetails(type=PydanticCustomError(err["type"], err["msg"]), loc=err["loc"], input=err["input"])
            for err in exc.errors()]


def _problem(kind: str, message: str, loc: tuple[str | int, ...], value: Any) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _cross_reference_problems(data: Any) -> Iterator[InitErrorDetails]:
    yield from _duplicates(data, "lanes", "lane")
    yield from _duplicates(data, "eras", "era")
    yield from _duplicates(data, "events", "event")
    lane_ids = [t for _, lane in _items(data, "lanes") if (t := _text(lane.get("id")))]
    if lane_ids:
        known = ", ".join(lane_ids)
        for index, event in _items(data, "events"):
            lane = _text(event.get("lane"))
            if lane is not None and re.match(SLUG_PATTERN, lane) and lane not in lane_ids:
                yield _problem("unknown_lane", f"unknown lane '{lane}': use one of the lanes defined in "
                               f"this file ({known})", ("events", index, "lane"), event.get("lane"))
    yield from _dates_in_range(data)


def _duplicates(data: Any, key: str, noun: str) -> Iterator[InitErrorDetails]:
    first_index: dict[str, int] = {}
    for index, item in _items(data, key):
        ident = _text(item.get("id"))
        if not ident:
            continue
        if ident in first_index:
            yield _problem(f"duplicate_{noun}_id",
                           f"duplicate {noun} id '{ident}' ({key}[{index}]); it is already used by "
                           f"{key}[{first_index[ident]}]: give each {noun} its own id",
                           (key, index, "id"), item.get("id"))
        else:
            first_index[ident] = index


def _dates_in_range(data: Any) -> Iterator[InitErrorDetails]:
    settings = data.get("settings") if isinstance(data, dict) else None
    settings = settings if isinstance(settings, dict) else {}
    defaults = Settings()
    start, end = settings.get("range_start_year", defaults.range_start_year), \
        settings.get("range_end_year", defaults.range_end_year)
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return
    for index, event in _items(data, "events"):
        try:
            year = PartialDate.parse(event.get("date")).year
        except ValueError:
            continue  # reported by the date field itself
        if not start <= year <= end:
            yield _problem("date_out_of_range",
                           f"{year} is outside the timeline ({start}–{end}): fix the date or change "
                           "settings.range_start_year / range_end_year", ("events", index, "date"),
                           event.get("date"))
