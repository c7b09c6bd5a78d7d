"""Field types shared by every content schema: bilingual text, dates with precision, asset paths.

Scenes build their content models from these so that `check` reports the same mistakes in the same
words everywhere.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class NotTrueOrFalse:
    """Stands in for a value like 'no' given to a true/false field, so that pydantic reports a type error
    instead of silently reading 'no'/'off'/'0' as False (the YAML "Norway problem")."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return repr(self.value)


def _is_bool_annotation(annotation: Any) -> bool:
    if annotation is bool:
        return True
    if get_origin(annotation) in (Union, type(int | None)):
        return any(arg is bool for arg in get_args(annotation)) and all(
            arg is bool or arg is type(None) for arg in get_args(annotation))
    return False


@cache
def _bool_keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(field.alias or name for name, field in model.model_fields.items()
                 if _is_bool_annotation(field.annotation))


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, values are immutable, and true/false fields
    accept only true or false (not yes/no/on/off/0/1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    @model_validator(mode="before")
    @classmethod
    def _only_true_or_false(cls, data: Any) -> Any:
        keys = _bool_keys(cls) if isinstance(data, dict) else ()
        wrong = [key for key in keys if key in data and data[key] is not None and not isinstance(data[key], bool)]
        if not wrong:
            return data
        return {key: NotTrueOrFalse(value) if key in wrong else value for key, value in data.items()}


class Bilingual(Strict):
    """Visitor-facing text: both languages are required."""

    ru: NonEmptyText
    en: NonEmptyText

    def pick(self, lang: str) -> str:
        return self.en if lang == "en" else self.ru


class OptionalBilingual(Strict):
    """Text where one language may be missing (curator notes); falls back to the other one."""

    ru: str = ""
    en: str = ""

    def pick(self, lang: str) -> str:
        primary = self.en if lang == "en" else self.ru
        return primary or self.ru or self.en


MONTHS = {
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
    "ru_gen": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; the precision is kept for display."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_float(self) -> float:
        """Position on a continuous time axis in years (middle of the known period)."""
        if self.month is None:
            return self.year + 0.5
        start = _dt.date(self.year, self.month, self.day or 1)
        year_start = _dt.date(self.year, 1, 1)
        days = (start - year_start).days + (0.5 if self.day else 15)
        return self.year + days / 365.25

    def format(self, lang: str) -> str:
        """'1994', 'апрель 1994', '7 апреля 1994' / '1994', 'April 1994', '7 April 1994'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            names = MONTHS["en"] if lang == "en" else MONTHS["ru"]
            return f"{names[self.month - 1]} {self.year}"
        names = MONTHS["en"] if lang == "en" else MONTHS["ru_gen"]
        return f"{self.day} {names[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("a date must be written as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1994-04-07")
        match = _DATE_RE.match(str(value).strip())
        if not match:
            raise ValueError(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1994-04-07")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has month {month}: months go from 01 to 12")
        if month is not None and day is not None:
            try:
                _dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{value}' is not a real day: check the day of the month") from None
        return cls(year, month, day)


DateField = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                    "description": "YYYY, YYYY-MM or YYYY-MM-DD"}),
]


def _check_asset_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a file path must be text, relative to the content folder, e.g. images/relcom.png")
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        raise ValueError(f"'{value}' is an absolute path: write it relative to the content folder")
    if ".." in text.split("/"):
        raise ValueError(f"'{value}' leads out of the content folder ('..'): keep files inside it")
    return text


AssetPath = Annotated[
    str,
    BeforeValidator(_check_asset_path),
    WithJsonSchema({"type": "string", "description": "file path relative to the content folder"}),
]
"""A file inside the content folder. Existence and symlink escapes are checked by the loader."""
