"""Numbers as a visitor reads them in RU and EN: counts, percentages, "about/almost/over", plural forms.

Why: the same figure appears in the decisions gallery, under the live chart and in "then and now";
writing it once here keeps "28,77 %" (RU) and "28.77%" (EN) consistent everywhere.
"""

from __future__ import annotations

from typing import Literal

Qualifier = Literal["exact", "about", "almost", "over"]

NBSP = "\u00a0"

_QUALIFIER_WORDS: dict[Qualifier, tuple[str, str]] = {
    "exact": ("", ""),
    "about": ("около", "about"),
    "almost": ("почти", "almost"),
    "over": ("более", "over"),
}


def qualifier_word(qualifier: Qualifier, lang: str) -> str:
    """'около' / 'about' etc.; empty for an exact figure."""
    ru, en = _QUALIFIER_WORDS[qualifier]
    return en if lang == "en" else ru


def format_count(value: int, lang: str) -> str:
    """154000 -> '154 000' (RU, non-breaking space) or '154,000' (EN)."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", NBSP)


def format_percent(value: float, lang: str, decimals: int | None = None) -> str:
    """28.77 -> '28,77 %' (RU) or '28.77%' (EN). `decimals=None` drops a trailing '.0'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if decimals is None else f"{value:.{decimals}f}"
    return f"{text}%" if lang == "en" else f"{text.replace('.', ',')}{NBSP}%"


def with_qualifier(text: str, qualifier: Qualifier, lang: str) -> str:
    """'почти 154 000' / 'almost 154,000'."""
    word = qualifier_word(qualifier, lang)
    return f"{word}{NBSP}{text}" if word else text


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """Russian noun form after a number: 1 голос, 2 голоса, 5 голосов, 21 голос, 11 голосов."""
    tens = count % 100
    units = count % 10
    if 11 <= tens <= 14:
        return many
    if units == 1:
        return one
    if 2 <= units <= 4:
        return few
    return many


def votes_phrase(count: int, lang: str) -> str:
    """'1 голос' / '5 голосов' / '1 vote' / '5 votes' with the count formatted for the language."""
    number = format_count(count, lang)
    if lang == "en":
        return f"{number} vote" if count == 1 else f"{number} votes"
    return f"{number} {plural_ru(count, 'голос', 'голоса', 'голосов')}"
