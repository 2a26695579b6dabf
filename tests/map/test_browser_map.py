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

from landinv.domain import BUILDINGS, PARCELS
from landinv.store import open_store
from tests.support.app import build_sample_store
from tests.support.browser import (
    SHOTS,
    need,
    need_browser,
    offline_page,
    streamlit_server,
)

pytestmark = pytest.mark.browser

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
    with streamlit_server(
        folder, store, drop_env=("LANDINV_CONFIG", "LANDINV_TIANDITU_KEY", "LANDINV_BASEMAP")
    ) as url:
        yield {"url": url, "store": store}


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
    store = open_store(str(server["store"]))
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
        arg=CANVAS.format(kind="parcels"),
    )
    page.wait_for_timeout(800)
    return handle


def _drawn(frame, kind: str) -> int:
    return int(
        frame.evaluate("sel => document.querySelector(sel).dataset.drawn", CANVAS.format(kind=kind))
    )


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def _parcel_on_screen(page, frame, index: int = 0) -> tuple[float, float, str]:
    """Zoom to the ``index``-th parcel; return its centre on the page and its ID."""
    point = frame.evaluate(
        """index => {
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
    }""",
        index,
    )
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
    painted = frame.evaluate(
        """sel => {
        const c = document.querySelector(sel), d = c.getContext('2d')
            .getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }""",
        CANVAS.format(kind="parcels"),
    )
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
    store = open_store(str(server["store"]))
    try:
        parcels = store.layer(PARCELS, dt.date.today(), geometry=False)
    finally:
        store.close()
    target = str(parcels["parcel_id"].iloc[-1])
    frame = _open_map(page, server, lang="en")
    legend = frame.locator(".landinv-legend").inner_text()
    assert "Legend" in legend and "Ready industrial land" in legend
    page.get_by_role("textbox", name="Find a parcel (ID, name or project)").fill(target)
    page.keyboard.press("Enter")
    page.get_by_text(f'Search "{target}": 1 parcel found').first.wait_for()
    page.get_by_role("heading", name=f"Parcel {target}").wait_for()
    frame.wait_for_function("() => window.map.getZoom() >= 15")
    page.wait_for_timeout(800)
    _shot(page, "map_search_en")


# -- level of detail, on a saved map served from a temp folder (no Streamlit) -----------


def _grid_parcels(n_side: int, size_m: float, gap_m: float, origin=(118.45, 28.85)):
    """``n_side``² small parcels (octagons) in a square, categories and statuses mixed."""
    import geopandas as gpd
    import numpy as np
    from shapely.geometry import Polygon

    from landinv.geometry import area_m2

    lon0, lat0 = origin
    deg_m = 1 / 111_320
    shapes, cats, status = [], [], []
    for i in range(n_side * n_side):
        cx = lon0 + (i % n_side) * (size_m + gap_m) * deg_m / np.cos(np.radians(lat0))
        cy = lat0 + (i // n_side) * (size_m + gap_m) * deg_m
        r = size_m / 2 * deg_m
        shapes.append(
            Polygon(
                [
                    (cx + r * np.cos(a), cy + r * np.sin(a))
                    for a in np.linspace(0, 2 * np.pi, 20, endpoint=False)
                ]
            )
        )
        cats.append(("ready", "revitalised", "new")[i % 3])
        status.append("supplied" if i % 4 == 0 else "available")
    gdf = gpd.GeoDataFrame(
        {
            "parcel_id": [f"LOD-{i:04d}" for i in range(len(shapes))],
            "name": [f"测试地块{i}" for i in range(len(shapes))],
            "zone": "xindu",
            "category": cats,
            "status": status,
        },
        geometry=shapes,
        crs=4490,
    )
    gdf["area_m2"] = area_m2(gdf.geometry)
    return gdf


#: Wraps the canvas calls the layer makes, to see how it drew (init script).
_SPY = """
(() => {
  const P = CanvasRenderingContext2D.prototype;
  const log = window.__canvas = {strokes: [], patterns: 0, rects: 0};
  const stroke = P.stroke, fill = P.fill, rect = P.rect;
  // Only canvases in the page: the hatch tile (drawn once, off-page) is not a parcel.
  P.stroke = function () {
    if (this.canvas.isConnected) { log.strokes.push(this.lineWidth); }
    return stroke.apply(this, arguments);
  };
  P.fill = function () {
    if (this.fillStyle instanceof CanvasPattern) { log.patterns++; }
    return fill.apply(this, arguments);
  };
  P.rect = function () { log.rects++; return rect.apply(this, arguments); };
})();
"""


@pytest.fixture(scope="module")
def saved_maps(tmp_path_factory):
    """Two saved maps served on loopback: 900 small parcels; a huge and a tiny one."""
    import functools
    import http.server
    import threading

    import geopandas as gpd
    import shapely

    from landinv.domain import Config
    from landinv.geometry import area_m2
    from landinv.map import build_map
    from landinv.ui.assets import VENDOR_DIR, leaflet_at

    need_browser()
    need(
        (VENDOR_DIR / "leaflet" / "leaflet.js").exists(),
        "map assets missing: run bash scripts/assets.sh",
    )
    folder = tmp_path_factory.mktemp("lod")
    (folder / "vendor").symlink_to(VENDOR_DIR, target_is_directory=True)
    config = Config()
    grid = _grid_parcels(30, 40, 25)
    build_map(grid, None, None, config, assets=leaflet_at("vendor/")).save(
        str(folder / "grid.html")
    )
    # A parcel 40 km across (its latitudes span many projection anchors) and
    # one 8 m across far from it: at the fitted zoom the small one is a dot.
    huge = shapely.Point(118.5, 28.9).buffer(0.2, quad_segs=256)
    tiny = shapely.Point(118.2, 28.75).buffer(0.00004, quad_segs=4)
    mixed = gpd.GeoDataFrame(
        {
            "parcel_id": ["BIG", "DOT"],
            "name": ["大地块", "小地块"],
            "zone": "xindu",
            "category": ["ready", "new"],
            "status": ["available", "supplied"],
        },
        geometry=[huge, tiny],
        crs=4490,
    )
    mixed["area_m2"] = area_m2(mixed.geometry)
    build_map(mixed, None, None, config, assets=leaflet_at("vendor/")).save(
        str(folder / "mixed.html")
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield {"url": f"http://127.0.0.1:{httpd.server_address[1]}/", "grid": len(grid)}
    finally:
        httpd.shutdown()
        httpd.server_close()


def _open_saved(browser, url: str, n: int):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).hostname == "127.0.0.1"
            else route.abort()
        ),
    )
    page = context.new_page()
    page.add_init_script(_SPY)
    page.goto(url)
    page.wait_for_selector(f'canvas[data-landinv-kind="parcels"][data-drawn="{n}"]')
    return context, page


_LAYER = "Object.keys(window).filter(k => k.startsWith('landinv_layer_')).map(k => window[k])[0]"
_MAP = "Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0]"


def test_small_parcels_get_hairlines_and_full_outlines_come_back_when_zoomed_in(
    browser, saved_maps
):
    n = saved_maps["grid"]
    context, page = _open_saved(browser, saved_maps["url"] + "grid.html", n)
    try:
        size_px = page.evaluate(f"""() => {{
            const layer = {_LAYER}, m = {_MAP}, b = layer._geom.box;
            return (b[2] - b[0]) * 256 * Math.pow(2, m.getZoom()); }}""")
        assert size_px < 16, "the whole grid in view: parcels a few pixels wide"
        log = page.evaluate("window.__canvas")
        assert log["strokes"] and max(log["strokes"]) <= 1, "small parcels: hairline outlines"
        assert log["patterns"] > 0, "supplied parcels stay hatched when small"
        painted = page.evaluate("""() => {
            const c = document.querySelector('canvas[data-landinv-kind="parcels"]');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let k = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
            return k; }""")
        assert painted > 20 * n
        # Zoom in on the first parcel: it is now big on screen, drawn in full style.
        page.evaluate(f"""() => {{
            const layer = {_LAYER}, m = {_MAP}, b = layer._geom.box, z = m.getZoom() + 4;
            const w = 256 * Math.pow(2, z);
            window.__canvas.strokes = []; window.__canvas.patterns = 0;
            m.setView(m.unproject(L.point((b[0] + b[2]) / 2 * w, (b[1] + b[3]) / 2 * w), z), z,
                      {{animate: false}}); }}""")
        page.wait_for_function("window.__canvas.strokes.length > 0")
        page.wait_for_timeout(300)
        log = page.evaluate("window.__canvas")
        # (lineWidth is a float32: 1.2 reads back as 1.2000000476837158)
        assert min(log["strokes"]) == pytest.approx(1.2), (
            "parcels big on screen get their full outline again"
        )
        assert log["patterns"] > 0
    finally:
        context.close()


def test_huge_and_sub_pixel_parcels_are_placed_exactly(browser, saved_maps):
    context, page = _open_saved(browser, saved_maps["url"] + "mixed.html", 2)
    try:
        # Every decoded vertex against the exact Web Mercator formula, from the
        # payload's own integers (the layer projects with Taylor steps).
        error = page.evaluate(f"""() => {{
            const layer = {_LAYER}, data = layer._data, g = layer._geom;
            const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
            const vals = []; let value = 0, shift = 0;
            for (const ch of data.c) {{
                const d = A.indexOf(ch); value |= (d & 31) << shift;
                if (d & 32) {{ shift += 5; continue; }}
                vals.push((value & 1) ? -(value >>> 1) : (value >>> 1)); value = 0; shift = 0;
            }}
            let x = 0, y = 0, worst = 0;
            for (let v = 0; v < vals.length / 2; v++) {{
                x += vals[2 * v]; y += vals[2 * v + 1];
                const s = Math.sin(y * data.q * Math.PI / 180);
                const ex = x * data.q / 360 + 0.5;
                const ey = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
                worst = Math.max(worst, Math.abs(ex - g.ux[v]), Math.abs(ey - g.uy[v]));
            }}
            return {{worst: worst, n: vals.length / 2, decoded: g.ux.length}}; }}""")
        assert error["n"] == error["decoded"] > 500
        # 1e-10 of the world is 0.03 px at zoom 20.
        assert error["worst"] < 1e-10
        log = page.evaluate("window.__canvas")
        assert log["rects"] == 1, "the sub-pixel parcel is drawn as a dot"
    finally:
        context.close()
