"""The inventory map: folium/Leaflet, offline, compact enough for a county.

Pure: builds a :class:`folium.Map` from GeoDataFrames and knows nothing of
Streamlit. The design (docs/map.md) in brief:

* Leaflet is loaded from the URLs the caller passes (:class:`LeafletAssets`):
  the app serves the copy that ``scripts/assets.sh`` installs with npm
  (:mod:`landinv.ui.assets` owns that folder), never a CDN; folium's other
  default assets (jQuery, Bootstrap, awesome-markers) are not used at all.
* Parcels, buildings and zone boundaries are each one
  :class:`~landinv.map.encode.EncodedLayer`: outlines simplified by less than
  0.25 m, vertices quantised to 1e-5 degree (under 0.75 m), delta-coded into
  base64 VLQ text, attributes as columns with lookup tables. One small
  JavaScript layer (``canvas.js``) draws them on a canvas, styled by class,
  and answers hover and click from a grid index. At 100,000 parcels this is a
  fraction of the bytes and build time of a ``folium.GeoJson`` map, and the
  browser holds typed arrays instead of 100,000 Leaflet objects.
* Basemaps are optional tile layers (:mod:`landinv.map.basemaps`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import shapely
from folium.map import FitBounds

from landinv.domain import STORE_EPSG, Config
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.map.basemaps import BASEMAPS, available_basemaps, basemap_layer, check_basemap
from landinv.map.elements import CompactLayer, LayerLibrary
from landinv.map.encode import (
    DEFAULT_CENTER,
    EncodedLayer,
    encode_buildings,
    encode_parcels,
    encode_zones,
)
from landinv.map.legend import Legend, MapStyle
from landinv.map.outline import lonlat_geoms
from landinv.map.tools import add_tools


@dataclass(frozen=True)
class LeafletAssets:
    """Where the map page loads Leaflet from.

    The map does not know where Leaflet is installed: the caller (the app's
    :mod:`landinv.ui.assets`, a benchmark, a test) passes the URLs, relative
    to the page or absolute (``file://`` for a saved map opened offline).

    Attributes
    ----------
    js : str
        URL of ``leaflet.js``.
    css : str
        URL of ``leaflet.css``.
    """

    js: str
    css: str


def highlight_layer(gdf: gpd.GeoDataFrame, lang: str = "zh") -> folium.FeatureGroup:
    """Thick outlines of a few parcels (search hits, the clicked parcel).

    Kept apart from the base map so the app can add it without rebuilding the
    map (streamlit-folium ``feature_group_to_add``).
    """
    group = folium.FeatureGroup(name=tr("map.layer_highlight", lang), control=False)
    shapes = gpd.GeoDataFrame(geometry=lonlat_geoms(gdf), crs=STORE_EPSG)
    shapes = shapes[~(shapes.geometry.isna() | shapes.geometry.is_empty)]
    if len(shapes):
        folium.GeoJson(
            shapes.__geo_interface__,
            interactive=False,
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


def zoom_for_bounds(bounds, width_px: int = 900, height_px: int = 600, max_zoom: int = 18) -> int:
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


def build_map(
    parcels,
    buildings,
    zones,
    config: Config,
    *,
    assets: LeafletAssets,
    lang: str = "zh",
    basemap: str = "none",
    highlight=None,
    tianditu_key: str | None = None,
    height: str | int = "100%",
    tools: bool = True,
    basemap_control: bool = True,
    supplied_legend: bool = True,
) -> folium.Map:
    """Build the inventory map.

    Parameters
    ----------
    parcels, buildings, zones : GeoDataFrame, EncodedLayer or None
        Layers in the store schema (EPSG:4490), or already encoded with
        :func:`encode_parcels` / :func:`encode_buildings` / :func:`encode_zones`
        (the app caches those). None leaves a layer out.
    config : Config
        Category colours and names, zone names.
    assets : LeafletAssets
        URLs of Leaflet's script and stylesheet (the app's come from
        :func:`landinv.ui.assets.leaflet_assets`).
    lang : {'zh', 'en'}
        Language of the legend, tooltips and layer names.
    basemap : str
        Basemap shown first (see :data:`BASEMAPS`); the others stay one click
        away in the layer control. 'none' needs no network.
    highlight : iterable of parcel IDs or GeoDataFrame, optional
        Parcels to outline and zoom to. IDs need ``parcels`` as a GeoDataFrame.
    tianditu_key : str, optional
        Tianditu browser key; without it the Tianditu basemaps are left out.
    height : str or int
        Height of the map element (CSS).
    tools : bool
        Add the map tools (metric scale bar, north arrow, measuring, offline
        tiles notice; see :mod:`landinv.map.tools`).
    basemap_control : bool
        List every basemap in the layer control. False adds only the chosen
        one, for a page that has its own basemap selector (one control, not
        two that disagree).
    supplied_legend : bool
        False leaves the hatched "supplied" entry out of the legend, for
        parcels coloured by something other than their status (the
        efficiency page): a "supplied (0)" there would be wrong.

    Returns
    -------
    folium.Map

    Raises
    ------
    UsageError
        Unknown basemap, or a Tianditu basemap without a key.
    """
    chosen = check_basemap(basemap, tianditu_key)
    enc_parcels = _as_encoded(parcels, encode_parcels, config, lang)
    enc_buildings = _as_encoded(buildings, encode_buildings, config, lang)
    enc_zones = _as_encoded(zones, encode_zones, config, lang)

    m = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=13,
        tiles=None,
        prefer_canvas=True,
        # tools.py adds a metric-only scale bar (folium's shows miles too).
        control_scale=not tools,
        height=height,
        max_zoom=20,
    )
    # Instance attributes (folium's are class-level lists shared by every map):
    # only Leaflet is needed; no jQuery, Bootstrap or icon fonts from CDNs.
    m.default_js = [("leaflet", assets.js)]
    m.default_css = [("leaflet_css", assets.css)]
    MapStyle().add_to(m)

    codes = available_basemaps(tianditu_key) if basemap_control else [chosen.code]
    for code in codes:
        layer = basemap_layer(
            BASEMAPS[code], lang, show=(code == chosen.code), tianditu_key=tianditu_key
        )
        layer.control = basemap_control
        layer.add_to(m)
    bounds = _union_bounds(enc_parcels, enc_zones, enc_buildings)
    shapes = _highlight_shapes(highlight, parcels) if highlight is not None else None
    if shapes is not None and len(shapes):
        bounds = tuple(shapely.total_bounds(lonlat_geoms(shapes)))
    if bounds is not None:
        # Before the layers and without animation: they are drawn once, at
        # the final view, instead of once per zoom step of the animation.
        # Right padding keeps the legend (bottom right) off the data.
        fit = FitBounds(
            [[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
            max_zoom=18,
            padding_top_left=(20, 20),
            padding_bottom_right=(230, 20),
        )
        fit.options["animate"] = False
        fit.add_to(m)
    LayerLibrary().add_to(m)
    if enc_parcels is not None:
        CompactLayer(enc_parcels, tr("map.layer_parcels", lang), z_index=350).add_to(m)
    if enc_buildings is not None:
        CompactLayer(enc_buildings, tr("map.layer_buildings", lang), z_index=360).add_to(m)
    if enc_zones is not None:
        CompactLayer(
            enc_zones, tr("map.layer_zones", lang), z_index=370, interactive=False, labels=True
        ).add_to(m)

    if shapes is not None and len(shapes):
        highlight_layer(shapes, lang).add_to(m)
    counts = dict(enc_parcels.class_counts) if enc_parcels is not None else None
    supplied = enc_parcels.marked_count if enc_parcels is not None else None
    Legend(config, lang, counts, supplied, supplied_row=supplied_legend).add_to(m)
    if tools:
        add_tools(m, lang)
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def _highlight_shapes(highlight, parcels) -> gpd.GeoDataFrame:
    if isinstance(highlight, gpd.GeoDataFrame):
        return highlight
    if not isinstance(parcels, gpd.GeoDataFrame):
        raise UsageError("map.err_highlight_needs_parcels")
    ids = {str(i) for i in ([highlight] if isinstance(highlight, str) else highlight)}
    return parcels[parcels["parcel_id"].astype("string").isin(ids)]


def map_payload_bytes(m: folium.Map) -> int:
    """Bytes of the map's self-contained HTML page: what a browser must receive
    (apart from the Leaflet library) to show it. Use the same measure for any
    folium map, e.g. a naive ``folium.GeoJson`` one, to compare."""
    return len(m.get_root().render().encode("utf-8"))
