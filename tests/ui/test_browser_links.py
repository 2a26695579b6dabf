"""Links that follow the view, and every page by its own path (issue 13, item 3).

In a real Chromium against ``streamlit run app.py``:

* every page opens by its own path (``/dashboard``, ``/map`` ...) with its
  title and no "Page not found" dialog;
* the address bar follows the view, and the link in "Copy link" opened in a
  fresh browser shows the same view: page, language, as-of date, filters and
  search;
* after a language switch the sidebar chips are in the new language, and the
  filters are still set on the next page.
"""

from __future__ import annotations

import re

import pytest

from tests.support.app import build_sample_store
from tests.support.browser import (
    SHOTS,
    need_browser,
    offline_page,
    settle,
    streamlit_server,
)

pytestmark = pytest.mark.browser

TITLES = {
    "dashboard": ("两条底线", "The two floors"),
    "map": ("地块地图", "Parcel map"),
    "upload": ("上传地块或厂房", "Upload parcels or buildings"),
    "downloads": ("下载", "Downloads"),
    "history": ("历史与变更", "History and changes"),
    "efficiency": ("亩均效益评价（亩均论英雄）", "Per-mu efficiency"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("links-store")
    store = build_sample_store(folder)
    with streamlit_server(folder, store) as url:
        yield url


def _settle(page) -> None:
    settle(page, pause_ms=1000)


def _no_dialog(page) -> None:
    dialogs = page.locator('[role="dialog"]')
    texts = [dialogs.nth(i).inner_text() for i in range(dialogs.count())]
    assert not texts, f"a dialog opened: {texts}"


def _chips(page, label: str, expect: list[str] | None = None) -> list[str]:
    """Chips of the sidebar multiselect ``label``; waits up to 20 s for ``expect``."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    for _ in range(40):
        found = box.locator("[data-tag] span[title]").all_inner_texts()
        if expect is None or found == expect:
            return found
        page.wait_for_timeout(500)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_opens_by_its_own_path(browser, server, lang):
    with offline_page(browser) as (page, blocked):
        for path, titles in TITLES.items():
            page.goto(f"{server}/{path}?lang={lang}")
            title = titles[0] if lang == "zh" else titles[1]
            page.get_by_role("heading", name=title).first.wait_for()
            _settle(page)
            _no_dialog(page)
        assert not blocked


def test_a_copied_link_opens_the_same_view(browser, server):
    with offline_page(browser) as (page, blocked):
        page.goto(f"{server}/map?lang=zh&as_of=2025-05-20&zones=huibu&status=available")
        page.get_by_role("heading", name="地块地图").wait_for()
        _settle(page)
        assert _chips(page, "片区", ["辉埠片区"]) == ["辉埠片区"]
        # Change the view in the page: language, then a search.
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Parcel map").wait_for()
        _settle(page)
        assert _chips(page, "Zones", ["Huibu"]) == ["Huibu"], "chips follow the language"
        search = page.get_by_role("textbox", name="Find a parcel (ID, name or project)")
        search.fill("CS-HB")
        search.press("Enter")
        _settle(page)
        page.wait_for_function("() => location.search.includes('q=CS-HB')")
        assert "lang=en" in page.url and "as_of=2025-05-20" in page.url
        bar = page.get_by_text(re.compile("Active filters:")).first.inner_text()
        page.get_by_role("button", name=re.compile("Copy link")).click()
        code = page.locator('[data-testid="stCode"]').first
        code.wait_for()
        link = code.inner_text().strip()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "view_link_en.png"))
        assert link.startswith(f"{server}/map?"), link
        assert not blocked

    with offline_page(browser) as (fresh, blocked):
        fresh.goto(link)
        fresh.get_by_role("heading", name="Parcel map").wait_for()
        _settle(fresh)
        _no_dialog(fresh)
        as_of = fresh.locator('[data-testid="stDateInput"] input').first.input_value()
        assert as_of.replace("-", "/") == "2025/05/20", as_of
        assert _chips(fresh, "Zones", ["Huibu"]) == ["Huibu"]
        assert _chips(fresh, "Status", ["Available"]) == ["Available"]
        assert (
            fresh.get_by_role("textbox", name="Find a parcel (ID, name or project)").input_value()
            == "CS-HB"
        )
        assert fresh.get_by_text(re.compile("Active filters:")).first.inner_text() == bar
        assert not blocked


def test_filters_survive_a_language_switch_and_a_page_change(browser, server):
    with offline_page(browser) as (page, blocked):
        page.goto(f"{server}/dashboard?zones=xindu,jinchuan")
        page.get_by_role("heading", name="两条底线").wait_for()
        _settle(page)
        assert _chips(page, "片区", ["新都片区", "金川片区"]) == ["新都片区", "金川片区"]
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="The two floors").wait_for()
        _settle(page)
        assert _chips(page, "Zones", ["Xindu", "Jinchuan"]) == ["Xindu", "Jinchuan"]
        page.get_by_role("link", name="Downloads").click()
        page.get_by_role("heading", name="Downloads").first.wait_for()
        _settle(page)
        kept = _chips(page, "Zones", ["Xindu", "Jinchuan"])
        assert kept == ["Xindu", "Jinchuan"], "filters kept on the next page"
        page.get_by_role("button", name=re.compile("Clear filters")).click()
        _settle(page)
        every = ["Xindu", "Huibu", "Jinchuan"]
        assert _chips(page, "Zones", every) == every
        page.get_by_text("No filter").first.wait_for()
        assert not blocked
