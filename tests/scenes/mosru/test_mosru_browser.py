"""The browser's rules without drawing: cache, Reload, Skip, history and the modem on any dt."""

from __future__ import annotations

import pytest

from scenes.mosru.browser import Browser
from scenes.mosru.dialup import ModemLink

SIZES = {"home": 14400, "a": 1800, "b": 3600}


def make(bps: int = 14400, stages: tuple[tuple[str, float], ...] = (("dial", 1.0),)) -> Browser:
    return Browser("home", SIZES.__getitem__, ModemLink(bps, stages))


def run(browser: Browser, seconds: float, dt: float = 1 / 60) -> None:
    for _ in range(round(seconds / dt)):
        browser.update(dt)


def test_start_dials_then_downloads_the_start_page_at_the_modem_speed() -> None:
    browser = make()
    browser.start()
    assert browser.dialling and browser.busy and browser.fraction == 0.0
    run(browser, 1.0 + 4.0)  # handshake 1 s + half of 8 s
    assert browser.loading == "home" and browser.fraction == pytest.approx(0.5, abs=0.02)
    run(browser, 4.1)
    assert browser.loading is None and "home" in browser.cached and browser.fraction == 1.0 and browser.loads == 1


def test_visited_pages_come_from_the_cache_and_reload_downloads_again() -> None:
    browser = make(stages=())
    browser.start()
    browser.skip()
    browser.navigate("a")
    assert browser.loading == "a"
    run(browser, 1.1)  # 1800 B at 14.4 kbit/s = 1.0 s
    assert browser.loading is None
    browser.back()
    assert browser.current == "home" and browser.loading is None and browser.fraction == 1.0
    browser.forward()
    assert browser.current == "a" and browser.loading is None
    browser.reload()
    assert browser.loading == "a" and browser.fraction < 0.1
    run(browser, 0.5)
    assert browser.fraction == pytest.approx(0.5, abs=0.03)
    browser.home()
    assert browser.current == "home" and browser.loading is None  # the page on its way was dropped
    assert "a" not in browser.cached and browser.link.transfer is None
    assert browser.history.entries == ("home", "a", "home")


def test_skip_finishes_the_handshake_and_the_page_at_once() -> None:
    browser = make(stages=(("dial", 3.0),))
    browser.start()
    browser.skip()
    assert browser.connected and not browser.dialling and browser.loading is None and browser.fraction == 1.0


def test_hang_up_forgets_the_page_on_its_way() -> None:
    browser = make()
    browser.start()
    run(browser, 2.0)
    browser.hang_up()
    assert not browser.connected and not browser.busy and browser.loading is None
