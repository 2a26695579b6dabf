"""landinv.map: the compact map layers, styling, legend, basemaps, assets.

Fixtures are built here with shapely/geopandas in EPSG:4490 near Changshan;
accuracy is measured in metres in a local transverse Mercator projection.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from functools import partial

import folium
import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely
from folium.features import GeoJsonTooltip
from shapely.geometry import MultiPolygon, Point, Polygon, box

from landinv import map as mapview
from landinv.domain import Config, m2_to_mu
from landinv.errors import UsageError
from landinv.geometry import area_m2
from landinv.map.elements import CANVAS_JS

#: Leaflet as a page beside a copy of the vendor folder would load it.
ASSETS = mapview.LeafletAssets(js="vendor/leaflet/leaflet.js", css="vendor/leaflet/leaflet.css")
#: The map builder as the tests call it when where Leaflet lives does not matter.
build_map = partial(mapview.build_map, assets=ASSETS)

LON0, LAT0 = 118.52, 28.90
#: Metres per degree near Changshan (for building shapes in metres).
M_LAT = 110_700.0
M_LON = 111_320.0 * math.cos(math.radians(LAT0))
CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "code.jquery.com",
    "unpkg.com",
    "netdna.bootstrapcdn.com",
    "d3js.org",
)


def _at(x_m: float, y_m: float) -> tuple[float, float]:
    """Lon/lat of a point ``x_m`` east and ``y_m`` north of the origin."""
    return LON0 + x_m / M_LON, LAT0 + y_m / M_LAT


def _poly(points_m, holes_m=()) -> Polygon:
    return Polygon([_at(*p) for p in points_m], [[_at(*p) for p in h] for h in holes_m])


def _circle(cx: float, cy: float, r: float, n: int = 360) -> Polygon:
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return _poly(np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)]))


@pytest.fixture(scope="module")
def config() -> Config:
    return Config()


@pytest.fixture(scope="module")
def parcels() -> gpd.GeoDataFrame:
    """Parcels of every shape the map must draw right."""
    shapes = [
        _poly([(0, 0), (180, 0), (180, 120), (0, 120)]),
        _circle(400, 60, 70),  # a curved boundary: 360 vertices ~1.2 m apart
        _poly(
            [(600, 0), (800, 0), (800, 150), (600, 150)],
            [[(650, 40), (700, 40), (700, 90), (650, 90)]],
        ),  # a hole
        MultiPolygon(
            [
                _poly([(0, 300), (90, 300), (90, 380), (0, 380)]),
                _poly([(120, 300), (200, 300), (200, 380), (120, 380)]),
            ]
        ),
        # Straight edges digitised with many points, some a few cm off the line.
        _poly(
            [(300, 300)]
            + [(300 + 2 * i, 300 + (0.05 if i % 2 else 0)) for i in range(1, 100)]
            + [(500, 300), (500, 420), (300, 420)]
        ),
        # A narrow spike: must survive simplification.
        _poly([(600, 300), (700, 300), (700, 400), (660, 400), (655, 480), (650, 400), (600, 400)]),
    ]
    cats = ["ready", "revitalised", "new", "ready", "new", "revitalised"]
    zones = ["xindu", "xindu", "huibu", "jinchuan", "xindu", "huibu"]
    gdf = gpd.GeoDataFrame(
        {
            "parcel_id": [f"CS-T-{i:03d}" for i in range(len(shapes))],
            "name": ["新都一号地块", "圆形地块", "带孔地块", "两块地", "直边地块", "尖角地块"],
            "zone": zones,
            "category": cats,
            "status": ["available", "supplied", "available", "available", "supplied", "available"],
        },
        geometry=shapes,
        crs=4490,
    )
    gdf["area_m2"] = area_m2(gdf.geometry)
    return gdf


@pytest.fixture(scope="module")
def buildings() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "building_id": ["B-1", "B-2"],
            "parcel_id": ["CS-T-000", "CS-T-000"],
            "name": ["1#厂房", "门卫"],
            "zone": ["xindu", "xindu"],
            "is_standard_factory": [True, False],
            "floors": [3, 1],
            "floor_area_m2": [5400.0, 40.0],
        },
        geometry=[
            _poly([(20, 20), (80, 20), (80, 60), (20, 60)]),
            _poly([(150, 5), (160, 5), (160, 12), (150, 12)]),
        ],
        crs=4490,
    )


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["xindu"], "name_zh": ["新都片区"], "name_en": ["Xindu"]},
        geometry=[_poly([(-50, -50), (900, -50), (900, 550), (-50, 550)])],
        crs=4490,
    )


def _payload(layer: mapview.EncodedLayer) -> dict:
    return json.loads(layer.payload)


def _metres(geoms) -> np.ndarray:
    tm = pyproj.Transformer.from_crs(
        4490, f"+proj=tmerc +lon_0={LON0} +lat_0={LAT0} +ellps=GRS80", always_xy=True
    )
    return shapely.transform(
        np.asarray(geoms, dtype=object),
        lambda xy: np.column_stack(tm.transform(xy[:, 0], xy[:, 1])),
    )


def _by_id(gdf, payload):
    return gdf.set_index("parcel_id").loc[payload["id"]]


# -- encoding -------------------------------------------------------------------------


def test_vlq_round_trip():
    rng = np.random.default_rng(7)
    values = np.concatenate(
        [
            [0, 1, -1, 15, -16, 16, 31, 32, -33, 11_852_000, -2_890_000],
            rng.integers(-40_000_000, 40_000_000, 2000),
        ]
    )
    text = mapview.encode_vlq(values)
    assert re.fullmatch(r"[A-Za-z0-9+/]*", text)
    np.testing.assert_array_equal(mapview.decode_vlq(text), values)
    assert len(mapview.encode_vlq([0, 5, -7, 15])) == 4, "small numbers take one character"
    assert mapview.encode_vlq([]) == ""


def test_every_parcel_is_in_the_layer_with_its_attributes(parcels, config):
    layer = mapview.encode_parcels(parcels, config, "zh")
    data = _payload(layer)
    assert layer.count == len(parcels) and layer.kind == "parcels"
    assert sorted(data["id"]) == sorted(parcels["parcel_id"])
    rows = _by_id(parcels, data)
    cols = {c["l"]: c for c in data["cols"]}
    assert cols["地块名称"]["v"] == rows["name"].tolist()
    zone_col = cols["片区"]
    assert [zone_col["u"][i] for i in mapview.decode_vlq(zone_col["v"])] == [
        config.zone(z).name_zh for z in rows["zone"]
    ]
    mu = mapview.decode_vlq(cols["面积(亩)"]["v"]) / cols["面积(亩)"]["x"]
    np.testing.assert_allclose(mu, m2_to_mu(rows["area_m2"].to_numpy()), atol=0.005)
    minx, miny, maxx, maxy = parcels.total_bounds
    assert layer.bounds == pytest.approx((minx, miny, maxx, maxy))


def test_parcels_are_coloured_by_category(parcels, config):
    data = _payload(mapview.encode_parcels(parcels, config, "zh"))
    fills = [s["fill"] for s in data["styles"]]
    assert fills == [c.color for c in config.categories]
    classes = mapview.decode_vlq(data["k"])
    expected = [config.category_codes.index(c) for c in _by_id(parcels, data)["category"]]
    assert classes.tolist() == expected
    assert len({s["color"] for s in data["styles"]}) == len(config.categories)


def test_unknown_category_still_drawn_in_grey(parcels, config):
    odd = parcels.copy()
    odd.loc[odd.index[0], "category"] = "mystery"
    data = _payload(mapview.encode_parcels(odd, config, "en"))
    assert data["styles"][-1]["fill"] == "#757575"
    assert mapview.decode_vlq(data["k"]).max() == len(config.categories)


def test_supplied_parcels_are_marked_through_the_status_column(parcels, config):
    layer = mapview.encode_parcels(parcels, config, "zh")
    data = _payload(layer)
    mark = data["marked"]
    status = data["cols"][mark["col"]]
    assert status["l"] == "状态"
    marked = [i in mark["in"] for i in mapview.decode_vlq(status["v"])]
    expected = (_by_id(parcels, data)["status"] == "supplied").tolist()
    assert marked == expected and any(expected) and not all(expected)
    assert [status["u"][i] for i in mark["in"]] == ["已供应"]
    assert layer.marked_count == sum(expected)
    # Drawn pale and hatched over the category style, which keeps the colour.
    assert mark["style"]["fo"] < data["styles"][0]["fo"] and mark["style"]["hatch"] > 0
    assert mark["style"]["dash"] and "fill" not in mark["style"] and "color" not in mark["style"]


def test_marking_supplied_parcels_costs_no_byte_per_parcel(config):
    """The status column was already in the payload; the mark only names it."""
    n = 2000
    shapes = [
        box(*_at(i % 50 * 300, i // 50 * 300), *_at(i % 50 * 300 + 200, i // 50 * 300 + 150))
        for i in range(n)
    ]
    rng = np.random.default_rng(5)
    gdf = gpd.GeoDataFrame(
        {
            "parcel_id": [f"CS-{i:05d}" for i in range(n)],
            "category": rng.choice(list(config.category_codes), n),
            "status": rng.choice(["available", "supplied"], n),
        },
        geometry=shapes,
        crs=4490,
    )
    layer = mapview.encode_parcels(gdf, config)
    data = _payload(layer)
    assert 0 < layer.marked_count < n
    assert len(data["cols"][data["marked"]["col"]]["v"]) == n, "one character a parcel"
    without = dict(data)
    del without["marked"]
    assert layer.nbytes - len(mapview.script_json(without).encode()) < 100


def test_outlines_stay_within_one_metre(parcels, config):
    data = _payload(mapview.encode_parcels(parcels, config, "zh"))
    decoded = mapview.decode_geometries(data)
    truth = _by_id(parcels, data).geometry.to_numpy()
    distance = shapely.hausdorff_distance(_metres(truth), _metres(decoded), densify=0.05)
    assert distance.max() < 1.0, distance
    assert distance.max() > 0.05, "the payload is rounded, so some error must show"
    # Areas follow, holes stay holes, multipolygons keep both parts.
    np.testing.assert_allclose(
        shapely.area(_metres(decoded)), shapely.area(_metres(truth)), rtol=0.01
    )
    ids = data["id"]
    holed = decoded[ids.index("CS-T-002")]
    assert len(holed.geoms) == 1 and len(holed.geoms[0].interiors) == 1
    assert len(decoded[ids.index("CS-T-003")].geoms) == 2


def test_redundant_vertices_are_dropped_but_shapes_kept(parcels, config):
    data = _payload(mapview.encode_parcels(parcels, config, "zh"))
    decoded = dict(zip(data["id"], mapview.decode_geometries(data)))
    straight = decoded["CS-T-004"]
    original = shapely.get_num_coordinates(parcels.set_index("parcel_id").geometry["CS-T-004"])
    assert shapely.get_num_coordinates(straight) < original / 1.8
    spike = _metres([decoded["CS-T-005"]])[0]
    tip = _metres([Point(_at(655, 480))])[0]
    assert spike.boundary.distance(tip) < 1.0, "the spike's tip is kept"


def test_shells_counter_clockwise_and_holes_clockwise(config):
    clockwise = Polygon(
        shapely.get_coordinates(
            _poly(
                [(0, 0), (100, 0), (100, 100), (0, 100)], [[(30, 30), (60, 30), (60, 60), (30, 60)]]
            ).exterior
        )[::-1],
        [shapely.get_coordinates(_poly([(30, 30), (30, 60), (60, 60), (60, 30)]).exterior)],
    )
    gdf = gpd.GeoDataFrame(
        {"parcel_id": ["X"], "category": ["ready"]}, geometry=[clockwise], crs=4490
    )
    decoded = mapview.decode_geometries(mapview.encode_parcels(gdf, config).payload)[0]
    poly = decoded.geoms[0]
    assert poly.exterior.is_ccw and not poly.interiors[0].is_ccw


def test_reprojects_other_crs(parcels, config):
    projected = parcels.to_crs(4549)
    a = _payload(mapview.encode_parcels(parcels, config))
    b = _payload(mapview.encode_parcels(projected, config))
    ga, gb = mapview.decode_geometries(a), mapview.decode_geometries(b)
    assert shapely.hausdorff_distance(_metres(ga), _metres(gb)).max() < 1.0


def test_missing_and_empty_geometries_do_not_break_the_layer(parcels, config):
    gdf = parcels.copy()
    gdf.loc[gdf.index[1], "geometry"] = None
    gdf.loc[gdf.index[2], "geometry"] = Polygon()
    data = _payload(mapview.encode_parcels(gdf, config))
    decoded = mapview.decode_geometries(data)
    assert len(decoded) == len(gdf) and sum(g is None for g in decoded) == 2


def test_empty_layers_build_a_map(config):
    empty = gpd.GeoDataFrame({"parcel_id": [], "category": []}, geometry=[], crs=4490)
    layer = mapview.encode_parcels(empty, config)
    assert layer.count == 0 and layer.bounds is None
    html = build_map(empty, None, None, config, lang="zh").get_root().render()
    assert "L.landinvLayer" in html


def test_buildings_standard_factories_stand_out(buildings, config):
    data = _payload(mapview.encode_buildings(buildings, config, "zh"))
    assert data["kind"] == "buildings"
    classes = dict(zip(data["id"], mapview.decode_vlq(data["k"])))
    assert classes == {"B-1": 0, "B-2": 1}
    assert data["styles"][0]["fill"] != data["styles"][1]["fill"]
    labels = [c["l"] for c in data["cols"]]
    assert "建筑面积(平方米)" in labels and "是否标准厂房" in labels


def test_zones_are_labelled_outlines(zones, config):
    data = _payload(mapview.encode_zones(zones, config, "en"))
    assert data["id"] == ["Xindu"] and data["styles"][0]["fo"] == 0
    lat, lon = data["lp"][0]
    minx, _, maxx, maxy = zones.total_bounds
    assert lat == pytest.approx(maxy) and minx < lon < maxx, "label above the zone"


def test_text_cannot_break_out_of_the_script(parcels, config):
    odd = parcels.copy()
    odd["name"] = [
        "</script><script>alert(1)</script>",
        "{{ config }}",
        "{% raw %}",
        "a\"quote'",
        "换行\n名称",
        "\u2028sep",
    ]
    html = build_map(odd, None, None, config).get_root().render()
    assert "</script><script>alert(1)" not in html
    data = _payload(mapview.encode_parcels(odd, config))
    assert data["cols"][0]["v"] == odd.set_index("parcel_id").loc[data["id"], "name"].tolist()
    assert "{{ config }}" in html and "{% raw %}" in html, "names are not read as templates"


# -- the map ---------------------------------------------------------------------------


def _scripts_and_styles(html: str) -> list[str]:
    return re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+href="([^"]+)"', html
    )


def test_no_cdn_in_the_rendered_map(parcels, buildings, zones, config):
    from landinv.ui.assets import leaflet_at

    m = mapview.build_map(
        parcels,
        buildings,
        zones,
        config,
        lang="zh",
        assets=leaflet_at("../landinv.ui.assets.map_vendor/"),
    )
    html = m.get_root().render()
    urls = _scripts_and_styles(html)
    assert urls == [
        "../landinv.ui.assets.map_vendor/leaflet/leaflet.js",
        "../landinv.ui.assets.map_vendor/leaflet/leaflet.css",
    ]
    for host in CDN_HOSTS:
        assert host not in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_a_saved_map_loads_leaflet_from_the_local_npm_copy(parcels, config):
    from landinv.ui.assets import LEAFLET_CSS, LEAFLET_JS, VENDOR_DIR, local_leaflet

    html = (
        mapview.build_map(parcels, None, None, config, assets=local_leaflet()).get_root().render()
    )
    urls = _scripts_and_styles(html)
    assert urls == [(VENDOR_DIR / LEAFLET_JS).as_uri(), (VENDOR_DIR / LEAFLET_CSS).as_uri()]
    assert all(url.startswith(VENDOR_DIR.as_uri() + "/") for url in urls)


def test_the_map_loads_leaflet_only_from_the_urls_it_is_given(parcels, config):
    html = (
        mapview.build_map(
            parcels,
            None,
            None,
            config,
            assets=mapview.LeafletAssets(js="assets/l.js", css="assets/l.css"),
        )
        .get_root()
        .render()
    )
    assert _scripts_and_styles(html) == ["assets/l.js", "assets/l.css"]
    with pytest.raises(TypeError):
        mapview.build_map(parcels, None, None, config)  # where Leaflet is must be said


def test_folium_defaults_are_left_untouched(parcels, config):
    build_map(parcels, None, None, config)
    assert folium.Map.default_js[0][1].startswith("https://"), "class defaults not mutated"


def test_legend_follows_the_language(parcels, buildings, zones, config):
    zh = build_map(parcels, buildings, zones, config, lang="zh").get_root().render()
    en = build_map(parcels, buildings, zones, config, lang="en").get_root().render()
    for word in ("图例", "工业熟地", "盘活低效用地", "新开发土地", "标准厂房", "片区边界"):
        assert word in zh
    for word in (
        "Legend",
        "Ready industrial land",
        "Revitalised low-efficiency land",
        "Newly developed land",
        "Standard factory building",
        "Zone boundaries",
    ):
        assert word in en
    assert "Legend" not in zh and "图例" not in en
    legend = mapview.legend_html(config, "zh", {"ready": 2, "new": 2})
    assert "工业熟地 (2)" in legend
    for c in config.categories:
        assert c.color in legend


def test_legend_has_a_supplied_entry_in_both_languages(parcels, config):
    supplied = int((parcels["status"] == "supplied").sum())
    zh = build_map(parcels, None, None, config, lang="zh").get_root().render()
    en = build_map(parcels, None, None, config, lang="en").get_root().render()
    assert f"已供应 ({supplied})" in zh and f"Supplied ({supplied})" in en
    assert "Supplied" not in zh
    for lang, word in (("zh", "已供应"), ("en", "Supplied")):
        legend = mapview.legend_html(config, lang)
        assert re.search(r'<i class="supplied"[^>]*></i>' + word, legend)
    assert ".landinv-legend i.supplied" in zh, "the swatch is hatched by the map's CSS"


def test_legend_leaves_out_supplied_for_a_map_coloured_otherwise(parcels, config):
    # The efficiency page colours parcels by class and hatches none: no "supplied (0)".
    for lang, word in (("zh", "已供应"), ("en", "Supplied")):
        m = build_map(parcels, None, None, config, lang=lang, supplied_legend=False)
        legend = next(c for c in m._children.values() if type(c).__name__ == "Legend")
        assert word not in legend.html and 'class="supplied"' not in legend.html
        assert word not in mapview.legend_html(config, lang, supplied_row=False)


def test_tooltip_labels_follow_the_language(parcels, config):
    en = _payload(mapview.encode_parcels(parcels, config, "en"))
    assert [c["l"] for c in en["cols"]] == ["Name", "Zone", "Category", "Status", "Area (mu)"]
    assert "Ready industrial land" in en["cols"][2]["u"]


def test_basemaps(parcels, config):
    assert mapview.default_basemap(None) == "none"
    assert mapview.default_basemap("abc") == "tianditu_vec"
    assert "tianditu_vec" not in mapview.available_basemaps(None)
    html = build_map(parcels, None, None, config, basemap="none").get_root().render()
    assert "tile.openstreetmap.org" in html, "the other basemaps stay in the layer control"
    assert "tianditu" not in html
    keyed = (
        build_map(parcels, None, None, config, basemap="tianditu_img", tianditu_key="KEY123")
        .get_root()
        .render()
    )
    assert "tk=KEY123" in keyed and "img_w" in keyed and "cia_w" in keyed
    with pytest.raises(UsageError) as err:
        build_map(parcels, None, None, config, basemap="tianditu_vec")
    assert "LANDINV_TIANDITU_KEY" in err.value.en and "天地图" in err.value.zh
    with pytest.raises(UsageError):
        build_map(parcels, None, None, config, basemap="google")


def test_highlight_by_id_outlines_and_zooms(parcels, config):
    m = build_map(parcels, None, None, config, highlight=["CS-T-002"])
    html = m.get_root().render()
    target = parcels.set_index("parcel_id").geometry["CS-T-002"].bounds
    fit = re.search(r"fitBounds\(\s*\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    assert [float(v) for v in fit.groups()] == pytest.approx(
        [target[1], target[0], target[3], target[2]]
    )
    assert "#d500f9" in html
    with pytest.raises(UsageError):
        build_map(
            mapview.encode_parcels(parcels, config), None, None, config, highlight=["CS-T-002"]
        )


def test_encoded_layers_can_be_reused(parcels, buildings, zones, config):
    layers = (
        mapview.encode_parcels(parcels, config),
        mapview.encode_buildings(buildings, config),
        mapview.encode_zones(zones, config),
    )
    direct = build_map(parcels, buildings, zones, config).get_root().render()
    cached = build_map(*layers, config).get_root().render()
    for layer in layers:
        assert layer.payload in direct and layer.payload in cached


def test_zoom_for_bounds():
    b = box(*_at(0, 0), *_at(200, 150)).bounds
    assert 16 <= mapview.zoom_for_bounds(b, 900, 600) <= 18
    wide = box(118.3, 28.7, 118.8, 29.1).bounds
    assert mapview.zoom_for_bounds(wide, 900, 600) in (10, 11)


def test_payload_is_much_smaller_than_plain_geojson(config):
    """The measure issue 6 benchmarks, on 2,000 parcels (bytes only, not time)."""
    rng = np.random.default_rng(3)
    shapes, n = [], 2000
    for i in range(n):
        k = rng.integers(8, 31)
        t = np.sort(rng.uniform(0, 2 * math.pi, k))
        r = rng.uniform(60, 110)
        cx, cy = (i % 50) * 260.0, (i // 50) * 260.0
        shapes.append(_poly(np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])))
    gdf = gpd.GeoDataFrame(
        {
            "parcel_id": [f"CS-{i:06d}" for i in range(n)],
            "name": [f"地块{i}" for i in range(n)],
            "zone": "xindu",
            "category": rng.choice(list(config.category_codes), n),
            "status": "available",
        },
        geometry=shapes,
        crs=4490,
    )
    gdf["area_m2"] = area_m2(gdf.geometry)
    ours = mapview.map_payload_bytes(build_map(gdf, None, None, config))
    naive = folium.Map()
    folium.GeoJson(
        gdf, tooltip=GeoJsonTooltip(["parcel_id", "name", "zone", "category", "area_m2"])
    ).add_to(naive)
    assert ours * 8 < mapview.map_payload_bytes(naive)


def test_layer_script_is_valid_javascript():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail("node is missing (it comes with npm, which scripts/assets.sh needs)")
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--check", str(CANVAS_JS)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# -- the map page (Streamlit AppTest; the browser side is in test_browser_map.py) ----


def _map_page() -> None:
    from landinv.ui import map_page
    from landinv.ui.context import get_context

    map_page.render(get_context())


@pytest.fixture
def sample_store(tmp_path, monkeypatch):
    from tests.support.app import build_sample_store

    path = build_sample_store(tmp_path / "store")
    monkeypatch.setenv("LANDINV_STORE", str(path))
    for name in ("LANDINV_CONFIG", "LANDINV_TIANDITU_KEY", "LANDINV_BASEMAP"):
        monkeypatch.delenv(name, raising=False)
    return path


def _run_map(**state):
    from streamlit.testing.v1 import AppTest

    from landinv.ui.assets import assets_installed

    if not assets_installed():
        pytest.skip("map assets missing: run bash scripts/assets.sh")
    at = AppTest.from_function(_map_page, default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_counts_and_basemap(sample_store):
    from landinv.store import open_store

    store = open_store(str(sample_store))
    today = __import__("datetime").date.today()
    n = len(store.layer("parcels", today, geometry=False))
    store.close()
    at = _run_map()
    assert any(f"显示 {n} 个地块" in c.value for c in at.caption)
    assert at.selectbox(key="map_basemap").value == "none"
    assert at.selectbox(key="map_basemap").options == [
        mapview.BASEMAPS[c].label("zh") for c in mapview.available_basemaps(None)
    ]


def test_map_page_offers_tianditu_with_a_key(sample_store, monkeypatch):
    monkeypatch.setenv("LANDINV_TIANDITU_KEY", "k")
    at = _run_map()
    assert at.selectbox(key="map_basemap").value == "tianditu_vec"


def test_map_page_search_and_details(sample_store):
    from tests.support.app import shown

    at = _run_map(search="CS-XD", lang="en")
    assert any(
        "parcels found" in s.value or "parcel(s) found" in s.value
        for s in list(at.success) + list(at.info)
    )
    at = _run_map(search="no-such-parcel")
    assert any("no-such-parcel" in shown(w.value) for w in at.warning)


def test_map_page_shows_a_clicked_parcel(sample_store):
    from landinv.store import open_store
    from tests.support.app import shown

    store = open_store(str(sample_store))
    parcel = str(store.layer("parcels", None, geometry=False)["parcel_id"].iloc[0])
    store.close()
    at = _run_map(map_selected=("parcels", parcel))
    assert any(parcel in shown(m.value) for m in at.markdown)
    assert len(at.dataframe) == 2, "attributes and history"
    history = at.dataframe[1].value
    assert "生效日期" in history.columns and "面积(亩)" in history.columns


def test_click_text_is_parsed():
    from landinv.ui.map_page import parse_click

    assert parse_click("parcels:CS-1:A") == ("parcels", "CS-1:A")
    assert parse_click("buildings:B-1") == ("buildings", "B-1")
    assert parse_click("zones:x") is None and parse_click(None) is None
