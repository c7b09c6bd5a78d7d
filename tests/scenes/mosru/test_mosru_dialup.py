"""Dial-up on a simulated clock: page time = size ÷ speed, handshake stages, Skip, and the reveal it drives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.pages import PageRenderer
from scenes.mosru import ContentModel
from scenes.mosru.dialup import ModemLink, Transfer, format_duration, transfer_seconds
from scenes.mosru.synth import handshake_sound

FRAME = 1 / 60


def run_until_done(link: ModemLink, limit_s: float = 120.0) -> float:
    """Advance in 60 fps frames until the page is in; returns simulated seconds spent."""
    elapsed = 0.0
    while link.phase != "done":
        link.update(FRAME)
        elapsed += FRAME
        assert elapsed < limit_s, "transfer never finished"
    return elapsed


def test_page_time_matches_size_over_speed_at_every_modem_speed(mosru: ContentModel, tmp_path: Path) -> None:
    renderer = PageRenderer(mosru.site, tmp_path)
    page_size = renderer.page_bytes("home").total
    assert page_size > 5000
    for speed in mosru.dialup.speeds:
        link = ModemLink(speed.bits_per_second, stages=(), efficiency=mosru.dialup.efficiency)
        link.connect()
        link.request(page_size)
        measured = run_until_done(link)
        expected = page_size * 8 / speed.bits_per_second
        assert abs(measured - expected) <= 0.10 * expected, (speed.id, measured, expected)


def test_faster_modems_are_faster_and_today_is_almost_instant(mosru: ContentModel) -> None:
    size = 15000
    times = [transfer_seconds(size, s.bits_per_second) for s in mosru.dialup.speeds]
    assert times == sorted(times, reverse=True)
    assert transfer_seconds(size, mosru.dialup.today.bits_per_second) < 0.01
    assert transfer_seconds(14400, 14400) == pytest.approx(8.0)


def test_handshake_stages_follow_the_sound_and_then_the_page_loads() -> None:
    sound = handshake_sound()
    link = ModemLink(28800, stages=sound.stages())
    assert link.phase == "idle" and link.stage is None
    link.request(3600)  # dials first
    seen: list[str | None] = []
    while link.phase == "handshake":
        if link.stage not in seen:
            seen.append(link.stage)
        link.update(0.05)
    assert seen == ["dial", "ring", "answer", "negotiate"]
    assert link.connected and link.phase == "transfer"
    assert link.handshake_seconds == pytest.approx(sound.duration, abs=0.01)
    run_until_done(link)
    assert link.fraction == 1.0
    link.request(3600)  # connected: no second handshake
    assert link.phase == "transfer" and link.fraction == 0.0
    assert run_until_done(link) == pytest.approx(1.0, abs=2 * FRAME)


def test_skip_finishes_handshake_and_page_at_once(mosru: ContentModel, tmp_path: Path) -> None:
    renderer = PageRenderer(mosru.site, tmp_path)
    page = renderer.render("home", "ru")
    link = ModemLink(14400, stages=handshake_sound().stages())
    link.request(page.bytes.total)
    link.update(1.0)
    assert link.phase == "handshake" and page.render_progress(link.fraction) is not page.surface
    link.skip()
    assert link.phase == "done" and link.fraction == 1.0
    assert page.render_progress(link.fraction) is page.surface  # the full page, at once


def test_progress_is_monotonic_and_bytes_follow_time() -> None:
    transfer = Transfer(10_000, 14_400)
    last = 0.0
    for _ in range(400):
        transfer.update(0.02)
        assert transfer.fraction >= last
        last = transfer.fraction
        assert transfer.bytes_received == int(10_000 * transfer.fraction)
    assert transfer.done and transfer.remaining_seconds == 0.0
    assert transfer.update(1.0) == 1.0  # spare time is handed back


def test_efficiency_stretches_time() -> None:
    assert transfer_seconds(1800, 14400, efficiency=0.5) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        transfer_seconds(1, 0)


def test_hang_up_resets() -> None:
    link = ModemLink(56000, stages=(("dial", 1.0),))
    link.request(100)
    link.update(0.5)
    link.hang_up()
    assert link.phase == "idle" and not link.connected and link.fraction == 0.0


def test_format_duration_in_both_languages(mosru: ContentModel) -> None:
    ru, en = mosru.chrome.units.pick("ru"), mosru.chrome.units.pick("en")
    assert format_duration(8.61, "ru", ru) == "8,6 с"
    assert format_duration(8.61, "en", en) == "8.6 s"
    assert format_duration(23.4, "en", en) == "23 s"
    assert format_duration(65.2, "ru", ru) == "1 мин 05 с"
    assert format_duration(0.00124, "en", en) == "1.2 ms"
    assert format_duration(0.0004, "ru", ru) == "0,40 мс"
