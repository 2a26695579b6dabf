"""The efficiency page in headless Chromium: it renders offline in both languages, the map
colouring switches, and screenshots are saved (``LANDINV_EFF_SHOTS`` chooses the folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from landinv.services.inventory import open_inventory
from tests.support.browser import SHOTS, chromium, need_browser, offline_page, streamlit_server

pytestmark = pytest.mark.browser

OUT = Path(os.environ.get("LANDINV_EFF_SHOTS") or SHOTS)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("eff-browser")
    store = folder / "sample.gpkg"
    open_inventory(store).close()  # the sample parcels and enterprises
    with streamlit_server(folder, store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _settle(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && document.querySelector('[data-testid=\"stMain\"]') !== null"
    )
    page.wait_for_timeout(1500)


def _shot(page, name: str, *, full: bool = True) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


@pytest.mark.parametrize(
    "lang,title,metric",
    [("zh", "亩均效益评价", "规上亩均税收"), ("en", "Per-mu efficiency", "Above-scale tax per mu")],
)
def test_efficiency_page_renders_offline(browser, server, lang, title, metric):
    with offline_page(browser) as (page, blocked):
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.goto(f"{server}/efficiency?lang={lang}&as_of=2026-01-15")
        page.get_by_text(title).first.wait_for(timeout=90_000)
        page.get_by_text(metric).first.wait_for()
        page.locator(".vega-embed").first.wait_for()
        page.locator("iframe").first.wait_for()
        _settle(page)
        page.wait_for_timeout(3000)  # the map iframe draws its parcels
        value = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        assert 18.5 < float(value.replace(",", "")) < 20.0
        _shot(page, f"efficiency_{lang}")
        # map colouring, zoomed to one sub-area: low-efficiency flags, then tax bands
        page.set_viewport_size({"width": 1400, "height": 1200})
        label = "片区" if lang == "zh" else "Sub-area"
        page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
        page.locator('[role="option"]').filter(
            has_text="新都片区" if lang == "zh" else "Xindu"
        ).first.click()
        _settle(page)
        page.get_by_text("低效用地标记" if lang == "zh" else "Low-efficiency flags").first.click()
        _settle(page)
        page.wait_for_timeout(3000)
        frame = page.locator("iframe").first
        frame.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        frame.screenshot(path=str(OUT / f"efficiency_map_flags_{lang}.png"))
        page.get_by_text("亩均税收分档" if lang == "zh" else "Tax-per-mu bands").first.click()
        _settle(page)
        page.wait_for_timeout(3000)
        page.locator("iframe").first.screenshot(path=str(OUT / f"efficiency_map_bands_{lang}.png"))
    assert not blocked, f"the app tried to reach the internet: {blocked[:5]}"
