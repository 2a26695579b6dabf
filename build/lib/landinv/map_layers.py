"""The compact map layer: what the browser receives for parcels, buildings and zones.

Pure numpy/shapely, no folium: :func:`encode_parcels`, :func:`encode_buildings`
and :func:`encode_zones` turn a GeoDataFrame into an :class:`EncodedLayer`, a
JSON payload that ``mapview_layer.js`` decodes and draws (docs/map.md lists
its fields). Vertices are rounded to a 1e-5 degree grid, vertices that do not
change the outline are dropped, shells and holes are oriented, and the result
is delta-coded as base64 VLQ text, so 100,000 parcels fit in ~10 MB and encode
in about a second, with every outline within 1 m of the stored geometry.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from landinv.domain import (
    BUILDINGS,
    PARCELS,
    STATUS_LABELS,
    STATUS_SUPPLIED,
    STATUSES,
    STORE_EPSG,
    Config,
    m2_to_mu,
)
from landinv.geometry import area_m2
from landinv.schema import header

#: Vertex grid of the payload in degrees: 1e-5 deg is 1.1 m north-south and
#: 0.97 m east-west at Changshan, so rounding moves a vertex < 0.75 m.
QUANTUM_DEG = 1e-5
#: A vertex closer than this (in degrees of latitude, < 0.25 m) to the segment
#: joining its neighbours is dropped. With rounding, an outline stays within
#: 1 m of the stored geometry.
SIMPLIFY_DEG = 2e-6
#: Point used for a label when a zone has no geometry (Changshan EDZ).
DEFAULT_CENTER = (28.90, 118.52)
ZONES = "zones"

_VLQ_ALPHABET = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", dtype=np.uint8)
_VLQ_DIGIT = np.full(128, -1, dtype=np.int64)
_VLQ_DIGIT[_VLQ_ALPHABET] = np.arange(64)
_YES_NO = {"zh": ["否", "是"], "en": ["no", "yes"]}


def encode_vlq(values) -> str:
    """Encode integers as signed base64 VLQ text (5 bits a digit; sign in bit 0).

    Small numbers take one character, so delta-coded vertices of a parcel cost
    two to three characters per coordinate instead of about 18 in GeoJSON.
    """
    v = np.asarray(values, dtype=np.int64).ravel()
    if v.size == 0:
        return ""
    z = np.where(v < 0, ((-v) << 1) | 1, v << 1)
    digits = np.ones(v.size, dtype=np.int64)
    rest = z >> 5
    while (more := rest > 0).any():
        digits += more
        rest >>= 5
    width = int(digits.max())
    # One column per digit position; the mask keeps each value's own digits,
    # in row order, which is the order they are written in.
    table = np.empty((v.size, width), dtype=np.uint8)
    for k in range(width):
        cont = (digits > k + 1).astype(np.int64) << 5
        table[:, k] = _VLQ_ALPHABET[((z >> (5 * k)) & 31) | cont]
    used = np.arange(width)[None, :] < digits[:, None]
    return table[used].tobytes().decode("ascii")


def decode_vlq(text: str) -> np.ndarray:
    """Inverse of :func:`encode_vlq` (int64 array)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    d = _VLQ_DIGIT[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    last = (d & 32) == 0
    group = np.concatenate(([0], np.cumsum(last)[:-1]))
    first = np.flatnonzero(np.concatenate(([True], last[:-1])))
    position = np.arange(d.size) - first[group]
    value = np.zeros(int(last.sum()), dtype=np.int64)
    np.add.at(value, group, (d & 31) << (5 * position))
    return np.where(value & 1, -(value >> 1), value >> 1)


@dataclass(frozen=True)
class EncodedLayer:
    """One map layer in the compact form the browser decodes.

    Attributes
    ----------
    kind : str
        'parcels', 'buildings' or 'zones'.
    payload : str
        JSON text (see ``mapview_layer.js`` for its fields).
    count : int
        Features in the layer.
    class_counts : tuple of (code, count)
        Features per style class (per category for parcels), for the legend.
    bounds : tuple or None
        ``(min_lon, min_lat, max_lon, max_lat)`` of the features, None if empty.
    marked_count : int
        Features drawn with the payload's ``marked`` style (supplied parcels).
    """

    kind: str
    payload: str
    count: int
    bounds: tuple[float, float, float, float] | None
    class_counts: tuple[tuple[str, int], ...] = ()
    marked_count: int = 0

    @property
    def nbytes(self) -> int:
        """Size of the payload in UTF-8 bytes."""
        return len(self.payload.encode("utf-8"))


def lonlat_geoms(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Geometries in CGCS2000 lon/lat (used as WGS84: they agree within 1 m)."""
    if gdf.crs is not None and not gdf.crs.equals(f"EPSG:{STORE_EPSG}") and \
            not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(STORE_EPSG)
    return np.asarray(gdf.geometry.values, dtype=object)


def _pack_geometry(geoms: np.ndarray) -> dict:
    """Quantise, simplify, orient and delta-code polygons into payload fields.

    All steps are whole-array numpy operations on the vertex list (no Python
    loop per feature), which keeps 100,000 parcels to about a second.
    """
    n = len(geoms)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))  # Polygon, MultiPolygon
    if not polygonal.any():
        return {"q": QUANTUM_DEG, "c": "", "r": "", "f": encode_vlq(np.zeros(n, dtype=int))}
    if not polygonal.all():  # points or lines have no outline to fill: drawn as nothing
        geoms = np.where(polygonal, geoms, None)
    _, coords, offsets = shapely.to_ragged_array(geoms)
    if len(offsets) == 2:  # Polygons only: ring and polygon offsets
        ring_offsets, poly_offsets = (np.asarray(o, dtype=np.int64) for o in offsets)
        geom_offsets = np.arange(n + 1)
    else:  # MultiPolygons: ring, polygon and multipolygon offsets
        ring_offsets, poly_offsets, geom_offsets = (np.asarray(o, dtype=np.int64)
                                                    for o in offsets)
    n_rings = len(ring_offsets) - 1
    ring_of_vertex = np.repeat(np.arange(n_rings), np.diff(ring_offsets))
    feature_of_ring = np.repeat(np.repeat(np.arange(n), np.diff(geom_offsets)),
                                np.diff(poly_offsets))
    is_shell = np.zeros(n_rings, dtype=bool)
    is_shell[poly_offsets[:-1][np.diff(poly_offsets) > 0]] = True

    grid = np.rint(coords / QUANTUM_DEG).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)
    keep[ring_offsets[1:] - 1] = False  # the closing vertex repeats the first
    keep[1:] &= ~((grid[1:] == grid[:-1]).all(axis=1)
                  & (ring_of_vertex[1:] == ring_of_vertex[:-1]))  # same grid cell
    grid, ring_of_vertex = grid[keep], ring_of_vertex[keep]
    grid, ring_of_vertex = _drop_straight_vertices(grid, ring_of_vertex, n_rings)

    ring_len = np.bincount(ring_of_vertex, minlength=n_rings)
    solid = ring_len >= 3  # a ring squeezed below three vertices draws nothing
    grid = grid[solid[ring_of_vertex]]
    ring_of_vertex = ring_of_vertex[solid[ring_of_vertex]]
    grid = _orient_rings(grid, ring_of_vertex, is_shell, n_rings)
    deltas = np.diff(grid, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return {
        "q": QUANTUM_DEG,
        "c": encode_vlq(deltas),
        "r": encode_vlq(ring_len[solid]),
        "f": encode_vlq(np.bincount(feature_of_ring[solid], minlength=n)),
    }


def _ring_positions(ring_of_vertex: np.ndarray, n_rings: int):
    """Start, length and position within its ring of every vertex."""
    ring_len = np.bincount(ring_of_vertex, minlength=n_rings)
    ring_start = np.concatenate(([0], np.cumsum(ring_len)[:-1]))
    start = ring_start[ring_of_vertex]
    length = ring_len[ring_of_vertex]
    return start, length, np.arange(len(ring_of_vertex)) - start


def _drop_straight_vertices(grid, ring_of_vertex, n_rings):
    """Drop vertices within :data:`SIMPLIFY_DEG` of the segment joining their
    neighbours.

    One vectorised pass over every other vertex (odd positions), so each
    dropped vertex's neighbours stay and the outline moves at most the
    tolerance; rings under six vertices are left alone.
    """
    if len(grid) == 0:
        return grid, ring_of_vertex
    start, length, pos = _ring_positions(ring_of_vertex, n_rings)
    i = np.flatnonzero((pos % 2 == 1) & (length >= 6))
    prev = i - 1
    nxt = np.where(pos[i] == length[i] - 1, start[i], i + 1)
    # Metres per grid step east and north at this latitude.
    lat = float(np.median(grid[:, 1])) * QUANTUM_DEG
    sx = math.cos(math.radians(lat)) * QUANTUM_DEG * 111_320.0
    sy = QUANTUM_DEG * 111_320.0
    x, y = grid[:, 0], grid[:, 1]
    cx, cy = (x[nxt] - x[prev]) * sx, (y[nxt] - y[prev]) * sy
    ox, oy = (x[i] - x[prev]) * sx, (y[i] - y[prev]) * sy
    # Distance to the segment, not the line: a spike that doubles back along
    # the chord is far from the segment though close to its line.
    span2 = cx * cx + cy * cy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.clip(np.where(span2 > 0, (ox * cx + oy * cy) / span2, 0.0), 0.0, 1.0)
    dist = np.hypot(ox - t * cx, oy - t * cy)
    keep = np.ones(len(grid), dtype=bool)
    keep[i[dist < SIMPLIFY_DEG * sy]] = False
    return grid[keep], ring_of_vertex[keep]


def _orient_rings(grid, ring_of_vertex, is_shell, n_rings):
    """Shells counter-clockwise, holes clockwise (vertex order reversed in
    place where needed): the canvas fills many features in one path with the
    nonzero rule, which then keeps holes open and overlaps filled."""
    if len(grid) == 0:
        return grid
    start, length, pos = _ring_positions(ring_of_vertex, n_rings)
    nxt = np.where(pos == length - 1, start, np.arange(len(grid)) + 1)
    rel = grid - grid[start]  # small numbers: exact in int64
    twice_area = rel[:, 0] * rel[nxt, 1] - rel[nxt, 0] * rel[:, 1]
    ccw = np.bincount(ring_of_vertex, weights=twice_area, minlength=n_rings) > 0
    flip = (ccw != is_shell)[ring_of_vertex]
    order = np.where(flip, start + length - 1 - pos, np.arange(len(grid)))
    return grid[order]


def decode_geometries(payload: str | dict) -> list[shapely.MultiPolygon | None]:
    """Rebuild the polygons a payload draws (for tests and checks).

    Returns one MultiPolygon per feature (None for a feature without rings),
    in lon/lat degrees, with the payload's rounding.
    """
    data = json.loads(payload) if isinstance(payload, str) else payload
    xy = np.cumsum(decode_vlq(data["c"]).reshape(-1, 2), axis=0) * data["q"]
    ring_len = decode_vlq(data["r"])
    ring_start = np.concatenate(([0], np.cumsum(ring_len)))
    rings = [xy[ring_start[i]:ring_start[i + 1]] for i in range(len(ring_len))]
    out: list[shapely.MultiPolygon | None] = []
    r = 0
    for n_rings in decode_vlq(data["f"]):
        parts: list[shapely.Polygon] = []
        for ring in rings[r:r + n_rings]:
            if shapely.LinearRing(ring).is_ccw or not parts:
                parts.append(shapely.Polygon(ring))
            else:  # a clockwise ring after a shell is a hole of the last shell
                last = parts.pop()
                parts.append(shapely.Polygon(last.exterior, [*last.interiors, ring]))
        r += n_rings
        out.append(shapely.MultiPolygon(parts) if parts else None)
    return out


def _lookup(values: pd.Series, codes: Iterable[str], labels: dict[str, str]):
    """Indices into a label table for a column of codes (unknown codes appended)."""
    table = list(codes)
    text = values.astype("string").fillna("")
    for extra in pd.unique(text[~text.isin(table)]):
        table.append(str(extra))
    index = {code: i for i, code in enumerate(table)}
    return text.map(index).to_numpy(dtype=np.int64), [labels.get(c, c) for c in table]


def _strings(values: pd.Series) -> list[str]:
    return values.astype("string").fillna("").tolist()


def script_json(obj) -> str:
    """JSON text safe to place inside a ``<script>`` element."""
    # Compact, UTF-8 kept (Chinese names cost 3 bytes, not 6), and "</" broken
    # up so a name can never close the <script> the payload sits in.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _darker(color: str, factor: float = 0.65) -> str:
    """A darker shade of a ``#rrggbb`` colour, for outlines."""
    c = color.lstrip("#")
    if len(c) != 6:
        return color
    rgb = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{int(v * factor):02x}" for v in rgb)


def _encode(gdf: gpd.GeoDataFrame, kind: str, id_column: str, columns: list[dict],
            classes: np.ndarray, styles: list[dict], *, labels: bool = False,
            class_codes: list[str] | None = None, marked: dict | None = None,
            marked_count: int = 0) -> EncodedLayer:
    """Pack geometry, tooltip columns and style classes of one layer.

    ``marked`` (optional) names a lookup column, the table indices that mark
    a feature and the style changes drawn over its class style: the browser
    reads the mark from a column it already has, so it costs no byte per
    feature.
    """
    geoms = lonlat_geoms(gdf)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = tuple(float(v) for v in shapely.total_bounds(geoms[present])) \
        if present.any() else None
    data = {"kind": kind, **_pack_geometry(geoms),
            "id": _strings(gdf[id_column]) if id_column in gdf else [""] * len(gdf),
            "k": encode_vlq(classes), "styles": styles, "cols": columns}
    if marked:
        data["marked"] = marked
    if labels:
        # Above the top edge, not at the centre: at the zoom that shows all
        # sub-areas a centred label would hide the parcels it names.
        b = shapely.bounds(geoms)
        data["lp"] = [[round(y1, 6), round((x0 + x1) / 2, 6)] if np.isfinite(y1)
                      else list(DEFAULT_CENTER) for x0, _, x1, y1 in b]
    counts = np.bincount(classes, minlength=len(class_codes)) if class_codes else []
    return EncodedLayer(kind, script_json(data), len(gdf), bounds,
                        tuple((c, int(n)) for c, n in zip(class_codes or [], counts)),
                        marked_count)


def _hilbert_sorted(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Features in Hilbert-curve order: neighbours on the map are neighbours in
    the stream, so the jump between features costs few characters."""
    geoms = gdf.geometry
    present = ~(geoms.isna() | geoms.is_empty)
    if present.sum() < 2:
        return gdf
    key = np.zeros(len(gdf), dtype=np.int64)
    key[present.to_numpy()] = geoms[present].hilbert_distance().to_numpy()
    return gdf.iloc[np.argsort(key, kind="stable")]


def encode_parcels(gdf: gpd.GeoDataFrame, config: Config, lang: str = "zh") -> EncodedLayer:
    """Encode parcels (store schema) for the map, coloured by category.

    Supplied parcels keep their category colour but are drawn pale and
    hatched with a dashed outline (:data:`SUPPLIED_STYLE`), so land still
    available stands out. The tooltip shows parcel ID, name, zone, category,
    status and area in mu (from ``area_m2``, or computed on the ellipsoid
    when the column is absent).
    """
    gdf = _hilbert_sorted(gdf)
    n = len(gdf)

    def column(name: str) -> pd.Series:
        return gdf[name] if name in gdf else pd.Series([""] * n, index=gdf.index)

    zones, zone_labels = _lookup(column("zone"), [z.code for z in config.zones],
                                 {z.code: z.label(lang) for z in config.zones})
    cats, cat_labels = _lookup(column("category"), [c.code for c in config.categories],
                               {c.code: c.label(lang) for c in config.categories})
    status, status_labels = _lookup(column("status"), STATUSES,
                                    {k: v[lang] for k, v in STATUS_LABELS.items()})
    if "area_m2" in gdf and n:
        m2 = pd.to_numeric(gdf["area_m2"], errors="coerce").to_numpy(dtype=float)
        missing = np.isnan(m2)
        if missing.any():
            m2[missing] = area_m2(gdf.geometry[missing])
    else:
        m2 = area_m2(gdf.geometry) if n else np.zeros(0)
    status_column = {"l": header("status", lang), "t": "u", "u": status_labels,
                     "v": encode_vlq(status)}
    columns = [
        {"l": header("name", lang), "t": "s", "v": _strings(column("name"))},
        {"l": header("zone", lang), "t": "u", "u": zone_labels, "v": encode_vlq(zones)},
        {"l": header("category", lang), "t": "u", "u": cat_labels, "v": encode_vlq(cats)},
        status_column,
        {"l": header("area_mu", lang), "t": "n", "x": 100, "d": 2,
         "v": encode_vlq(np.rint(m2_to_mu(m2) * 100))},
    ]
    styles = [category_style(c.color) for c in config.categories]
    styles += [category_style("#757575")] * (len(cat_labels) - len(styles))
    codes = [c.code for c in config.categories]
    codes += cat_labels[len(codes):]
    # The status column is a lookup whose table starts with STATUSES.
    supplied = STATUSES.index(STATUS_SUPPLIED)
    marked = {"col": columns.index(status_column), "in": [supplied], "style": SUPPLIED_STYLE}
    return _encode(gdf, PARCELS, "parcel_id", columns, cats, styles, class_codes=codes,
                   marked=marked, marked_count=int((status == supplied).sum()))


def category_style(color: str) -> dict:
    """Canvas style of a parcel category: its colour, half-transparent, darker outline."""
    return {"fill": color, "fo": 0.45, "color": _darker(color), "w": 1.2}


#: Changes to a category style for supplied parcels: a pale fill, diagonal
#: hatching in the outline colour every ``hatch`` pixels, a dashed outline.
SUPPLIED_STYLE = {"fo": 0.12, "hatch": 7, "dash": [5, 3]}


#: Outline and fill of standard factory buildings and other buildings.
BUILDING_STYLES = (
    {"fill": "#6d4c41", "fo": 0.75, "color": "#3e2723", "w": 1.0},
    {"fill": "#9e9e9e", "fo": 0.6, "color": "#424242", "w": 0.8},
)
ZONE_STYLE = {"fill": "#000000", "fo": 0, "color": "#c62828", "w": 2.5, "dash": [8, 6]}


def encode_buildings(gdf: gpd.GeoDataFrame, config: Config, lang: str = "zh") -> EncodedLayer:
    """Encode buildings; standard factory buildings (标准厂房) stand out."""
    gdf = _hilbert_sorted(gdf)
    n = len(gdf)
    standard = gdf["is_standard_factory"].fillna(False).astype(bool).to_numpy() \
        if "is_standard_factory" in gdf else np.zeros(n, dtype=bool)
    floors = pd.to_numeric(gdf.get("floors", pd.Series(np.nan, index=gdf.index)),
                           errors="coerce").fillna(0).to_numpy()
    floor_area = pd.to_numeric(gdf.get("floor_area_m2", pd.Series(np.nan, index=gdf.index)),
                               errors="coerce").fillna(0).to_numpy()
    columns = [
        {"l": header("name", lang), "t": "s",
         "v": _strings(gdf["name"]) if "name" in gdf else [""] * n},
        {"l": header("parcel_id", lang), "t": "s",
         "v": _strings(gdf["parcel_id"]) if "parcel_id" in gdf else [""] * n},
        {"l": header("is_standard_factory", lang), "t": "u",
         "u": _YES_NO["en" if lang == "en" else "zh"], "v": encode_vlq(standard.astype(int))},
        {"l": header("floors", lang), "t": "n", "x": 1, "d": 0, "v": encode_vlq(floors)},
        {"l": header("floor_area_m2", lang), "t": "n", "x": 1, "d": 0,
         "v": encode_vlq(np.rint(floor_area))},
    ]
    classes = np.where(standard, 0, 1)
    return _encode(gdf, BUILDINGS, "building_id", columns, classes, list(BUILDING_STYLES))


def encode_zones(gdf: gpd.GeoDataFrame, config: Config, lang: str = "zh") -> EncodedLayer:
    """Encode zone boundaries (outlines with a name label, not clickable)."""
    gdf = gdf.copy()
    names = {z.code: z.label(lang) for z in config.zones}
    if "code" in gdf:
        label_col = "name_en" if lang == "en" else "name_zh"
        fallback = gdf[label_col] if label_col in gdf else gdf["code"]
        gdf["_label"] = [names.get(c, f) for c, f in zip(gdf["code"], fallback)]
    else:
        gdf["_label"] = ""
    return _encode(gdf, ZONES, "_label", [], np.zeros(len(gdf), dtype=int),
                   [ZONE_STYLE], labels=True)
