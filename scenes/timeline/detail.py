"""The detail view of one event: large image or gallery, caption and credit, full text, source, QR, "open".

Shown over the dimmed timeline. Everything textual is composed once per (event, language) into a panel
surface; the image comes from the image cache (placeholder while it decodes) and swipes through the gallery.
The view reports what the visitor asked for ("close", "open", "next", "prev") and the scene acts on it, so
closing or coming back from an opened scene lands on the same event at the same zoom.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import pygame

from kiosk import widgets
from kiosk.gestures import DragEnd, Fling, InputEvent, Tap
from kiosk.scene import SceneContext, Target
from kiosk.security import link_allowed

from .model import Event
from .qr import qr_surface
from .tuning import SCENE

CLOSE, OPEN, NEXT, PREV = "detail.close", "detail.open", "detail.next", "detail.prev"


@dataclass(frozen=True)
class DetailLayout:
    panel: pygame.Rect
    image: pygame.Rect
    caption: pygame.Rect
    text: pygame.Rect
    prev: pygame.Rect
    close: pygame.Rect
    open: pygame.Rect
    next: pygame.Rect


def compute_layout(ctx: SceneContext) -> DetailLayout:
    theme, layout = ctx.theme, ctx.layout
    margin, gap = theme.size("margin", SCENE), theme.size("gap", SCENE)
    lang = layout.lang_toggle_rect
    panel = pygame.Rect(margin, margin, layout.width - 2 * margin, layout.height - 2 * margin)
    pad = margin
    button_h = max(layout.min_target, theme.size("button_h", SCENE))
    bar_y = panel.bottom - pad - button_h
    inner = pygame.Rect(panel.left + pad, panel.top + pad, panel.width - 2 * pad, bar_y - gap - panel.top - pad)
    caption_h = theme.font("sans", "detail_meta", SCENE).get_linesize() * 3 + gap
    if layout.portrait:
        image_h = round(inner.height * 0.4)
        image = pygame.Rect(inner.left, max(inner.top, lang.bottom + gap), inner.width, image_h)
        caption = pygame.Rect(inner.left, image.bottom + gap // 2, inner.width, caption_h)
        text = pygame.Rect(inner.left, caption.bottom + gap, inner.width, inner.bottom - caption.bottom - gap)
    else:
        column = round(inner.width * 0.52)
        image = pygame.Rect(inner.left, inner.top, column, inner.height - caption_h - gap // 2)
        caption = pygame.Rect(inner.left, image.bottom + gap // 2, column, caption_h)
        text_left = image.right + 2 * gap
        text_top = max(inner.top, lang.bottom + gap)
        text = pygame.Rect(text_left, text_top, inner.right - text_left, inner.bottom - text_top)
    side_w = max(button_h, theme.px(190))
    prev = pygame.Rect(panel.left + pad, bar_y, side_w, button_h)
    next_ = pygame.Rect(panel.right - pad - side_w, bar_y, side_w, button_h)
    close = pygame.Rect(0, bar_y, max(button_h, theme.px(300)), button_h)
    if layout.portrait:
        close.centerx = panel.centerx
        open_ = pygame.Rect(inner.left, bar_y - gap - button_h, inner.width, button_h)
        text.height = max(1, open_.top - gap - text.top)
    else:
        room = next_.left - prev.right - 4 * gap - close.width
        open_ = pygame.Rect(0, bar_y, max(button_h, min(theme.px(600), room)), button_h)
        close.left = prev.right + gap + max(0, (room - open_.width) // 2)
        open_.left = close.right + 2 * gap
    return DetailLayout(panel, image, caption, text, prev, close, open_, next_)


class DetailView:
    KEEP_PANELS = 6
    """Composed text columns kept (about 3 MB each at 1080p): the current event and its neighbours."""

    def __init__(self, ctx: SceneContext) -> None:
        self.ctx = ctx
        self.layout = compute_layout(ctx)
        self.event: Event | None = None
        self.image_index = 0
        self.has_prev = False
        self.has_next = False
        self._panels: dict[tuple[str, str], pygame.Surface] = {}
        self._captions: dict[tuple[str, int, str], pygame.Surface] = {}
        self._targets: list[Target] = []
        self._qr_rects: dict[tuple[str, str], pygame.Rect] = {}
        self.qr_rect: pygame.Rect | None = None
        """Where the QR code is on screen (None when the event has no link)."""

    # -- state ---------------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.event is not None

    def open(self, event: Event, has_prev: bool, has_next: bool, image_index: int = 0) -> None:
        self.event = event
        self.has_prev, self.has_next = has_prev, has_next
        self.image_index = min(max(image_index, 0), max(0, len(event.images) - 1))

    def close(self) -> None:
        self.event = None
        self._targets = []

    def forget(self) -> None:
        """Language or content changed: compose the panels again."""
        self._panels.clear()
        self._captions.clear()
        self._qr_rects.clear()

    def can_open_scene(self) -> bool:
        return bool(self.event and self.event.scene and self.ctx.router.available(self.event.scene))

    # -- input ---------------------------------------------------------------------------------------
    def handle(self, event: InputEvent) -> str | None:
        """What the visitor asked for: CLOSE, OPEN, NEXT, PREV, or None (handled here or ignored)."""
        if self.event is None:
            return None
        if isinstance(event, Tap):
            name = widgets.hit(self._targets, event.pos)
            if name in (CLOSE, OPEN, NEXT, PREV):
                return name
            if self.layout.image.collidepoint(event.pos) and len(self.event.images) > 1:
                self.image_index = (self.image_index + 1) % len(self.event.images)
            elif not self.layout.panel.collidepoint(event.pos):
                return CLOSE
            return None
        if isinstance(event, Fling | DragEnd):
            dx = event.velocity[0]
            if abs(dx) < self.ctx.layout.mm(60):
                return None
            step = -1 if dx > 0 else 1
            if len(self.event.images) > 1 and self.layout.image.collidepoint(event.pos):
                self.image_index = (self.image_index + step) % len(self.event.images)
                return None
            if step > 0 and self.has_next:
                return NEXT
            if step < 0 and self.has_prev:
                return PREV
        return None

    # -- drawing -------------------------------------------------------------------------------------
    def _source_text(self, source: str) -> str:
        t = self.ctx.i18n.t
        if source.startswith("facts:"):
            return t("timeline.source_facts", row=source.removeprefix("facts:"))
        if source == "press-release-2024":
            return t("timeline.source_press")
        return t("timeline.source", source=source)

    def _compose_panel(self, event: Event, lang: str) -> pygame.Surface:
        ctx, theme, lay = self.ctx, self.ctx.theme, self.layout
        panel = pygame.Surface(lay.text.size)  # only the text column: the panel itself is a rectangle fill
        panel.fill(theme.color("detail_bg", SCENE))
        gap = theme.size("gap", SCENE)
        col = panel.get_rect()
        where = f"timeline.yaml:events.{event.id}"
        meta_font = theme.font("sans", "detail_meta", SCENE)
        y = col.top
        date = ctx.text.block(event.date.format(lang), theme.font("sans_bold", "detail_meta", SCENE),
                              theme.color("muted", SCENE), col.width, 1, where=f"{where}.date")
        panel.blit(date.surface, (col.left, y))
        y += date.surface.get_height() + gap // 2
        title = ctx.text.fit(event.title.pick(lang), [theme.font("sans_bold", "detail_title", SCENE),
                                                      theme.font("sans_bold", "lead", SCENE)],
                             theme.color("fg", SCENE), col.width, 3, where=f"{where}.title")
        panel.blit(title.surface, (col.left, y))
        y += title.surface.get_height() + gap
        if event.reconstruction:
            badge_text = ctx.text.line(ctx.i18n.t("timeline.reconstruction"),
                                       theme.font("sans_bold", "detail_meta", SCENE),
                                       theme.color("reconstruction_fg", SCENE))
            badge = badge_text.get_rect().inflate(gap * 2, gap)
            badge.topleft = (col.left, y)
            pygame.draw.rect(panel, theme.color("reconstruction_bg", SCENE), badge,
                             border_radius=theme.px(8))
            panel.blit(badge_text, badge_text.get_rect(center=badge.center))
            y = badge.bottom + gap
        # bottom of the column: QR block and source note
        bottom = col.bottom
        if event.link and link_allowed(event.link, ctx.config.allowed_link_hosts):
            qr_side = min(theme.px(220), col.height // 3)
            code = qr_surface(event.link, qr_side, theme.color("qr_dark", SCENE), theme.color("qr_light", SCENE))
            qr_pos = (col.left, bottom - code.get_height())
            panel.blit(code, qr_pos)
            self._qr_rects[(event.id, lang)] = code.get_rect(topleft=qr_pos).move(lay.text.topleft)
            host = urlparse(event.link).hostname or event.link
            hint = ctx.text.block(f"{ctx.i18n.t('timeline.qr')}\n{host}", meta_font, theme.color("muted", SCENE),
                                  col.width - code.get_width() - 2 * gap, 4, where="ui.yaml:timeline.qr")
            panel.blit(hint.surface, (col.left + code.get_width() + 2 * gap,
                                      qr_pos[1] + (code.get_height() - hint.surface.get_height()) // 2))
            bottom = qr_pos[1] - gap
        source = ctx.text.block(self._source_text(event.source), meta_font, theme.color("muted", SCENE),
                                col.width, 2, where=f"{where}.source")
        bottom -= source.surface.get_height()
        panel.blit(source.surface, (col.left, bottom))
        bottom -= gap
        body_fonts = [theme.font("sans", "detail_body", SCENE), theme.font("sans", "detail_body_small", SCENE)]
        step = round(body_fonts[-1].get_linesize() * 1.15)
        lines = max(1, (bottom - y) // step)
        body = ctx.text.fit(event.text.pick(lang), body_fonts, theme.color("fg", SCENE), col.width, lines,
                            where=f"{where}.text")
        panel.blit(body.surface, (col.left, y))
        return panel.convert() if pygame.display.get_surface() else panel

    def _caption(self, event: Event, index: int, lang: str) -> pygame.Surface:
        key = (event.id, index, lang)
        cached = self._captions.get(key)
        if cached is not None:
            return cached
        ctx, theme, box = self.ctx, self.ctx.theme, self.layout.caption
        surface = pygame.Surface(box.size, pygame.SRCALPHA)
        if event.images:
            image = event.images[index]
            where = f"timeline.yaml:events.{event.id}.images.{index}"
            font = theme.font("sans", "detail_meta", SCENE)
            caption = ctx.text.block(image.caption.pick(lang), font, theme.color("fg", SCENE), box.width, 2,
                                     where=f"{where}.caption")
            surface.blit(caption.surface, (0, 0))
            credit = ctx.text.block(image.credit.pick(lang), font, theme.color("muted", SCENE), box.width, 1,
                                    where=f"{where}.credit")
            surface.blit(credit.surface, (0, caption.surface.get_height()))
        self._captions[key] = surface
        return surface

    def frame_key(self) -> tuple[object, ...]:
        """Everything `draw` shows: the same key means the same pixels (the scene keeps the composed frame)."""
        event = self.event
        if event is None:
            return ()
        image = self._image(event)
        return (event.id, self.ctx.i18n.lang, self.image_index, id(image) if image is not None else None,
                self.has_prev, self.has_next, self.can_open_scene())

    def _image(self, event: Event) -> pygame.Surface | None:
        """The current picture from the image cache (None while it decodes or when the event has none)."""
        if not event.images:
            return None
        path = self.ctx.content_root / event.images[self.image_index].file
        return self.ctx.images.request(path, self.layout.image.size, fit="contain")

    def draw(self, surface: pygame.Surface) -> None:
        event = self.event
        if event is None:
            return
        ctx, theme, lay = self.ctx, self.ctx.theme, self.layout
        lang = ctx.i18n.lang
        panel = self._panels.get((event.id, lang))
        if panel is None:
            panel = self._panels[(event.id, lang)] = self._compose_panel(event, lang)
            if len(self._panels) > self.KEEP_PANELS:
                self._panels.pop(next(iter(self._panels)))
        pygame.draw.rect(surface, theme.color("detail_bg", SCENE), lay.panel,
                         border_radius=theme.size("radius", SCENE))
        surface.blit(panel, lay.text.topleft)
        self.qr_rect = self._qr_rects.get((event.id, lang))
        shown = self._draw_image(surface, event)
        caption_top = min(shown.bottom + theme.size("gap", SCENE) // 2, lay.caption.top)
        surface.blit(self._caption(event, self.image_index, lang), (lay.caption.left, caption_top))
        close = lay.close
        if not self.can_open_scene() and not ctx.layout.portrait:
            close = close.copy()
            close.centerx = lay.panel.centerx
        targets = [widgets.button(surface, ctx, CLOSE, close, ctx.i18n.t("common.close"), primary=False,
                                  scene=SCENE)]
        if self.can_open_scene():
            assert event.scene is not None
            label = ctx.i18n.t("timeline.open_scene", scene=ctx.i18n.t(f"scene.{event.scene}"))
            targets.append(widgets.button(surface, ctx, OPEN, lay.open, label, primary=True, scene=SCENE))
        if self.has_prev:
            targets.append(widgets.button(surface, ctx, PREV, lay.prev, ctx.i18n.t("timeline.prev"), primary=False,
                                          scene=SCENE))
        if self.has_next:
            targets.append(widgets.button(surface, ctx, NEXT, lay.next, ctx.i18n.t("timeline.next"), primary=False,
                                          scene=SCENE))
        self._targets = targets

    def _image_rect(self, size: tuple[int, int] | None) -> pygame.Rect:
        """Where an image of `size` (None: not decoded yet, assume 3:2) sits: top of the image box."""
        box = self.layout.image
        width, height = size or (3, 2)
        scale = min(box.width / width, box.height / height)
        rect = pygame.Rect(0, 0, round(width * scale), round(height * scale))
        rect.midtop = box.midtop
        return rect

    def _draw_image(self, surface: pygame.Surface, event: Event) -> pygame.Rect:
        """Draw the current image (placeholder while it decodes); returns where it is."""
        theme = self.ctx.theme
        image = self._image(event)
        rect = self._image_rect(image.get_size() if image is not None else None)
        if image is None:
            surface.fill(theme.color("placeholder", SCENE), rect)
        else:
            surface.blit(image, rect)
        count = len(event.images)
        if count > 1:
            radius = theme.px(7)
            spacing = radius * 4
            x0 = rect.centerx - spacing * (count - 1) // 2
            for index in range(count):
                color = theme.color("fg" if index == self.image_index else "muted", SCENE)
                pygame.draw.circle(surface, color, (x0 + index * spacing, rect.bottom - 3 * radius), radius)
        return rect

    def targets(self) -> list[Target]:
        return list(self._targets)
