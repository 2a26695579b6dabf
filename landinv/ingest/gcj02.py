"""GCJ-02 ("Mars coordinates"): detect web-map offsets and convert them, never silently.

Chinese web maps (AutoNavi/Gaode, Tencent, and Google's China tiles) publish
longitude/latitude through the state-mandated GCJ-02 obfuscation: WGS 84
positions pushed by a smooth, position-dependent offset of a few hundred metres.
A parcel traced on such a map and saved as GeoJSON or KML looks like ordinary
longitude/latitude; nothing in the numbers says it is shifted.

What gives it away is where the parcels fall against the zone boundaries:
parcels lying wholly outside every zone, and the file back inside once the
offset is removed (parcels merely crossing a roughly drawn zone edge are
normal and prove nothing). :func:`suspect` measures that; the pipeline then offers the conversion
as a CRS choice (``GCJ02``), applied only when the caller picks it.

The forward transform below is the widely published one (Krasovsky-ellipsoid
constants, polynomial-plus-sine offsets, identity outside China). Its inverse
has no closed form and is found by fixed-point iteration, which converges to
well under a millimetre in a few steps because the offset varies slowly.
"""

from __future__ import annotations

import numpy as np
import shapely

#: Value a caller passes as the CRS (``--crs GCJ02``) to convert from GCJ-02.
GCJ02 = "GCJ02"
_A = 6378245.0  # semi-major axis used by the transform (Krasovsky)
_EE = 0.00669342162296594323  # its first eccentricity squared
#: Rough box of mainland China where the offset applies (identity elsewhere).
_CHINA = (72.004, 0.8293, 137.8347, 55.8271)
#: Share of the upload's area outside every zone that the conversion must remove.
MIN_OUTSIDE_SHARE = 0.005
#: The conversion must leave at most this fraction of the outside area.
MAX_REMAINING = 0.25


def is_gcj02(value) -> bool:
    """True when a caller's CRS option names GCJ-02."""
    return str(value or "").strip().upper().replace("-", "").replace("_", "") == GCJ02


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 minus WGS 84, in degrees, at WGS 84 positions (zero outside China)."""
    x, y = lon - 105.0, lat - 35.0
    waves = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + waves
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + waves
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * np.pi)
    inside = (lon >= _CHINA[0]) & (lon <= _CHINA[2]) & (lat >= _CHINA[1]) & (lat <= _CHINA[3])
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Shift WGS 84 (or CGCS2000) longitude/latitude the way Chinese web maps do."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, iterations: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Undo :func:`wgs84_to_gcj02` (fixed-point iteration; < 1 mm after 6 steps)."""
    glon, glat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(iterations):
        dlon, dlat = _offset(wlon, wlat)
        wlon, wlat = glon - dlon, glat - dlat
    return wlon, wlat


def to_wgs84(geoms: np.ndarray) -> np.ndarray:
    """Geometries in GCJ-02 longitude/latitude moved to WGS 84 (= CGCS2000 within 1 m)."""
    return shapely.transform(geoms, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))


def outside_share(geoms: np.ndarray, zone_union) -> float:
    """Share of the geometries' (planar, degree) area lying outside ``zone_union``."""
    total = float(shapely.area(geoms).sum())
    if total <= 0:
        return 0.0
    outside = float(shapely.area(shapely.difference(geoms, zone_union)).sum())
    return outside / total


def suspect(geoms: np.ndarray, zones) -> dict | None:
    """Evidence that geographic ``geoms`` are GCJ-02, or None.

    Parameters
    ----------
    geoms : ndarray of shapely geometries
        Valid features in the file's longitude/latitude.
    zones : GeoDataFrame or None
        Zone boundaries (EPSG:4490).

    Returns
    -------
    dict or None
        ``{'before': share outside, 'after': share outside once converted,
        'shift_m': typical offset in metres}`` when converting moves the file
        clearly into the zones.
    """
    if zones is None or not len(geoms):
        return None
    bounds = shapely.total_bounds(geoms)
    if not (
        _CHINA[0] <= bounds[0]
        and bounds[2] <= _CHINA[2]
        and _CHINA[1] <= bounds[1]
        and bounds[3] <= _CHINA[3]
    ):
        return None
    union = shapely.union_all(np.asarray(zones.geometry.values, dtype=object))
    shapely.prepare(union)
    # Parcels that only cross a zone's edge are common (zones are drawn roughly);
    # parcels lying wholly outside every zone are not. Ask for both signs.
    astray = int((~shapely.intersects(union, geoms)).sum())
    before = outside_share(geoms, union)
    if astray == 0 or before < MIN_OUTSIDE_SHARE:
        return None
    moved = to_wgs84(geoms)
    astray_after = int((~shapely.intersects(union, moved)).sum())
    after = outside_share(moved, union)
    if after > before * MAX_REMAINING or astray_after > astray * MAX_REMAINING:
        return None
    cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    wx, wy = gcj02_to_wgs84(cx, cy)
    shift = float(np.hypot((cx - wx) * 111_320 * np.cos(np.radians(cy)), (cy - wy) * 110_540))
    return {"before": before, "after": after, "shift_m": shift}
