"""Pure geometry functions: ellipsoidal areas, polygon clean-up, overlaps.

Areas are computed in a Lambert azimuthal equal-area projection on the GRS80
ellipsoid centred on the 1-degree cell of each geometry. The projection
preserves area exactly on the ellipsoid, so the only difference from a geodesic polygon area
(``pyproj.Geod.geometry_area_perimeter``) comes from edges being straight in
the plane instead of geodesics: below 1e-8 relative for parcels, and one
vectorised pass over all vertices instead of a Python loop per polygon.
"""

from __future__ import annotations

import functools

import numpy as np
import pyproj
import shapely

from landinv.domain import ELLIPSOID, STORE_EPSG

_GEOGRAPHIC = pyproj.CRS.from_epsg(STORE_EPSG)


def _as_array(geoms) -> np.ndarray:
    """Geometry array from a GeoSeries, list or ndarray (no copy of shapes)."""
    if hasattr(geoms, "values") and hasattr(geoms, "crs"):
        return np.asarray(geoms.values, dtype=object)
    return np.asarray(geoms, dtype=object)


def area_m2(geoms, crs=STORE_EPSG) -> np.ndarray:
    """Ellipsoidal area of each geometry in square metres.

    Parameters
    ----------
    geoms : GeoSeries or array-like of shapely geometries
        Polygons in ``crs`` (null or empty entries give 0).
    crs : anything pyproj accepts, default EPSG:4490
        The geometries' CRS; ignored when ``geoms`` is a GeoSeries with a CRS.

    Returns
    -------
    numpy.ndarray of float64
    """
    if getattr(geoms, "crs", None) is not None:
        crs = geoms.crs
    arr = _as_array(geoms)
    if len(arr) == 0:
        return np.zeros(0)
    src = pyproj.CRS.from_user_input(crs)
    if not src.is_geographic or not src.equals(_GEOGRAPHIC, ignore_axis_order=True):
        to_geo = pyproj.Transformer.from_crs(src, _GEOGRAPHIC, always_xy=True)
        arr = shapely.transform(
            arr, lambda xy: np.column_stack(to_geo.transform(xy[:, 0], xy[:, 1]))
        )
    present = ~(shapely.is_missing(arr) | shapely.is_empty(arr))
    out = np.zeros(len(arr))
    if not present.any():
        return out
    # Project each geometry in the equal-area frame of the 1-degree cell its
    # bounding box centre falls in: a parcel's area then depends on its own
    # shape only, never on which other parcels share the batch (restores and
    # re-imports give bit-identical areas), and there are only a few cells, so
    # the work stays vectorised.
    bounds = shapely.bounds(arr[present])
    cells = np.floor(
        np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2])
    ).astype(int)
    index = np.flatnonzero(present)
    # One integer key per cell: np.unique over rows (axis=0) sorts a structured
    # view, a quarter of this function's time at 100k parcels.
    key = cells[:, 0].astype(np.int64) * 1_000 + (cells[:, 1] + 500)
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.r_[True, key[order][1:] != key[order][:-1]])
    for members in np.split(order, starts[1:]):
        lon_cell, lat_cell = cells[members[0]]
        out[index[members]] = _projected_areas(
            arr[index[members]], _laea(int(lon_cell), int(lat_cell))
        )
    return out


def _projected_areas(geoms: np.ndarray, proj: pyproj.Proj) -> np.ndarray:
    """Planar area of each (non-empty) geometry after projecting it with ``proj``.

    Polygons without holes, nearly every parcel, take the shoelace formula on
    the projected coordinate array: building projected geometries only to
    measure them was a third of the time (docs/benchmarks.md). The rest go
    through shapely. Either way an area depends on its own geometry only.
    """
    out = np.empty(len(geoms))
    simple = (shapely.get_type_id(geoms) == 3) & (shapely.get_num_interior_rings(geoms) == 0)
    n = int(simple.sum())
    if n:
        xy, owner = shapely.get_coordinates(geoms[simple], return_index=True)
        x, y = proj(xy[:, 0], xy[:, 1])
        counts = np.bincount(owner, minlength=n)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        # Relative to each ring's first vertex, as GEOS does, to keep precision.
        dx, dy = x - x[first], y - y[first]
        cross = dx[:-1] * dy[1:] - dx[1:] * dy[:-1]
        same_ring = owner[:-1] == owner[1:]
        out[simple] = (
            np.abs(np.bincount(owner[:-1][same_ring], weights=cross[same_ring], minlength=n)) / 2
        )
    if n < len(geoms):
        projected = shapely.transform(
            geoms[~simple], lambda xy: np.column_stack(proj(xy[:, 0], xy[:, 1]))
        )
        out[~simple] = shapely.area(projected)
    return out


@functools.lru_cache(maxsize=64)
def _laea(lon_cell: int, lat_cell: int) -> pyproj.Proj:
    """Lambert azimuthal equal-area on GRS80 centred on a 1-degree cell."""
    return pyproj.Proj(
        proj="laea", lat_0=lat_cell + 0.5, lon_0=lon_cell + 0.5, ellps=ELLIPSOID, units="m"
    )


def geod_area_m2(geoms) -> np.ndarray:
    """Reference geodesic area with ``pyproj.Geod`` (slow; one call per polygon).

    Used by tests and benchmarks as the ground truth for :func:`area_m2`.
    Geometries must be lon/lat on CGCS2000.
    """
    geod = pyproj.Geod(ellps=ELLIPSOID)
    return np.array(
        [
            abs(geod.geometry_area_perimeter(g)[0]) if g is not None else 0.0
            for g in _as_array(geoms)
        ]
    )


def to_multipolygons(geoms) -> np.ndarray:
    """Drop Z/M and keep only polygonal parts, each result a MultiPolygon.

    Non-polygonal geometries (and collections without polygon parts) become
    ``None`` so callers can report them per feature.
    """
    arr = shapely.force_2d(_as_array(geoms))
    out = np.empty(len(arr), dtype=object)
    for i, g in enumerate(arr):
        out[i] = polygon_parts(g)
    return out


def polygon_parts(geom) -> shapely.MultiPolygon | None:
    """The polygonal part of ``geom`` as a MultiPolygon, or ``None`` if it has none."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        return shapely.MultiPolygon([geom])
    if geom.geom_type == "MultiPolygon":
        return geom
    if geom.geom_type == "GeometryCollection":
        polys = []
        for part in geom.geoms:
            sub = polygon_parts(part)
            if sub is not None:
                polys.extend(sub.geoms)
        return shapely.MultiPolygon(polys) if polys else None
    return None


def repair(geoms) -> tuple[np.ndarray, np.ndarray]:
    """Make invalid polygons valid, keeping only their polygonal parts.

    Returns
    -------
    repaired : ndarray of MultiPolygon or None
    changed : ndarray of bool
        True where the input was invalid and had to be repaired.
    """
    arr = _as_array(geoms)
    invalid = ~shapely.is_valid(arr) & ~shapely.is_missing(arr)
    fixed = arr.copy()
    if invalid.any():
        fixed[invalid] = shapely.make_valid(arr[invalid])
    return to_multipolygons(fixed), invalid


def overlaps(new_geoms, existing_geoms, *, min_area_ratio: float = 0.001):
    """Pairs (i, j) where new geometry i overlaps existing geometry j.

    An overlap counts when the shared area exceeds ``min_area_ratio`` of the
    smaller polygon's area, so shared boundaries and survey slivers do not.
    Uses an STRtree on the existing geometries (one bulk query).

    Returns
    -------
    list of tuple(int, int, float)
        ``(new_index, existing_index, shared_fraction_of_smaller)``.
    """
    new = _as_array(new_geoms)
    old = _as_array(existing_geoms)
    if len(new) == 0 or len(old) == 0:
        return []
    tree = shapely.STRtree(old)
    left, right = tree.query(new, predicate="intersects")
    if len(left) == 0:
        return []
    # A self-check (new and existing the same array) pairs each polygon with
    # itself; its overlap is its own area, so skip the costly intersection
    # (it was 13 of 33 s of a 100k-parcel ingest, see docs/benchmarks.md).
    same = np.fromiter((a is b for a, b in zip(new[left], old[right])), bool, len(left))
    inter = shapely.area(new[left])
    if not same.all():
        inter[~same] = shapely.area(shapely.intersection(new[left[~same]], old[right[~same]]))
    smaller = np.minimum(shapely.area(new[left]), shapely.area(old[right]))
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(smaller > 0, inter / smaller, 0.0)
    keep = frac > min_area_ratio
    return [(int(i), int(j), float(f)) for i, j, f in zip(left[keep], right[keep], frac[keep])]
