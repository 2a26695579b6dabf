"""The efficiency page in headless Chromium: it renders offline in both languages, the map
draws the parcels (counted by the canvas layer, pixels painted) with Leaflet served by the app,
the colouring switches, and screenshots are saved (``LANDINV_EFF_SHOTS`` chooses the folder)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from landinv.domain import BUILDINGS, PARCELS
from landinv.services.inventory import open_inventory
from tests.support.browser import (
    SHOTS,
    need_browser,
    offline_page,
    settle,
    streamlit_server,
)

pytestmark = pytest.mark.browser

OUT = Path(os.environ.get("LANDINV_EFF_SHOTS") or SHOTS)
AS_OF = dt.date(2026, 1, 15)
#: streamlit-folium's iframe, and the canvas that draws one layer in it (it
#: writes the number of features it drew into ``data-drawn``).
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
CANVAS = 'canvas[data-landinv-kind="{kind}"]'
#: Non-transparent pixels of a canvas.
PAINTED = """sel => {
    const c = document.querySelector(sel), d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
}"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("eff-browser")
    path = folder / "sample.gpkg"
    with open_inventory(path) as s:  # the sample parcels and enterprises
        counts = {k: len(s.layer(k, AS_OF, geometry=False)) for k in (PARCELS, BUILDINGS)}
        zone_parcels = int((s.layer(PARCELS, AS_OF, geometry=False)["zone"] == "xindu").sum())
    return {"folder": folder, "path": path, "counts": counts, "xindu": zone_parcels}


@pytest.fixture(scope="module")
def server(store):
    with streamlit_server(store["folder"], store["path"]) as url:
        yield url


def _settle(page) -> None:
    settle(page, pause_ms=1500)


def _map_drawn(page, parcels: int, buildings: int | None = None):
    """The map frame once its canvas has drawn ``parcels`` features; checks what it shows."""
    frame = page.wait_for_selector(FRAME).content_frame()
    frame.wait_for_function(
        "([sel, n]) => { const c = document.querySelector(sel);"
        " return c !== null && +c.dataset.drawn === n; }",
        arg=[CANVAS.format(kind="parcels"), parcels],
    )
    if buildings is not None:
        drawn = frame.evaluate(
            "sel => +document.querySelector(sel).dataset.drawn", CANVAS.format(kind="buildings")
        )
        assert drawn == buildings
    assert frame.evaluate(PAINTED, CANVAS.format(kind="parcels")) > 1000, "no parcel painted"
    return frame


def _shot(page, name: str, *, full: bool = True) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


@pytest.mark.parametrize(
    "lang,title,metric",
    [("zh", "亩均效益评价", "规上亩均税收"), ("en", "Per-mu efficiency", "Above-scale tax per mu")],
)
def test_efficiency_page_renders_offline(browser, server, store, lang, title, metric):
    with offline_page(browser) as (page, blocked):
        served: dict[str, int] = {}
        page.on("response", lambda r: served.__setitem__(r.url, r.status))
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.goto(f"{server}/efficiency?lang={lang}&as_of={AS_OF}")
        page.get_by_text(title).first.wait_for(timeout=90_000)
        page.get_by_text(metric).first.wait_for()
        page.locator(".vega-embed").first.wait_for()
        _settle(page)
        # The map shows every current parcel and building, not a grey box.
        frame = _map_drawn(page, store["counts"][PARCELS], store["counts"][BUILDINGS])
        legend = frame.locator(".landinv-legend").inner_text()
        assert ("A 类" if lang == "zh" else "Class A") in legend
        # No "supplied (0)": this map does not hatch supplied parcels.
        assert ("已供应" if lang == "zh" else "Supplied") not in legend
        # Leaflet came from the app itself (the npm copy), not from a CDN.
        leaflet = [u for u in served if u.endswith("/leaflet/leaflet.js")]
        assert leaflet and all(urlparse(u).hostname == "127.0.0.1" for u in leaflet)
        assert all(served[u] == 200 for u in leaflet)
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
        _map_drawn(page, store["xindu"])
        page.get_by_text("低效用地标记" if lang == "zh" else "Low-efficiency flags").first.click()
        _settle(page)
        flagged = "低效用地候选" if lang == "zh" else "Low-efficiency candidate"
        page.frame_locator(FRAME).locator(".landinv-legend", has_text=flagged).wait_for()
        _map_drawn(page, store["xindu"])
        page.locator(FRAME).scroll_into_view_if_needed()
        page.locator(FRAME).screenshot(path=str(OUT / f"efficiency_map_flags_{lang}.png"))
        page.get_by_text("亩均税收分档" if lang == "zh" else "Tax-per-mu bands").first.click()
        _settle(page)
        _map_drawn(page, store["xindu"])
        page.locator(FRAME).screenshot(path=str(OUT / f"efficiency_map_bands_{lang}.png"))
    assert not blocked, f"the app tried to reach the internet: {blocked[:5]}"
