"""Synthetic parcel layers at county scale, deterministic for a given seed.

Parcels sit one per cell of a square grid laid out in CGCS2000 Gauss-Kruger
metres east of Changshan. Each parcel lies inside a circle inside its cell, so
no two parcels of a layer overlap. About half are rotated rectilinear blocks
(stepped outlines, like plots cut from a street block), the rest irregular
outlines that are star-shaped about their centre (hence always simple and
valid). Every outline has 8 to 30 distinct vertices.

A checkerboard split (``cells="even"`` / ``"odd"``) gives two layers on the same
grid that interleave without overlapping: a stored inventory and an upload
beside it. ``overlap_share`` then shifts a few upload parcels half a cell so
they do overlap stored ones, as a re-surveyed plot would.

Files are written as a surveyor would send them: a zipped shapefile with
Chinese field names and values in GBK, no ``.cpg`` and no code page in the DBF
header, in Gauss-Kruger (EPSG:4528, zone number in the easting) or
geographic CGCS2000 (EPSG:4490).
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from landinv.domain import NEW, READY, REVITALISED, STATUS_AVAILABLE, STATUS_SUPPLIED, STORE_EPSG
from landinv.geometry import area_m2

#: Gauss-Kruger CRS the grid is laid out in (3-degree zone 40, CM 120E, zone in the easting).
GK_EPSG = 4528
#: South-west corner of the grid (lon, lat): just west of Changshan's development zone.
ORIGIN_LONLAT = (118.45, 28.85)
#: Grid cell edge in metres; parcels get 3,000 to 11,000 m² (5 to 16 mu).
CELL_M = 150.0
#: Radius of the circle each parcel lies in, as a share of the cell edge.
RADIUS_SHARE = 0.46
#: Vertex counts (distinct vertices per outline).
MIN_VERTICES, MAX_VERTICES = 8, 30

#: Surveyor's field names (GBK, each at most 10 bytes as dBase requires).
SURVEY_FIELDS = {
    "parcel_id": "地块编号",
    "name": "地块名称",
    "zone": "片区",
    "category": "地类",
    "status": "状态",
    "project": "供应项目",
    "land_use_code": "用地代码",
    "declared_area_m2": "申报面积",
}
_ZONES = (("xindu", "新都片区"), ("huibu", "辉埠片区"), ("jinchuan", "金川片区"))
_CATEGORIES = ((READY, "工业熟地"), (REVITALISED, "盘活低效用地"), (NEW, "新开发土地"))
_STATUS_ZH = {STATUS_AVAILABLE: "可供应", STATUS_SUPPLIED: "已供应"}
# A fixed "last update" date for the DBF header (GDAL writes today's), so a
# file is byte-for-byte the same whenever it is generated.
_DBF_DATE = bytes([125, 1, 1])
# A fixed member timestamp for the same reason.
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def grid_cells(n: int, cells: str = "all") -> np.ndarray:
    """Integer (column, row) of the grid cells holding ``n`` parcels.

    ``cells`` is ``"all"``, or ``"even"`` / ``"odd"`` for one colour of a
    checkerboard; two layers with the same ``n`` and opposite colours share
    one grid.
    """
    if cells not in ("all", "even", "odd"):
        raise ValueError(f"cells must be 'all', 'even' or 'odd', not {cells!r}")
    side = max(1, math.ceil(math.sqrt(n if cells == "all" else 2 * n)))
    col, row = np.meshgrid(np.arange(side), np.arange(side))
    col, row = col.ravel(), row.ravel()
    if cells != "all":
        keep = (col + row) % 2 == (0 if cells == "even" else 1)
        col, row = col[keep], row[keep]
    return np.column_stack([col[:n], row[:n]])


def _rectilinear(rng, m: int, nv: int, radius: float) -> np.ndarray:
    """(m, nv, 2) stepped outlines centred on (0, 0), inside ``radius``."""
    k = (nv - 2) // 2  # columns of the step profile; 2 + 2k vertices
    phi = rng.uniform(0.45, 1.12, m)
    scale = rng.uniform(0.8, 1.0, m)
    width = 2 * radius * scale * np.cos(phi)
    height = 2 * radius * scale * np.sin(phi)
    widths = rng.uniform(0.5, 1.5, (m, k))
    x = np.zeros((m, k + 1))
    x[:, 1:] = np.cumsum(widths, axis=1) / widths.sum(axis=1, keepdims=True) * width[:, None]
    # Column heights as shares of ``height``: every step at least 10 % tall so
    # no vertex is (nearly) collinear with its neighbours.
    share = np.empty((m, k))
    share[:, 0] = rng.uniform(0.5, 1.0, m)
    for c in range(1, k):
        step = rng.uniform(0.1, 0.35, m)
        up, down = share[:, c - 1] + step, share[:, c - 1] - step
        go_up = rng.random(m) < 0.5
        pick = np.where(go_up, up, down)
        alt = np.where(go_up, down, up)
        pick = np.where((pick > 1.0) | (pick < 0.5), alt, pick)
        far = np.where(share[:, c - 1] < 0.75, 1.0, 0.5)
        share[:, c] = np.where((pick > 1.0) | (pick < 0.5), far, pick)
    h = share * height[:, None]
    pts = np.empty((m, nv, 2))
    pts[:, 0] = 0.0
    pts[:, 1, 0], pts[:, 1, 1] = width, 0.0
    for i, c in enumerate(range(k - 1, -1, -1)):
        pts[:, 2 + 2 * i, 0], pts[:, 2 + 2 * i, 1] = x[:, c + 1], h[:, c]
        pts[:, 3 + 2 * i, 0], pts[:, 3 + 2 * i, 1] = x[:, c], h[:, c]
    # Centre the bounding box (its half-diagonal is at most ``radius``) and rotate.
    pts[:, :, 0] -= width[:, None] / 2
    pts[:, :, 1] -= h.max(axis=1)[:, None] / 2
    theta = rng.uniform(0, 2 * np.pi, m)[:, None]
    cos, sin = np.cos(theta), np.sin(theta)
    x_r = pts[:, :, 0] * cos - pts[:, :, 1] * sin
    y_r = pts[:, :, 0] * sin + pts[:, :, 1] * cos
    return np.stack([x_r, y_r], axis=2)


def _irregular(rng, m: int, nv: int, radius: float) -> np.ndarray:
    """(m, nv, 2) star-shaped outlines centred on (0, 0), inside ``radius``."""
    jitter = rng.uniform(-0.35, 0.35, (m, nv))
    angle = 2 * np.pi * (np.arange(nv)[None, :] + jitter) / nv
    angle += rng.uniform(0, 2 * np.pi, m)[:, None]
    wobble = np.zeros((m, nv))
    for harmonic in (2, 3, 5):
        amp = rng.uniform(0.0, 0.08, m)[:, None]
        phase = rng.uniform(0, 2 * np.pi, m)[:, None]
        wobble += amp * np.cos(harmonic * angle + phase)
    r = radius * np.clip(0.8 + wobble + rng.uniform(-0.05, 0.05, (m, nv)), 0.55, 1.0)
    return np.stack([r * np.cos(angle), r * np.sin(angle)], axis=2)


def make_outlines(
    n: int,
    *,
    seed: int = 0,
    cells: str = "all",
    overlap_share: float = 0.0,
    start: int = 0,
    total: int | None = None,
    cell_m: float = CELL_M,
) -> np.ndarray:
    """``n`` non-overlapping parcel outlines in Gauss-Kruger metres (EPSG:4528).

    Parameters
    ----------
    n : int
        Number of parcels.
    seed : int
        Seed of the random generator; the same arguments give the same outlines.
    cells : {'all', 'even', 'odd'}
        Which cells of the grid to fill (see :func:`grid_cells`).
    overlap_share : float
        Share of parcels moved half a cell east, onto the neighbouring cell
        (which, with ``cells='odd'``, holds a parcel of the ``'even'`` layer).
    start, total : int
        Make parcels ``start`` to ``start + n`` of a grid sized for ``total``
        (default ``n``): a large layer built chunk by chunk, with a different
        ``seed`` per chunk, still has one parcel per cell.
    cell_m : float
        Grid cell edge in metres.

    Returns
    -------
    numpy.ndarray of shapely Polygons
    """
    rng = np.random.default_rng(seed)
    radius = RADIUS_SHARE * cell_m
    rectilinear = rng.random(n) < 0.5
    nv = np.where(
        rectilinear,
        2 + 2 * rng.integers(3, (MAX_VERTICES - 2) // 2 + 1, n),
        rng.integers(MIN_VERTICES, MAX_VERTICES + 1, n),
    )
    margin = (0.5 - RADIUS_SHARE) * cell_m * 0.9
    cell = grid_cells(total or n, cells)[start : start + n]
    if len(cell) < n:
        raise ValueError(f"parcels {start}..{start + n} do not fit a grid for {total}")
    centre = (cell + 0.5) * cell_m + rng.uniform(-margin, margin, (n, 2))
    if overlap_share > 0:
        moved = rng.random(n) < overlap_share
        centre[moved, 0] += 0.5 * cell_m
    x0, y0 = pyproj.Transformer.from_crs(STORE_EPSG, GK_EPSG, always_xy=True).transform(
        *ORIGIN_LONLAT
    )
    centre += (x0, y0)
    out = np.empty(n, dtype=object)
    for is_rect in (True, False):
        for count in np.unique(nv[rectilinear == is_rect]):
            idx = np.flatnonzero((rectilinear == is_rect) & (nv == count))
            make = _rectilinear if is_rect else _irregular
            pts = make(rng, len(idx), int(count), radius) + centre[idx, None, :]
            out[idx] = shapely.polygons(pts)
    return out


def make_parcels(
    n: int,
    *,
    seed: int = 0,
    cells: str = "all",
    overlap_share: float = 0.0,
    start: int = 0,
    total: int | None = None,
    id_prefix: str = "CS",
    crs: int = STORE_EPSG,
) -> gpd.GeoDataFrame:
    """A parcel layer in the store's schema (English column names, codes).

    Columns ``parcel_id, name, zone, category, status, project, land_use_code,
    declared_area_m2`` and geometry in ``crs`` (default EPSG:4490). The
    declared area is the ellipsoidal area off by a surveyor's rounding and,
    for about one parcel in fifty, by more than 1 %.
    See :func:`make_outlines` for the other parameters.
    """
    outlines = make_outlines(
        n, seed=seed, cells=cells, overlap_share=overlap_share, start=start, total=total
    )
    geo = gpd.GeoSeries(outlines, crs=GK_EPSG).to_crs(crs)
    rng = np.random.default_rng(seed + 7919)  # attributes independent of the shapes
    zone_i = rng.integers(0, len(_ZONES), n)
    cat_i = rng.choice(len(_CATEGORIES), n, p=[0.5, 0.25, 0.25])
    supplied = rng.random(n) < 0.2
    off = np.where(rng.random(n) < 0.02, rng.uniform(1.02, 1.08, n), rng.normal(1.0, 0.002, n))
    true_area = area_m2(geo)
    number = np.arange(start + 1, start + n + 1).astype(str)
    ids = np.char.add(f"{id_prefix}-", np.char.zfill(number, 7))
    zone_zh = np.array([z[1] for z in _ZONES])[zone_i]
    frame = pd.DataFrame(
        {
            "parcel_id": ids.astype(object),
            "name": np.char.add(np.char.add(zone_zh, ids), "号地块").astype(object),
            "zone": np.array([z[0] for z in _ZONES], dtype=object)[zone_i],
            "category": np.array([c[0] for c in _CATEGORIES], dtype=object)[cat_i],
            "status": np.where(supplied, STATUS_SUPPLIED, STATUS_AVAILABLE).astype(object),
            "project": np.where(
                supplied, np.char.add("项目", (np.arange(n) % 977).astype(str)), None
            ).astype(object),
            "land_use_code": np.where(rng.random(n) < 0.9, "0601", "0602").astype(object),
            "declared_area_m2": np.round(true_area * off, 2),
        }
    )
    return gpd.GeoDataFrame(frame, geometry=geo.values, crs=crs)


def make_buildings(
    parcels: gpd.GeoDataFrame, *, share: float = 0.25, seed: int = 0, id_prefix: str = "B"
) -> gpd.GeoDataFrame:
    """Factory buildings on about ``share`` of the parcels, in the store's schema.

    Each footprint is its parcel's outline shrunk to 60 % about its centroid,
    kept only where that lies inside the parcel (a stepped outline's centroid
    can fall in a notch); about 60 % are standard factory buildings
    (标准厂房) of 1 to 5 floors. ``floor_area_m2`` is left empty: the store
    computes it as footprint × floors.
    """
    rng = np.random.default_rng(seed + 104729)
    chosen = np.flatnonzero(rng.random(len(parcels)) < share)
    host = parcels.iloc[chosen]
    shapes = np.asarray(host.geometry.values, dtype=object)
    centre = shapely.get_coordinates(shapely.centroid(shapes))
    counts = shapely.get_num_coordinates(shapes)
    origin = np.repeat(centre, counts, axis=0)
    coords = shapely.get_coordinates(shapes)
    footprints = shapely.set_coordinates(
        shapely.transform(shapes, lambda xy: xy), origin + 0.6 * (coords - origin)
    )
    inside = shapely.contains(shapes, footprints)
    host, footprints = host[inside], footprints[inside]
    m = len(host)
    frame = pd.DataFrame(
        {
            "building_id": np.char.add(f"{id_prefix}-", host["parcel_id"].to_numpy(str)).astype(
                object
            ),
            "parcel_id": host["parcel_id"].to_numpy(object),
            "name": np.char.add(host["name"].to_numpy(str), "厂房").astype(object),
            "zone": host["zone"].to_numpy(object),
            "is_standard_factory": rng.random(m) < 0.6,
            "floors": rng.integers(1, 6, m),
            "floor_area_m2": np.full(m, np.nan),
        }
    )
    return gpd.GeoDataFrame(frame, geometry=footprints, crs=parcels.crs)


def to_survey_fields(parcels: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Rename to a surveyor's Chinese fields and put Chinese values in them."""
    zones = dict(_ZONES)
    cats = dict(_CATEGORIES)
    out = parcels.copy()
    out["zone"] = out["zone"].map(zones)
    out["category"] = out["category"].map(cats)
    out["status"] = out["status"].map(_STATUS_ZH)
    return out.rename(columns=SURVEY_FIELDS)


def write_zipped_shapefile(
    gdf: gpd.GeoDataFrame,
    path: str | Path,
    *,
    crs: int = GK_EPSG,
    encoding: str = "GBK",
    cpg: bool = False,
) -> Path:
    """Write ``gdf`` as a zipped shapefile the way a surveyor's file arrives.

    Parameters
    ----------
    gdf : GeoDataFrame
        Any columns; written as they are (see :func:`to_survey_fields`).
    path : path-like
        The ``.zip`` to write; the shapefile inside is named after it.
    crs : int
        EPSG code the coordinates are written in (``.prj`` included).
    encoding : str
        Attribute encoding of the ``.dbf``.
    cpg : bool
        Keep the ``.cpg`` file and the DBF code page byte; by default both
        are removed, so a reader has to detect the encoding from the bytes.

    Returns
    -------
    Path of the zip.
    """
    path = Path(path)
    work = path.with_suffix("")
    work.mkdir(parents=True, exist_ok=True)
    shp = work / f"{path.stem}.shp"
    for old in work.glob(f"{path.stem}.*"):
        old.unlink()
    pyogrio.write_dataframe(gdf.to_crs(crs), shp, driver="ESRI Shapefile", encoding=encoding)
    dbf = shp.with_suffix(".dbf")
    with open(dbf, "r+b") as fh:
        fh.seek(1)
        fh.write(_DBF_DATE)
        if not cpg:
            fh.seek(29)
            fh.write(b"\x00")
    if not cpg:
        shp.with_suffix(".cpg").unlink(missing_ok=True)
    tmp = path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for member in sorted(work.glob(f"{path.stem}.*")):
            info = zipfile.ZipInfo(member.name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, member.read_bytes())
    tmp.replace(path)
    for member in work.glob(f"{path.stem}.*"):
        member.unlink()
    work.rmdir()
    return path
