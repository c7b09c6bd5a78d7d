"""Scenes label their texts (`where="timeline.yaml:events.ru-domain.title"`); the lint turns the labels into
the file:line:col of the text in the language it was shown in, also for labels with dotted keys, ids one list
down, alternatives, wildcards, or no file at all (then the words themselves are looked up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.content.loader import ContentBundle, load_bundle
from kiosk.content.registry import content_specs, make_context
from kiosk.proof.translations import translation_problems
from kiosk.proof.wheres import WhereResolver
from tests.conftest import CONFIG_DIR

CONTENT = CONFIG_DIR / "content"


@pytest.fixture(scope="module")
def bundle() -> ContentBundle:
    config = load_config(CONFIG_DIR / "kiosk.yaml")
    loaded = load_bundle(config.content_dir, content_specs(config), make_context(config))
    assert loaded.bundle is not None
    return loaded.bundle


def line_of(file: str, needle: str, after: str = "") -> int:
    lines = (CONTENT / file).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start=start + 1) if needle in line)


def cite(bundle: ContentBundle, resolver: WhereResolver, where: str, lang: str, text: str = "") -> str:
    place = resolver.resolve(where, lang, text)
    assert place is not None, where
    return bundle.cite(*place)


def test_labels_with_ids_dotted_keys_and_lists_one_level_down(bundle: ContentBundle) -> None:
    resolver = WhereResolver(bundle)
    title = bundle.models["timeline.yaml"].events  # type: ignore[attr-defined]
    ru_domain = next(event for event in title if event.id == "ru-domain")
    place = resolver.resolve("timeline.yaml:events.ru-domain.title", "en", ru_domain.title.en)
    assert place is not None and place[1][-2:] == ("title", "en")
    assert bundle.where(*place)[0] == line_of("timeline.yaml", ru_domain.title.en, after="id: ru-domain")
    assert cite(bundle, resolver, "ui.yaml:timeline.zoom.year", "ru").startswith(
        f"ui.yaml:{line_of('ui.yaml', 'timeline.zoom.year:')}:")
    assert cite(bundle, resolver, "active_citizen.yaml:poll.ag-participation.options.not-yet.text", "en") == \
        f"active_citizen.yaml:{line_of('active_citizen.yaml', 'Not yet, but')}:" \
        f"{(CONTENT / 'active_citizen.yaml').read_text(encoding='utf-8').splitlines()[line_of('active_citizen.yaml', 'Not yet, but') - 1].index('en:') + 5}"


def test_alternatives_wildcards_and_labels_without_a_file_use_the_words(bundle: ContentBundle) -> None:
    resolver = WhereResolver(bundle)
    offline = "Not connected: choose a modem speed."
    assert cite(bundle, resolver, "mosru.yaml:chrome.connect_dialog.connected|offline", "en", offline).startswith(
        f"mosru.yaml:{line_of('mosru.yaml', offline)}:")
    assert cite(bundle, resolver, "button:detail.close", "en", "Close") == \
        f"ui.yaml:{line_of('ui.yaml', 'common.close:')}:{line_of_col('ui.yaml', 'common.close:', 'en:') + 4}"
    assert cite(bundle, resolver, "button:detail.open", "ru", "Открыть: Первый mos.ru").startswith(
        f"ui.yaml:{line_of('ui.yaml', 'timeline.open_scene:')}:")  # a template: {scene} matches anything
    assert resolver.resolve("button:nothing", "en", "words that are nowhere in the content") is None
    assert resolver.resolve("timeline.yaml:events.no-such-event.title", "en")[0] == "timeline.yaml"  # type: ignore[index]


def line_of_col(file: str, needle: str, inner: str) -> int:
    line = (CONTENT / file).read_text(encoding="utf-8").splitlines()[line_of(file, needle) - 1]
    return line.index(inner) + 1


def test_the_default_content_has_no_missing_translations(bundle: ContentBundle) -> None:
    assert translation_problems(bundle) == []


def test_texts_written_once_or_without_letters_need_no_translation(tmp_path: Path, bundle: ContentBundle) -> None:
    """ui.yaml's '+' and '−' are the same in both languages, and so are texts written once; only ru/en pairs
    with the same words (or one empty) are missing translations."""
    ui = bundle.models["ui.yaml"].root  # type: ignore[attr-defined]
    assert ui["timeline.zoom_in"].ru == ui["timeline.zoom_in"].en == "+"
    content = tmp_path / "content"
    content.mkdir()
    (content / "ui.yaml").write_text('same: {ru: "Текст", en: "Текст"}\nsymbols: {ru: "+ 15 %", en: "+ 15 %"}\n'
                                     'fine: {ru: "Да", en: "Yes"}\n', encoding="utf-8")
    config = load_config(CONFIG_DIR / "kiosk.yaml").model_copy(update={"scenes": {}})
    loaded = load_bundle(content, content_specs(config), make_context(config, content))
    assert loaded.bundle is not None
    problems = translation_problems(loaded.bundle)
    assert [(p.line, p.col, p.severity) for p in problems] == [(1, len("same: {ru: \"Текст\", en: ") + 1, "warning")]
    assert "the en text is the same as the ru text ('Текст')" in problems[0].message
