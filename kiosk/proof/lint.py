"""`check --layout`: what does not fit, cannot be read or cannot be reached, as located warnings.

It walks the same proof screens as `export` in every configured screen size and language (kiosk/proof/walk.py)
and turns what was measured into `file:line:col: warning:` lines:
- text cut to fit its box (TextRenderer's overflow records, located through the scene's `where=` label);
- missing translations (kiosk/proof/translations.py);
- images with fewer pixels than their box needs (kiosk/proof/image_res.py);
- touch targets smaller than `input.touch_target_mm` or outside the reach band (`layout_lint.reach_mm`);
- text below `layout_lint.min_contrast` against the background it is drawn on (kiosk/proof/contrast.py),
  located at the theme colour.
A screen that cannot be reached is a warning too: its measurements are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.loader import ContentBundle, load_bundle
from kiosk.content.problems import Problem, display_path
from kiosk.content.registry import config_file, content_specs, make_context
from kiosk.proof.export import plural
from kiosk.proof.image_res import asset_locations, shortfalls
from kiosk.proof.screens import ProofScreen, all_screens
from kiosk.proof.theme_refs import ThemeRefs
from kiosk.proof.translations import translation_problems
from kiosk.proof.walk import Progress, RunRecord, Taken, walk
from kiosk.proof.wheres import WhereResolver
from kiosk.scene import Layout
from kiosk.text import Overflow

Loc = tuple[Any, ...]


def size_text(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def field_name(where: str) -> str:
    """'timeline.yaml:events.x.title' → 'title'; 'button:detail.close' → 'button label'."""
    if where.startswith("button:"):
        return "button label"
    _, _, path = where.partition(":")
    parts = [p for p in path.split(".") if p and not p.isdigit()]
    return parts[-1].replace("_", " ") if parts else "text"


def overflow_message(overflow: Overflow, lang: str, box: str) -> str:
    name = field_name(overflow.where)
    if overflow.max_lines > 1 and overflow.lines_needed > overflow.max_lines:
        return (f"{lang} {name} needs {overflow.lines_needed} lines, its {box} has room for {overflow.max_lines}: "
                "shorten it")
    if overflow.box_width > 0 and overflow.natural_width > overflow.box_width and overflow.max_lines <= 1:
        percent = max(1, round((overflow.natural_width / overflow.box_width - 1) * 100))
        return f"{lang} {name} is {percent} % wider than its {box}: shorten it"
    return f"{lang} {name} has a word wider than its {box}: shorten the word or add a hyphen"


@dataclass
class _Entry:
    problem: Problem
    screens: set[str] = field(default_factory=set)


class LintCollector:
    """Turns Taken screens and run records into de-duplicated Problems."""

    def __init__(self, config: Any, bundle: ContentBundle, theme_path: Path) -> None:
        self.config = config
        self.bundle = bundle
        self.settings = config.layout_lint
        self.resolver = WhereResolver(bundle)
        self.theme = ThemeRefs(theme_path)
        self._entries: dict[tuple[Any, ...], _Entry] = {}
        self._images: list[tuple[tuple[str, tuple[int, int], str], str, tuple[int, int]]] = []
        self._assets = asset_locations(bundle)

    # -- helpers -----------------------------------------------------------------------------------------------
    def _content_problem(self, file: str, loc: Loc, message: str) -> Problem:
        line, col = self.bundle.where(file, loc)
        return Problem(display_path(Path(self.bundle.root) / file), line, col, "warning", message)

    def _source_problem(self, screen: ProofScreen, message: str) -> Problem:
        return self._content_problem(screen.source[0], screen.source[1], message)

    def _add(self, key: tuple[Any, ...], problem: Problem, screen: str) -> None:
        entry = self._entries.setdefault(key, _Entry(problem))
        entry.screens.add(screen)

    # -- per screen ----------------------------------------------------------------------------------------------
    def add(self, taken: Taken) -> None:
        screen, size, lang = taken.screen, taken.size, taken.lang
        shown = f"{screen.id} ({lang}, {size_text(size)})"
        if taken.error:
            self._add(("error", screen.id), self._source_problem(
                screen, f"proof screen {shown} could not be shown, so it was not checked: {taken.error}"),
                screen.id)
        box = "card" if screen.kind == "card" else "box"
        for overflow in taken.overflows:
            place = self.resolver.resolve(overflow.where, lang, overflow.text) or screen.source
            message = f"{overflow_message(overflow, lang, box)} (on {shown})"
            self._add(("overflow", place[0], place[1], lang, size), self._content_problem(place[0], place[1], message),
                      screen.id)
        if taken.whole_screen and taken.picture is not None:
            self._targets(taken, shown)
        for finding in taken.contrast:
            self._contrast(taken, finding, shown)

    def _targets(self, taken: Taken, shown: str) -> None:
        width, height = taken.size
        layout = Layout(width, height, self.config.screen.diagonal_inch, self.config.input.touch_target_mm)
        per_mm = layout.px_per_mm
        low, high = self.settings.reach_mm
        minimum = self.config.input.touch_target_mm
        for target in taken.targets:
            rect = target.rect
            label = f"touch target '{target.name}'"
            side = min(rect.width, rect.height) / per_mm
            if side < minimum - 0.5:
                self._add(("small", target.name, taken.size), self._source_problem(
                    taken.screen, f"{label} is {rect.width / per_mm:.0f}×{rect.height / per_mm:.0f} mm, smaller "
                    f"than {minimum:g} mm (input.touch_target_mm) on a {self.config.screen.diagonal_inch:g}-inch "
                    f"screen (on {shown})"), taken.screen.id)
            centre = self.settings.screen_bottom_mm + (height - rect.centery) / per_mm
            if not low <= centre <= high:
                where = "below" if centre < low else "above"
                self._add(("reach", target.name, taken.size), self._source_problem(
                    taken.screen, f"{label} is {centre:.0f} mm above the floor, {where} the reach band "
                    f"{low:g}–{high:g} mm (layout_lint.reach_mm, screen bottom at "
                    f"{self.settings.screen_bottom_mm:g} mm) (on {shown})"), taken.screen.id)

    def _contrast(self, taken: Taken, finding: Any, shown: str) -> None:
        scene = taken.screen.scene
        tokens = self.theme.tokens(finding.text, scene, taken.lang)
        text = self.theme.describe(finding.text, scene, taken.lang)
        background = self.theme.describe(finding.background, scene, taken.lang)
        sample = finding.line.text.strip()
        sample = sample if len(sample) <= 40 else sample[:39] + "…"
        message = (f"'{sample}': text colour {text} on {background} has a contrast of {finding.ratio:.1f}:1, below "
                   f"{self.settings.min_contrast:g}:1 (layout_lint.min_contrast): change one of the two colours "
                   f"(on {shown})")
        if tokens:
            line, col = tokens[0][2]
            problem = Problem(self.theme.shown, line, col, "warning", message)
        else:
            problem = self._source_problem(taken.screen, message)
        self._add(("contrast", scene, finding.text, finding.background), problem, taken.screen.id)

    # -- per run ------------------------------------------------------------------------------------------------
    def add_records(self, records: Sequence[RunRecord]) -> None:
        for record in records:
            self._images.extend((key, screen, record.size) for key, screen in record.image_requests.items())

    def _image_problems(self) -> list[Problem]:
        problems = []
        import os

        for short in shortfalls(self._images, self.settings.image_px_per_box_px):
            place = self._assets.get(os.path.realpath(short.path))
            relative = os.path.relpath(short.path, self.bundle.root)
            message = (f"image '{relative}' is {short.image_size[0]}×{short.image_size[1]} px but is shown "
                       f"{short.shown[0]}×{short.shown[1]} px on {short.screen} ({size_text(short.screen_size)}): "
                       f"give it at least {short.needed[0]}×{short.needed[1]} px "
                       f"(layout_lint.image_px_per_box_px = {self.settings.image_px_per_box_px:g})")
            if place is None:
                problems.append(Problem(display_path(short.path), 1, 1, "warning", message))
            else:
                problems.append(self._content_problem(place[0], place[1], message))
        return problems

    def problems(self) -> list[Problem]:
        found = []
        for entry in self._entries.values():
            problem = entry.problem
            more = len(entry.screens) - 1
            if more > 0:
                problem = Problem(problem.file, problem.line, problem.col, problem.severity,
                                  f"{problem.message}; also on {more} more screen{'s' if more != 1 else ''}")
            found.append(problem)
        return sorted(set(found + self._image_problems()))


def layout_problems(config: Any, content_dir: Path | None = None, sizes: Sequence[tuple[int, int]] | None = None,
                    progress: Progress | None = None, only: Sequence[str] = ()) -> tuple[list[Problem], list[str]]:
    """(warnings, notes) of the layout lint over every proof screen, size and language."""
    root = Path(content_dir) if content_dir is not None else config.content_dir
    result = load_bundle(root, content_specs(config), make_context(config, root))
    if result.bundle is None:
        return [], ["layout not checked: fix the errors above first"]
    bundle = result.bundle
    collector = LintCollector(config, bundle, config.theme_path)
    errors: list[str] = []
    screens = all_screens(config, bundle, only, errors)
    sizes = list(sizes or config.layout_lint.sizes)
    for size in sizes:
        for lang in config.languages.available:
            records: list[RunRecord] = []
            for taken in walk(config, screens, size, lang, root, config.layout_lint.min_contrast, progress,
                              records):
                collector.add(taken)
            collector.add_records(records)
    problems = translation_problems(bundle) + collector.problems()
    problems += [Problem(display_path(config_file(config)), 1, 1, "warning", f"scene {error}: not checked")
                 for error in errors]
    note = (f"layout checked: {plural(len(screens), 'screen')} × {plural(len(config.languages.available), 'language')} at "
            f"{', '.join(size_text(s) for s in sizes)}")
    return sorted(set(problems)), [note]


ProgressFactory = Callable[[], Progress]
