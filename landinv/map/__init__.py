"""The inventory map: compact canvas layers on an offline folium/Leaflet map.

Where things are:

* :mod:`~landinv.map.build` — :func:`build_map` (the folium map: basemaps,
  layers, legend, fit to the data), :func:`highlight_layer`, :func:`zoom_for_bounds`;
  Leaflet's URLs come from the caller as :class:`LeafletAssets`.
* :mod:`~landinv.map.encode` — :func:`encode_parcels`, :func:`encode_buildings`,
  :func:`encode_zones`: GeoDataFrames to :class:`EncodedLayer` payloads.
* :mod:`~landinv.map.outline` — polygon packing (quantise, simplify, orient,
  delta-code) and :func:`decode_geometries`; :mod:`~landinv.map.vlq` — the VLQ text code.
* :mod:`~landinv.map.styles`, :mod:`~landinv.map.legend`, :mod:`~landinv.map.basemaps`.
* :mod:`~landinv.map.elements` and ``canvas.js`` — the browser layer and the
  folium elements that inline it.

Pure: no Streamlit. The app's page is :mod:`landinv.ui.map_page`.
"""

from landinv.map.basemaps import BASEMAPS, Basemap, available_basemaps, default_basemap
from landinv.map.build import (
    LeafletAssets,
    build_map,
    highlight_layer,
    map_payload_bytes,
    zoom_for_bounds,
)
from landinv.map.encode import (
    DEFAULT_CENTER,
    EncodedLayer,
    encode_buildings,
    encode_parcels,
    encode_zones,
)
from landinv.map.legend import legend_html
from landinv.map.outline import QUANTUM_DEG, SIMPLIFY_DEG, decode_geometries, lonlat_geoms
from landinv.map.styles import BUILDING_STYLES, SUPPLIED_STYLE, ZONE_STYLE, category_style
from landinv.map.vlq import decode_vlq, encode_vlq, script_json

__all__ = [
    "BASEMAPS",
    "BUILDING_STYLES",
    "DEFAULT_CENTER",
    "QUANTUM_DEG",
    "SIMPLIFY_DEG",
    "SUPPLIED_STYLE",
    "ZONE_STYLE",
    "Basemap",
    "EncodedLayer",
    "LeafletAssets",
    "available_basemaps",
    "build_map",
    "category_style",
    "decode_geometries",
    "decode_vlq",
    "default_basemap",
    "encode_buildings",
    "encode_parcels",
    "encode_vlq",
    "encode_zones",
    "highlight_layer",
    "legend_html",
    "lonlat_geoms",
    "map_payload_bytes",
    "script_json",
    "zoom_for_bounds",
]
