"""The map page in a real browser, with the network blocked.

Headless Chromium against ``streamlit run app.py`` on loopback, on a copy of
the sample store (one server for the module). Every request to anything but
127.0.0.1 is aborted and recorded; each test checks none was attempted. The
map must still draw every current sample parcel: Leaflet comes from the app's
own origin (npm copy served by landinv.ui.assets), the parcels from the
page's payload. Screenshots go to docs/screenshots/.

Without Chromium the tests skip with the reason shown, except with CI=true.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import SHOTS, chromium, need, need_browser, offline_page, streamlit_server
from test_app_support import build_sample_store

from landinv.domain import BUILDINGS, PARCELS
from landinv.store import open_store

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: Selector of the canvas that draws a layer; it reports features drawn.
CANVAS = 'canvas[data-landinv-kind="{kind}"]'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free loopback port over a copy of the sample store."""
    need_browser()
    from landinv.ui.assets import assets_installed

    need(assets_installed(), "map assets missing: run bash scripts/assets.sh")
    folder = tmp_path_factory.mktemp("map-browser")
    store = build_sample_store(folder)
    with streamlit_server(folder, store, drop_env=(
            "LANDINV_CONFIG", "LANDINV_TIANDITU_KEY", "LANDINV_BASEMAP")) as url:
        yield {"url": url, "store": store}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    """A page that may only reach 127.0.0.1; what it tried elsewhere is recorded."""
    served: dict[str, int] = {}
    with offline_page(browser) as (pg, blocked):
        pg.on("response", lambda r: served.__setitem__(r.url, r.status))
        pg.served = served
        yield pg
    assert not blocked, f"the map tried to reach the internet: {blocked[:5]}"


def _current(server, kind: str) -> int:
    store = open_store(str(server["store"]), seed=False)
    try:
        return len(store.layer(kind, dt.date.today(), geometry=False))
    finally:
        store.close()


def _open_map(page, server, **params):
    """Open the map page; return its frame once every layer has been drawn."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    page.goto(f"{server['url']}/map" + (f"?{query}" if query else ""))
    page.wait_for_selector(FRAME)
    frame = page.frame_locator(FRAME).first
    frame.locator(CANVAS.format(kind="parcels")).wait_for(state="attached")
    handle = page.wait_for_selector(FRAME).content_frame()
    handle.wait_for_function(
        "sel => { const c = document.querySelector(sel); return c && +c.dataset.drawn > 0; }",
        arg=CANVAS.format(kind="parcels"))
    page.wait_for_timeout(800)
    return handle


def _drawn(frame, kind: str) -> int:
    return int(frame.evaluate(
        "sel => document.querySelector(sel).dataset.drawn", CANVAS.format(kind=kind)))


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def _parcel_on_screen(page, frame, index: int = 0) -> tuple[float, float, str]:
    """Zoom to the ``index``-th parcel; return its centre on the page and its ID."""
    point = frame.evaluate("""index => {
        const m = window.map;
        const layer = Object.values(m._layers).find(
            l => l instanceof L.LandinvLayer && l._data.kind === 'parcels');
        const g = layer._geom;
        let x = 0, y = 0, n = 0;
        for (let v = g.ring0[g.feat0[index]]; v < g.ring0[g.feat0[index] + 1]; v++) {
            x += g.ux[v]; y += g.uy[v]; n++;
        }
        const z = 16, world = 256 * Math.pow(2, z);
        m.setView(m.unproject(L.point(x / n * world, y / n * world), z), z, {animate: false});
        const p = m.latLngToContainerPoint(m.unproject(L.point(x / n * world, y / n * world), z));
        return {x: p.x, y: p.y, id: layer.featureId(index)};
    }""", index)
    box = page.locator(FRAME).bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"], point["id"]


# -- tests ------------------------------------------------------------------------------

def test_map_draws_every_parcel_with_the_network_blocked(page, server):
    frame = _open_map(page, server)
    assert _drawn(frame, "parcels") == _current(server, PARCELS)
    assert _drawn(frame, "buildings") == _current(server, BUILDINGS)
    assert _drawn(frame, "zones") == 3
    # Leaflet came from the app itself (the npm copy), not from a CDN.
    leaflet = [u for u in page.served if u.endswith("/leaflet/leaflet.js")]
    assert leaflet and all(urlparse(u).hostname == "127.0.0.1" for u in leaflet)
    assert all(page.served[u] == 200 for u in leaflet)
    # Pixels: the canvas is painted in the categories' colours.
    painted = frame.evaluate("""sel => {
        const c = document.querySelector(sel), d = c.getContext('2d')
            .getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }""", CANVAS.format(kind="parcels"))
    assert painted > 1000
    legend = frame.locator(".landinv-legend").inner_text()
    for word in ("图例", "工业熟地", "盘活低效用地", "新开发土地", "标准厂房"):
        assert word in legend
    assert frame.locator(".leaflet-tile").count() == 0, "no basemap by default: no tiles"
    _shot(page, "map_overview")
    # A closer look at one sub-area for the README.
    frame.evaluate("""() => {
        const zones = Object.values(window.map._layers).find(
            l => l instanceof L.LandinvLayer && l._data.kind === 'zones');
        const b = zones._data.lp.map(p => p);  // label points sit on each zone's top edge
        window.map.setView([b[0][0] - 0.004, b[0][1]], 15, {animate: false});
    }""")
    page.wait_for_timeout(800)
    _shot(page, "map")


def test_hover_and_click_show_the_parcel(page, server):
    frame = _open_map(page, server)
    x, y, parcel_id = _parcel_on_screen(page, frame, index=5)
    page.wait_for_timeout(300)
    page.mouse.move(x, y)
    tip = frame.locator(".landinv-tip")
    tip.wait_for()
    text = tip.inner_text()
    assert parcel_id in text and "亩" in text and "片区" in text
    page.mouse.click(x, y)
    heading = page.get_by_role("heading", name=f"地块 {parcel_id}")
    heading.wait_for()
    page.get_by_text("历史版本").first.wait_for()
    page.get_by_text("面积(亩)").first.wait_for(state="attached")  # a grid cell
    # The click reran the app without rebuilding the map: the view is kept.
    assert frame.evaluate("window.map.getZoom()") == 16
    page.mouse.move(x, y)
    page.wait_for_timeout(500)
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.wait_for_timeout(800)
    _shot(page, "map_details")


def test_english_legend_and_search(page, server):
    store = open_store(str(server["store"]), seed=False)
    try:
        parcels = store.layer(PARCELS, dt.date.today(), geometry=False)
    finally:
        store.close()
    target = str(parcels["parcel_id"].iloc[-1])
    frame = _open_map(page, server, lang="en")
    legend = frame.locator(".landinv-legend").inner_text()
    assert "Legend" in legend and "Ready industrial land" in legend
    page.get_by_label("Find a parcel (ID or name)").fill(target)
    page.keyboard.press("Enter")
    page.get_by_text(f'Search "{target}": 1 parcel(s) found').first.wait_for()
    page.get_by_role("heading", name=f"Parcel {target}").wait_for()
    frame.wait_for_function("() => window.map.getZoom() >= 15")
    page.wait_for_timeout(800)
    _shot(page, "map_search_en")
