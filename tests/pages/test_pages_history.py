"""Back / Forward / Home behave like a browser, and taps on a rendered page drive the history."""

from __future__ import annotations

from kiosk.pages import History, PageRenderer


def test_back_forward_and_truncation() -> None:
    history = History("home")
    assert history.current == "home" and not history.can_back and not history.can_forward
    history.visit("a")
    history.visit("b")
    assert history.back() == "a" and history.back() == "home" and history.back() == "home"
    assert history.forward() == "a" and history.can_forward
    history.visit("c")  # drops "b" from the forward list
    assert not history.can_forward and history.entries == ("home", "a", "c")
    assert history.visited == {"home", "a", "b", "c"}


def test_revisit_is_a_no_op_and_home_is_a_visit() -> None:
    history = History("home")
    history.visit("a")
    history.visit("a")
    assert history.entries == ("home", "a")
    assert history.home() == "home" and history.back() == "a"
    history.reset()
    assert history.entries == ("home",) and history.visited == {"home"}


def test_history_limit() -> None:
    history = History("p0", limit=5)
    for n in range(1, 20):
        history.visit(f"p{n}")
    assert len(history.entries) == 5 and history.current == "p19"


def test_tapping_links_navigates_and_back_returns(renderer: PageRenderer) -> None:
    history = History(renderer.site.start)
    page = renderer.render(history.current, "ru", history.visited)
    about = next(region for region in page.layout.links if region.target == "about")
    x, y, w, h = about.rect
    target = page.hit_test((x + w / 2, y + h / 2))
    assert target == "about"
    history.visit(target)
    page = renderer.render(history.current, "ru", history.visited)
    home_link = page.layout.links[0]
    hx, hy, hw, hh = home_link.rect
    assert page.hit_test((hx + 1, hy + 1)) == "home"
    assert history.back() == "home"
    back_page = renderer.render(history.current, "ru", history.visited)
    assert back_page.page_id == "home"
    assert history.forward() == "about"
