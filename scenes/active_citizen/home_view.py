"""The scene's home: a short introduction and three big cards (History, What votes decided, Live poll).

Each card is one touch target ("ac.section.<name>"); a small drawn pictogram tells the sections apart at a
glance. Landscape puts the cards side by side, portrait stacks them.
"""

from __future__ import annotations

import math

import pygame

from kiosk.scene import SceneContext, Target
from scenes.active_citizen.model import SceneTexts
from scenes.active_citizen.ui_style import WHERE, Style

SECTIONS = ("history", "decisions", "poll")


CARD_FIELDS = {"history": ("tab_history", "history_teaser"), "decisions": ("tab_decisions", "decisions_teaser"),
               "poll": ("tab_poll", "poll_teaser")}
"""Section -> (title, teaser) field names of SceneTexts (also the lint's `where` labels)."""


def card_rects(area: pygame.Rect, portrait: bool, gap: int) -> list[pygame.Rect]:
    count = len(SECTIONS)
    if portrait:
        height = (area.height - gap * (count - 1)) // count
        return [pygame.Rect(area.x, area.y + i * (height + gap), area.width, height) for i in range(count)]
    width = (area.width - gap * (count - 1)) // count
    return [pygame.Rect(area.x + i * (width + gap), area.y, width, area.height) for i in range(count)]


def draw_pictogram(surface: pygame.Surface, style: Style, section: str, box: pygame.Rect) -> None:
    """Simple shapes: a timeline with dots, a ring with a winning share, a small bar chart."""
    main, alt, track = style.color("icon"), style.color("icon_alt"), style.color("track")
    line = max(2, box.height // 24)
    if section == "history":
        y = box.centery
        pygame.draw.line(surface, track, (box.left, y), (box.right, y), line * 2)
        for i in range(5):
            x = box.left + round(box.width * (i + 0.5) / 5)
            radius = box.height // 7 if i == 4 else box.height // 11
            pygame.draw.circle(surface, alt if i == 4 else main, (x, y), radius)
    elif section == "decisions":
        radius = box.height // 2 - line
        center = (box.centerx, box.centery)
        pygame.draw.circle(surface, track, center, radius, width=radius // 3)
        points: list[tuple[float, float]] = [center]
        for step in range(0, 61):
            angle = math.radians(step * 150 / 60)
            points.append((center[0] + radius * math.sin(angle), center[1] - radius * math.cos(angle)))
        pygame.draw.polygon(surface, alt, points)
        pygame.draw.circle(surface, style.color("panel"), center, radius - radius // 3)
        check = [(center[0] - radius // 3, center[1]), (center[0] - radius // 10, center[1] + radius // 4),
                 (center[0] + radius // 3, center[1] - radius // 4)]
        pygame.draw.lines(surface, style.color("check"), False, check, line * 2)
    else:
        bar_h = box.height // 5
        for i, share in enumerate((0.9, 0.55, 0.3)):
            y = box.top + i * (bar_h + bar_h // 2)
            pygame.draw.rect(surface, track, (box.left, y, box.width, bar_h), border_radius=bar_h // 3)
            pygame.draw.rect(surface, alt if i == 0 else main, (box.left, y, round(box.width * share), bar_h),
                             border_radius=bar_h // 3)


def draw_home(surface: pygame.Surface, ctx: SceneContext, style: Style, texts: SceneTexts, body: pygame.Rect,
              portrait: bool, points_line: str | None) -> list[Target]:
    lang = ctx.i18n.lang
    intro = ctx.text.fit(texts.home_intro.pick(lang), [style.font("regular", "lead"), style.font("regular", "body")],
                         style.color("muted"), body.width, 3, where=f"{WHERE}:texts.home_intro")
    surface.blit(intro.surface, body.topleft)
    area = pygame.Rect(body.x, body.y + intro.surface.get_height() + style.margin, body.width, 0)
    area.height = body.bottom - area.y
    targets = []
    pad = style.size("pad") + style.gap
    for section, rect in zip(SECTIONS, card_rects(area, portrait, style.margin), strict=True):
        pygame.draw.rect(surface, style.color("panel"), rect, border_radius=style.radius)
        pygame.draw.rect(surface, style.color("panel_edge"), rect, width=max(1, style.px(2)),
                         border_radius=style.radius)
        title_field, teaser_field = CARD_FIELDS[section]
        inner = rect.inflate(-2 * pad, -2 * pad)
        if portrait:
            icon_w = inner.width * 3 // 10
            icon_h = min(inner.height, icon_w * 2 // 3, style.size("icon_h"))
            icon = pygame.Rect(inner.x, inner.centery - icon_h // 2, icon_w, icon_h)
            text_box = pygame.Rect(icon.right + pad * 2, inner.y, inner.right - icon.right - pad * 2, inner.height)
        else:
            icon_h = min(style.size("icon_h"), inner.height * 3 // 10)
            icon = pygame.Rect(inner.x + inner.width // 10, inner.y + pad, inner.width * 8 // 10, icon_h)
            text_box = pygame.Rect(inner.x, icon.bottom + pad * 2, inner.width, inner.bottom - icon.bottom - pad * 2)
        draw_pictogram(surface, style, section, icon)
        pill_label = texts.open_section.pick(lang)
        pill_font = style.font("bold", "button")
        pill = pygame.Rect(0, 0, pill_font.size(pill_label)[0] + 2 * style.size("pad"),
                           pill_font.get_linesize() + style.gap)
        pill.bottomleft = text_box.bottomleft
        pygame.draw.rect(surface, style.color("accent"), pill, border_radius=pill.height // 2)
        opener = ctx.text.line(pill_label, pill_font, style.color("accent_fg"))
        surface.blit(opener, opener.get_rect(center=pill.center))
        bottom = pill.top - style.gap
        if section == "poll" and points_line:
            points = ctx.text.block(points_line, style.font("bold", "card_text"), style.color("progress_fill"),
                                    text_box.width, 1, where=f"{WHERE}:texts.points")
            bottom -= points.surface.get_height()
            surface.blit(points.surface, (text_box.x, bottom))
            bottom -= style.gap
        y = text_box.y
        title = ctx.text.fit(getattr(texts, title_field).pick(lang),
                             [style.font("bold", "card_title"), style.font("bold", "lead")], style.color("fg"),
                             text_box.width, 2, where=f"{WHERE}:texts.{title_field}")
        surface.blit(title.surface, (text_box.x, y))
        y += title.surface.get_height() + style.gap
        teaser = style.fit_height(getattr(texts, teaser_field).pick(lang),
                                  [style.font("regular", "card_text"), style.font("regular", "small")],
                                  style.color("muted"), text_box.width, bottom - y,
                                  where=f"{WHERE}:texts.{teaser_field}")
        surface.blit(teaser.surface, (text_box.x, y))
        targets.append(Target(f"ac.section.{section}", rect.copy(), getattr(texts, title_field).pick(lang)))
    return targets
