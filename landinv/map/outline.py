"""Polygon outlines for the map payload: quantised, simplified, oriented, delta-coded.

Pure numpy/shapely. :func:`pack_geometry` turns polygons into the payload's
``q``/``c``/``r``/``f`` fields (docs/map.md); :func:`decode_geometries` is its
inverse, for tests and the outline-error benchmark. Vertices are rounded to a
1e-5 degree grid, vertices that do not change the outline are dropped, shells
and holes are oriented, every outline stays within 1 m of the stored geometry.
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import shapely

from landinv.domain import STORE_EPSG
from landinv.map.vlq import decode_vlq, encode_vlq

#: Vertex grid of the payload in degrees: 1e-5 deg is 1.1 m north-south and
#: 0.97 m east-west at Changshan, so rounding moves a vertex < 0.75 m.
QUANTUM_DEG = 1e-5
#: A vertex closer than this (in degrees of latitude, < 0.25 m) to the segment
#: joining its neighbours is dropped. With rounding, an outline stays within
#: 1 m of the stored geometry.
SIMPLIFY_DEG = 2e-6


def lonlat_geoms(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Geometries in CGCS2000 lon/lat (used as WGS84: they agree within 1 m)."""
    if (
        gdf.crs is not None
        and not gdf.crs.equals(f"EPSG:{STORE_EPSG}")
        and not gdf.crs.equals("EPSG:4326")
    ):
        gdf = gdf.to_crs(STORE_EPSG)
    return np.asarray(gdf.geometry.values, dtype=object)


def pack_geometry(geoms: np.ndarray) -> dict:
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
        ring_offsets, poly_offsets, geom_offsets = (np.asarray(o, dtype=np.int64) for o in offsets)
    n_rings = len(ring_offsets) - 1
    ring_of_vertex = np.repeat(np.arange(n_rings), np.diff(ring_offsets))
    feature_of_ring = np.repeat(
        np.repeat(np.arange(n), np.diff(geom_offsets)), np.diff(poly_offsets)
    )
    is_shell = np.zeros(n_rings, dtype=bool)
    is_shell[poly_offsets[:-1][np.diff(poly_offsets) > 0]] = True

    grid = np.rint(coords / QUANTUM_DEG).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)
    keep[ring_offsets[1:] - 1] = False  # the closing vertex repeats the first
    keep[1:] &= ~(
        (grid[1:] == grid[:-1]).all(axis=1) & (ring_of_vertex[1:] == ring_of_vertex[:-1])
    )  # same grid cell
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
    rings = [xy[ring_start[i] : ring_start[i + 1]] for i in range(len(ring_len))]
    out: list[shapely.MultiPolygon | None] = []
    r = 0
    for n_rings in decode_vlq(data["f"]):
        parts: list[shapely.Polygon] = []
        for ring in rings[r : r + n_rings]:
            if shapely.LinearRing(ring).is_ccw or not parts:
                parts.append(shapely.Polygon(ring))
            else:  # a clockwise ring after a shell is a hole of the last shell
                last = parts.pop()
                parts.append(shapely.Polygon(last.exterior, [*last.interiors, ring]))
        r += n_rings
        out.append(shapely.MultiPolygon(parts) if parts else None)
    return out
