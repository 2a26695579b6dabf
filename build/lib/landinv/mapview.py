"""The inventory map: folium/Leaflet, offline, compact enough for a county.

Pure: builds a :class:`folium.Map` from GeoDataFrames and knows nothing of
Streamlit. The design (docs/map.md) in brief:

* Leaflet is loaded from ``asset_base_url`` (the app serves the copy that
  ``scripts/assets.sh`` installs with npm), never from a CDN; folium's other
  default assets (jQuery, Bootstrap, awesome-markers) are not used at all.
* Parcels, buildings and zone boundaries are each one :class:`EncodedLayer`
  (made by :mod:`landinv.map_layers`, whose encoders are re-exported here):
  outlines simplified by less than 0.25 m, vertices quantised to 1e-5 degree
  (under 0.75 m), delta-coded into base64 VLQ text, attributes as columns with
  lookup tables. One small JavaScript layer (``mapview_layer.js``) draws them
  on a canvas, styled by class, and answers hover and click from a grid index.
  At 100,000 parcels this is a fraction of the bytes and build time of a
  ``folium.GeoJson`` map, and the browser holds typed arrays instead of
  100,000 Leaflet objects.
* Basemaps are optional tile layers: none (the default, works offline),
  OpenStreetMap, Esri World Imagery, and Tianditu when a key is given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.map import FitBounds, Layer
from folium.template import Template

from landinv.domain import STATUS_LABELS, STATUS_SUPPLIED, STORE_EPSG, Config
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.map_layers import (  # noqa: F401 - re-exported: mapview is the map's API
    BUILDING_STYLES,
    DEFAULT_CENTER,
    QUANTUM_DEG,
    SIMPLIFY_DEG,
    SUPPLIED_STYLE,
    ZONE_STYLE,
    EncodedLayer,
    category_style,
    decode_geometries,
    decode_vlq,
    encode_buildings,
    encode_parcels,
    encode_vlq,
    encode_zones,
    lonlat_geoms,
    script_json,
)

#: Where ``scripts/assets.sh`` puts the npm-installed browser files.
VENDOR_DIR = Path(__file__).resolve().parent / "ui" / "static" / "vendor"
#: Browser files the map loads, relative to the vendor folder.
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"

_LAYER_JS = Path(__file__).with_name("mapview_layer.js")


def _t(key: str, lang: str) -> str:
    """Map labels live with every other UI text in :mod:`landinv.i18n`."""
    return tr(f"mapview.{key}", lang)


# -- basemaps ------------------------------------------------------------------

@dataclass(frozen=True)
class Basemap:
    """A basemap choice: bilingual label and its tile layers (none for 'none')."""

    code: str
    name_zh: str
    name_en: str
    tiles: tuple[tuple[str, str], ...] = ()
    needs_key: bool = False
    subdomains: str = "abc"
    max_native_zoom: int = 19

    def label(self, lang: str = "zh") -> str:
        """Return the basemap's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh


_TIANDITU = ("https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
             "&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
             "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}")
_TIANDITU_ATTR = "© 天地图 Tianditu"

#: Every basemap the map knows, in the order the layer control lists them.
BASEMAPS: dict[str, Basemap] = {b.code: b for b in (
    Basemap("none", "无底图（离线可用）", "No basemap (works offline)"),
    Basemap("tianditu_vec", "天地图 矢量", "Tianditu map",
            ((_TIANDITU % ("vec", "vec"), _TIANDITU_ATTR),
             (_TIANDITU % ("cva", "cva"), _TIANDITU_ATTR)),
            needs_key=True, subdomains="01234567", max_native_zoom=18),
    Basemap("tianditu_img", "天地图 影像", "Tianditu imagery",
            ((_TIANDITU % ("img", "img"), _TIANDITU_ATTR),
             (_TIANDITU % ("cia", "cia"), _TIANDITU_ATTR)),
            needs_key=True, subdomains="01234567", max_native_zoom=18),
    Basemap("osm", "OpenStreetMap", "OpenStreetMap",
            (("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
              '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),),
            subdomains=""),
    Basemap("satellite", "卫星影像（Esri）", "Satellite (Esri)",
            (("https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/"
              "MapServer/tile/{z}/{y}/{x}", "Imagery © Esri"),),
            subdomains="", max_native_zoom=18),
)}


def available_basemaps(tianditu_key: str | None = None) -> list[str]:
    """Codes of the basemaps that can be shown (Tianditu only with a key)."""
    return [b.code for b in BASEMAPS.values() if not b.needs_key or tianditu_key]


def default_basemap(tianditu_key: str | None = None) -> str:
    """The basemap a map opens with: Tianditu when a key is configured, else none.

    A configured key says the office reaches Tianditu (China's official
    basemap, aligned with CGCS2000); without one, "none" keeps the map
    working on an intranet with no internet, where tiles could only fail.
    """
    return "tianditu_vec" if tianditu_key else "none"


def _check_basemap(code: str, tianditu_key: str | None) -> Basemap:
    if code not in BASEMAPS:
        known = ", ".join(BASEMAPS)
        raise UsageError(f"未知底图 “{code}”。可选：{known}",
                         f"Unknown basemap '{code}'. Choose one of: {known}")
    basemap = BASEMAPS[code]
    if basemap.needs_key and not tianditu_key:
        raise UsageError(
            "天地图底图需要密钥：在 .streamlit/secrets.toml 的 [map] 下设置 tianditu_key，"
            "或设置环境变量 LANDINV_TIANDITU_KEY。",
            "Tianditu needs a key: set tianditu_key under [map] in .streamlit/secrets.toml "
            "or the environment variable LANDINV_TIANDITU_KEY.")
    return basemap




# -- folium elements -----------------------------------------------------------------

@cache
def _layer_js() -> str:
    return _LAYER_JS.read_text(encoding="utf-8")


class _RawScript(Element):
    """Script text added to the page as is.

    branca wraps each rendered script in an ``Element``, which compiles it as
    a Jinja template: for a 10 MB payload that costs seconds, and braces in a
    parcel name could be read as template code. This element never compiles
    its text.
    """

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawScript"
        self.text = text


class _RawScriptMixin:
    """Render the ``script`` macro through :class:`_RawScript` (see there).

    streamlit-folium calls the macro directly and is not affected.
    """

    def render(self, **kwargs):
        if isinstance(self, Layer) and self.show:
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=self._parent.get_name()),
                           name=self.get_name() + "_add")
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_RawScript(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _LayerLibrary(_RawScriptMixin, MacroElement):
    """Defines ``L.LandinvLayer`` once, before the layers that use it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """)

    def __init__(self):
        super().__init__()
        self._name = "LandinvLayerLibrary"
        self.code = _layer_js()


class CompactLayer(_RawScriptMixin, Layer):
    """A folium layer drawing an :class:`EncodedLayer` with ``L.LandinvLayer``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.landinvLayer({{ this.layer.payload }},
            {{ this.layer_options|tojson }});
        {% endmacro %}
        """)

    def __init__(self, layer: EncodedLayer, name: str, *, z_index: int,
                 interactive: bool = True, labels: bool = False, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "LandinvLayer"
        self.layer = layer
        self.layer_options = {"zIndex": z_index, "interactive": interactive, "labels": labels}


class Legend(MacroElement):
    """A bilingual legend control: category colours, buildings, zone outline."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "landinv-legend");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """)

    def __init__(self, config: Config, lang: str, counts: dict[str, int] | None = None,
                 supplied: int | None = None):
        super().__init__()
        self._name = "LandinvLegend"
        self.html = legend_html(config, lang, counts, supplied)
        self.html_json = script_json(self.html)


class _Style(MacroElement):
    """CSS for the legend, tooltips and zone labels (inside the map's page)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .landinv-legend { background: rgba(255,255,255,0.92); padding: 6px 9px;
            border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); line-height: 1.5;
            font: 13px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
        .landinv-legend b { display: block; margin-bottom: 2px; }
        .landinv-legend i { display: inline-block; width: 14px; height: 11px;
            margin-right: 6px; vertical-align: -1px; border: 1px solid; }
        .landinv-legend i.line { height: 0; border-width: 2px 0 0 0; border-style: dashed;
            vertical-align: 4px; }
        .landinv-legend i.supplied { border-style: dashed; border-color: #555;
            background: repeating-linear-gradient(135deg, rgba(85,85,85,.9) 0 1.5px,
                rgba(255,255,255,.85) 1.5px 5px); }
        .landinv-tip { font: 12px/1.45 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
        .landinv-k { color: #666; }
        /* Repeats leaflet.css for labels: streamlit-folium loads that CSS only
           after the map script has run, and Leaflet places a label by its width. */
        .landinv-zone-label { position: absolute; white-space: nowrap; padding: 2px 6px;
            background: rgba(255,255,255,0.75); border: 0;
            box-shadow: none; color: #b71c1c; font-weight: 600; font-size: 13px; }
        .landinv-zone-label::before { display: none; }
        </style>
        {% endmacro %}
        """)


def legend_html(config: Config, lang: str, counts: dict[str, int] | None = None,
                supplied: int | None = None) -> str:
    """HTML of the map legend in ``lang``.

    Parameters
    ----------
    config : Config
        Category colours and names.
    lang : {'zh', 'en'}
        Language of the labels.
    counts : dict of str to int, optional
        Parcels per category code, shown after each category.
    supplied : int, optional
        Supplied parcels, shown after the hatched "supplied" entry.

    Returns
    -------
    str
    """
    from html import escape

    rows = [f"<b>{escape(_t('legend', lang))}</b>"]  # a block: no <br> after it
    for c in config.categories:
        style = category_style(c.color)
        count = f" ({counts[c.code]})" if counts and c.code in counts else ""
        rows.append(f'<i style="background:{style["fill"]};border-color:{style["color"]};'
                    f'opacity:.85"></i>{escape(c.label(lang))}{count}')
    # One neutral swatch: a supplied parcel keeps its category colour and
    # adds this pale, hatched, dashed look (SUPPLIED_STYLE).
    label = STATUS_LABELS[STATUS_SUPPLIED]["en" if lang == "en" else "zh"]
    count = f" ({supplied})" if supplied is not None else ""
    rows.append(f'<i class="supplied" title="{escape(_t("supplied_hint", lang))}"></i>'
                f"{escape(label)}{count}")
    for style, key in zip(BUILDING_STYLES, ("standard", "other_building")):
        rows.append(f'<i style="background:{style["fill"]};border-color:{style["color"]}">'
                    f"</i>{escape(_t(key, lang))}")
    rows.append(f'<i class="line" style="border-color:{ZONE_STYLE["color"]}"></i>'
                f"{escape(_t('zones', lang))}")
    return rows[0] + "<br>".join(rows[1:])


def _basemap_layer(basemap: Basemap, lang: str, *, show: bool,
                   tianditu_key: str | None) -> folium.FeatureGroup:
    """A base layer (radio button in the layer control) with its tile layers."""
    group = folium.FeatureGroup(name=basemap.label(lang), overlay=False, control=True, show=show)
    for url, attribution in basemap.tiles:
        options = {"subdomains": basemap.subdomains} if basemap.subdomains else {}
        folium.TileLayer(
            tiles=url.replace("{key}", tianditu_key or ""), attr=attribution,
            max_native_zoom=basemap.max_native_zoom, max_zoom=20, overlay=False,
            control=False, **options,
        ).add_to(group)
    return group


def highlight_layer(gdf: gpd.GeoDataFrame, lang: str = "zh") -> folium.FeatureGroup:
    """Thick outlines of a few parcels (search hits, the clicked parcel).

    Kept apart from the base map so the app can add it without rebuilding the
    map (streamlit-folium ``feature_group_to_add``).
    """
    group = folium.FeatureGroup(name=_t("highlight", lang), control=False)
    shapes = gpd.GeoDataFrame(geometry=lonlat_geoms(gdf), crs=STORE_EPSG)
    shapes = shapes[~(shapes.geometry.isna() | shapes.geometry.is_empty)]
    if len(shapes):
        folium.GeoJson(
            shapes.__geo_interface__, interactive=False,
            style_function=lambda _: {"color": "#d500f9", "weight": 4, "fill": False},
        ).add_to(group)
    return group


def _as_encoded(layer, encoder, config: Config, lang: str) -> EncodedLayer | None:
    if layer is None:
        return None
    if isinstance(layer, EncodedLayer):
        return layer
    return encoder(layer, config, lang)


def _union_bounds(*layers: EncodedLayer | None):
    boxes = [la.bounds for la in layers if la is not None and la.bounds is not None]
    if not boxes:
        return None
    b = np.array(boxes)
    return (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())


def zoom_for_bounds(bounds, width_px: int = 900, height_px: int = 600,
                    max_zoom: int = 18) -> int:
    """Web Mercator zoom at which ``(min_lon, min_lat, max_lon, max_lat)`` fits
    a map of the given size (for centring the app's map on a search hit)."""
    min_lon, min_lat, max_lon, max_lat = bounds

    def merc(lat: float) -> float:
        s = math.sin(math.radians(max(-85.0, min(85.0, lat))))
        return math.log((1 + s) / (1 - s)) / (4 * math.pi)

    dx = max((max_lon - min_lon) / 360.0, 1e-9)
    dy = max(merc(max_lat) - merc(min_lat), 1e-9)
    zoom = math.floor(math.log2(min(width_px / (256 * dx), height_px / (256 * dy))))
    return int(max(1, min(max_zoom, zoom)))


def build_map(parcels, buildings, zones, config: Config, *, lang: str = "zh",
              basemap: str = "none", highlight=None, tianditu_key: str | None = None,
              asset_base_url: str | None = None, height: str | int = "100%") -> folium.Map:
    """Build the inventory map.

    Parameters
    ----------
    parcels, buildings, zones : GeoDataFrame, EncodedLayer or None
        Layers in the store schema (EPSG:4490), or already encoded with
        :func:`encode_parcels` / :func:`encode_buildings` / :func:`encode_zones`
        (the app caches those). None leaves a layer out.
    config : Config
        Category colours and names, zone names.
    lang : {'zh', 'en'}
        Language of the legend, tooltips and layer names.
    basemap : str
        Basemap shown first (see :data:`BASEMAPS`); the others stay one click
        away in the layer control. 'none' needs no network.
    highlight : iterable of parcel IDs or GeoDataFrame, optional
        Parcels to outline and zoom to. IDs need ``parcels`` as a GeoDataFrame.
    tianditu_key : str, optional
        Tianditu browser key; without it the Tianditu basemaps are left out.
    asset_base_url : str, optional
        URL of the folder holding the npm-installed assets (``leaflet/...``).
        Default: the local vendor folder as a ``file://`` URL, so a saved
        HTML map opens offline on this machine.

    Returns
    -------
    folium.Map

    Raises
    ------
    UsageError
        Unknown basemap, or a Tianditu basemap without a key.
    """
    chosen = _check_basemap(basemap, tianditu_key)
    enc_parcels = _as_encoded(parcels, encode_parcels, config, lang)
    enc_buildings = _as_encoded(buildings, encode_buildings, config, lang)
    enc_zones = _as_encoded(zones, encode_zones, config, lang)

    m = folium.Map(location=DEFAULT_CENTER, zoom_start=13, tiles=None, prefer_canvas=True,
                   control_scale=True, height=height, max_zoom=20)
    base = asset_base_url if asset_base_url is not None else VENDOR_DIR.as_uri() + "/"
    # Instance attributes (folium's are class-level lists shared by every map):
    # only Leaflet is needed; no jQuery, Bootstrap or icon fonts from CDNs.
    m.default_js = [("leaflet", base + LEAFLET_JS)]
    m.default_css = [("leaflet_css", base + LEAFLET_CSS)]
    _Style().add_to(m)

    for code in available_basemaps(tianditu_key):
        _basemap_layer(BASEMAPS[code], lang, show=(code == chosen.code),
                       tianditu_key=tianditu_key).add_to(m)
    bounds = _union_bounds(enc_parcels, enc_zones, enc_buildings)
    shapes = _highlight_shapes(highlight, parcels) if highlight is not None else None
    if shapes is not None and len(shapes):
        bounds = tuple(shapely.total_bounds(lonlat_geoms(shapes)))
    if bounds is not None:
        # Before the layers and without animation: they are drawn once, at
        # the final view, instead of once per zoom step of the animation.
        # Right padding keeps the legend (bottom right) off the data.
        fit = FitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], max_zoom=18,
                        padding_top_left=(20, 20), padding_bottom_right=(230, 20))
        fit.options["animate"] = False
        fit.add_to(m)
    _LayerLibrary().add_to(m)
    if enc_parcels is not None:
        CompactLayer(enc_parcels, _t("parcels", lang), z_index=350).add_to(m)
    if enc_buildings is not None:
        CompactLayer(enc_buildings, _t("buildings", lang), z_index=360).add_to(m)
    if enc_zones is not None:
        CompactLayer(enc_zones, _t("zones", lang), z_index=370, interactive=False,
                     labels=True).add_to(m)

    if shapes is not None and len(shapes):
        highlight_layer(shapes, lang).add_to(m)
    counts = dict(enc_parcels.class_counts) if enc_parcels is not None else None
    supplied = enc_parcels.marked_count if enc_parcels is not None else None
    Legend(config, lang, counts, supplied).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def _highlight_shapes(highlight, parcels) -> gpd.GeoDataFrame:
    if isinstance(highlight, gpd.GeoDataFrame):
        return highlight
    if not isinstance(parcels, gpd.GeoDataFrame):
        raise UsageError("按编号高亮地块需要地块图层（GeoDataFrame）。",
                         "Highlighting parcels by ID needs the parcels as a GeoDataFrame.")
    ids = {str(i) for i in ([highlight] if isinstance(highlight, str) else highlight)}
    return parcels[parcels["parcel_id"].astype("string").isin(ids)]




def map_payload_bytes(m: folium.Map) -> int:
    """Bytes of the map's self-contained HTML page: what a browser must receive
    (apart from the Leaflet library) to show it. Use the same measure for any
    folium map, e.g. a naive ``folium.GeoJson`` one, to compare."""
    return len(m.get_root().render().encode("utf-8"))
