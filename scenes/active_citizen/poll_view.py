"""Live poll screen: question chips, the question and its options (or the animated result), the points panel.

Draws one `PollView` (poll.py) and returns the touch targets: "ac.question.<id>", "ac.option.<option id>",
"ac.vote", "ac.retry". No rules live here: taps go back to the PollController.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from kiosk.scene import SceneContext, Target
from kiosk.text import TextBlock
from scenes.active_citizen.chart_draw import ChartGeometry, ChartLabels, draw_bar_chart, draw_ring_chart
from scenes.active_citizen.formatting import format_count
from scenes.active_citizen.model import ContentModel, Option, Question
from scenes.active_citizen.points_view import PointsPanel
from scenes.active_citizen.poll import PollView
from scenes.active_citizen.ui_style import WHERE, Style


@dataclass(frozen=True)
class PollLayout:
    chips: pygame.Rect
    main: pygame.Rect
    points: pygame.Rect


def compute_layout(ctx: SceneContext, style: Style, panel: PointsPanel, content: ContentModel, body: pygame.Rect,
                   portrait: bool, questions: int) -> PollLayout:
    chip = max(ctx.layout.min_target, style.size("chip"))
    label_h = style.font("bold", "small").get_linesize() + style.gap // 2
    if portrait:
        per_row = max(1, (body.width + style.gap) // (chip + style.gap))
        rows = -(-questions // per_row)
        chips = pygame.Rect(body.x, body.y, body.width, label_h + rows * chip + (rows - 1) * style.gap)
        points_h = min(panel.natural_height(content, body.width), body.height // 3)
        points = pygame.Rect(body.x, body.bottom - points_h, body.width, points_h)
        main = pygame.Rect(body.x, chips.bottom + style.margin, body.width,
                           points.top - style.margin - chips.bottom - style.margin)
        return PollLayout(chips, main, points)
    side_w = min(style.size("side_w"), body.width // 3)
    side = pygame.Rect(body.right - side_w, body.y, side_w, body.height)
    per_row = max(1, (side_w + style.gap) // (chip + style.gap))
    rows = -(-questions // per_row)
    chips = pygame.Rect(side.x, side.y, side_w, label_h + rows * chip + (rows - 1) * style.gap)
    points = pygame.Rect(side.x, chips.bottom + style.margin, side_w, side.bottom - chips.bottom - style.margin)
    main = pygame.Rect(body.x, body.y, side.x - style.margin * 2 - body.x, body.height)
    return PollLayout(chips, main, points)


class PollScreen:
    def __init__(self, ctx: SceneContext, style: Style) -> None:
        self.ctx = ctx
        self.style = style
        self.points_panel = PointsPanel(ctx, style)
        self.chart: ChartGeometry | None = None
        """Where the last result chart was painted (None when no chart was on screen)."""
        self.progress_fill: pygame.Rect | None = None
        self.notice: pygame.Rect | None = None
        """The calm "results unavailable" panel when it is on screen."""
        self.images_missing = False
        """An option picture was not decoded yet when the screen was drawn (the scene does not keep that frame)."""

    # -- the whole screen ------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, content: ContentModel, view: PollView, questions: list[Question],
             answered: set[str], body: pygame.Rect, portrait: bool) -> list[Target]:
        layout = compute_layout(self.ctx, self.style, self.points_panel, content, body, portrait, len(questions))
        targets = self._chips(surface, content, questions, view.question.id, answered, layout.chips)
        self.progress_fill = self.points_panel.draw(surface, content, layout.points, view.points,
                                                    view.status_reached)
        self.chart = None
        self.notice = None
        if view.phase == "unavailable":
            targets += self._unavailable(surface, content, view, layout.main)
        elif view.phase == "results":
            self._results(surface, content, view, layout.main)
        else:
            targets += self._asking(surface, content, view, layout.main)
        return targets

    def _chips(self, surface: pygame.Surface, content: ContentModel, questions: list[Question], current: str,
               answered: set[str], rect: pygame.Rect) -> list[Target]:
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        number = next((i for i, q in enumerate(questions) if q.id == current), 0) + 1
        label = ctx.text.block(content.texts.question_of.pick(lang).format(n=number, total=len(questions)),
                               style.font("bold", "small"), style.color("muted"), rect.width, 1,
                               where=f"{WHERE}:texts.question_of")
        surface.blit(label.surface, rect.topleft)
        chip = max(ctx.layout.min_target, style.size("chip"))
        per_row = max(1, (rect.width + style.gap) // (chip + style.gap))
        top = rect.y + style.font("bold", "small").get_linesize() + style.gap // 2
        targets = []
        for index, question in enumerate(questions):
            row, col = divmod(index, per_row)
            box = pygame.Rect(rect.x + col * (chip + style.gap), top + row * (chip + style.gap), chip, chip)
            is_current = question.id == current
            fill = style.color("accent" if is_current else "option")
            pygame.draw.rect(surface, fill, box, border_radius=style.radius)
            if not is_current:
                pygame.draw.rect(surface, style.color("option_edge"), box, width=max(1, style.px(2)),
                                 border_radius=style.radius)
            text = ctx.text.line(str(index + 1), style.font("bold", "lead"),
                                 style.color("accent_fg" if is_current else "fg"))
            surface.blit(text, text.get_rect(center=box.center))
            if question.id in answered:
                mark = pygame.Rect(0, 0, chip // 3, chip // 3)
                mark.topright = (box.right - style.px(6), box.top + style.px(6))
                pygame.draw.circle(surface, style.color("check"), mark.center, mark.width // 2)
                _tick(surface, style.color("chosen_fg"), mark, max(2, style.px(3)))
            targets.append(Target(f"ac.question.{question.id}", box, str(index + 1)))
        return targets

    # -- asking ----------------------------------------------------------------------------------------------
    def _asking(self, surface: pygame.Surface, content: ContentModel, view: PollView,
                rect: pygame.Rect) -> list[Target]:
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        question = view.question
        texts = content.texts
        y = self._question_text(surface, question, rect, large=True)
        if view.phase == "saving":
            hint_text, hint_where = texts.saving.pick(lang), "saving"
        elif question.kind == "multiple":
            hint_text, hint_where = texts.multiple_hint.pick(lang), "multiple_hint"
        else:
            hint_text, hint_where = texts.single_hint.pick(lang), "single_hint"
        if hint_text is not None:
            hint = ctx.text.block(hint_text, style.font("regular", "body"), style.color("muted"), rect.width, 1,
                                  where=f"{WHERE}:texts.{hint_where}")
            surface.blit(hint.surface, (rect.x, y))
            y += hint.surface.get_height() + style.gap
        y += style.gap
        bottom = rect.bottom
        targets: list[Target] = []
        if question.kind == "multiple":
            label = texts.vote_button.pick(lang)
            button = pygame.Rect(0, 0, style.button_width(label, style.px(360)), style.button_h)
            button.bottomright = rect.bottomright
            targets.append(style.button(surface, "ac.vote", button, label, primary=True,
                                        enabled=bool(view.selected) and view.phase == "asking"))
            bottom = button.top - style.margin
        area = pygame.Rect(rect.x, y, rect.width, bottom - y)
        targets += self._options(surface, question, view, area)
        return targets

    def _question_text(self, surface: pygame.Surface, question: Question, rect: pygame.Rect, large: bool) -> int:
        style = self.style
        sizes = ["section_title", "lead", "body"] if large else ["lead", "body"]
        block = self.ctx.text.fit(question.text.pick(self.ctx.i18n.lang), [style.font("bold", s) for s in sizes],
                                  style.color("fg"), rect.width, 3 if large else 2,
                                  where=f"{WHERE}:poll.{question.id}.text")
        surface.blit(block.surface, rect.topleft)
        return rect.y + block.surface.get_height() + style.gap

    def _options(self, surface: pygame.Surface, question: Question, view: PollView,
                 area: pygame.Rect) -> list[Target]:
        ctx, style = self.ctx, self.style
        count = len(question.options)
        columns = 2 if (not ctx.layout.portrait and count > 3 and area.width >= style.px(900)) else 1
        rows = -(-count // columns)
        has_images = any(option.image for option in question.options)
        wanted = style.size("option_image_h" if has_images else "option_h")
        height = max(ctx.layout.min_target, min(wanted, (area.height - style.gap * (rows - 1)) // rows))
        width = (area.width - style.gap * (columns - 1)) // columns
        targets = []
        for index, option in enumerate(question.options):
            row, col = divmod(index, columns)
            box = pygame.Rect(area.x + col * (width + style.gap), area.y + row * (height + style.gap), width, height)
            self._option(surface, question, option, view, box, has_images)
            targets.append(Target(f"ac.option.{option.id}", box, option.text.pick(ctx.i18n.lang)))
        return targets

    def _option(self, surface: pygame.Surface, question: Question, option: Option, view: PollView,
                box: pygame.Rect, has_images: bool) -> None:
        ctx, style = self.ctx, self.style
        selected = option.id in view.selected
        pygame.draw.rect(surface, style.color("option_selected" if selected else "option"), box,
                         border_radius=style.radius)
        pygame.draw.rect(surface, style.color("chosen" if selected else "option_edge"), box,
                         width=max(2, style.px(3 if selected else 2)), border_radius=style.radius)
        pad = style.size("pad")
        x = box.x + pad
        if question.kind == "multiple":
            side = min(box.height - 2 * pad, style.size("bar_h"))
            check = pygame.Rect(x, box.centery - side // 2, side, side)
            pygame.draw.rect(surface, style.color("chosen" if selected else "muted"), check,
                             width=0 if selected else max(2, style.px(3)), border_radius=side // 5)
            if selected:
                _tick(surface, style.color("chosen_fg"), check, max(3, style.px(5)))
            x = check.right + pad
        if has_images:
            side = box.height - 2 * style.gap
            thumb = pygame.Rect(x, box.y + style.gap, side, side)
            image = None
            if option.image:
                image = ctx.images.request(Path(ctx.content_root) / option.image, thumb.size, fit="cover")
            if image is None:
                self.images_missing = self.images_missing or bool(option.image)
                pygame.draw.rect(surface, style.color("track"), thumb, border_radius=style.radius // 2)
            else:
                surface.blit(image, thumb)
            x = thumb.right + pad
        fonts = [style.font("bold" if selected else "regular", "option"), style.font("regular", "small")]
        text = ctx.text.fit(option.text.pick(ctx.i18n.lang), fonts, style.color("fg"), box.right - pad - x, 2,
                            where=f"{WHERE}:poll.{question.id}.options.{option.id}.text")
        surface.blit(text.surface, (x, box.centery - text.surface.get_height() // 2))

    # -- results ---------------------------------------------------------------------------------------------
    def _results(self, surface: pygame.Surface, content: ContentModel, view: PollView, rect: pygame.Rect) -> None:
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        texts = content.texts
        question = view.question
        y = self._question_text(surface, question, rect, large=False)
        if view.message is not None:
            positive = view.message == "thank_you"
            message = ctx.text.fit(("✓ " if positive else "") + getattr(texts, view.message).pick(lang),
                                   [style.font("bold", "message"), style.font("bold", "body")],
                                   style.color("check" if positive else "muted"), rect.width, 2,
                                   where=f"{WHERE}:texts.{view.message}")
            surface.blit(message.surface, (rect.x, y))
            y += message.surface.get_height() + style.margin
        notes = self._notes(question, view, lang, rect.width)
        notes_h = sum(block.surface.get_height() + style.gap for block in notes)
        chart_rect = pygame.Rect(rect.x, y, rect.width, rect.bottom - notes_h - style.gap - y)
        if view.chart is None:
            self._hidden(surface, texts.results_hidden.pick(lang).format(n=view.votes_until_results), chart_rect)
        else:
            labels = self._labels(content, question, view, lang)
            if view.chart.kind == "ring":
                self.chart = draw_ring_chart(surface, ctx, style, view.chart, labels, chart_rect, question.id,
                                             view.city_bars)
            else:
                self.chart = draw_bar_chart(surface, ctx, style, view.chart, view.city_bars, labels, chart_rect,
                                            question.id)
        y = rect.bottom - notes_h
        for block in notes:
            surface.blit(block.surface, (rect.x, y))
            y += block.surface.get_height() + style.gap

    def _notes(self, question: Question, view: PollView, lang: str, width: int) -> list[TextBlock]:
        style = self.style
        fonts = [style.font("regular", "small")]
        notes = []
        if view.city_bars and question.city_result is not None:
            notes.append(self.ctx.text.fit(question.city_result.note.pick(lang), fonts, style.color("muted"), width,
                                           3, where=f"{WHERE}:poll.{question.id}.city_result.note"))
        if question.note is not None:
            notes.append(self.ctx.text.fit(question.note.pick(lang), fonts, style.color("muted"), width, 3,
                                           where=f"{WHERE}:poll.{question.id}.note"))
        return notes

    def _labels(self, content: ContentModel, question: Question, view: PollView, lang: str) -> ChartLabels:
        texts = content.texts
        total_template = texts.answers_total if question.kind == "multiple" else texts.votes_total
        respondents = view.chart.respondents if view.chart is not None else 0
        city = texts.city_result.pick(lang)
        if question.city_result is not None:
            city = f"{city}, {question.city_result.date.format(lang)}"

        def option_text(option_id: str) -> str:
            option = question.option(option_id)
            return option.text.pick(lang) if option is not None else option_id

        return ChartLabels(option_text=option_text, your_choice=texts.your_choice.pick(lang),
                           visitors=texts.visitors_result.pick(lang), city=city,
                           city_other=texts.city_other.pick(lang), then_and_now=texts.then_and_now.pick(lang),
                           total=total_template.pick(lang).format(count=format_count(respondents, lang)))

    def _hidden(self, surface: pygame.Surface, text: str, rect: pygame.Rect) -> None:
        style = self.style
        box = pygame.Rect(rect.x, rect.y, rect.width, min(rect.height, style.px(200)))
        pygame.draw.rect(surface, style.color("panel"), box, border_radius=style.radius)
        block = self.ctx.text.fit(text, [style.font("bold", "lead"), style.font("bold", "body")], style.color("fg"),
                                  box.width - 2 * style.size("pad"), 2, where=f"{WHERE}:texts.results_hidden",
                                  align="center")
        surface.blit(block.surface, block.surface.get_rect(center=box.center))

    # -- storage trouble -------------------------------------------------------------------------------------
    def _unavailable(self, surface: pygame.Surface, content: ContentModel, view: PollView,
                     rect: pygame.Rect) -> list[Target]:
        ctx, style = self.ctx, self.style
        lang = ctx.i18n.lang
        texts = content.texts
        y = self._question_text(surface, view.question, rect, large=False) + style.gap
        pad = style.size("pad") * 2
        title = ctx.text.fit(texts.results_unavailable.pick(lang), [style.font("bold", "lead")], style.color("fg"),
                             rect.width - 2 * pad, 2, where=f"{WHERE}:texts.results_unavailable", align="center")
        detail = None
        if view.message == "vote_not_saved":
            detail = ctx.text.fit(texts.vote_not_saved.pick(lang), [style.font("regular", "body")],
                                  style.color("muted"), rect.width - 2 * pad, 3, where=f"{WHERE}:texts.vote_not_saved",
                                  align="center")
        height = pad * 2 + title.surface.get_height() + style.margin + style.button_h
        height += detail.surface.get_height() + style.gap if detail is not None else 0
        box = pygame.Rect(rect.x, y, rect.width, min(height, rect.bottom - y))
        pygame.draw.rect(surface, style.color("notice_bg"), box, border_radius=style.radius)
        pygame.draw.rect(surface, style.color("notice_edge"), box, width=max(1, style.px(2)),
                         border_radius=style.radius)
        self.notice = box
        y = box.y + pad
        surface.blit(title.surface, (box.x + pad, y))
        y += title.surface.get_height() + style.gap
        if detail is not None:
            surface.blit(detail.surface, (box.x + pad, y))
            y += detail.surface.get_height() + style.gap
        label = texts.retry.pick(lang)
        button = pygame.Rect(0, 0, style.button_width(label, style.px(360)), style.button_h)
        button.midbottom = (box.centerx, box.bottom - pad)
        return [style.button(surface, "ac.retry", button, label, primary=True)]


def _tick(surface: pygame.Surface, color: pygame.Color, box: pygame.Rect, width: int) -> None:
    points = [(box.x + box.width * 0.22, box.y + box.height * 0.52), (box.x + box.width * 0.42,
                                                                       box.y + box.height * 0.72),
              (box.x + box.width * 0.78, box.y + box.height * 0.3)]
    pygame.draw.lines(surface, color, False, points, width)
