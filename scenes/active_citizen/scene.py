"""Active Citizen scene: home with three sections — the project's story, what city votes decided, a live poll.

Why: this module only routes touches and picks what to draw; the rules of the poll live in poll.py (taps in,
`PollView` out), the pictures in the *_view.py modules. The visitor's points live in the PollController's
session: the engine's idle reset closes this scene (`exit()` closes the controller), so the next visitor starts
with a fresh session and no points.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import pygame

from kiosk.gestures import Drag, DragEnd, DragStart, Fling, InputEvent, KeyPress, Tap
from kiosk.scene import Scene, SceneContext, Target
from kiosk.widgets import StillLayer, hit
from scenes.active_citizen import CONTENT_FILE, decisions_view, history_view
from scenes.active_citizen.home_view import SECTIONS, draw_home
from scenes.active_citizen.model import ContentModel, Question
from scenes.active_citizen.pager import Pager
from scenes.active_citizen.poll import PollController, PollView, run_now
from scenes.active_citizen.poll_view import PollScreen
from scenes.active_citizen.store import db_path_for
from scenes.active_citizen.ui_style import WHERE, Frame, Style, frame_for

Section = Literal["home", "history", "decisions", "poll"]
TITLE_FIELDS = {"history": "tab_history", "decisions": "tab_decisions", "poll": "tab_poll"}


class ActiveCitizenScene(Scene):
    name = "active_citizen"

    def __init__(self, ctx: SceneContext) -> None:
        super().__init__(ctx)
        self.style = Style(ctx)
        self.section: Section = "home"
        self.content: ContentModel | None = None
        self.poll: PollController | None = None
        self.history = Pager(1)
        self.decisions = Pager(1)
        self.question_id = ""
        self.poll_screen = PollScreen(ctx, self.style)
        self._targets: list[Target] = []
        self._pages: dict[tuple[Any, ...], pygame.Surface] = {}
        self.still = StillLayer()
        """The whole screen while nothing on it moves (kiosk/widgets.py): one blit instead of ~3 ms of drawing."""
        self._kept_poll: tuple[Any, ...] = (None, None, None)
        self._dragging = False
        self._noted_error: str | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def enter(self, params: Mapping[str, Any]) -> None:
        content = self.ctx.content(CONTENT_FILE)
        if content is None:
            self.ctx.note(f"Active Citizen: {CONTENT_FILE} is missing or invalid; the scene cannot open")
            self.close()
            return
        self._set_content(content)
        assert self.content is not None
        runner = run_now if self.ctx.headless else None
        self.poll = PollController(self.content, db_path_for(self.ctx.var_dir), now=self.ctx.clock(),
                                   runner=runner, on_vote=self._vote_committed)
        section = params.get("section")
        if section in SECTIONS:
            self.open_section(section)

    def exit(self) -> None:
        if self.poll is not None:
            self.poll.close()
            self.poll = None

    def language_changed(self, lang: str) -> None:
        self._pages.clear()

    def content_changed(self) -> None:
        content = self.ctx.content(CONTENT_FILE)
        if content is not None:
            self._set_content(content)

    def _set_content(self, content: ContentModel) -> None:
        self.content = content
        self.history.count, self.decisions.count = len(content.history), len(content.decisions)
        self.history.clamp()
        self.decisions.clamp()
        if self.poll is not None:
            self.poll.content = content
        active = [question.id for question in content.poll.active_questions()]
        if self.question_id not in active:
            self.question_id = active[0]
        self._pages.clear()

    def _vote_committed(self, question_id: str) -> None:
        if self.ctx.analytics is not None:
            self.ctx.analytics.poll_answered(question_id)

    # -- navigation ------------------------------------------------------------------------------------------
    @property
    def questions(self) -> list[Question]:
        return self.content.poll.active_questions() if self.content is not None else []

    def open_section(self, section: str) -> None:
        if section == "history":
            self.section = "history"
        elif section == "decisions":
            self.section = "decisions"
        elif section == "poll":
            self.section = "poll"
            self.open_question(self.question_id)
        else:
            self.section = "home"

    def open_question(self, question_id: str) -> None:
        if self.poll is None or all(q.id != question_id for q in self.questions):
            return
        self.question_id = question_id
        self.poll.open_question(question_id, self.ctx.clock())

    def _page_width(self) -> int:
        return self._frame().body.width

    def _step(self, delta: int) -> None:
        if self.section == "history":
            self.history.go(delta, self._page_width() + self.style.margin)
        elif self.section == "decisions":
            self.decisions.go(delta, self._page_width() + self.style.margin)
        elif self.section == "poll" and self.questions:
            ids = [q.id for q in self.questions]
            index = ids.index(self.question_id) if self.question_id in ids else 0
            self.open_question(ids[(index + delta) % len(ids)])

    def activate(self, name: str) -> None:
        """A named target was tapped (also used by tests through real taps)."""
        now = self.ctx.clock()
        if name == "ac.exit":
            self.close()
        elif name == "ac.back":
            self.section = "home"
        elif name.startswith("ac.section."):
            self.open_section(name.removeprefix("ac.section."))
        elif name == "ac.next":
            self._step(1)
        elif name == "ac.prev":
            self._step(-1)
        elif name.startswith("ac.history."):
            self.history.jump(int(name.removeprefix("ac.history.")), self._page_width() + self.style.margin)
        elif name.startswith("ac.question."):
            self.open_question(name.removeprefix("ac.question."))
        elif self.poll is not None and name.startswith("ac.option."):
            self.poll.tap_option(self.question_id, name.removeprefix("ac.option."), now)
        elif self.poll is not None and name == "ac.vote":
            self.poll.tap_vote(self.question_id, now)
        elif self.poll is not None and name == "ac.retry":
            self.poll.retry(self.question_id, now)

    def _pager(self) -> Pager | None:
        return self.history if self.section == "history" else self.decisions if self.section == "decisions" else None

    def handle(self, event: InputEvent) -> None:
        pager = self._pager()
        if isinstance(event, Tap):
            name = hit(self._targets, event.pos)
            if name is not None:
                self.activate(name)
        elif isinstance(event, DragStart):
            self._dragging = pager is not None and self._frame().body.collidepoint(event.pos)
        elif isinstance(event, Drag) and self._dragging and pager is not None:
            pager.drag(event.delta[0])
        elif isinstance(event, DragEnd | Fling) and self._dragging:
            self._dragging = False
            if pager is not None:
                pager.release(event.velocity[0], self._page_width() + self.style.margin)
        elif isinstance(event, KeyPress):
            if event.key == pygame.K_RIGHT:
                self._step(1)
            elif event.key == pygame.K_LEFT:
                self._step(-1)
        if self.poll is not None and not isinstance(event, Tap):
            self.poll.session.note_activity(self.ctx.clock())

    # -- frame -----------------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.history.update(dt)
        self.decisions.update(dt)
        if self.poll is None:
            return
        self.poll.update(self.ctx.clock())
        error = self.poll.storage_error
        if error is not None and error != self._noted_error:
            self.ctx.note(f"Active Citizen votes: {error}")
        self._noted_error = error
        self.poll_screen.points_panel.update(self.poll.session.progress, dt)

    def poll_view(self) -> PollView | None:
        if self.poll is None or not self.question_id:
            return None
        return self.poll.view(self.question_id, self.ctx.clock())

    def _frame(self) -> Frame:
        label = self.content.texts.exit.pick(self.ctx.i18n.lang) if self.content is not None else ""
        return frame_for(self.ctx, self.style, label)

    def draw(self, surface: pygame.Surface) -> None:
        """A still screen (same key two frames in a row) is kept and blitted; a page being swiped, a chart or a
        progress bar animating, or an option picture still decoding is drawn live."""
        view = self.poll_view() if self.section == "poll" else None
        key = self._still_key(surface.get_size(), view)
        if key is not None:
            kept = self.still.blit(surface, key)
            if kept is not None:
                self._targets = kept
                self.poll_screen.chart, self.poll_screen.progress_fill, self.poll_screen.notice = self._kept_poll
                return
        self._draw_screen(surface, view)
        if key is None or self.poll_screen.images_missing:
            self.still.forget()
            return
        copies = self.still.copies
        self.still.drawn(surface, key, self._targets)
        if self.still.copies != copies:
            self._kept_poll = (self.poll_screen.chart, self.poll_screen.progress_fill, self.poll_screen.notice)

    def _still_key(self, size: tuple[int, int], view: PollView | None) -> tuple[Any, ...] | None:
        """Everything the screen shows (the same key means the same pixels); None while something moves."""
        if self.content is None:
            return None
        common = (size, id(self.content), id(self.ctx.theme), self.ctx.i18n.lang, self.section)
        if self.section == "home":
            return (*common, self.poll.session.points if self.poll is not None else 0)
        if self.section == "poll":
            if view is None or self.poll is None:
                return common
            panel = self.poll_screen.points_panel
            if panel.shown_progress != view.points_progress:
                return None
            return (*common, view.question.id, view.phase, view.selected, view.message, view.chart,
                    view.votes_until_results, view.city_bars, view.points, view.status_reached, panel.shown_progress,
                    tuple(q.id for q in self.questions), frozenset(self.poll.session.answered))
        pager = self._pager()
        if pager is None or pager.moving or self._dragging:
            return None
        return (*common, pager.index, pager.count)

    def _draw_screen(self, surface: pygame.Surface, view: PollView | None) -> None:
        style = self.style
        surface.fill(style.color("bg"))
        self.poll_screen.images_missing = False
        if self.content is None:
            self._targets = []
            return
        frame = self._frame()
        targets = self._header(surface, frame)
        if self.section == "home":
            points = self.poll.session.points if self.poll is not None else 0
            line = self.content.texts.points.pick(self.ctx.i18n.lang).format(points=points) if points else None
            area = pygame.Rect(frame.body.x, frame.body.y, frame.body.width, frame.footer.bottom - frame.body.y)
            targets += draw_home(surface, self.ctx, style, self.content.texts, area, frame.portrait, line)
        elif self.section == "poll":
            targets += self._draw_poll(surface, frame, view)
        else:
            targets += self._draw_pages(surface, frame)
        self._targets = targets

    def targets(self) -> list[Target]:
        return list(self._targets)

    # -- drawing parts ---------------------------------------------------------------------------------------
    def _header(self, surface: pygame.Surface, frame: Frame) -> list[Target]:
        assert self.content is not None
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        texts = self.content.texts
        title = texts.title.pick(lang)
        if self.section != "home":
            title = f"{title} · {getattr(texts, TITLE_FIELDS[self.section]).pick(lang)}"
        block = ctx.text.fit(title, [style.font("bold", "header_title"), style.font("bold", "lead"),
                                     style.font("bold", "small")], style.color("fg"), frame.title.width, 2,
                             where=f"{WHERE}:texts.title")
        surface.blit(block.surface, block.surface.get_rect(midleft=frame.title.midleft))
        return [style.button(surface, "ac.exit", frame.exit_button, texts.exit.pick(lang))]

    def _draw_pages(self, surface: pygame.Surface, frame: Frame) -> list[Target]:
        assert self.content is not None
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        texts = self.content.texts
        pager = self.history if self.section == "history" else self.decisions
        body = frame.body
        targets: list[Target] = []
        if self.section == "history":
            strip_h = history_view.strip_height(ctx, style)
            strip = pygame.Rect(body.x, body.bottom - strip_h, body.width, strip_h)
            body = pygame.Rect(body.x, body.y, body.width, strip.top - style.margin - body.y)
            targets += history_view.draw_strip(surface, ctx, style, self.content.history, pager.index, strip)
        spacing = body.width + style.margin
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(0, body.y, ctx.layout.width, body.height))
        for neighbour in (-1, 0, 1):
            index = pager.index + neighbour
            x = round(body.x + pager.offset + neighbour * spacing)
            if not 0 <= index < pager.count or x >= ctx.layout.width or x + body.width <= 0:
                continue
            surface.blit(self._page(index, body.size, frame.portrait), (x, body.y))
        surface.set_clip(clip)
        # footer: all sections | ‹ back   3 / 10   next ›
        back_label = texts.sections.pick(lang)
        back = pygame.Rect(frame.footer.x, frame.footer.y, style.button_width(back_label), frame.footer.height)
        targets.append(style.button(surface, "ac.back", back, back_label))
        next_label, prev_label = texts.next.pick(lang), texts.prev.pick(lang)
        next_rect = pygame.Rect(0, frame.footer.y, style.button_width(next_label, style.px(200)), frame.footer.height)
        next_rect.right = frame.footer.right
        counter = ctx.text.line(f"{pager.index + 1} / {pager.count}", style.font("bold", "lead"), style.color("fg"))
        counter_rect = counter.get_rect(midright=(next_rect.left - style.margin, next_rect.centery))
        prev_rect = pygame.Rect(0, frame.footer.y, style.button_width(prev_label, style.px(200)), frame.footer.height)
        prev_rect.right = counter_rect.left - style.margin
        surface.blit(counter, counter_rect)
        targets.append(style.button(surface, "ac.prev", prev_rect, prev_label, enabled=pager.index > 0))
        targets.append(style.button(surface, "ac.next", next_rect, next_label, primary=True,
                                    enabled=pager.index < pager.count - 1))
        return targets

    def _page(self, index: int, size: tuple[int, int], portrait: bool) -> pygame.Surface:
        assert self.content is not None
        key = (self.section, index, self.ctx.i18n.lang, size, portrait)
        page = self._pages.get(key)
        if page is None:
            if self.section == "history":
                page = history_view.render_page(self.ctx, self.style, self.content.texts, self.content.history[index],
                                                index, size, portrait)
            else:
                page = decisions_view.render_page(self.ctx, self.style, self.content.texts,
                                                  self.content.decisions[index], index, size, portrait)
            self._pages[key] = page
        return page

    def _draw_poll(self, surface: pygame.Surface, frame: Frame, view: PollView | None) -> list[Target]:
        assert self.content is not None
        if view is None or self.poll is None:
            return []
        style = self.style
        lang = self.ctx.i18n.lang
        texts = self.content.texts
        targets = self.poll_screen.draw(surface, self.content, view, self.questions, self.poll.session.answered,
                                        frame.body, frame.portrait)
        back_label = texts.sections.pick(lang)
        back = pygame.Rect(frame.footer.x, frame.footer.y, style.button_width(back_label), frame.footer.height)
        targets.append(style.button(surface, "ac.back", back, back_label))
        next_label = texts.next_question.pick(lang)
        next_rect = pygame.Rect(0, frame.footer.y, style.button_width(next_label, style.px(300)), frame.footer.height)
        next_rect.right = frame.footer.right
        targets.append(style.button(surface, "ac.next", next_rect, next_label, primary=view.phase == "results"))
        return targets
