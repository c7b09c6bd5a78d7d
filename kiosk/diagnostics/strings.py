"""The self-test screen's RU/EN texts, read from strings.yaml next to this module.

Why a file of its own rather than the exhibit's ui.yaml: the self-test is for installers and must work even
when the curators' content is broken (that is one of the things it reports).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

STRINGS_FILE = Path(__file__).with_name("strings.yaml")


@cache
def _table() -> dict[str, dict[str, str]]:
    with STRINGS_FILE.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    for key, value in data.items():
        if not (isinstance(value, dict) and isinstance(value.get("ru"), str) and isinstance(value.get("en"), str)):
            raise ValueError(f"{STRINGS_FILE}: '{key}' needs both ru and en texts")
    return data


def text(key: str, lang: str, **values: object) -> str:
    entry = _table()[key]
    return (entry.get(lang) or entry["en"]).format(**values)


def keys() -> list[str]:
    return list(_table())
