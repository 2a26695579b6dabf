"""Per-feature checks: geometry clean-up, zones, duplicates, overlaps, areas.

Each function records what it finds in a :class:`~landinv.ingest.report.Report`
and returns which features survive, so one bad polygon never stops the rest of
the file from being read and reported.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import shapely

from landinv.domain import M2_PER_MU
from landinv.geometry import overlaps, polygon_parts
from landinv.i18n import tr
from landinv.ingest.report import Report

#: Share of the smaller polygon two parcels may share before it counts as an
#: overlap (0.1 %): shared edges and survey slivers do not, double counting does.
OVERLAP_TOLERANCE = 0.001
#: Declared and computed areas may differ by this share before it is flagged.
AREA_TOLERANCE = 0.01

_POLYGONAL = {"Polygon", "MultiPolygon"}
_TYPE_NAMES = {
    "Point": ("点", "a point"), "MultiPoint": ("多点", "points"),
    "LineString": ("线", "a line"), "MultiLineString": ("多线", "lines"),
    "LinearRing": ("线", "a line"), "GeometryCollection": ("几何集合", "a collection"),
}


class FeatureRef:
    """How to name feature ``i`` in an issue: its 1-based number and its ID."""

    def __init__(self, ids: list[str | None] | None = None):
        self.ids = ids

    def __call__(self, i: int) -> dict:
        object_id = self.ids[i] if self.ids is not None and i < len(self.ids) else None
        return {"feature": int(i) + 1, "object_id": object_id}

    def label(self, i: int) -> str:
        """``#3 XD-003`` (number and ID) for naming another feature in a message."""
        where = self(i)
        return f"#{where['feature']}" + (f" {where['object_id']}" if where["object_id"] else "")


def clean_geometries(wkb: np.ndarray, report: Report, ref: FeatureRef,
                     skip: np.ndarray | None = None) -> np.ndarray:
    """Parse WKB and turn every feature into a valid MultiPolygon or ``None``.

    Null, empty, non-polygonal and degenerate geometries are rejected per
    feature (``None``); invalid ones are repaired with ``make_valid`` (polygon
    parts kept) and reported as fixed; Z and M are dropped. Features in
    ``skip`` (already refused, e.g. too many vertices) are not parsed at all.
    """
    n = len(wkb)
    out = np.empty(n, dtype=object)
    present = np.array([w is not None for w in wkb], dtype=bool)
    skip = np.zeros(n, dtype=bool) if skip is None else skip
    present &= ~skip
    geoms = np.empty(n, dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geoms[present] = shapely.from_wkb(wkb[present], on_invalid="ignore")
        unreadable = present & shapely.is_missing(geoms)
        if unreadable.any():
            # Unclosed rings are closed by 'fix'; rings too short stay short.
            geoms[unreadable] = shapely.from_wkb(wkb[unreadable], on_invalid="fix")
    extra = (shapely.has_z(geoms) | shapely.has_m(geoms)) & ~shapely.is_missing(geoms)
    if extra.any():
        geoms = shapely.force_2d(geoms)
        report.fix("z_dropped", f"已去掉 {int(extra.sum())} 个要素的高程（Z）或量测（M）值。",
                   f"Dropped the Z (height) or M values of {int(extra.sum())} features.")
    # Fast path: valid (Multi)Polygons need no per-feature work; a valid ring
    # always has at least 4 coordinates and a valid polygon positive area.
    types = shapely.get_type_id(geoms)
    simple = (present & ~unreadable & np.isin(types, (3, 6)) & ~shapely.is_empty(geoms)
              & shapely.is_valid(geoms))
    single = np.flatnonzero(simple & (types == 3))
    if len(single):
        out[single] = shapely.multipolygons(geoms[single], indices=np.arange(len(single)))
    multi = simple & (types == 6)
    out[multi] = geoms[multi]
    for i in np.flatnonzero(~simple & ~skip):
        out[i] = _clean_one(geoms[i], present[i], bool(unreadable[i]), report, ref(i))
    return out


def _clean_one(geom, present: bool, reparsed: bool, report: Report, where: dict):
    if present and geom is None:
        report.refuse("unreadable_geometry",
                      "图形数据无法解析（结构损坏）。请在原软件中重画或重新导出。",
                      "The shape's data cannot be parsed (broken structure). Redraw or "
                      "export it again from the original software.", **where)
        return None
    if not present:
        report.refuse("null_geometry", "没有几何图形（空记录）。请补画地块范围或删除该记录。",
                      "No geometry (null record). Draw the outline or delete the record.",
                      **where)
        return None
    if not np.isfinite(shapely.get_coordinates(geom)).all():
        # NaN/Infinity (GeoJSON allows the tokens through GDAL): GEOS cannot repair them.
        report.refuse("nonfinite_coordinates", tr("ingest_read.nonfinite_coordinates", "zh"),
                      tr("ingest_read.nonfinite_coordinates", "en"), **where)
        return None
    if geom.is_empty:
        report.refuse("empty_geometry", "几何图形为空。请补画地块范围或删除该记录。",
                      "The geometry is empty. Draw the outline or delete the record.", **where)
        return None
    kind = geom.geom_type
    if kind not in _POLYGONAL and kind != "GeometryCollection":
        name_zh, name_en = _TYPE_NAMES.get(kind, (kind, kind))
        report.refuse("not_polygon", f"这是{name_zh}，不是面。地块和厂房只能是面（多边形）。",
                      f"This is {name_en}, not a polygon. Parcels and buildings must be "
                      "polygons.", **where)
        return None
    if kind == "GeometryCollection":
        parts = polygon_parts(geom)
        if parts is None:
            report.refuse("not_polygon", "几何集合里没有面。地块和厂房只能是面（多边形）。",
                          "The geometry collection holds no polygon. Parcels and buildings "
                          "must be polygons.", **where)
            return None
        report.fix("non_polygon_parts_dropped", "几何集合中的点、线部分已去掉，只保留面。",
                   "Dropped the points and lines of a geometry collection; kept its "
                   "polygons.", **where)
        geom = parts
    geom, dropped, kept = _drop_short_rings(geom)
    if dropped and not kept:
        report.refuse("ring_too_few_points",
                      "边界环的顶点太少（少于 3 个不同的点），围不成面。请在原软件中重画该地块。",
                      "A boundary ring has too few points (fewer than 3 distinct corners) to "
                      "enclose an area. Redraw the parcel in the original software.", **where)
        return None
    if dropped:
        report.fix("short_ring_dropped", f"去掉了 {dropped} 个顶点不足的环（孔洞或碎片）。",
                   f"Removed {dropped} ring(s) with too few points (holes or slivers).",
                   **where)
    if reparsed:
        report.fix("ring_closed", "边界环首尾未闭合，已自动闭合。",
                   "A boundary ring was not closed; it was closed automatically.", **where)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        repaired = polygon_parts(shapely.make_valid(geom))
        if repaired is None or repaired.area == 0:
            report.refuse("no_area", f"图形无效（{reason}），修复后没有面积。请在原软件中重画。",
                          f"Invalid geometry ({reason}) with no area left after repair. "
                          "Redraw it in the original software.", **where)
            return None
        report.fix("geometry_repaired", f"图形无效（{reason}），已用 make_valid 修复（只保留面）。",
                   f"Invalid geometry ({reason}); repaired with make_valid, keeping the "
                   "polygon parts.", **where)
        geom = repaired
    result = polygon_parts(geom)
    if result is None or result.area == 0:
        report.refuse("no_area", "图形面积为零。请在原软件中重画。",
                      "The geometry has zero area. Redraw it in the original software.",
                      **where)
        return None
    return result


def _drop_short_rings(geom):
    """Remove rings with fewer than 4 coordinates; return (geom, n_dropped, n_polys_kept)."""
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    kept, dropped = [], 0
    for poly in polys:
        shell = poly.exterior
        holes = list(poly.interiors)
        if len(shell.coords) < 4:
            dropped += 1 + len(holes)
            continue
        good = [h for h in holes if len(h.coords) >= 4]
        dropped += len(holes) - len(good)
        kept.append(poly if len(good) == len(holes) else shapely.Polygon(shell, good))
    if not dropped:
        return geom, 0, len(kept)
    return (shapely.MultiPolygon(kept) if kept else None), dropped, len(kept)


# -- zones ---------------------------------------------------------------------

def locate_zones(geoms: np.ndarray, zones) -> np.ndarray:
    """Zone code holding the largest share of each geometry (None when outside all).

    ``geoms`` and ``zones`` are in EPSG:4490; null geometries give None.
    """
    out = np.full(len(geoms), None, dtype=object)
    if zones is None or not len(zones) or not len(geoms):
        return out
    zone_geoms = np.asarray(zones.geometry.values, dtype=object)
    codes = np.asarray(zones["code"].values, dtype=object)
    tree = shapely.STRtree(zone_geoms)
    present = ~shapely.is_missing(geoms)
    left, right = tree.query(geoms[present], predicate="intersects")
    if not len(left):
        return out
    idx = np.flatnonzero(present)[left]
    shared = shapely.area(shapely.intersection(geoms[idx], zone_geoms[right]))
    best: dict[int, tuple[float, str]] = {}
    for i, j, a in zip(idx, right, shared):
        if a > 0 and a > best.get(int(i), (0.0, ""))[0]:
            best[int(i)] = (float(a), codes[j])
    for i, (_, code) in best.items():
        out[i] = code
    return out


# -- duplicates and overlaps -----------------------------------------------------

def find_duplicate_ids(ids: list[str | None]) -> dict[str, list[int]]:
    """``{id: [positions]}`` of IDs used more than once (blank IDs ignored)."""
    given = pd.Series(ids, dtype=object)
    # Only the few repeated IDs are grouped in Python (the loop was 0.5 s at 100k).
    repeated = np.flatnonzero(given.duplicated(keep=False).to_numpy())
    seen: dict[str, list[int]] = {}
    for i in repeated.tolist():
        value = ids[i]
        if value:
            seen.setdefault(value, []).append(i)
    return {k: v for k, v in seen.items() if len(v) > 1}


def overlaps_within(geoms: np.ndarray) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, share)`` with i < j of features of one file that overlap."""
    return [(i, j, f) for i, j, f in overlaps(geoms, geoms, min_area_ratio=OVERLAP_TOLERANCE)
            if i < j]


def overlaps_with(geoms: np.ndarray, existing: np.ndarray) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, share)``: new feature i overlaps stored feature j."""
    return overlaps(geoms, existing, min_area_ratio=OVERLAP_TOLERANCE)


def area_mismatch(declared: float | None, computed: float) -> float | None:
    """Relative difference when above :data:`AREA_TOLERANCE`, else None."""
    if declared is None or declared <= 0 or computed <= 0:
        return None
    diff = (declared - computed) / computed
    return diff if abs(diff) > AREA_TOLERANCE else None


def describe_area(m2: float) -> tuple[str, str]:
    """``('1,234.5 平方米（1.85 亩）', '1,234.5 m² (1.85 mu)')`` for messages."""
    mu = m2 / M2_PER_MU
    return f"{m2:,.1f} 平方米（{mu:,.2f} 亩）", f"{m2:,.1f} m² ({mu:,.2f} mu)"


def assign_zones(zone_codes: list, geoms: np.ndarray, zones, cfg, allow_outside: bool,
                 report: Report, ref: FeatureRef) -> None:
    """Fill blank zones from the boundaries (in place); refuse features outside every zone.

    Without boundaries (no store) a blank zone cannot be derived and is refused.
    """
    n = len(geoms)
    # A zone value already refused as unknown is neither filled in nor refused twice.
    unknown = {i.feature - 1 for i in report.must_fix if i.code == "unknown_zone"}
    if zones is None or not len(zones):
        report.note("no_zone_boundaries", "没有片区边界可用：未检查要素是否在开发区内。",
                    "No zone boundaries available: features were not checked against the "
                    "development zone.")
        for i in range(n):
            if zone_codes[i] is None and geoms[i] is not None and i not in unknown:
                report.refuse("missing_zone", "没有片区。请填写“片区”字段或在导入时统一指定。",
                              "No zone. Fill the zone field or give one zone for the whole "
                              "file.", **ref(i))
        return
    located = locate_zones(geoms, zones)
    names = {z.code: (z.name_zh, z.name_en) for z in cfg.zones}
    from_boundary = 0
    for i in range(n):
        if geoms[i] is None:
            continue
        where = located[i]
        if where is None:
            _outside(allow_outside, report, ref(i))
            continue
        given = zone_codes[i]
        if i in unknown:
            continue
        if given is None:
            zone_codes[i] = where
            from_boundary += 1
        elif given != where:
            g_zh, g_en = names.get(given, (given, given))
            w_zh, w_en = names.get(where, (where, where))
            report.warn("zone_mismatch",
                        f"属性写的是{g_zh}，但图形位于{w_zh}。入库按属性值；请核对。",
                        f"The attributes say {g_en} but the shape lies in {w_en}. The "
                        "attribute is stored; please check.", **ref(i))
    if from_boundary:
        report.note("zone_from_boundaries", f"{from_boundary} 个要素的片区按片区边界自动判定。",
                    f"The zone of {from_boundary} features was taken from the zone boundaries.")


def _outside(allow: bool, report: Report, where: dict) -> None:
    if allow:
        report.warn("outside_zones", "要素不在任何片区内（已按要求接受）。",
                    "The feature lies outside every zone (accepted as asked).", **where)
        return
    report.refuse("outside_zones",
                  "要素不在任何片区范围内。请检查坐标系或图形位置；确属区外地块时，"
                  "可在导入时选择“接受区外要素”。",
                  "The feature lies outside every zone. Check the coordinate system or the "
                  "shape's position; if it truly is outside, import with 'allow outside'.",
                  **where)


def check_duplicates_and_overlaps(kind: str, ids: list, geoms: np.ndarray, report: Report,
                                  ref: FeatureRef) -> None:
    """Refuse every feature whose ID repeats, and both features of an overlapping pair."""
    for value, positions in find_duplicate_ids(ids).items():
        listed = ", ".join(f"#{p + 1}" for p in positions)
        for p in positions:
            report.refuse("duplicate_id_in_file",
                          f"编号 {value} 在文件中出现 {len(positions)} 次（{listed}）。"
                          "编号必须唯一。",
                          f"ID {value} appears {len(positions)} times in the file ({listed}). "
                          "IDs must be unique.", **ref(p))
    present = np.flatnonzero(~shapely.is_missing(geoms))
    what_zh = "地块" if kind == "parcels" else "厂房"
    for a, b, share in overlaps_within(geoms[present]):
        i, j = int(present[a]), int(present[b])
        for me, other in ((i, j), (j, i)):
            label = ref.label(other)
            report.refuse("overlap_in_file",
                          f"与文件中的{what_zh} {label} 重叠（占较小者的 {share:.1%}），"
                          "会重复计算面积。请修正边界。",
                          f"Overlaps {label} in the same file ({share:.1%} of the smaller "
                          "one); the area would be counted twice. Fix the boundaries.",
                          **ref(me))
