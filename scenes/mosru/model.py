"""Content model of mosru.yaml: the reconstructed first mos.ru (a page-engine site), its address and
"reconstruction" label with the source note, the modem speeds, today's mos.ru (press-release figures) and
every browser-chrome text, all bilingual.

What is known about the 1990s site is only what facts.md lists (a 1996 order, a weakly sourced creation
date, and the four sections of the 1997-02-20 order); everything else is labelled a reconstruction, and
the YAML says so in `curator_notes`. Templates with {placeholders} are checked against the names the
scene fills in, so a typo is a located `check` error rather than a crash on the kiosk.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from contextvars import ContextVar
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from kiosk.content.types import Bilingual, DateField, OptionalBilingual, Strict
from kiosk.pages.model import Site

# ------------------------------------------------------------------------------------------ references

_SOURCE_RE = re.compile(r"^(?:facts:[a-z0-9-]+/[a-z0-9-]+|press-release-2024)$")


def _check_source(value: str) -> str:
    if not _SOURCE_RE.match(value.strip()):
        raise ValueError(f"'{value}' is not a source reference: name a row of the facts table as "
                         "facts:<section>/<key> (e.g. facts:moscow/first-mosru-sections) or press-release-2024")
    return value.strip()


SourceRef = Annotated[str, AfterValidator(_check_source)]


def placeholders(*names: str) -> AfterValidator:
    """Validator for Bilingual text whose {placeholders} may only be the given names (in both languages).

    Use as `Annotated[Bilingual, placeholders("speed")]`.
    """
    allowed = set(names)

    def check(value: Bilingual) -> Bilingual:
        for lang in ("ru", "en"):
            text = getattr(value, lang)
            try:
                used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
            except ValueError as exc:
                raise ValueError(f"'{lang}' text has a broken {{placeholder}} ({exc}): write {{name}}, "
                                 "or {{ and }} for literal braces") from None
            unknown = sorted(used - allowed)
            if unknown:
                shown = ", ".join("{" + n + "}" for n in sorted(allowed)) or "none"
                raise ValueError(f"'{lang}' text uses unknown placeholder {{{unknown[0]}}}: allowed here: {shown}")
        return value

    return AfterValidator(check)


# ----------------------------------------------------------------------------------------- 1990s site


class ReconstructionLabel(Strict):
    """The badge shown over the 1990s page and its source note (what is known, what is reconstructed)."""

    badge: Bilingual
    note: Bilingual
    sources: list[SourceRef] = Field(min_length=1)


class AddressBar(Strict):
    """What the address bar shows. The real 1990s address was not found, so it must be marked as such."""

    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    reconstructed: bool
    note: Bilingual
    source: SourceRef

    @field_validator("reconstructed")
    @classmethod
    def _must_admit_reconstruction(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("reconstructed must stay true: the 1990s address of the site was not found in the "
                             "sources (facts.md); change it only with a sourced address and a facts row")
        return value


class ThenFact(Strict):
    """A dated, sourced line about the first site (the 'then' side of then-and-now)."""

    date: DateField
    text: Bilingual
    source: SourceRef


# ------------------------------------------------------------------------------------------- dial-up

_SPEED_IDS: ContextVar[tuple[str, ...] | None] = ContextVar("_SPEED_IDS", default=None)


def _check_speed_ref(value: str) -> str:
    ids = _SPEED_IDS.get()
    if ids is not None and value not in ids:
        raise ValueError(f"there is no modem speed '{value}'; speeds are: {', '.join(ids)}")
    return value


SpeedId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]


class ModemSpeed(Strict):
    id: SpeedId
    bits_per_second: int = Field(ge=300, le=10_000_000)
    label: Bilingual
    source: SourceRef
    note: str = ""
    """For curators: how the facts row supports this choice (e.g. an M row is shown only as a menu choice)."""


class TodayLine(Strict):
    """A modern connection for the 'how long today' line: illustrative, not a sourced figure."""

    bits_per_second: int = Field(ge=1_000_000, le=100_000_000_000)
    label: Bilingual
    illustrative: Literal[True]
    note: str = ""


class HandshakeSoundSettings(Strict):
    digits: Annotated[str, StringConstraints(pattern=r"^[0-9*#]{1,12}$")] = "5550000"
    """Digits the modem dials (DTMF); fictional. Long numbers are shortened to keep the sound ≤ 6 s."""
    peak_dbfs: float = Field(default=-9.0, ge=-40.0, le=-6.0)
    seed: int = 1996


class Dialup(Strict):
    speeds: list[ModemSpeed] = Field(min_length=1)
    default_speed: Annotated[str, AfterValidator(_check_speed_ref)]
    efficiency: float = Field(default=1.0, gt=0.1, le=2.0)
    efficiency_note: str = ""
    sound: HandshakeSoundSettings = HandshakeSoundSettings()
    today: TodayLine

    @model_validator(mode="wrap")
    @classmethod
    def _know_speed_ids(cls, data: Any, handler: Callable[[Any], Dialup]) -> Dialup:
        speeds = data.get("speeds") if isinstance(data, dict) else None
        ids = tuple(str(s.get("id")) for s in speeds if isinstance(s, dict)) if isinstance(speeds, list) else None
        token = _SPEED_IDS.set(ids)
        try:
            return handler(data)
        finally:
            _SPEED_IDS.reset(token)

    @model_validator(mode="after")
    def _unique_ids(self) -> Dialup:
        seen: set[str] = set()
        for speed in self.speeds:
            if speed.id in seen:
                raise ValueError(f"modem speed id '{speed.id}' is used twice: give each speed its own id")
            seen.add(speed.id)
        return self

    def speed(self, speed_id: str) -> ModemSpeed:
        return next(s for s in self.speeds if s.id == speed_id)


# ----------------------------------------------------------------------------------------- mos.ru today


class Figure(Strict):
    value: Bilingual
    text: Bilingual
    source: SourceRef


class Service(Strict):
    name: Bilingual
    uses: OptionalBilingual = OptionalBilingual()
    source: SourceRef


class TodaySite(Strict):
    title: Bilingual
    intro: Bilingual
    intro_source: SourceRef
    figures: list[Figure] = Field(min_length=1)
    top_title: Bilingual
    top_services: list[Service] = Field(min_length=1, max_length=10)
    new_title: Bilingual
    new_services: list[Service] = []
    as_of: Bilingual


# ---------------------------------------------------------------------------------------------- chrome


class ConnectDialog(Strict):
    title: Bilingual
    prompt: Bilingual
    connect: Bilingual
    cancel: Bilingual
    dial: Annotated[Bilingual, placeholders("number")]
    ring: Bilingual
    answer: Bilingual
    negotiate: Bilingual
    connected: Annotated[Bilingual, placeholders("speed")]


class DurationUnits(Strict):
    ms: Annotated[Bilingual, placeholders("n")]
    s: Annotated[Bilingual, placeholders("n")]
    min: Annotated[Bilingual, placeholders("m", "s")]

    def pick(self, lang: str) -> dict[str, str]:
        return {"ms": self.ms.pick(lang), "s": self.s.pick(lang), "min": self.min.pick(lang)}


class Chrome(Strict):
    """Every text of the browser window, the connection dialog and the then-and-now view."""

    window_title: Annotated[Bilingual, placeholders("title")]
    back: Bilingual
    forward: Bilingual
    reload: Bilingual
    home: Bilingual
    stop: Bilingual
    address: Bilingual
    status_connecting: Annotated[Bilingual, placeholders("host")]
    status_loading: Annotated[Bilingual, placeholders("percent", "received_kb", "total_kb")]
    status_done: Bilingual
    skip: Bilingual
    connect_dialog: ConnectDialog
    timing: Annotated[Bilingual, placeholders("size_kb", "speed", "then", "today", "now")]
    timing_note: Bilingual
    units: DurationUnits
    then_label: Bilingual
    now_label: Bilingual
    back_to_timeline: Bilingual
    compare: Bilingual
    compare_close: Bilingual
    redial: Bilingual
    offline: Bilingual
    hint: Bilingual
    then_facts_title: Bilingual


# ------------------------------------------------------------------------------------------------ root


class ContentModel(Strict):
    """Root of config/content/mosru.yaml."""

    title: Bilingual
    curator_notes: OptionalBilingual = OptionalBilingual()
    label: ReconstructionLabel
    address: AddressBar
    then: list[ThenFact] = Field(min_length=1)
    site: Site
    dialup: Dialup
    today: TodaySite
    chrome: Chrome
