"""Small content models for the tests, so the content system is tested without any scene's model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from kiosk.content.loader import ContentSpec
from kiosk.content.types import AssetPath, Bilingual, DateField, OptionalBilingual, Strict

Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Picture(Strict):
    file: AssetPath
    credit: Bilingual


class Event(Strict):
    id: Slug
    date: DateField
    lane: Literal["runet", "moscow"] = "runet"
    title: Bilingual
    note: OptionalBilingual = OptionalBilingual()
    image: AssetPath | None = None
    pictures: list[Picture] = []
    highlight: bool = False
    order: int = 0
    scene: str | None = None
    tags: list[str] = []

    @field_validator("scene")
    @classmethod
    def _scene_enabled(cls, value: str | None, info: ValidationInfo) -> str | None:
        enabled = (info.context or {}).get("scenes")
        if value is not None and enabled is not None and value not in enabled:
            raise ValueError(f"unknown or disabled scene '{value}': enabled scenes are {', '.join(sorted(enabled))}")
        return value


class Timeline(Strict):
    title: Bilingual
    events: list[Event] = Field(default_factory=list)

    def content_ids(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        for index, event in enumerate(self.events):
            yield event.id, ("events", index, "id")


class Extras(Strict):
    """A second file type, to test ids unique across files."""

    items: list[Event] = Field(default_factory=list)
    gallery: dict[str, AssetPath] = {}

    def content_ids(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        for index, event in enumerate(self.items):
            yield event.id, ("items", index, "id")


TIMELINE = ContentSpec("timeline.yaml", Timeline)
EXTRAS = ContentSpec("extras.yaml", Extras)
CONTEXT = {"scenes": {"timeline", "active_citizen"}}
